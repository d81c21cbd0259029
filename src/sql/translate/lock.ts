import { RAISE_ERROR } from "../../functions/lib/sequences.js";
import type { NodeOf } from "../ast.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import type { Ctx } from "./context.js";

/** PostgreSQL's lock modes (LockStmt.mode): ShareLock (5) and above conflict with row writers. */
const SHARE_LOCK = 5;
const ACCESS_EXCLUSIVE_LOCK = 8;

/**
 * LOCK TABLE: a mode that keeps other sessions from writing (SHARE and stronger) takes the tenant's
 * write lock until the transaction ends, which stops every writer of the tenant, not only those of
 * the named tables: stronger than PostgreSQL, never weaker. Weaker modes conflict only with DDL
 * and VACUUM FULL, which SQLite serialises by itself: they check the names and take nothing.
 */
export function translateLock(ctx: Ctx, stmt: NodeOf<"LockStmt">): { sql: string } {
  const tables: string[] = [];
  for (const node of stmt.relations ?? []) {
    const rv = (node as { RangeVar: NodeOf<"RangeVar"> }).RangeVar;
    const rel =
      rv.schemaname === undefined || rv.schemaname === "public"
        ? ctx.schema.relation(rv.relname!)
        : undefined;
    // Reported when the statement runs, after the transaction-block check, as PostgreSQL orders them.
    if (!rel)
      return {
        sql: `SELECT ${RAISE_ERROR}('42P01', ${quoteString(`relation "${rv.relname}" does not exist`)})`,
      };
    if (rel.kind === "table") tables.push(rel.name);
  }
  if ((stmt.mode ?? ACCESS_EXCLUSIVE_LOCK) < SHARE_LOCK) return { sql: "" };
  ctx.writes = true;
  // A write that changes nothing still takes SQLite's write lock of the file.
  return { sql: tables.length ? `DELETE FROM ${quoteIdent(tables[0]!)} WHERE 0` : "" };
}
