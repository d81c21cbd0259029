// PostgreSQL's jsonb ordering (compareJsonbContainers) and containment (JsonbDeepContains), and
// the ? key-existence test.
import type { JsonValue } from "../../types/codecs/json-parse.js";
import {
  compareNumericText,
  compareText,
  isObject,
  isScalar,
  type JsonNumber,
  type JsonObject,
  members,
} from "./json-common.js";

// ---------------------------------------------------------------------------------------------
// jsonb ordering (compareJsonbContainers)

export const JbvType = { Null: 0, String: 1, Numeric: 2, Bool: 3, Array: 0x10, Object: 0x11 } as const;
export type JbvType = (typeof JbvType)[keyof typeof JbvType];

type Token =
  | { r: "begin-array"; n: number; raw: boolean }
  | { r: "begin-object"; n: number }
  | { r: "end" }
  | { r: "key"; v: string }
  | { r: "scalar"; v: JsonValue; elem: boolean };

export function* tokens(v: JsonValue, top: boolean): Generator<Token> {
  if (Array.isArray(v)) {
    yield { r: "begin-array", n: v.length, raw: false };
    for (const x of v) {
      if (isScalar(x)) yield { r: "scalar", v: x, elem: true };
      else yield* tokens(x, false);
    }
    yield { r: "end" };
  } else if (isObject(v)) {
    const ms = members(v);
    yield { r: "begin-object", n: ms.length };
    for (const [k, x] of ms) {
      yield { r: "key", v: k };
      if (isScalar(x)) yield { r: "scalar", v: x, elem: false };
      else yield* tokens(x, false);
    }
    yield { r: "end" };
  } else if (top) {
    yield { r: "begin-array", n: 1, raw: true };
    yield { r: "scalar", v, elem: true };
    yield { r: "end" };
  }
}

export function scalarType(v: JsonValue): JbvType {
  if (v === null) return JbvType.Null;
  if (typeof v === "string") return JbvType.String;
  if (typeof v === "boolean") return JbvType.Bool;
  return JbvType.Numeric;
}

function tokenType(t: Token): JbvType {
  if (t.r === "begin-array") return JbvType.Array;
  if (t.r === "begin-object") return JbvType.Object;
  if (t.r === "key") return JbvType.String;
  if (t.r === "scalar") return scalarType(t.v);
  return JbvType.Null;
}

function tokenKind(t: Token): string {
  if (t.r === "scalar") return t.elem ? "elem" : "value";
  return t.r;
}

function compareScalars(a: JsonValue, b: JsonValue): number {
  if (a === null) return 0;
  if (typeof a === "string") return Math.sign(compareText(a, b as string));
  if (typeof a === "boolean") return a === b ? 0 : a ? 1 : -1;
  return Math.sign(compareNumericText((a as JsonNumber).text, (b as JsonNumber).text));
}

/** jsonb's btree order: -1, 0 or 1. */
export function compareJsonb(a: JsonValue, b: JsonValue): number {
  const ia = tokens(a, true);
  const ib = tokens(b, true);
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const ta = x.value;
    const tb = y.value;
    if (tokenKind(ta) === tokenKind(tb)) {
      if (ta.r === "end") continue;
      const typeA = tokenType(ta);
      const typeB = tokenType(tb);
      if (typeA !== typeB) return typeA > typeB ? 1 : -1;
      let res = 0;
      if (ta.r === "key" && tb.r === "key") res = Math.sign(compareText(ta.v, tb.v));
      else if (ta.r === "scalar" && tb.r === "scalar") res = compareScalars(ta.v, tb.v);
      else if (ta.r === "begin-array" && tb.r === "begin-array") {
        if (ta.raw !== tb.raw) res = ta.raw ? -1 : 1;
        if (ta.n !== tb.n) res = ta.n > tb.n ? 1 : -1;
      } else if (ta.r === "begin-object" && tb.r === "begin-object") {
        if (ta.n !== tb.n) res = ta.n > tb.n ? 1 : -1;
      }
      if (res !== 0) return res;
    } else {
      const typeA = tokenType(ta);
      const typeB = tokenType(tb);
      return typeA > typeB ? 1 : -1;
    }
  }
}

export function jsonbEqual(a: JsonValue, b: JsonValue): boolean {
  return compareJsonb(a, b) === 0;
}

// ---------------------------------------------------------------------------------------------
// containment (JsonbDeepContains)

function scalarEqual(a: JsonValue, b: JsonValue): boolean {
  return scalarType(a) === scalarType(b) && compareScalars(a, b) === 0;
}

function deepContains(val: JsonValue, tmpl: JsonValue): boolean {
  if (isObject(val)) {
    if (!isObject(tmpl)) return false;
    const vm = members(val);
    for (const [k, tv] of members(tmpl)) {
      const found = vm.find(([vk]) => vk === k);
      if (!found) return false;
      const vv = found[1];
      if (isScalar(tv)) {
        if (!isScalar(vv) || !scalarEqual(vv, tv)) return false;
      } else {
        if (Array.isArray(tv) !== Array.isArray(vv) || isScalar(vv)) return false;
        if (!deepContains(vv, tv)) return false;
      }
    }
    return true;
  }
  if (Array.isArray(val)) {
    if (!Array.isArray(tmpl)) return false;
    const scalars = val.filter(isScalar);
    const containers = val.filter((x) => !isScalar(x));
    for (const t of tmpl) {
      if (isScalar(t)) {
        if (!scalars.some((s) => scalarEqual(s, t))) return false;
      } else if (!containers.some((c) => Array.isArray(c) === Array.isArray(t) && deepContains(c, t))) {
        return false;
      }
    }
    return true;
  }
  return false;
}

/** val @> tmpl. */
export function jsonbContains(val: JsonValue, tmpl: JsonValue): boolean {
  // jsonb_contains: a raw scalar is a one-element array that an array may contain.
  if (isObject(val) !== isObject(tmpl)) return false;
  const asArray = (v: JsonValue): { items: JsonValue[] | JsonObject; raw: boolean } =>
    isObject(v)
      ? { items: v, raw: false }
      : Array.isArray(v)
        ? { items: v, raw: false }
        : { items: [v], raw: true };
  const a = asArray(val);
  const b = asArray(tmpl);
  if (!isObject(val) && a.raw && !b.raw) return false;
  return deepContains(a.items as JsonValue, b.items as JsonValue);
}

/** jsonb ? key: an object key, or a string element of an array (or raw scalar). */
export function jsonbExists(v: JsonValue, key: string): boolean {
  if (isObject(v)) return v.members.some(([k]) => k === key);
  if (Array.isArray(v)) return v.some((x) => x === key);
  return v === key;
}
