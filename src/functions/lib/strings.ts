// PostgreSQL's string functions (varlena.c, oracle_compat.c, encode.c): substring, position,
// overlay, trim, pad, split_part, format, encode/decode, hashes and the rest. Characters are code
// points, as in a UTF-8 database; bytea variants work on bytes.
import { createHash } from "node:crypto";
import { PgError } from "../../errors/pg-error.js";
import { BOOL, BYTEA, INT4, INT8, TEXT, t } from "../../sql/oids.js";
import type { SqlType } from "../../sql/plan.js";
import { typeByName } from "../../types/registry.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";
import {
  bytes,
  castText,
  chars,
  int,
  isAlnum,
  lengthTooLarge,
  lowerChar,
  MAX_TEXT_BYTES,
  str,
  upperChar,
  valueText,
} from "./strings-common.js";

const TEXT_ARRAY = typeByName("_text")!.oid;

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

function byteaSubstring(b: Uint8Array, start: number, count?: number): Uint8Array {
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

function bytesIndexOf(hay: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0;
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(
    Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength),
  );
}

function overlayText(s: string, r: string, start: number, count: number): string {
  // text_overlay: substring(s, 1, start - 1) || r || substring(s, start + count)
  if (start - 1 < 0) throw substringError();
  return textSubstring(s, 1, start - 1) + r + textSubstring(s, start + count);
}

function overlayBytes(s: Uint8Array, r: Uint8Array, start: number, count: number): Uint8Array {
  if (start - 1 < 0) throw substringError();
  return Buffer.concat([byteaSubstring(s, 1, start - 1), r, byteaSubstring(s, start + count)]);
}

// ---------------------------------------------------------------------------------------------
// trim

function trimText(s: string, set: string, left: boolean, right: boolean): string {
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

function trimBytes(s: Uint8Array, set: Uint8Array, left: boolean, right: boolean): Uint8Array {
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

function pad(s: string, len: number, fill: string, left: boolean): string {
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

function repeat(s: string, n: number): string {
  if (n <= 0 || s.length === 0) return "";
  if (Buffer.byteLength(s, "utf8") * n > MAX_TEXT_BYTES) throw lengthTooLarge();
  return s.repeat(n);
}

function left(s: string, n: number): string {
  const cs = chars(s);
  return (n >= 0 ? cs.slice(0, n) : cs.slice(0, Math.max(0, cs.length + n))).join("");
}

function right(s: string, n: number): string {
  const cs = chars(s);
  return (n >= 0 ? cs.slice(Math.max(0, cs.length - n)) : cs.slice(Math.min(cs.length, -n))).join("");
}

// ---------------------------------------------------------------------------------------------
// split_part, replace, translate, initcap

function splitPart(s: string, sep: string, n: number): string {
  if (n === 0) throw new PgError("INVALID_PARAMETER_VALUE", "field position must not be zero");
  if (s.length === 0) return "";
  if (sep.length === 0) return n === 1 || n === -1 ? s : "";
  const parts = s.split(sep);
  return (n > 0 ? parts[n - 1] : parts[parts.length + n]) ?? "";
}

function translate(s: string, from: string, to: string): string {
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

function initcap(s: string): string {
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

function chr(code: bigint | number): string {
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

function ascii(s: string): number {
  return s.length === 0 ? 0 : s.codePointAt(0)!;
}

function toHex32(v: SqliteValue): string {
  return (Number(v) >>> 0).toString(16);
}

function toHex64(v: SqliteValue): string {
  return BigInt.asUintN(64, BigInt(v as bigint)).toString(16);
}

// ---------------------------------------------------------------------------------------------
// encode / decode (encode.c)

function encodingName(name: string): "base64" | "hex" | "escape" {
  const n = name.toLowerCase();
  if (n === "base64" || n === "hex" || n === "escape") return n;
  throw new PgError("INVALID_PARAMETER_VALUE", `unrecognized encoding: "${name}"`);
}

function base64Encode(b: Uint8Array): string {
  const s = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");
  // pg_base64_encode breaks lines after 76 characters.
  return s.replace(/(.{76})(?=.)/g, "$1\n");
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64Decode(s: string): Uint8Array {
  const out: number[] = [];
  let buf = 0;
  let pos = 0;
  let end = 0;
  for (const c of s) {
    if (c === " " || c === "\t" || c === "\n" || c === "\r") continue;
    let b: number;
    if (c === "=") {
      if (!end) {
        if (pos === 2) end = 1;
        else if (pos === 3) end = 2;
        else {
          throw new PgError("INVALID_PARAMETER_VALUE", 'unexpected "=" while decoding base64 sequence');
        }
      }
      b = 0;
    } else {
      b = B64.indexOf(c);
      if (b < 0 || c.length !== 1) {
        throw new PgError(
          "INVALID_PARAMETER_VALUE",
          `invalid symbol "${c}" found while decoding base64 sequence`,
        );
      }
    }
    buf = (buf << 6) + b;
    pos++;
    if (pos === 4) {
      out.push((buf >> 16) & 255);
      if (end === 0 || end > 1) out.push((buf >> 8) & 255);
      if (end === 0 || end > 2) out.push(buf & 255);
      buf = 0;
      pos = 0;
    }
  }
  if (pos !== 0) {
    throw new PgError("INVALID_PARAMETER_VALUE", "invalid base64 end sequence", {
      hint: "Input data is missing padding, is truncated, or is otherwise corrupted.",
    });
  }
  return Uint8Array.from(out);
}

function hexValue(c: string): number {
  const v = "0123456789abcdef".indexOf(c.toLowerCase());
  if (v < 0 || c.length !== 1) {
    throw new PgError("INVALID_PARAMETER_VALUE", `invalid hexadecimal digit: "${c}"`);
  }
  return v;
}

function hexDecode(s: string): Uint8Array {
  const out: number[] = [];
  const cs = chars(s);
  for (let i = 0; i < cs.length; ) {
    const c = cs[i]!;
    if (c === " " || c === "\n" || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    const hi = hexValue(c);
    i++;
    if (i >= cs.length) {
      throw new PgError("INVALID_PARAMETER_VALUE", "invalid hexadecimal data: odd number of digits");
    }
    out.push((hi << 4) | hexValue(cs[i]!));
    i++;
  }
  return Uint8Array.from(out);
}

function escapeEncode(b: Uint8Array): string {
  let out = "";
  for (const x of b) {
    if (x === 0 || x >= 0x80) out += `\\${x.toString(8).padStart(3, "0")}`;
    else if (x === 92) out += "\\\\";
    else out += String.fromCharCode(x);
  }
  // Bytes below 0x80 are ASCII; the result is valid UTF-8.
  return out;
}

function escapeDecode(s: string): Uint8Array {
  const src = Buffer.from(s, "utf8");
  const out: number[] = [];
  const isOct = (c: number | undefined, max = 55) => c !== undefined && c >= 48 && c <= max;
  for (let i = 0; i < src.length; ) {
    if (src[i] !== 92) {
      out.push(src[i]!);
      i++;
    } else if (i + 3 < src.length && isOct(src[i + 1], 51) && isOct(src[i + 2]) && isOct(src[i + 3])) {
      out.push(((src[i + 1]! - 48) << 6) | ((src[i + 2]! - 48) << 3) | (src[i + 3]! - 48));
      i += 4;
    } else if (i + 1 < src.length && src[i + 1] === 92) {
      out.push(92);
      i += 2;
    } else {
      throw new PgError("INVALID_TEXT_REPRESENTATION", "invalid input syntax for type bytea");
    }
  }
  return Uint8Array.from(out);
}

function encode(b: Uint8Array, format: string): string {
  switch (encodingName(format)) {
    case "base64":
      return base64Encode(b);
    case "hex":
      return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
    default:
      return escapeEncode(b);
  }
}

function decode(s: string, format: string): Uint8Array {
  switch (encodingName(format)) {
    case "base64":
      return base64Decode(s);
    case "hex":
      return hexDecode(s);
    default:
      return escapeDecode(s);
  }
}

function hash(algorithm: string, b: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(algorithm).update(b).digest());
}

// ---------------------------------------------------------------------------------------------
// quoting

/** Keywords quote_ident must quote: every keyword that is not unreserved (pg_get_keywords()). */
const QUOTED_KEYWORDS = new Set(
  (
    "all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean " +
    "both case cast char character check coalesce collate collation column concurrently constraint create " +
    "cross current_catalog current_date current_role current_schema current_time current_timestamp " +
    "current_user dec decimal default deferrable desc distinct do else end except exists extract false " +
    "fetch float for foreign freeze from full grant greatest group grouping having ilike in initially inner " +
    "inout int integer intersect interval into is isnull join lateral leading least left like limit " +
    "localtime localtimestamp national natural nchar none normalize not notnull null nullif numeric offset " +
    "on only or order out outer overlaps overlay placing position precision primary real references " +
    "returning right row select session_user setof similar smallint some substring symmetric table " +
    "tablesample then time timestamp to trailing treat trim true union unique user using values varchar " +
    "variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest " +
    "xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable"
  ).split(" "),
);

/** quote_identifier (ruleutils.c). */
export function quoteIdent(s: string): string {
  const safe = /^[a-z_][a-z0-9_]*$/.test(s) && !QUOTED_KEYWORDS.has(s);
  return safe ? s : `"${s.replace(/"/g, '""')}"`;
}

/** quote_literal: doubled quotes and backslashes, with E'' when there are backslashes. */
export function quoteLiteral(s: string): string {
  const body = s.replace(/['\\]/g, "$&$&");
  return s.includes("\\") ? `E'${body}'` : `'${body}'`;
}

// ---------------------------------------------------------------------------------------------
// concat, format

function anyText(oid: number, v: SqliteValue): string | null {
  return v === null ? null : valueText(oid, v as StoredValue);
}

function concat(types: number[], values: SqliteValue[], sep: string): string {
  const parts: string[] = [];
  values.forEach((v, i) => {
    const s = anyText(types[i]!, v);
    if (s !== null) parts.push(s);
  });
  return parts.join(sep);
}

function formatError(message: string, hint = true): PgError {
  return new PgError("INVALID_PARAMETER_VALUE", message, hint ? { hint: 'For a single "%" use "%%".' } : {});
}

const unterminated = () => formatError("unterminated format() type specifier");

/** text_format: %[argpos$][flags][width]type, with width * or *n$, types s, I and L. */
export function formatText(fmt: string, types: number[], values: SqliteValue[]): string {
  let out = "";
  let arg = 0; // index of the next argument (0-based into values)
  const cs = chars(fmt);
  const n = cs.length;
  let i = 0;
  const digits = (): number | undefined => {
    let v = 0;
    let found = false;
    while (i < n && cs[i]! >= "0" && cs[i]! <= "9") {
      v = v * 10 + Number(cs[i]);
      if (v > 2147483647) throw new PgError("NUMERIC_VALUE_OUT_OF_RANGE", "number is out of range");
      i++;
      found = true;
      if (i >= n) throw unterminated();
    }
    return found ? v : undefined;
  };
  const argumentAt = (pos: number): number => {
    if (pos === 0) {
      throw formatError("format specifies argument 0, but arguments are numbered from 1", false);
    }
    return pos - 1;
  };
  while (i < n) {
    const c = cs[i]!;
    if (c !== "%") {
      out += c;
      i++;
      continue;
    }
    i++;
    if (i >= n) throw unterminated();
    if (cs[i] === "%") {
      out += "%";
      i++;
      continue;
    }
    // text_format_parse_format
    let argpos: number | undefined;
    let widthpos: number | undefined;
    let widthStar = false;
    let leftAlign = false;
    let width = 0;
    const first = digits();
    if (first !== undefined) {
      if (cs[i] === "$") {
        argpos = argumentAt(first);
        i++;
        if (i >= n) throw unterminated();
      } else {
        width = first;
      }
    }
    if (first === undefined || argpos !== undefined) {
      while (cs[i] === "-") {
        leftAlign = true;
        i++;
        if (i >= n) throw unterminated();
      }
      if (cs[i] === "*") {
        widthStar = true;
        i++;
        if (i >= n) throw unterminated();
        const wp = digits();
        if (wp !== undefined) {
          if (cs[i] !== "$") throw unterminated();
          widthpos = argumentAt(wp);
          i++;
          if (i >= n) throw unterminated();
        }
      } else {
        const w = digits();
        if (w !== undefined) width = w;
      }
    }
    const conv = cs[i]!;
    if (conv !== "s" && conv !== "I" && conv !== "L") {
      throw formatError(`unrecognized format() type specifier "${conv}"`);
    }
    if (widthStar) {
      const wi = widthpos ?? arg;
      if (widthpos === undefined) arg++;
      if (wi >= values.length) throw formatError("too few arguments for format()", false);
      const wv = values[wi]!;
      if (wv === null) width = 0;
      else {
        const text = anyText(types[wi]!, wv)!;
        const parsed = /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
        if (Number.isNaN(parsed)) {
          throw new PgError(
            "INVALID_TEXT_REPRESENTATION",
            `invalid input syntax for type integer: "${text}"`,
          );
        }
        width = parsed;
      }
      if (width < 0) {
        leftAlign = true;
        width = -width;
      }
    }
    const vi = argpos ?? arg;
    arg = vi + 1;
    if (vi >= values.length) throw formatError("too few arguments for format()", false);
    const v = values[vi]!;
    let s: string;
    if (conv === "s") s = anyText(types[vi]!, v) ?? "";
    else if (conv === "I") {
      if (v === null) {
        throw new PgError("NULL_VALUE_NOT_ALLOWED", "null values cannot be formatted as an SQL identifier");
      }
      s = quoteIdent(anyText(types[vi]!, v)!);
    } else s = v === null ? "NULL" : quoteLiteral(anyText(types[vi]!, v)!);
    const len = chars(s).length;
    if (width > len) s = leftAlign ? s + " ".repeat(width - len) : " ".repeat(width - len) + s;
    out += s;
    i++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// string_to_array

function stringToArray(s: string, sep: string | null, nullString: string | null): (string | null)[] {
  if (s.length === 0) return [];
  let parts: string[];
  if (sep === null) parts = chars(s);
  else if (sep.length === 0) parts = [s];
  else parts = s.split(sep);
  return parts.map((p) => (nullString !== null && p === nullString ? null : p));
}

const textArrayJson = (items: (string | null)[]) => JSON.stringify(items);

// ---------------------------------------------------------------------------------------------
// declarations

const text = t(TEXT);
const int4 = t(INT4);
const bytea = t(BYTEA);

function udf(
  name: string,
  udfName: string,
  args: FunctionDef["args"],
  returns: SqlType,
  impl: (...a: SqliteValue[]) => SqliteValue,
  extra: Partial<FunctionDef> = {},
): FunctionDef {
  return {
    name,
    kind: "udf",
    // One SQLite function per arity: overloads that differ in arguments need their own name.
    udfName: extra.variadic ? udfName : `${udfName}_${args.length}`,
    args,
    returns,
    volatility: "immutable",
    impl,
    ...extra,
  } as FunctionDef;
}

const halves = (a: SqliteValue[]): [number[], SqliteValue[]] => {
  const n = a.length / 2;
  return [a.slice(0, n).map(Number), a.slice(n)];
};

defineFunctions([
  // substring / substr (the regular-expression forms are in regex.ts)
  udf("substr", "pg_substr", [TEXT, INT4], text, (s, a) => textSubstring(str(s), int(a))),
  udf("substr", "pg_substr", [TEXT, INT4, INT4], text, (s, a, b) => textSubstring(str(s), int(a), int(b))),
  udf("substr", "pg_substr_bytea", [BYTEA, INT4], bytea, (s, a) => byteaSubstring(bytes(s), int(a))),
  udf("substr", "pg_substr_bytea", [BYTEA, INT4, INT4], bytea, (s, a, b) =>
    byteaSubstring(bytes(s), int(a), int(b)),
  ),
  udf("substring", "pg_substr", [TEXT, INT4], text, (s, a) => textSubstring(str(s), int(a))),
  udf("substring", "pg_substr", [TEXT, INT4, INT4], text, (s, a, b) => textSubstring(str(s), int(a), int(b))),
  udf("substring", "pg_substr_bytea", [BYTEA, INT4], bytea, (s, a) => byteaSubstring(bytes(s), int(a))),
  udf("substring", "pg_substr_bytea", [BYTEA, INT4, INT4], bytea, (s, a, b) =>
    byteaSubstring(bytes(s), int(a), int(b)),
  ),
  // position / strpos
  udf("position", "pg_strpos", [TEXT, TEXT], int4, (s, n) => textPosition(str(s), str(n))),
  udf("position", "pg_position_bytea", [BYTEA, BYTEA], int4, (s, n) => bytesIndexOf(bytes(s), bytes(n)) + 1),
  udf("strpos", "pg_strpos", [TEXT, TEXT], int4, (s, n) => textPosition(str(s), str(n))),
  // overlay
  udf("overlay", "pg_overlay", [TEXT, TEXT, INT4], text, (s, r, a) =>
    overlayText(str(s), str(r), int(a), chars(str(r)).length),
  ),
  udf("overlay", "pg_overlay", [TEXT, TEXT, INT4, INT4], text, (s, r, a, b) =>
    overlayText(str(s), str(r), int(a), int(b)),
  ),
  udf("overlay", "pg_overlay_bytea", [BYTEA, BYTEA, INT4], bytea, (s, r, a) =>
    overlayBytes(bytes(s), bytes(r), int(a), bytes(r).length),
  ),
  udf("overlay", "pg_overlay_bytea", [BYTEA, BYTEA, INT4, INT4], bytea, (s, r, a, b) =>
    overlayBytes(bytes(s), bytes(r), int(a), int(b)),
  ),
  // trim
  udf("btrim", "pg_btrim", [TEXT], text, (s) => trimText(str(s), " ", true, true)),
  udf("btrim", "pg_btrim", [TEXT, TEXT], text, (s, c) => trimText(str(s), str(c), true, true)),
  udf("ltrim", "pg_ltrim", [TEXT], text, (s) => trimText(str(s), " ", true, false)),
  udf("ltrim", "pg_ltrim", [TEXT, TEXT], text, (s, c) => trimText(str(s), str(c), true, false)),
  udf("rtrim", "pg_rtrim", [TEXT], text, (s) => trimText(str(s), " ", false, true)),
  udf("rtrim", "pg_rtrim", [TEXT, TEXT], text, (s, c) => trimText(str(s), str(c), false, true)),
  udf("btrim", "pg_btrim_bytea", [BYTEA, BYTEA], bytea, (s, c) => trimBytes(bytes(s), bytes(c), true, true)),
  udf("ltrim", "pg_ltrim_bytea", [BYTEA, BYTEA], bytea, (s, c) => trimBytes(bytes(s), bytes(c), true, false)),
  udf("rtrim", "pg_rtrim_bytea", [BYTEA, BYTEA], bytea, (s, c) => trimBytes(bytes(s), bytes(c), false, true)),
  // replace, split_part, translate, reverse, initcap, repeat
  udf("replace", "pg_replace", [TEXT, TEXT, TEXT], text, (s, f, r) => {
    const from = str(f);
    return from.length === 0 ? str(s) : str(s).split(from).join(str(r));
  }),
  udf("split_part", "pg_split_part", [TEXT, TEXT, INT4], text, (s, d, n) =>
    splitPart(str(s), str(d), int(n)),
  ),
  udf("translate", "pg_translate", [TEXT, TEXT, TEXT], text, (s, f, r) => translate(str(s), str(f), str(r))),
  udf("reverse", "pg_reverse", [TEXT], text, (s) => chars(str(s)).reverse().join("")),
  udf("initcap", "pg_initcap", [TEXT], text, (s) => initcap(str(s))),
  udf("repeat", "pg_repeat", [TEXT, INT4], text, (s, n) => repeat(str(s), int(n))),
  udf("left", "pg_left", [TEXT, INT4], text, (s, n) => left(str(s), int(n))),
  udf("right", "pg_right", [TEXT, INT4], text, (s, n) => right(str(s), int(n))),
  udf("lpad", "pg_lpad", [TEXT, INT4], text, (s, n) => pad(str(s), int(n), " ", true)),
  udf("lpad", "pg_lpad", [TEXT, INT4, TEXT], text, (s, n, f) => pad(str(s), int(n), str(f), true)),
  udf("rpad", "pg_rpad", [TEXT, INT4], text, (s, n) => pad(str(s), int(n), " ", false)),
  udf("rpad", "pg_rpad", [TEXT, INT4, TEXT], text, (s, n, f) => pad(str(s), int(n), str(f), false)),
  udf("starts_with", "pg_starts_with", [TEXT, TEXT], t(BOOL), (s, p) => (str(s).startsWith(str(p)) ? 1 : 0)),
  // characters and numbers
  udf("ascii", "pg_ascii", [TEXT], int4, (s) => ascii(str(s))),
  udf("chr", "pg_chr", [INT4], text, (n) => chr(n as bigint)),
  udf("to_hex", "pg_to_hex32", [INT4], text, toHex32),
  udf("to_hex", "pg_to_hex64", [INT8], text, toHex64),
  // lengths of bytea (the text variants are in builtins.ts)
  {
    name: "length",
    kind: "sql",
    args: [BYTEA],
    returns: int4,
    volatility: "immutable",
    sql: (c) => `length(CAST(${c.args[0]} AS BLOB))`,
  },
  {
    name: "octet_length",
    kind: "sql",
    args: [BYTEA],
    returns: int4,
    volatility: "immutable",
    sql: (c) => `length(CAST(${c.args[0]} AS BLOB))`,
  },
  // hashes and encodings
  udf("md5", "pg_md5", [TEXT], text, (s) => createHash("md5").update(str(s), "utf8").digest("hex")),
  udf("md5", "pg_md5_bytea", [BYTEA], text, (b) => createHash("md5").update(bytes(b)).digest("hex")),
  udf("sha224", "pg_sha224", [BYTEA], bytea, (b) => hash("sha224", bytes(b))),
  udf("sha256", "pg_sha256", [BYTEA], bytea, (b) => hash("sha256", bytes(b))),
  udf("sha384", "pg_sha384", [BYTEA], bytea, (b) => hash("sha384", bytes(b))),
  udf("sha512", "pg_sha512", [BYTEA], bytea, (b) => hash("sha512", bytes(b))),
  udf("encode", "pg_encode", [BYTEA, TEXT], text, (b, f) => encode(bytes(b), str(f))),
  udf("decode", "pg_decode", [TEXT, TEXT], bytea, (s, f) => decode(str(s), str(f))),
  // quoting
  udf("quote_ident", "pg_quote_ident", [TEXT], text, (s) => quoteIdent(str(s))),
  udf("quote_literal", "pg_quote_literal", [TEXT], text, (s) => quoteLiteral(str(s))),
  udf(
    "quote_literal",
    "pg_quote_literal_any",
    ["anyelement"],
    text,
    (oid, v) => quoteLiteral(castText(Number(oid), v as StoredValue)),
    { passTypes: true, volatility: "stable" },
  ),
  udf(
    "quote_nullable",
    "pg_quote_nullable",
    [TEXT],
    text,
    (s) => (s === null ? "NULL" : quoteLiteral(str(s))),
    {
      strict: false,
    },
  ),
  udf(
    "quote_nullable",
    "pg_quote_nullable_any",
    ["anyelement"],
    text,
    (oid, v) => (v === null ? "NULL" : quoteLiteral(castText(Number(oid), v as StoredValue))),
    { passTypes: true, strict: false, volatility: "stable" },
  ),
  // concat, concat_ws, format: arguments of any type, printed by their output functions
  udf(
    "concat",
    "pg_concat",
    ["any", "any"],
    text,
    (...a) => {
      const [types, values] = halves(a);
      return concat(types, values, "");
    },
    { variadic: true, passTypes: true, strict: false, volatility: "stable" },
  ),
  udf(
    "concat_ws",
    "pg_concat_ws",
    [TEXT, "any", "any"],
    text,
    (...a) => {
      const [types, values] = halves(a);
      if (values[0] === null) return null;
      return concat(types.slice(1), values.slice(1), str(values[0]!));
    },
    { variadic: true, passTypes: true, strict: false, volatility: "stable" },
  ),
  udf("format", "pg_format", [TEXT], text, (f) => formatText(str(f), [], [])),
  udf(
    "format",
    "pg_format_args",
    [TEXT, "any", "any"],
    text,
    (...a) => {
      const [types, values] = halves(a);
      if (values[0] === null) return null;
      return formatText(str(values[0]!), types.slice(1), values.slice(1));
    },
    { variadic: true, passTypes: true, strict: false, volatility: "stable" },
  ),
  // string_to_array (array_to_string is in arrays.ts)
  udf(
    "string_to_array",
    "pg_string_to_array",
    [TEXT, TEXT],
    t(TEXT_ARRAY),
    (s, d) => (s === null ? null : textArrayJson(stringToArray(str(s), d === null ? null : str(d), null))),
    { strict: false },
  ),
  udf(
    "string_to_array",
    "pg_string_to_array",
    [TEXT, TEXT, TEXT],
    t(TEXT_ARRAY),
    (s, d, n) =>
      s === null
        ? null
        : textArrayJson(stringToArray(str(s), d === null ? null : str(d), n === null ? null : str(n))),
    { strict: false },
  ),
]);
