// Byte-level bytea functions (PostgreSQL 15's varlena.c and mbutils.c): get_byte, set_byte,
// get_bit, set_bit, and the encoding conversions convert_to, convert_from and convert.
import { PgError } from "../../errors/pg-error.js";
import { BYTEA, INT4, INT8, NAME, TEXT, t } from "../../sql/oids.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";
import { bytes, int, str } from "./strings-common.js";

type Encoding = "UTF8" | "LATIN1" | "SQL_ASCII";

/** pg_char_to_encoding: names compare ignoring case and anything but letters and digits. */
const ENCODINGS: Record<string, Encoding> = {
  utf8: "UTF8",
  unicode: "UTF8",
  latin1: "LATIN1",
  iso88591: "LATIN1",
  sqlascii: "SQL_ASCII",
};

function encodingOf(name: string, role: "source" | "destination"): Encoding {
  const clean = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  const e = ENCODINGS[clean];
  if (!e) throw new PgError("INVALID_PARAMETER_VALUE", `invalid ${role} encoding name "${name}"`);
  return e;
}

function hexBytes(b: Uint8Array, from: number, count: number): string {
  return Array.from(b.subarray(from, from + count), (x) => `0x${x.toString(16).padStart(2, "0")}`).join(" ");
}

/** The length of the UTF-8 sequence starting at b[i], or 0 when it is not a valid one. */
function utf8Sequence(b: Uint8Array, i: number): number {
  const c = b[i]!;
  const len =
    c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
  if (len === 0 || i + len > b.length) return 0;
  for (let k = 1; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  const second = b[i + 1];
  if (c === 0xe0 && second !== undefined && second < 0xa0) return 0;
  if (c === 0xed && second !== undefined && second > 0x9f) return 0;
  if (c === 0xf0 && second !== undefined && second < 0x90) return 0;
  if (c === 0xf4 && second !== undefined && second > 0x8f) return 0;
  return len;
}

/** pg_verify_mbstr for UTF8 (text cannot hold NUL either). */
function verifyUtf8(b: Uint8Array): void {
  for (let i = 0; i < b.length; ) {
    const len = b[i] === 0 ? 0 : utf8Sequence(b, i);
    if (len === 0) {
      const shown = Math.min(b.length - i, Math.max(1, b[i]! >= 0xe0 ? 3 : 2));
      throw new PgError(
        "CHARACTER_NOT_IN_REPERTOIRE",
        `invalid byte sequence for encoding "UTF8": ${hexBytes(b, i, shown)}`,
      );
    }
    i += len;
  }
}

/** Bytes in `from` converted to UTF-8 (the server encoding). */
function toUtf8(b: Uint8Array, from: Encoding): Uint8Array {
  if (from === "LATIN1") return Buffer.from(Buffer.from(b).toString("latin1"), "utf8");
  verifyUtf8(b);
  return b;
}

/** UTF-8 bytes converted to `to`. */
function fromUtf8(b: Uint8Array, to: Encoding): Uint8Array {
  if (to !== "LATIN1") return b;
  const s = Buffer.from(b).toString("utf8");
  for (const ch of s) {
    if (ch.codePointAt(0)! > 0xff) {
      const raw = Buffer.from(ch, "utf8");
      throw new PgError(
        "UNTRANSLATABLE_CHARACTER",
        `character with byte sequence ${hexBytes(raw, 0, raw.length)} in encoding "UTF8" has no equivalent in encoding "LATIN1"`,
      );
    }
  }
  return Buffer.from(s, "latin1");
}

function outOfRange(n: number, length: number): PgError {
  return new PgError("ARRAY_SUBSCRIPT_ERROR", `index ${n} out of valid range, 0..${length - 1}`);
}

export function getByte(b: Uint8Array, n: number): number {
  if (n < 0 || n >= b.length) throw outOfRange(n, b.length);
  return b[n]!;
}

export function setByte(b: Uint8Array, n: number, value: number): Uint8Array {
  if (n < 0 || n >= b.length) throw outOfRange(n, b.length);
  const out = Uint8Array.from(b);
  out[n] = value & 0xff;
  return out;
}

export function getBit(b: Uint8Array, n: number): number {
  if (n < 0 || n >= b.length * 8) throw outOfRange(n, b.length * 8);
  return (b[Math.floor(n / 8)]! >> (n % 8)) & 1;
}

export function setBit(b: Uint8Array, n: number, bit: number): Uint8Array {
  if (n < 0 || n >= b.length * 8) throw outOfRange(n, b.length * 8);
  if (bit !== 0 && bit !== 1) throw new PgError("INVALID_PARAMETER_VALUE", "new bit must be 0 or 1");
  const out = Uint8Array.from(b);
  const i = Math.floor(n / 8);
  out[i] = bit ? out[i]! | (1 << (n % 8)) : out[i]! & ~(1 << (n % 8));
  return out;
}

export function convertBytes(b: Uint8Array, from: string, to: string): Uint8Array {
  const src = encodingOf(from, "source");
  const dst = encodingOf(to, "destination");
  if (src === dst || (src === "SQL_ASCII" && dst !== "LATIN1")) return b;
  return fromUtf8(toUtf8(b, src), dst);
}

export function convertFrom(b: Uint8Array, from: string): string {
  const utf8 = toUtf8(b, encodingOf(from, "source"));
  verifyUtf8(utf8);
  return Buffer.from(utf8).toString("utf8");
}

export function convertTo(s: string, to: string): Uint8Array {
  return fromUtf8(Buffer.from(s, "utf8"), encodingOf(to, "destination"));
}

function udf(
  name: string,
  udfName: string,
  args: number[],
  returns: number,
  impl: (...a: SqliteValue[]) => SqliteValue,
): FunctionDef {
  return { name, kind: "udf", udfName, args, returns: t(returns), volatility: "immutable", impl };
}

defineFunctions([
  udf("get_byte", "pg_get_byte", [BYTEA, INT4], INT4, (b, n) => getByte(bytes(b), int(n))),
  udf("set_byte", "pg_set_byte", [BYTEA, INT4, INT4], BYTEA, (b, n, v) => setByte(bytes(b), int(n), int(v))),
  udf("get_bit", "pg_get_bit_bytea", [BYTEA, INT8], INT4, (b, n) => getBit(bytes(b), int(n))),
  udf("set_bit", "pg_set_bit_bytea", [BYTEA, INT8, INT4], BYTEA, (b, n, v) =>
    setBit(bytes(b), int(n), int(v)),
  ),
  udf("convert_to", "pg_convert_to", [TEXT, NAME], BYTEA, (s, e) => convertTo(str(s), str(e))),
  udf("convert_from", "pg_convert_from", [BYTEA, NAME], TEXT, (b, e) => convertFrom(bytes(b), str(e))),
  udf("convert", "pg_convert", [BYTEA, NAME, NAME], BYTEA, (b, f, e) =>
    convertBytes(bytes(b), str(f), str(e)),
  ),
]);
