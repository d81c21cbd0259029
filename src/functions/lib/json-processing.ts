// json and jsonb processing (jsonfuncs.c): strip_nulls, jsonb_pretty, array length, and
// jsonb_set / jsonb_insert.
import { PgError } from "../../errors/pg-error.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import {
  escapeJsonString,
  isObject,
  isScalar,
  type JsonValue,
  jb,
  members,
  writeJsonb,
} from "./json-common.js";
import { setPath, textArray } from "./json-operators.js";
import { type JsonNode, nodeText } from "./json-spans.js";

export function stripNullsJsonb(v: JsonValue): JsonValue {
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
export function stripNullsJson(text: string, n: JsonNode): string {
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

export function pretty(v: JsonValue, level: number): string {
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

export function jsonArrayLength(n: JsonNode): number {
  if (n.t === "array") return n.items.length;
  if (n.t === "object")
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot get array length of a non-array");
  throw new PgError("INVALID_PARAMETER_VALUE", "cannot get array length of a scalar");
}

export function jsonbArrayLength(v: JsonValue): number {
  if (Array.isArray(v)) return v.length;
  if (isObject(v)) throw new PgError("INVALID_PARAMETER_VALUE", "cannot get array length of a non-array");
  throw new PgError("INVALID_PARAMETER_VALUE", "cannot get array length of a scalar");
}

export function jsonbModify(
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
