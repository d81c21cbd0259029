// json_to_record, jsonb_to_record, json_to_recordset and jsonb_to_recordset (PostgreSQL 15's
// jsonfuncs.c, populate_record): records typed by the caller's column definition list. Each
// function yields the objects as jsonb text; the translator reads every column out of them with
// pg_json_record_field, converting the member as populate_record does: null or missing is NULL,
// a string's text and any other value's JSON text go through the column type's input function,
// json and jsonb columns take the value itself, array columns take a JSON array's elements.
import { PgError } from "../../errors/pg-error.js";
import { INT4, JSON_TYPE, JSONB, RECORD, TEXT, t } from "../../sql/oids.js";
import { type ArrayTree, arrayToJson } from "../../types/codecs/array-json.js";
import { codecFor, coerceToTypmod } from "../../types/codecs.js";
import { elementTypeOf } from "../../types/registry.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";
import { isObject, type JsonValue, jb, jsonbAsText, jsonbField, writeJsonb } from "./json-common.js";
import { formatContext, int, str } from "./strings-common.js";

/** A JSON value read as a stored value of type oid. */
function fromJson(v: JsonValue, oid: number, typmod: number): StoredValue | null {
  if (v === null) return null;
  if (oid === JSONB || oid === JSON_TYPE) return writeJsonb(v);
  const ctx = formatContext();
  const elem = elementTypeOf(oid);
  if (elem !== undefined && Array.isArray(v)) {
    const convert = (x: JsonValue): ArrayTree | StoredValue | null =>
      Array.isArray(x) ? x.map(convert) : fromJson(x, elem, -1);
    return arrayToJson(v.map(convert), elem);
  }
  const value = codecFor(oid).fromText(jsonbAsText(v)!, typmod, ctx);
  return typmod >= 0 ? coerceToTypmod(oid, value, typmod, ctx) : value;
}

function recordField(record: SqliteValue, key: SqliteValue, oid: SqliteValue, typmod: SqliteValue) {
  const v = jsonbField(jb(record), str(key));
  return v === undefined ? null : fromJson(v, int(oid), int(typmod));
}

function* toRecords(fn: string, json: boolean, set: boolean, value: SqliteValue): Iterable<SqliteValue[]> {
  const v = jb(value);
  const fail = (message: string) => new PgError("INVALID_PARAMETER_VALUE", message);
  if (!set) {
    if (Array.isArray(v)) throw fail("cannot call populate_composite on an array");
    if (!isObject(v)) throw fail("cannot call populate_composite on a scalar");
    yield [writeJsonb(v)];
    return;
  }
  if (!Array.isArray(v)) {
    if (json) throw fail(`cannot call ${fn} on ${isObject(v) ? "an object" : "a scalar"}`);
    throw fail(`cannot call ${fn} on a non-array`);
  }
  for (const x of v) {
    if (!isObject(x)) throw fail(`argument of ${fn} must be an array of objects`);
    yield [writeJsonb(x)];
  }
}

function recordFunction(name: string, json: boolean, set: boolean): FunctionDef {
  return {
    name,
    kind: "udf-set",
    udfName: `pg_${name}`,
    args: [json ? JSON_TYPE : JSONB],
    returns: t(RECORD),
    volatility: "stable",
    columns: () => [{ name, type: t(RECORD) }],
    rows: (v) => toRecords(name, json, set, v),
  };
}

/** The record functions that take a column definition list. */
export const RECORD_FUNCTIONS = new Set([
  "json_to_record",
  "jsonb_to_record",
  "json_to_recordset",
  "jsonb_to_recordset",
]);

defineFunctions([
  // row_to_json of a whole-row reference: the translator builds the row's json (whole-row.ts).
  {
    name: "row_to_json",
    kind: "sql",
    args: [JSON_TYPE],
    returns: t(JSON_TYPE),
    volatility: "stable",
    sql: (c) => c.args[0]!,
  },
  recordFunction("json_to_record", true, false),
  recordFunction("jsonb_to_record", false, false),
  recordFunction("json_to_recordset", true, true),
  recordFunction("jsonb_to_recordset", false, true),
  {
    // Not a PostgreSQL function: a column of a record from the functions above.
    name: "pg_json_record_field",
    kind: "udf",
    udfName: "pg_json_record_field",
    args: [TEXT, TEXT, INT4, INT4],
    returns: t(TEXT),
    volatility: "stable",
    impl: recordField,
  },
]);
