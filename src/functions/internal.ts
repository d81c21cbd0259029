import { PgError } from "../errors/pg-error.js";
import { codecFor, coerceToTypmod } from "../types/codecs.js";
import type { SqliteValue, StoredValue } from "../types/sqlite-value.js";
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

const regexCache = new Map<string, RegExp>();

function regex(pattern: string, flags: string): RegExp {
  const key = `${flags}/${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    try {
      re = new RegExp(pattern, `u${flags}`);
    } catch (e) {
      throw new PgError("INVALID_REGULAR_EXPRESSION", `invalid regular expression: ${(e as Error).message}`);
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(key, re);
  }
  return re;
}

export const internalFunctions: InternalFunction[] = [
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
    impl: (s, pattern, flags) =>
      s === null || pattern === null ? null : regex(String(pattern), String(flags)).test(String(s)) ? 1 : 0,
  },
];
