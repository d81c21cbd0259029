// Reading, writing and comparing stored arrays (JSON text of element storage values, see
// docs/storage.md) for the array functions, operators and aggregates.
import { PgError } from "../../errors/pg-error.js";
import { BOOL, BYTEA, FLOAT4, FLOAT8, INT2, INT4, INT8, NUMERIC, OID } from "../../sql/oids.js";
import { type ArrayTree, arrayToJson } from "../../types/codecs/array-json.js";
import { storedArray } from "../../types/codecs/arrays.js";
import { formatNumericValue } from "../../types/codecs/decimal.js";
import { storedFloat } from "../../types/codecs/floats.js";
import { storedNumeric } from "../../types/codecs/numeric.js";
import { elementTypeOf } from "../../types/registry.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import { vectorElement } from "../../types/vectors.js";
import { compareNumericText, compareText } from "./json-common.js";
import { KeyWriter } from "./jsonb-sort-key.js";

export type { ArrayTree };
export type Elem = StoredValue | null;

/** The element type of an array type OID (text when unknown). */
export function elemOf(arrayOid: number): number {
  return elementTypeOf(arrayOid) ?? vectorElement(arrayOid) ?? 25;
}

export function readArray(v: SqliteValue, elemOid: number): ArrayTree {
  return storedArray(v as StoredValue, elemOid);
}

export function writeArray(tree: ArrayTree, elemOid: number): string {
  return arrayToJson(tree, elemOid);
}

/** The dimensions of an array (empty for the empty array). */
export function dimsOf(tree: ArrayTree): number[] {
  const out: number[] = [];
  let level: ArrayTree = tree;
  for (;;) {
    if (level.length === 0) return out;
    out.push(level.length);
    const first = level[0];
    if (!Array.isArray(first)) return out;
    level = first;
  }
}

/** The elements in storage order. */
export function flatten(tree: ArrayTree): Elem[] {
  return tree.flat(6) as Elem[];
}

/** A value of the element type as arrays store it (numeric as its exact text). */
export function normaliseElement(elemOid: number, v: Elem): Elem {
  if (v === null) return null;
  if (elemOid === NUMERIC && typeof v !== "string") return formatNumericValue(storedNumeric(v));
  if (elemOid === NUMERIC && typeof v === "string") return v;
  return v;
}

const INTEGERS = new Set([INT2, INT4, INT8, OID, BOOL]);

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

/** Compares two non-NULL elements of type elemOid with the type's btree order. */
export function compareElements(elemOid: number, a: StoredValue, b: StoredValue): number {
  if (INTEGERS.has(elemOid)) {
    const x = BigInt(typeof a === "number" ? Math.trunc(a) : (a as bigint | string));
    const y = BigInt(typeof b === "number" ? Math.trunc(b) : (b as bigint | string));
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (elemOid === FLOAT4 || elemOid === FLOAT8) {
    const x = storedFloat(a);
    const y = storedFloat(b);
    // NaN sorts after everything and equals itself.
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (elemOid === NUMERIC) {
    return Math.sign(
      compareNumericText(formatNumericValue(storedNumeric(a)), formatNumericValue(storedNumeric(b))),
    );
  }
  if (elemOid === BYTEA || a instanceof Uint8Array || b instanceof Uint8Array) {
    const x = a instanceof Uint8Array ? a : Buffer.from(String(a));
    const y = b instanceof Uint8Array ? b : Buffer.from(String(b));
    return Math.sign(compareBytes(x, y));
  }
  return Math.sign(compareText(String(a), String(b)));
}

/** Equality of elements where NULL equals NULL (IS NOT DISTINCT FROM). */
export function sameElement(elemOid: number, a: Elem, b: Elem): boolean {
  if (a === null || b === null) return a === null && b === null;
  return compareElements(elemOid, a, b) === 0;
}

/** array_cmp: element by element (NULL last), then number of elements, then dimensions. */
export function compareArrays(elemOid: number, a: ArrayTree, b: ArrayTree): number {
  const fa = flatten(a);
  const fb = flatten(b);
  const n = Math.min(fa.length, fb.length);
  for (let i = 0; i < n; i++) {
    const x = fa[i]!;
    const y = fb[i]!;
    if (x === null || y === null) {
      if (x === null && y === null) continue;
      return x === null ? 1 : -1;
    }
    const c = compareElements(elemOid, x, y);
    if (c !== 0) return c;
  }
  if (fa.length !== fb.length) return fa.length < fb.length ? -1 : 1;
  const da = dimsOf(a);
  const db = dimsOf(b);
  if (da.length !== db.length) return da.length < db.length ? -1 : 1;
  for (let i = 0; i < da.length; i++) if (da[i] !== db[i]) return da[i]! < db[i]! ? -1 : 1;
  return 0;
}

/** array_eq: same dimensions and equal elements (two NULLs count as equal). */
export function arraysEqual(elemOid: number, a: ArrayTree, b: ArrayTree): boolean {
  const da = dimsOf(a);
  const db = dimsOf(b);
  if (da.length !== db.length || da.some((d, i) => d !== db[i])) return false;
  const fa = flatten(a);
  const fb = flatten(b);
  return fa.every((x, i) => sameElement(elemOid, x, fb[i]!));
}

/** array_contain_compare: whether every element of `inner` is in `outer` (all), or any is (overlap). */
export function containsElements(elemOid: number, outer: ArrayTree, inner: ArrayTree, all: boolean): boolean {
  const candidates = flatten(outer).filter((x): x is StoredValue => x !== null);
  for (const x of flatten(inner)) {
    if (x === null) {
      if (all) return false;
      continue;
    }
    const found = candidates.some((y) => compareElements(elemOid, x, y) === 0);
    if (found && !all) return true;
    if (!found && all) return false;
  }
  return all;
}

function incompatible(detail: string): PgError {
  return new PgError("ARRAY_SUBSCRIPT_ERROR", "cannot concatenate incompatible arrays", { detail });
}

/** array_cat. */
export function concatArrays(a: ArrayTree, b: ArrayTree): ArrayTree {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const da = dimsOf(a);
  const db = dimsOf(b);
  if (da.length === db.length) {
    if (da.slice(1).some((d, i) => d !== db[i + 1])) {
      throw incompatible("Arrays with differing element dimensions are not compatible for concatenation.");
    }
    return [...a, ...b];
  }
  if (da.length === db.length - 1) {
    if (da.some((d, i) => d !== db[i + 1])) {
      throw incompatible("Arrays with differing dimensions are not compatible for concatenation.");
    }
    return [a, ...b];
  }
  if (db.length === da.length - 1) {
    if (db.some((d, i) => d !== da[i + 1])) {
      throw incompatible("Arrays with differing dimensions are not compatible for concatenation.");
    }
    return [...a, b];
  }
  throw incompatible(
    `Arrays of ${da.length} and ${db.length} dimensions are not compatible for concatenation.`,
  );
}

/** array_append / array_prepend require an empty or one-dimensional array. */
export function requireOneDimension(tree: ArrayTree): void {
  if (dimsOf(tree).length > 1) {
    throw new PgError("DATA_EXCEPTION", "argument must be empty or one-dimensional array");
  }
}

/** Appends the sort key of one non-NULL element of type elemOid. */
function elementKey(w: KeyWriter, elemOid: number, v: StoredValue): void {
  if (INTEGERS.has(elemOid)) {
    const n = BigInt.asUintN(
      64,
      BigInt(typeof v === "number" ? Math.trunc(v) : (v as bigint | string)) ^ (1n << 63n),
    );
    for (let i = 7; i >= 0; i--) w.byte(Number((n >> BigInt(i * 8)) & 0xffn));
    return;
  }
  if (elemOid === FLOAT4 || elemOid === FLOAT8) {
    let x = storedFloat(v);
    if (Number.isNaN(x)) {
      for (let i = 0; i < 8; i++) w.byte(0xff);
      return;
    }
    if (x === 0) x = 0;
    const b = Buffer.alloc(8);
    b.writeDoubleBE(x);
    // IEEE order: flip the sign bit of positives, every bit of negatives.
    const negative = (b[0]! & 0x80) !== 0;
    b.forEach((byte, i) => {
      w.byte(negative ? ~byte : i === 0 ? byte ^ 0x80 : byte);
    });
    return;
  }
  if (elemOid === NUMERIC) w.numeric(formatNumericValue(storedNumeric(v)));
  else if (v instanceof Uint8Array) w.bytes(v);
  else w.text(String(v));
}

/** A BLOB that sorts arrays of elemOid as compareArrays does (for ORDER BY). */
export function arraySortKey(elemOid: number, tree: ArrayTree): Uint8Array {
  const w = new KeyWriter();
  for (const x of flatten(tree)) {
    if (x === null) w.byte(2);
    else {
      w.byte(1);
      elementKey(w, elemOid, x);
    }
  }
  w.byte(0);
  const dims = dimsOf(tree);
  w.byte(dims.length);
  for (const d of dims) w.u32(d);
  return w.done();
}
