import { PgError, unsupported } from "../../errors/pg-error.js";
import type { NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { BOOL, t } from "../oids.js";
import { quoteIdent } from "../sqlite-text.js";
import { arraySublink } from "./arrays.js";
import { coerce, commonType } from "./coerce.js";
import type { Ctx, Expr } from "./context.js";
import { translateExpr } from "./expr.js";
import type { Scope } from "./scope.js";
import { translateSelect } from "./select.js";

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
      if (!isIn && !isNotIn)
        throw unsupported(`${op} ${s.subLinkType === "ANY_SUBLINK" ? "ANY" : "ALL"} (subquery)`, position);
      if (sub.columns.length !== 1) {
        throw new PgError("SYNTAX_ERROR", "subquery has too many columns", { position });
      }
      const left = translateExpr(ctx, s.testexpr!, scope);
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
