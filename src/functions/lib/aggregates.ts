// Aggregates: string_agg, array_agg (of scalars and of arrays), json_agg / jsonb_agg,
// json_object_agg / jsonb_object_agg and every. Rows arrive in the order SQLite feeds them (ORDER BY
// and DISTINCT inside the call are SQLite's). Aggregates whose result depends on the argument type
// (json_agg of booleans, timestamps, ...) are written as SQL around a type-independent aggregate
// (declared for json / jsonb arguments) that receives each value already converted by to_json, so
// that DISTINCT, which SQLite allows only on one argument, keeps working.
import { PgError } from "../../errors/pg-error.js";
import { BOOL, BYTEA, JSON_TYPE, JSONB, NUMERIC, TEXT, t } from "../../sql/oids.js";
import type { SqlType } from "../../sql/plan.js";
import { type ArrayTree, arrayToJson } from "../../types/codecs/array-json.js";
import { arrayTypeOf } from "../../types/registry.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import type { FunctionCallInfo, FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";
import { dimsOf, readArray } from "./arrays-common.js";
import { escapeJsonString, type JsonValue, parseJsonb, writeJsonb } from "./json-common.js";
import { bytes, str } from "./strings-common.js";
import { jsonCategory } from "./to-json.js";
// The ordered-set, statistical and bitwise aggregates, and the window helpers, declare themselves.
import "./ordered-set-aggregates.js";
import "./statistics-aggregates.js";
import "./window-support.js";

const TEXT_ARRAY = arrayTypeOf(TEXT)!;
const NUMERIC_ARRAY = arrayTypeOf(NUMERIC)!;

/** Marks a to_json value of an array type: json_agg puts "\n " before such values after the first. */
const STRUCTURED = "\u0001";

// ---------------------------------------------------------------------------------------------
// string_agg

interface StringAggState {
  parts: (string | Uint8Array)[];
  any: boolean;
}

function stringAggStep(state: unknown, ...args: SqliteValue[]): unknown {
  const s = state as StringAggState;
  let [value, sep] = args as [SqliteValue, SqliteValue];
  // string_agg(DISTINCT value, sep): one argument, the JSON array [value, sep].
  if (args.length === 1 && value !== null)
    [value, sep] = JSON.parse(str(value)) as [string | null, string | null];
  if (value === null) return s;
  if (s.any && sep !== null) s.parts.push(sep instanceof Uint8Array ? sep : str(sep));
  s.parts.push(value instanceof Uint8Array ? value : str(value));
  s.any = true;
  return s;
}

// ---------------------------------------------------------------------------------------------
// array_agg

interface ArrayAggState {
  items: ArrayTree;
}

function arrayAggStep(state: unknown, value: SqliteValue): unknown {
  (state as ArrayAggState).items.push(value as StoredValue | null);
  return state;
}

interface ArraysAggState {
  items: string[];
  dims?: number[];
}

function arraysAggStep(state: unknown, value: SqliteValue): unknown {
  const s = state as ArraysAggState;
  if (value === null) throw new PgError("NULL_VALUE_NOT_ALLOWED", "cannot accumulate null arrays");
  const text = str(value);
  const dims = dimsOf(readArray(text, TEXT));
  if (dims.length === 0) throw new PgError("ARRAY_SUBSCRIPT_ERROR", "cannot accumulate empty arrays");
  if (s.dims === undefined) s.dims = dims;
  else if (s.dims.length !== dims.length || s.dims.some((d, i) => d !== dims[i])) {
    throw new PgError("ARRAY_SUBSCRIPT_ERROR", "cannot accumulate arrays of different dimensionality");
  }
  s.items.push(text);
  return s;
}

/** SQLite SQL for a numeric argument as its exact text (arrays store numeric elements as text). */
function numericText(sql: string, type: SqlType | undefined): string {
  const typed = type && type.typmod >= 0 ? `pg_typmod(${sql}, ${NUMERIC}, ${type.typmod}, 0)` : sql;
  return `pg_cast(${typed}, ${NUMERIC}, ${TEXT}, -1)`;
}

// ---------------------------------------------------------------------------------------------
// json_agg, json_object_agg

interface JsonAggState {
  parts: string[];
}

function jsonAggResult(state: unknown): SqliteValue {
  const s = state as JsonAggState;
  if (s.parts.length === 0) return null;
  let out = "[";
  s.parts.forEach((p, i) => {
    const structured = p.startsWith(STRUCTURED);
    const text = structured ? p.slice(1) : p;
    if (i > 0) out += structured ? ", \n " : ", ";
    out += text;
  });
  return `${out}]`;
}

/** A json_object_agg key from its to_json text. */
function keyFromJson(json: SqliteValue): string {
  if (json === null) throw new PgError("INVALID_PARAMETER_VALUE", "field name must not be null");
  const text = str(json).replace(STRUCTURED, "");
  if (text.startsWith("[") || text.startsWith("{")) {
    throw new PgError("INVALID_PARAMETER_VALUE", "key value must be scalar, not array, composite, or json");
  }
  return text.startsWith('"') ? (JSON.parse(text) as string) : text;
}

interface ObjectAggState {
  parts: [string, string][];
}

interface JsonbObjectAggState {
  members: [string, JsonValue][];
}

// ---------------------------------------------------------------------------------------------
// declarations

/** to_json / to_jsonb of the argument, as SQL calling the registered to_json implementations. */
function toJsonSql(c: FunctionCallInfo, i: number, jsonb: boolean): string {
  const type = c.types[i]!;
  const call = `${jsonb ? "pg_to_jsonb_1" : "pg_to_json_1"}(${type.oid}, ${c.args[i]})`;
  return !jsonb && jsonCategory(type.oid) === "array" ? `(char(1) || ${call})` : call;
}

const distinct = (c: FunctionCallInfo) => (c.distinct ? "DISTINCT " : "");

const arrayOf = (types: SqlType[]): SqlType => t(arrayTypeOf(types[0]?.oid ?? TEXT) ?? TEXT_ARRAY);
const sameType = (types: SqlType[]): SqlType => t(types[0]?.oid ?? TEXT_ARRAY);

const aggregates: FunctionDef[] = [
  // string_agg(text, text) is SQL around the aggregate declared for bytea below, which takes text
  // too; with DISTINCT (one argument only in SQLite) the value and separator travel as a JSON pair.
  {
    name: "string_agg",
    kind: "aggregate",
    args: [TEXT, TEXT],
    returns: t(TEXT),
    volatility: "immutable",
    sql: (c) =>
      c.distinct
        ? `pg_string_agg(DISTINCT json_array(${c.args[0]}, ${c.args[1]}))`
        : `pg_string_agg(${c.args[0]}, ${c.args[1]})`,
  },
  {
    name: "string_agg",
    kind: "udf-aggregate",
    udfName: "pg_string_agg",
    args: [BYTEA, BYTEA],
    returns: t(BYTEA),
    volatility: "immutable",
    start: () => ({ parts: [], any: false }),
    step: stringAggStep,
    result: (state) => {
      const s = state as StringAggState;
      if (!s.any) return null;
      if (s.parts.every((p) => typeof p === "string")) return s.parts.join("");
      return Buffer.concat(s.parts.map((p) => (typeof p === "string" ? bytes(p) : p)));
    },
  },
  // array_agg(anyarray) first: the resolver also lets anynonarray take an array exactly.
  {
    name: "array_agg",
    kind: "udf-aggregate",
    udfName: "pg_array_agg_arrays",
    args: ["anyarray"],
    returns: sameType,
    volatility: "immutable",
    start: () => ({ items: [] }),
    step: arraysAggStep,
    result: (state) => {
      const s = state as ArraysAggState;
      return s.items.length === 0 ? null : `[${s.items.join(",")}]`;
    },
  },
  // numeric values reach SQLite as INTEGER, REAL or TEXT; array elements are the exact text.
  {
    name: "array_agg",
    kind: "aggregate",
    args: [NUMERIC],
    returns: t(NUMERIC_ARRAY),
    volatility: "immutable",
    sql: (c) => `pg_array_agg(${distinct(c)}${numericText(c.args[0]!, c.types[0])})`,
  },
  {
    name: "array_agg",
    kind: "udf-aggregate",
    udfName: "pg_array_agg",
    args: ["anynonarray"],
    returns: arrayOf,
    volatility: "immutable",
    start: () => ({ items: [] }),
    step: arrayAggStep,
    result: (state) => {
      const s = state as ArrayAggState;
      return s.items.length === 0 ? null : arrayToJson(s.items, 0);
    },
  },
  // json_agg(anyelement) converts each value with to_json and aggregates the json texts.
  {
    name: "json_agg",
    kind: "aggregate",
    args: ["anyelement"],
    returns: t(JSON_TYPE),
    volatility: "stable",
    sql: (c) => `pg_json_agg(${distinct(c)}${toJsonSql(c, 0, false)})`,
  },
  {
    name: "json_agg",
    kind: "udf-aggregate",
    udfName: "pg_json_agg",
    args: [JSON_TYPE],
    returns: t(JSON_TYPE),
    volatility: "immutable",
    start: () => ({ parts: [] }),
    step: (state, v) => {
      (state as JsonAggState).parts.push(v === null ? "null" : str(v));
      return state;
    },
    result: jsonAggResult,
  },
  {
    name: "jsonb_agg",
    kind: "aggregate",
    args: ["anyelement"],
    returns: t(JSONB),
    volatility: "stable",
    sql: (c) => `pg_jsonb_agg(${distinct(c)}${toJsonSql(c, 0, true)})`,
  },
  {
    name: "jsonb_agg",
    kind: "udf-aggregate",
    udfName: "pg_jsonb_agg",
    args: [JSONB],
    returns: t(JSONB),
    volatility: "immutable",
    start: () => ({ parts: [] }),
    step: (state, v) => {
      (state as JsonAggState).parts.push(v === null ? "null" : str(v));
      return state;
    },
    result: (state) => {
      const s = state as JsonAggState;
      return s.parts.length === 0 ? null : writeJsonb(s.parts.map((p) => parseJsonb(p)));
    },
  },
  {
    name: "json_object_agg",
    kind: "aggregate",
    args: ["any", "any"],
    returns: t(JSON_TYPE),
    volatility: "stable",
    sql: (c) => `pg_json_object_agg(${toJsonSql(c, 0, false)}, ${toJsonSql(c, 1, false)})`,
  },
  {
    name: "json_object_agg",
    kind: "udf-aggregate",
    udfName: "pg_json_object_agg",
    args: [JSON_TYPE, JSON_TYPE],
    returns: t(JSON_TYPE),
    volatility: "immutable",
    start: () => ({ parts: [] }),
    step: (state, k, v) => {
      const key = keyFromJson(k);
      (state as ObjectAggState).parts.push([key, v === null ? "null" : str(v).replace(STRUCTURED, "")]);
      return state;
    },
    result: (state) => {
      const s = state as ObjectAggState;
      if (s.parts.length === 0) return null;
      return `{ ${s.parts.map(([k, v]) => `${escapeJsonString(k)} : ${v}`).join(", ")} }`;
    },
  },
  {
    name: "jsonb_object_agg",
    kind: "aggregate",
    args: ["any", "any"],
    returns: t(JSONB),
    volatility: "stable",
    sql: (c) => `pg_jsonb_object_agg(${toJsonSql(c, 0, false)}, ${toJsonSql(c, 1, true)})`,
  },
  {
    name: "jsonb_object_agg",
    kind: "udf-aggregate",
    udfName: "pg_jsonb_object_agg",
    args: [JSON_TYPE, JSONB],
    returns: t(JSONB),
    volatility: "immutable",
    start: () => ({ members: [] }),
    step: (state, k, v) => {
      const key = keyFromJson(k);
      (state as JsonbObjectAggState).members.push([key, v === null ? null : parseJsonb(str(v))]);
      return state;
    },
    result: (state) => {
      const s = state as JsonbObjectAggState;
      return s.members.length === 0 ? null : writeJsonb({ kind: "object", members: s.members });
    },
  },
  {
    name: "every",
    kind: "aggregate",
    args: [BOOL],
    returns: t(BOOL),
    volatility: "immutable",
    sql: (c) => `min(${c.args[0]})`,
  },
];

defineFunctions(aggregates);
