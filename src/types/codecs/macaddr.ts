// macaddr and macaddr8: stored as TEXT in their canonical output form (lowercase hex pairs joined by
// colons), whose text order is PostgreSQL's byte order (macaddr_cmp, macaddr8_cmp).
import { PgError } from "../../errors/pg-error.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { expectLength } from "./binary.js";

const isSpace = (c: number | undefined): boolean => c === 32 || (c !== undefined && c >= 9 && c <= 13);

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** One conversion of a scanf format: %x (width 0) or %2x; or a literal character. */
type Step = number | string;

// macaddr_in tries these sscanf formats in turn, each followed by %1s to reject trailing garbage.
const FORMATS: Step[][] = [
  [0, ":", 0, ":", 0, ":", 0, ":", 0, ":", 0],
  [0, "-", 0, "-", 0, "-", 0, "-", 0, "-", 0],
  [2, 2, 2, ":", 2, 2, 2],
  [2, 2, 2, "-", 2, 2, 2],
  [2, 2, ".", 2, 2, ".", 2, 2],
  [2, 2, "-", 2, 2, "-", 2, 2],
  [2, 2, 2, 2, 2, 2],
];

/** sscanf(str, format "%1s"): the six values when all conversions match and only spaces follow. */
function scan(s: string, format: Step[]): number[] | undefined {
  const values: number[] = [];
  let i = 0;
  for (const step of format) {
    if (typeof step === "string") {
      if (s[i] !== step) return undefined;
      i++;
      continue;
    }
    // %x: skips white space, takes a sign, an optional 0x and hex digits, at most width characters.
    while (isSpace(s.charCodeAt(i))) i++;
    const limit = step === 0 ? Number.POSITIVE_INFINITY : i + step;
    let negative = false;
    if ((s[i] === "+" || s[i] === "-") && i < limit) {
      negative = s[i] === "-";
      i++;
    }
    if (
      s[i] === "0" &&
      (s[i + 1] === "x" || s[i + 1] === "X") &&
      i + 2 < limit &&
      hexValue(s.charCodeAt(i + 2)) >= 0
    )
      i += 2;
    let value = 0;
    let digits = 0;
    while (i < limit && hexValue(s.charCodeAt(i)) >= 0) {
      value = value * 16 + hexValue(s.charCodeAt(i));
      i++;
      digits++;
    }
    if (digits === 0) return undefined;
    values.push(negative ? -value : value);
  }
  while (isSpace(s.charCodeAt(i))) i++;
  return i === s.length ? values : undefined;
}

function invalid(type: string, text: string): PgError {
  return new PgError("INVALID_TEXT_REPRESENTATION", `invalid input syntax for type ${type}: "${text}"`);
}

/** macaddr_in: the six bytes of a MAC address in one of PostgreSQL's accepted notations. */
export function parseMacaddr(text: string): Uint8Array {
  let values: number[] | undefined;
  for (const format of FORMATS) {
    values = scan(text, format);
    if (values) break;
  }
  if (!values) throw invalid("macaddr", text);
  if (values.some((v) => v < 0 || v > 255)) {
    throw new PgError("NUMERIC_VALUE_OUT_OF_RANGE", `invalid octet value in "macaddr" value: "${text}"`);
  }
  return Uint8Array.from(values);
}

/** macaddr8_in: 6 or 8 pairs of hex digits, with one separator (: - .) used throughout or none. */
export function parseMacaddr8(text: string): Uint8Array {
  const s = Buffer.from(text, "utf8");
  const bytes: number[] = [];
  let p = 0;
  let spacer = 0;
  while (p < s.length && isSpace(s[p])) p++;
  // Digits must always come in pairs.
  while (p < s.length && p + 1 < s.length) {
    if (bytes.length === 8) throw invalid("macaddr8", text);
    const hi = hexValue(s[p]);
    const lo = hexValue(s[p + 1]);
    if (hi < 0 || lo < 0) throw invalid("macaddr8", text);
    bytes.push((hi << 4) | lo);
    p += 2;
    const c = s[p];
    if (c === 58 || c === 45 || c === 46) {
      if (spacer === 0) spacer = c;
      else if (spacer !== c) throw invalid("macaddr8", text);
      p++;
    }
    // Trailing white space is allowed after 6 or 8 bytes.
    if ((bytes.length === 6 || bytes.length === 8) && isSpace(s[p])) {
      while (++p < s.length && isSpace(s[p]));
      if (p < s.length) throw invalid("macaddr8", text);
    }
  }
  if (bytes.length === 6) return Uint8Array.from([...bytes.slice(0, 3), 0xff, 0xfe, ...bytes.slice(3)]);
  if (bytes.length !== 8) throw invalid("macaddr8", text);
  return Uint8Array.from(bytes);
}

/** The canonical text (and stored form): lowercase hex pairs joined by colons. */
export function formatMac(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(":");
}

const STORED6 = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;
const STORED8 = /^[0-9a-f]{2}(?::[0-9a-f]{2}){7}$/;

/** A stored macaddr's bytes; text in another form (stored before the codec existed) is read as input. */
export function readMacaddr(value: StoredValue): Uint8Array {
  const text = String(value);
  return STORED6.test(text)
    ? Uint8Array.from(text.split(":"), (h) => Number.parseInt(h, 16))
    : parseMacaddr(text);
}

export function readMacaddr8(value: StoredValue): Uint8Array {
  const text = String(value);
  return STORED8.test(text)
    ? Uint8Array.from(text.split(":"), (h) => Number.parseInt(h, 16))
    : parseMacaddr8(text);
}

export const macaddrCodec: TypeCodec = {
  toText: (value) => formatMac(readMacaddr(value)),
  fromText: (text) => formatMac(parseMacaddr(text)),
  toBinary: (value) => readMacaddr(value),
  fromBinary(bytes) {
    expectLength(bytes, 6);
    return formatMac(bytes);
  },
};

export const macaddr8Codec: TypeCodec = {
  toText: (value) => formatMac(readMacaddr8(value)),
  fromText: (text) => formatMac(parseMacaddr8(text)),
  toBinary: (value) => readMacaddr8(value),
  fromBinary(bytes) {
    // macaddr8_recv also takes the six bytes of an EUI-48 address.
    if (bytes.length === 6)
      return formatMac(Uint8Array.from([...bytes.slice(0, 3), 0xff, 0xfe, ...bytes.slice(3)]));
    expectLength(bytes, 8);
    return formatMac(bytes);
  },
};
