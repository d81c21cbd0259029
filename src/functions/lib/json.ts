// The json and jsonb functions (json.c, jsonb.c, jsonfuncs.c): to_json, the builders, jsonb_set /
// jsonb_insert, strip_nulls, pretty printing, typeof, array length, path extraction, and the
// set-returning json_each, json_array_elements and json_object_keys families.
import { PgError } from "../../errors/pg-error.js";
import { BOOL, INT4, JSON_TYPE, JSONB, TEXT, t } from "../../sql/oids.js";
import type { SqlType } from "../../sql/plan.js";
import type { ArrayTree } from "../../types/codecs/array-json.js";
import { storedArray } from "../../types/codecs/arrays.js";
import { typeByName } from "../../types/registry.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";
import {
  escapeJsonString,
  isObject,
  isScalar,
  type JsonNode,
  type JsonValue,
  jsonbAsText,
  jsonbContains,
  jsonbExists,
  jsonbSortKey,
  jsonbTypeName,
  members,
  nodeAsText,
  nodeText,
  nodeType,
  objectKey,
  parseJsonSpans,
  readJsonb,
  toJsonbValue,
  toJsonText,
  writeJsonb,
} from "./json-common.js";
import { jsonbPath, jsonPath, setPath, textArray } from "./json-operators.js";
import { bool, str } from "./strings-common.js";

const TEXT_ARRAY = typeByName("_text")!.oid;
const json = t(JSON_TYPE);
const jsonb = t(JSONB);
const text = t(TEXT);

const jb = (v: SqliteValue) => readJsonb(v as StoredValue);

// ---------------------------------------------------------------------------------------------
// builders

const halves = (a: SqliteValue[]): [number[], SqliteValue[]] => {
  const n = a.length / 2;
  return [a.slice(0, n).map(Number), a.slice(n)];
};

function buildObjectPairs(
  fn: string,
  types: number[],
  values: SqliteValue[],
  jsonbKeys: boolean,
): [string, number, SqliteValue][] {
  if (values.length % 2 !== 0) {
    throw new PgError("INVALID_PARAMETER_VALUE", "argument list must have even number of elements", {
      hint: `The arguments of ${fn}() must consist of alternating keys and values.`,
    });
  }
  const pairs: [string, number, SqliteValue][] = [];
  for (let i = 0; i < values.length; i += 2) {
    const k = values[i]!;
    if (k === null) {
      throw jsonbKeys
        ? new PgError("INVALID_PARAMETER_VALUE", `argument ${i + 1}: key must not be null`)
        : new PgError("INVALID_PARAMETER_VALUE", `argument ${i + 1} cannot be null`, {
            hint: "Object keys should be text.",
          });
    }
    pairs.push([objectKey(types[i]!, k as StoredValue), types[i + 1]!, values[i + 1]!]);
  }
  return pairs;
}

function jsonBuildObject(...a: SqliteValue[]): string {
  const [types, values] = halves(a);
  const pairs = buildObjectPairs("json_build_object", types, values, false);
  const body = pairs.map(
    ([k, oid, v]) => `${escapeJsonString(k)} : ${toJsonText(oid, v as StoredValue | null)}`,
  );
  return `{${body.join(", ")}}`;
}

function jsonbBuildObject(...a: SqliteValue[]): string {
  const [types, values] = halves(a);
  const pairs = buildObjectPairs("jsonb_build_object", types, values, true);
  return writeJsonb({
    kind: "object",
    members: pairs.map(([k, oid, v]) => [k, toJsonbValue(oid, v as StoredValue | null)]),
  });
}

function jsonBuildArray(...a: SqliteValue[]): string {
  const [types, values] = halves(a);
  return `[${values.map((v, i) => toJsonText(types[i]!, v as StoredValue | null)).join(", ")}]`;
}

function jsonbBuildArray(...a: SqliteValue[]): string {
  const [types, values] = halves(a);
  return writeJsonb(values.map((v, i) => toJsonbValue(types[i]!, v as StoredValue | null)));
}

function arrayError(message: string): PgError {
  return new PgError("ARRAY_SUBSCRIPT_ERROR", message);
}

/** The shape of a stored text[]: its dimensions. */
function dims(tree: ArrayTree): number[] {
  const out: number[] = [];
  let level: ArrayTree | unknown = tree;
  while (Array.isArray(level)) {
    out.push(level.length);
    level = level[0];
    if (!Array.isArray(level)) break;
  }
  return out;
}

/** json_object's pairs from one text[] (flat with even length, or n x 2). */
function objectFromArray(v: SqliteValue): [string, string | null][] {
  const tree = storedArray(v as StoredValue, TEXT);
  const d = dims(tree);
  let flat: (StoredValue | null)[];
  if (tree.length === 0) return [];
  if (d.length === 1) {
    if (d[0]! % 2 !== 0) throw arrayError("array must have even number of elements");
    flat = tree as (StoredValue | null)[];
  } else if (d.length === 2) {
    if (d[1] !== 2) throw arrayError("array must have two columns");
    flat = (tree as ArrayTree[]).flat() as (StoredValue | null)[];
  } else throw arrayError("wrong number of array subscripts");
  const out: [string, string | null][] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const k = flat[i];
    if (k === null || k === undefined) {
      throw new PgError("NULL_VALUE_NOT_ALLOWED", "null value not allowed for object key");
    }
    const x = flat[i + 1];
    out.push([str(k), x === null || x === undefined ? null : str(x)]);
  }
  return out;
}

function objectFromArrays(keys: SqliteValue, values: SqliteValue): [string, string | null][] {
  const kt = storedArray(keys as StoredValue, TEXT);
  const vt = storedArray(values as StoredValue, TEXT);
  const kd = dims(kt);
  const vd = dims(vt);
  if (kd.length > 1 || vd.length > 1) throw arrayError("wrong number of array subscripts");
  if (kt.length !== vt.length) throw arrayError("mismatched array dimensions");
  return kt.map((k, i) => {
    if (k === null) throw new PgError("NULL_VALUE_NOT_ALLOWED", "null value not allowed for object key");
    const x = vt[i];
    return [str(k as StoredValue), x === null || x === undefined ? null : str(x as StoredValue)];
  });
}

function jsonObjectText(pairs: [string, string | null][]): string {
  if (pairs.length === 0) return "{}";
  const body = pairs.map(([k, v]) => `${escapeJsonString(k)} : ${v === null ? "null" : escapeJsonString(v)}`);
  return `{${body.join(", ")}}`;
}

function jsonbObjectText(pairs: [string, string | null][]): string {
  return writeJsonb({ kind: "object", members: pairs.map(([k, v]) => [k, v]) });
}

// ---------------------------------------------------------------------------------------------
// processing

function stripNullsJsonb(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(stripNullsJsonb);
  if (isObject(v)) {
    return {
      kind: "object",
      members: v.members.filter(([, x]) => x !== null).map(([k, x]) => [k, stripNullsJsonb(x)]),
    };
  }
  return v;
}

/** json_strip_nulls: the document re-serialised without whitespace, null-valued fields dropped. */
function stripNullsJson(text: string, n: JsonNode): string {
  switch (n.t) {
    case "object":
      return `{${n.members
        .filter(([, x]) => x.t !== "null")
        .map(([k, x]) => `${escapeJsonString(k)}:${stripNullsJson(text, x)}`)
        .join(",")}}`;
    case "array":
      return `[${n.items.map((x) => stripNullsJson(text, x)).join(",")}]`;
    case "string":
      return escapeJsonString(n.value);
    default:
      return nodeText(text, n);
  }
}

function pretty(v: JsonValue, level: number): string {
  const indent = (k: number) => "    ".repeat(k);
  if (Array.isArray(v)) {
    const items = v.map((x) => `\n${indent(level + 1)}${pretty(x, level + 1)}`);
    return `[${items.join(",")}\n${indent(level)}]`;
  }
  if (isObject(v)) {
    const items = members(v).map(
      ([k, x]) => `\n${indent(level + 1)}${escapeJsonString(k)}: ${pretty(x, level + 1)}`,
    );
    return `{${items.join(",")}\n${indent(level)}}`;
  }
  return writeJsonb(v);
}

function jsonArrayLength(n: JsonNode): number {
  if (n.t === "array") return n.items.length;
  if (n.t === "object")
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot get array length of a non-array");
  throw new PgError("INVALID_PARAMETER_VALUE", "cannot get array length of a scalar");
}

function jsonbArrayLength(v: JsonValue): number {
  if (Array.isArray(v)) return v.length;
  if (isObject(v)) throw new PgError("INVALID_PARAMETER_VALUE", "cannot get array length of a non-array");
  throw new PgError("INVALID_PARAMETER_VALUE", "cannot get array length of a scalar");
}

function jsonbModify(
  target: SqliteValue,
  path: SqliteValue,
  value: SqliteValue,
  op: "set" | "insert-before" | "insert-after",
  create: boolean,
): string {
  const v = jb(target);
  if (isScalar(v)) {
    throw new PgError(
      "INVALID_PARAMETER_VALUE",
      op === "set" ? "cannot set path in scalar" : "cannot set path in scalar",
    );
  }
  return writeJsonb(setPath(v, textArray(path), op, jb(value), create));
}

// ---------------------------------------------------------------------------------------------
// set-returning

function* jsonEach(fn: string, j: SqliteValue, asText: boolean): Iterable<SqliteValue[]> {
  const text = str(j);
  const n = parseJsonSpans(text);
  if (n.t === "array")
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot deconstruct an array as an object");
  if (n.t !== "object") throw new PgError("INVALID_PARAMETER_VALUE", "cannot deconstruct a scalar");
  void fn;
  for (const [k, x] of n.members) yield [k, asText ? nodeAsText(text, x) : nodeText(text, x)];
}

function* jsonbEach(fn: string, j: SqliteValue, asText: boolean): Iterable<SqliteValue[]> {
  const v = jb(j);
  if (!isObject(v)) throw new PgError("INVALID_PARAMETER_VALUE", `cannot call ${fn} on a non-object`);
  for (const [k, x] of members(v)) yield [k, asText ? jsonbAsText(x) : writeJsonb(x)];
}

function* jsonElements(fn: string, j: SqliteValue, asText: boolean): Iterable<SqliteValue[]> {
  const text = str(j);
  const n = parseJsonSpans(text);
  if (n.t === "object") throw new PgError("INVALID_PARAMETER_VALUE", `cannot call ${fn} on a non-array`);
  if (n.t !== "array") throw new PgError("INVALID_PARAMETER_VALUE", `cannot call ${fn} on a scalar`);
  for (const x of n.items) yield [asText ? nodeAsText(text, x) : nodeText(text, x)];
}

function* jsonbElements(j: SqliteValue, asText: boolean): Iterable<SqliteValue[]> {
  const v = jb(j);
  if (isObject(v)) throw new PgError("INVALID_PARAMETER_VALUE", "cannot extract elements from an object");
  if (!Array.isArray(v))
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot extract elements from a scalar");
  for (const x of v) yield [asText ? jsonbAsText(x) : writeJsonb(x)];
}

function* jsonObjectKeys(j: SqliteValue): Iterable<SqliteValue[]> {
  const n = parseJsonSpans(str(j));
  if (n.t === "array")
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot call json_object_keys on an array");
  if (n.t !== "object")
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot call json_object_keys on a scalar");
  for (const [k] of n.members) yield [k];
}

function* jsonbObjectKeys(j: SqliteValue): Iterable<SqliteValue[]> {
  const v = jb(j);
  if (Array.isArray(v))
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot call jsonb_object_keys on an array");
  if (!isObject(v)) throw new PgError("INVALID_PARAMETER_VALUE", "cannot call jsonb_object_keys on a scalar");
  for (const [k] of members(v)) yield [k];
}

// ---------------------------------------------------------------------------------------------
// declarations

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
