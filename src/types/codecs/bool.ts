// bool: stored as INTEGER 1/0. Input follows parse_bool_with_len in PostgreSQL's bool.c.
import { PgError } from "../../errors/pg-error.js";
import type { TypeCodec } from "../type-codec.js";
import { expectLength } from "./binary.js";

function isPrefixOf(s: string, word: string, minLen: number): boolean {
  return s.length >= minLen && s.length <= word.length && word.startsWith(s);
}

/** PostgreSQL's boolean literal rules; undefined when `text` is not one. */
export function parseBool(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  switch (s[0]) {
    case "t":
      return isPrefixOf(s, "true", 1) ? true : undefined;
    case "f":
      return isPrefixOf(s, "false", 1) ? false : undefined;
    case "y":
      return isPrefixOf(s, "yes", 1) ? true : undefined;
    case "n":
      return isPrefixOf(s, "no", 1) ? false : undefined;
    case "o":
      if (isPrefixOf(s, "on", 2)) return true;
      return isPrefixOf(s, "off", 2) ? false : undefined;
    case "1":
      return s.length === 1 ? true : undefined;
    case "0":
      return s.length === 1 ? false : undefined;
    default:
      return undefined;
  }
}

/** Whether a stored bool is true: nonzero numbers, or a boolean literal in TEXT. */
export function storedBool(value: unknown): boolean {
  if (typeof value === "number") return value !== 0;
  if (typeof value === "bigint") return value !== 0n;
  if (typeof value === "string") return parseBool(value) ?? false;
  return false;
}

const TRUE_BYTES = Uint8Array.of(1);
const FALSE_BYTES = Uint8Array.of(0);

export const boolCodec: TypeCodec = {
  toText(value) {
    return storedBool(value) ? "t" : "f";
  },
  fromText(text) {
    const b = parseBool(text);
    if (b === undefined) {
      throw new PgError("INVALID_TEXT_REPRESENTATION", `invalid input syntax for type boolean: "${text}"`);
    }
    return b ? 1 : 0;
  },
  toBinary(value) {
    return storedBool(value) ? TRUE_BYTES.slice() : FALSE_BYTES.slice();
  },
  fromBinary(bytes) {
    expectLength(bytes, 1);
    return bytes[0] !== 0 ? 1 : 0;
  },
};
