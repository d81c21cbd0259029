// bytea: stored as BLOB. Text input/output follow byteain/byteaout (bytea.c, encode.c's hex_decode).
import { PgError } from "../../errors/pg-error.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { encodeUtf8 } from "./binary.js";

/** A stored value as bytes: BLOBs as they are, anything else as its UTF-8 text (SQLite's CAST AS BLOB). */
export function storedBytes(value: StoredValue): Uint8Array {
  if (value instanceof Uint8Array) return value;
  return encodeUtf8(typeof value === "string" ? value : String(value));
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function isHexSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function decodeHex(text: string): Uint8Array {
  const out = new Uint8Array((text.length - 2) >> 1);
  let n = 0;
  let i = 2;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isHexSpace(c)) {
      i++;
      continue;
    }
    const hi = hexValue(c);
    if (hi < 0) throw badHexDigit(text, i);
    if (i + 1 >= text.length) {
      throw new PgError("INVALID_PARAMETER_VALUE", "invalid hexadecimal data: odd number of digits");
    }
    const lo = hexValue(text.charCodeAt(i + 1));
    if (lo < 0) throw badHexDigit(text, i + 1);
    out[n++] = (hi << 4) | lo;
    i += 2;
  }
  return out.subarray(0, n);
}

function badHexDigit(text: string, i: number): PgError {
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  return new PgError("INVALID_PARAMETER_VALUE", `invalid hexadecimal digit: "${ch}"`);
}

function isOctal(c: number, max = 55): boolean {
  return c >= 48 && c <= max;
}

function decodeEscape(text: string): Uint8Array {
  const src = encodeUtf8(text);
  const out = new Uint8Array(src.length);
  let n = 0;
  for (let i = 0; i < src.length; ) {
    const b = src[i]!;
    if (b !== 92) {
      out[n++] = b;
      i++;
    } else if (src[i + 1] === 92) {
      out[n++] = 92;
      i += 2;
    } else if (isOctal(src[i + 1] ?? 0, 51) && isOctal(src[i + 2] ?? 0) && isOctal(src[i + 3] ?? 0)) {
      out[n++] = ((src[i + 1]! - 48) << 6) | ((src[i + 2]! - 48) << 3) | (src[i + 3]! - 48);
      i += 4;
    } else {
      throw new PgError("INVALID_TEXT_REPRESENTATION", "invalid input syntax for type bytea");
    }
  }
  return out.slice(0, n);
}

/** byteain: "\x" hex, else the escape format. */
export function parseByteaText(text: string): Uint8Array {
  if (text.charCodeAt(0) === 92 && text.charCodeAt(1) === 120) return decodeHex(text);
  return decodeEscape(text);
}

/** byteaout in the given bytea_output style. */
export function formatBytea(bytes: Uint8Array, style: string): string {
  if (style !== "escape") {
    return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")}`;
  }
  let s = "";
  for (const b of bytes) {
    if (b === 92) s += "\\\\";
    else if (b < 0x20 || b > 0x7e)
      s += `\\${(b >> 6).toString(8)}${((b >> 3) & 7).toString(8)}${(b & 7).toString(8)}`;
    else s += String.fromCharCode(b);
  }
  return s;
}

export const byteaCodec: TypeCodec = {
  toText: (value, _typmod, ctx) => formatBytea(storedBytes(value), ctx.byteaOutput),
  fromText: (text) => parseByteaText(text),
  toBinary: (value) => storedBytes(value),
  fromBinary: (bytes) => bytes.slice(),
};
