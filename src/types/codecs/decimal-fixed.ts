// The fixed-point core of exact numeric arithmetic: finite numerics as scaled BigInts (value =
// v / 10^s), PostgreSQL 15's scale limits and constants (numeric.c), rounding and truncation,
// the four operations on fixed values, and select_div_scale.
import { PgError } from "../../errors/pg-error.js";
import { type Decimal, type NumericValue, overflowsFormat } from "./decimal.js";

/** Digits of precision PostgreSQL aims for in inexact results (NUMERIC_MIN_SIG_DIGITS). */
export const MIN_SIG_DIGITS = 16;
export const MAX_DISPLAY_SCALE = 1000;
export const MAX_RESULT_SCALE = 2000;
export const DSCALE_MAX = 0x3fff;
/** Digits before the point a numeric can hold: (NUMERIC_WEIGHT_MAX + 1) * DEC_DIGITS. */
export const MAX_INT_DIGITS = 0x8000 * 4;
// PostgreSQL's own approximations of log10(e) and ln(10), kept as written in numeric.c: the result
// scales of exp, ln and power follow from them.
// biome-ignore lint/suspicious/noApproximativeNumericConstant: PostgreSQL's constant, bit for bit
export const PG_LOG10_E = 0.434294481903252;
// biome-ignore lint/suspicious/noApproximativeNumericConstant: PostgreSQL's constant, bit for bit
export const PG_LN_10 = 2.302585092994046;
/** Guard digits for the inexact functions (exp, ln, power). */
export const GUARD = 12;

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

export const abs = (x: bigint) => (x < 0n ? -x : x);
const sgn = (x: bigint) => (x < 0n ? -1n : x > 0n ? 1n : 0n);

export function digitCount(x: bigint): number {
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
export const isInf = (x: NumericValue) => x === "Infinity" || x === "-Infinity";

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

export function align(a: Fixed, b: Fixed): [bigint, bigint, number] {
  const s = Math.max(a.s, b.s);
  return [a.v * pow10(s - a.s), b.v * pow10(s - b.s), s];
}

/** Integer division rounding half away from zero. */
export function divRound(num: bigint, den: bigint): bigint {
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
export function leadExp(f: Fixed): number | undefined {
  return f.v === 0n ? undefined : digitCount(f.v) - 1 - f.s;
}

/** The base-10000 weight and first digit of a value, as PostgreSQL's NumericVar has them. */
export function nbase(f: Fixed): { weight: number; first: number; more: boolean } {
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

export function divisionByZero(): PgError {
  return new PgError("DIVISION_BY_ZERO", "division by zero");
}

export const finite = (x: NumericValue): Fixed => toFixed(x as Decimal);
export const result = (f: Fixed): NumericValue => fromFixed(f);
