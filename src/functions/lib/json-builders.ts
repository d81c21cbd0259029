// The json and jsonb builders (json.c, jsonb.c): json_build_object / json_build_array and their
// jsonb forms, and json_object from a text array of pairs or from arrays of keys and values.
import { PgError } from "../../errors/pg-error.js";
import { TEXT } from "../../sql/oids.js";
import type { ArrayTree } from "../../types/codecs/array-json.js";
import { storedArray } from "../../types/codecs/arrays.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import { escapeJsonString, writeJsonb } from "./json-common.js";
import { str } from "./strings-common.js";
import { objectKey, toJsonbValue, toJsonText } from "./to-json.js";

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

export function jsonBuildObject(...a: SqliteValue[]): string {
  const [types, values] = halves(a);
  const pairs = buildObjectPairs("json_build_object", types, values, false);
  const body = pairs.map(
    ([k, oid, v]) => `${escapeJsonString(k)} : ${toJsonText(oid, v as StoredValue | null)}`,
  );
  return `{${body.join(", ")}}`;
}

export function jsonbBuildObject(...a: SqliteValue[]): string {
  const [types, values] = halves(a);
  const pairs = buildObjectPairs("jsonb_build_object", types, values, true);
  return writeJsonb({
    kind: "object",
    members: pairs.map(([k, oid, v]) => [k, toJsonbValue(oid, v as StoredValue | null)]),
  });
}

export function jsonBuildArray(...a: SqliteValue[]): string {
  const [types, values] = halves(a);
  return `[${values.map((v, i) => toJsonText(types[i]!, v as StoredValue | null)).join(", ")}]`;
}

export function jsonbBuildArray(...a: SqliteValue[]): string {
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
export function objectFromArray(v: SqliteValue): [string, string | null][] {
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

export function objectFromArrays(keys: SqliteValue, values: SqliteValue): [string, string | null][] {
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

export function jsonObjectText(pairs: [string, string | null][]): string {
  if (pairs.length === 0) return "{}";
  const body = pairs.map(([k, v]) => `${escapeJsonString(k)} : ${v === null ? "null" : escapeJsonString(v)}`);
  return `{${body.join(", ")}}`;
}

export function jsonbObjectText(pairs: [string, string | null][]): string {
  return writeJsonb({ kind: "object", members: pairs.map(([k, v]) => [k, v]) });
}
