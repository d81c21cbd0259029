// Integer and float8 arithmetic and the math functions on them: + - * and the comparisons on
// int2/int4/int8 with PostgreSQL's overflow errors, and abs, round, sqrt, exp, ln, the
// trigonometric functions, power, random ... on double precision, with PostgreSQL's errors.
//
// Most functions here are also native (native/numeric.c), registered on every connection under the
// same SQLite names: SQLite calls the native version, which computes with the C library as
// PostgreSQL does and reports errors as "pg:<SQLSTATE>:<message>". The JavaScript versions below
// have the same semantics; they serve connections without the native extension. They are in
// math-integer.ts, math-float.ts and math-random.ts; this module declares them.
//
// Declaration order matters: among equally good candidates the first declared wins, and
// PostgreSQL prefers double precision for integer arguments (round(1) is round(float8)), so this
// module is imported before numeric.ts.
import { FLOAT4, FLOAT8, INT2, INT4, INT8, NUMERIC, t, VOID } from "../../sql/oids.js";
import { floatStorage } from "../../types/codecs/floats.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions, defineOperators } from "../registry.js";
import { f8, float1, float2, float8, widthBucketFloat } from "./math-float.js";
import { INT_OIDS, integerFunctions, integerOperators } from "./math-integer.js";
import { random, setseed } from "./math-random.js";

function floatFunctions(): FunctionDef[] {
  const defs: FunctionDef[] = [
    float1("abs", "abs"),
    {
      name: "abs",
      kind: "udf",
      udfName: "pg_float8_abs",
      args: [FLOAT4],
      returns: t(FLOAT4),
      volatility: "immutable",
      impl: (x) => floatStorage(Math.abs(f8(x))),
    },
  ];
  for (const name of [
    "sqrt",
    "cbrt",
    "exp",
    "ln",
    "log10",
    "sin",
    "cos",
    "tan",
    "cot",
    "asin",
    "acos",
    "atan",
    "sind",
    "cosd",
    "tand",
    "cotd",
    "asind",
    "acosd",
    "atand",
    "sinh",
    "cosh",
    "tanh",
    "asinh",
    "acosh",
    "atanh",
    "degrees",
    "radians",
    "round",
    "trunc",
    "ceil",
    "floor",
    "sign",
  ]) {
    defs.push(float1(name, name));
  }
  defs.push(float1("log", "log10"), float1("ceiling", "ceil"));
  defs.push(
    float2("power", "pow"),
    float2("pow", "pow"),
    float2("atan2", "atan2"),
    float2("atan2d", "atan2d"),
  );
  defs.push(
    {
      name: "pi",
      kind: "sql",
      args: [],
      returns: float8,
      volatility: "immutable",
      sql: () => "3.141592653589793",
    },
    {
      name: "width_bucket",
      kind: "udf",
      udfName: "pg_float8_width_bucket",
      args: [FLOAT8, FLOAT8, FLOAT8, INT4],
      returns: t(INT4),
      volatility: "immutable",
      impl: (x, lo, hi, n) => widthBucketFloat(f8(x), f8(lo), f8(hi), Number(n)),
    },
    {
      name: "random",
      kind: "udf",
      udfName: "pg_random",
      args: [],
      returns: float8,
      volatility: "volatile",
      impl: random,
    },
    {
      name: "setseed",
      kind: "udf",
      udfName: "pg_setseed",
      args: [FLOAT8],
      returns: t(VOID),
      volatility: "volatile",
      impl: (x) => setseed(f8(x)),
    },
  );
  return defs;
}

function floatOperators(): FunctionDef[] {
  // x ^ y is float8 for every pair of integer and float types, and for numeric with a float.
  const powerTypes = [INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC];
  const powers = powerTypes.flatMap((a) =>
    powerTypes
      .filter(
        (b) =>
          !(a === NUMERIC && b === NUMERIC) &&
          !(a === NUMERIC && INT_OIDS.has(b)) &&
          !(b === NUMERIC && INT_OIDS.has(a)),
      )
      .map((b): FunctionDef => ({ ...float2("^", "pow"), args: [a, b] })),
  );
  return [
    ...powers,
    { ...float1("|/", "sqrt") },
    { ...float1("||/", "cbrt") },
    { ...float1("@", "abs") },
    {
      name: "@",
      kind: "udf",
      udfName: "pg_float8_abs",
      args: [FLOAT4],
      returns: t(FLOAT4),
      volatility: "immutable",
      impl: (x) => floatStorage(Math.abs(f8(x))),
    },
  ];
}

defineOperators([...integerOperators(), ...floatOperators()]);
defineFunctions([...integerFunctions(), ...floatFunctions()]);
