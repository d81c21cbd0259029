import { PgError } from "../../errors/pg-error.js";
import type { Node } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import type { Ctx } from "./context.js";
import { translateExpr } from "./expr.js";
import type { Scope } from "./scope.js";
import type { OutputColumn } from "./select.js";

/**
 * ORDER BY items. PostgreSQL sorts NULLs as larger than any value (last when ascending), SQLite as
 * smaller, so every item states its NULLS placement.
 */
export function translateOrderBy(
  ctx: Ctx,
  items: Node[],
  scope: Scope | undefined,
  outputs: OutputColumn[],
): string {
  return items
    .map((item) => {
      const sort = asKind(item, "SortBy")!;
      if (sort.useOp)
        throw new PgError("FEATURE_NOT_SUPPORTED", "ORDER BY ... USING is not supported", {
          position: ctx.pos(item),
        });
      const key = sortKey(ctx, sort.node!, scope, outputs);
      const desc = sort.sortby_dir === "SORTBY_DESC";
      const nullsFirst =
        sort.sortby_nulls === "SORTBY_NULLS_DEFAULT" || !sort.sortby_nulls
          ? desc
          : sort.sortby_nulls === "SORTBY_NULLS_FIRST";
      return `${key} ${desc ? "DESC" : "ASC"} NULLS ${nullsFirst ? "FIRST" : "LAST"}`;
    })
    .join(", ");
}

/** An output column (by position or name) or an expression over the input columns. */
function sortKey(ctx: Ctx, node: Node, scope: Scope | undefined, outputs: OutputColumn[]): string {
  const c = asKind(node, "A_Const");
  if (c?.ival !== undefined) {
    const n = c.ival.ival ?? 0;
    if (n < 1 || n > outputs.length) {
      throw new PgError("INVALID_COLUMN_REFERENCE", `ORDER BY position ${n} is not in select list`, {
        position: ctx.pos(node),
      });
    }
    return String(n);
  }
  const ref = asKind(node, "ColumnRef");
  if (ref) {
    const fields = stringList(ref.fields);
    if (fields.length === 1) {
      const matches = outputs.flatMap((o, i) => (o.name === fields[0] ? [i + 1] : []));
      if (matches.length > 1) {
        throw new PgError("AMBIGUOUS_COLUMN", `ORDER BY "${fields[0]}" is ambiguous`, {
          position: ctx.pos(node),
        });
      }
      if (matches.length === 1) return String(matches[0]);
    }
  }
  if (!scope) {
    throw new PgError("FEATURE_NOT_SUPPORTED", "invalid UNION/INTERSECT/EXCEPT ORDER BY clause", {
      position: ctx.pos(node),
      detail: "Only result column names can be used, not expressions or functions.",
    });
  }
  return translateExpr(ctx, node, scope).sql;
}
