import { unsupported } from "../../errors/pg-error.js";
import type { Node } from "../ast.js";
import { asKind } from "../ast.js";
import { quoteIdent } from "../sqlite-text.js";
import type { Ctx } from "./context.js";
import { translateInsert } from "./insert.js";
import type { OutputColumn, SelectOutput } from "./select.js";
import { translateDelete, translateUpdate } from "./update-delete.js";

/**
 * A data-modifying statement in WITH (`WITH d AS (DELETE ... RETURNING *) INSERT ... SELECT * FROM d`).
 * SQLite has none: the statement runs first, on its own, and its RETURNING rows are kept in a
 * temporary table for the statement's duration, which the query reads in its place. Unlike
 * PostgreSQL, the rest of the statement then sees the tables as that statement left them.
 */
export function translateModifyingCte(
  ctx: Ctx,
  node: Node,
  withPrefix: string,
): SelectOutput & { table: string } {
  const out = modifying(ctx, node);
  if (!out) throw unsupported("this statement in WITH", ctx.pos(node));
  const table = `?with${ctx.captures.length + 1}`;
  const columns: OutputColumn[] = (out.columns ?? []).map((c, i) => ({ ...c, alias: `c${i}` }));
  ctx.captures.push({ sql: withPrefix + out.sql, table, columns: columns.length });
  ctx.writes = true;
  const list = columns.map((c) => quoteIdent(c.alias)).join(", ");
  const kept = `temp.${quoteIdent(table)}`;
  return { sql: `SELECT ${list || "NULL"} FROM ${kept}`, columns, table: kept };
}

function modifying(ctx: Ctx, node: Node) {
  const insert = asKind(node, "InsertStmt");
  if (insert) return translateInsert(ctx, insert);
  const update = asKind(node, "UpdateStmt");
  if (update) return translateUpdate(ctx, update);
  const del = asKind(node, "DeleteStmt");
  if (del) return translateDelete(ctx, del);
  return undefined;
}
