// Set-returning functions beyond generate_series and unnest(anyarray): string_to_table, unnest of
// several arrays side by side (FROM unnest(a, b) AS t(x, y)), and width_bucket over an array of
// thresholds (PostgreSQL 15's varlena.c, arrayfuncs.c).
import { PgError } from "../../errors/pg-error.js";
import { INT4, TEXT, t } from "../../sql/oids.js";
import type { SqlType } from "../../sql/plan.js";
import { elementTypeOf } from "../../types/registry.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import { defineFunctions } from "../registry.js";
import { compareElements, type Elem, elemOf, flatten, readArray } from "./arrays-common.js";
import { str } from "./strings-common.js";
import { stringToArray } from "./strings-manipulation.js";

/** The most arrays one unnest call takes here (SQLite table-valued functions have fixed columns). */
const MAX_UNNEST = 5;

function* stringToTable(s: SqliteValue, sep: SqliteValue, nullString: SqliteValue): Iterable<SqliteValue[]> {
  if (s === null) return;
  const parts = stringToArray(
    str(s),
    sep === null ? null : str(sep),
    nullString === null ? null : str(nullString),
  );
  for (const p of parts) yield [p];
}

function unnestColumns(types: SqlType[]): { name: string; type: SqlType }[] {
  return types.map((x) => ({ name: "unnest", type: t(elementTypeOf(x.oid) ?? TEXT) }));
}

/** unnest(a, b, ...): the i-th row holds each array's i-th element, NULL past an array's end. */
function* unnestSeveral(...args: SqliteValue[]): Iterable<SqliteValue[]> {
  const n = args.length / 2;
  if (n > MAX_UNNEST)
    throw new PgError("FEATURE_NOT_SUPPORTED", `unnest of more than ${MAX_UNNEST} arrays is not supported`);
  const arrays: Elem[][] = [];
  for (let i = 0; i < n; i++) {
    const oid = Number(args[i]);
    if (elementTypeOf(oid) === undefined) {
      throw new PgError("DATATYPE_MISMATCH", "function unnest requires array arguments");
    }
    const v = args[n + i];
    arrays.push(v === null || v === undefined ? [] : flatten(readArray(v, elemOf(oid))));
  }
  const rows = Math.max(0, ...arrays.map((a) => a.length));
  // SQLite sees MAX_UNNEST columns; the translator reads the first n.
  const pad: null[] = Array(MAX_UNNEST - n).fill(null);
  for (let r = 0; r < rows; r++) yield [...arrays.map((a) => (r < a.length ? a[r]! : null)), ...pad];
}

/** width_bucket(anyelement, anyarray): how many thresholds are <= the operand (a binary search). */
function widthBucketArray(elemOid: number, operand: StoredValue, thresholds: SqliteValue): number {
  const tree = readArray(thresholds, elemOid);
  if (tree.some((x) => Array.isArray(x))) {
    throw new PgError("ARRAY_SUBSCRIPT_ERROR", "thresholds must be one-dimensional array");
  }
  const list = flatten(tree);
  if (list.includes(null))
    throw new PgError("NULL_VALUE_NOT_ALLOWED", "thresholds array must not contain NULLs");
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareElements(elemOid, operand, list[mid] as StoredValue) >= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

defineFunctions([
  {
    name: "string_to_table",
    kind: "udf-set",
    udfName: "pg_string_to_table",
    args: [TEXT, TEXT],
    returns: t(TEXT),
    volatility: "immutable",
    strict: false,
    columns: () => [{ name: "string_to_table", type: t(TEXT) }],
    rows: (s, sep) => stringToTable(s, sep, null),
  },
  {
    name: "string_to_table",
    kind: "udf-set",
    udfName: "pg_string_to_table_null",
    args: [TEXT, TEXT, TEXT],
    returns: t(TEXT),
    volatility: "immutable",
    strict: false,
    columns: () => [{ name: "string_to_table", type: t(TEXT) }],
    rows: (s, sep, n) => stringToTable(s, sep, n),
  },
  {
    name: "unnest",
    kind: "udf-set",
    udfName: "pg_unnest_several",
    args: ["any", "any", "any"],
    variadic: true,
    returns: (types) => t(elementTypeOf(types[0]?.oid ?? TEXT) ?? TEXT),
    volatility: "immutable",
    passTypes: true,
    strict: false,
    maxColumns: MAX_UNNEST,
    columns: unnestColumns,
    rows: unnestSeveral,
  },
  {
    name: "width_bucket",
    kind: "udf",
    udfName: "pg_width_bucket_array",
    args: ["anyelement", "anyarray"],
    returns: t(INT4),
    volatility: "immutable",
    passTypes: true,
    impl: (te, _ta, v, a) => widthBucketArray(Number(te), v as StoredValue, a),
  },
]);
