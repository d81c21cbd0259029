// uuid: stored as TEXT in the canonical lowercase 8-4-4-4-12 form. Input follows string_to_uuid
// (uuid.c): optional braces, and a hyphen allowed after any group of four hex digits.
import { PgError } from "../../errors/pg-error.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { expectLength } from "./binary.js";

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function invalid(text: string): PgError {
  return new PgError("INVALID_TEXT_REPRESENTATION", `invalid input syntax for type uuid: "${text}"`);
}

/** The 32 hex digits of a uuid literal, lowercase, or 22P02. */
function uuidDigits(text: string): string {
  let i = 0;
  const braces = text.charCodeAt(0) === 123;
  if (braces) i++;
  let hex = "";
  for (let byte = 0; byte < 16; byte++) {
    if (!isHex(text.charCodeAt(i)) || !isHex(text.charCodeAt(i + 1))) throw invalid(text);
    hex += text.slice(i, i + 2);
    i += 2;
    if (text.charCodeAt(i) === 45 && byte % 2 === 1 && byte < 15) i++;
  }
  if (braces) {
    if (text.charCodeAt(i) !== 125) throw invalid(text);
    i++;
  }
  if (i !== text.length) throw invalid(text);
  return hex.toLowerCase();
}

function canonical(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** uuid_in: the canonical lowercase text of a uuid literal. */
export function parseUuid(text: string): string {
  return canonical(uuidDigits(text));
}

function storedUuid(value: StoredValue): string {
  if (typeof value === "string") return value.length === 36 ? value : parseUuid(value);
  if (value instanceof Uint8Array && value.length === 16)
    return canonical(Buffer.from(value).toString("hex"));
  return String(value);
}

export const uuidCodec: TypeCodec = {
  toText: storedUuid,
  fromText: parseUuid,
  toBinary(value) {
    return Uint8Array.from(Buffer.from(storedUuid(value).replace(/-/g, ""), "hex"));
  },
  fromBinary(bytes) {
    expectLength(bytes, 16);
    return canonical(Buffer.from(bytes.buffer, bytes.byteOffset, 16).toString("hex"));
  },
};
