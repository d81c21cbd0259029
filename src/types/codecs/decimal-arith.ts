// Exact numeric arithmetic with PostgreSQL 15's result scales (numeric.c): + - * / %, rounding,
// sqrt, exp, ln, log, power and the rest, on the exact values of decimal.ts. Finite values are
// computed as scaled BigInts; NaN and the infinities follow PostgreSQL's rules.
import { PgError } from "../../errors/pg-error.js";
import { type Decimal, type NumericValue, overflowsFormat } from "./decimal.js";

/** Digits of precision PostgreSQL aims for in inexact results (NUMERIC_MIN_SIG_DIGITS). */
const MIN_SIG_DIGITS = 16;
const MAX_DISPLAY_SCALE = 1000;
export const MAX_RESULT_SCALE = 2000;
const DSCALE_MAX = 0x3fff;
/** Digits before the point a numeric can hold: (NUMERIC_WEIGHT_MAX + 1) * DEC_DIGITS. */
const MAX_INT_DIGITS = 0x8000 * 4;
// PostgreSQL's own approximations of log10(e) and ln(10), kept as written in numeric.c: the result
// scales of exp, ln and power follow from them.
// biome-ignore lint/suspicious/noApproximativeNumericConstant: PostgreSQL's constant, bit for bit
const PG_LOG10_E = 0.434294481903252;
// biome-ignore lint/suspicious/noApproximativeNumericConstant: PostgreSQL's constant, bit for bit
const PG_LN_10 = 2.302585092994046;
/** Guard digits for the inexact functions (exp, ln, power). */
const GUARD = 12;

export const NAN: NumericValue = "NaN";
export const PINF: NumericValue = "Infinity";
export const NINF: NumericValue = "-Infinity";

/** A finite value as v / 10^s. */
export interface Fixed {
  v: bigint;
  s: number;
}

const powers: bigint[] = [1n];
export function pow10(n: number): bigint {
  if (n < 0) throw new Error(`negative power of ten ${n}`);
  if (n < 512) {
    while (powers.length <= n) powers.push(powers[powers.length - 1]! * 10n);
    return powers[n]!;
  }
  return 10n ** BigInt(n);
}

const abs = (x: bigint) => (x < 0n ? -x : x);
const sgn = (x: bigint) => (x < 0n ? -1n : x > 0n ? 1n : 0n);

function digitCount(x: bigint): number {
  return x === 0n ? 0 : abs(x).toString().length;
}

export function toFixed(d: Decimal): Fixed {
  const v = BigInt(d.coef);
  return { v: d.neg ? -v : v, s: d.scale };
}

/** A finite result, checked against numeric's limits as make_result does. */
export function fromFixed(f: Fixed): Decimal {
  const coef = abs(f.v).toString();
  if (coef.length - f.s > MAX_INT_DIGITS || f.s > DSCALE_MAX) throw overflowsFormat();
  return { neg: f.v < 0n, coef, scale: f.s };
}

export const isSpecial = (x: NumericValue): x is "NaN" | "Infinity" | "-Infinity" => typeof x === "string";
const isInf = (x: NumericValue) => x === "Infinity" || x === "-Infinity";

/** -1, 0 or 1; NaN has no sign (callers handle it first). */
export function signOf(x: NumericValue): number {
  if (x === "Infinity") return 1;
  if (x === "-Infinity") return -1;
  if (x === "NaN") return 0;
  return x.coef === "0" ? 0 : x.neg ? -1 : 1;
}

export function fixed(n: bigint | number, s = 0): Fixed {
  return { v: BigInt(n), s };
}

function align(a: Fixed, b: Fixed): [bigint, bigint, number] {
  const s = Math.max(a.s, b.s);
  return [a.v * pow10(s - a.s), b.v * pow10(s - b.s), s];
}

/** Integer division rounding half away from zero. */
function divRound(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r = num % den;
  if (r === 0n) return q;
  return 2n * abs(r) >= abs(den) ? q + sgn(num) * sgn(den) : q;
}

/** round_var: to `scale` fractional digits (negative: before the point), half away from zero. */
export function roundFixed(f: Fixed, scale: number): Fixed {
  if (scale >= f.s) return { v: f.v * pow10(scale - f.s), s: scale };
  const drop = f.s - scale;
  let q = divRound(f.v, pow10(drop));
  if (scale < 0) {
    q *= pow10(-scale);
    return { v: q, s: 0 };
  }
  return { v: q, s: scale };
}

/** trunc_var: toward zero. */
export function truncFixed(f: Fixed, scale: number): Fixed {
  if (scale >= f.s) return { v: f.v * pow10(scale - f.s), s: scale };
  const drop = f.s - scale;
  let q = f.v / pow10(drop);
  if (scale < 0) {
    q *= pow10(-scale);
    return { v: q, s: 0 };
  }
  return { v: q, s: scale };
}

export function addFixed(a: Fixed, b: Fixed): Fixed {
  const [x, y, s] = align(a, b);
  return { v: x + y, s };
}

export function subFixed(a: Fixed, b: Fixed): Fixed {
  const [x, y, s] = align(a, b);
  return { v: x - y, s };
}

export function mulFixed(a: Fixed, b: Fixed): Fixed {
  return { v: a.v * b.v, s: a.s + b.s };
}

export function cmpFixed(a: Fixed, b: Fixed): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** a / b rounded (or truncated) to `scale` fractional digits; b must not be zero. */
export function divFixed(a: Fixed, b: Fixed, scale: number, round = true): Fixed {
  // a/b * 10^scale = a.v * 10^(b.s + scale) / (b.v * 10^a.s)
  let num = a.v;
  let den = b.v;
  const e = b.s + scale - a.s;
  if (e >= 0) num *= pow10(e);
  else den *= pow10(-e);
  if (scale >= 0) return { v: round ? divRound(num, den) : num / den, s: scale };
  const q = round ? divRound(num, den) : num / den;
  return { v: q * pow10(-scale), s: 0 };
}

/** Decimal position of the leading digit: floor(log10(|f|)); undefined for zero. */
function leadExp(f: Fixed): number | undefined {
  return f.v === 0n ? undefined : digitCount(f.v) - 1 - f.s;
}

/** The base-10000 weight and first digit of a value, as PostgreSQL's NumericVar has them. */
function nbase(f: Fixed): { weight: number; first: number; more: boolean } {
  const e = leadExp(f);
  if (e === undefined) return { weight: 0, first: 0, more: false };
  const weight = Math.floor(e / 4);
  const k = f.s + 4 * weight;
  const a = abs(f.v);
  let first: bigint;
  let more: boolean;
  if (k >= 0) {
    const p = pow10(k);
    first = a / p;
    more = a % p !== 0n;
  } else {
    first = a * pow10(-k);
    more = false;
  }
  return { weight, first: Number(first), more };
}

/** select_div_scale: the scale of a quotient. */
export function selectDivScale(a: Fixed, b: Fixed): number {
  const x = nbase(a);
  const y = nbase(b);
  let qweight = x.weight - y.weight;
  if (x.first <= y.first) qweight--;
  let rscale = MIN_SIG_DIGITS - qweight * 4;
  rscale = Math.max(rscale, a.s, b.s, 0);
  return Math.min(rscale, MAX_DISPLAY_SCALE);
}

function divisionByZero(): PgError {
  return new PgError("DIVISION_BY_ZERO", "division by zero");
}

const finite = (x: NumericValue): Fixed => toFixed(x as Decimal);
const result = (f: Fixed): NumericValue => fromFixed(f);

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

function isIntegral(f: Fixed): boolean {
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
