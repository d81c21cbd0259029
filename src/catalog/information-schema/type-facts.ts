// What information_schema says of a column's or routine's type: data_type, udt_*, domain_* and the
// _pg_char_max_length / _pg_numeric_precision / ... helper functions of PostgreSQL's
// information_schema.sql, computed over the "true" type (a domain's base type).
import type { SchemaView } from "../../sql/schema.js";
import { formatType, isArrayType, Oid, typeByOid } from "../../types/registry.js";
import type { CatalogRow } from "../catalog.js";

/** A type as a column declares it: a built-in type, an enum, or a domain over a base type. */
export interface DeclaredType {
  oid: number;
  typmod: number;
  /** The domain's name, when the column's type is one (oid and typmod are then the base type's). */
  domain?: string;
}

/** A yes_or_no value. */
export const yes = (b: boolean): string => (b ? "YES" : "NO");

/** The bytes a character of the database encoding (UTF8) may take: pg_encoding_max_length. */
const ENCODING_MAX_LENGTH = 4;

function charMaxLength(oid: number, typmod: number): number | null {
  if (typmod === -1) return null;
  if (oid === Oid.bpchar || oid === Oid.varchar) return typmod - 4;
  if (oid === Oid.bit || oid === Oid.varbit) return typmod;
  return null;
}

function charOctetLength(oid: number, typmod: number): number | null {
  if (oid !== Oid.text && oid !== Oid.bpchar && oid !== Oid.varchar) return null;
  if (typmod === -1) return 2 ** 30;
  const n = charMaxLength(oid, typmod);
  return n === null ? null : n * ENCODING_MAX_LENGTH;
}

function numericPrecision(oid: number, typmod: number): number | null {
  switch (oid) {
    case Oid.int2:
      return 16;
    case Oid.int4:
      return 32;
    case Oid.int8:
      return 64;
    case Oid.numeric:
      return typmod === -1 ? null : ((typmod - 4) >> 16) & 65535;
    case Oid.float4:
      return 24;
    case Oid.float8:
      return 53;
    default:
      return null;
  }
}

function numericRadix(oid: number): number | null {
  if (([Oid.int2, Oid.int4, Oid.int8, Oid.float4, Oid.float8] as number[]).includes(oid)) return 2;
  return oid === Oid.numeric ? 10 : null;
}

function numericScale(oid: number, typmod: number): number | null {
  if (oid === Oid.int2 || oid === Oid.int4 || oid === Oid.int8) return 0;
  if (oid === Oid.numeric) return typmod === -1 ? null : (typmod - 4) & 65535;
  return null;
}

function datetimePrecision(oid: number, typmod: number): number | null {
  if (oid === Oid.date) return 0;
  if (([Oid.time, Oid.timestamp, Oid.timestamptz, Oid.timetz] as number[]).includes(oid))
    return typmod < 0 ? 6 : typmod;
  if (oid === Oid.interval) return typmod < 0 || (typmod & 65535) === 65535 ? 6 : typmod & 65535;
  return null;
}

/** _pg_interval_type: the fields of an interval typmod ("DAY TO SECOND"), upper-cased. */
function intervalType(oid: number, typmod: number): string | null {
  if (oid !== Oid.interval) return null;
  const m = /^interval[()0-9]* (.*)$/.exec(formatType(oid, typmod, true));
  return m ? m[1]!.toUpperCase() : null;
}

/** A type's name and schema as pg_type has them (typname, nspname). */
export function udtOf(schema: SchemaView, oid: number): { name: string; schema: string } | undefined {
  const builtin = typeByOid(oid);
  if (builtin) return { name: builtin.name, schema: "pg_catalog" };
  for (const t of [...schema.enumTypes(), ...schema.domainTypes()]) {
    if (t.oid === oid) return { name: t.name, schema: "public" };
    if (t.arrayOid === oid) return { name: `_${t.name}`, schema: "public" };
  }
  return undefined;
}

/** data_type: ARRAY, the SQL name of a built-in type, or USER-DEFINED. */
export function dataType(schema: SchemaView, oid: number): string | null {
  if (isArrayType(oid) || (udtOf(schema, oid)?.name.startsWith("_") && !typeByOid(oid))) return "ARRAY";
  if (typeByOid(oid)) return formatType(oid, -1);
  return udtOf(schema, oid) ? "USER-DEFINED" : null;
}

/**
 * The type columns shared by information_schema.columns, attributes, domains and parameters:
 * data_type through interval_precision, the domain and udt columns.
 */
export function typeColumns(schema: SchemaView, database: string, t: DeclaredType): CatalogRow {
  const udt = udtOf(schema, t.oid);
  return {
    data_type: dataType(schema, t.oid),
    character_maximum_length: charMaxLength(t.oid, t.typmod),
    character_octet_length: charOctetLength(t.oid, t.typmod),
    numeric_precision: numericPrecision(t.oid, t.typmod),
    numeric_precision_radix: numericRadix(t.oid),
    numeric_scale: numericScale(t.oid, t.typmod),
    datetime_precision: datetimePrecision(t.oid, t.typmod),
    interval_type: intervalType(t.oid, t.typmod),
    interval_precision: null,
    domain_catalog: t.domain !== undefined ? database : null,
    domain_schema: t.domain !== undefined ? "public" : null,
    domain_name: t.domain ?? null,
    udt_catalog: database,
    udt_schema: udt?.schema ?? null,
    udt_name: udt?.name ?? null,
  };
}
