// The json and jsonb operators (jsonfuncs.c, jsonb_op.c): -> ->> #> #>> for both types; jsonb's
// @> <@ ? ?| ?& || - #- and its btree comparisons. json has no equality.
import { PgError } from "../../errors/pg-error.js";
import { BOOL, INT4, JSON_TYPE, JSONB, TEXT, t } from "../../sql/oids.js";
import { storedArray } from "../../types/codecs/arrays.js";
import { typeByName } from "../../types/registry.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineOperators } from "../registry.js";
import {
  isObject,
  isScalar,
  type JsonValue,
  jsonbAsText,
  jsonbElement,
  jsonbField,
  pathIndex,
  readJsonb,
  writeJsonb,
} from "./json-common.js";
import { type JsonNode, jsonElement, jsonField, nodeAsText, nodeText, parseJsonSpans } from "./json-spans.js";
import { compareJsonb, jsonbContains, jsonbExists } from "./jsonb-compare.js";
import { int, str } from "./strings-common.js";

const TEXT_ARRAY = typeByName("_text")!.oid;

/** A text[] argument as its elements (NULL elements as null). */
export function textArray(v: SqliteValue): (string | null)[] {
  return (storedArray(v as StoredValue, TEXT).flat(6) as (StoredValue | null)[]).map((x) =>
    x === null ? null : str(x),
  );
}

// ---------------------------------------------------------------------------------------------
// path lookups

/** json #> path: the node at the path, or undefined (a NULL element yields NULL). */
export function jsonPath(root: JsonNode, path: (string | null)[]): JsonNode | undefined {
  let n: JsonNode | undefined = root;
  for (const p of path) {
    if (!n || p === null) return undefined;
    if (n.t === "object") n = jsonField(n, p);
    else if (n.t === "array") {
      const i = pathIndex(p);
      n = i === undefined ? undefined : jsonElement(n, i);
    } else return undefined;
  }
  return n;
}

export function jsonbPath(root: JsonValue, path: (string | null)[]): JsonValue | undefined {
  let v: JsonValue | undefined = root;
  for (const p of path) {
    if (v === undefined || p === null) return undefined;
    if (isObject(v)) v = jsonbField(v, p);
    else if (Array.isArray(v)) {
      const i = pathIndex(p);
      v = i === undefined ? undefined : jsonbElement(v, i);
    } else return undefined;
  }
  return v;
}

/** jsonb -> int sees a top-level scalar as the one-element array jsonb stores it as. */
function rawScalarArray(v: JsonValue): JsonValue {
  return isScalar(v) ? [v] : v;
}

function jsonGet(
  json: SqliteValue,
  step: (n: JsonNode) => JsonNode | undefined,
  asText: boolean,
): string | null {
  const text = str(json);
  const n = step(parseJsonSpans(text));
  if (!n) return null;
  return asText ? nodeAsText(text, n) : nodeText(text, n);
}

function jsonbGet(
  jsonb: SqliteValue,
  step: (v: JsonValue) => JsonValue | undefined,
  asText: boolean,
): string | null {
  const v = step(readJsonb(jsonb as StoredValue));
  if (v === undefined) return null;
  return asText ? jsonbAsText(v) : writeJsonb(v);
}

// ---------------------------------------------------------------------------------------------
// jsonb modification

function deleteKey(v: JsonValue, key: string): JsonValue {
  if (isScalar(v)) throw new PgError("INVALID_PARAMETER_VALUE", "cannot delete from scalar");
  if (isObject(v)) return { kind: "object", members: v.members.filter(([k]) => k !== key) };
  return (v as JsonValue[]).filter((x) => x !== key);
}

function deleteIndex(v: JsonValue, index: number): JsonValue {
  if (isScalar(v)) throw new PgError("INVALID_PARAMETER_VALUE", "cannot delete from scalar");
  if (isObject(v)) {
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot delete from object using integer index");
  }
  const a = v as JsonValue[];
  const i = index < 0 ? a.length + index : index;
  if (i < 0 || i >= a.length) return a;
  return a.filter((_, k) => k !== i);
}

/** jsonb || jsonb (IteratorConcat): objects merge, arrays concatenate, anything else is wrapped in an array. */
export function jsonbConcat(a: JsonValue, b: JsonValue): JsonValue {
  if (isObject(a) && isObject(b)) return { kind: "object", members: [...a.members, ...b.members] };
  const wrap = (x: JsonValue): JsonValue[] => (Array.isArray(x) ? x : [x]);
  return [...wrap(a), ...wrap(b)];
}

function notInteger(position: number, element: string): PgError {
  return new PgError(
    "INVALID_TEXT_REPRESENTATION",
    `path element at position ${position} is not an integer: "${element}"`,
  );
}

export type PathOp = "delete" | "set" | "insert-before" | "insert-after";

/**
 * setPath: walks path in v, then deletes, replaces (creating the last step when create) or
 * inserts. Returns the new value.
 */
export function setPath(
  v: JsonValue,
  path: (string | null)[],
  op: PathOp,
  newValue: JsonValue | undefined,
  create: boolean,
  level = 0,
): JsonValue {
  const p = path[level];
  if (p === null) {
    throw new PgError("NULL_VALUE_NOT_ALLOWED", `path element at position ${level + 1} is null`);
  }
  if (p === undefined) return v;
  const last = level === path.length - 1;
  if (isObject(v)) {
    const ms = v.members;
    const idx = ms.findIndex(([k]) => k === p);
    if (idx >= 0) {
      if (last) {
        if (op === "delete") return { kind: "object", members: ms.filter((_, k) => k !== idx) };
        if (op === "insert-before" || op === "insert-after") {
          throw new PgError("INVALID_PARAMETER_VALUE", "cannot replace existing key", {
            hint: "Try using the function jsonb_set to replace key value.",
          });
        }
        return { kind: "object", members: ms.map((m, k) => (k === idx ? [m[0], newValue!] : m)) };
      }
      const child = ms[idx]![1];
      if (isScalar(child)) return v;
      const replaced = setPath(child, path, op, newValue, create, level + 1);
      return { kind: "object", members: ms.map((m, k) => (k === idx ? [m[0], replaced] : m)) };
    }
    if (last && op !== "delete" && (create || op !== "set")) {
      return { kind: "object", members: [...ms, [p, newValue!]] };
    }
    return v;
  }
  if (Array.isArray(v)) {
    const n = pathIndex(p);
    if (n === undefined) throw notInteger(level + 1, p);
    let i = n < 0 ? v.length + n : n;
    if (i < 0 || i >= v.length) {
      if (!last || op === "delete") return v;
      if (op === "set" && !create) return v;
      // Out of range: prepend before the start, append after the end.
      if (i < 0) return [newValue!, ...v];
      return [...v, newValue!];
    }
    if (!last) {
      const child = v[i]!;
      if (isScalar(child)) return v;
      const replaced = setPath(child, path, op, newValue, create, level + 1);
      return v.map((x, k) => (k === i ? replaced : x));
    }
    if (op === "delete") return v.filter((_, k) => k !== i);
    if (op === "set") return v.map((x, k) => (k === i ? newValue! : x));
    if (op === "insert-after") i++;
    return [...v.slice(0, i), newValue!, ...v.slice(i)];
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// declarations

function op(
  name: string,
  udfName: string,
  args: FunctionDef["args"],
  returns: number,
  impl: (...a: SqliteValue[]) => SqliteValue,
): FunctionDef {
  return { name, kind: "udf", udfName, args, returns: t(returns), volatility: "immutable", impl };
}

const jb = (v: SqliteValue) => readJsonb(v as StoredValue);

const comparisons: [string, (c: number) => boolean][] = [
  ["=", (c) => c === 0],
  ["<>", (c) => c !== 0],
  ["<", (c) => c < 0],
  [">", (c) => c > 0],
  ["<=", (c) => c <= 0],
  [">=", (c) => c >= 0],
];

const names: Record<string, string> = { "=": "eq", "<>": "ne", "<": "lt", ">": "gt", "<=": "le", ">=": "ge" };

defineOperators([
  // Text keys first: an untyped key is text, as in PostgreSQL.
  op("->", "pg_json_object_field", [JSON_TYPE, TEXT], JSON_TYPE, (j, k) =>
    jsonGet(j, (n) => jsonField(n, str(k)), false),
  ),
  op("->", "pg_json_array_element", [JSON_TYPE, INT4], JSON_TYPE, (j, i) =>
    jsonGet(j, (n) => jsonElement(n, int(i)), false),
  ),
  op("->>", "pg_json_object_field_text", [JSON_TYPE, TEXT], TEXT, (j, k) =>
    jsonGet(j, (n) => jsonField(n, str(k)), true),
  ),
  op("->>", "pg_json_array_element_text", [JSON_TYPE, INT4], TEXT, (j, i) =>
    jsonGet(j, (n) => jsonElement(n, int(i)), true),
  ),
  op("->", "pg_jsonb_object_field", [JSONB, TEXT], JSONB, (j, k) =>
    jsonbGet(j, (v) => jsonbField(v, str(k)), false),
  ),
  op("->", "pg_jsonb_array_element", [JSONB, INT4], JSONB, (j, i) =>
    jsonbGet(j, (v) => jsonbElement(rawScalarArray(v), int(i)), false),
  ),
  op("->>", "pg_jsonb_object_field_text", [JSONB, TEXT], TEXT, (j, k) =>
    jsonbGet(j, (v) => jsonbField(v, str(k)), true),
  ),
  op("->>", "pg_jsonb_array_element_text", [JSONB, INT4], TEXT, (j, i) =>
    jsonbGet(j, (v) => jsonbElement(rawScalarArray(v), int(i)), true),
  ),
  op("#>", "pg_json_extract_path", [JSON_TYPE, TEXT_ARRAY], JSON_TYPE, (j, p) =>
    jsonGet(j, (n) => jsonPath(n, textArray(p)), false),
  ),
  op("#>>", "pg_json_extract_path_text", [JSON_TYPE, TEXT_ARRAY], TEXT, (j, p) =>
    jsonGet(j, (n) => jsonPath(n, textArray(p)), true),
  ),
  op("#>", "pg_jsonb_extract_path", [JSONB, TEXT_ARRAY], JSONB, (j, p) =>
    jsonbGet(j, (v) => jsonbPath(v, textArray(p)), false),
  ),
  op("#>>", "pg_jsonb_extract_path_text", [JSONB, TEXT_ARRAY], TEXT, (j, p) =>
    jsonbGet(j, (v) => jsonbPath(v, textArray(p)), true),
  ),
  // containment and existence
  op("@>", "pg_jsonb_contains", [JSONB, JSONB], BOOL, (a, b) => (jsonbContains(jb(a), jb(b)) ? 1 : 0)),
  op("<@", "pg_jsonb_contained", [JSONB, JSONB], BOOL, (a, b) => (jsonbContains(jb(b), jb(a)) ? 1 : 0)),
  op("?", "pg_jsonb_exists", [JSONB, TEXT], BOOL, (a, k) => (jsonbExists(jb(a), str(k)) ? 1 : 0)),
  op("?|", "pg_jsonb_exists_any", [JSONB, TEXT_ARRAY], BOOL, (a, ks) => {
    const v = jb(a);
    return textArray(ks).some((k) => k !== null && jsonbExists(v, k)) ? 1 : 0;
  }),
  op("?&", "pg_jsonb_exists_all", [JSONB, TEXT_ARRAY], BOOL, (a, ks) => {
    const v = jb(a);
    return textArray(ks).every((k) => k === null || jsonbExists(v, k)) ? 1 : 0;
  }),
  // concatenation and deletion
  op("||", "pg_jsonb_concat", [JSONB, JSONB], JSONB, (a, b) => writeJsonb(jsonbConcat(jb(a), jb(b)))),
  op("-", "pg_jsonb_delete", [JSONB, TEXT], JSONB, (a, k) => writeJsonb(deleteKey(jb(a), str(k)))),
  op("-", "pg_jsonb_delete_idx", [JSONB, INT4], JSONB, (a, i) => writeJsonb(deleteIndex(jb(a), int(i)))),
  op("-", "pg_jsonb_delete_keys", [JSONB, TEXT_ARRAY], JSONB, (a, ks) => {
    let v = jb(a);
    if (isScalar(v)) throw new PgError("INVALID_PARAMETER_VALUE", "cannot delete from scalar");
    for (const k of textArray(ks)) if (k !== null) v = deleteKey(v, k);
    return writeJsonb(v);
  }),
  op("#-", "pg_jsonb_delete_path", [JSONB, TEXT_ARRAY], JSONB, (a, p) => {
    const v = jb(a);
    if (isScalar(v)) throw new PgError("INVALID_PARAMETER_VALUE", "cannot delete path in scalar");
    return writeJsonb(setPath(v, textArray(p), "delete", undefined, false));
  }),
  // btree order
  ...comparisons.map(([name, test]) =>
    op(name, `pg_jsonb_${names[name]}`, [JSONB, JSONB], BOOL, (a, b) =>
      test(compareJsonb(jb(a), jb(b))) ? 1 : 0,
    ),
  ),
]);
