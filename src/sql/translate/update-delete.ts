import { PgError } from "../../errors/pg-error.js";
import type { NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import type { RelationInfo } from "../schema.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import { arrayElementSet } from "./array-assign.js";
import type { Ctx } from "./context.js";
import { asBool, translateExpr } from "./expr.js";
import { translateFrom } from "./from.js";
import { assign, type DmlOutput, defaultFor } from "./insert.js";
import { Scope, systemColumns } from "./scope.js";
import { withQueries } from "./select.js";
import { assignedColumn, columnsOf, isDefault, targetTable, translateReturning } from "./target-table.js";
import { expandMultiAssign } from "./update-multi-assign.js";

/** UPDATE ... SET ... [FROM ...] [WHERE ...] [RETURNING ...] */
export function translateUpdate(ctx: Ctx, stmt: NodeOf<"UpdateStmt">): DmlOutput {
  return withQueries(ctx, stmt.withClause, () => updateBody(ctx, stmt));
}

function updateBody(ctx: Ctx, stmt: NodeOf<"UpdateStmt">): DmlOutput {
  const rel = targetTable(ctx, stmt.relation!, "UPDATE");
  const alias = stmt.relation!.alias?.aliasname ?? rel.name;
  const scope = new Scope();
  scope.add({ alias, columns: columnsOf(rel, alias), systemColumns: systemColumns(alias, rel.oid) });
  const from = translateFrom(ctx, stmt.fromClause, scope, new Map(ctx.visibleCtes));
  const seen = new Set<string>();
  const sets = expandMultiAssign(ctx, stmt.targetList ?? []).map((t) => {
    const res = asKind(t, "ResTarget")!;
    if (res.indirection?.length) return arrayElementSet(ctx, rel, res, scope, seen);
    const col = assignedColumn(ctx, rel, res, "UPDATE");
    if (seen.has(col.name)) {
      throw new PgError("SYNTAX_ERROR", `multiple assignments to same column "${col.name}"`, {
        position: ctx.pos(res.location),
      });
    }
    seen.add(col.name);
    if (col.generated && !isDefault(res.val)) {
      throw new PgError("GENERATED_ALWAYS", `column "${col.name}" can only be updated to DEFAULT`, {
        detail: `Column "${col.name}" is a generated column.`,
      });
    }
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
  let sql = `UPDATE ${target} SET ${[...sets, ...movedRowid(rel)].join(", ")}`;
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
  scope.add({ alias, columns: columnsOf(rel, alias), systemColumns: systemColumns(alias, rel.oid) });
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

/**
 * Updated rows move to the end of the table (pg_next_rowid), where PostgreSQL puts a row's new
 * version: a later read without ORDER BY then returns rows in PostgreSQL's order. Not for a table
 * whose rowid is its INTEGER PRIMARY KEY (made by other SQLite tools): its key would change.
 */
function movedRowid(rel: RelationInfo): string[] {
  // A column named rowid hides SQLite's rowid under that name.
  if (rel.column("rowid")) return [];
  if (
    /\bINTEGER\s+(NOT\s+NULL\s+)?PRIMARY\s+KEY\b/i.test(rel.sql ?? "") ||
    /WITHOUT\s+ROWID\s*$/i.test(rel.sql ?? "")
  )
    return [];
  const name = quoteIdent(rel.name);
  return [`rowid = pg_next_rowid(${quoteString(rel.name)}, (SELECT max(rowid) FROM ${name}))`];
}
