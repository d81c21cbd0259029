// PostgreSQL's array functions and operators (arrayfuncs.c, array_userfuncs.c): comparison,
// containment, concatenation, dimensions, element search and replacement, array_to_string,
// unnest and generate_subscripts. Arrays arrive as JSON text of element storage values; the
// polymorphic ones receive their argument types (passTypes) to read and compare elements.
import { PgError } from "../../errors/pg-error.js";
import { BOOL, BYTEA, INT4, TEXT, t } from "../../sql/oids.js";
import type { SqlType } from "../../sql/plan.js";
import { storedBounds } from "../../types/codecs/arrays.js";
import { arrayTypeOf } from "../../types/registry.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import { lowerBound } from "../../types/vectors.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions, defineOperators } from "../registry.js";
import {
  type ArrayTree,
  arraySortKey,
  arraysEqual,
  compareArrays,
  concatArrays,
  containsElements,
  dimsOf,
  type Elem,
  elemOf,
  flatten,
  normaliseElement,
  readArray,
  requireOneDimension,
  sameElement,
  writeArray,
} from "./arrays-common.js";
import { bool, int, str, valueText } from "./strings-common.js";

const INT4_ARRAY = arrayTypeOf(INT4)!;

const first = (types: SqlType[]) => t(types[0]?.oid ?? TEXT);
const second = (types: SqlType[]) => t(types[1]?.oid ?? TEXT);

function udf(
  name: string,
  udfName: string,
  args: FunctionDef["args"],
  returns: FunctionDef["returns"],
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
    passTypes: true,
    ...extra,
  } as FunctionDef;
}

/** An operator or function on two arrays of the same type (the type OIDs come first). */
function onArrays(f: (elem: number, a: ArrayTree, b: ArrayTree) => SqliteValue) {
  return (ta: SqliteValue, _tb: SqliteValue, a: SqliteValue, b: SqliteValue) => {
    const elem = elemOf(Number(ta));
    return f(elem, readArray(a, elem), readArray(b, elem));
  };
}

const b = (x: boolean) => (x ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// concatenation

function append(ta: SqliteValue, _te: SqliteValue, a: SqliteValue, e: SqliteValue): SqliteValue {
  const elem = elemOf(Number(ta));
  const tree = a === null ? [] : readArray(a, elem);
  requireOneDimension(tree);
  return writeArray([...tree, normaliseElement(elem, e as Elem)], elem);
}

function prepend(_te: SqliteValue, ta: SqliteValue, e: SqliteValue, a: SqliteValue): SqliteValue {
  const elem = elemOf(Number(ta));
  const tree = a === null ? [] : readArray(a, elem);
  requireOneDimension(tree);
  return writeArray([normaliseElement(elem, e as Elem), ...tree], elem);
}

function cat(ta: SqliteValue, _tb: SqliteValue, a: SqliteValue, bb: SqliteValue): SqliteValue {
  if (a === null && bb === null) return null;
  const elem = elemOf(Number(ta));
  if (a === null) return bb;
  if (bb === null) return a;
  return writeArray(concatArrays(readArray(a, elem), readArray(bb, elem)), elem);
}

// ---------------------------------------------------------------------------------------------
// dimensions

function arrayLength(tree: ArrayTree, dim: number): number | null {
  const d = dimsOf(tree);
  return dim >= 1 && dim <= d.length ? d[dim - 1]! : null;
}

function arrayDims(tree: ArrayTree, lower: number[] | undefined): string | null {
  const d = dimsOf(tree);
  return d.length === 0
    ? null
    : d.map((n, k) => `[${lower?.[k] ?? 1}:${(lower?.[k] ?? 1) + n - 1}]`).join("");
}

/** The lower bound of dimension d of a stored array ('[0:2]={7,8,9}' keeps its own). */
function lowerBoundOf(ta: SqliteValue, a: SqliteValue, d: number): number {
  return storedBounds(a as StoredValue).lowerBounds?.[d - 1] ?? lowerBound(Number(ta));
}

// ---------------------------------------------------------------------------------------------
// search and replace

function replaceElements(
  ta: SqliteValue,
  a: SqliteValue,
  from: SqliteValue,
  to: SqliteValue,
  remove: boolean,
): SqliteValue {
  if (a === null) return null;
  const elem = elemOf(Number(ta));
  const tree = readArray(a, elem);
  if (remove && dimsOf(tree).length > 1) {
    throw new PgError(
      "FEATURE_NOT_SUPPORTED",
      "removing elements from multidimensional arrays is not supported",
    );
  }
  const target = normaliseElement(elem, from as Elem);
  const replacement = normaliseElement(elem, to as Elem);
  const walk = (t: ArrayTree): ArrayTree => {
    const out: ArrayTree = [];
    for (const x of t) {
      if (Array.isArray(x)) out.push(walk(x));
      else if (sameElement(elem, x, target)) {
        if (!remove) out.push(replacement);
      } else out.push(x);
    }
    return out;
  };
  return writeArray(walk(tree), elem);
}

function positions(ta: SqliteValue, a: SqliteValue, e: SqliteValue, start: number): number[] {
  const elem = elemOf(Number(ta));
  const tree = readArray(a, elem);
  if (dimsOf(tree).length > 1) {
    throw new PgError(
      "FEATURE_NOT_SUPPORTED",
      "searching for elements in multidimensional arrays is not supported",
    );
  }
  const target = normaliseElement(elem, e as Elem);
  const out: number[] = [];
  (tree as Elem[]).forEach((x, i) => {
    if (i + 1 >= start && sameElement(elem, x, target)) out.push(i + 1);
  });
  return out;
}

function arrayToString(
  ta: SqliteValue,
  a: SqliteValue,
  sep: SqliteValue,
  nullText: SqliteValue,
): SqliteValue {
  if (a === null || sep === null) return null;
  const elem = elemOf(Number(ta));
  const parts: string[] = [];
  for (const x of flatten(readArray(a, elem))) {
    if (x === null) {
      if (nullText !== null && nullText !== undefined) parts.push(str(nullText));
    } else parts.push(valueText(elem, x));
  }
  return parts.join(str(sep));
}

// ---------------------------------------------------------------------------------------------
// declarations

const comparisons: [string, string, (c: number) => boolean][] = [
  ["<", "lt", (c) => c < 0],
  [">", "gt", (c) => c > 0],
  ["<=", "le", (c) => c <= 0],
  [">=", "ge", (c) => c >= 0],
];

defineOperators([
  udf("||", "pg_array_append", ["anyarray", "anyelement"], first, append, { strict: false }),
  udf("||", "pg_array_prepend", ["anyelement", "anyarray"], second, prepend, { strict: false }),
  udf("||", "pg_array_cat", ["anyarray", "anyarray"], first, cat, { strict: false }),
  udf(
    "=",
    "pg_array_eq",
    ["anyarray", "anyarray"],
    t(BOOL),
    onArrays((e, x, y) => b(arraysEqual(e, x, y))),
  ),
  udf(
    "<>",
    "pg_array_ne",
    ["anyarray", "anyarray"],
    t(BOOL),
    onArrays((e, x, y) => b(!arraysEqual(e, x, y))),
  ),
  ...comparisons.map(([name, suffix, test]) =>
    udf(
      name,
      `pg_array_${suffix}`,
      ["anyarray", "anyarray"],
      t(BOOL),
      onArrays((e, x, y) => b(test(compareArrays(e, x, y)))),
    ),
  ),
  udf(
    "@>",
    "pg_array_contains",
    ["anyarray", "anyarray"],
    t(BOOL),
    onArrays((e, x, y) => b(containsElements(e, x, y, true))),
  ),
  udf(
    "<@",
    "pg_array_contained",
    ["anyarray", "anyarray"],
    t(BOOL),
    onArrays((e, x, y) => b(containsElements(e, y, x, true))),
  ),
  udf(
    "&&",
    "pg_array_overlap",
    ["anyarray", "anyarray"],
    t(BOOL),
    onArrays((e, x, y) => b(containsElements(e, x, y, false))),
  ),
]);

function unnestRows(ta: SqliteValue, a: SqliteValue): Iterable<SqliteValue[]> {
  const elem = elemOf(Number(ta));
  return flatten(readArray(a, elem)).map((x) => [x]);
}

function* subscripts(
  ta: SqliteValue,
  a: SqliteValue,
  dim: SqliteValue,
  reverse: boolean,
): Iterable<SqliteValue[]> {
  const n = arrayLength(readArray(a, elemOf(Number(ta))), int(dim));
  if (n === null) return;
  const lower = lowerBound(Number(ta));
  if (reverse) for (let i = n; i >= 1; i--) yield [i - 1 + lower];
  else for (let i = 1; i <= n; i++) yield [i - 1 + lower];
}

defineFunctions([
  // Not a PostgreSQL function: ORDER BY on an array sorts by this key (SQLite compares BLOBs
  // bytewise); the translator passes the array type's OID first, as for passTypes functions.
  {
    name: "pg_array_sortkey",
    kind: "udf",
    udfName: "pg_array_sortkey",
    args: ["anyarray"],
    returns: t(BYTEA),
    volatility: "immutable",
    passTypes: true,
    impl: (ta, a) => arraySortKey(elemOf(Number(ta)), readArray(a, elemOf(Number(ta)))),
    description: "Orders arrays as the array comparison operators do.",
  },
  udf("array_append", "pg_array_append", ["anyarray", "anyelement"], first, append, { strict: false }),
  udf("array_prepend", "pg_array_prepend", ["anyelement", "anyarray"], second, prepend, { strict: false }),
  udf("array_cat", "pg_array_cat", ["anyarray", "anyarray"], first, cat, { strict: false }),
  udf("array_length", "pg_array_length", ["anyarray", INT4], t(INT4), (ta, _ti, a, d) =>
    arrayLength(readArray(a, elemOf(Number(ta))), int(d)),
  ),
  udf("array_lower", "pg_array_lower", ["anyarray", INT4], t(INT4), (ta, _ti, a, d) =>
    arrayLength(readArray(a, elemOf(Number(ta))), int(d)) === null ? null : lowerBoundOf(ta, a, int(d)),
  ),
  udf("array_upper", "pg_array_upper", ["anyarray", INT4], t(INT4), (ta, _ti, a, d) => {
    const n = arrayLength(readArray(a, elemOf(Number(ta))), int(d));
    return n === null ? null : n - 1 + lowerBoundOf(ta, a, int(d));
  }),
  udf("array_ndims", "pg_array_ndims", ["anyarray"], t(INT4), (ta, a) => {
    const n = dimsOf(readArray(a, elemOf(Number(ta)))).length;
    return n === 0 ? null : n;
  }),
  udf("array_dims", "pg_array_dims", ["anyarray"], t(TEXT), (ta, a) =>
    arrayDims(readArray(a, elemOf(Number(ta))), storedBounds(a as StoredValue).lowerBounds),
  ),
  udf(
    "cardinality",
    "pg_cardinality",
    ["anyarray"],
    t(INT4),
    (ta, a) => flatten(readArray(a, elemOf(Number(ta)))).length,
  ),
  udf(
    "array_remove",
    "pg_array_remove",
    ["anyarray", "anyelement"],
    first,
    (ta, _te, a, e) => replaceElements(ta, a, e, null, true),
    { strict: false },
  ),
  udf(
    "array_replace",
    "pg_array_replace",
    ["anyarray", "anyelement", "anyelement"],
    first,
    (ta, _t1, _t2, a, from, to) => replaceElements(ta, a, from, to, false),
    { strict: false },
  ),
  udf(
    "array_position",
    "pg_array_position",
    ["anyarray", "anyelement"],
    t(INT4),
    (ta, _te, a, e) => (a === null ? null : (positions(ta, a, e, 1)[0] ?? null)),
    { strict: false },
  ),
  udf(
    "array_position",
    "pg_array_position_from",
    ["anyarray", "anyelement", INT4],
    t(INT4),
    (ta, _te, _ti, a, e, start) => {
      if (a === null) return null;
      if (start === null) throw new PgError("NULL_VALUE_NOT_ALLOWED", "initial position must not be null");
      return positions(ta, a, e, int(start))[0] ?? null;
    },
    { strict: false },
  ),
  udf(
    "array_positions",
    "pg_array_positions",
    ["anyarray", "anyelement"],
    t(INT4_ARRAY),
    (ta, _te, a, e) => (a === null ? null : JSON.stringify(positions(ta, a, e, 1))),
    { strict: false },
  ),
  udf(
    "array_to_string",
    "pg_array_to_string",
    ["anyarray", TEXT],
    t(TEXT),
    (ta, _ts, a, sep) => arrayToString(ta, a, sep, null),
    { volatility: "stable" },
  ),
  udf(
    "array_to_string",
    "pg_array_to_string_null",
    ["anyarray", TEXT, TEXT],
    t(TEXT),
    (ta, _ts, _tn, a, sep, n) => arrayToString(ta, a, sep, n),
    { volatility: "stable", strict: false },
  ),
  {
    name: "unnest",
    kind: "udf-set",
    udfName: "pg_unnest",
    args: ["anyarray"],
    returns: (types) => t(elemOf(types[0]?.oid ?? TEXT)),
    volatility: "immutable",
    passTypes: true,
    maxColumns: 1,
    columns: (types) => [{ name: "unnest", type: t(elemOf(types[0]?.oid ?? TEXT)) }],
    rows: (ta, a) => unnestRows(ta, a as StoredValue),
  },
  {
    name: "generate_subscripts",
    kind: "udf-set",
    udfName: "pg_generate_subscripts",
    args: ["anyarray", INT4],
    returns: t(INT4),
    volatility: "immutable",
    passTypes: true,
    columns: () => [{ name: "generate_subscripts", type: t(INT4) }],
    rows: (ta, _ti, a, d) => subscripts(ta, a, d, false),
  },
  {
    name: "generate_subscripts",
    kind: "udf-set",
    udfName: "pg_generate_subscripts_rev",
    args: ["anyarray", INT4, BOOL],
    returns: t(INT4),
    volatility: "immutable",
    passTypes: true,
    columns: () => [{ name: "generate_subscripts", type: t(INT4) }],
    rows: (ta, _ti, _tb, a, d, r) => subscripts(ta, a, d, bool(r)),
  },
]);

export type { StoredValue };
