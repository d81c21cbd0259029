// ROWS FROM (f1(...), f2(...)) in FROM: the functions' rows side by side, as many rows as the
// longest gives, the shorter padded with NULLs (nodeFunctionscan.c).
import { PgError, unsupported } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { INT8, t } from "../oids.js";
import { quoteIdent } from "../sqlite-text.js";
import type { Ctx } from "./context.js";
import { translateExpr } from "./expr.js";
import type { Scope, ScopeColumn, ScopeItem } from "./scope.js";
import { setFunctionCall } from "./set-functions.js";

/**
 * The functions joined by row number: a table-valued function's rowid counts its rows from 1; a
 * plain function gives one row.
 */
export function rowsFrom(
  ctx: Ctx,
  rf: NodeOf<"RangeFunction">,
  scope: Scope,
): { sql: string; item: ScopeItem } {
  const alias = rf.alias?.aliasname ?? "rows_from";
  const names = stringList(rf.alias?.colnames);
  const sources: string[] = [];
  const columns: { name: string; type: ScopeColumn["type"]; ref: string }[] = [];
  // SQLite's parenthesized joins cannot see the FROM items before them.
  if (scope.items.length > 0 && JSON.stringify(rf.functions).includes('"ColumnRef"'))
    throw unsupported(
      "ROWS FROM (...) with arguments that refer to other FROM items",
      ctx.pos(rf.functions?.[0]),
    );
  for (const [i, entry] of (rf.functions ?? []).entries()) {
    const [call, coldefs] = asKind(entry, "List")?.items ?? [];
    const at = ctx.pos(call as Node);
    if (coldefs && asKind(coldefs, "List")?.items?.length)
      throw unsupported("column definition lists for functions returning record", at);
    const f = asKind(call as Node, "FuncCall");
    if (!f) throw unsupported("this function call in FROM", at);
    const a = quoteIdent(`${alias}?${i + 1}`);
    const set = setFunctionCall(ctx, f, scope, at);
    if (set) {
      sources.push(set.sql);
      set.columns.forEach((c, k) => {
        columns.push({ name: set.scalar ? set.name : c.name, type: c.type, ref: `${a}."c${k}"` });
      });
    } else {
      const value = translateExpr(ctx, call as Node, scope);
      sources.push(`(SELECT 1 AS rowid, ${value.sql} AS "c0")`);
      columns.push({ name: stringList(f.funcname).at(-1)!, type: value.type, ref: `${a}."c0"` });
    }
  }
  // Full joins on the row number keep every function's rows (and let arguments refer to the FROM
  // items before, which a subquery could not).
  const rowids = sources.map((_, i) => `${quoteIdent(`${alias}?${i + 1}`)}.rowid`);
  const joined = sources
    .map((s, i) => {
      const a = quoteIdent(`${alias}?${i + 1}`);
      if (i === 0) return `${s} AS ${a}`;
      const before = i === 1 ? rowids[0]! : `coalesce(${rowids.slice(0, i).join(", ")})`;
      return ` FULL JOIN ${s} AS ${a} ON ${a}.rowid = ${before}`;
    })
    .join("");
  const sql = `(${joined})`;
  if (rf.ordinality)
    columns.push({ name: "ordinality", type: t(INT8), ref: `coalesce(${rowids.join(", ")})` });
  if (names.length > columns.length) {
    throw new PgError(
      "INVALID_COLUMN_REFERENCE",
      `table "${alias}" has ${columns.length} columns available but ${names.length} columns specified`,
    );
  }
  const item: ScopeItem = {
    alias,
    columns: columns.map((c, i) => ({ ...c, name: names[i] ?? c.name, tableOid: 0, attnum: 0 })),
  };
  scope.add(item);
  return { sql, item };
}
