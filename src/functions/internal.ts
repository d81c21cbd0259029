import { regNameFromOid, regOidFromName } from "../catalog/regtypes.js";
import { PgError } from "../errors/pg-error.js";
import { codecFor, coerceToTypmod } from "../types/codecs.js";
import type { SqliteValue, StoredValue } from "../types/sqlite-value.js";
import { pgRegexTest, pgSimilarTest } from "./lib/regex.js";
import { currentSession } from "./runtime.js";

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

/** regclass and friends: OIDs looked up by name, printed as names (see catalog/regtypes.ts). */
function regFromText(text: SqliteValue, type: SqliteValue): SqliteValue {
  if (text === null) return null;
  const s = currentSession();
  const oid = regOidFromName(Number(type), String(text), s.catalog().schema, s.user);
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
