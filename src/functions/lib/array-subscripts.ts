// Multidimensional arrays at run time: slices a[1:2][2:3] (array_get_slice) and the shape check of
// ARRAY[...] built from sub-arrays (ExecEvalArrayExpr). Stored arrays are JSON (array-json.ts).
import { PgError } from "../../errors/pg-error.js";
import { type ArrayTree, arrayToJson, jsonToArray } from "../../types/codecs/array-json.js";
import { storedBounds, storeWithBounds } from "../../types/codecs/arrays.js";
import type { SqliteValue } from "../../types/sqlite-value.js";

function mismatched(): PgError {
  return new PgError(
    "ARRAY_SUBSCRIPT_ERROR",
    "multidimensional arrays must have array expressions with matching dimensions",
  );
}

/** The dimensions of a stored array tree ([] when empty). */
function shapeOf(tree: unknown[]): number[] {
  if (tree.length === 0) return [];
  const first = tree[0];
  return Array.isArray(first) ? [tree.length, ...shapeOf(first)] : [tree.length];
}

/**
 * ARRAY[sub, sub, ...] where the elements are arrays: every sub-array must have the same
 * dimensions; NULL and empty sub-arrays are allowed only when all of them are (giving '{}').
 */
export function nestArrays(json: SqliteValue): SqliteValue {
  if (json === null) return null;
  const subs = JSON.parse(String(json)) as (unknown[] | null)[];
  let shape: number[] | undefined;
  let empty = false;
  for (const sub of subs) {
    if (sub === null || sub.length === 0) {
      empty = true;
      continue;
    }
    const s = shapeOf(sub);
    if (shape === undefined) shape = s;
    else if (s.length !== shape.length || s.some((d, i) => d !== shape![i])) throw mismatched();
  }
  if (shape === undefined) return "[]";
  if (empty) throw mismatched();
  return json;
}

/** Inclusive bounds of one dimension (in the array's own subscripts), clamped as array_get_slice does. */
function sliceTree(tree: ArrayTree, bounds: [number, number][], lower: number[]): ArrayTree | undefined {
  const [lo, hi] = bounds[0]!;
  const lb = lower[0] ?? 1;
  const from = Math.max(lo, lb) - lb;
  const to = Math.min(hi, lb + tree.length - 1) - lb;
  if (from > to) return undefined;
  const part = tree.slice(from, to + 1);
  if (bounds.length === 1) return part;
  const out: ArrayTree = [];
  for (const sub of part) {
    const inner = sliceTree(Array.isArray(sub) ? sub : [], bounds.slice(1), lower.slice(1));
    if (inner === undefined) return undefined;
    out.push(inner);
  }
  return out;
}

/**
 * a[lo:hi][lo:hi]...: the sub-array within the bounds, renumbered from 1; empty when the bounds
 * miss the array or there are more subscripts than dimensions; NULL when a bound is NULL.
 * Arguments: the stored array, the element type's OID, then each dimension's lower and upper bound
 * ('' for an omitted one: the array's own).
 */
export function sliceArray(...args: SqliteValue[]): SqliteValue {
  const [stored, elem, ...limits] = args;
  if (stored === null || stored === undefined || limits.some((x) => x === null)) return null;
  const { lowerBounds, json } = storedBounds(stored);
  const tree = jsonToArray(json, Number(elem));
  const shape = shapeOf(tree);
  const lower = lowerBounds ?? shape.map(() => 1);
  if (limits.length / 2 > shape.length) return "[]";
  const bounds: [number, number][] = [];
  for (let i = 0; i < limits.length; i += 2) {
    const k = i / 2;
    const lo = limits[i] === "" ? lower[k]! : Number(limits[i]);
    const hi = limits[i + 1] === "" ? lower[k]! + shape[k]! - 1 : Number(limits[i + 1]);
    bounds.push([lo, hi]);
  }
  return arrayToJson(sliceTree(tree, bounds, lower) ?? [], Number(elem));
}

/**
 * a[i][j]... of an array stored with its lower bounds: the element, or NULL when a subscript is
 * out of range or the subscripts stop at a sub-array.
 */
export function subscriptArray(...args: SqliteValue[]): SqliteValue {
  const [stored, elem, ...subscripts] = args;
  if (stored === null || stored === undefined || subscripts.some((x) => x === null)) return null;
  const { lowerBounds, json } = storedBounds(stored);
  let node: ArrayTree | ArrayTree[number] = jsonToArray(json, Number(elem));
  for (const [k, s] of subscripts.entries()) {
    if (!Array.isArray(node)) return null;
    const i = Number(s) - (lowerBounds?.[k] ?? 1);
    if (i < 0 || i >= node.length) return null;
    node = node[i]!;
  }
  if (Array.isArray(node)) return null;
  return node instanceof Uint8Array || typeof node !== "object" ? node : null;
}

/**
 * a[i][j]... = value (array_set_element): a one-dimensional array grows to take a subscript
 * beyond either end, padded with NULLs (its lower bound moving down); a NULL or empty array becomes
 * one holding the value at those subscripts; other arrays take only subscripts within bounds.
 * Arguments: the stored array, the element type's OID, the value, then the subscripts.
 */
export function assignArray(...args: SqliteValue[]): SqliteValue {
  const [stored, elem, value, ...subscripts] = args;
  if (subscripts.some((x) => x === null))
    throw new PgError("NULL_VALUE_NOT_ALLOWED", "array subscript in assignment must not be null");
  const at = subscripts.map(Number);
  const elemOid = Number(elem);
  const { lowerBounds, json } =
    stored === null || stored === undefined ? { lowerBounds: undefined, json: "[]" } : storedBounds(stored);
  const tree = jsonToArray(json, elemOid);
  const shape = shapeOf(tree);
  const v = value ?? null;
  if (shape.length === 0) {
    let built: ArrayTree | ArrayTree[number] = v;
    for (let k = at.length - 1; k >= 0; k--) built = [built];
    return storeWithBounds(built as ArrayTree, elemOid, at);
  }
  if (at.length !== shape.length)
    throw new PgError("ARRAY_SUBSCRIPT_ERROR", "wrong number of array subscripts");
  const lower = lowerBounds ?? shape.map(() => 1);
  if (shape.length === 1) {
    const lb = lower[0]!;
    const i = at[0]!;
    if (i < lb) {
      const grown: ArrayTree = [v, ...Array<null>(lb - i - 1).fill(null), ...tree];
      return storeWithBounds(grown, elemOid, [i]);
    }
    while (tree.length < i - lb) tree.push(null);
    tree[i - lb] = v;
    return storeWithBounds(tree, elemOid, [lb]);
  }
  let node = tree;
  for (let k = 0; k < at.length; k++) {
    const i = at[k]! - lower[k]!;
    if (i < 0 || i >= shape[k]!) throw new PgError("ARRAY_SUBSCRIPT_ERROR", "array subscript out of range");
    if (k === at.length - 1) node[i] = v;
    else node = node[i] as ArrayTree;
  }
  return storeWithBounds(tree, elemOid, lower);
}
