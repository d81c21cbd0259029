import { PgError } from "../../errors/pg-error.js";
import type { NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import { NEW_SEQUENCE_EPOCH, ownedByTableSql, SEQUENCES } from "../metadata.js";
import type { RelationInfo } from "../schema.js";
import { quoteIdent } from "../sqlite-text.js";
import type { Ctx } from "./context.js";
import type { DdlOutput } from "./create-table.js";

/**
 * TRUNCATE: empties the tables without firing their foreign keys' ON DELETE actions. A table
 * other tables refer to is truncated only together with them (CASCADE adds them, with a notice).
 */
export function translateTruncate(ctx: Ctx, stmt: NodeOf<"TruncateStmt">): DdlOutput {
  ctx.writes = true;
  const targets: RelationInfo[] = [];
  for (const r of stmt.relations ?? []) {
    const rv = asKind(r, "RangeVar")!;
    const rel = ctx.schema.relation(rv.relname!);
    if (!rel)
      throw new PgError("UNDEFINED_TABLE", `relation "${rv.relname}" does not exist`, {
        position: ctx.pos(rv.location),
      });
    if (rel.kind !== "table") throw new PgError("WRONG_OBJECT_TYPE", `"${rel.name}" is not a table`);
    if (!targets.includes(rel)) targets.push(rel);
  }
  const notices: string[] = [];
  const all = [...ctx.schema.relations()].filter((r) => r.kind === "table");
  for (let i = 0; i < targets.length; i++) {
    for (const child of all) {
      if (targets.includes(child) || !child.foreignKeys?.some((fk) => fk.table === targets[i]!.name))
        continue;
      if (stmt.behavior !== "DROP_CASCADE") {
        throw new PgError(
          "FEATURE_NOT_SUPPORTED",
          "cannot truncate a table referenced in a foreign key constraint",
          {
            detail: `Table "${child.name}" references "${targets[i]!.name}".`,
            hint: `Truncate table "${child.name}" at the same time, or use TRUNCATE ... CASCADE.`,
          },
        );
      }
      notices.push(`truncate cascades to table "${child.name}"`);
      targets.push(child);
    }
  }
  // Referring tables are emptied first, so that no foreign-key action fires.
  const setup = referringFirst(targets).map((rel) => `DELETE FROM ${quoteIdent(rel.name)}`);
  if (stmt.restart_seqs && ctx.schema.hasMetadata(SEQUENCES)) {
    for (const rel of targets) {
      setup.push(
        `UPDATE ${SEQUENCES} SET last_value = start_value, is_called = 0, rowid = ${NEW_SEQUENCE_EPOCH} WHERE ${ownedByTableSql(rel.name)}`,
      );
    }
  }
  return { setup, sql: "", notice: notices.length ? notices.join("\n") : undefined };
}

function referringFirst(tables: RelationInfo[]): RelationInfo[] {
  const out: RelationInfo[] = [];
  const visit = (rel: RelationInfo, path: Set<RelationInfo>) => {
    if (out.includes(rel) || path.has(rel)) return;
    path.add(rel);
    for (const child of tables)
      if (child !== rel && child.foreignKeys?.some((fk) => fk.table === rel.name)) visit(child, path);
    path.delete(rel);
    out.push(rel);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}
