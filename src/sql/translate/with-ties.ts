import type { NodeOf } from "../ast.js";
import { quoteIdent } from "../sqlite-text.js";
import type { Ctx } from "./context.js";
import { renderSort, sortItems } from "./order-by.js";
import type { Scope } from "./scope.js";
import type { OutputColumn } from "./select.js";
import type { translateTargetList } from "./target-list.js";

/**
 * FETCH FIRST n ROWS WITH TIES: after OFFSET, the first n rows in ORDER BY order and every row
 * that sorts equal to the last of them. Rows are numbered and ranked in that order: a row is kept
 * when its number is past the offset and its rank is at most offset + n (the parser requires the
 * ORDER BY). limit and offset are the counts' SQL.
 */
export function withTiesSelect(
  ctx: Ctx,
  stmt: NodeOf<"SelectStmt">,
  scope: Scope,
  targets: ReturnType<typeof translateTargetList>,
  head: string,
  body: string,
  limit: string | undefined,
  offset: string | undefined,
): { sql: string; columns: OutputColumn[] } {
  const order = sortItems(ctx, stmt.sortClause ?? [], scope, targets.columns);
  const windowOrder = renderSort(order, targets.exprs);
  const sortKeys = order.map(
    (o, i) => `, ${o.output !== undefined ? targets.exprs[o.output]! : o.sql} AS "?sk${i}"`,
  );
  const inner =
    `${head}${sortKeys.join("")}, row_number() OVER (ORDER BY ${windowOrder}) AS "?rn", ` +
    `rank() OVER (ORDER BY ${windowOrder}) AS "?rk" ${body}`;
  const outer = targets.columns.map((c) => quoteIdent(c.alias)).join(", ") || 'NULL AS "?column?"';
  const outerOrder = order.map(
    (o, i) => `"?sk${i}" ${o.desc ? "DESC" : "ASC"} NULLS ${o.nullsFirst ? "FIRST" : "LAST"}`,
  );
  const skip = offset ?? "0";
  const conditions = [`"?rn" > ${skip}`];
  if (limit !== undefined) conditions.push(`"?rk" <= ${skip} + ${limit}`);
  const sql = `SELECT ${outer} FROM (${inner}) WHERE ${conditions.join(" AND ")} ORDER BY ${outerOrder.join(", ")}, "?rn"`;
  return { sql, columns: targets.columns };
}
