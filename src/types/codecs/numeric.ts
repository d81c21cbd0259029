// numeric: stored as SQLite keeps it under NUMERIC affinity (INTEGER, REAL or exact TEXT). Input
// yields the exact decimal TEXT that numeric_out would print; output restores the typmod's scale.
import { PgError } from "../../errors/pg-error.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { numericTypmodPrecision, numericTypmodScale } from "../typmod.js";
import { BinaryReader, BinaryWriter, badBinary } from "./binary.js";
import {
  applyNumericTypmod,
  type Decimal,
  formatDecimal,
  formatNumericValue,
  type NumericValue,
  parseNumeric,
  roundDecimal,
  truncateDecimal,
} from "./decimal.js";
import { formatPlainDecimal } from "./float-format.js";

const VARHDRSZ = 4;

function hasTypmod(typmod: number): boolean {
  return typmod >= VARHDRSZ;
}

/** numeric_in: the exact value of a literal, or 22P02. */
export function parseNumericText(text: string): NumericValue {
  const v = parseNumeric(text);
  if (v === undefined) {
    throw new PgError("INVALID_TEXT_REPRESENTATION", `invalid input syntax for type numeric: "${text}"`);
  }
  return v;
}

/** A stored numeric (INTEGER, REAL or TEXT) as an exact value. */
export function storedNumeric(value: StoredValue): NumericValue {
  if (typeof value === "string") return parseNumeric(value) ?? "NaN";
  if (typeof value === "bigint") return parseNumeric(value.toString())!;
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
    return parseNumeric(
      Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value) : formatPlainDecimal(value),
    )!;
  }
  return "NaN";
}

/** Applies a numeric typmod (rounding, 22003 on overflow); -1 leaves the value alone. */
export function coerceNumeric(v: NumericValue, typmod: number): NumericValue {
  if (!hasTypmod(typmod)) return v;
  return applyNumericTypmod(v, numericTypmodPrecision(typmod), numericTypmodScale(typmod));
}

function withScale(text: string, scale: number): string {
  const dot = text.indexOf(".");
  const have = dot < 0 ? 0 : text.length - dot - 1;
  if (have === scale) return text;
  if (have < scale) return `${text}${dot < 0 ? "." : ""}${"0".repeat(scale - have)}`;
  const d = parseNumeric(text);
  return d === undefined || typeof d === "string" ? text : formatDecimal(roundDecimal(d, scale));
}

function numericText(value: StoredValue, typmod: number): string {
  const scale = hasTypmod(typmod) ? Math.max(numericTypmodScale(typmod), 0) : -1;
  let text: string;
  if (typeof value === "string") {
    text = value;
  } else if (
    typeof value === "number" &&
    Math.abs(value) < 1e15 &&
    (Number.isInteger(value) || Math.abs(value) >= 1e-4)
  ) {
    // JavaScript prints these in plain notation with the shortest digits.
    text = String(value);
  } else if (typeof value === "bigint") {
    text = value.toString();
  } else {
    text = formatNumericValue(storedNumeric(value));
  }
  if (scale < 0 || text === "NaN" || text === "Infinity" || text === "-Infinity") return text;
  return withScale(text, scale);
}

// Sign words of the binary format (numeric.c).
const NUMERIC_POS = 0x0000;
const NUMERIC_NEG = 0x4000;
const NUMERIC_NAN = 0xc000;
const NUMERIC_PINF = 0xd000;
const NUMERIC_NINF = 0xf000;

/** numeric_send: ndigits, weight, sign, dscale, then base-10000 digits without leading/trailing zeros. */
export function numericToBinary(v: NumericValue): Uint8Array {
  const w = new BinaryWriter();
  if (typeof v === "string") {
    const sign = v === "NaN" ? NUMERIC_NAN : v === "Infinity" ? NUMERIC_PINF : NUMERIC_NINF;
    // PostgreSQL 15 reports dscale 32 for the infinities: NUMERIC_DSCALE reads their header bits.
    return w
      .int16(0)
      .int16(0)
      .uint16(sign)
      .int16(v === "NaN" ? 0 : 32)
      .finish();
  }
  const intLen = Math.max(v.coef.length - v.scale, 0);
  let intPart = v.coef.slice(0, intLen);
  let frac = v.coef.length >= v.scale ? v.coef.slice(intLen) : "0".repeat(v.scale - v.coef.length) + v.coef;
  intPart = "0".repeat((4 - (intPart.length % 4)) % 4) + intPart;
  frac += "0".repeat((4 - (frac.length % 4)) % 4);
  const all = intPart + frac;
  const groups: number[] = [];
  for (let i = 0; i < all.length; i += 4) groups.push(Number(all.slice(i, i + 4)));
  let weight = intPart.length / 4 - 1;
  let start = 0;
  let end = groups.length;
  while (start < end && groups[start] === 0) {
    start++;
    weight--;
  }
  while (end > start && groups[end - 1] === 0) end--;
  if (start === end) weight = 0;
  w.int16(end - start)
    .int16(weight)
    .uint16(v.neg && start !== end ? NUMERIC_NEG : NUMERIC_POS)
    .int16(v.scale);
  for (let i = start; i < end; i++) w.int16(groups[i]!);
  return w.finish();
}

/** numeric_recv, before the typmod is applied. */
export function numericFromBinary(bytes: Uint8Array): NumericValue {
  const r = new BinaryReader(bytes);
  const ndigits = r.int16();
  if (ndigits < 0) throw badBinary('invalid length in external "numeric" value');
  const weight = r.int16();
  const sign = r.uint16();
  if (sign === NUMERIC_NAN) return "NaN";
  if (sign === NUMERIC_PINF) return "Infinity";
  if (sign === NUMERIC_NINF) return "-Infinity";
  if (sign !== NUMERIC_POS && sign !== NUMERIC_NEG)
    throw badBinary('invalid sign in external "numeric" value');
  const dscale = r.uint16();
  if ((dscale & 0x3fff) !== dscale) throw badBinary('invalid scale in external "numeric" value');
  let digits = "";
  for (let i = 0; i < ndigits; i++) {
    const d = r.int16();
    if (d < 0 || d >= 10000) throw badBinary('invalid digit in external "numeric" value');
    digits += String(d).padStart(4, "0");
  }
  // digits * 10^(4 * (weight + 1 - ndigits)); express with a non-negative scale, then cut to dscale.
  const exp = 4 * (weight + 1 - ndigits);
  let coef = digits.replace(/^0+(?=\d)/, "") || "0";
  let scale = -exp;
  if (scale < 0) {
    if (coef !== "0") coef += "0".repeat(-scale);
    scale = 0;
  }
  const d: Decimal = { neg: sign === NUMERIC_NEG && /[1-9]/.test(coef), coef, scale };
  return truncateDecimal(d, dscale);
}

export const numericCodec: TypeCodec = {
  toText(value, typmod) {
    return numericText(value, typmod);
  },
  fromText(text, typmod) {
    return formatNumericValue(coerceNumeric(parseNumericText(text), typmod));
  },
  toBinary(value, typmod) {
    const v = storedNumeric(value);
    const scale = hasTypmod(typmod) ? Math.max(numericTypmodScale(typmod), 0) : -1;
    return numericToBinary(scale >= 0 && typeof v !== "string" ? roundDecimal(v, scale) : v);
  },
  fromBinary(bytes, typmod) {
    return formatNumericValue(coerceNumeric(numericFromBinary(bytes), typmod));
  },
};
