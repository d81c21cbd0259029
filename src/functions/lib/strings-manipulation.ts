// The text and bytea helpers behind substring, position, overlay, trim, lpad/rpad, repeat,
// left/right, split_part, translate, initcap, chr, ascii, to_hex and string_to_array
// (PostgreSQL 15's varlena.c and oracle_compat.c). Characters are code points, as in a UTF-8
// database; bytea variants work on bytes.
import { PgError } from "../../errors/pg-error.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { chars, isAlnum, lengthTooLarge, lowerChar, MAX_TEXT_BYTES, upperChar } from "./strings-common.js";

// ---------------------------------------------------------------------------------------------
// substring

function substringError(): PgError {
  return new PgError("SUBSTRING_ERROR", "negative substring length not allowed");
}

/** The [from, to) range (0-based, clamped to len) of SQL's substring(s FROM start FOR count). */
function substringRange(len: number, start: number, count: number | undefined): [number, number] {
  if (count !== undefined && count < 0) throw substringError();
  const s = Math.max(start, 1);
  const e = count === undefined ? len + 1 : start + count;
  if (e < s) return [0, 0];
  return [Math.min(s - 1, len), Math.min(e - 1, len)];
}

export function textSubstring(s: string, start: number, count?: number): string {
  if (!/[\ud800-\udfff]/.test(s)) {
    const [a, b] = substringRange(s.length, start, count);
    return s.slice(a, b);
  }
  const cs = chars(s);
  const [a, b] = substringRange(cs.length, start, count);
  return cs.slice(a, b).join("");
}

export function byteaSubstring(b: Uint8Array, start: number, count?: number): Uint8Array {
  const [x, y] = substringRange(b.length, start, count);
  return b.slice(x, y);
}

// ---------------------------------------------------------------------------------------------
// position, overlay

/** strpos: the 1-based character position of needle in s, 0 when absent. */
export function textPosition(s: string, needle: string): number {
  const i = s.indexOf(needle);
  if (i < 0) return 0;
  return chars(s.slice(0, i)).length + 1;
}

export function bytesIndexOf(hay: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0;
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(
    Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength),
  );
}

export function overlayText(s: string, r: string, start: number, count: number): string {
  // text_overlay: substring(s, 1, start - 1) || r || substring(s, start + count)
  if (start - 1 < 0) throw substringError();
  return textSubstring(s, 1, start - 1) + r + textSubstring(s, start + count);
}

export function overlayBytes(s: Uint8Array, r: Uint8Array, start: number, count: number): Uint8Array {
  if (start - 1 < 0) throw substringError();
  return Buffer.concat([byteaSubstring(s, 1, start - 1), r, byteaSubstring(s, start + count)]);
}

// ---------------------------------------------------------------------------------------------
// trim

export function trimText(s: string, set: string, left: boolean, right: boolean): string {
  if (set === " " && !/[\ud800-\udfff]/.test(s)) {
    let a = 0;
    let b = s.length;
    if (left) while (a < b && s[a] === " ") a++;
    if (right) while (b > a && s[b - 1] === " ") b--;
    return s.slice(a, b);
  }
  const drop = new Set(chars(set));
  const cs = chars(s);
  let a = 0;
  let b = cs.length;
  if (left) while (a < b && drop.has(cs[a]!)) a++;
  if (right) while (b > a && drop.has(cs[b - 1]!)) b--;
  return cs.slice(a, b).join("");
}

export function trimBytes(s: Uint8Array, set: Uint8Array, left: boolean, right: boolean): Uint8Array {
  const drop = new Set(set);
  let a = 0;
  let b = s.length;
  if (left) while (a < b && drop.has(s[a]!)) a++;
  if (right) while (b > a && drop.has(s[b - 1]!)) b--;
  return s.slice(a, b);
}

// ---------------------------------------------------------------------------------------------
// padding, repeat, left/right

function checkPadLength(len: number): void {
  // lpad/rpad allocate 4 bytes (the longest UTF-8 character) per requested character.
  if (len * 4 + 4 > MAX_TEXT_BYTES + 4) throw lengthTooLarge();
}

export function pad(s: string, len: number, fill: string, left: boolean): string {
  if (len <= 0) return "";
  checkPadLength(len);
  const cs = chars(s);
  if (cs.length >= len) return cs.slice(0, len).join("");
  const fs = chars(fill);
  if (fs.length === 0) return s;
  const need = len - cs.length;
  let padding = "";
  for (let i = 0; i < need; i++) padding += fs[i % fs.length];
  return left ? padding + s : s + padding;
}

export function repeat(s: string, n: number): string {
  if (n <= 0 || s.length === 0) return "";
  if (Buffer.byteLength(s, "utf8") * n > MAX_TEXT_BYTES) throw lengthTooLarge();
  return s.repeat(n);
}

export function left(s: string, n: number): string {
  const cs = chars(s);
  return (n >= 0 ? cs.slice(0, n) : cs.slice(0, Math.max(0, cs.length + n))).join("");
}

export function right(s: string, n: number): string {
  const cs = chars(s);
  return (n >= 0 ? cs.slice(Math.max(0, cs.length - n)) : cs.slice(Math.min(cs.length, -n))).join("");
}

// ---------------------------------------------------------------------------------------------
// split_part, replace, translate, initcap

export function splitPart(s: string, sep: string, n: number): string {
  if (n === 0) throw new PgError("INVALID_PARAMETER_VALUE", "field position must not be zero");
  if (s.length === 0) return "";
  if (sep.length === 0) return n === 1 || n === -1 ? s : "";
  const parts = s.split(sep);
  return (n > 0 ? parts[n - 1] : parts[parts.length + n]) ?? "";
}

export function translate(s: string, from: string, to: string): string {
  const f = chars(from);
  const tt = chars(to);
  const map = new Map<string, string>();
  f.forEach((c, i) => {
    if (!map.has(c)) map.set(c, i < tt.length ? tt[i]! : "");
  });
  let out = "";
  for (const c of chars(s)) out += map.get(c) ?? c;
  return out;
}

export function initcap(s: string): string {
  let out = "";
  let wasAlnum = false;
  for (const c of chars(s)) {
    out += wasAlnum ? lowerChar(c) : upperChar(c);
    wasAlnum = isAlnum(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// chr, ascii, to_hex

export function chr(code: bigint | number): string {
  const n = Number(code);
  if (n < 0) throw new PgError("INVALID_PARAMETER_VALUE", "character number must be positive");
  if (n === 0) throw new PgError("PROGRAM_LIMIT_EXCEEDED", "null character not permitted");
  if (n > 0x10ffff) {
    throw new PgError("PROGRAM_LIMIT_EXCEEDED", `requested character too large for encoding: ${n}`);
  }
  if (n >= 0xd800 && n <= 0xdfff) {
    throw new PgError("PROGRAM_LIMIT_EXCEEDED", `requested character not valid for encoding: ${n}`);
  }
  return String.fromCodePoint(n);
}

export function ascii(s: string): number {
  return s.length === 0 ? 0 : s.codePointAt(0)!;
}

export function toHex32(v: SqliteValue): string {
  return (Number(v) >>> 0).toString(16);
}

export function toHex64(v: SqliteValue): string {
  return BigInt.asUintN(64, BigInt(v as bigint)).toString(16);
}

// ---------------------------------------------------------------------------------------------
// string_to_array

export function stringToArray(s: string, sep: string | null, nullString: string | null): (string | null)[] {
  if (s.length === 0) return [];
  let parts: string[];
  if (sep === null) parts = chars(s);
  else if (sep.length === 0) parts = [s];
  else parts = s.split(sep);
  return parts.map((p) => (nullString !== null && p === nullString ? null : p));
}

export const textArrayJson = (items: (string | null)[]) => JSON.stringify(items);
