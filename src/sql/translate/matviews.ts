import { PgError, unsupported } from "../../errors/pg-error.js";
import type { NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import { CREATE_MATVIEWS, MATVIEWS } from "../metadata.js";
import { parseSql } from "../parse.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import type { Ctx } from "./context.js";
import type { DdlOutput } from "./create-table.js";
import { deparseExpression } from "./deparse.js";
import { translateSelect } from "./select.js";

/**
 * Materialized views: a table of the view's name holds the rows (CREATE MATERIALIZED VIEW runs as
 * CREATE TABLE AS), and the view's query is kept as PostgreSQL SQL for REFRESH, which replaces
 * the rows in one statement's transaction.
 */
export function recordMaterializedView(name: string, query: NodeOf<"SelectStmt">): string[] {
  const text = deparseExpression({ SelectStmt: query });
  return [
    CREATE_MATVIEWS,
    `INSERT INTO ${MATVIEWS} (name, query) VALUES (${quoteString(name)}, ${quoteString(text)})`,
  ];
}

export function translateRefresh(ctx: Ctx, stmt: NodeOf<"RefreshMatViewStmt">): DdlOutput {
  const rv = stmt.relation!;
  const name = rv.relname!;
  const query = ctx.schema.materializedView?.(name);
  if (query === undefined) {
    if (ctx.schema.relation(name))
      throw new PgError("FEATURE_NOT_SUPPORTED", `"${name}" is not a materialized view`);
    throw new PgError("UNDEFINED_TABLE", `relation "${name}" does not exist`);
  }
  if (stmt.skipData) throw unsupported("REFRESH MATERIALIZED VIEW ... WITH NO DATA");
  // CONCURRENTLY lets readers go on, as one statement's transaction here does; it needs a unique index.
  if (
    stmt.concurrent &&
    !(ctx.schema.indexesOf?.(name) ?? []).some((i) => i.unique && !/\bWHERE\b/i.test(i.sql ?? ""))
  ) {
    throw new PgError(
      "OBJECT_NOT_IN_PREREQUISITE_STATE",
      `cannot refresh materialized view "public.${name}" concurrently`,
      {
        hint: "Create a unique index with no WHERE clause on one or more columns of the materialized view.",
      },
    );
  }
  const select = asKind(parseSql(query)[0]?.node, "SelectStmt");
  if (!select) throw new PgError("INTERNAL_ERROR", `materialized view "${name}" has no query`);
  ctx.writes = true;
  const out = translateSelect(ctx, select);
  const rel = ctx.schema.relation(name)!;
  const list = rel.columns.map((c) => quoteIdent(c.name)).join(", ");
  const picks = out.columns.map((c) => `s.${quoteIdent(c.alias)}`).join(", ");
  return {
    setup: [`DELETE FROM ${quoteIdent(name)}`],
    sql: `INSERT INTO ${quoteIdent(name)} (${list}) SELECT ${picks} FROM (${out.sql}) AS s`,
  };
}
