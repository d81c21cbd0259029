// The set-returning json functions (jsonfuncs.c): the json_each, json_array_elements and
// json_object_keys families, for json (slices of its text) and jsonb.
import { PgError } from "../../errors/pg-error.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { isObject, jb, jsonbAsText, members, writeJsonb } from "./json-common.js";
import { nodeAsText, nodeText, parseJsonSpans } from "./json-spans.js";
import { str } from "./strings-common.js";

export function* jsonEach(fn: string, j: SqliteValue, asText: boolean): Iterable<SqliteValue[]> {
  const text = str(j);
  const n = parseJsonSpans(text);
  if (n.t === "array")
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot deconstruct an array as an object");
  if (n.t !== "object") throw new PgError("INVALID_PARAMETER_VALUE", "cannot deconstruct a scalar");
  void fn;
  for (const [k, x] of n.members) yield [k, asText ? nodeAsText(text, x) : nodeText(text, x)];
}

export function* jsonbEach(fn: string, j: SqliteValue, asText: boolean): Iterable<SqliteValue[]> {
  const v = jb(j);
  if (!isObject(v)) throw new PgError("INVALID_PARAMETER_VALUE", `cannot call ${fn} on a non-object`);
  for (const [k, x] of members(v)) yield [k, asText ? jsonbAsText(x) : writeJsonb(x)];
}

export function* jsonElements(fn: string, j: SqliteValue, asText: boolean): Iterable<SqliteValue[]> {
  const text = str(j);
  const n = parseJsonSpans(text);
  if (n.t === "object") throw new PgError("INVALID_PARAMETER_VALUE", `cannot call ${fn} on a non-array`);
  if (n.t !== "array") throw new PgError("INVALID_PARAMETER_VALUE", `cannot call ${fn} on a scalar`);
  for (const x of n.items) yield [asText ? nodeAsText(text, x) : nodeText(text, x)];
}

export function* jsonbElements(j: SqliteValue, asText: boolean): Iterable<SqliteValue[]> {
  const v = jb(j);
  if (isObject(v)) throw new PgError("INVALID_PARAMETER_VALUE", "cannot extract elements from an object");
  if (!Array.isArray(v))
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot extract elements from a scalar");
  for (const x of v) yield [asText ? jsonbAsText(x) : writeJsonb(x)];
}

export function* jsonObjectKeys(j: SqliteValue): Iterable<SqliteValue[]> {
  const n = parseJsonSpans(str(j));
  if (n.t === "array")
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot call json_object_keys on an array");
  if (n.t !== "object")
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot call json_object_keys on a scalar");
  for (const [k] of n.members) yield [k];
}

export function* jsonbObjectKeys(j: SqliteValue): Iterable<SqliteValue[]> {
  const v = jb(j);
  if (Array.isArray(v))
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot call jsonb_object_keys on an array");
  if (!isObject(v)) throw new PgError("INVALID_PARAMETER_VALUE", "cannot call jsonb_object_keys on a scalar");
  for (const [k] of members(v)) yield [k];
}
