// Shared machinery of the JSON functions: json values read with their source spans (json keeps
// its text as given, so ->, json_each and friends return slices of it), jsonb values as parsed
// trees (json-parse.ts) printed by jsonb_out's rules, PostgreSQL's jsonb ordering and
// containment, and to_json / to_jsonb of values of any type (json.c's datum_to_json).
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
import { parseNumeric } from "../../types/codecs/decimal.js";
import { compareJsonbKeys, escapeJsonString, formatJsonb, jsonbMembers } from "../../types/codecs/json.js";
import { type JsonValue, parseJsonb } from "../../types/codecs/json-parse.js";
import { storedText } from "../../types/codecs/text.js";
import { codecFor } from "../../types/codecs.js";
import { elementTypeOf } from "../../types/registry.js";
import type { StoredValue } from "../../types/sqlite-value.js";
import { formatContext, valueText } from "./strings-common.js";

export { escapeJsonString, formatJsonb, type JsonValue, parseJsonb };

// ---------------------------------------------------------------------------------------------
// json: a tree of source spans

export type JsonNode =
  | { t: "object"; s: number; e: number; members: [string, JsonNode][] }
  | { t: "array"; s: number; e: number; items: JsonNode[] }
  | { t: "string"; s: number; e: number; value: string }
  | { t: "number" | "true" | "false" | "null"; s: number; e: number };

/** Reads json text (already validated on input) into a tree of spans. */
export function parseJsonSpans(text: string): JsonNode {
  let i = 0;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  const stringToken = (): { s: number; e: number; value: string } => {
    const s = i;
    i++;
    let chunk = i;
    let out = "";
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) throw badStoredJson();
      if (c === 34) break;
      if (c === 92) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        if (e === "u") {
          const code = Number.parseInt(text.slice(i + 2, i + 6), 16);
          if (code === 0) {
            throw new PgError("UNTRANSLATABLE_CHARACTER", "unsupported Unicode escape sequence", {
              detail: "\\u0000 cannot be converted to text.",
            });
          }
          out += String.fromCharCode(code);
          i += 6;
        } else {
          out += ESCAPES[e ?? ""] ?? e ?? "";
          i += 2;
        }
        chunk = i;
      } else i++;
    }
    out += text.slice(chunk, i);
    i++;
    return { s, e: i, value: out };
  };
  const value = (): JsonNode => {
    ws();
    const c = text[i];
    const s = i;
    if (c === "{") {
      i++;
      const members: [string, JsonNode][] = [];
      ws();
      if (text[i] === "}") {
        i++;
        return { t: "object", s, e: i, members };
      }
      for (;;) {
        ws();
        const key = stringToken().value;
        ws();
        i++; // ":"
        members.push([key, value()]);
        ws();
        if (text[i++] === "}") return { t: "object", s, e: i, members };
      }
    }
    if (c === "[") {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return { t: "array", s, e: i, items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i++] === "]") return { t: "array", s, e: i, items };
      }
    }
    if (c === '"') return { t: "string", ...stringToken() };
    const m = /^(?:true|false|null|-?[0-9][0-9.eE+-]*)/.exec(text.slice(i, i + 400));
    if (!m) throw badStoredJson();
    i += m[0].length;
    const t = m[0] === "true" || m[0] === "false" || m[0] === "null" ? m[0] : "number";
    return { t, s, e: i };
  };
  const v = value();
  return v;
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

function badStoredJson(): PgError {
  return new PgError("INVALID_TEXT_REPRESENTATION", "invalid input syntax for type json");
}

/** The text of a json node, as -> returns it. */
export function nodeText(text: string, n: JsonNode): string {
  return text.slice(n.s, n.e);
}

/** The text of a json node as ->> returns it: strings de-escaped, null as SQL NULL. */
export function nodeAsText(text: string, n: JsonNode): string | null {
  if (n.t === "string") return n.value;
  if (n.t === "null") return null;
  return nodeText(text, n);
}

export function nodeType(n: JsonNode): string {
  return n.t === "true" || n.t === "false" ? "boolean" : n.t;
}

/** json field lookup: the last member with the key (as PostgreSQL's json -> finds it). */
export function jsonField(n: JsonNode, key: string): JsonNode | undefined {
  if (n.t !== "object") return undefined;
  let found: JsonNode | undefined;
  for (const [k, v] of n.members) if (k === key) found = v;
  return found;
}

export function jsonElement(n: JsonNode, index: number): JsonNode | undefined {
  if (n.t !== "array") return undefined;
  const i = index < 0 ? n.items.length + index : index;
  return n.items[i];
}

// ---------------------------------------------------------------------------------------------
// jsonb values

export type JsonObject = { kind: "object"; members: [string, JsonValue][] };
export type JsonNumber = { kind: "number"; text: string };

export function isObject(v: JsonValue): v is JsonObject {
  return v !== null && typeof v === "object" && !Array.isArray(v) && v.kind === "object";
}

export function isNumber(v: JsonValue): v is JsonNumber {
  return v !== null && typeof v === "object" && !Array.isArray(v) && v.kind === "number";
}

export function isScalar(v: JsonValue): boolean {
  return !Array.isArray(v) && !isObject(v);
}

/** A jsonb value from its stored text. */
export function readJsonb(v: StoredValue): JsonValue {
  return parseJsonb(storedText(v));
}

/** The stored text of a jsonb value. */
export function writeJsonb(v: JsonValue): string {
  return formatJsonb(v);
}

/** An object's members as jsonb keeps them: sorted, unique. */
export function members(v: JsonObject): [string, JsonValue][] {
  return jsonbMembers(v.members);
}

export function jsonbTypeName(v: JsonValue): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "string") return "string";
  if (Array.isArray(v)) return "array";
  return v.kind === "number" ? "number" : "object";
}

export function jsonbField(v: JsonValue, key: string): JsonValue | undefined {
  if (!isObject(v)) return undefined;
  let found: JsonValue | undefined;
  for (const [k, x] of v.members) if (k === key) found = x;
  return found;
}

export function jsonbElement(v: JsonValue, index: number): JsonValue | undefined {
  if (!Array.isArray(v)) return undefined;
  const i = index < 0 ? v.length + index : index;
  return i >= 0 && i < v.length ? v[i] : undefined;
}

/** ->> of a jsonb value: strings unquoted, null as SQL NULL. */
export function jsonbAsText(v: JsonValue): string | null {
  if (v === null) return null;
  if (typeof v === "string") return v;
  return formatJsonb(v);
}

/** A path element read as an array index (strtol with nothing after it), or undefined. */
export function pathIndex(s: string): number | undefined {
  if (!/^\s*[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

// ---------------------------------------------------------------------------------------------
// numbers

function compareDigits(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two numeric texts (as jsonb numbers are), exactly. */
export function compareNumericText(x: string, y: string): number {
  const a = parseNumeric(x);
  const b = parseNumeric(y);
  if (a === undefined || b === undefined) return x < y ? -1 : x > y ? 1 : 0;
  const rank = (v: typeof a) => (v === "NaN" ? 3 : v === "Infinity" ? 2 : v === "-Infinity" ? -2 : 0);
  if (typeof a === "string" || typeof b === "string") return Math.sign(rank(a) - rank(b));
  const za = a.coef === "0";
  const zb = b.coef === "0";
  const sa = za ? 0 : a.neg ? -1 : 1;
  const sb = zb ? 0 : b.neg ? -1 : 1;
  if (sa !== sb) return sa - sb;
  if (sa === 0) return 0;
  // Align scales and compare magnitudes.
  const scale = Math.max(a.scale, b.scale);
  const ma = a.coef + "0".repeat(scale - a.scale);
  const mb = b.coef + "0".repeat(scale - b.scale);
  const c = compareDigits(ma, mb);
  return sa < 0 ? -c : c;
}

/** Code point order (C / C.UTF-8 collation). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const sx = x >= 0xd800 && x <= 0xdfff;
      const sy = y >= 0xd800 && y <= 0xdfff;
      if (sx !== sy) return sx ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

// ---------------------------------------------------------------------------------------------
// jsonb ordering (compareJsonbContainers)

const JbvType = { Null: 0, String: 1, Numeric: 2, Bool: 3, Array: 0x10, Object: 0x11 } as const;
type JbvType = (typeof JbvType)[keyof typeof JbvType];

type Token =
  | { r: "begin-array"; n: number; raw: boolean }
  | { r: "begin-object"; n: number }
  | { r: "end" }
  | { r: "key"; v: string }
  | { r: "scalar"; v: JsonValue; elem: boolean };

function* tokens(v: JsonValue, top: boolean): Generator<Token> {
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

function scalarType(v: JsonValue): JbvType {
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

// ---------------------------------------------------------------------------------------------
// to_json / to_jsonb (datum_to_json, datum_to_jsonb)

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

export { compareJsonbKeys };

// ---------------------------------------------------------------------------------------------
// sort keys: byte strings whose order (memcmp, as SQLite compares BLOBs) is jsonb's order

class KeyWriter {
  private parts: number[] = [];

  byte(b: number): void {
    this.parts.push(b & 0xff);
  }

  u32(n: number): void {
    this.parts.push((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  }

  /** Bytes with 0x00 escaped as 0x00 0xFF and terminated by 0x00 0x00 (prefix-free, order-preserving). */
  bytes(b: Uint8Array): void {
    for (const x of b) {
      this.parts.push(x);
      if (x === 0) this.parts.push(0xff);
    }
    this.parts.push(0, 0);
  }

  text(s: string): void {
    this.bytes(Buffer.from(s, "utf8"));
  }

  /** A numeric (its text) in an order-preserving, prefix-free form. */
  numeric(text: string): void {
    const v = parseNumeric(text);
    if (v === undefined || v === "NaN") {
      this.byte(0xff);
      return;
    }
    if (v === "Infinity" || v === "-Infinity") {
      this.byte(v === "Infinity" ? 0xfe : 0x00);
      return;
    }
    const digits = v.coef.replace(/0+$/, "");
    if (digits === "") {
      this.byte(0x80);
      return;
    }
    // value = 0.<digits> * 10^exp
    const exp = v.coef.length - v.scale;
    if (!v.neg) {
      this.byte(0x81);
      this.u32(exp + 0x40000000);
      for (const d of digits) this.byte(d.charCodeAt(0));
      this.byte(0x00);
    } else {
      this.byte(0x7f);
      this.u32(0x7fffffff - (exp + 0x40000000));
      for (const d of digits) this.byte(0xff - d.charCodeAt(0));
      this.byte(0xff);
    }
  }

  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export { KeyWriter };

/** A BLOB that sorts jsonb values as compareJsonb does (for ORDER BY). */
export function jsonbSortKey(v: JsonValue): Uint8Array {
  const w = new KeyWriter();
  for (const t of tokens(v, true)) {
    switch (t.r) {
      case "begin-array":
        w.byte(JbvType.Array);
        w.u32(t.n);
        w.byte(t.raw ? 0 : 1);
        break;
      case "begin-object":
        w.byte(JbvType.Object);
        w.u32(t.n);
        break;
      case "key":
        w.byte(JbvType.String);
        w.text(t.v);
        break;
      case "scalar": {
        const type = scalarType(t.v);
        w.byte(type);
        if (type === JbvType.String) w.text(t.v as string);
        else if (type === JbvType.Numeric) w.numeric((t.v as JsonNumber).text);
        else if (type === JbvType.Bool) w.byte(t.v ? 1 : 0);
        break;
      }
      default:
        break;
    }
  }
  return w.done();
}
