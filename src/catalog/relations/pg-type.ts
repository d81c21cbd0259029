import type { SchemaView } from "../../sql/schema.js";
import { allTypes, type TypeInfo, typeByOid } from "../../types/registry.js";
import { type CatalogRow, defineCatalogRows } from "../catalog.js";
import { catalogDefinitions } from "../definitions.generated.js";
import { domainExprText } from "./domain-facts.js";
import { NAMESPACE_OID, OWNER_OID, PG_CATALOG, PUBLIC } from "./namespaces.js";
import { rowArrayTypeOid, rowTypeOid } from "./user-types.js";

/**
 * pg_type: every built-in type of pg_catalog (src/types' table, generated from PostgreSQL 15),
 * information_schema's domains, and the tenant's enums, domains and table and view row types, each with
 * its array type, as CREATE TYPE, CREATE DOMAIN and CREATE TABLE make them.
 */

/** Types PostgreSQL marks typispreferred within their category. */
const PREFERRED = new Set(["bool", "text", "oid", "float8", "inet", "timestamptz", "interval", "varbit"]);
const TYPMOD_FUNCTIONS = new Set([
  "bpchar",
  "varchar",
  "time",
  "timestamp",
  "timestamptz",
  "interval",
  "timetz",
  "bit",
  "varbit",
  "numeric",
]);
/** int2vector and oidvector subscript as arrays do (indkey[0]), though they are not read as arrays. */
const VECTORS = new Set(["int2vector", "oidvector"]);
/** Fixed-length types whose elements can be subscripted (name[1], point[0]). */
const RAW_SUBSCRIPT = new Set(["name", "point", "lseg", "box", "line"]);

const base = (row: CatalogRow): CatalogRow => ({
  typnamespace: PUBLIC,
  typowner: OWNER_OID,
  typispreferred: 0,
  typisdefined: 1,
  typdelim: ",",
  typrelid: 0,
  typsubscript: "-",
  typelem: 0,
  typarray: 0,
  typmodin: "-",
  typmodout: "-",
  typanalyze: "-",
  typnotnull: 0,
  typbasetype: 0,
  typtypmod: -1,
  typndims: 0,
  typcollation: 0,
  typdefaultbin: null,
  typdefault: null,
  typacl: null,
  ...row,
});

function builtin(t: TypeInfo): CatalogRow {
  // Arrays (record[] among them) are read by array_in; int2vector and oidvector have their own.
  const isArray = t.input === "array_in";
  const relation = t.kind === "c" ? (catalogDefinitions[`pg_catalog.${t.name}`]?.oid ?? 0) : 0;
  return base({
    oid: t.oid,
    typname: t.name,
    typnamespace: PG_CATALOG,
    typlen: t.len,
    typbyval: t.byVal ? 1 : 0,
    typtype: t.kind,
    typcategory: t.category,
    typispreferred: PREFERRED.has(t.name) ? 1 : 0,
    typdelim: t.delimiter,
    typrelid: relation,
    typsubscript:
      isArray || VECTORS.has(t.name)
        ? "array_subscript_handler"
        : t.name === "jsonb"
          ? "jsonb_subscript_handler"
          : RAW_SUBSCRIPT.has(t.name)
            ? "raw_array_subscript_handler"
            : "-",
    typelem: t.elem,
    typarray: t.array,
    typinput: t.input,
    typoutput: t.output,
    typreceive: t.receive,
    typsend: t.send,
    typmodin: TYPMOD_FUNCTIONS.has(t.name)
      ? `${t.name}typmodin`
      : isArray && TYPMOD_FUNCTIONS.has(t.name.slice(1))
        ? `${t.name.slice(1)}typmodin`
        : "-",
    typmodout: TYPMOD_FUNCTIONS.has(t.name)
      ? `${t.name}typmodout`
      : isArray && TYPMOD_FUNCTIONS.has(t.name.slice(1))
        ? `${t.name.slice(1)}typmodout`
        : "-",
    typanalyze: analyzeFunction(t, isArray),
    typalign: t.align,
    typstorage: t.storage,
    typnotnull: t.notNull ? 1 : 0,
    typbasetype: t.baseType,
    typtypmod: t.typmod,
    typcollation: t.collation,
  });
}

function analyzeFunction(t: TypeInfo, isArray: boolean): string {
  if (isArray) return "array_typanalyze";
  if (t.name === "tsvector") return "ts_typanalyze";
  if (t.kind === "r") return "range_typanalyze";
  if (t.kind === "m") return "multirange_typanalyze";
  return "-";
}

/** information_schema's domains (their OIDs appear as column types of its views) and their arrays. */
const INFORMATION_SCHEMA_DOMAINS: [
  number,
  string,
  number,
  boolean,
  string,
  number,
  number,
  string,
  string,
  number,
][] = [
  // oid, name, typlen, byval, category, base type, typmod, align, storage, collation
  [13221, "cardinal_number", 4, true, "N", 23, -1, "i", "p", 0],
  [13224, "character_data", -1, false, "S", 1043, -1, "i", "x", 950],
  [13226, "sql_identifier", 64, false, "S", 19, -1, "c", "p", 950],
  [13232, "time_stamp", 8, true, "D", 1184, 2, "d", "p", 0],
  [13234, "yes_or_no", -1, false, "S", 1043, 7, "i", "x", 950],
];
/** How format_type and regtype print an information_schema domain or its array type (schema-qualified: not on the search path). */
export function informationSchemaTypeName(oid: number): string | undefined {
  for (const [domain, name] of INFORMATION_SCHEMA_DOMAINS) {
    if (domain === oid) return `information_schema.${name}`;
    if (domain - 1 === oid) return `information_schema.${name}[]`;
  }
  return undefined;
}

const DOMAIN_IO: Record<number, [string, string]> = {
  23: ["int4out", "int4send"],
  1043: ["varcharout", "varcharsend"],
  19: ["nameout", "namesend"],
  1184: ["timestamptz_out", "timestamptz_send"],
};

function* informationSchemaDomains(): Generator<CatalogRow> {
  const nsp = NAMESPACE_OID.information_schema!;
  for (const [
    oid,
    name,
    len,
    byVal,
    category,
    baseType,
    typmod,
    align,
    storage,
    collation,
  ] of INFORMATION_SCHEMA_DOMAINS) {
    const [output, send] = DOMAIN_IO[baseType]!;
    yield base({
      oid,
      typname: name,
      typnamespace: nsp,
      typlen: len,
      typbyval: byVal ? 1 : 0,
      typtype: "d",
      typcategory: category,
      typarray: oid - 1,
      typinput: "domain_in",
      typoutput: output,
      typreceive: "domain_recv",
      typsend: send,
      typalign: align,
      typstorage: storage,
      typbasetype: baseType,
      typtypmod: typmod,
      typcollation: collation,
      typdefault: name === "time_stamp" ? "CURRENT_TIMESTAMP(2)" : null,
      typdefaultbin: name === "time_stamp" ? "CURRENT_TIMESTAMP(2)" : null,
    });
    yield arrayType(oid - 1, `_${name}`, oid, align, collation, nsp);
  }
}

/** An array type: aligned as its elements, but at least as an int (its header). */
function arrayType(
  oid: number,
  name: string,
  elem: number,
  elemAlign: string,
  collation: number,
  nsp = PUBLIC,
) {
  const align = elemAlign === "d" ? "d" : "i";
  return base({
    oid,
    typname: name,
    typnamespace: nsp,
    typlen: -1,
    typbyval: 0,
    typtype: "b",
    typcategory: "A",
    typsubscript: "array_subscript_handler",
    typelem: elem,
    typinput: "array_in",
    typoutput: "array_out",
    typreceive: "array_recv",
    typsend: "array_send",
    typanalyze: "array_typanalyze",
    typalign: align,
    typstorage: "x",
    typcollation: collation,
  });
}

/** The tenant's own types: enums and row types, each followed by its array type. */
export function* userTypes(schema: SchemaView): Generator<CatalogRow> {
  for (const e of schema.enumTypes()) {
    yield base({
      oid: e.oid,
      typname: e.name,
      typlen: 4,
      typbyval: 1,
      typtype: "e",
      typcategory: "E",
      typarray: e.arrayOid,
      typinput: "enum_in",
      typoutput: "enum_out",
      typreceive: "enum_recv",
      typsend: "enum_send",
      typalign: "i",
      typstorage: "p",
    });
    yield arrayType(e.arrayOid, `_${e.name}`, e.oid, "i", 0);
  }
  for (const d of schema.domainTypes()) {
    const b = typeByOid(d.base.oid);
    const defaultText = d.defaultExpr !== undefined ? domainExprText(schema, d, d.defaultExpr, false) : null;
    yield base({
      oid: d.oid,
      typname: d.name,
      typlen: b?.len ?? -1,
      typbyval: b?.byVal ? 1 : 0,
      typtype: "d",
      typcategory: b?.category ?? "U",
      typarray: d.arrayOid,
      typinput: "domain_in",
      typoutput: b?.output ?? "textout",
      typreceive: "domain_recv",
      typsend: b?.send ?? "textsend",
      typalign: b?.align ?? "i",
      typstorage: b?.storage ?? "x",
      typnotnull: d.notNull ? 1 : 0,
      typbasetype: d.base.oid,
      typtypmod: d.base.typmod,
      typcollation: b?.collation ?? 0,
      typdefault: defaultText,
      typdefaultbin: defaultText,
    });
    yield arrayType(d.arrayOid, `_${d.name}`, d.oid, b?.align ?? "i", b?.collation ?? 0);
  }
  for (const c of schema.compositeTypes()) yield* compositeType(c.oid, c.name, c.relOid, c.arrayOid);
  for (const rel of schema.relations())
    yield* compositeType(rowTypeOid(rel), rel.name, rel.oid, rowArrayTypeOid(rel));
}

defineCatalogRows("pg_catalog.pg_type", function* (c) {
  for (const t of allTypes()) yield builtin(t);
  yield* informationSchemaDomains();
  yield* userTypes(c.schema);
});

/** A composite type (CREATE TYPE AS, or a table's row type) and its array type. */
function* compositeType(oid: number, name: string, relid: number, arrayOid: number) {
  yield base({
    oid,
    typname: name,
    typlen: -1,
    typbyval: 0,
    typtype: "c",
    typcategory: "C",
    typrelid: relid,
    typarray: arrayOid,
    typinput: "record_in",
    typoutput: "record_out",
    typreceive: "record_recv",
    typsend: "record_send",
    typalign: "d",
    typstorage: "x",
  });
  yield arrayType(arrayOid, `_${name}`, oid, "d", 0);
}
