import { PgError, unsupported } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { BOOL, t } from "../oids.js";
import { quoteIdent } from "../sqlite-text.js";
import { arraySublink } from "./arrays.js";
import { coerce, commonType } from "./coerce.js";
import type { Ctx, Expr } from "./context.js";
import { translateExpr } from "./expr.js";
import { applyOperator } from "./operators.js";
import type { Scope } from "./scope.js";
import { type SelectOutput, translateSelect } from "./select.js";

/** Subqueries in expressions: EXISTS, scalar subqueries, IN / = ANY and NOT IN / <> ALL. */
export function translateSubLink(ctx: Ctx, s: NodeOf<"SubLink">, scope: Scope): Expr {
  const position = ctx.pos(s.location);
  const select = asKind(s.subselect, "SelectStmt");
  if (!select) throw unsupported("this subquery", position);
  ctx.notConstant = true;
  const sub = translateSelect(ctx, select, scope);
  switch (s.subLinkType) {
    case "EXISTS_SUBLINK":
      return { sql: `EXISTS (${sub.sql})`, type: t(BOOL) };
    case "EXPR_SUBLINK": {
      if (sub.columns.length !== 1) {
        throw new PgError("SYNTAX_ERROR", "subquery must return only one column", { position });
      }
      return { sql: `(${sub.sql})`, type: sub.columns[0]!.type };
    }
    case "ANY_SUBLINK":
    case "ALL_SUBLINK": {
      const op = stringList(s.operName).at(-1) ?? "=";
      const isIn = s.subLinkType === "ANY_SUBLINK" && op === "=";
      const isNotIn = s.subLinkType === "ALL_SUBLINK" && (op === "<>" || op === "!=");
      const row = asKind(s.testexpr, "RowExpr");
      if (row && (isIn || isNotIn)) return rowIn(ctx, row.args ?? [], sub, isIn, scope, position);
      if (sub.columns.length !== 1) {
        throw new PgError("SYNTAX_ERROR", "subquery has too many columns", { position });
      }
      const left = translateExpr(ctx, s.testexpr!, scope);
      if (!isIn && !isNotIn) return quantified(ctx, op, left, sub, s.subLinkType === "ANY_SUBLINK", position);
      const type = commonType([left.type, sub.columns[0]!.type], "IN", position);
      const l = coerce(ctx, left, type, "implicit", position);
      return { sql: `(${l.sql} ${isIn ? "IN" : "NOT IN"} (${sub.sql}))`, type: t(BOOL) };
    }
    case "ARRAY_SUBLINK":
      if (sub.columns.length !== 1) {
        throw new PgError("SYNTAX_ERROR", "subquery must return only one column", { position });
      }
      return arraySublink(sub.sql, sub.columns[0]!.type, quoteIdent(sub.columns[0]!.alias), position);
    default:
      throw unsupported(`${(s.subLinkType ?? "").replace("_SUBLINK", "")} subqueries`, position);
  }
}

/** (a, b) IN (SELECT x, y ...): SQLite's row values. */
function rowIn(
  ctx: Ctx,
  args: Node[],
  sub: SelectOutput,
  isIn: boolean,
  scope: Scope,
  position?: number,
): Expr {
  if (sub.columns.length !== args.length) {
    const few = sub.columns.length < args.length;
    throw new PgError("SYNTAX_ERROR", `subquery has too ${few ? "few" : "many"} columns`, { position });
  }
  const left = args.map((a, i) => {
    const e = translateExpr(ctx, a, scope);
    const type = commonType([e.type, sub.columns[i]!.type], "IN", position);
    return coerce(ctx, e, type, "implicit", position).sql;
  });
  return { sql: `((${left.join(", ")}) ${isIn ? "IN" : "NOT IN"} (${sub.sql}))`, type: t(BOOL) };
}

/**
 * x op ANY (subquery) and x op ALL (subquery), with PostgreSQL's NULLs: ANY is true if some row
 * compares true, else NULL if some comparison is NULL; ALL is false if some row compares false,
 * else NULL if some comparison is NULL; over no rows ANY is false and ALL true.
 */
function quantified(
  ctx: Ctx,
  op: string,
  left: Expr,
  sub: SelectOutput,
  any: boolean,
  position?: number,
): Expr {
  const col = sub.columns[0]!;
  const test = applyOperator(ctx, op, left, { sql: `q.${quoteIdent(col.alias)}`, type: col.type }, position);
  if (test.type.oid !== BOOL)
    throw new PgError("DATATYPE_MISMATCH", "op ANY/ALL (array) requires operator to yield boolean", {
      position,
    });
  const count = (cond: string) => `sum(CASE WHEN ${cond} THEN 1 ELSE 0 END) > 0`;
  const decided = any ? `${count(`${test.sql}`)} THEN 1` : `${count(`NOT ${test.sql}`)} THEN 0`;
  const sql = `(SELECT CASE WHEN count(*) = 0 THEN ${any ? 0 : 1} WHEN ${decided} WHEN ${count(`(${test.sql}) IS NULL`)} THEN NULL ELSE ${any ? 0 : 1} END FROM (${sub.sql}) AS q)`;
  return { sql, type: t(BOOL) };
}
