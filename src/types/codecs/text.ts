// Character types: text, varchar, bpchar, name, "char" and unknown, all stored as TEXT.
// Length rules follow varchar_input/bpchar_input (varchar.c), namein (name.c) and charin (char.c).
import { PgError } from "../../errors/pg-error.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { decodeUtf8, encodeUtf8 } from "./binary.js";

const VARHDRSZ = 4;
const NAMEDATALEN = 64;
const lenient = new TextDecoder("utf-8");

/** A stored value as text, converting numbers and BLOBs the way SQLite's CAST AS TEXT does. */
export function storedText(value: StoredValue): string {
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return lenient.decode(value);
  return String(value);
}

/** Length in characters (code points), as PostgreSQL counts them. */
export function charLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n--;
      i++;
    }
  }
  return n;
}

/** The first `n` characters (code points) of s. */
function charPrefix(s: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return s.slice(0, i);
}

function tooLong(sqlName: string, max: number): PgError {
  return new PgError("STRING_DATA_RIGHT_TRUNCATION", `value too long for type ${sqlName}(${max})`);
}

/**
 * varchar(n) and char(n) length rules. On assignment (explicit false) a longer value is an error
 * unless the excess is spaces, which are cut; an explicit cast cuts silently. bpchar pads to n.
 */
export function applyCharTypmod(s: string, typmod: number, padded: boolean, explicit: boolean): string {
  if (typmod < VARHDRSZ) return s;
  const max = typmod - VARHDRSZ;
  if (s.length <= max && !padded) return s;
  const len = charLength(s);
  if (len > max) {
    const kept = charPrefix(s, max);
    if (!explicit && /[^ ]/.test(s.slice(kept.length))) {
      throw tooLong(padded ? "character" : "character varying", max);
    }
    return kept;
  }
  return padded && len < max ? s + " ".repeat(max - len) : s;
}

function textBinary(value: StoredValue): Uint8Array {
  return encodeUtf8(storedText(value));
}

export const textCodec: TypeCodec = {
  toText: storedText,
  fromText: (text) => text,
  toBinary: textBinary,
  fromBinary: (bytes) => decodeUtf8(bytes),
};

export const varcharCodec: TypeCodec = {
  toText: storedText,
  fromText: (text, typmod) => applyCharTypmod(text, typmod, false, false),
  toBinary: textBinary,
  fromBinary: (bytes, typmod) => applyCharTypmod(decodeUtf8(bytes), typmod, false, false),
};

export const bpcharCodec: TypeCodec = {
  // Stored values are already padded; pad again only if something stored a shorter value.
  toText(value, typmod) {
    const s = storedText(value);
    return typmod > VARHDRSZ && s.length < typmod - VARHDRSZ ? applyCharTypmod(s, typmod, true, true) : s;
  },
  fromText: (text, typmod) => applyCharTypmod(text, typmod, true, false),
  toBinary(value, typmod, ctx) {
    return encodeUtf8(bpcharCodec.toText(value, typmod, ctx));
  },
  fromBinary: (bytes, typmod) => applyCharTypmod(decodeUtf8(bytes), typmod, true, false),
};

/** namein: cut to NAMEDATALEN - 1 bytes without splitting a character. */
export function clipName(s: string): string {
  if (s.length < NAMEDATALEN / 3) return s;
  const bytes = encodeUtf8(s);
  if (bytes.length < NAMEDATALEN) return s;
  let end = NAMEDATALEN - 1;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return lenient.decode(bytes.subarray(0, end));
}

export const nameCodec: TypeCodec = {
  toText: storedText,
  fromText: clipName,
  toBinary: textBinary,
  fromBinary: (bytes) => clipName(decodeUtf8(bytes)),
};

// "char" holds one byte. It is stored as charout prints it: the character when ASCII, "\ooo" for a
// byte with the high bit set (PostgreSQL 15), "" for the zero byte.
function charFromByte(b: number): string {
  if (b === 0) return "";
  if (b < 0x80) return String.fromCharCode(b);
  return `\\${(b >> 6).toString(8)}${((b >> 3) & 7).toString(8)}${(b & 7).toString(8)}`;
}

function charToByte(s: string): number {
  if (/^\\[0-7]{3}$/.test(s)) return Number.parseInt(s.slice(1), 8) & 0xff;
  return s.length === 0 ? 0 : encodeUtf8(s)[0]!;
}

export const charCodec: TypeCodec = {
  toText: storedText,
  fromText: (text) => charFromByte(charToByte(text)),
  toBinary: (value) => Uint8Array.of(charToByte(storedText(value))),
  fromBinary: (bytes) => charFromByte(bytes.length > 0 ? bytes[0]! : 0),
};
