// numeric's + - * / % with PostgreSQL 15's result scales and its rules for NaN and the
// infinities, comparison, round/trunc/ceil/floor and scales, gcd/lcm/factorial/width_bucket, and
// conversions to integers and doubles (numeric.c).
import { PgError } from "../../errors/pg-error.js";
import { type NumericValue, overflowsFormat } from "./decimal.js";
import {
  abs,
  addFixed,
  align,
  cmpFixed,
  DSCALE_MAX,
  divFixed,
  divisionByZero,
  type Fixed,
  finite,
  fixed,
  isInf,
  isSpecial,
  MAX_RESULT_SCALE,
  mulFixed,
  NAN,
  NINF,
  PINF,
  pow10,
  result,
  roundFixed,
  selectDivScale,
  signOf,
  subFixed,
  truncFixed,
} from "./decimal-fixed.js";

// ------------------------------------------------------------------ arithmetic

export function add(a: NumericValue, b: NumericValue): NumericValue {
  if (isSpecial(a) || isSpecial(b)) {
    if (a === "NaN" || b === "NaN") return NAN;
    if (a === "Infinity") return b === "-Infinity" ? NAN : PINF;
    if (a === "-Infinity") return b === "Infinity" ? NAN : NINF;
    return b;
  }
  return result(addFixed(finite(a), finite(b)));
}

export function sub(a: NumericValue, b: NumericValue): NumericValue {
  if (isSpecial(a) || isSpecial(b)) {
    if (a === "NaN" || b === "NaN") return NAN;
    if (a === "Infinity") return b === "Infinity" ? NAN : PINF;
    if (a === "-Infinity") return b === "-Infinity" ? NAN : NINF;
    return b === "Infinity" ? NINF : PINF;
  }
  return result(subFixed(finite(a), finite(b)));
}

function infTimes(sign: number, other: NumericValue): NumericValue {
  const s = signOf(other);
  if (s === 0) return NAN;
  return s * sign > 0 ? PINF : NINF;
}

export function mul(a: NumericValue, b: NumericValue): NumericValue {
  if (isSpecial(a) || isSpecial(b)) {
    if (a === "NaN" || b === "NaN") return NAN;
    if (isInf(a)) return infTimes(signOf(a), b);
    return infTimes(signOf(b), a);
  }
  let r = mulFixed(finite(a), finite(b));
  if (r.s > DSCALE_MAX) r = roundFixed(r, DSCALE_MAX);
  return result(r);
}

/** Division by an infinity or of an infinity (numeric_div's special cases). */
function divSpecial(a: NumericValue, b: NumericValue): NumericValue {
  if (a === "NaN" || b === "NaN") return NAN;
  if (isInf(a)) {
    if (isSpecial(b)) return NAN;
    const s = signOf(b);
    if (s === 0) throw divisionByZero();
    return s * signOf(a) > 0 ? PINF : NINF;
  }
  return { neg: false, coef: "0", scale: 0 };
}

export function div(a: NumericValue, b: NumericValue): NumericValue {
  if (isSpecial(a) || isSpecial(b)) return divSpecial(a, b);
  const x = finite(a);
  const y = finite(b);
  if (y.v === 0n) throw divisionByZero();
  return result(divFixed(x, y, selectDivScale(x, y)));
}

/** div(): the quotient truncated to an integer. */
export function divTrunc(a: NumericValue, b: NumericValue): NumericValue {
  if (isSpecial(a) || isSpecial(b)) return divSpecial(a, b);
  const x = finite(a);
  const y = finite(b);
  if (y.v === 0n) throw divisionByZero();
  return result(divFixed(x, y, 0, false));
}

export function mod(a: NumericValue, b: NumericValue): NumericValue {
  if (isSpecial(a) || isSpecial(b)) {
    if (a === "NaN" || b === "NaN") return NAN;
    if (isInf(a)) {
      if (signOf(b) === 0) throw divisionByZero();
      return NAN;
    }
    return a;
  }
  const [x, y, s] = align(finite(a), finite(b));
  if (y === 0n) throw divisionByZero();
  return result({ v: x % y, s });
}

export function neg(a: NumericValue): NumericValue {
  if (a === "NaN") return a;
  if (a === "Infinity") return NINF;
  if (a === "-Infinity") return PINF;
  return a.coef === "0" ? a : { ...a, neg: !a.neg };
}

export function absValue(a: NumericValue): NumericValue {
  if (a === "-Infinity") return PINF;
  if (isSpecial(a)) return a;
  return { ...a, neg: false };
}

export function sign(a: NumericValue): NumericValue {
  if (a === "NaN") return a;
  const s = signOf(a);
  return { neg: s < 0, coef: s === 0 ? "0" : "1", scale: 0 };
}

/** PostgreSQL's cmp_numerics: NaN equals NaN and is above everything, then the infinities. */
export function compare(a: NumericValue, b: NumericValue): number {
  const rank = (x: NumericValue) => (x === "NaN" ? 3 : x === "Infinity" ? 2 : x === "-Infinity" ? 0 : 1);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (ra !== 1) return 0;
  return cmpFixed(finite(a), finite(b));
}

// ------------------------------------------------------------------ rounding

function clampScale(scale: number): number {
  return Math.min(Math.max(scale, -MAX_RESULT_SCALE), MAX_RESULT_SCALE);
}

export function round(a: NumericValue, scale = 0): NumericValue {
  if (isSpecial(a)) return a;
  return result(roundFixed(finite(a), clampScale(scale)));
}

export function trunc(a: NumericValue, scale = 0): NumericValue {
  if (isSpecial(a)) return a;
  return result(truncFixed(finite(a), clampScale(scale)));
}

export function ceil(a: NumericValue): NumericValue {
  if (isSpecial(a)) return a;
  const x = finite(a);
  const t = truncFixed(x, 0);
  return result(x.v > 0n && cmpFixed(x, t) !== 0 ? { v: t.v + 1n, s: 0 } : t);
}

export function floor(a: NumericValue): NumericValue {
  if (isSpecial(a)) return a;
  const x = finite(a);
  const t = truncFixed(x, 0);
  return result(x.v < 0n && cmpFixed(x, t) !== 0 ? { v: t.v - 1n, s: 0 } : t);
}

/** scale(): the display scale; NULL for NaN and the infinities. */
export function scaleOf(a: NumericValue): number | null {
  return isSpecial(a) ? null : a.scale;
}

/** min_scale(): the fewest fractional digits that represent the value exactly. */
export function minScale(a: NumericValue): number | null {
  if (isSpecial(a)) return null;
  if (a.coef === "0") return 0;
  let s = a.scale;
  let i = a.coef.length - 1;
  while (s > 0 && a.coef[i] === "0") {
    s--;
    i--;
  }
  return s;
}

export function trimScale(a: NumericValue): NumericValue {
  if (isSpecial(a)) return a;
  return result(truncFixed(finite(a), minScale(a)!));
}

// ------------------------------------------------------------------ integer-valued functions

export function isIntegral(f: Fixed): boolean {
  return f.s === 0 || f.v % pow10(f.s) === 0n;
}

function gcdBig(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function gcd(a: NumericValue, b: NumericValue): NumericValue {
  if (isSpecial(a) || isSpecial(b)) return NAN;
  const [x, y, s] = align(finite(a), finite(b));
  return result({ v: gcdBig(x, y), s });
}

export function lcm(a: NumericValue, b: NumericValue): NumericValue {
  if (isSpecial(a) || isSpecial(b)) return NAN;
  const [x, y, s] = align(finite(a), finite(b));
  if (x === 0n || y === 0n) return result({ v: 0n, s });
  // lcm = |a / gcd(a, b) * b|, with a, b and the gcd all at scale s.
  return result({ v: abs((x / gcdBig(x, y)) * y), s });
}

export function factorial(n: bigint): NumericValue {
  if (n < 0n) throw new PgError("NUMERIC_VALUE_OUT_OF_RANGE", "factorial of a negative number is undefined");
  if (n <= 1n) return { neg: false, coef: "1", scale: 0 };
  if (n > 32177n) throw overflowsFormat();
  let r = 1n;
  for (let i = 2n; i <= n; i++) r *= i;
  return result({ v: r, s: 0 });
}

/** width_bucket(operand, low, high, count) for numeric. */
export function widthBucket(
  operand: NumericValue,
  b1: NumericValue,
  b2: NumericValue,
  count: number,
): number {
  const fail = (message: string) => new PgError("INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION", message);
  if (count <= 0) throw fail("count must be greater than zero");
  if (isSpecial(operand) || isSpecial(b1) || isSpecial(b2)) {
    if (operand === "NaN" || b1 === "NaN" || b2 === "NaN")
      throw fail("operand, lower bound, and upper bound cannot be NaN");
    if (isInf(b1) || isInf(b2)) throw fail("lower and upper bounds must be finite");
  }
  const c = compare(b1, b2);
  if (c === 0) throw fail("lower bound cannot equal upper bound");
  let bucket: bigint;
  if (c < 0 ? compare(operand, b1) < 0 : compare(operand, b1) > 0) bucket = 0n;
  else if (c < 0 ? compare(operand, b2) >= 0 : compare(operand, b2) <= 0) bucket = BigInt(count) + 1n;
  else {
    const o = finite(operand);
    const lo = finite(b1);
    const hi = finite(b2);
    const num = mulFixed(c < 0 ? subFixed(o, lo) : subFixed(lo, o), fixed(count));
    const den = c < 0 ? subFixed(hi, lo) : subFixed(lo, hi);
    const q = divFixed(num, den, selectDivScale(num, den));
    const plusOne = addFixed(q, fixed(1));
    bucket = truncFixed(plusOne, 0).v; // floor: the value is positive
  }
  if (bucket > 2147483647n) throw new PgError("NUMERIC_VALUE_OUT_OF_RANGE", "integer out of range");
  return Number(bucket);
}

// ------------------------------------------------------------------ conversions

/** numeric to int2/int4/int8 (rounding half away from zero), or 22003 / 0A000. */
export function toInteger(a: NumericValue, bits: 16 | 32 | 64): bigint {
  const typeName = bits === 16 ? "smallint" : bits === 32 ? "integer" : "bigint";
  if (isSpecial(a)) {
    throw new PgError(
      "FEATURE_NOT_SUPPORTED",
      `cannot convert ${a === "NaN" ? "NaN" : "infinity"} to ${typeName}`,
    );
  }
  const v = roundFixed(finite(a), 0).v;
  const limit = 1n << BigInt(bits - 1);
  if (v < -limit || v >= limit) throw new PgError("NUMERIC_VALUE_OUT_OF_RANGE", `${typeName} out of range`);
  return v;
}

/** A finite numeric as the nearest double. */
export function toNumber(a: NumericValue): number {
  if (a === "NaN") return Number.NaN;
  if (a === "Infinity") return Number.POSITIVE_INFINITY;
  if (a === "-Infinity") return Number.NEGATIVE_INFINITY;
  const f = finite(a);
  if (f.v === 0n) return 0;
  return Number(`${f.v}e-${f.s}`);
}
