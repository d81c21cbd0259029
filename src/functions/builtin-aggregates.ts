// The aggregates SQLite computes from the SQL the translator writes: count, sum, avg, min, max,
// bool_and and bool_or, with numeric values compared in the pg_numeric collation.
// Declared by builtins.ts.
import { BOOL, FLOAT4, FLOAT8, INT2, INT4, INT8, NUMERIC, TEXT, t, VARCHAR } from "../sql/oids.js";
import type { SqlType } from "../sql/plan.js";
import type { SqliteValue } from "../types/sqlite-value.js";
import type { FunctionDef } from "./registry.js";

const same = (types: SqlType[]) => t(types[0]?.oid ?? TEXT);
/** min/max of varchar are min/max of text: PostgreSQL has no varchar versions. */
const minMaxType = (types: SqlType[]) => (types[0]?.oid === VARCHAR ? t(TEXT) : same(types));
export const sql = (name: string) => (c: { args: string[]; distinct: boolean }) =>
  `${name}(${c.distinct ? "DISTINCT " : ""}${c.args.join(", ")})`;

function sumType(types: SqlType[]): SqlType {
  const oid = types[0]?.oid;
  if (oid === INT2 || oid === INT4) return t(INT8);
  if (oid === FLOAT4 || oid === FLOAT8) return t(oid);
  return t(NUMERIC);
}

/**
 * min/max: numeric values compare in the pg_numeric collation (numeric's TEXT storage), made TEXT
 * unless they are a plain column reference, which lets SQLite use an index on the column.
 */
function minMax(name: string) {
  return (c: { args: string[]; types: SqlType[]; distinct: boolean }) => {
    if (c.types[0]?.oid !== NUMERIC) return sql(name)(c);
    return `${name}(${c.distinct ? "DISTINCT " : ""}${numericKey(c.args[0]!)})`;
  };
}

/** A numeric value in the pg_numeric collation (as numericSortKey in lib/numeric.ts). */
function numericKey(arg: string): string {
  const operand = /^"(?:[^"]|"")*"(?:\."(?:[^"]|"")*")?$/.test(arg) ? arg : `CAST(${arg} AS TEXT)`;
  return `${operand} COLLATE pg_numeric`;
}

/**
 * pg_arg_min(key, value) and pg_arg_max: the value whose key is least or greatest, for min and max
 * of types that order by a sort key (interval, jsonb, arrays). Keys are numbers, text or blobs.
 */
function argExtreme(name: string, sign: 1 | -1): FunctionDef {
  return {
    name,
    kind: "udf-aggregate",
    udfName: name,
    args: ["any", "any"],
    returns: (types) => t(types[1]?.oid ?? TEXT),
    volatility: "immutable",
    start: () => ({ key: null, value: null }),
    step: (state, key, value) => {
      const s = state as { key: SqliteValue; value: SqliteValue };
      if (key === null || value === null) return s;
      if (s.key === null || sign * compareKeys(key, s.key) > 0) {
        s.key = key;
        s.value = value;
      }
      return s;
    },
    result: (state) => (state as { value: SqliteValue }).value,
  };
}

function compareKeys(a: SqliteValue, b: SqliteValue): number {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return Buffer.compare(a, b);
  return a! < b! ? -1 : a! > b! ? 1 : 0;
}

export const aggregates: FunctionDef[] = [
  argExtreme("pg_arg_min", -1),
  argExtreme("pg_arg_max", 1),
  {
    name: "count",
    kind: "aggregate",
    args: [],
    returns: t(INT8),
    volatility: "immutable",
    sql: () => "count(*)",
  },
  {
    name: "count",
    kind: "aggregate",
    args: ["any"],
    returns: t(INT8),
    volatility: "immutable",
    // count(DISTINCT numeric): 1.0 and 1.00 are one value, in the pg_numeric collation.
    sql: (c) =>
      c.distinct && c.types[0]?.oid === NUMERIC
        ? `count(DISTINCT ${numericKey(c.args[0]!)})`
        : sql("count")(c),
  },
  // sum(int8) and sum(numeric), avg of integers and numeric: exact, in lib/numeric.ts. float4 and
  // float8 add left to right as PostgreSQL does (native/numeric.c), where SQLite's sum compensates.
  ...[INT2, INT4, FLOAT4, FLOAT8].map(
    (oid): FunctionDef => ({
      name: "sum",
      kind: "aggregate",
      args: [oid],
      returns: sumType,
      volatility: "immutable",
      sql: oid === INT2 || oid === INT4 ? sql("sum") : sql("pg_float8_sum"),
    }),
  ),
  ...[FLOAT4, FLOAT8].map(
    (oid): FunctionDef => ({
      name: "avg",
      kind: "aggregate",
      args: [oid],
      returns: t(FLOAT8),
      volatility: "immutable",
      sql: sql("pg_float8_avg"),
    }),
  ),
  {
    name: "min",
    kind: "aggregate",
    args: ["any"],
    returns: minMaxType,
    volatility: "immutable",
    sql: minMax("min"),
  },
  {
    name: "max",
    kind: "aggregate",
    args: ["any"],
    returns: minMaxType,
    volatility: "immutable",
    sql: minMax("max"),
  },
  {
    name: "bool_and",
    kind: "aggregate",
    args: [BOOL],
    returns: t(BOOL),
    volatility: "immutable",
    sql: (c) => `min(${c.args[0]})`,
  },
  {
    name: "bool_or",
    kind: "aggregate",
    args: [BOOL],
    returns: t(BOOL),
    volatility: "immutable",
    sql: (c) => `max(${c.args[0]})`,
  },
];
