// Which views PostgreSQL would call automatically updatable (pg_relation_is_updatable and
// pg_column_is_updatable, as view_query_is_auto_updatable decides): one table or updatable view in
// FROM, no DISTINCT, GROUP BY, HAVING, LIMIT, OFFSET, WITH, set operations, aggregates, window or
// set-returning functions; a column is updatable when it is a plain column of that relation.
// This describes PostgreSQL's answer for the information_schema; writing through views is a
// separate matter.
import { allFunctions } from "../../functions/registry.js";
import type { Node, NodeOf } from "../../sql/ast.js";
import { asKind, stringList } from "../../sql/ast.js";
import { parseSql } from "../../sql/parse.js";
import type { RelationInfo, SchemaView } from "../../sql/schema.js";

/** pg_relation_is_updatable's bits: UPDATE (4), INSERT (8), DELETE (16). */
export const UPDATE = 4;
export const INSERT = 8;
export const DELETE = 16;

/** The built-in views PostgreSQL 15 reports as automatically updatable. */
export const UPDATABLE_BUILTIN_VIEWS = new Set([
  "pg_catalog.pg_group",
  "pg_catalog.pg_stat_database_conflicts",
]);

interface Analysis {
  events: number;
  /** The view's columns that are plain columns of its relation. */
  columns: Set<string>;
}

const cache = new WeakMap<RelationInfo, Analysis>();

function selectOf(view: RelationInfo): { select: NodeOf<"SelectStmt">; names: string[] } | undefined {
  try {
    const stmt = asKind(parseSql(view.sql ?? "")[0]?.node, "ViewStmt");
    const select = asKind(stmt?.query, "SelectStmt");
    return select && stmt ? { select, names: stringList(stmt.aliases) } : undefined;
  } catch {
    return undefined;
  }
}

let special: Set<string> | undefined;

/** Names (PostgreSQL's and SQLite's) of aggregate and set-returning functions. */
function specialNames(): Set<string> {
  if (special) return special;
  special = new Set();
  for (const d of allFunctions()) {
    if (d.kind !== "aggregate" && d.kind !== "udf-aggregate" && d.kind !== "udf-set") continue;
    special.add(d.name);
    if ("udfName" in d) special.add(d.udfName);
  }
  return special;
}

/** Whether an expression calls an aggregate, window or set-returning function. */
function hasSpecialCall(node: unknown): boolean {
  if (!node || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some(hasSpecialCall);
  const call = (node as { FuncCall?: NodeOf<"FuncCall"> }).FuncCall;
  if (call) {
    if (call.over || call.agg_star) return true;
    if (specialNames().has(stringList(call.funcname).at(-1) ?? "")) return true;
  }
  return Object.values(node).some(hasSpecialCall);
}

function analyse(schema: SchemaView, view: RelationInfo, depth: number): Analysis {
  const hit = cache.get(view);
  if (hit) return hit;
  const none: Analysis = { events: 0, columns: new Set() };
  const parsed = selectOf(view);
  const s = parsed?.select;
  let result = none;
  const from = s?.fromClause?.length === 1 ? asKind(s.fromClause[0], "RangeVar") : undefined;
  const simple =
    s &&
    from &&
    s.op === "SETOP_NONE" &&
    !s.distinctClause &&
    !s.groupClause &&
    !s.havingClause &&
    !s.limitCount &&
    !s.limitOffset &&
    !s.withClause &&
    !s.windowClause &&
    !hasSpecialCall(s.targetList);
  const base = simple ? schema.relation(from.relname ?? "") : undefined;
  const baseUpdatable =
    base && (base.kind === "table" || (depth < 10 && analyse(schema, base, depth + 1).events !== 0));
  if (s && baseUpdatable) {
    const columns = new Set<string>();
    (s.targetList ?? []).forEach((t, i) => {
      const target = asKind(t, "ResTarget");
      const ref = asKind(target?.val as Node | undefined, "ColumnRef");
      if (ref) columns.add(parsed!.names[i] ?? target?.name ?? stringList(ref.fields).at(-1)!);
    });
    result = { events: DELETE | (columns.size > 0 ? INSERT | UPDATE : 0), columns };
  }
  cache.set(view, result);
  return result;
}

/** pg_relation_is_updatable(view, false). */
export function viewEvents(schema: SchemaView, view: RelationInfo): number {
  return analyse(schema, view, 0).events;
}

/** pg_column_is_updatable(view, column, false). */
export function viewColumnUpdatable(schema: SchemaView, view: RelationInfo, column: string): boolean {
  return analyse(schema, view, 0).columns.has(column);
}
