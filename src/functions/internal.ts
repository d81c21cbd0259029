import { regNameFromOid, regOidFromName } from "../catalog/regtypes.js";
import { PgError } from "../errors/pg-error.js";
import { storedBounds } from "../types/codecs/arrays.js";
import { codecFor, coerceToTypmod } from "../types/codecs.js";
import type { SqliteValue, StoredValue } from "../types/sqlite-value.js";
import { assignArray, nestArrays, sliceArray, subscriptArray } from "./lib/array-subscripts.js";
import { bitsFromInteger, bitsToInteger } from "./lib/bits.js";
import { pgRegexTest, pgSimilarTest } from "./lib/regex.js";
import { currentSession } from "./runtime.js";
import { nextRowid, upsertMark, upsertXmax } from "./upsert-marks.js";

/**
 * SQLite functions the translator emits for PostgreSQL semantics SQLite lacks: casts through the
 * types' I/O, typmod coercion, division by zero, regular expressions. They are not PostgreSQL
 * functions and do not appear in pg_proc.
 */
export interface InternalFunction {
  name: string;
  deterministic: boolean;
  impl: (...args: SqliteValue[]) => SqliteValue;
}

function cast(value: SqliteValue, from: SqliteValue, to: SqliteValue, typmod: SqliteValue): SqliteValue {
  if (value === null) return null;
  const ctx = currentSession().formatContext();
  const text =
    Number(from) === 25 || Number(from) === 1043 || Number(from) === 1042
      ? String(value)
      : codecFor(Number(from)).toText(value, -1, ctx);
  return codecFor(Number(to)).fromText(text, Number(typmod), ctx);
}

const INTEGER_LIMITS: Record<number, [string, number]> = {
  21: ["smallint", 32767],
  23: ["integer", 2147483647],
  20: ["bigint", 2 ** 63],
};

/** float4/float8 to an integer type: rounded half to even (rint), PostgreSQL's range error. */
function floatToInteger(value: SqliteValue, to: SqliteValue): SqliteValue {
  if (value === null) return null;
  const x = Number(value);
  const [name, max] = INTEGER_LIMITS[Number(to)] ?? INTEGER_LIMITS[20]!;
  let r = Math.round(x);
  if (Math.abs(x % 1) === 0.5) r = 2 * Math.round(x / 2);
  if (Number.isNaN(x) || r < -max - 1 || r > max || (max === 2 ** 63 && r >= max))
    throw new PgError("NUMERIC_VALUE_OUT_OF_RANGE", `${name} out of range`);
  return BigInt(r);
}

/** regclass and friends: OIDs looked up by name, printed as names (see catalog/regtypes.ts). */
function regFromText(text: SqliteValue, type: SqliteValue): SqliteValue {
  if (text === null) return null;
  const s = currentSession();
  const oid = regOidFromName(Number(type), String(text), s.catalog().schema, s.user, s.database);
  if (oid === undefined) throw new PgError("UNDEFINED_OBJECT", `object "${String(text)}" does not exist`);
  return oid;
}

function regToText(oid: SqliteValue, type: SqliteValue): SqliteValue {
  if (oid === null) return null;
  const s = currentSession();
  return regNameFromOid(Number(type), Number(oid), s.catalog().schema, s.user);
}

export const internalFunctions: InternalFunction[] = [
  {
    name: "pg_similar_match",
    deterministic: true,
    impl: (s, pattern, esc) =>
      s === null || pattern === null
        ? null
        : pgSimilarTest(String(s), String(pattern), esc === null ? "" : String(esc))
          ? 1
          : 0,
  },
  { name: "pg_to_reg", deterministic: false, impl: regFromText },
  { name: "pg_reg_name", deterministic: false, impl: regToText },
  { name: "pg_cast", deterministic: false, impl: cast },
  { name: "pg_float_to_integer", deterministic: true, impl: floatToInteger },
  { name: "pg_upsert_mark", deterministic: false, impl: upsertMark },
  { name: "pg_upsert_xmax", deterministic: false, impl: upsertXmax },
  { name: "pg_next_rowid", deterministic: false, impl: nextRowid },
  // real widened to double precision exactly: the value real holds, not its shortest text.
  {
    name: "pg_float4_to_float8",
    deterministic: true,
    impl: (v) => (v === null ? null : Math.fround(Number(v))),
  },
  { name: "pg_array_nest", deterministic: true, impl: nestArrays },
  { name: "pg_array_slice", deterministic: true, impl: sliceArray },
  { name: "pg_array_subscript", deterministic: true, impl: subscriptArray },
  { name: "pg_array_assign", deterministic: true, impl: assignArray },
  {
    name: "pg_array_json",
    deterministic: true,
    impl: (v) => (v === null ? null : storedBounds(v).json),
  },
  {
    name: "pg_bit_from_int",
    deterministic: true,
    impl: (v, width) => (v === null ? null : bitsFromInteger(v, Number(width))),
  },
  {
    name: "pg_bit_to_int",
    deterministic: true,
    impl: (v, size) => (v === null ? null : bitsToInteger(String(v), Number(size) === 32 ? 32 : 64)),
  },
  {
    name: "pg_typmod",
    deterministic: false,
    impl: (value, oid, typmod, explicit) =>
      value === null
        ? null
        : coerceToTypmod(
            Number(oid),
            value as StoredValue,
            Number(typmod),
            currentSession().formatContext(),
            Number(explicit) === 1,
          ),
  },
  {
    name: "pg_nonzero",
    deterministic: true,
    impl: (v) => {
      if (v === 0 || v === 0n || v === "0") throw new PgError("DIVISION_BY_ZERO", "division by zero");
      return v;
    },
  },
  {
    name: "pg_mod",
    deterministic: true,
    impl: (a, b) => {
      if (a === null || b === null) return null;
      const y = Number(b);
      if (y === 0) throw new PgError("DIVISION_BY_ZERO", "division by zero");
      return Number(a) % y;
    },
  },
  {
    name: "pg_check_limit",
    deterministic: true,
    impl: (v, isLimit) => {
      if (v === null) return -1;
      if (Number(v) < 0) {
        throw Number(isLimit) === 1
          ? new PgError("INVALID_ROW_COUNT_IN_LIMIT_CLAUSE", "LIMIT must not be negative")
          : new PgError("INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE", "OFFSET must not be negative");
      }
      return v;
    },
  },
  {
    name: "pg_regex_match",
    deterministic: true,
    // PostgreSQL's regular expressions (ARE), not JavaScript's: see functions/lib/regex.ts.
    impl: (s, pattern, flags) =>
      s === null || pattern === null ? null : pgRegexTest(String(s), String(pattern), String(flags)) ? 1 : 0,
  },
];
