// Exact decimal values for numeric: parsing (numeric_in), rounding (round_var) and printing
// (numeric_out), on digit strings so that no precision is lost.
import { PgError } from "../../errors/pg-error.js";

/** A finite decimal: (neg ? -1 : 1) * coef * 10^-scale, coef without leading zeros ("0" for zero). */
export interface Decimal {
  neg: boolean;
  coef: string;
  /** Digits after the decimal point (PostgreSQL's dscale), >= 0. */
  scale: number;
}

export type NumericValue = Decimal | "NaN" | "Infinity" | "-Infinity";

const NUMERIC_DSCALE_MAX = 0x3fff;
const NUMERIC_MAX_INT_DIGITS = 0x8000 * 4;

const NUMBER = /^[ \t\n\r\v\f]*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?[ \t\n\r\v\f]*$/;
const SPECIAL = /^[ \t\n\r\v\f]*(nan|[+-]?inf(?:inity)?)[ \t\n\r\v\f]*$/i;

export function overflowsFormat(): PgError {
  return new PgError("NUMERIC_VALUE_OUT_OF_RANGE", "value overflows numeric format");
}

function stripLeadingZeros(s: string): string {
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 48) i++;
  return i === 0 ? s : s.slice(i);
}

/** numeric_in's syntax; undefined when `text` is not a numeric literal. */
export function parseNumeric(text: string): NumericValue | undefined {
  const m = NUMBER.exec(text);
  if (!m) {
    const s = SPECIAL.exec(text);
    if (!s) return undefined;
    const w = s[1]!.toLowerCase();
    if (w === "nan") return "NaN";
    return w[0] === "-" ? "-Infinity" : "Infinity";
  }
  const intPart = m[2]!;
  const frac = m[3] ?? "";
  if (intPart.length === 0 && frac.length === 0) return undefined;
  let exp = 0;
  if (m[4] !== undefined) {
    exp = Number(m[4]);
    if (Math.abs(exp) >= 0x3fffffff) throw overflowsFormat();
  }
  let coef = stripLeadingZeros(intPart + frac);
  let scale = frac.length - exp;
  if (scale < 0) {
    if (coef !== "0") coef += "0".repeat(-scale);
    scale = 0;
  }
  if (scale > NUMERIC_DSCALE_MAX) throw overflowsFormat();
  if (coef.length - scale > NUMERIC_MAX_INT_DIGITS) throw overflowsFormat();
  return { neg: m[1] === "-" && /[1-9]/.test(coef), coef, scale };
}

/** numeric_out: "-12.340", "0.001", "0". */
export function formatDecimal(d: Decimal): string {
  const { coef, scale } = d;
  const sign = d.neg ? "-" : "";
  if (scale === 0) return sign + coef;
  if (coef.length > scale)
    return `${sign}${coef.slice(0, coef.length - scale)}.${coef.slice(coef.length - scale)}`;
  return `${sign}0.${"0".repeat(scale - coef.length)}${coef}`;
}

export function formatNumericValue(v: NumericValue): string {
  return typeof v === "string" ? v : formatDecimal(v);
}

/** Adds one to a string of decimal digits. */
function incrementDigits(s: string): string {
  const chars = s.split("");
  let i = chars.length - 1;
  while (i >= 0 && chars[i] === "9") chars[i--] = "0";
  if (i < 0) return `1${chars.join("")}`;
  chars[i] = String.fromCharCode(chars[i]!.charCodeAt(0) + 1);
  return chars.join("");
}

/**
 * round_var: rounds half away from zero to `scale` fractional digits (negative: to tens, hundreds,
 * ...). The result's scale is max(scale, 0), as in PostgreSQL.
 */
export function roundDecimal(d: Decimal, scale: number): Decimal {
  const outScale = Math.max(scale, 0);
  if (scale >= d.scale) {
    const coef = d.coef === "0" ? "0" : d.coef + "0".repeat(outScale - d.scale);
    return { neg: d.neg, coef, scale: outScale };
  }
  const drop = d.scale - scale;
  let padded = d.coef;
  if (padded.length <= drop) padded = "0".repeat(drop - padded.length + 1) + padded;
  let kept = padded.slice(0, padded.length - drop);
  if (padded.charCodeAt(padded.length - drop) >= 53) kept = incrementDigits(kept);
  if (scale < 0) kept += "0".repeat(-scale);
  const coef = stripLeadingZeros(kept);
  return { neg: d.neg && coef !== "0", coef, scale: outScale };
}

/** Truncates toward zero to `scale` fractional digits (trunc_var). */
export function truncateDecimal(d: Decimal, scale: number): Decimal {
  if (scale >= d.scale) return roundDecimal(d, scale);
  const drop = d.scale - scale;
  const coef = d.coef.length <= drop ? "0" : stripLeadingZeros(d.coef.slice(0, d.coef.length - drop));
  return { neg: d.neg && coef !== "0", coef, scale };
}

/** floor(log10(|d|)) + 1: the digits before the point, or minus the zeros after it; -Infinity for 0. */
export function magnitudeDigits(d: Decimal): number {
  return d.coef === "0" ? Number.NEGATIVE_INFINITY : d.coef.length - d.scale;
}

/** apply_typmod for numeric(precision, scale): rounds, then raises 22003 when the value does not fit. */
export function applyNumericTypmod(v: NumericValue, precision: number, scale: number): NumericValue {
  if (v === "NaN") return v;
  if (typeof v === "string") {
    throw new PgError("NUMERIC_VALUE_OUT_OF_RANGE", "numeric field overflow", {
      detail: `A field with precision ${precision}, scale ${scale} cannot hold an infinite value.`,
    });
  }
  const r = roundDecimal(v, scale);
  const maxDigits = precision - scale;
  if (magnitudeDigits(r) > maxDigits) {
    const limit = maxDigits !== 0 ? `10^${maxDigits}` : "1";
    throw new PgError("NUMERIC_VALUE_OUT_OF_RANGE", "numeric field overflow", {
      detail: `A field with precision ${precision}, scale ${scale} must round to an absolute value less than ${limit}.`,
    });
  }
  return r;
}
