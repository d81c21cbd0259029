// The double precision math functions with PostgreSQL's errors (float.c): round, sqrt, exp, ln,
// the trigonometric functions in radians and degrees (exact at 0, 30, 45, 60, 90 ... degrees),
// power, width_bucket, and the float1/float2 declaration builders. Declared by math.ts.
import { PgError } from "../../errors/pg-error.js";
import { FLOAT8, t } from "../../sql/oids.js";
import { floatStorage, storedFloat } from "../../types/codecs/floats.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { outOfRange } from "./math-integer.js";

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

export const float8 = t(FLOAT8);
export const f8 = (v: SqliteValue) => storedFloat(v as Exclude<SqliteValue, null>);

export function float1(
  pgName: string,
  impl: string,
  args: number[] = [FLOAT8],
  returns = float8,
): FunctionDef {
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

export function float2(pgName: string, impl: string): FunctionDef {
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
export function widthBucketFloat(operand: number, b1: number, b2: number, count: number): number {
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
