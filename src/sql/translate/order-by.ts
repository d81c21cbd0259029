import { PgError } from "../../errors/pg-error.js";
import { elementTypeOf } from "../../types/registry.js";
import type { Node } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { numericSortKey } from "../numeric-sql.js";
import { INTERVAL, JSONB, NUMERIC } from "../oids.js";
import type { SqlType } from "../plan.js";
import { quoteIdent } from "../sqlite-text.js";
import { compositeSortKeySql } from "./composites.js";
import type { Ctx } from "./context.js";
import { enumSortKeySql } from "./enums.js";
import { translateExpr } from "./expr.js";
import type { Scope } from "./scope.js";
import type { OutputColumn } from "./select.js";

/** One ORDER BY item: an output column (by position or name) or an expression. */
export interface SortItem {
  /** 0-based output column, when the item names one. */
  output?: number;
  sql: string;
  type: SqlType;
  desc: boolean;
  nullsFirst: boolean;
  /** How the item's values are made to sort as in PostgreSQL (see sortKey). */
  key?: (sql: string) => string;
}

export function sortItems(
  ctx: Ctx,
  items: Node[],
  scope: Scope | undefined,
  outputs: OutputColumn[],
): SortItem[] {
  return items.map((item) => {
    const sort = asKind(item, "SortBy")!;
    if (sort.useOp) {
      throw new PgError("FEATURE_NOT_SUPPORTED", "ORDER BY ... USING is not supported", {
        position: ctx.pos(item),
      });
    }
    const desc = sort.sortby_dir === "SORTBY_DESC";
    // PostgreSQL sorts NULLs as larger than any value (last when ascending), SQLite as smaller.
    const nullsFirst =
      !sort.sortby_nulls || sort.sortby_nulls === "SORTBY_NULLS_DEFAULT"
        ? desc
        : sort.sortby_nulls === "SORTBY_NULLS_FIRST";
    const output = outputIndex(ctx, sort.node!, outputs);
    if (output !== undefined) {
      const type = outputs[output]!.type;
      return { output, sql: String(output + 1), type, desc, nullsFirst, key: sortKey(type, ctx) };
    }
    if (!scope) {
      throw new PgError("FEATURE_NOT_SUPPORTED", "invalid UNION/INTERSECT/EXCEPT ORDER BY clause", {
        position: ctx.pos(sort.node),
        detail: "Only result column names can be used, not expressions or functions.",
      });
    }
    const e = translateExpr(ctx, sort.node!, scope);
    return { sql: e.sql, type: e.type, desc, nullsFirst, key: sortKey(e.type, ctx) };
  });
}

/**
 * SQLite ORDER BY text. Types whose stored form does not sort as PostgreSQL sorts them are
 * ordered by a sort key. outputExprs, when given, replaces output positions with their
 * expressions; outputNames lets a keyed output column be named rather than numbered.
 */
export function renderSort(items: SortItem[], outputExprs?: string[], outputNames?: string[]): string {
  return items
    .map((i) => {
      let key = i.output !== undefined && outputExprs ? outputExprs[i.output]! : i.sql;
      const keyed = i.key ?? sortKey(i.type);
      if (keyed && (i.output === undefined || outputExprs || outputNames)) {
        if (i.output !== undefined && !outputExprs) key = quoteIdent(outputNames![i.output]!);
        key = keyed(key);
      }
      return `${key} ${i.desc ? "DESC" : "ASC"} NULLS ${i.nullsFirst ? "FIRST" : "LAST"}`;
    })
    .join(", ");
}

/** How values of a type are made to sort as in PostgreSQL, if their stored form does not. */
export function sortKey(type: SqlType, ctx?: Ctx): ((sql: string) => string) | undefined {
  const e = ctx?.schema.enumByOid(type.oid);
  if (e) return (sql) => enumSortKeySql(e, sql);
  const fields = ctx?.schema.compositeByOid(type.oid)?.fields ?? type.fields;
  if (fields) return (sql) => compositeSortKeySql(fields, sql);
  if (type.oid === JSONB) return (sql) => `pg_jsonb_sortkey(${sql})`;
  if (type.oid === INTERVAL) return (sql) => `pg_interval_sortkey(${sql})`;
  if (type.oid === NUMERIC) return numericSortKey;
  if (elementTypeOf(type.oid) !== undefined) return (sql) => `pg_array_sortkey(${type.oid}, ${sql})`;
  return undefined;
}

/** ORDER BY items as SQLite text, output columns by position (by alias where keyed). */
export function translateOrderBy(
  ctx: Ctx,
  items: Node[],
  scope: Scope | undefined,
  outputs: OutputColumn[],
): string {
  return renderSort(
    sortItems(ctx, items, scope, outputs),
    undefined,
    scope ? outputs.map((o) => o.alias) : undefined,
  );
}

/** The output column an ORDER BY item names by position or (a bare name) by its output name. */
function outputIndex(ctx: Ctx, node: Node, outputs: OutputColumn[]): number | undefined {
  const c = asKind(node, "A_Const");
  if (c?.ival !== undefined) {
    const n = c.ival.ival ?? 0;
    if (n < 1 || n > outputs.length) {
      throw new PgError("INVALID_COLUMN_REFERENCE", `ORDER BY position ${n} is not in select list`, {
        position: ctx.pos(node),
      });
    }
    return n - 1;
  }
  const ref = asKind(node, "ColumnRef");
  if (!ref) return undefined;
  const fields = stringList(ref.fields);
  if (fields.length !== 1) return undefined;
  const matches = outputs.flatMap((o, i) => (o.name === fields[0] ? [i] : []));
  if (matches.length > 1) {
    throw new PgError("AMBIGUOUS_COLUMN", `ORDER BY "${fields[0]}" is ambiguous`, {
      position: ctx.pos(node),
    });
  }
  return matches[0];
}
