import { typeByName } from "../types/registry.js";
import type { SqlType } from "./plan.js";

/** OIDs of the types the translator reasons about, looked up in the generated type table. */
function oid(name: string): number {
  const t = typeByName(name);
  if (!t) throw new Error(`built-in type ${name} is missing from the type table`);
  return t.oid;
}

export const BOOL = oid("bool");
export const BYTEA = oid("bytea");
export const CHAR = oid("char");
export const NAME = oid("name");
export const INT2 = oid("int2");
export const INT4 = oid("int4");
export const INT8 = oid("int8");
export const OID = oid("oid");
export const TID = oid("tid");
export const XID = oid("xid");
export const TEXT = oid("text");
export const VARCHAR = oid("varchar");
export const BPCHAR = oid("bpchar");
export const FLOAT4 = oid("float4");
export const FLOAT8 = oid("float8");
export const NUMERIC = oid("numeric");
export const DATE = oid("date");
export const TIME = oid("time");
export const TIMETZ = oid("timetz");
export const TIMESTAMP = oid("timestamp");
export const TIMESTAMPTZ = oid("timestamptz");
export const INTERVAL = oid("interval");
export const JSON_TYPE = oid("json");
export const JSONB = oid("jsonb");
export const UUID = oid("uuid");
export const UNKNOWN = oid("unknown");
export const REGCLASS = oid("regclass");
export const VOID = oid("void");
export const RECORD = oid("record");
export const BIT = oid("bit");
export const VARBIT = oid("varbit");

export const t = (oid: number, typmod = -1): SqlType => ({ oid, typmod });

export const INTEGER_TYPES = new Set([INT2, INT4, INT8, OID]);
export const FLOAT_TYPES = new Set([FLOAT4, FLOAT8]);
export const STRING_TYPES = new Set([TEXT, VARCHAR, BPCHAR, NAME, CHAR]);

export function isNumericType(oid: number): boolean {
  return INTEGER_TYPES.has(oid) || FLOAT_TYPES.has(oid) || oid === NUMERIC;
}
