// Shared machinery of the JSON functions: jsonb values as parsed trees (json-parse.ts) printed by
// jsonb_out's rules, their accessors, and exact comparison of numeric texts. json values with
// their source spans are in json-spans.ts, jsonb ordering and containment in jsonb-compare.ts,
// sort keys in jsonb-sort-key.ts, to_json / to_jsonb in to-json.ts.
import { parseNumeric } from "../../types/codecs/decimal.js";
import { compareJsonbKeys, escapeJsonString, formatJsonb, jsonbMembers } from "../../types/codecs/json.js";
import { type JsonValue, parseJsonb } from "../../types/codecs/json-parse.js";
import { storedText } from "../../types/codecs/text.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";

export { compareJsonbKeys, escapeJsonString, formatJsonb, type JsonValue, parseJsonb };

// ---------------------------------------------------------------------------------------------
// jsonb values

export type JsonObject = { kind: "object"; members: [string, JsonValue][] };
export type JsonNumber = { kind: "number"; text: string };

export function isObject(v: JsonValue): v is JsonObject {
  return v !== null && typeof v === "object" && !Array.isArray(v) && v.kind === "object";
}

export function isNumber(v: JsonValue): v is JsonNumber {
  return v !== null && typeof v === "object" && !Array.isArray(v) && v.kind === "number";
}

export function isScalar(v: JsonValue): boolean {
  return !Array.isArray(v) && !isObject(v);
}

export const jb = (v: SqliteValue) => readJsonb(v as StoredValue);

/** A jsonb value from its stored text. */
export function readJsonb(v: StoredValue): JsonValue {
  return parseJsonb(storedText(v));
}

/** The stored text of a jsonb value. */
export function writeJsonb(v: JsonValue): string {
  return formatJsonb(v);
}

/** An object's members as jsonb keeps them: sorted, unique. */
export function members(v: JsonObject): [string, JsonValue][] {
  return jsonbMembers(v.members);
}

export function jsonbTypeName(v: JsonValue): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "string") return "string";
  if (Array.isArray(v)) return "array";
  return v.kind === "number" ? "number" : "object";
}

export function jsonbField(v: JsonValue, key: string): JsonValue | undefined {
  if (!isObject(v)) return undefined;
  let found: JsonValue | undefined;
  for (const [k, x] of v.members) if (k === key) found = x;
  return found;
}

export function jsonbElement(v: JsonValue, index: number): JsonValue | undefined {
  if (!Array.isArray(v)) return undefined;
  const i = index < 0 ? v.length + index : index;
  return i >= 0 && i < v.length ? v[i] : undefined;
}

/** ->> of a jsonb value: strings unquoted, null as SQL NULL. */
export function jsonbAsText(v: JsonValue): string | null {
  if (v === null) return null;
  if (typeof v === "string") return v;
  return formatJsonb(v);
}

/** A path element read as an array index (strtol with nothing after it), or undefined. */
export function pathIndex(s: string): number | undefined {
  if (!/^\s*[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

// ---------------------------------------------------------------------------------------------
// numbers

function compareDigits(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two numeric texts (as jsonb numbers are), exactly. */
export function compareNumericText(x: string, y: string): number {
  const a = parseNumeric(x);
  const b = parseNumeric(y);
  if (a === undefined || b === undefined) return x < y ? -1 : x > y ? 1 : 0;
  const rank = (v: typeof a) => (v === "NaN" ? 3 : v === "Infinity" ? 2 : v === "-Infinity" ? -2 : 0);
  if (typeof a === "string" || typeof b === "string") return Math.sign(rank(a) - rank(b));
  const za = a.coef === "0";
  const zb = b.coef === "0";
  const sa = za ? 0 : a.neg ? -1 : 1;
  const sb = zb ? 0 : b.neg ? -1 : 1;
  if (sa !== sb) return sa - sb;
  if (sa === 0) return 0;
  // Align scales and compare magnitudes.
  const scale = Math.max(a.scale, b.scale);
  const ma = a.coef + "0".repeat(scale - a.scale);
  const mb = b.coef + "0".repeat(scale - b.scale);
  const c = compareDigits(ma, mb);
  return sa < 0 ? -c : c;
}

/** Code point order (C / C.UTF-8 collation). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const sx = x >= 0xd800 && x <= 0xdfff;
      const sy = y >= 0xd800 && y <= 0xdfff;
      if (sx !== sy) return sx ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}
