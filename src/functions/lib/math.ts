// Integer and float8 arithmetic and the math functions on them: + - * and the comparisons on
// int2/int4/int8 with PostgreSQL's overflow errors, and abs, round, sqrt, exp, ln, the
// trigonometric functions, power, random ... on double precision, with PostgreSQL's errors.
//
// Most functions here are also native (native/numeric.c), registered on every connection under the
// same SQLite names: SQLite calls the native version, which computes with the C library as
// PostgreSQL does and reports errors as "pg:<SQLSTATE>:<message>". The JavaScript versions below
// have the same semantics; they serve connections without the native extension.
//
// Declaration order matters: among equally good candidates the first declared wins, and
// PostgreSQL prefers double precision for integer arguments (round(1) is round(float8)), so this
// module is imported before numeric.ts.
import { randomBytes } from "node:crypto";
import { PgError } from "../../errors/pg-error.js";
import { BOOL, FLOAT4, FLOAT8, INT2, INT4, INT8, NUMERIC, t, VOID } from "../../sql/oids.js";
import { floatStorage, storedFloat } from "../../types/codecs/floats.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions, defineOperators } from "../registry.js";
import { currentSession, type SessionRuntime } from "../runtime.js";

// ------------------------------------------------------------------ integers

type IntName = "int2" | "int4" | "int8";

const INT_TYPES: { oid: number; name: IntName; sql: string; min: bigint; max: bigint }[] = [
  { oid: INT2, name: "int2", sql: "smallint", min: -32768n, max: 32767n },
  { oid: INT4, name: "int4", sql: "integer", min: -2147483648n, max: 2147483647n },
  { oid: INT8, name: "int8", sql: "bigint", min: -(2n ** 63n), max: 2n ** 63n - 1n },
];
const intType = (name: IntName) => INT_TYPES.find((x) => x.name === name)!;
const INT_OIDS = new Set([INT2, INT4, INT8]);

export function outOfRange(typeName: string): PgError {
  return new PgError("NUMERIC_VALUE_OUT_OF_RANGE", `${typeName} out of range`);
}

function divisionByZero(): PgError {
  return new PgError("DIVISION_BY_ZERO", "division by zero");
}

/** An integer argument as a BigInt, or undefined when SQLite holds something else (a REAL 2.5). */
export function bigOf(v: SqliteValue): bigint | undefined {
  if (typeof v === "bigint") return v;
  if (typeof v === "number") return Number.isInteger(v) ? BigInt(v) : undefined;
  if (typeof v === "string" && /^\s*[+-]?\d+\s*$/.test(v)) return BigInt(v.trim());
  return undefined;
}

type IntOp = "add" | "sub" | "mul" | "div" | "mod" | "neg" | "abs";

function intImpl(name: IntName, op: IntOp): (...args: SqliteValue[]) => SqliteValue {
  const { sql, min, max } = intType(name);
  return (a, b) => {
    const x = bigOf(a);
    const y = op === "neg" || op === "abs" ? 0n : bigOf(b ?? null);
    if (x === undefined || y === undefined) return floatFallback(op, a, b ?? null);
    let r: bigint;
    switch (op) {
      case "add":
        r = x + y;
        break;
      case "sub":
        r = x - y;
        break;
      case "mul":
        r = x * y;
        break;
      case "div":
        if (y === 0n) throw divisionByZero();
        r = x / y;
        break;
      case "mod":
        if (y === 0n) throw divisionByZero();
        r = x % y;
        break;
      case "neg":
        r = -x;
        break;
      case "abs":
        r = x < 0n ? -x : x;
        break;
    }
    if (r < min || r > max) throw outOfRange(sql);
    return r;
  };
}

/** What SQLite would compute for values that are not integers (a REAL stored by another tool). */
function floatFallback(op: IntOp, a: SqliteValue, b: SqliteValue): SqliteValue {
  const x = Number(a);
  const y = Number(b);
  switch (op) {
    case "add":
      return x + y;
    case "sub":
      return x - y;
    case "mul":
      return x * y;
    case "div":
      if (y === 0) throw divisionByZero();
      return Math.trunc(x / y);
    case "mod":
      if (y === 0) throw divisionByZero();
      return x % y;
    case "neg":
      return -x;
    case "abs":
      return Math.abs(x);
  }
}

const wider = (a: (typeof INT_TYPES)[number], b: (typeof INT_TYPES)[number]) =>
  INT_TYPES.indexOf(a) >= INT_TYPES.indexOf(b) ? a : b;

/**
 * + - * on integers check the result's range (PostgreSQL's "integer out of range"). / and % stay
 * with the translator's built-in rules, which raise division by zero themselves.
 */
const ARITHMETIC: [string, IntOp][] = [
  ["+", "add"],
  ["-", "sub"],
  ["*", "mul"],
];

export const COMPARISON_NAMES = ["=", "<>", "!=", "<", ">", "<=", ">="];

function integerOperators(): FunctionDef[] {
  const defs: FunctionDef[] = [];
  for (const a of INT_TYPES) {
    for (const b of INT_TYPES) {
      const r = wider(a, b);
      for (const [symbol, op] of ARITHMETIC) {
        defs.push({
          name: symbol,
          kind: "udf",
          udfName: `pg_${r.name}_${op}`,
          args: [a.oid, b.oid],
          returns: t(r.oid),
          volatility: "immutable",
          impl: intImpl(r.name, op),
        });
      }
      // Integers compare as SQLite compares them. Declared so that integer comparisons are not
      // taken by the numeric ones, which accept integers too.
      for (const symbol of COMPARISON_NAMES) {
        const sqlOp = symbol === "!=" ? "<>" : symbol;
        defs.push({
          name: symbol,
          kind: "sql",
          args: [a.oid, b.oid],
          returns: t(BOOL),
          volatility: "immutable",
          sql: (c) => `(${c.args[0]} ${sqlOp} ${c.args[1]})`,
        });
      }
    }
  }
  for (const a of INT_TYPES) {
    defs.push(unaryInt("-", a.name, "neg"), unaryInt("@", a.name, "abs"));
  }
  return defs;
}

function unaryInt(symbol: string, name: IntName, op: IntOp): FunctionDef {
  const type = intType(name);
  return {
    name: symbol,
    kind: "udf",
    udfName: `pg_${name}_${op}`,
    args: [type.oid],
    returns: t(type.oid),
    volatility: "immutable",
    impl: intImpl(name, op),
  };
}

function gcdBig(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function intGcd(name: IntName): (a: SqliteValue, b: SqliteValue) => SqliteValue {
  const { sql, max } = intType(name);
  return (a, b) => {
    const g = gcdBig(bigOf(a) ?? BigInt(Math.trunc(Number(a))), bigOf(b) ?? BigInt(Math.trunc(Number(b))));
    // gcd(min, 0) and gcd(min, min) are -min, which does not fit.
    if (g > max) throw outOfRange(sql);
    return g;
  };
}

function intLcm(name: IntName): (a: SqliteValue, b: SqliteValue) => SqliteValue {
  const { sql, min, max } = intType(name);
  return (a, b) => {
    const x = bigOf(a) ?? BigInt(Math.trunc(Number(a)));
    const y = bigOf(b) ?? BigInt(Math.trunc(Number(b)));
    if (x === 0n || y === 0n) return 0n;
    const g = gcdBig(x, y);
    if (g > max) throw outOfRange(sql);
    const m = (x / g) * y;
    if (m < min || m > max) throw outOfRange(sql);
    const r = m < 0n ? -m : m;
    if (r > max) throw outOfRange(sql);
    return r;
  };
}

function integerFunctions(): FunctionDef[] {
  const defs: FunctionDef[] = [];
  for (const x of INT_TYPES) {
    defs.push({
      name: "abs",
      kind: "udf",
      udfName: `pg_${x.name}_abs`,
      args: [x.oid],
      returns: t(x.oid),
      volatility: "immutable",
      impl: intImpl(x.name, "abs"),
    });
    defs.push({
      name: "mod",
      kind: "udf",
      udfName: `pg_${x.name}_mod`,
      args: [x.oid, x.oid],
      returns: t(x.oid),
      volatility: "immutable",
      impl: intImpl(x.name, "mod"),
    });
    if (x.name === "int2") continue;
    defs.push({
      name: "gcd",
      kind: "udf",
      udfName: `pg_${x.name}_gcd`,
      args: [x.oid, x.oid],
      returns: t(x.oid),
      volatility: "immutable",
      impl: intGcd(x.name),
    });
    defs.push({
      name: "lcm",
      kind: "udf",
      udfName: `pg_${x.name}_lcm`,
      args: [x.oid, x.oid],
      returns: t(x.oid),
      volatility: "immutable",
      impl: intLcm(x.name),
    });
  }
  return defs;
}

// ------------------------------------------------------------------ float8

/** PostgreSQL's RADIANS_PER_DEGREE (0.0174532925199432957692), as the double it rounds to. */
const RADIANS_PER_DEGREE = 0.017453292519943295;

function overflow(): PgError {
  return new PgError("NUMERIC_VALUE_OUT_OF_RANGE", "value out of range: overflow");
}
function underflow(): PgError {
  return new PgError("NUMERIC_VALUE_OUT_OF_RANGE", "value out of range: underflow");
}
function inputOutOfRange(): PgError {
  return new PgError("NUMERIC_VALUE_OUT_OF_RANGE", "input is out of range");
}
function powerError(message: string): PgError {
  return new PgError("INVALID_ARGUMENT_FOR_POWER_FUNCTION", message);
}
function logError(message: string): PgError {
  return new PgError("INVALID_ARGUMENT_FOR_LOG", message);
}

/** check_float8_val. */
function checked(r: number, infIsValid: boolean, zeroIsValid: boolean): number {
  if (!Number.isFinite(r) && !Number.isNaN(r) && !infIsValid) throw overflow();
  if (r === 0 && !zeroIsValid) throw underflow();
  return r;
}

const isInf = (x: number) => x === Infinity || x === -Infinity;

/** rint: round half to even. */
export function rint(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5) return 2 * Math.round(x / 2);
  return Object.is(r, 0) && x < 0 ? -0 : r;
}

// PostgreSQL's degree-based trigonometry (float.c), exact at 0, 30, 45, 60, 90 ... degrees.
const degreeConst = (() => {
  const sin30 = Math.sin(30 * RADIANS_PER_DEGREE);
  const oneMinusCos60 = 1.0 - Math.cos(60 * RADIANS_PER_DEGREE);
  const sind0to30 = (x: number) => Math.sin(x * RADIANS_PER_DEGREE) / sin30 / 2.0;
  const cosd0to60 = (x: number) => 1.0 - (1.0 - Math.cos(x * RADIANS_PER_DEGREE)) / oneMinusCos60 / 2.0;
  const sindQ1 = (x: number) => (x <= 30.0 ? sind0to30(x) : cosd0to60(90.0 - x));
  const cosdQ1 = (x: number) => (x <= 60.0 ? cosd0to60(x) : sind0to30(90.0 - x));
  const asin05 = Math.asin(0.5);
  const acos05 = Math.acos(0.5);
  return {
    sindQ1,
    cosdQ1,
    asin05,
    acos05,
    atan10: Math.atan(1.0),
    tan45: sindQ1(45) / cosdQ1(45),
    cot45: cosdQ1(45) / sindQ1(45),
  };
})();

function asindQ1(x: number): number {
  if (x <= 0.5) return (Math.asin(x) / degreeConst.asin05) * 30.0;
  return 90.0 - (Math.acos(x) / degreeConst.acos05) * 60.0;
}

function acosdQ1(x: number): number {
  if (x <= 0.5) return 90.0 - (Math.asin(x) / degreeConst.asin05) * 30.0;
  return (Math.acos(x) / degreeConst.acos05) * 60.0;
}

/** Reduces an angle in degrees to [0, 90] as sind/cosd/tand/cotd do; returns it and the sign. */
function reduceDegrees(x: number, oddAt0: boolean, oddAt180: boolean, oddAt90: boolean): [number, number] {
  let a = x % 360.0;
  let sign = 1;
  if (a < 0) {
    a = -a;
    if (oddAt0) sign = -sign;
  }
  if (a > 180.0) {
    a = 360.0 - a;
    if (oddAt180) sign = -sign;
  }
  if (a > 90.0) {
    a = 180.0 - a;
    if (oddAt90) sign = -sign;
  }
  return [a, sign];
}

const zeroToPlain = (r: number) => (r === 0 ? 0 : r);

/** The float8 functions of one argument, by name (udf pg_float8_<name>). */
const FLOAT1: Record<string, (x: number) => number> = {
  sqrt: (x) => {
    if (x < 0) throw powerError("cannot take square root of a negative number");
    return checked(Math.sqrt(x), isInf(x), x === 0);
  },
  cbrt: (x) => checked(Math.cbrt(x), isInf(x), x === 0),
  exp: (x) => {
    if (Number.isNaN(x)) return x;
    if (isInf(x)) return Math.max(x, 0);
    const r = Math.exp(x);
    if (isInf(r)) throw overflow();
    if (r === 0) throw underflow();
    return r;
  },
  ln: (x) => {
    if (x === 0) throw logError("cannot take logarithm of zero");
    if (x < 0) throw logError("cannot take logarithm of a negative number");
    return checked(Math.log(x), isInf(x), x === 1);
  },
  log10: (x) => {
    if (x === 0) throw logError("cannot take logarithm of zero");
    if (x < 0) throw logError("cannot take logarithm of a negative number");
    return checked(Math.log10(x), isInf(x), x === 1);
  },
  sin: (x) => trig(x, Math.sin, true),
  cos: (x) => trig(x, Math.cos, true),
  tan: (x) => trig(x, Math.tan, false),
  cot: (x) => 1.0 / trig(x, Math.tan, false),
  asin: (x) => arc(x, Math.asin),
  acos: (x) => arc(x, Math.acos),
  atan: (x) => Math.atan(x),
  sind: (x) => {
    if (Number.isNaN(x)) return x;
    if (isInf(x)) throw inputOutOfRange();
    const [a, sign] = reduceDegrees(x, true, true, false);
    return sign * degreeConst.sindQ1(a);
  },
  cosd: (x) => {
    if (Number.isNaN(x)) return x;
    if (isInf(x)) throw inputOutOfRange();
    const [a, sign] = reduceDegrees(x, false, false, true);
    return sign * degreeConst.cosdQ1(a);
  },
  tand: (x) => {
    if (Number.isNaN(x)) return x;
    if (isInf(x)) throw inputOutOfRange();
    const [a, sign] = reduceDegrees(x, true, true, true);
    return zeroToPlain(sign * (degreeConst.sindQ1(a) / degreeConst.cosdQ1(a) / degreeConst.tan45));
  },
  cotd: (x) => {
    if (Number.isNaN(x)) return x;
    if (isInf(x)) throw inputOutOfRange();
    const [a, sign] = reduceDegrees(x, true, true, true);
    return zeroToPlain(sign * (degreeConst.cosdQ1(a) / degreeConst.sindQ1(a) / degreeConst.cot45));
  },
  asind: (x) => {
    if (Number.isNaN(x)) return x;
    if (x < -1 || x > 1) throw inputOutOfRange();
    return x >= 0 ? asindQ1(x) : -asindQ1(-x);
  },
  acosd: (x) => {
    if (Number.isNaN(x)) return x;
    if (x < -1 || x > 1) throw inputOutOfRange();
    return x >= 0 ? acosdQ1(x) : 90.0 + asindQ1(-x);
  },
  atand: (x) => (Number.isNaN(x) ? x : (Math.atan(x) / degreeConst.atan10) * 45.0),
  sinh: (x) => Math.sinh(x),
  cosh: (x) => {
    const r = Math.cosh(x);
    if (r === 0) throw underflow();
    return r;
  },
  tanh: (x) => Math.tanh(x),
  asinh: (x) => Math.asinh(x),
  acosh: (x) => {
    if (x < 1) throw inputOutOfRange();
    return Math.acosh(x);
  },
  atanh: (x) => {
    if (x < -1 || x > 1) throw inputOutOfRange();
    return x === -1 ? -Infinity : x === 1 ? Infinity : Math.atanh(x);
  },
  degrees: (x) => checked(x / RADIANS_PER_DEGREE, isInf(x), x === 0),
  radians: (x) => checked(x * RADIANS_PER_DEGREE, isInf(x), x === 0),
  round: rint,
  trunc: (x) => (x >= 0 ? Math.floor(x) : -Math.floor(-x)),
  ceil: (x) => Math.ceil(x),
  floor: (x) => Math.floor(x),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  abs: (x) => Math.abs(x),
};

function trig(x: number, f: (x: number) => number, checkOverflow: boolean): number {
  if (Number.isNaN(x)) return x;
  if (isInf(x)) throw inputOutOfRange();
  const r = f(x);
  if (checkOverflow && isInf(r)) throw overflow();
  return r;
}

function arc(x: number, f: (x: number) => number): number {
  if (Number.isNaN(x)) return x;
  if (x < -1 || x > 1) throw inputOutOfRange();
  return f(x);
}

/** dpow: x ^ y with PostgreSQL's (POSIX's) special cases and errors. */
export function powFloat(x: number, y: number): number {
  if (Number.isNaN(x)) return Number.isNaN(y) || y !== 0 ? Number.NaN : 1;
  if (Number.isNaN(y)) return x !== 1 ? Number.NaN : 1;
  if (x === 0 && y < 0) throw powerError("zero raised to a negative power is undefined");
  if (x < 0 && Math.floor(y) !== y)
    throw powerError("a negative number raised to a non-integer power yields a complex result");
  if (isInf(y)) {
    const ax = Math.abs(x);
    if (ax === 1) return 1;
    if (y > 0) return ax > 1 ? y : 0;
    return ax > 1 ? 0 : -y;
  }
  if (isInf(x)) {
    if (y === 0) return 1;
    if (x > 0) return y > 0 ? x : 0;
    const halfy = y / 2;
    const odd = Math.floor(halfy) !== halfy;
    if (y > 0) return odd ? x : -x;
    return odd ? -0 : 0;
  }
  const r = x ** y;
  if (Number.isNaN(r)) {
    if (x === 0) return 0;
    if (Math.abs(x) === 1) return 1;
    throw (y >= 0 ? Math.abs(x) > 1 : Math.abs(x) < 1) ? overflow() : underflow();
  }
  if (isInf(r)) throw overflow();
  if (r === 0 && x !== 0) throw underflow();
  return r;
}

const FLOAT2: Record<string, (x: number, y: number) => number> = {
  pow: powFloat,
  atan2: (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.atan2(x, y)),
  atan2d: (x, y) =>
    Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : (Math.atan2(x, y) / degreeConst.atan10) * 45.0,
};

const float8 = t(FLOAT8);
const f8 = (v: SqliteValue) => storedFloat(v as Exclude<SqliteValue, null>);

function float1(pgName: string, impl: string, args: number[] = [FLOAT8], returns = float8): FunctionDef {
  const fn = FLOAT1[impl]!;
  return {
    name: pgName,
    kind: "udf",
    udfName: `pg_float8_${impl}`,
    args,
    returns,
    volatility: "immutable",
    impl: (x) => floatStorage(fn(f8(x))),
  };
}

function float2(pgName: string, impl: string): FunctionDef {
  const fn = FLOAT2[impl]!;
  return {
    name: pgName,
    kind: "udf",
    udfName: `pg_float8_${impl}`,
    args: [FLOAT8, FLOAT8],
    returns: float8,
    volatility: "immutable",
    impl: (x, y) => floatStorage(fn(f8(x), f8(y))),
  };
}

/** width_bucket(float8, float8, float8, int4). */
function widthBucketFloat(operand: number, b1: number, b2: number, count: number): number {
  const fail = (message: string) => new PgError("INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION", message);
  if (count <= 0) throw fail("count must be greater than zero");
  if (Number.isNaN(operand) || Number.isNaN(b1) || Number.isNaN(b2))
    throw fail("operand, lower bound, and upper bound cannot be NaN");
  if (isInf(b1) || isInf(b2)) throw fail("lower and upper bounds must be finite");
  const top = () => {
    if (count + 1 > 2147483647) throw outOfRange("integer");
    return count + 1;
  };
  // The int32 conversion of PostgreSQL truncates toward zero.
  if (b1 < b2) {
    if (operand < b1) return 0;
    if (operand >= b2) return top();
    return Math.trunc((count * (operand - b1)) / (b2 - b1) + 1);
  }
  if (b1 > b2) {
    if (operand > b1) return 0;
    if (operand <= b2) return top();
    return Math.trunc((count * (b1 - operand)) / (b1 - b2) + 1);
  }
  throw fail("lower bound cannot equal upper bound");
}

// ------------------------------------------------------------------ random

/** xoroshiro128** (PostgreSQL 15's pg_prng), per session. */
interface Prng {
  s0: bigint;
  s1: bigint;
}

const MASK64 = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & MASK64;

function next(state: Prng): bigint {
  const s0 = state.s0;
  const sx = state.s1 ^ s0;
  const val = (rotl((s0 * 5n) & MASK64, 7n) * 9n) & MASK64;
  state.s0 = rotl(s0, 24n) ^ sx ^ ((sx << 16n) & MASK64);
  state.s1 = rotl(sx, 37n);
  return val;
}

function splitmix64(seed: { v: bigint }): bigint {
  seed.v = (seed.v + 0x9e3779b97f4a7c15n) & MASK64;
  let val = seed.v;
  val = ((val ^ (val >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  val = ((val ^ (val >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return val ^ (val >> 31n);
}

function seeded(seed: bigint): Prng {
  const s = { v: seed & MASK64 };
  const state = { s0: splitmix64(s), s1: splitmix64(s) };
  if (state.s0 === 0n && state.s1 === 0n) {
    state.s0 = 0x5851f42d4c957f2dn;
    state.s1 = 0x14057b7ef767814fn;
  }
  return state;
}

const prngs = new WeakMap<SessionRuntime, Prng>();

function sessionPrng(): Prng {
  const session = currentSession();
  let state = prngs.get(session);
  if (!state) {
    state = seeded(randomBytes(8).readBigUInt64LE());
    prngs.set(session, state);
  }
  return state;
}

function random(): number {
  // pg_prng_double: the top 52 bits as a fraction.
  return Number(next(sessionPrng()) >> 12n) * 2 ** -52;
}

function setseed(seed: number): string {
  if (seed < -1 || seed > 1 || Number.isNaN(seed)) {
    throw new PgError(
      "INVALID_PARAMETER_VALUE",
      `setseed parameter ${formatG(seed)} is out of allowed range [-1,1]`,
    );
  }
  // pg_prng_fseed: the seed times (2^52 - 1), converted to int64 and used as uint64.
  const iseed = BigInt(Math.trunc((2 ** 52 - 1) * seed));
  prngs.set(currentSession(), seeded(iseed));
  return "";
}

/** printf's %g, for the setseed error message. */
function formatG(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const e = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
  if (e < -4 || e >= 6) {
    const [m, ex] = x.toExponential(5).split("e");
    const mant = m!.includes(".") ? m!.replace(/\.?0+$/, "") : m!;
    const n = Number(ex);
    return `${mant}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  const s = x.toFixed(Math.max(0, 5 - e));
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

// ------------------------------------------------------------------ declarations

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
