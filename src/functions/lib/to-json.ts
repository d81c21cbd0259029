// to_json and to_jsonb of values of any type (json.c's datum_to_json, jsonb.c's datum_to_jsonb),
// and the scalar keys of json_build_object.
import { PgError } from "../../errors/pg-error.js";
import {
  BOOL,
  DATE,
  FLOAT4,
  FLOAT8,
  INT2,
  INT4,
  INT8,
  JSON_TYPE,
  JSONB,
  NUMERIC,
  OID,
  TIMESTAMP,
  TIMESTAMPTZ,
} from "../../sql/oids.js";
import type { ArrayTree } from "../../types/codecs/array-json.js";
import { storedArray } from "../../types/codecs/arrays.js";
import { escapeJsonString } from "../../types/codecs/json.js";
import { type JsonValue, parseJsonb } from "../../types/codecs/json-parse.js";
import { storedText } from "../../types/codecs/text.js";
import { codecFor } from "../../types/codecs.js";
import { elementTypeOf } from "../../types/registry.js";
import type { StoredValue } from "../../types/sqlite-value.js";
import { formatContext, valueText } from "./strings-common.js";

const NUMBER_TYPES = new Set([INT2, INT4, INT8, OID, FLOAT4, FLOAT8, NUMERIC]);
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export type JsonCategory =
  | "null"
  | "bool"
  | "number"
  | "date"
  | "timestamp"
  | "timestamptz"
  | "json"
  | "jsonb"
  | "array"
  | "other";

export function jsonCategory(oid: number): JsonCategory {
  if (oid === BOOL) return "bool";
  if (NUMBER_TYPES.has(oid)) return "number";
  if (oid === DATE) return "date";
  if (oid === TIMESTAMP) return "timestamp";
  if (oid === TIMESTAMPTZ) return "timestamptz";
  if (oid === JSON_TYPE) return "json";
  if (oid === JSONB) return "jsonb";
  if (elementTypeOf(oid) !== undefined) return "array";
  return "other";
}

/** The XSD form of a stored timestamp(tz) as to_json prints it. */
function xsdTimestamp(oid: number, v: StoredValue): string {
  if (oid === TIMESTAMP) {
    const s = storedText(v);
    return s === "infinity" || s === "-infinity" ? s : s.replace(" ", "T");
  }
  const ctx = { ...formatContext(), dateStyle: "ISO, MDY" };
  const s = codecFor(TIMESTAMPTZ).toText(v, -1, ctx);
  if (s === "infinity" || s === "-infinity") return s;
  const m = /^(\S+) (\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d)(:\d\d)?(:\d\d)?(.*)$/.exec(s);
  if (!m) return s.replace(" ", "T");
  return `${m[1]}T${m[2]}${m[3]}${m[4] ?? ":00"}${m[5] ?? ""}${m[6]}`;
}

/** The text of a scalar as to_json formats it before quoting (numbers and booleans unquoted). */
function scalarJson(oid: number, v: StoredValue, category: JsonCategory): { text: string; quote: boolean } {
  switch (category) {
    case "bool":
      return { text: valueText(BOOL, v) === "t" ? "true" : "false", quote: false };
    case "number": {
      const text = valueText(oid, v);
      return { text, quote: !JSON_NUMBER.test(text) };
    }
    case "date":
      return { text: storedText(v), quote: true };
    case "timestamp":
    case "timestamptz":
      return { text: xsdTimestamp(oid, v), quote: true };
    default:
      return { text: valueText(oid, v), quote: true };
  }
}

/** to_json of a value of type oid (null for SQL NULL gives "null"). */
export function toJsonText(oid: number, v: StoredValue | null): string {
  if (v === null) return "null";
  const category = jsonCategory(oid);
  if (category === "json") return storedText(v);
  if (category === "jsonb") return storedText(v);
  if (category === "array") {
    const elem = elementTypeOf(oid)!;
    const walk = (tree: ArrayTree): string =>
      `[${tree.map((x) => (Array.isArray(x) ? walk(x) : toJsonText(elem, x))).join(",")}]`;
    return walk(storedArray(v, elem));
  }
  const s = scalarJson(oid, v, category);
  return s.quote ? escapeJsonString(s.text) : s.text;
}

/** to_jsonb of a value of type oid. */
export function toJsonbValue(oid: number, v: StoredValue | null): JsonValue {
  if (v === null) return null;
  const category = jsonCategory(oid);
  if (category === "json" || category === "jsonb") return parseJsonb(storedText(v));
  if (category === "array") {
    const elem = elementTypeOf(oid)!;
    const walk = (tree: ArrayTree): JsonValue[] =>
      tree.map((x) => (Array.isArray(x) ? walk(x) : toJsonbValue(elem, x)));
    return walk(storedArray(v, elem));
  }
  if (category === "bool") return valueText(BOOL, v) === "t";
  const s = scalarJson(oid, v, category);
  if (category === "number" && !s.quote) return parseJsonb(s.text);
  return s.text;
}

/** A json_build_object key: the text of a scalar; arrays, composites and json are rejected. */
export function objectKey(oid: number, v: StoredValue): string {
  const category = jsonCategory(oid);
  if (category === "array" || category === "json" || category === "jsonb") {
    throw new PgError("INVALID_PARAMETER_VALUE", "key value must be scalar, not array, composite, or json");
  }
  if (category === "bool") return valueText(BOOL, v) === "t" ? "true" : "false";
  return scalarJson(oid, v, category).text;
}
