// numeric's sqrt, exp, ln, log, log10 and power with PostgreSQL 15's result scales (numeric.c),
// computed in fixed point with guard digits.
import { PgError } from "../../errors/pg-error.js";
import { type Decimal, type NumericValue, overflowsFormat } from "./decimal.js";
import { absValue, compare, isIntegral, toNumber } from "./decimal-basic.js";
import {
  abs,
  cmpFixed,
  digitCount,
  divFixed,
  divisionByZero,
  divRound,
  type Fixed,
  finite,
  fixed,
  GUARD,
  isInf,
  isSpecial,
  leadExp,
  MAX_DISPLAY_SCALE,
  MAX_INT_DIGITS,
  MAX_RESULT_SCALE,
  MIN_SIG_DIGITS,
  mulFixed,
  NAN,
  NINF,
  nbase,
  PG_LN_10,
  PG_LOG10_E,
  PINF,
  pow10,
  result,
  roundFixed,
  signOf,
  subFixed,
} from "./decimal-fixed.js";

// ------------------------------------------------------------------ transcendental functions

/** Fixed point with w fractional digits: the integer n stands for n / 10^w. */
function toPoint(f: Fixed, w: number): bigint {
  return f.s <= w ? f.v * pow10(w - f.s) : f.v / pow10(f.s - w);
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton's method from above converges down to floor(sqrt(n)).
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** 2 * atanh(1/k) = ln((k+1)/(k-1)) to w digits. */
function atanhInv(k: bigint, w: number): bigint {
  const one = pow10(w);
  const k2 = k * k;
  let term = one / k;
  let sum = term;
  for (let n = 3n; term !== 0n; n += 2n) {
    term /= k2;
    sum += term / n;
  }
  return 2n * sum;
}

const lnCache = new Map<string, bigint>();
function ln2(w: number): bigint {
  const key = `2:${w}`;
  let v = lnCache.get(key);
  if (v === undefined) {
    v = atanhInv(3n, w + 5) / pow10(5);
    lnCache.set(key, v);
  }
  return v;
}
function ln10(w: number): bigint {
  const key = `10:${w}`;
  let v = lnCache.get(key);
  if (v === undefined) {
    // ln 10 = 3 ln 2 + ln(5/4) = 3 ln 2 + 2 atanh(1/9)
    v = (3n * atanhInv(3n, w + 5) + atanhInv(9n, w + 5)) / pow10(5);
    lnCache.set(key, v);
  }
  return v;
}

/** ln(x) for x > 0, as a fixed-point number with w fractional digits (error a few units). */
function lnPoint(x: Fixed, w: number): bigint {
  const e = leadExp(x)!;
  const wg = w + 8 + String(Math.abs(e)).length;
  const one = pow10(wg);
  // m = x / 10^e in [1, 10), then m / 2^j in about [0.7, 1.4].
  let m = x.s + e <= wg ? x.v * pow10(wg - x.s - e) : x.v / pow10(x.s + e - wg);
  const lead = wg > 15 ? Number(m / pow10(wg - 15)) / 1e15 : Number(m) / Number(one);
  const j = Math.round(Math.log2(lead));
  m = j >= 0 ? m / (1n << BigInt(j)) : m * (1n << BigInt(-j));
  // ln(m) = 2 atanh(z), z = (m - 1) / (m + 1)
  const z = ((m - one) * one) / (m + one);
  const z2 = (z * z) / one;
  let term = z;
  let sum = z;
  for (let n = 3n; term !== 0n; n += 2n) {
    term = (term * z2) / one;
    sum += term / n;
  }
  const total = 2n * sum + BigInt(j) * ln2(wg) + BigInt(e) * ln10(wg);
  return total / pow10(wg - w);
}

/** exp(t) for t = n / 10^w, as a fixed-point number with w fractional digits. */
function expPoint(n: bigint, w: number): bigint {
  const l2 = ln2(w);
  // t = k ln 2 + r, |r| <= ln 2 / 2; exp(t) = 2^k exp(r); exp(r) = exp(r / 2^h)^(2^h).
  const k = divRound(n, l2);
  const r = n - k * l2;
  const h = 8;
  const wg = w + 4;
  const oneG = pow10(wg);
  const rr = (r * pow10(4)) >> BigInt(h);
  let term = oneG;
  let sum = oneG;
  for (let i = 1n; term !== 0n; i++) {
    term = (term * rr) / oneG / i;
    sum += term;
  }
  for (let i = 0; i < h; i++) sum = (sum * sum) / oneG;
  const scaled = k >= 0n ? sum << k : sum >> -k;
  return scaled / pow10(4);
}

/** estimate_ln_dweight: about log10(|ln(x)|), from the leading digits as PostgreSQL takes them. */
function estimateLnDweight(x: Fixed): number {
  if (x.v <= 0n) return 0;
  const lo = cmpFixed(x, { v: 9n, s: 1 }) >= 0 && cmpFixed(x, { v: 11n, s: 1 }) <= 0;
  if (lo) {
    const d = subFixed(x, fixed(1));
    const e = leadExp(d);
    return e === undefined ? 0 : e;
  }
  const nb = nbase(x);
  let digits = nb.first;
  let dweight = nb.weight * 4;
  if (nb.more) {
    const k = x.s + 4 * (nb.weight - 1);
    const a = abs(x.v);
    const two = k >= 0 ? a / pow10(k) : a * pow10(-k);
    digits = Number(two);
    dweight -= 4;
  }
  const lnVar = Math.log(digits) + dweight * PG_LN_10;
  return Math.trunc(Math.log10(Math.abs(lnVar)));
}

function clampRscale(r: number): number {
  return Math.min(Math.max(r, 0), MAX_DISPLAY_SCALE);
}

function logError(message: string): PgError {
  return new PgError("INVALID_ARGUMENT_FOR_LOG", message);
}

function powerError(message: string): PgError {
  return new PgError("INVALID_ARGUMENT_FOR_POWER_FUNCTION", message);
}

export function sqrt(a: NumericValue): NumericValue {
  if (isSpecial(a)) {
    if (a === "-Infinity") throw powerError("cannot take square root of a negative number");
    return a;
  }
  const x = finite(a);
  if (x.v < 0n) throw powerError("cannot take square root of a negative number");
  const weight = nbase(x).weight;
  const sweight = ((weight + 1) * 4) / 2 - 1;
  const rscale = clampRscale(Math.max(MIN_SIG_DIGITS - sweight, x.s));
  if (x.v === 0n) return result({ v: 0n, s: rscale });
  // floor(sqrt(x) * 10^(rscale+1)), then rounded at the last digit: correctly rounded.
  const e = 2 * (rscale + 1) - x.s;
  const m = e >= 0 ? x.v * pow10(e) : x.v / pow10(-e);
  return result(roundFixed({ v: isqrt(m), s: rscale + 1 }, rscale));
}

/** exp(x) rounded to rscale fractional digits (exp_var), or 22003 beyond numeric's range. */
function expRound(x: Fixed, rscale: number): Fixed {
  const val = Number(toPoint(x, 20)) / 1e20;
  if (Math.abs(val) >= MAX_RESULT_SCALE * 3) {
    if (val > 0) throw overflowsFormat();
    return { v: 0n, s: rscale };
  }
  const intDigits = Math.max(0, Math.ceil(val * Math.LOG10E)) + 1;
  const w = rscale + intDigits + GUARD;
  return roundFixed({ v: expPoint(toPoint(x, w), w), s: w }, rscale);
}

export function exp(a: NumericValue): NumericValue {
  if (isSpecial(a)) return a === "-Infinity" ? { neg: false, coef: "0", scale: 0 } : a;
  const x = finite(a);
  let val = toNumber(a) * PG_LOG10_E;
  val = Math.min(Math.max(val, -MAX_RESULT_SCALE), MAX_RESULT_SCALE);
  const rscale = clampRscale(Math.max(MIN_SIG_DIGITS - Math.trunc(val), x.s));
  return result(expRound(x, rscale));
}

function lnRound(x: Fixed, rscale: number): Fixed {
  if (x.v === 0n) throw logError("cannot take logarithm of zero");
  if (x.v < 0n) throw logError("cannot take logarithm of a negative number");
  const w = rscale + GUARD;
  return roundFixed({ v: lnPoint(x, w), s: w }, rscale);
}

export function ln(a: NumericValue): NumericValue {
  if (isSpecial(a)) {
    if (a === "-Infinity") throw logError("cannot take logarithm of a negative number");
    return a;
  }
  const x = finite(a);
  if (x.v === 0n) throw logError("cannot take logarithm of zero");
  if (x.v < 0n) throw logError("cannot take logarithm of a negative number");
  const rscale = clampRscale(Math.max(MIN_SIG_DIGITS - estimateLnDweight(x), x.s));
  return result(lnRound(x, rscale));
}

/** log(base, x). */
export function log(base: NumericValue, num: NumericValue): NumericValue {
  if (isSpecial(base) || isSpecial(num)) {
    if (base === "NaN" || num === "NaN") return NAN;
    const s1 = signOf(base);
    const s2 = signOf(num);
    if (s1 < 0 || s2 < 0) throw logError("cannot take logarithm of a negative number");
    if (s1 === 0 || s2 === 0) throw logError("cannot take logarithm of zero");
    if (base === "Infinity") return num === "Infinity" ? NAN : { neg: false, coef: "0", scale: 0 };
    return PINF;
  }
  const b = finite(base);
  const x = finite(num);
  for (const v of [b, x]) {
    if (v.v === 0n) throw logError("cannot take logarithm of zero");
    if (v.v < 0n) throw logError("cannot take logarithm of a negative number");
  }
  const dBase = estimateLnDweight(b);
  const dNum = estimateLnDweight(x);
  const rscale = clampRscale(Math.max(MIN_SIG_DIGITS - (dNum - dBase), b.s, x.s));
  const w = rscale + GUARD + Math.abs(dNum) + Math.abs(dBase) + 4;
  const lb = lnPoint(b, w);
  if (lb === 0n || cmpFixed(b, fixed(1)) === 0) throw divisionByZero();
  const lx = lnPoint(x, w);
  return result(divFixed({ v: lx, s: w }, { v: lb, s: w }, rscale));
}

const TEN: NumericValue = { neg: false, coef: "10", scale: 0 };

export function log10(a: NumericValue): NumericValue {
  return log(TEN, a);
}

const ONE: Decimal = { neg: false, coef: "1", scale: 0 };
const ZERO: Decimal = { neg: false, coef: "0", scale: 0 };

/** base ^ exp (numeric_power and power_var). */
export function power(base: NumericValue, expo: NumericValue): NumericValue {
  if (isSpecial(base) || isSpecial(expo)) return powerSpecial(base, expo);
  const b = finite(base);
  const e = finite(expo);
  if (b.v === 0n && e.v < 0n) throw powerError("zero raised to a negative power is undefined");
  // An integral exponent that fits in int32: power_var_int.
  if (isIntegral(e)) {
    const n = e.v / pow10(e.s);
    if (n >= -2147483648n && n <= 2147483647n) {
      const rscale = clampRscale(Math.max(MIN_SIG_DIGITS, b.s));
      return result(powerInt(b, n, rscale));
    }
  }
  if (b.v === 0n) return result({ v: 0n, s: MIN_SIG_DIGITS });
  let negative = false;
  let x = b;
  if (b.v < 0n) {
    if (!isIntegral(e))
      throw powerError("a negative number raised to a non-integer power yields a complex result");
    negative = (e.v / pow10(e.s)) % 2n !== 0n;
    x = { v: -b.v, s: b.s };
  }
  // The scale follows from a low-precision estimate of exp * ln(base), as in power_var.
  const lnDweight = estimateLnDweight(x);
  const localRscale = Math.max(8 - lnDweight, 0);
  const lnBase = lnRound(x, localRscale);
  const lnNum = roundFixed(mulFixed(lnBase, e), localRscale);
  let val = Number(toPoint(lnNum, 20)) / 1e20;
  if (Math.abs(val) > MAX_RESULT_SCALE * 3.01) {
    if (val > 0) throw overflowsFormat();
    return result({ v: 0n, s: MAX_DISPLAY_SCALE });
  }
  val *= PG_LOG10_E;
  const rscale = clampRscale(Math.max(MIN_SIG_DIGITS - Math.trunc(val), b.s, e.s));
  const intDigits = Math.max(0, Math.ceil(val)) + 1;
  const w = rscale + intDigits + GUARD + digitCount(e.v);
  const t = (lnPoint(x, w) * e.v) / pow10(e.s);
  if (Math.abs(Number(t / pow10(w))) >= MAX_RESULT_SCALE * 3) {
    if (t > 0n) throw overflowsFormat();
    return result({ v: 0n, s: rscale });
  }
  const r = roundFixed({ v: expPoint(t, w), s: w }, rscale);
  return result(negative ? { v: -r.v, s: r.s } : r);
}

/** power_var_int: base^n for an integer n, rounded to rscale. */
function powerInt(b: Fixed, n: bigint, rscale: number): Fixed {
  if (n === 0n) return { v: pow10(rscale), s: rscale };
  if (b.v === 0n) return { v: 0n, s: rscale };
  const m = n < 0n ? -n : n;
  // Estimate the result's magnitude first, to fail or give zero early as PostgreSQL does.
  const lead = leadExp(b)!;
  const digits = abs(b.v).toString().slice(0, 16);
  const f = Number(n) * (Math.log10(Number(digits)) + lead - (digits.length - 1));
  if (f > 3 * 32767 * 4) throw overflowsFormat();
  if (f + 1 < -rscale || f + 1 < -MAX_DISPLAY_SCALE) return { v: 0n, s: rscale };
  // More digits before the point than numeric holds: PostgreSQL fails as the product grows.
  if (f > MAX_INT_DIGITS + 1) throw overflowsFormat();
  if (digitCount(b.v) * Number(m) > 20000) {
    // Too many digits to compute exactly: exp(n ln|b|) with enough precision.
    const w = rscale + Math.max(0, Math.ceil(f)) + 1 + GUARD + digitCount(n);
    const t = lnPoint({ v: abs(b.v), s: b.s }, w) * n;
    const r = roundFixed({ v: expPoint(t, w), s: w }, rscale);
    return b.v < 0n && m % 2n === 1n ? { v: -r.v, s: r.s } : r;
  }
  const exact: Fixed = { v: b.v ** m, s: b.s * Number(m) };
  if (n > 0n) return roundFixed(exact, rscale);
  return divFixed({ v: 1n, s: 0 }, exact, rscale);
}

function powerSpecial(base: NumericValue, expo: NumericValue): NumericValue {
  if (base === "NaN") return !isSpecial(expo) && signOf(expo) === 0 ? ONE : NAN;
  if (expo === "NaN") return !isSpecial(base) && compare(base, ONE) === 0 ? ONE : NAN;
  const s1 = signOf(base);
  const s2 = signOf(expo);
  if (s1 === 0 && s2 < 0) throw powerError("zero raised to a negative power is undefined");
  // numeric_is_integral: the infinities count as integral.
  if (s1 < 0 && !isSpecial(expo) && !isIntegral(finite(expo)))
    throw powerError("a negative number raised to a non-integer power yields a complex result");
  if (!isSpecial(base) && compare(base, ONE) === 0) return ONE;
  if (s2 === 0) return ONE;
  if (s1 === 0 && s2 > 0) return ZERO;
  if (isInf(expo)) {
    let absGtOne = true;
    if (!isSpecial(base)) {
      if (compare(base, { neg: true, coef: "1", scale: 0 }) === 0) return ONE;
      absGtOne = compare(absValue(base), ONE) > 0;
    }
    return absGtOne === s2 > 0 ? PINF : ZERO;
  }
  if (base === "Infinity") return s2 > 0 ? PINF : ZERO;
  // base is -Infinity, expo finite and integral
  if (s2 < 0) return ZERO;
  const e = finite(expo);
  return (e.v / pow10(e.s)) % 2n !== 0n ? NINF : PINF;
}
