// Helpers shared by the string, regular-expression, JSON and array functions: reading storage
// values as JavaScript values, printing any type's value as its output function does, and
// PostgreSQL's character (code point) semantics on JavaScript's UTF-16 strings.
import { PgError } from "../../errors/pg-error.js";
import { BOOL, TEXT, UNKNOWN, VARCHAR } from "../../sql/oids.js";
import { storedBytes } from "../../types/codecs/bytea.js";
import { storedText } from "../../types/codecs/text.js";
import { codecFor } from "../../types/codecs.js";
import type { FormatContext } from "../../types/format-context.js";
import { defaultFormatContext } from "../../types/format-context.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import { currentSession } from "../runtime.js";

/** A text argument (TEXT, or anything SQLite handed over) as a string. */
export function str(v: SqliteValue): string {
  return storedText(v as StoredValue);
}

/** A bytea argument as bytes. */
export function bytes(v: SqliteValue): Uint8Array {
  return storedBytes(v as StoredValue);
}

/** An integer argument (bigint with safeIntegers) as a number. */
export function int(v: SqliteValue): number {
  if (typeof v === "bigint") {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
      return v > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
    }
    return Number(v);
  }
  if (typeof v === "string") return Number.parseInt(v, 10);
  return Math.trunc(Number(v));
}

/** A boolean argument (1/0). */
export function bool(v: SqliteValue): boolean {
  if (typeof v === "bigint") return v !== 0n;
  if (typeof v === "string") return v === "t" || v === "true" || v === "1";
  return Number(v) !== 0;
}

/** The session's formatting settings, or the defaults outside a session (unit tests). */
export function formatContext(): FormatContext {
  try {
    return currentSession().formatContext();
  } catch {
    return defaultFormatContext;
  }
}

/** A stored value of type `oid` printed as PostgreSQL's output function prints it. */
export function valueText(oid: number, v: StoredValue, ctx: FormatContext = formatContext()): string {
  if (oid === TEXT || oid === VARCHAR || oid === UNKNOWN) return storedText(v);
  return codecFor(oid).toText(v, -1, ctx);
}

/** A value cast to text (::text): the output function's text, except bool's 'true' / 'false'. */
export function castText(oid: number, v: StoredValue): string {
  if (oid === BOOL) return valueText(BOOL, v) === "t" ? "true" : "false";
  return valueText(oid, v);
}

/** Whether the value is bytes (a BLOB). */
export function isBytes(v: SqliteValue): v is Uint8Array {
  return v instanceof Uint8Array;
}

/** The code points of s, as PostgreSQL counts characters. */
export function chars(s: string): string[] {
  // Fast path: no surrogates means one code unit per character.
  if (!/[\ud800-\udfff]/.test(s)) return s.split("");
  return Array.from(s);
}

/** PostgreSQL's "requested length too large" (a result beyond 1 GB). */
export function lengthTooLarge(): PgError {
  return new PgError("PROGRAM_LIMIT_EXCEEDED", "requested length too large");
}

/** The most bytes a text value may have (MaxAllocSize - VARHDRSZ). */
export const MAX_TEXT_BYTES = 0x3fffffff - 4;

/** towupper / towlower per character: results that would change the length keep PostgreSQL's single-character mapping. */
export function upperChar(c: string): string {
  const u = c.toUpperCase();
  return [...u].length === 1 ? u : c;
}

export function lowerChar(c: string): string {
  const l = c.toLowerCase();
  const cps = [...l];
  return cps.length === 1 ? l : cps[0]!;
}

/** Letters and digits, as iswalnum reads them in a UTF-8 locale. */
export function isAlnum(c: string): boolean {
  return /[\p{L}\p{N}]/u.test(c);
}
