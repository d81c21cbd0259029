import { PgError } from "../../errors/pg-error.js";
import type { NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import type { Plan } from "../plan.js";
import { quoteIdent } from "../sqlite-text.js";
import type { Ctx } from "./context.js";

/**
 * VACUUM and ANALYZE. ANALYZE becomes SQLite's ANALYZE (statistics for the query planner). VACUUM
 * reclaims space in PostgreSQL without changing any result; SQLite reuses free pages by itself, so
 * plain VACUUM and VACUUM FULL do nothing here beyond their checks.
 */
export function translateVacuum(ctx: Ctx, s: NodeOf<"VacuumStmt">): Plan {
  const options = new Set((s.options ?? []).map((o) => asKind(o, "DefElem")!.defname));
  const analyze = !s.is_vacuumcmd || options.has("analyze");
  const tag = s.is_vacuumcmd ? "VACUUM" : "ANALYZE";
  const tables = (s.rels ?? []).map((r) => {
    const rv = asKind(r, "VacuumRelation")!.relation!;
    const rel = ctx.schema.relation(rv.relname!);
    if (!rel) throw new PgError("UNDEFINED_TABLE", `relation "${rv.relname}" does not exist`);
    return rel.name;
  });
  const needsNoTransaction = s.is_vacuumcmd ? "VACUUM" : undefined;
  if (!analyze) return { kind: "noop", tag, needsNoTransaction };
  const setup = tables.length ? tables.map((t) => `ANALYZE ${quoteIdent(t)}`) : ["ANALYZE"];
  ctx.writes = true;
  return {
    kind: "query",
    setup,
    sql: "",
    paramOrder: [],
    columns: [],
    returnsRows: false,
    writes: true,
    changesSchema: false,
    usesSequences: false,
    tag: { kind: "fixed", tag },
    constant: false,
    needsNoTransaction,
  };
}
