import { PgError, unsupported } from "../../errors/pg-error.js";
import { arrayTypeOf, elementTypeOf, formatType } from "../../types/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { BOOL, BYTEA, INT8, TEXT, t } from "../oids.js";
import type { SqlType } from "../plan.js";
import { castSql, coerce, commonType, isUnknown } from "./coerce.js";
import type { Ctx, Expr } from "./context.js";
import { translateExpr } from "./expr.js";
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
    elements.map((e) => e.type),
    "ARRAY",
    ctx.pos(a.location),
  );
  if (elements.every(isUnknown) && expectedElem !== undefined) elem = t(expectedElem);
  const arrayOid = elementTypeOf(elem.oid) !== undefined ? elem.oid : arrayTypeOf(elem.oid);
  if (arrayOid === undefined) throw unsupported(`arrays of ${formatType(elem.oid, -1)}`, ctx.pos(a.location));
  const items = elements.map((e) => jsonElement(coerce(ctx, e, elem, "implicit")));
  return { sql: `json_array(${items.join(", ")})`, type: t(arrayOid) };
}

/** The element type of an array expression, or an error naming what is not an array. */
function elementOf(e: Expr, position?: number): number {
  const elem = elementTypeOf(e.type.oid);
  if (elem === undefined) {
    throw new PgError("WRONG_OBJECT_TYPE", `op ANY/ALL (array) requires array on right side`, { position });
  }
  return elem;
}

const COMPARISON = new Set(["=", "<>", "!=", "<", ">", "<=", ">="]);

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
  if (!COMPARISON.has(op)) throw unsupported(`${op} ${all ? "ALL" : "ANY"} (array)`, position);
  left = coerce(ctx, left, t(elem), "implicit", position);
  const cmp = op === "!=" ? "<>" : op;
  const values = `SELECT value FROM json_each(${right.sql})`;
  // IN and NOT IN have exactly the NULL semantics of = ANY and <> ALL, and let SQLite use an index.
  if (!all && cmp === "=") return { sql: `(${left.sql} IN (${values}))`, type: t(BOOL) };
  if (all && cmp === "<>") return { sql: `(${left.sql} NOT IN (${values}))`, type: t(BOOL) };
  const j = '"?any"';
  const test = `${left.sql} ${cmp} ${j}.value`;
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

/** An element of json_each as JSON again (booleans come out of json_each as 1 and 0). */
const JSON_ELEMENT =
  "CASE json_each.type WHEN 'true' THEN json('true') WHEN 'false' THEN json('false') ELSE json_each.value END";

/** Subscripts: a[i] (1-based) and slices a[i:j]; field selection is not supported. */
export function translateIndirection(ctx: Ctx, a: NodeOf<"A_Indirection">, scope: Scope, whole: Node): Expr {
  let value = translateExpr(ctx, a.arg!, scope);
  for (const step of a.indirection ?? []) {
    const idx = asKind(step, "A_Indices");
    if (!idx) {
      const field = stringList([step]).join(".");
      throw unsupported(`field selection (.${field}) on composite values`, ctx.pos(whole));
    }
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
      n ? coerce(ctx, translateExpr(ctx, n, scope), t(INT8), "implicit").sql : undefined;
    if (idx.is_slice) {
      const lo = index(idx.lidx) ?? "1";
      const hi = index(idx.uidx) ?? `json_array_length(${value.sql})`;
      value = {
        sql: `(CASE WHEN ${value.sql} IS NOT NULL THEN (SELECT coalesce(json_group_array(${JSON_ELEMENT}), '[]') FROM json_each(${value.sql}) WHERE json_each.key + 1 BETWEEN ${lo} AND ${hi}) END)`,
        type: value.type,
      };
    } else {
      const i = index(idx.uidx)!;
      value = {
        sql: `(CASE WHEN ${i} >= 1 THEN json_extract(${value.sql}, '$[' || (${i} - 1) || ']') END)`,
        type: t(elem),
      };
    }
  }
  return value;
}
