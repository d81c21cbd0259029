import { PgError, unsupported } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import { INT8, t } from "../oids.js";
import type { SqlType } from "../plan.js";
import { quoteIdent } from "../sqlite-text.js";
import { coerce, commonType } from "./coerce.js";
import type { Ctx } from "./context.js";
import { asBool, translateExpr } from "./expr.js";
import { type CteMap, translateFrom } from "./from.js";
import { checkGrouping, hasAggregate } from "./group-check.js";
import { groupingSetsSelect, usesGroupingSets } from "./grouping-sets.js";
import { translateModifyingCte } from "./modifying-cte.js";
import { renderSort, sortItems, translateOrderBy } from "./order-by.js";
import { translateRecursiveCte } from "./recursive-cte.js";
import { Scope } from "./scope.js";
import { setOperationAllSql } from "./set-operation-all.js";
import { translateTargetList } from "./target-list.js";
import { defineWindows, withoutWindows } from "./windows.js";
import { withTiesSelect } from "./with-ties.js";

/** A column of a query's result. */
export interface OutputColumn {
  /** The PostgreSQL name. */
  name: string;
  /** The name SQLite gives it (unique within the result). */
  alias: string;
  type: SqlType;
  tableOid: number;
  attnum: number;
  /** An untyped literal, resolved to text: INSERT ... SELECT reads it as the target column's type. */
  untyped?: boolean;
}

export interface SelectOutput {
  sql: string;
  columns: OutputColumn[];
}

/** Translates a SELECT (or VALUES, or set operation) at a query level whose outer levels are parent. */
export function translateSelect(
  ctx: Ctx,
  stmt: NodeOf<"SelectStmt">,
  parent?: Scope,
  outerCtes?: CteMap,
): SelectOutput {
  // Subqueries see the WITH queries of every enclosing query.
  const ctes: CteMap = new Map(outerCtes ?? ctx.visibleCtes);
  const saved = ctx.visibleCtes;
  ctx.visibleCtes = ctes;
  try {
    return selectWithCtes(ctx, stmt, parent, ctes);
  } finally {
    ctx.visibleCtes = saved;
  }
}

function selectWithCtes(
  ctx: Ctx,
  stmt: NodeOf<"SelectStmt">,
  parent: Scope | undefined,
  ctes: CteMap,
): SelectOutput {
  const withSql = stmt.withClause ? translateWith(ctx, stmt.withClause, parent, ctes) : "";
  if (stmt.intoClause) throw unsupported("SELECT INTO");
  let body: SelectOutput;
  if (stmt.op && stmt.op !== "SETOP_NONE") body = setOperation(ctx, stmt, parent, ctes);
  else if (stmt.valuesLists) body = values(ctx, stmt.valuesLists, parent ?? new Scope());
  else return withPrefix(withSql, simpleSelect(ctx, stmt, parent, ctes));
  // ORDER BY and LIMIT of a set operation or VALUES apply to its result.
  const tail = sortAndLimit(ctx, stmt, undefined, body.columns);
  if (!tail) return withPrefix(withSql, body);
  return withPrefix(withSql, { sql: `SELECT * FROM (${body.sql})${tail}`, columns: body.columns });
}

function withPrefix(withSql: string, out: SelectOutput): SelectOutput {
  return withSql ? { sql: `${withSql} ${out.sql}`, columns: out.columns } : out;
}

function simpleSelect(
  ctx: Ctx,
  stmt: NodeOf<"SelectStmt">,
  parent: Scope | undefined,
  ctes: CteMap,
): SelectOutput {
  // GROUPING SETS, ROLLUP, CUBE and GROUPING(): a union of one grouped query per set.
  if (usesGroupingSets(stmt)) return groupingSetsSelect(ctx, stmt, parent, ctes);
  const scope = new Scope(parent);
  const from = translateFrom(ctx, stmt.fromClause, scope, ctes);
  const where = stmt.whereClause
    ? withoutWindows(scope, "WHERE", () => asBool(ctx, stmt.whereClause!, scope, "WHERE"))
    : undefined;
  defineWindows(ctx, stmt.windowClause, scope);
  const targets = translateTargetList(ctx, stmt.targetList ?? [], scope);
  const group = withoutWindows(scope, "GROUP BY", () =>
    (stmt.groupClause ?? []).map((g) => groupItem(ctx, g, scope, targets.columns)),
  );
  const having = stmt.havingClause
    ? withoutWindows(scope, "HAVING", () => asBool(ctx, stmt.havingClause!, scope, "HAVING"))
    : undefined;
  checkGrouping(ctx, stmt, scope);
  if (stmt.groupDistinct) throw unsupported("GROUP BY DISTINCT");
  const distinctOn =
    stmt.distinctClause?.length && Object.keys(stmt.distinctClause[0]!).length > 0
      ? stmt.distinctClause
      : undefined;
  const distinct = stmt.distinctClause && !distinctOn ? "DISTINCT " : "";
  for (const lock of stmt.lockingClause ?? []) {
    // Row locks become the tenant's write slot: whoever holds it is the only writer.
    if (asKind(lock, "LockingClause")) ctx.writes = true;
  }
  const body: string[] = [];
  const fromItems = [from, ...scope.lateral].filter((x) => x !== "").join(", ");
  if (fromItems) body.push(`FROM ${fromItems}`);
  if (where) body.push(`WHERE ${where}`);
  if (group.length) body.push(`GROUP BY ${group.join(", ")}`);
  // SQLite refuses HAVING in a query whose select list has no aggregate: one group of all rows.
  if (having && !group.length && !(stmt.targetList ?? []).some((t) => hasAggregate(t)))
    body.push("GROUP BY NULL");
  if (having) body.push(`HAVING ${having}`);
  if (distinctOn) return distinctOnSelect(ctx, stmt, distinctOn, scope, targets, body.join(" "));
  if (stmt.limitOption === "LIMIT_OPTION_WITH_TIES" && !distinct) {
    const limit = limitExpr(ctx, stmt.limitCount, "LIMIT");
    const offset = limitExpr(ctx, stmt.limitOffset, "OFFSET");
    return withTiesSelect(ctx, stmt, scope, targets, `SELECT ${targets.sql}`, body.join(" "), limit, offset);
  }
  const tail = sortAndLimit(ctx, stmt, scope, targets.columns);
  return { sql: [`SELECT ${distinct}${targets.sql}`, ...body].join(" ") + tail, columns: targets.columns };
}

/**
 * SELECT DISTINCT ON (keys): the first row of each group of keys in ORDER BY order. SQLite has no
 * DISTINCT ON; a window numbers the rows of each group and the first of each is kept.
 */
function distinctOnSelect(
  ctx: Ctx,
  stmt: NodeOf<"SelectStmt">,
  keys: Node[],
  scope: Scope,
  targets: ReturnType<typeof translateTargetList>,
  body: string,
): SelectOutput {
  const keyItems = sortItems(
    ctx,
    keys.map(
      (node) =>
        ({ SortBy: { node, sortby_dir: "SORTBY_DEFAULT", sortby_nulls: "SORTBY_NULLS_DEFAULT" } }) as Node,
    ),
    scope,
    targets.columns,
  );
  const order = sortItems(ctx, stmt.sortClause ?? [], scope, targets.columns);
  const partition = keyItems
    .map((k) => (k.output !== undefined ? targets.exprs[k.output]! : k.sql))
    .join(", ");
  const windowOrder = order.length ? ` ORDER BY ${renderSort(order, targets.exprs)}` : "";
  const sortKeys = order.map(
    (o, i) => `${o.output !== undefined ? targets.exprs[o.output]! : o.sql} AS "?sk${i}"`,
  );
  const inner =
    [`SELECT ${targets.sql}`, ...sortKeys.map((k) => `, ${k}`)].join("") +
    `, row_number() OVER (PARTITION BY ${partition}${windowOrder}) AS "?rn" ${body}`;
  const outer = targets.columns.map((c) => quoteIdent(c.alias)).join(", ") || 'NULL AS "?column?"';
  const outerOrder = order.map(
    (o, i) => `"?sk${i}" ${o.desc ? "DESC" : "ASC"} NULLS ${o.nullsFirst ? "FIRST" : "LAST"}`,
  );
  let sql = `SELECT ${outer} FROM (${inner}) WHERE "?rn" = 1`;
  if (outerOrder.length) sql += ` ORDER BY ${outerOrder.join(", ")}`;
  sql += limitTail(ctx, stmt);
  return { sql, columns: targets.columns };
}

function groupItem(ctx: Ctx, node: Node, scope: Scope, outputs: OutputColumn[]): string {
  const c = asKind(node, "A_Const");
  if (c?.ival !== undefined) {
    const n = c.ival.ival ?? 0;
    if (n < 1 || n > outputs.length) {
      throw new PgError("INVALID_COLUMN_REFERENCE", `GROUP BY position ${n} is not in select list`, {
        position: ctx.pos(node),
      });
    }
    return String(n);
  }
  const ref = asKind(node, "ColumnRef");
  if (ref?.fields?.length === 1) {
    const name = (ref.fields[0] as { String?: { sval?: string } }).String?.sval;
    // PostgreSQL prefers an input column; an output column name is the fallback.
    try {
      return translateExpr(ctx, node, scope).sql;
    } catch (e) {
      const i = outputs.findIndex((o) => o.name === name);
      if (i >= 0 && e instanceof PgError && e.code === "42703") return String(i + 1);
      throw e;
    }
  }
  if (asKind(node, "GroupingSet")) throw unsupported("GROUPING SETS, ROLLUP and CUBE", ctx.pos(node));
  return translateExpr(ctx, node, scope).sql;
}

/** ORDER BY, LIMIT, OFFSET and FETCH FIRST. */
function sortAndLimit(
  ctx: Ctx,
  stmt: NodeOf<"SelectStmt">,
  scope: Scope | undefined,
  outputs: OutputColumn[],
): string {
  let sql = "";
  if (stmt.sortClause?.length) sql += ` ORDER BY ${translateOrderBy(ctx, stmt.sortClause, scope, outputs)}`;
  return sql + limitTail(ctx, stmt);
}

/** LIMIT, OFFSET and FETCH FIRST. */
export function limitTail(ctx: Ctx, stmt: NodeOf<"SelectStmt">): string {
  let sql = "";
  if (stmt.limitOption === "LIMIT_OPTION_WITH_TIES") throw unsupported("FETCH FIRST ... WITH TIES");
  const limit = limitExpr(ctx, stmt.limitCount, "LIMIT");
  const offset = limitExpr(ctx, stmt.limitOffset, "OFFSET");
  if (limit !== undefined || offset !== undefined) sql += ` LIMIT ${limit ?? "-1"}`;
  if (offset !== undefined) sql += ` OFFSET ${offset}`;
  return sql;
}

function limitExpr(ctx: Ctx, node: Node | undefined, construct: string): string | undefined {
  if (!node) return undefined;
  if (asKind(node, "A_Const")?.isnull) return undefined;
  const e = translateExpr(ctx, node, new Scope());
  const v = coerce(ctx, e, t(INT8), "implicit", ctx.pos(node)).sql;
  // PostgreSQL rejects negative counts (2201W / 2201X); SQLite treats them as "no limit".
  const code = construct === "LIMIT" ? 1 : 0;
  return /^\d+$/.test(v) ? v : `pg_check_limit(${v}, ${code})`;
}

function values(ctx: Ctx, lists: Node[], scope: Scope): SelectOutput {
  const rows = lists.map((l) => (asKind(l, "List")?.items ?? []).map((n) => translateExpr(ctx, n, scope)));
  const width = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== width)) {
    throw new PgError("SYNTAX_ERROR", "VALUES lists must all be the same length", {
      position: ctx.pos(lists[0]),
    });
  }
  const types = Array.from({ length: width }, (_, i) =>
    commonType(
      rows.map((r) => r[i]!.type),
      "VALUES",
    ),
  );
  const cells = rows.map((r) => r.map((e, i) => coerce(ctx, e, types[i]!, "implicit").sql));
  const sqlRows = cells.map((r) => `(${r.join(", ")})`);
  const columns = types.map((type, i) => ({
    name: `column${i + 1}`,
    alias: `column${i + 1}`,
    type,
    tableOid: 0,
    attnum: 0,
  }));
  // SQLite loses the column names of a multi-row VALUES whose rows refer to outer columns
  // ("no such column: column2"); where that can happen, spell it SELECT ... UNION ALL SELECT ....
  if (rows.length > 1 && (scope.items.length > 0 || scope.parent !== undefined)) {
    const selects = cells.map((r, k) =>
      k === 0 ? `SELECT ${r.map((x, i) => `${x} AS column${i + 1}`).join(", ")}` : `SELECT ${r.join(", ")}`,
    );
    return { sql: selects.join(" UNION ALL "), columns };
  }
  return { sql: `VALUES ${sqlRows.join(", ")}`, columns };
}

function setOperation(
  ctx: Ctx,
  stmt: NodeOf<"SelectStmt">,
  parent: Scope | undefined,
  ctes: CteMap,
): SelectOutput {
  const left = translateSelect(ctx, stmt.larg!, parent, ctes);
  const right = translateSelect(ctx, stmt.rarg!, parent, ctes);
  const ops: Record<string, "UNION" | "INTERSECT" | "EXCEPT"> = {
    SETOP_UNION: "UNION",
    SETOP_INTERSECT: "INTERSECT",
    SETOP_EXCEPT: "EXCEPT",
  };
  const op = ops[stmt.op as string];
  if (!op) throw unsupported(`set operation ${stmt.op}`);
  if (left.columns.length !== right.columns.length) {
    throw new PgError("SYNTAX_ERROR", `each ${op} query must have the same number of columns`);
  }
  const columns = left.columns.map((c, i) => ({
    ...c,
    type: commonType([c.type, right.columns[i]!.type], op),
    tableOid: 0,
    attnum: 0,
  }));
  // SQLite evaluates compound members left to right without parentheses: nest the right side.
  const member = (node: NodeOf<"SelectStmt">, out: SelectOutput) =>
    (node.op && node.op !== "SETOP_NONE") ||
    node.sortClause ||
    node.limitCount ||
    node.limitOffset ||
    node.withClause
      ? `SELECT * FROM (${out.sql})`
      : out.sql;
  if (stmt.all && op !== "UNION") {
    const names = (out: SelectOutput) => out.columns.map((c) => c.alias);
    const sql = setOperationAllSql(op, left.sql, right.sql, names(left), names(right));
    return { sql, columns };
  }
  const all = stmt.all ? " ALL" : "";
  return { sql: `${member(stmt.larg!, left)} ${op}${all} ${member(stmt.rarg!, right)}`, columns };
}

export function translateWith(
  ctx: Ctx,
  w: NodeOf<"WithClause">,
  parent: Scope | undefined,
  ctes: CteMap,
): string {
  const parts: string[] = [];
  for (const node of w.ctes ?? []) {
    const cte = asKind(node, "CommonTableExpr")!;
    const name = cte.ctename!;
    const select = asKind(cte.ctequery, "SelectStmt");
    if (!select) {
      // It runs on its own: the WITH queries before it go with it.
      const prefix = parts.length ? `WITH ${w.recursive ? "RECURSIVE " : ""}${parts.join(", ")} ` : "";
      const out = translateModifyingCte(ctx, cte.ctequery!, prefix);
      const names = (cte.aliascolnames ?? []).map((n) => (n as { String: { sval: string } }).String.sval);
      const columns = columnsNamed(out.columns, names).map((c, i) => ({
        ...c,
        alias: out.columns[i]!.alias,
      }));
      ctes.set(name, {
        columns: columns.map((c) => ({ name: c.name, alias: c.alias, type: c.type })),
        table: out.table,
      });
      continue;
    }
    // MATERIALIZED and NOT MATERIALIZED change plans, not results: nothing to translate.
    const names = (cte.aliascolnames ?? []).map((n) => (n as { String: { sval: string } }).String.sval);
    let out: SelectOutput;
    if (w.recursive && select.op === "SETOP_UNION") {
      // The non-recursive term fixes the column types before the recursive term can refer to them.
      out = translateRecursiveCte(ctx, cte, select, names, parent, ctes, (s, p, c) =>
        translateSelect(ctx, s, p, c),
      );
    } else {
      if (cte.search_clause || cte.cycle_clause)
        throw new PgError("SYNTAX_ERROR", "WITH query is not recursive", { position: ctx.pos(cte.location) });
      out = translateSelect(ctx, select, parent, ctes);
    }
    const columns = columnsNamed(out.columns, names);
    ctes.set(name, { columns: columns.map((c) => ({ name: c.name, alias: c.alias, type: c.type })) });
    const colList = columns.map((c) => quoteIdent(c.alias)).join(", ");
    parts.push(`${quoteIdent(name)}(${colList}) AS (${out.sql})`);
  }
  return parts.length ? `WITH ${w.recursive ? "RECURSIVE " : ""}${parts.join(", ")}` : "";
}

function columnsNamed(columns: OutputColumn[], names: string[]): OutputColumn[] {
  return columns.map((c, i) => (i < names.length ? { ...c, name: names[i]!, alias: names[i]! } : c));
}

/**
 * A statement (INSERT, UPDATE, DELETE) under a WITH clause: the WITH queries are visible while
 * body translates it, and prefix its SQL.
 */
export function withQueries<T extends { sql: string }>(
  ctx: Ctx,
  w: NodeOf<"WithClause"> | undefined,
  body: () => T,
): T {
  if (!w) return body();
  const ctes: CteMap = new Map(ctx.visibleCtes);
  const saved = ctx.visibleCtes;
  ctx.visibleCtes = ctes;
  try {
    const withSql = translateWith(ctx, w, undefined, ctes);
    const out = body();
    return withSql ? { ...out, sql: `${withSql} ${out.sql}` } : out;
  } finally {
    ctx.visibleCtes = saved;
  }
}
