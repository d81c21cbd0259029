import { type PgTypeRow, pgTypeRows } from "./builtin-types.generated.js";

export { declaredTypeName, formatType, parseDeclaredType, typmodArgs, typmodFromArgs } from "./typmod.js";

/** One built-in type, as pg_catalog.pg_type describes it. */
export interface TypeInfo {
  oid: number;
  /** typname, e.g. "int4", "_int4", "varchar". */
  name: string;
  /** typlen: bytes of the fixed-size form, -1 for varlena, -2 for C strings. */
  len: number;
  byVal: boolean;
  /** typtype: b base, c composite, d domain, e enum, p pseudo, r range, m multirange. */
  kind: string;
  /** typcategory, e.g. "N" numeric, "S" string, "A" array. */
  category: string;
  /** typdelim: the element separator of array literals (";" for box, "," otherwise). */
  delimiter: string;
  /** typelem: the element type of an array (or of a fixed-length subscriptable type such as name or point). */
  elem: number;
  /** typarray: the array type whose elements are this type, 0 when none. */
  array: number;
  baseType: number;
  notNull: boolean;
  typmod: number;
  input: string;
  output: string;
  receive: string;
  send: string;
  align: string;
  storage: string;
  collation: number;
  /** format_type(oid, NULL), e.g. "integer", "character varying", "integer[]". */
  sqlName: string;
  /** The row exactly as generated, in the column order of pgTypeColumns. */
  row: PgTypeRow;
}

/** Type OIDs used by the codecs and callers; all are stable across PostgreSQL versions. */
export const Oid = {
  bool: 16,
  bytea: 17,
  char: 18,
  name: 19,
  int8: 20,
  int2: 21,
  int2vector: 22,
  int4: 23,
  regproc: 24,
  text: 25,
  oid: 26,
  tid: 27,
  xid: 28,
  cid: 29,
  oidvector: 30,
  json: 114,
  xml: 142,
  point: 600,
  cidr: 650,
  float4: 700,
  float8: 701,
  unknown: 705,
  macaddr8: 774,
  money: 790,
  macaddr: 829,
  inet: 869,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  timetz: 1266,
  bit: 1560,
  varbit: 1562,
  numeric: 1700,
  regclass: 2205,
  regtype: 2206,
  record: 2249,
  cstring: 2275,
  any: 2276,
  anyarray: 2277,
  void: 2278,
  uuid: 2950,
  jsonb: 3802,
  jsonpath: 4072,
} as const;

const byOid = new Map<number, TypeInfo>();
const byName = new Map<string, TypeInfo>();

for (const row of pgTypeRows) {
  const info: TypeInfo = {
    oid: row[0],
    name: row[1],
    len: row[2],
    byVal: row[3],
    kind: row[4],
    category: row[5],
    delimiter: row[6],
    elem: row[7],
    array: row[8],
    baseType: row[9],
    notNull: row[10],
    typmod: row[11],
    input: row[12],
    output: row[13],
    receive: row[14],
    send: row[15],
    align: row[16],
    storage: row[17],
    collation: row[18],
    sqlName: row[19],
    row,
  };
  byOid.set(info.oid, info);
  byName.set(info.name, info);
}

// SQL spellings that are not typnames. The parser already maps most of these to pg_catalog names,
// but catalog queries, casts written as strings and declared types still use them.
const aliases: Record<string, string> = {
  integer: "int4",
  int: "int4",
  smallint: "int2",
  bigint: "int8",
  real: "float4",
  float: "float8",
  "double precision": "float8",
  boolean: "bool",
  decimal: "numeric",
  dec: "numeric",
  character: "bpchar",
  "character varying": "varchar",
  "char varying": "varchar",
  "national character": "bpchar",
  "national character varying": "varchar",
  nchar: "bpchar",
  "bit varying": "varbit",
  "time without time zone": "time",
  "time with time zone": "timetz",
  "timestamp without time zone": "timestamp",
  "timestamp with time zone": "timestamptz",
};

/** The type with this OID, or undefined. */
export function typeByOid(oid: number): TypeInfo | undefined {
  return byOid.get(oid);
}

/**
 * The type with this name: a typname ("int4", "_int4", "timestamptz"), optionally qualified with
 * pg_catalog, or an SQL spelling ("integer", "character varying", "text[]"). Case-insensitive
 * unless double-quoted.
 */
export function typeByName(name: string): TypeInfo | undefined {
  let n = name.trim();
  if (n.endsWith("[]")) {
    const elem = typeByName(n.slice(0, -2));
    return elem && elem.array !== 0 ? byOid.get(elem.array) : undefined;
  }
  if (n.startsWith('"') && n.endsWith('"') && n.length >= 2) {
    return byName.get(n.slice(1, -1).replace(/""/g, '"'));
  }
  n = n.toLowerCase().replace(/\s+/g, " ");
  if (n.startsWith("pg_catalog.")) n = n.slice("pg_catalog.".length);
  if (n.startsWith('"') && n.endsWith('"')) n = n.slice(1, -1);
  return byName.get(n) ?? byName.get(aliases[n] ?? "");
}

/** The array type whose elements are `oid`, or undefined. */
export function arrayTypeOf(oid: number): number | undefined {
  const t = byOid.get(oid);
  return t && t.array !== 0 ? t.array : undefined;
}

/**
 * The element type of the array type `oid`, or undefined when `oid` is not a true array. Types with a
 * typelem but their own output format (name, point, int2vector, oidvector) are not arrays here, as in
 * PostgreSQL's format_type.
 */
export function elementTypeOf(oid: number): number | undefined {
  const t = byOid.get(oid);
  return t && t.elem !== 0 && t.len === -1 && t.storage !== "p" ? t.elem : undefined;
}

/** Whether `oid` is a true array type (typelem set and variable length), like PostgreSQL's type_is_array. */
export function isArrayType(oid: number): boolean {
  return elementTypeOf(oid) !== undefined;
}

/** All built-in types, in OID order. */
export function allTypes(): IterableIterator<TypeInfo> {
  return byOid.values();
}
