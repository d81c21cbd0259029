// The declarations of the json and jsonb functions (json.c, jsonb.c, jsonfuncs.c): to_json, the
// builders, jsonb_set / jsonb_insert, strip_nulls, pretty printing, typeof, array length, path
// extraction, and the set-returning json_each, json_array_elements and json_object_keys families.
// Their implementations are in json-builders.ts, json-processing.ts and json-each.ts.
import { BOOL, INT4, JSON_TYPE, JSONB, TEXT, t } from "../../sql/oids.js";
import type { SqlType } from "../../sql/plan.js";
import { typeByName } from "../../types/registry.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";
import {
  jsonBuildArray,
  jsonBuildObject,
  jsonbBuildArray,
  jsonbBuildObject,
  jsonbObjectText,
  jsonObjectText,
  objectFromArray,
  objectFromArrays,
} from "./json-builders.js";
import { jb, jsonbAsText, jsonbTypeName, writeJsonb } from "./json-common.js";
import {
  jsonbEach,
  jsonbElements,
  jsonbObjectKeys,
  jsonEach,
  jsonElements,
  jsonObjectKeys,
} from "./json-each.js";
import { jsonbPath, jsonPath, textArray } from "./json-operators.js";
import {
  jsonArrayLength,
  jsonbArrayLength,
  jsonbModify,
  pretty,
  stripNullsJson,
  stripNullsJsonb,
} from "./json-processing.js";
import { nodeAsText, nodeText, nodeType, parseJsonSpans } from "./json-spans.js";
import { jsonbContains, jsonbExists } from "./jsonb-compare.js";
import { jsonbSortKey } from "./jsonb-sort-key.js";
import { bool, str } from "./strings-common.js";
import { toJsonbValue, toJsonText } from "./to-json.js";

const TEXT_ARRAY = typeByName("_text")!.oid;
const json = t(JSON_TYPE);
const jsonb = t(JSONB);
const text = t(TEXT);

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

function constant(name: string, returns: SqlType, value: string): FunctionDef {
  return { name, kind: "sql", args: [], returns, volatility: "immutable", sql: () => `'${value}'` };
}

function srf(
  name: string,
  udfName: string,
  args: FunctionDef["args"],
  columns: { name: string; type: SqlType }[],
  rows: (...a: SqliteValue[]) => Iterable<SqliteValue[]>,
): FunctionDef {
  return {
    name,
    kind: "udf-set",
    udfName,
    args,
    returns: columns[0]!.type,
    volatility: "immutable",
    columns: () => columns,
    rows,
  };
}

const variadicAny = { variadic: true, passTypes: true, strict: false, volatility: "stable" } as const;

defineFunctions([
  // Not a PostgreSQL function: ORDER BY on jsonb sorts by this key (SQLite compares BLOBs bytewise).
  {
    name: "pg_jsonb_sortkey",
    kind: "udf",
    udfName: "pg_jsonb_sortkey",
    args: [JSONB],
    returns: t(typeByName("bytea")!.oid),
    volatility: "immutable",
    impl: (a) => jsonbSortKey(jb(a)),
    description: "Orders jsonb values as jsonb's comparison operators do.",
  },
  udf("to_json", "pg_to_json", ["anyelement"], json, (oid, v) => toJsonText(Number(oid), v as StoredValue), {
    passTypes: true,
    volatility: "stable",
  }),
  udf(
    "to_jsonb",
    "pg_to_jsonb",
    ["anyelement"],
    jsonb,
    (oid, v) => writeJsonb(toJsonbValue(Number(oid), v as StoredValue)),
    { passTypes: true, volatility: "stable" },
  ),
  constant("json_build_object", json, "{}"),
  udf("json_build_object", "pg_json_build_object", ["any"], json, jsonBuildObject, variadicAny),
  constant("jsonb_build_object", jsonb, "{}"),
  udf("jsonb_build_object", "pg_jsonb_build_object", ["any"], jsonb, jsonbBuildObject, variadicAny),
  constant("json_build_array", json, "[]"),
  udf("json_build_array", "pg_json_build_array", ["any"], json, jsonBuildArray, variadicAny),
  constant("jsonb_build_array", jsonb, "[]"),
  udf("jsonb_build_array", "pg_jsonb_build_array", ["any"], jsonb, jsonbBuildArray, variadicAny),
  udf("json_object", "pg_json_object", [TEXT_ARRAY], json, (a) => jsonObjectText(objectFromArray(a))),
  udf("json_object", "pg_json_object2", [TEXT_ARRAY, TEXT_ARRAY], json, (k, v) =>
    jsonObjectText(objectFromArrays(k, v)),
  ),
  udf("jsonb_object", "pg_jsonb_object", [TEXT_ARRAY], jsonb, (a) => jsonbObjectText(objectFromArray(a))),
  udf("jsonb_object", "pg_jsonb_object2", [TEXT_ARRAY, TEXT_ARRAY], jsonb, (k, v) =>
    jsonbObjectText(objectFromArrays(k, v)),
  ),
  udf("jsonb_set", "pg_jsonb_set", [JSONB, TEXT_ARRAY, JSONB], jsonb, (a, p, v) =>
    jsonbModify(a, p, v, "set", true),
  ),
  udf("jsonb_set", "pg_jsonb_set", [JSONB, TEXT_ARRAY, JSONB, BOOL], jsonb, (a, p, v, c) =>
    jsonbModify(a, p, v, "set", bool(c)),
  ),
  udf("jsonb_insert", "pg_jsonb_insert", [JSONB, TEXT_ARRAY, JSONB], jsonb, (a, p, v) =>
    jsonbModify(a, p, v, "insert-before", true),
  ),
  udf("jsonb_insert", "pg_jsonb_insert", [JSONB, TEXT_ARRAY, JSONB, BOOL], jsonb, (a, p, v, after) =>
    jsonbModify(a, p, v, bool(after) ? "insert-after" : "insert-before", true),
  ),
  udf("jsonb_strip_nulls", "pg_jsonb_strip_nulls", [JSONB], jsonb, (a) => writeJsonb(stripNullsJsonb(jb(a)))),
  udf("json_strip_nulls", "pg_json_strip_nulls", [JSON_TYPE], json, (a) => {
    const s = str(a);
    return stripNullsJson(s, parseJsonSpans(s));
  }),
  udf("jsonb_pretty", "pg_jsonb_pretty", [JSONB], text, (a) => pretty(jb(a), 0)),
  udf("json_typeof", "pg_json_typeof", [JSON_TYPE], text, (a) => nodeType(parseJsonSpans(str(a)))),
  udf("jsonb_typeof", "pg_jsonb_typeof", [JSONB], text, (a) => jsonbTypeName(jb(a))),
  udf("json_array_length", "pg_json_array_length", [JSON_TYPE], t(INT4), (a) =>
    jsonArrayLength(parseJsonSpans(str(a))),
  ),
  udf("jsonb_array_length", "pg_jsonb_array_length", [JSONB], t(INT4), (a) => jsonbArrayLength(jb(a))),
  udf("jsonb_exists", "pg_jsonb_exists", [JSONB, TEXT], t(BOOL), (a, k) =>
    jsonbExists(jb(a), str(k)) ? 1 : 0,
  ),
  udf("jsonb_exists_any", "pg_jsonb_exists_any", [JSONB, TEXT_ARRAY], t(BOOL), (a, ks) => {
    const v = jb(a);
    return textArray(ks).some((k) => k !== null && jsonbExists(v, k)) ? 1 : 0;
  }),
  udf("jsonb_exists_all", "pg_jsonb_exists_all", [JSONB, TEXT_ARRAY], t(BOOL), (a, ks) => {
    const v = jb(a);
    return textArray(ks).every((k) => k === null || jsonbExists(v, k)) ? 1 : 0;
  }),
  udf("jsonb_contains", "pg_jsonb_contains", [JSONB, JSONB], t(BOOL), (a, b) =>
    jsonbContains(jb(a), jb(b)) ? 1 : 0,
  ),
  udf("jsonb_contained", "pg_jsonb_contained", [JSONB, JSONB], t(BOOL), (a, b) =>
    jsonbContains(jb(b), jb(a)) ? 1 : 0,
  ),
  udf(
    "json_extract_path",
    "pg_json_extract_path_v",
    [JSON_TYPE, TEXT, TEXT],
    json,
    (j, ...p) => {
      const s = str(j);
      const n = jsonPath(parseJsonSpans(s), p.map(str));
      return n ? nodeText(s, n) : null;
    },
    { variadic: true },
  ),
  udf(
    "json_extract_path_text",
    "pg_json_extract_path_text_v",
    [JSON_TYPE, TEXT, TEXT],
    text,
    (j, ...p) => {
      const s = str(j);
      const n = jsonPath(parseJsonSpans(s), p.map(str));
      return n ? nodeAsText(s, n) : null;
    },
    { variadic: true },
  ),
  udf(
    "jsonb_extract_path",
    "pg_jsonb_extract_path_v",
    [JSONB, TEXT, TEXT],
    jsonb,
    (j, ...p) => {
      const v = jsonbPath(jb(j), p.map(str));
      return v === undefined ? null : writeJsonb(v);
    },
    { variadic: true },
  ),
  udf(
    "jsonb_extract_path_text",
    "pg_jsonb_extract_path_text_v",
    [JSONB, TEXT, TEXT],
    text,
    (j, ...p) => {
      const v = jsonbPath(jb(j), p.map(str));
      return v === undefined ? null : jsonbAsText(v);
    },
    { variadic: true },
  ),
  srf(
    "json_each",
    "pg_json_each",
    [JSON_TYPE],
    [
      { name: "key", type: text },
      { name: "value", type: json },
    ],
    (j) => jsonEach("json_each", j, false),
  ),
  srf(
    "json_each_text",
    "pg_json_each_text",
    [JSON_TYPE],
    [
      { name: "key", type: text },
      { name: "value", type: text },
    ],
    (j) => jsonEach("json_each_text", j, true),
  ),
  srf(
    "jsonb_each",
    "pg_jsonb_each",
    [JSONB],
    [
      { name: "key", type: text },
      { name: "value", type: jsonb },
    ],
    (j) => jsonbEach("jsonb_each", j, false),
  ),
  srf(
    "jsonb_each_text",
    "pg_jsonb_each_text",
    [JSONB],
    [
      { name: "key", type: text },
      { name: "value", type: text },
    ],
    (j) => jsonbEach("jsonb_each_text", j, true),
  ),
  srf("json_array_elements", "pg_json_array_elements", [JSON_TYPE], [{ name: "value", type: json }], (j) =>
    jsonElements("json_array_elements", j, false),
  ),
  srf(
    "json_array_elements_text",
    "pg_json_array_elements_text",
    [JSON_TYPE],
    [{ name: "value", type: text }],
    (j) => jsonElements("json_array_elements_text", j, true),
  ),
  srf("jsonb_array_elements", "pg_jsonb_array_elements", [JSONB], [{ name: "value", type: jsonb }], (j) =>
    jsonbElements(j, false),
  ),
  srf(
    "jsonb_array_elements_text",
    "pg_jsonb_array_elements_text",
    [JSONB],
    [{ name: "value", type: text }],
    (j) => jsonbElements(j, true),
  ),
  srf(
    "json_object_keys",
    "pg_json_object_keys",
    [JSON_TYPE],
    [{ name: "json_object_keys", type: text }],
    jsonObjectKeys,
  ),
  srf(
    "jsonb_object_keys",
    "pg_jsonb_object_keys",
    [JSONB],
    [{ name: "jsonb_object_keys", type: text }],
    jsonbObjectKeys,
  ),
]);
