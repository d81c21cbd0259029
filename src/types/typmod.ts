// Type modifiers: their encoding (PostgreSQL's *typmodin functions), format_type, and the declared
// column types written into SQLite.
import { PgError } from "../errors/pg-error.js";
import { elementTypeOf, Oid, typeByName, typeByOid } from "./registry.js";

const VARHDRSZ = 4;
const MAX_ATTR_SIZE = 10 * 1024 * 1024;
const MAX_TIME_PRECISION = 6;

/** Interval range bits, from datetime.h: INTERVAL_MASK(MONTH) etc. */
export const IntervalField = {
  month: 1 << 1,
  year: 1 << 2,
  day: 1 << 3,
  hour: 1 << 10,
  minute: 1 << 11,
  second: 1 << 12,
} as const;
export const INTERVAL_FULL_RANGE = 0x7fff;
export const INTERVAL_FULL_PRECISION = 0xffff;

const F = IntervalField;
const intervalRanges = new Map<number, string>([
  [F.year, " year"],
  [F.month, " month"],
  [F.day, " day"],
  [F.hour, " hour"],
  [F.minute, " minute"],
  [F.second, " second"],
  [F.year | F.month, " year to month"],
  [F.day | F.hour, " day to hour"],
  [F.day | F.hour | F.minute, " day to minute"],
  [F.day | F.hour | F.minute | F.second, " day to second"],
  [F.hour | F.minute, " hour to minute"],
  [F.hour | F.minute | F.second, " hour to second"],
  [F.minute | F.second, " minute to second"],
  [INTERVAL_FULL_RANGE, ""],
]);

/** numeric typmod's precision and scale (scale is an 11-bit signed field since PostgreSQL 15). */
export function numericTypmodPrecision(typmod: number): number {
  return ((typmod - VARHDRSZ) >> 16) & 0xffff;
}
export function numericTypmodScale(typmod: number): number {
  return (((typmod - VARHDRSZ) & 0x7ff) ^ 1024) - 1024;
}

function invalidParam(message: string): PgError {
  return new PgError("INVALID_PARAMETER_VALUE", message);
}

function lengthTypmod(typname: string, args: number[]): number {
  if (args.length !== 1) throw invalidParam("invalid type modifier");
  const n = args[0]!;
  if (n < 1) throw invalidParam(`length for type ${typname} must be at least 1`);
  if (n > MAX_ATTR_SIZE) throw invalidParam(`length for type ${typname} cannot exceed ${MAX_ATTR_SIZE}`);
  return n;
}

function precisionTypmod(label: string, args: number[]): number {
  if (args.length !== 1) throw invalidParam("invalid type modifier");
  const p = args[0]!;
  if (p < 0) throw invalidParam(`${label}(${p}) precision must not be negative`);
  // PostgreSQL warns "precision reduced to maximum allowed, 6" and goes on.
  return Math.min(p, MAX_TIME_PRECISION);
}

/**
 * The typmod that PostgreSQL's typmodin function computes from the arguments written after a type
 * name, e.g. varchar(20) -> 24, numeric(10,2) -> 655366, timestamp(3) -> 3. -1 when args is empty.
 * For an array type the arguments apply to the element type.
 */
export function typmodFromArgs(oid: number, args: number[]): number {
  if (args.length === 0) return -1;
  const elem = elementTypeOf(oid);
  if (elem !== undefined) return typmodFromArgs(elem, args);
  switch (oid) {
    case Oid.varchar:
      return lengthTypmod("varchar", args) + VARHDRSZ;
    case Oid.bpchar:
      return lengthTypmod("char", args) + VARHDRSZ;
    case Oid.bit:
      return lengthTypmod("bit", args);
    case Oid.varbit:
      return lengthTypmod("varbit", args);
    case Oid.numeric: {
      if (args.length > 2) throw invalidParam("invalid NUMERIC type modifier");
      const p = args[0]!;
      const s = args[1] ?? 0;
      if (p < 1 || p > 1000) throw invalidParam(`NUMERIC precision ${p} must be between 1 and 1000`);
      if (s < -1000 || s > 1000) throw invalidParam(`NUMERIC scale ${s} must be between -1000 and 1000`);
      return ((p << 16) | (s & 0x7ff)) + VARHDRSZ;
    }
    case Oid.time:
      return precisionTypmod("TIME", args);
    case Oid.timetz:
      return precisionTypmod("TIME", args);
    case Oid.timestamp:
      return precisionTypmod("TIMESTAMP", args);
    case Oid.timestamptz:
      return precisionTypmod("TIMESTAMP", args);
    case Oid.interval:
      return intervalTypmod(args);
    default: {
      const name = typeByOid(oid)?.name ?? String(oid);
      throw new PgError("SYNTAX_ERROR", `type modifier is not allowed for type "${name}"`);
    }
  }
}

// intervaltypmodin: the first argument is the range mask, the optional second the precision.
function intervalTypmod(args: number[]): number {
  const range = args[0]!;
  if (args.length > 2 || !intervalRanges.has(range)) throw invalidParam("invalid INTERVAL type modifier");
  if (args.length === 1) {
    return range === INTERVAL_FULL_RANGE ? -1 : ((range & 0x7fff) << 16) | INTERVAL_FULL_PRECISION;
  }
  let p = args[1]!;
  if (p < 0) throw invalidParam(`INTERVAL(${p}) precision must not be negative`);
  p = Math.min(p, MAX_TIME_PRECISION);
  return ((range & 0x7fff) << 16) | p;
}

/** The arguments typmodFromArgs would turn into `typmod`; empty when typmod is -1 or meaningless. */
export function typmodArgs(oid: number, typmod: number): number[] {
  if (typmod < 0) return [];
  const elem = elementTypeOf(oid);
  if (elem !== undefined) return typmodArgs(elem, typmod);
  switch (oid) {
    case Oid.varchar:
    case Oid.bpchar:
      return typmod > VARHDRSZ ? [typmod - VARHDRSZ] : [];
    case Oid.numeric:
      return typmod >= VARHDRSZ ? [numericTypmodPrecision(typmod), numericTypmodScale(typmod)] : [];
    case Oid.bit:
    case Oid.varbit:
    case Oid.time:
    case Oid.timetz:
    case Oid.timestamp:
    case Oid.timestamptz:
      return [typmod];
    case Oid.interval: {
      const range = (typmod >> 16) & 0x7fff;
      const p = typmod & 0xffff;
      return p === INTERVAL_FULL_PRECISION ? [range] : [range, p];
    }
    default:
      return [];
  }
}

function intervalTypmodOut(typmod: number): string {
  if (typmod < 0) return "";
  const range = intervalRanges.get((typmod >> 16) & 0x7fff) ?? "";
  const p = typmod & 0xffff;
  return p === INTERVAL_FULL_PRECISION ? range : `${range}(${p})`;
}

/**
 * PostgreSQL's format_type_extended: "character varying(20)", "numeric(10,2)", "integer[]".
 * formatType(oid) and formatType(oid, -1) print like format_type_be, as error messages do. The SQL
 * function format_type(oid, typmod) is formatType(oid, typmod ?? -1, typmod !== null): a typmod given
 * as -1 makes bpchar print "bpchar" and bit '"bit"'.
 */
export function formatType(oid: number, typmod = -1, typmodGiven = false): string {
  const t = typeByOid(oid);
  if (!t) return "???";
  const mod = typmod;
  const given = typmodGiven || mod >= 0;
  const withMod = mod >= 0;
  const elem = elementTypeOf(oid);
  if (elem !== undefined) return `${formatType(elem, typmod, typmodGiven)}[]`;
  switch (oid) {
    case Oid.bit:
      if (withMod) return `bit(${mod})`;
      return given ? '"bit"' : "bit";
    case Oid.bpchar:
      if (withMod) return mod > VARHDRSZ ? `character(${mod - VARHDRSZ})` : "character";
      return given ? "bpchar" : "character";
    case Oid.varchar:
      return withMod && mod > VARHDRSZ ? `character varying(${mod - VARHDRSZ})` : "character varying";
    case Oid.varbit:
      return withMod ? `bit varying(${mod})` : "bit varying";
    case Oid.numeric:
      return withMod && mod >= VARHDRSZ
        ? `numeric(${numericTypmodPrecision(mod)},${numericTypmodScale(mod)})`
        : "numeric";
    case Oid.interval:
      return withMod ? `interval${intervalTypmodOut(mod)}` : "interval";
    case Oid.time:
      return withMod ? `time(${mod}) without time zone` : "time without time zone";
    case Oid.timetz:
      return withMod ? `time(${mod}) with time zone` : "time with time zone";
    case Oid.timestamp:
      return withMod ? `timestamp(${mod}) without time zone` : "timestamp without time zone";
    case Oid.timestamptz:
      return withMod ? `timestamp(${mod}) with time zone` : "timestamp with time zone";
    case Oid.bool:
    case Oid.float4:
    case Oid.float8:
    case Oid.int2:
    case Oid.int4:
    case Oid.int8:
      return t.sqlName;
    default:
      return withMod ? `${t.sqlName}(${mod})` : t.sqlName;
  }
}

/**
 * The declared type of a SQLite column holding this type: the typname plus typmod arguments, e.g.
 * "int4", "varchar(20)", "numeric text(10,2)", "timestamptz(3)", "_int4", "_varchar(20)".
 */
export function declaredTypeName(oid: number, typmod: number): string {
  const t = typeByOid(oid);
  if (!t) throw new Error(`unknown type OID ${oid}`);
  const args = typmodArgs(oid, typmod);
  const mod = args.length === 0 ? "" : `(${args.join(",")})`;
  // numeric keeps its exact decimal TEXT: "numeric text(10,2)" has TEXT affinity; so does "bit text(8)".
  if (t.name === "numeric" || (mod !== "" && TEXT_AFFINITY_NEEDED.has(t.name)))
    return `${t.name} ${TEXT_MARK}${mod}`;
  const name = `${t.name}${mod}`;
  return TEXT_AFFINITY_NEEDED.has(t.name) ? `${name} ${TEXT_MARK}` : name;
}

/**
 * Types stored as text whose names would give a SQLite column NUMERIC affinity, under which SQLite
 * turns text that looks like a number ('1.50' as json, '007' as name) into a number. Their
 * declared type ends in "text", which gives TEXT affinity; parseDeclaredType reads past it.
 */
const TEXT_MARK = "text";
const TEXT_AFFINITY_NEEDED = new Set([
  "json",
  "jsonb",
  "name",
  "xml",
  "money",
  "bit",
  "varbit",
  "inet",
  "cidr",
  "macaddr",
  "macaddr8",
  "tsvector",
  "tsquery",
  "jsonpath",
]);

const declaredPattern = /^\s*(.*?)\s*(?:\(\s*(-?\d+)\s*(?:,\s*(-?\d+)\s*)?\))?\s*(\[\])?\s*$/;

/** The inverse of declaredTypeName (case-insensitive); undefined for anything it does not recognise. */
export function parseDeclaredType(text: string): { oid: number; typmod: number } | undefined {
  const marked = /^(.*\S)\s+text$/i.exec(text);
  if (marked && TEXT_AFFINITY_NEEDED.has(marked[1]!.replace(/\(.*$/, "").toLowerCase())) text = marked[1]!;
  // "numeric text(10,2)" and "numeric text" (numeric columns with TEXT affinity).
  const numericMarked = /^\s*(numeric|bit|varbit)\s+text\b(.*)$/i.exec(text);
  if (numericMarked) text = `${numericMarked[1]}${numericMarked[2]}`;
  const m = declaredPattern.exec(text);
  if (!m) return undefined;
  let t = typeByName(m[1]!);
  if (!t) return undefined;
  if (m[4]) {
    if (t.array === 0) return undefined;
    t = typeByOid(t.array)!;
  }
  const args: number[] = [];
  if (m[2] !== undefined) args.push(Number(m[2]));
  if (m[3] !== undefined) args.push(Number(m[3]));
  try {
    return { oid: t.oid, typmod: typmodFromArgs(t.oid, args) };
  } catch {
    return undefined;
  }
}
