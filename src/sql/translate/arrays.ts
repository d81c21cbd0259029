import { PgError, unsupported } from "../../errors/pg-error.js";
import { arrayTypeOf, elementTypeOf, formatType } from "../../types/registry.js";
import { isVectorType, vectorArray, vectorElement, vectorToArraySql } from "../../types/vectors.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { BOOL, BYTEA, INT8, INTEGER_TYPES, STRING_TYPES, TEXT, t } from "../oids.js";
import type { SqlType } from "../plan.js";
import { castSql, coerce, commonType, isUnknown } from "./coerce.js";
import { compositeField } from "./composites.js";
import type { Ctx, Expr } from "./context.js";
import { translateExpr } from "./expr.js";
import { recordField } from "./records.js";
import type { Scope } from "./scope.js";

/**
 * Arrays are stored as JSON text (docs/storage.md): ARRAY[...] builds one with json_array, ANY
 * and ALL look through json_each, subscripts are 1-based json_extract paths.
 */

/** An element as json_array takes it: arrays nest as JSON, blobs go as their text form. */
function jsonElement(e: Expr): string {
  if (elementTypeOf(e.type.oid) !== undefined) return `json(${e.sql})`;
  if (e.type.oid === BYTEA) return castSql(e.sql, BYTEA, TEXT);
  return e.sql;
}

export function translateArrayConstructor(
  ctx: Ctx,
  a: NodeOf<"A_ArrayExpr">,
  scope: Scope,
  expected?: SqlType,
): Expr {
  const elements = (a.elements ?? []).map((n) => translateExpr(ctx, n, scope));
  if (elements.length === 0) {
    if (!expected) {
      throw new PgError("INDETERMINATE_DATATYPE", "cannot determine type of empty array", {
        position: ctx.pos(a.location),
        hint: "Explicitly cast to the desired type, for example ARRAY[]::integer[].",
      });
    }
    return { sql: "'[]'", type: expected };
  }
  const expectedElem = expected ? elementTypeOf(expected.oid) : undefined;
  let elem = commonType(
    elements.map((e) => subArrayCommonType(e.type, elements)),
    "ARRAY",
    ctx.pos(a.location),
  );
  if (elements.every(isUnknown) && expectedElem !== undefined) elem = t(expectedElem);
  const arrayOid = elementTypeOf(elem.oid) !== undefined ? elem.oid : arrayTypeOf(elem.oid);
  if (arrayOid === undefined) throw unsupported(`arrays of ${formatType(elem.oid, -1)}`, ctx.pos(a.location));
  const items = elements.map((e) =>
    jsonElement(
      elementTypeOf(e.type.oid) !== undefined && e.type.oid !== elem.oid
        ? { sql: castSql(e.sql, e.type.oid, elem.oid), type: elem }
        : coerce(ctx, e, elem, "implicit"),
    ),
  );
  const sql = `json_array(${items.join(", ")})`;
  // Sub-arrays make a multidimensional array: their dimensions must match (checked when run).
  if (elementTypeOf(elem.oid) !== undefined) return { sql: `pg_array_nest(${sql})`, type: t(arrayOid) };
  return { sql, type: t(arrayOid) };
}

/**
 * Sub-arrays of a multidimensional ARRAY[...] meet in the array of their elements' common type
 * (ARRAY[[1.5], [2]] is numeric[]), as array coercion lets integer[] become numeric[].
 */
function subArrayCommonType(type: SqlType, elements: Expr[]): SqlType {
  const elems = elements.map((e) => elementTypeOf(e.type.oid));
  if (elementTypeOf(type.oid) === undefined || elems.some((x) => x === undefined)) return type;
  if (elems.every((x) => x === elems[0])) return type;
  const common = commonType(
    elems.map((x) => t(x!)),
    "ARRAY",
  );
  return t(arrayTypeOf(common.oid) ?? type.oid);
}

/** The element type of an array expression, or an error naming what is not an array. */
function elementOf(e: Expr, position?: number): number {
  const elem = elementTypeOf(e.type.oid) ?? vectorElement(e.type.oid);
  if (elem === undefined) {
    throw new PgError("WRONG_OBJECT_TYPE", `op ANY/ALL (array) requires array on right side`, { position });
  }
  return elem;
}

const COMPARISON = new Set(["=", "<>", "!=", "<", ">", "<=", ">="]);

/** The LIKE operators by name: ~~ (LIKE), ~~* (ILIKE) and their negations. */
const LIKE_OPERATORS: Record<string, { not: boolean; insensitive: boolean }> = {
  "~~": { not: false, insensitive: false },
  "~~*": { not: false, insensitive: true },
  "!~~": { not: true, insensitive: false },
  "!~~*": { not: true, insensitive: true },
};

/** x op ANY (array) and x op ALL (array), with SQL's three-valued results. */
export function translateAnyAll(
  ctx: Ctx,
  e: NodeOf<"A_Expr">,
  op: string,
  scope: Scope,
  position?: number,
): Expr {
  const all = e.kind === "AEXPR_OP_ALL";
  let left = translateExpr(ctx, e.lexpr!, scope);
  let right = translateExpr(ctx, e.rexpr!, scope);
  if (isUnknown(right) || right.param !== undefined) {
    // ANY ($1): the parameter is an array of the left side's type.
    const elemType = isUnknown(left) ? TEXT : left.type.oid;
    right = coerce(ctx, right, t(arrayTypeOf(elemType) ?? TEXT), "implicit", position);
  }
  const elem = elementOf(right, position);
  if (isVectorType(right.type.oid))
    right = { sql: vectorToArraySql(right.sql), type: t(vectorArray(right.type.oid)!) };
  const like = LIKE_OPERATORS[op];
  if (!COMPARISON.has(op) && !(like && STRING_TYPES.has(elem)))
    throw unsupported(`${op} ${all ? "ALL" : "ANY"} (array)`, position);
  // Integers of different widths compare as they are (int4 = ANY (int2[]), as int42eq does).
  if (!(INTEGER_TYPES.has(left.type.oid) && INTEGER_TYPES.has(elem)))
    left = coerce(ctx, left, t(elem), "implicit", position);
  const cmp = op === "!=" ? "<>" : op;
  // An array stored with lower bounds other than 1 is its dimensions, "=" and the JSON.
  right = {
    ...right,
    sql: `(CASE WHEN json_valid(${right.sql}) THEN ${right.sql} ELSE pg_array_json(${right.sql}) END)`,
  };
  const values = `SELECT value FROM json_each(${right.sql})`;
  // IN and NOT IN have exactly the NULL semantics of = ANY and <> ALL, and let SQLite use an index.
  if (!all && cmp === "=") return { sql: `(${left.sql} IN (${values}))`, type: t(BOOL) };
  if (all && cmp === "<>") return { sql: `(${left.sql} NOT IN (${values}))`, type: t(BOOL) };
  const j = '"?any"';
  // x [NOT] [I]LIKE ANY/ALL (patterns): each pattern with LIKE's default escape character.
  const lower = (x: string) => (like?.insensitive ? `pg_lower(${x})` : x);
  const test = like
    ? `${lower(left.sql)} ${like.not ? "NOT " : ""}LIKE ${lower(`${j}.value`)} ESCAPE '\\'`
    : `${left.sql} ${cmp} ${j}.value`;
  const hasNull = `EXISTS (SELECT 1 FROM json_each(${right.sql}) AS ${j} WHERE ${j}.value IS NULL)`;
  const sql = all
    ? `(CASE WHEN ${left.sql} IS NULL AND json_array_length(${right.sql}) > 0 THEN NULL WHEN EXISTS (SELECT 1 FROM json_each(${right.sql}) AS ${j} WHERE NOT (${test})) THEN 0 WHEN ${hasNull} THEN NULL ELSE 1 END)`
    : `(CASE WHEN EXISTS (SELECT 1 FROM json_each(${right.sql}) AS ${j} WHERE ${test}) THEN 1 WHEN ${left.sql} IS NULL OR ${hasNull} THEN NULL ELSE 0 END)`;
  return { sql, type: t(BOOL) };
}

/** ARRAY(SELECT ...): the subquery's single column gathered into an array, in its order. */
export function arraySublink(subSql: string, column: SqlType, alias: string, position?: number): Expr {
  const arrayOid = arrayTypeOf(column.oid);
  if (arrayOid === undefined) throw unsupported(`arrays of ${formatType(column.oid, -1)}`, position);
  const value = jsonElement({ sql: `"?sub".${alias}`, type: column });
  return {
    sql: `(SELECT coalesce(json_group_array(${value}), '[]') FROM (${subSql}) AS "?sub")`,
    type: t(arrayOid),
  };
}

/**
 * The subscripts of one array. Without a slice they select an element ('$[i][j]'), or NULL where
 * they select a sub-array; with any slice, every subscript is a range (a plain i meaning 1:i) and
 * pg_array_slice cuts the array ('' standing for an omitted bound). An array stored with lower
 * bounds other than 1 (not valid JSON) is subscripted by pg_array_subscript.
 */
function subscriptDimensions(
  ctx: Ctx,
  value: Expr,
  group: NodeOf<"A_Indices">[],
  scope: Scope,
  whole: Node,
): Expr {
  const elem = elementTypeOf(value.type.oid);
  if (elem === undefined) {
    throw new PgError(
      "DATATYPE_MISMATCH",
      `cannot subscript type ${formatType(value.type.oid, -1)} because it does not support subscripting`,
      { position: ctx.pos(whole) },
    );
  }
  // Integer results of functions may come back from JavaScript as REAL (5.0): paths need integers.
  const index = (n: Node | undefined) =>
    n ? `CAST(${coerce(ctx, translateExpr(ctx, n, scope), t(INT8), "implicit").sql} AS INTEGER)` : undefined;
  if (group.some((g) => g.is_slice)) {
    const bounds = group.flatMap((g) =>
      g.is_slice ? [index(g.lidx) ?? "''", index(g.uidx) ?? "''"] : ["''", index(g.uidx)!],
    );
    return { sql: `pg_array_slice(${value.sql}, ${elem}, ${bounds.join(", ")})`, type: value.type };
  }
  const subscripts = group.map((g) => index(g.uidx)!);
  const path = `'$' || ${subscripts.map((i) => `'[' || (${i} - 1) || ']'`).join(" || ")}`;
  const valid = subscripts.map((i) => `${i} >= 1`).join(" AND ");
  const v = value.sql;
  const json = `(CASE WHEN ${valid} AND json_type(${v}, ${path}) <> 'array' THEN json_extract(${v}, ${path}) END)`;
  return {
    sql: `(CASE WHEN json_valid(${v}) THEN ${json} ELSE pg_array_subscript(${v}, ${elem}, ${subscripts.join(", ")}) END)`,
    type: t(elem),
  };
}

/** An element of json_each as JSON again (booleans come out of json_each as 1 and 0). */
const JSON_ELEMENT =
  "CASE json_each.type WHEN 'true' THEN json('true') WHEN 'false' THEN json('false') ELSE json_each.value END";

/**
 * Subscripts: a[i][j] (1-based) and slices a[i:j][k:l]; consecutive subscripts apply to one array's
 * dimensions in turn. Field selection is not supported.
 */
export function translateIndirection(ctx: Ctx, a: NodeOf<"A_Indirection">, scope: Scope, whole: Node): Expr {
  let value = translateExpr(ctx, a.arg!, scope);
  const steps = a.indirection ?? [];
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]!;
    const idx = asKind(step, "A_Indices");
    if (!idx) {
      const field = stringList([step]).join(".");
      const selected =
        compositeField(ctx, value, field, ctx.pos(a.arg)) ?? recordField(value, field, ctx.pos(a.arg));
      if (selected) {
        value = selected;
        continue;
      }
      throw unsupported(`field selection (.${field}) on composite values`, ctx.pos(whole));
    }
    let group = [idx];
    while (k + 1 < steps.length && asKind(steps[k + 1], "A_Indices"))
      group.push(asKind(steps[++k], "A_Indices")!);
    if (!isVectorType(value.type.oid)) {
      value = subscriptDimensions(ctx, value, group, scope, whole);
      continue;
    }
    if (group.length > 1) {
      k -= group.length - 1;
      group = [idx];
    }
    // A vector's subscripts start at 0: it reads as its array with every subscript moved up by one.
    const shift = isVectorType(value.type.oid) ? " + 1" : "";
    if (shift) value = { sql: vectorToArraySql(value.sql), type: t(vectorArray(value.type.oid)!) };
    const elem = elementTypeOf(value.type.oid);
    if (elem === undefined) {
      throw new PgError(
        "DATATYPE_MISMATCH",
        `cannot subscript type ${formatType(value.type.oid, -1)} because it does not support subscripting`,
        {
          position: ctx.pos(whole),
        },
      );
    }
    const index = (n: Node | undefined) =>
      n ? `(${coerce(ctx, translateExpr(ctx, n, scope), t(INT8), "implicit").sql}${shift})` : undefined;
    if (idx.is_slice) {
      const lo = index(idx.lidx) ?? "1";
      const hi = index(idx.uidx) ?? `json_array_length(${value.sql})`;
      value = {
        sql: `(CASE WHEN ${value.sql} IS NOT NULL THEN (SELECT coalesce(json_group_array(${JSON_ELEMENT}), '[]') FROM json_each(${value.sql}) WHERE json_each.key + 1 BETWEEN ${lo} AND ${hi}) END)`,
        type: value.type,
      };
    } else {
      const i = index(idx.uidx)!;
      // A subscript of a multidimensional array that stops at a sub-array is NULL.
      const path = `'$[' || (${i} - 1) || ']'`;
      value = {
        sql: `(CASE WHEN ${i} >= 1 AND json_type(${value.sql}, ${path}) <> 'array' THEN json_extract(${value.sql}, ${path}) END)`,
        type: t(elem),
      };
    }
  }
  return value;
}
