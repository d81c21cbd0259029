import { catalogDefinition, catalogTableName } from "../../catalog/catalog.js";
import { catalogColumnType } from "../../catalog/information-schema/domains.js";
import { PgError, unsupported } from "../../errors/pg-error.js";
import { elementTypeOf } from "../../types/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, nodeKind, stringList } from "../ast.js";
import { BYTEA, JSON_TYPE, JSONB } from "../oids.js";
import { quoteIdent } from "../sqlite-text.js";
import { coerce, commonType } from "./coerce.js";
import type { CteInfo, Ctx } from "./context.js";
import { asBool } from "./expr.js";
import { relationColumns, type Scope, type ScopeColumn, type ScopeItem, systemColumns } from "./scope.js";
import { translateSelect } from "./select.js";
import { rangeFunction, takeSelectListFunctions } from "./set-functions.js";
import { translateTargetList } from "./target-list.js";

/** FROM clauses: tables, views, subqueries and joins, added to a scope. Returns the SQLite FROM list. */
export function translateFrom(ctx: Ctx, from: Node[] | undefined, scope: Scope, ctes: CteMap): string {
  return (from ?? [])
    .map((item) => fromItem(ctx, item, scope, ctes).sql)
    .filter((sql) => sql !== "")
    .join(", ");
}

/** Common table expressions visible by name, with the columns each produces. */
export type CteMap = Map<string, CteInfo>;

interface FromResult {
  sql: string;
  items: ScopeItem[];
}

function aliasColumns(alias: NodeOf<"Alias"> | undefined): string[] {
  return stringList(alias?.colnames);
}

function renamed<T extends { name: string }>(
  cols: T[],
  names: string[],
  alias: string,
  position?: number,
): T[] {
  if (names.length > cols.length) {
    throw new PgError(
      "INVALID_COLUMN_REFERENCE",
      `table "${alias}" has ${cols.length} columns available but ${names.length} columns specified`,
      { position },
    );
  }
  return cols.map((c, i) => (i < names.length ? { ...c, name: names[i]! } : c));
}

function fromItem(ctx: Ctx, node: Node, scope: Scope, ctes: CteMap): FromResult {
  const kind = nodeKind(node);
  switch (kind) {
    case "RangeVar":
      return rangeVar(ctx, asKind(node, "RangeVar")!, scope, ctes);
    case "RangeSubselect":
      return rangeSubselect(ctx, asKind(node, "RangeSubselect")!, scope);
    case "JoinExpr":
      return join(ctx, asKind(node, "JoinExpr")!, scope, ctes);
    case "RangeFunction": {
      const r = rangeFunction(ctx, asKind(node, "RangeFunction")!, scope);
      return { sql: r.sql, items: [r.item] };
    }
    default:
      throw unsupported(`${kind} in FROM`, ctx.pos(node));
  }
}

function rangeVar(ctx: Ctx, rv: NodeOf<"RangeVar">, scope: Scope, ctes: CteMap): FromResult {
  const name = rv.relname ?? "";
  const position = ctx.pos(rv.location);
  const alias = rv.alias?.aliasname ?? name;
  const cte = rv.schemaname === undefined ? ctes.get(name) : undefined;
  if (cte) {
    const cols = cte.columns.map((c, i) => ({
      name: c.name,
      type: c.type,
      ref: `${quoteIdent(alias)}.${quoteIdent(c.alias)}`,
      tableOid: 0,
      attnum: 0,
      index: i,
    }));
    const item = { alias, columns: renamed(cols, aliasColumns(rv.alias), alias, position) };
    scope.add(item, position);
    return { sql: `${cte.table ?? quoteIdent(name)} AS ${quoteIdent(alias)}`, items: [item] };
  }
  // pg_catalog is searched first, before public, as PostgreSQL's search_path implies.
  const catalogSchema = rv.schemaname ?? "pg_catalog";
  const catalog =
    catalogSchema === "pg_catalog" || catalogSchema === "information_schema"
      ? catalogDefinition(catalogSchema, name)
      : undefined;
  if (catalog) {
    const cols = relationColumns(
      alias,
      catalog.columns.map(([n, oid, typmod], i) => ({
        name: n,
        type: catalogColumnType(oid, typmod),
        attnum: i + 1,
      })),
      catalog.oid,
    );
    const item: ScopeItem = { alias, columns: renamed(cols, aliasColumns(rv.alias), alias, position) };
    // Catalog tables have system columns too; psql joins pg_description on tableoid.
    if (catalog.kind === "r") item.systemColumns = systemColumns(alias, catalog.oid);
    scope.add(item, position);
    ctx.notConstant = true;
    // A catalog relation is a table-valued function SQLite can only scan. As a subquery SQLite
    // cannot flatten (LIMIT -1 is no limit), a join materializes it and indexes it automatically
    // on the join columns; a nested loop over several relations would take minutes.
    const table = quoteIdent(catalogTableName(catalogSchema, name));
    return {
      sql: `(SELECT rowid AS rowid, * FROM ${table} LIMIT -1) AS ${quoteIdent(alias)}`,
      items: [item],
    };
  }
  if (rv.schemaname !== undefined && rv.schemaname !== "public") {
    throw new PgError("UNDEFINED_TABLE", `relation "${rv.schemaname}.${name}" does not exist`, { position });
  }
  const rel = ctx.schema.relation(name);
  if (!rel) throw new PgError("UNDEFINED_TABLE", `relation "${name}" does not exist`, { position });
  const cols = relationColumns(
    alias,
    rel.columns.map((c) => ({ name: c.name, type: { oid: c.typeOid, typmod: c.typmod }, attnum: c.attnum })),
    rel.oid,
  );
  const item: ScopeItem = { alias, columns: renamed(cols, aliasColumns(rv.alias), alias, position) };
  if (rel.kind === "table") item.systemColumns = systemColumns(alias, rel.oid);
  scope.add(item, position);
  return { sql: `${quoteIdent(rel.name)} AS ${quoteIdent(alias)}`, items: [item] };
}

function rangeSubselect(ctx: Ctx, rs: NodeOf<"RangeSubselect">, scope: Scope): FromResult {
  const alias = rs.alias?.aliasname;
  if (!alias) {
    throw new PgError("SYNTAX_ERROR", "subquery in FROM must have an alias", {
      hint: "For example, FROM (SELECT ...) [AS] foo.",
    });
  }
  const select = asKind(rs.subquery, "SelectStmt");
  if (!select) throw unsupported("this subquery in FROM");
  if (rs.lateral) return lateralSubselect(ctx, rs, select, alias, scope);
  // Without LATERAL, a subquery sees outer query levels but not its FROM siblings.
  const parent = rs.lateral ? scope : scope.parent;
  const sub = translateSelect(ctx, select, parent);
  const cols = sub.columns.map((c) => ({
    name: c.name,
    type: c.type,
    ref: `${quoteIdent(alias)}.${quoteIdent(c.alias)}`,
    tableOid: c.tableOid,
    attnum: c.attnum,
  }));
  const item = { alias, columns: renamed(cols, aliasColumns(rs.alias), alias) };
  scope.add(item);
  return { sql: `(${sub.sql}) AS ${quoteIdent(alias)}`, items: [item] };
}

/**
 * LATERAL (SELECT expr, ...) without FROM is one row computed from the items before it: SQLite has
 * no LATERAL, so its columns become those expressions. Other LATERAL subqueries: see jsonLateral.
 */
function lateralSubselect(
  ctx: Ctx,
  rs: NodeOf<"RangeSubselect">,
  select: NodeOf<"SelectStmt">,
  alias: string,
  scope: Scope,
): FromResult {
  const simple =
    !select.fromClause?.length &&
    !select.whereClause &&
    !select.groupClause?.length &&
    !select.havingClause &&
    !select.sortClause?.length &&
    !select.limitCount &&
    !select.limitOffset &&
    !select.distinctClause &&
    !select.valuesLists &&
    !select.withClause &&
    (!select.op || select.op === "SETOP_NONE");
  if (!simple) return jsonLateral(ctx, rs, select, alias, scope);
  const lateral = scope.lateral.length;
  const targets = translateTargetList(ctx, select.targetList ?? [], scope);
  // Set-returning functions in its select list join here, after the items they refer to.
  const functions = takeSelectListFunctions(scope, lateral);
  const cols = targets.columns.map((c, i) => ({
    name: c.name,
    type: c.type,
    ref: `(${targets.exprs[i]})`,
    tableOid: 0,
    attnum: 0,
  }));
  const item = { alias, columns: renamed(cols, aliasColumns(rs.alias), alias) };
  scope.add(item);
  // Otherwise a one-row item without SQL of its own: the join with it keeps every row.
  return { sql: functions, items: [item] };
}

/**
 * A LATERAL subquery in general: SQLite has no LATERAL, but a table-valued function may take
 * arguments from the FROM items before it. The subquery's rows, computed for each row of those
 * items, are packed into a JSON array of rows (a correlated scalar subquery) that json_each unpacks.
 * bytea values travel as hex; JSON values as their text.
 */
function jsonLateral(
  ctx: Ctx,
  rs: NodeOf<"RangeSubselect">,
  select: NodeOf<"SelectStmt">,
  alias: string,
  scope: Scope,
): FromResult {
  const sub = translateSelect(ctx, select, scope);
  ctx.notConstant = true;
  const a = quoteIdent(alias);
  const packed = sub.columns.map((c) => {
    const v = quoteIdent(c.alias);
    if (c.type.oid === BYTEA) return `CASE WHEN ${v} IS NOT NULL THEN hex(${v}) END`;
    return jsonStored(c.type.oid) ? `CAST(${v} AS TEXT)` : v;
  });
  const cols = sub.columns.map((c, i) => {
    const value = `json_extract(${a}.value, '$[${i}]')`;
    return {
      name: c.name,
      type: c.type,
      ref: c.type.oid === BYTEA ? `unhex(${value})` : value,
      tableOid: 0,
      attnum: 0,
    };
  });
  const item = { alias, columns: renamed(cols, aliasColumns(rs.alias), alias) };
  scope.add(item);
  const rows = `(SELECT json_group_array(json_array(${packed.join(", ")})) FROM (${sub.sql}))`;
  return { sql: `json_each(${rows}) AS ${a}`, items: [item] };
}

/** Types whose storage is JSON text, which json_array would otherwise embed as JSON. */
function jsonStored(oid: number): boolean {
  return oid === JSON_TYPE || oid === JSONB || elementTypeOf(oid) !== undefined;
}

const JOIN_SQL: Record<string, string> = {
  JOIN_INNER: "JOIN",
  JOIN_LEFT: "LEFT JOIN",
  JOIN_FULL: "FULL JOIN",
  JOIN_RIGHT: "RIGHT JOIN",
};

function join(ctx: Ctx, j: NodeOf<"JoinExpr">, scope: Scope, ctes: CteMap): FromResult {
  const joinSql = JOIN_SQL[j.jointype ?? "JOIN_INNER"];
  if (!joinSql) throw unsupported(`join type ${j.jointype}`);
  const left = fromItem(ctx, j.larg!, scope, ctes);
  const right = fromItem(ctx, j.rarg!, scope, ctes);
  const leftCols = left.items.flatMap((i) => i.columns.filter((c) => !c.hidden));
  const rightCols = right.items.flatMap((i) => i.columns.filter((c) => !c.hidden));
  let using = stringList(j.usingClause);
  if (j.isNatural)
    using = leftCols.filter((l) => rightCols.some((r) => r.name === l.name)).map((c) => c.name);
  if (right.sql === "") {
    // A LATERAL subquery computed in place (see lateralSubselect): one row, nothing to join.
    const quals = asKind(j.quals, "A_Const");
    if (j.quals && !quals?.boolval?.boolval) throw unsupported("a join condition on a LATERAL subquery");
    return { sql: left.sql, items: [...left.items, ...right.items] };
  }
  const rightSql = asKind(j.rarg, "JoinExpr") ? `(${right.sql})` : right.sql;
  let on: string;
  const items = [...left.items, ...right.items];
  if (using.length > 0 || j.isNatural) {
    const conds: string[] = [];
    const merged: ScopeColumn[] = [];
    for (const name of using) {
      const l = leftCols.find((c) => c.name === name);
      const r = rightCols.find((c) => c.name === name);
      if (!l || !r) {
        throw new PgError(
          "UNDEFINED_COLUMN",
          `column "${name}" specified in USING clause does not exist in ${l ? "right" : "left"} table`,
        );
      }
      const type = commonType([l.type, r.type], "JOIN/USING");
      const lc = coerce(ctx, { sql: l.ref, type: l.type }, type, "implicit").sql;
      const rc = coerce(ctx, { sql: r.ref, type: r.type }, type, "implicit").sql;
      conds.push(`${lc} = ${rc}`);
      const ref =
        j.jointype === "JOIN_FULL" ? `COALESCE(${lc}, ${rc})` : j.jointype === "JOIN_RIGHT" ? rc : lc;
      merged.push({ name, type, ref, tableOid: 0, attnum: 0 });
      l.hidden = true;
      r.hidden = true;
      scope.merged.set(name, merged.at(-1)!);
    }
    on = conds.length ? ` ON ${conds.join(" AND ")}` : " ON 1";
    // In `*`, the merged columns come first, in place of the join's left side.
    const mergedItem = { alias: undefined, columns: merged };
    scope.items.splice(Math.max(0, scope.items.indexOf(left.items[0]!)), 0, mergedItem);
    items.unshift(mergedItem);
  } else if (j.quals) {
    on = ` ON ${asBool(ctx, j.quals, scope, "JOIN/ON")}`;
  } else {
    on = joinSql === "JOIN" ? "" : " ON 1";
  }
  const sql = `${left.sql} ${on === "" ? "CROSS JOIN" : joinSql} ${rightSql}${on}`;
  if (j.alias) throw unsupported("aliases on JOIN clauses");
  return { sql, items };
}
