// numeric: exact arithmetic (+ - * / % ^ and prefix -), comparisons through the pg_numeric
// collation, the exact aggregates (sum, avg), the math functions on numeric, and the conversions
// between numeric and the other number types. Values are numeric's storage: the exact decimal TEXT
// ('1.50', 'NaN', '-Infinity'); INTEGER and REAL arguments (integers promoted to numeric, numeric
// constants, files written by other tools) are read as the decimals they denote.
//
// Imported after math.ts: among equally good overloads the first declared wins, and for integer
// arguments PostgreSQL prefers the double precision ones (round(1) is round(float8), 2 ^ 3 float8).
import "./math.js";
import { numericOperand, numericSortKey } from "../../sql/numeric-sql.js";
import { BOOL, FLOAT4, FLOAT8, INT2, INT4, INT8, NUMERIC, t } from "../../sql/oids.js";
import { formatNumericValue, type NumericValue } from "../../types/codecs/decimal.js";
import * as A from "../../types/codecs/decimal-arith.js";
import { float4Codec, float8Codec, floatStorage, storedFloat } from "../../types/codecs/floats.js";
import { coerceNumeric, parseNumericText, storedNumeric } from "../../types/codecs/numeric.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions, defineOperators } from "../registry.js";
import { currentSession } from "../runtime.js";
import { bigOf, COMPARISON_NAMES } from "./math-integer.js";

const NUM = t(NUMERIC);

/** A numeric argument's exact value. */
export function numericArg(v: SqliteValue): NumericValue {
  return storedNumeric(v as StoredValue);
}

const out = (v: NumericValue): string => formatNumericValue(v);

function comparison(name: string, args: [number, number], sides: [boolean, boolean]): FunctionDef {
  const op = name === "!=" ? "<>" : name;
  const side = (sql: string, text: boolean) => (text ? `CAST(${sql} AS TEXT)` : numericOperand(sql));
  return {
    name,
    kind: "sql",
    args,
    returns: t(BOOL),
    volatility: "immutable",
    sql: (c) => `(${side(c.args[0]!, sides[0])} COLLATE pg_numeric ${op} ${side(c.args[1]!, sides[1])})`,
  };
}

function binary(
  name: string,
  udfName: string,
  fn: (a: NumericValue, b: NumericValue) => NumericValue,
  args: number[] = [NUMERIC, NUMERIC],
): FunctionDef {
  return {
    name,
    kind: "udf",
    udfName,
    args,
    returns: NUM,
    volatility: "immutable",
    impl: (a, b) => out(fn(numericArg(a), numericArg(b))),
  };
}

function unary(name: string, udfName: string, fn: (a: NumericValue) => NumericValue): FunctionDef {
  return {
    name,
    kind: "udf",
    udfName,
    args: [NUMERIC],
    returns: NUM,
    volatility: "immutable",
    impl: (a) => out(fn(numericArg(a))),
  };
}

const INTS = [INT2, INT4, INT8];

const ARITHMETIC: [string, string, (a: NumericValue, b: NumericValue) => NumericValue][] = [
  ["+", "pg_numeric_add", A.add],
  ["-", "pg_numeric_sub", A.sub],
  ["*", "pg_numeric_mul", A.mul],
  ["/", "pg_numeric_div", A.div],
  ["%", "pg_numeric_mod", A.mod],
  ["^", "pg_numeric_power", A.power],
];

defineOperators([
  // numeric with numeric, and with an integer on either side: declared with the exact types, as a
  // declared operator that needs conversions loses to the translator's built-in arithmetic.
  ...ARITHMETIC.flatMap(([name, udfName, fn]) => [
    binary(name, udfName, fn),
    ...INTS.flatMap((i) => [
      binary(name, udfName, fn, [i, NUMERIC]),
      binary(name, udfName, fn, [NUMERIC, i]),
    ]),
  ]),
  unary("-", "pg_numeric_neg", A.neg),
  unary("@", "pg_numeric_abs", A.absValue),
  ...COMPARISON_NAMES.flatMap((name) => [
    comparison(name, [NUMERIC, NUMERIC], [false, false]),
    // An integer compared with a numeric: the integer side is made TEXT for the collation.
    ...INTS.flatMap((i) => [
      comparison(name, [i, NUMERIC], [true, false]),
      comparison(name, [NUMERIC, i], [false, true]),
    ]),
  ]),
]);

// ------------------------------------------------------------------ aggregates

/**
 * sum and avg of numeric, and the exact ones of integers (sum(int8), avg(int2/int4/int8)): native
 * window-capable aggregates (native/numeric.c) that add exactly and divide with PostgreSQL's scale.
 */
function nativeAggregate(name: "sum" | "avg", arg: number): FunctionDef {
  const native = name === "sum" ? "pg_numeric_sum" : "pg_numeric_avg";
  return {
    name,
    kind: "aggregate",
    args: [arg],
    returns: NUM,
    volatility: "immutable",
    // DISTINCT compares in the argument's collation: 1.0 and 1.00 are one value.
    sql: (c) =>
      c.distinct && arg === NUMERIC
        ? `${native}(DISTINCT ${numericSortKey(c.args[0]!)})`
        : `${native}(${c.distinct ? "DISTINCT " : ""}${c.args[0]})`,
  };
}

const aggregates: FunctionDef[] = [
  nativeAggregate("sum", NUMERIC),
  nativeAggregate("avg", NUMERIC),
  nativeAggregate("sum", INT8),
  ...INTS.map((oid) => nativeAggregate("avg", oid)),
];

// ------------------------------------------------------------------ functions

const int4Arg = (v: SqliteValue) => Number(bigOf(v) ?? Math.trunc(Number(v)));

function scaled(
  name: string,
  udfName: string,
  fn: (a: NumericValue, scale: number) => NumericValue,
): FunctionDef {
  return {
    name,
    kind: "udf",
    udfName,
    args: [NUMERIC, INT4],
    returns: NUM,
    volatility: "immutable",
    impl: (a, s) => out(fn(numericArg(a), int4Arg(s))),
  };
}

function integerResult(name: string, udfName: string, fn: (a: NumericValue) => number | null): FunctionDef {
  return {
    name,
    kind: "udf",
    udfName,
    args: [NUMERIC],
    returns: t(INT4),
    volatility: "immutable",
    impl: (a) => fn(numericArg(a)),
  };
}

/** float8 to numeric as PostgreSQL converts it: through printf("%.15g"). */
export function numericFromDouble(x: number, digits = 15): NumericValue {
  if (Number.isNaN(x)) return A.NAN;
  if (!Number.isFinite(x)) return x > 0 ? A.PINF : A.NINF;
  const [mantissa, exponent] = x.toExponential(digits - 1).split("e");
  const trimmed = mantissa!.includes(".") ? mantissa!.replace(/\.?0+$/, "") : mantissa!;
  return parseNumericText(`${trimmed}e${exponent}`);
}

function toInt(bits: 16 | 32 | 64): (a: SqliteValue) => SqliteValue {
  return (a) => A.toInteger(numericArg(a), bits);
}

/** numeric to float8/float4 through the type's input function, as numeric_float8 does. */
function toFloat(single: boolean): (a: SqliteValue) => SqliteValue {
  const codec = single ? float4Codec : float8Codec;
  return (a) => {
    const v = numericArg(a);
    if (typeof v === "string") return floatStorage(A.toNumber(v));
    return codec.fromText(out(v), -1, currentSession().formatContext());
  };
}

const functions: FunctionDef[] = [
  unary("abs", "pg_numeric_abs", A.absValue),
  unary("sign", "pg_numeric_sign", A.sign),
  unary("round", "pg_numeric_round", (a) => A.round(a, 0)),
  scaled("round", "pg_numeric_round", A.round),
  unary("trunc", "pg_numeric_trunc", (a) => A.trunc(a, 0)),
  scaled("trunc", "pg_numeric_trunc", A.trunc),
  unary("ceil", "pg_numeric_ceil", A.ceil),
  unary("ceiling", "pg_numeric_ceil", A.ceil),
  unary("floor", "pg_numeric_floor", A.floor),
  unary("sqrt", "pg_numeric_sqrt", A.sqrt),
  unary("exp", "pg_numeric_exp", A.exp),
  unary("ln", "pg_numeric_ln", A.ln),
  unary("log", "pg_numeric_log10", A.log10),
  unary("log10", "pg_numeric_log10", A.log10),
  binary("log", "pg_numeric_log", A.log),
  binary("power", "pg_numeric_power", A.power),
  binary("pow", "pg_numeric_power", A.power),
  binary("mod", "pg_numeric_mod", A.mod),
  binary("div", "pg_numeric_div_trunc", A.divTrunc),
  binary("gcd", "pg_numeric_gcd", A.gcd),
  binary("lcm", "pg_numeric_lcm", A.lcm),
  unary("trim_scale", "pg_numeric_trim_scale", A.trimScale),
  integerResult("scale", "pg_numeric_scale", A.scaleOf),
  integerResult("min_scale", "pg_numeric_min_scale", A.minScale),
  {
    name: "width_bucket",
    kind: "udf",
    udfName: "pg_numeric_width_bucket",
    args: [NUMERIC, NUMERIC, NUMERIC, INT4],
    returns: t(INT4),
    volatility: "immutable",
    impl: (x, lo, hi, n) => A.widthBucket(numericArg(x), numericArg(lo), numericArg(hi), int4Arg(n)),
  },
  {
    name: "factorial",
    kind: "udf",
    udfName: "pg_numeric_factorial",
    args: [INT8],
    returns: NUM,
    volatility: "immutable",
    impl: (n) => out(A.factorial(bigOf(n) ?? BigInt(Math.trunc(Number(n))))),
  },
  // Conversions, callable as functions (int4(x), float8(x), numeric(x)) and used by casts.
  ...INTS.map(
    (oid): FunctionDef => ({
      name: "numeric",
      kind: "udf",
      udfName: "pg_numeric_from_int",
      args: [oid],
      returns: NUM,
      volatility: "immutable",
      impl: (v) => out(numericArg(v)),
    }),
  ),
  {
    name: "numeric",
    kind: "udf",
    udfName: "pg_numeric_from_float8",
    args: [FLOAT8],
    returns: NUM,
    volatility: "immutable",
    impl: (v) => out(numericFromDouble(storedFloat(v as StoredValue))),
  },
  {
    name: "numeric",
    kind: "udf",
    udfName: "pg_numeric_from_float4",
    args: [FLOAT4],
    returns: NUM,
    volatility: "immutable",
    impl: (v) => out(numericFromDouble(Math.fround(storedFloat(v as StoredValue)), 6)),
  },
  {
    name: "numeric",
    kind: "udf",
    udfName: "pg_numeric_typmod",
    args: [NUMERIC, INT4],
    returns: NUM,
    volatility: "immutable",
    impl: (v, typmod) => out(coerceNumeric(numericArg(v), int4Arg(typmod))),
  },
  intCast("int2", INT2, 16),
  intCast("int4", INT4, 32),
  intCast("int8", INT8, 64),
  {
    name: "float8",
    kind: "udf",
    udfName: "pg_numeric_to_float8",
    args: [NUMERIC],
    returns: t(FLOAT8),
    volatility: "immutable",
    impl: toFloat(false),
  },
  {
    name: "float4",
    kind: "udf",
    udfName: "pg_numeric_to_float4",
    args: [NUMERIC],
    returns: t(FLOAT4),
    volatility: "immutable",
    impl: toFloat(true),
  },
];

function intCast(name: string, oid: number, bits: 16 | 32 | 64): FunctionDef {
  return {
    name,
    kind: "udf",
    udfName: `pg_numeric_to_${name}`,
    args: [NUMERIC],
    returns: t(oid),
    volatility: "immutable",
    impl: toInt(bits),
  };
}

defineFunctions([...aggregates, ...functions]);
