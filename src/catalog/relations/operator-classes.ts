import type { SchemaView } from "../../sql/schema.js";
import { isArrayType, Oid } from "../../types/registry.js";

/**
 * The default operator class of each access method for the common types (pg_index.indclass), and
 * each type's equality operator (pg_constraint.conpfeqop): OIDs from PostgreSQL 15's pg_opclass
 * and pg_operator, which never change between installations.
 */

const BTREE: Record<number, number> = {
  16: 10003, // bool_ops
  17: 10006, // bytea_ops
  18: 10007, // char_ops
  19: 10028, // name_ops
  20: 3124, // int8_ops
  21: 1979, // int2_ops
  23: 1978, // int4_ops
  25: 3126, // text_ops
  26: 1981, // oid_ops
  27: 10050, // tid_ops
  700: 10012, // float4_ops
  701: 3123, // float8_ops
  790: 10047, // money_ops
  869: 10015, // inet_ops
  1042: 10004, // bpchar_ops
  1082: 3122, // date_ops
  1083: 10038, // time_ops
  1114: 3128, // timestamp_ops
  1184: 3127, // timestamptz_ops
  1186: 10022, // interval_ops
  1266: 10041, // timetz_ops
  1560: 10002, // bit_ops
  1562: 10043, // varbit_ops
  1700: 3125, // numeric_ops
  2950: 10065, // uuid_ops
  3802: 10088, // jsonb_ops
};
const HASH: Record<number, number> = {
  16: 10048,
  18: 10008,
  19: 10029,
  20: 10021,
  21: 10019,
  23: 10020,
  25: 10037,
  26: 10031,
  700: 10013,
  701: 10014,
  1042: 10005,
  1082: 10011,
  1083: 10039,
  1114: 10046,
  1184: 10040,
  1186: 10023,
  1700: 10030,
  2950: 10066,
  3802: 10089,
};
const BRIN: Record<number, number> = {
  18: 10094,
  19: 10096,
  20: 10098,
  21: 10101,
  23: 10104,
  25: 10107,
  26: 10109,
  700: 10115,
  701: 10118,
  1042: 10131,
  1082: 10136,
  1083: 10133,
  1114: 10139,
  1184: 10142,
  1186: 10145,
  1700: 10153,
  2950: 10156,
};
const ARRAY_OPS: Record<string, number> = { btree: 10000, hash: 10001, gin: 10064 };
const ENUM_OPS: Record<string, number> = { btree: 10069, hash: 10070 };

/** The default operator class of an access method for a key of this type, 0 if none is known. */
export function defaultOpclass(schema: SchemaView, method: string, type: number): number {
  if (type === Oid.varchar) type = Oid.text;
  if (schema.enumByOid(type)) return ENUM_OPS[method] ?? 0;
  if (isArrayType(type)) return ARRAY_OPS[method] ?? 0;
  if (method === "gin") return type === 3802 ? 10090 : 0;
  const table = method === "hash" ? HASH : method === "brin" ? BRIN : BTREE;
  return table[type] ?? 0;
}

const EQUALITY: Record<number, number> = {
  16: 91,
  17: 1955,
  18: 92,
  19: 93,
  20: 410,
  21: 94,
  23: 96,
  25: 98,
  26: 607,
  700: 620,
  701: 670,
  790: 900,
  869: 1201,
  1042: 1054,
  1043: 98,
  1082: 1093,
  1083: 1108,
  1114: 2060,
  1184: 1320,
  1186: 1330,
  1266: 1550,
  1700: 1752,
  2950: 2972,
  3802: 3240,
};

/** The = operator of a type (for a foreign key's conpfeqop), 0 if none is known. */
export function equalityOperator(schema: SchemaView, type: number): number {
  if (schema.enumByOid(type)) return 3516;
  if (isArrayType(type)) return 1070;
  return EQUALITY[type] ?? 0;
}
