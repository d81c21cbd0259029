import { unsupported } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import type { Ctx } from "./context.js";
import { translateExpr } from "./expr.js";
import { translateOrderBy } from "./order-by.js";
import type { Scope } from "./scope.js";

/** Frame option bits of PostgreSQL's WindowDef (nodes/parsenodes.h, FRAMEOPTION_*). */
const F = {
  NONDEFAULT: 0x1,
  RANGE: 0x2,
  ROWS: 0x4,
  GROUPS: 0x8,
  BETWEEN: 0x10,
  START_UNBOUNDED_PRECEDING: 0x20,
  END_UNBOUNDED_PRECEDING: 0x40,
  START_UNBOUNDED_FOLLOWING: 0x80,
  END_UNBOUNDED_FOLLOWING: 0x100,
  START_CURRENT_ROW: 0x200,
  END_CURRENT_ROW: 0x400,
  START_OFFSET_PRECEDING: 0x800,
  END_OFFSET_PRECEDING: 0x1000,
  START_OFFSET_FOLLOWING: 0x2000,
  END_OFFSET_FOLLOWING: 0x4000,
  EXCLUDE_CURRENT_ROW: 0x8000,
  EXCLUDE_GROUP: 0x10000,
  EXCLUDE_TIES: 0x20000,
};

function bound(ctx: Ctx, o: number, start: boolean, offset: Node | undefined, scope: Scope): string {
  const s = start ? "START" : "END";
  const has = (name: string) => (o & F[`${s}_${name}` as keyof typeof F]) !== 0;
  if (has("UNBOUNDED_PRECEDING")) return "UNBOUNDED PRECEDING";
  if (has("UNBOUNDED_FOLLOWING")) return "UNBOUNDED FOLLOWING";
  if (has("CURRENT_ROW")) return "CURRENT ROW";
  const value = translateExpr(ctx, offset!, scope).sql;
  return `${value} ${has("OFFSET_PRECEDING") ? "PRECEDING" : "FOLLOWING"}`;
}

/** The OVER clause: PARTITION BY, ORDER BY and the frame, in SQLite's (standard) syntax. */
export function translateWindow(ctx: Ctx, w: NodeOf<"WindowDef">, scope: Scope): string {
  if (w.name && !w.partitionClause && !w.orderClause) return `"${w.name.replaceAll('"', '""')}"`;
  if (w.refname) throw unsupported("windows that extend a named window");
  const parts: string[] = [];
  if (w.partitionClause?.length)
    parts.push(`PARTITION BY ${w.partitionClause.map((p) => translateExpr(ctx, p, scope).sql).join(", ")}`);
  if (w.orderClause?.length) parts.push(`ORDER BY ${translateOrderBy(ctx, w.orderClause, scope, [])}`);
  const o = w.frameOptions ?? 0;
  if (o & F.NONDEFAULT) {
    const mode = o & F.ROWS ? "ROWS" : o & F.GROUPS ? "GROUPS" : "RANGE";
    const start = bound(ctx, o, true, w.startOffset, scope);
    let frame =
      o & F.BETWEEN
        ? `${mode} BETWEEN ${start} AND ${bound(ctx, o, false, w.endOffset, scope)}`
        : `${mode} ${start}`;
    if (o & F.EXCLUDE_CURRENT_ROW) frame += " EXCLUDE CURRENT ROW";
    else if (o & F.EXCLUDE_GROUP) frame += " EXCLUDE GROUP";
    else if (o & F.EXCLUDE_TIES) frame += " EXCLUDE TIES";
    parts.push(frame);
  }
  return `(${parts.join(" ")})`;
}
