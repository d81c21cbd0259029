// json: stored as TEXT exactly as given (after validation). jsonb: stored as TEXT normalised the way
// jsonb_out prints it: keys ordered by length then bytes, duplicate keys keeping the last value,
// ", " and ": " separators, numbers as numeric prints them.
import { PgError } from "../../errors/pg-error.js";
import type { TypeCodec } from "../type-codec.js";
import { decodeUtf8, encodeUtf8 } from "./binary.js";
import { type JsonValue, parseJsonb, validateJson } from "./json-parse.js";
import { storedText } from "./text.js";

/** escape_json: quotes, backslashes and control characters escaped; "/" and non-ASCII left alone. */
export function escapeJsonString(s: string): string {
  let out = '"';
  let chunk = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 34 && c !== 92) continue;
    out += s.slice(chunk, i);
    chunk = i + 1;
    if (c === 34) out += '\\"';
    else if (c === 92) out += "\\\\";
    else if (c === 8) out += "\\b";
    else if (c === 12) out += "\\f";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 9) out += "\\t";
    else out += `\\u${c.toString(16).padStart(4, "0")}`;
  }
  return `${out + s.slice(chunk)}"`;
}

/** jsonb key order (lengthCompareJsonbString): UTF-8 length first, then bytes. */
export function compareJsonbKeys(a: string, b: string): number {
  const la = Buffer.byteLength(a, "utf8");
  const lb = Buffer.byteLength(b, "utf8");
  if (la !== lb) return la - lb;
  if (a === b) return 0;
  // UTF-8 byte order is code point order.
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(j)!;
    if (ca !== cb) return ca - cb;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return 0;
}

/** The members of a jsonb object: sorted, duplicates resolved to the last occurrence. */
export function jsonbMembers(members: [string, JsonValue][]): [string, JsonValue][] {
  const last = new Map<string, JsonValue>();
  for (const [k, v] of members) last.set(k, v);
  return [...last.entries()].sort((x, y) => compareJsonbKeys(x[0], y[0]));
}

/** jsonb_out for a parsed value. */
export function formatJsonb(v: JsonValue): string {
  if (v === null) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "string") return escapeJsonString(v);
  if (Array.isArray(v)) return `[${v.map(formatJsonb).join(", ")}]`;
  if (v.kind === "number") return v.text;
  const parts = jsonbMembers(v.members).map(([k, x]) => `${escapeJsonString(k)}: ${formatJsonb(x)}`);
  return `{${parts.join(", ")}}`;
}

/** jsonb_in: the normalised text of a JSON document. */
export function normaliseJsonb(text: string): string {
  return formatJsonb(parseJsonb(text));
}

export const jsonCodec: TypeCodec = {
  toText: storedText,
  fromText(text) {
    validateJson(text);
    return text;
  },
  toBinary: (value) => encodeUtf8(storedText(value)),
  fromBinary(bytes) {
    const text = decodeUtf8(bytes);
    validateJson(text);
    return text;
  },
};

export const jsonbCodec: TypeCodec = {
  toText: storedText,
  fromText: normaliseJsonb,
  // jsonb_send: a version byte (1), then the text.
  toBinary(value) {
    const body = encodeUtf8(storedText(value));
    const out = new Uint8Array(body.length + 1);
    out[0] = 1;
    out.set(body, 1);
    return out;
  },
  fromBinary(bytes) {
    if (bytes.length === 0 || bytes[0] !== 1) {
      throw new PgError("INVALID_BINARY_REPRESENTATION", `unsupported jsonb version number ${bytes[0] ?? 0}`);
    }
    return normaliseJsonb(decodeUtf8(bytes.subarray(1)));
  },
};
