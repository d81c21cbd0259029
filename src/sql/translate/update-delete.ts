import { PgError, unsupported } from "../../errors/pg-error.js";
import type { NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import { quoteIdent } from "../sqlite-text.js";
import type { Ctx } from "./context.js";
import { asBool, translateExpr } from "./expr.js";
import { translateFrom } from "./from.js";
import { assign, type DmlOutput, defaultFor } from "./insert.js";
import { Scope } from "./scope.js";
import { withQueries } from "./select.js";
import { assignedColumn, columnsOf, isDefault, targetTable, translateReturning } from "./target-table.js";

/** UPDATE ... SET ... [FROM ...] [WHERE ...] [RETURNING ...] */
export function translateUpdate(ctx: Ctx, stmt: NodeOf<"UpdateStmt">): DmlOutput {
  return withQueries(ctx, stmt.withClause, () => updateBody(ctx, stmt));
}

function updateBody(ctx: Ctx, stmt: NodeOf<"UpdateStmt">): DmlOutput {
  const rel = targetTable(ctx, stmt.relation!, "UPDATE");
  const alias = stmt.relation!.alias?.aliasname ?? rel.name;
  const scope = new Scope();
  scope.add({ alias, columns: columnsOf(rel, alias) });
  const from = translateFrom(ctx, stmt.fromClause, scope, new Map(ctx.visibleCtes));
  const seen = new Set<string>();
  const sets = (stmt.targetList ?? []).map((t) => {
    if (asKind(asKind(t, "ResTarget")?.val, "MultiAssignRef"))
      throw unsupported("UPDATE ... SET (columns) = (...)", ctx.pos(t));
    const res = asKind(t, "ResTarget")!;
    const col = assignedColumn(ctx, rel, res, "UPDATE");
    if (seen.has(col.name)) {
      throw new PgError("SYNTAX_ERROR", `multiple assignments to same column "${col.name}"`, {
        position: ctx.pos(res.location),
      });
    }
    seen.add(col.name);
    if (col.identity === "a" && !isDefault(res.val)) {
      throw new PgError("GENERATED_ALWAYS", `column "${col.name}" can only be updated to DEFAULT`, {
        detail: `Column "${col.name}" is an identity column defined as GENERATED ALWAYS.`,
      });
    }
    const value = isDefault(res.val)
      ? defaultFor(ctx, col)
      : assign(ctx, translateExpr(ctx, res.val!, scope), col, ctx.pos(res.val)).sql;
    return `${quoteIdent(col.name)} = ${value}`;
  });
  const target = `${quoteIdent(rel.name)}${alias !== rel.name ? ` AS ${quoteIdent(alias)}` : ""}`;
  let sql = `UPDATE ${target} SET ${sets.join(", ")}`;
  if (from) sql += ` FROM ${from}`;
  if (stmt.whereClause) sql += ` WHERE ${asBool(ctx, stmt.whereClause, scope, "WHERE")}`;
  const returning = translateReturning(ctx, rel, alias, stmt.returningList, scope);
  if (returning) sql += ` RETURNING ${returning.sql}`;
  return { sql, columns: returning?.columns };
}

/** DELETE FROM ... [USING ...] [WHERE ...] [RETURNING ...] */
export function translateDelete(ctx: Ctx, stmt: NodeOf<"DeleteStmt">): DmlOutput {
  return withQueries(ctx, stmt.withClause, () => deleteBody(ctx, stmt));
}

function deleteBody(ctx: Ctx, stmt: NodeOf<"DeleteStmt">): DmlOutput {
  const rel = targetTable(ctx, stmt.relation!, "DELETE");
  const alias = stmt.relation!.alias?.aliasname ?? rel.name;
  const scope = new Scope();
  scope.add({ alias, columns: columnsOf(rel, alias) });
  const using = translateFrom(ctx, stmt.usingClause, scope, new Map(ctx.visibleCtes));
  const where = stmt.whereClause ? asBool(ctx, stmt.whereClause, scope, "WHERE") : undefined;
  const target = `${quoteIdent(rel.name)}${alias !== rel.name ? ` AS ${quoteIdent(alias)}` : ""}`;
  let sql: string;
  if (using) {
    // SQLite has no DELETE ... USING: select the rows to delete by rowid instead.
    const a = quoteIdent(alias);
    const inner = `SELECT ${a}.rowid FROM ${quoteIdent(rel.name)} AS ${a}, ${using}${where ? ` WHERE ${where}` : ""}`;
    sql = `DELETE FROM ${quoteIdent(rel.name)} WHERE rowid IN (${inner})`;
  } else {
    sql = `DELETE FROM ${target}${where ? ` WHERE ${where}` : ""}`;
  }
  const returning = translateReturning(ctx, rel, alias, stmt.returningList, scope);
  if (returning) sql += ` RETURNING ${returning.sql}`;
  return { sql, columns: returning?.columns };
}
