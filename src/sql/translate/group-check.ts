import { PgError } from "../../errors/pg-error.js";
import { functionsNamed } from "../../functions/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import type { Ctx } from "./context.js";
import type { Scope, ScopeColumn } from "./scope.js";

/**
 * PostgreSQL's rule for grouped queries (GROUP BY, HAVING or aggregates): outside aggregate
 * arguments, the select list, HAVING and ORDER BY may use only grouped expressions, columns of a
 * table whose primary key is grouped, and outer references. SQLite would pick an arbitrary row's
 * value instead, so the rule is checked here.
 */
export function checkGrouping(ctx: Ctx, stmt: NodeOf<"SelectStmt">, scope: Scope): void {
  const targets = (stmt.targetList ?? []).map((t) => asKind(t, "ResTarget")!);
  const groupNodes = (stmt.groupClause ?? []).flatMap((g) => groupingNodes(g));
  const grouped =
    groupNodes.length > 0 ||
    stmt.havingClause !== undefined ||
    targets.some((t) => t.val && hasAggregate(t.val));
  if (!grouped) return;
  const exprs = new Set<string>();
  const columns = new Set<ScopeColumn>();
  for (const g of groupNodes) {
    const expr = groupExpr(g, targets, scope);
    const agg = firstAggregate(expr);
    if (agg) {
      throw new PgError("GROUPING_ERROR", "aggregate functions are not allowed in GROUP BY", {
        position: ctx.pos(agg.location),
      });
    }
    exprs.add(shape(expr));
    const col = columnOf(expr, scope);
    if (col) columns.add(col);
    // A JOIN ... USING column groups the joined columns it merges.
    const merged = col && [...scope.merged.entries()].find(([, c]) => c === col)?.[0];
    if (merged) for (const i of scope.items) for (const c of i.columns) if (c.name === merged) columns.add(c);
  }
  const check = (node: Node | undefined) => visit(ctx, node, scope, exprs, columns);
  for (const t of targets) check(t.val);
  check(stmt.havingClause);
  for (const s of stmt.sortClause ?? []) {
    const sort = asKind(s, "SortBy")!.node;
    // ORDER BY a position or an output name refers to a select-list entry, checked already.
    if (asKind(sort, "A_Const")?.ival !== undefined) continue;
    const ref = asKind(sort, "ColumnRef");
    const names = stringList(ref?.fields);
    if (ref && names.length === 1 && targets.some((t) => t.name === names[0])) continue;
    check(sort);
  }
}

/** The expressions a GROUP BY item groups by (all of them, for grouping sets). */
function groupingNodes(node: Node): Node[] {
  const set = asKind(node, "GroupingSet");
  if (set) return (set.content ?? []).flatMap((n) => groupingNodes(n));
  const row = asKind(node, "RowExpr");
  if (row) return row.args ?? [];
  return [node];
}

/** A GROUP BY item as the expression it groups: positions and output names mean select-list entries. */
function groupExpr(node: Node, targets: NodeOf<"ResTarget">[], scope: Scope): Node {
  const n = asKind(node, "A_Const")?.ival?.ival;
  if (n !== undefined && targets[n - 1]?.val) return targets[n - 1]!.val!;
  const names = stringList(asKind(node, "ColumnRef")?.fields);
  if (names.length === 1) {
    // An input column wins over an output name of the same name.
    if (tryResolve(scope, names)) return node;
    const target = targets.find((t) => t.name === names[0]);
    if (target?.val) return target.val;
  }
  return node;
}

function visit(
  ctx: Ctx,
  node: Node | undefined,
  scope: Scope,
  exprs: Set<string>,
  columns: Set<ScopeColumn>,
): void {
  if (node === undefined || node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const n of node) visit(ctx, n as Node, scope, exprs, columns);
    return;
  }
  const kind = kindOf(node);
  if (kind && exprs.has(shape(node))) return;
  if (kind === "FuncCall") {
    const f = asKind(node, "FuncCall")!;
    if (!f.over && isAggregateCall(f)) return;
  }
  // Subqueries have their own FROM; their references to this level are not checked here.
  if (kind === "SubLink") return;
  if (kind === "ColumnRef") {
    const ref = asKind(node, "ColumnRef")!;
    const names = stringList(ref.fields);
    if (names.at(-1) === "*") return;
    const col = tryResolveHere(scope, names);
    if (!col || columns.has(col) || dependsOnGroupedKey(ctx, col, scope, columns)) return;
    const item = scope.items.find((i) => i.columns.includes(col));
    const shown = item?.alias ? `${item.alias}.${col.name}` : col.name;
    throw new PgError(
      "GROUPING_ERROR",
      `column "${shown}" must appear in the GROUP BY clause or be used in an aggregate function`,
      { position: ctx.pos(node) },
    );
  }
  for (const value of Object.values(kind ? (node as Record<string, unknown>)[kind]! : node)) {
    if (value && typeof value === "object") visit(ctx, value as Node, scope, exprs, columns);
  }
}

/** A column of a table whose whole primary key is grouped (PostgreSQL's functional dependency). */
function dependsOnGroupedKey(ctx: Ctx, col: ScopeColumn, scope: Scope, columns: Set<ScopeColumn>): boolean {
  if (!col.tableOid) return false;
  const rel = [...ctx.schema.relations()].find((r) => r.oid === col.tableOid);
  const item = scope.items.find((i) => i.columns.includes(col));
  if (!rel?.primaryKey?.length || !item) return false;
  return rel.primaryKey.every((k) => {
    const keyCol = item.columns.find((c) => c.name === k);
    return keyCol !== undefined && columns.has(keyCol);
  });
}

function columnOf(node: Node, scope: Scope): ScopeColumn | undefined {
  const names = stringList(asKind(node, "ColumnRef")?.fields);
  return names.length ? tryResolveHere(scope, names) : undefined;
}

function tryResolve(scope: Scope, names: string[]): ScopeColumn | undefined {
  try {
    return scope.resolve(names);
  } catch {
    return undefined;
  }
}

/** A column of this query level (outer references are constants of the group). */
function tryResolveHere(scope: Scope, names: string[]): ScopeColumn | undefined {
  const col = tryResolve(scope, names);
  if (!col) return undefined;
  const here = scope.items.some((i) => i.columns.includes(col)) || [...scope.merged.values()].includes(col);
  return here ? col : undefined;
}

function isAggregateCall(f: NodeOf<"FuncCall">): boolean {
  if (f.agg_star || f.agg_within_group) return true;
  const defs = functionsNamed(stringList(f.funcname).at(-1)!);
  return defs.length > 0 && defs.every((d) => d.kind === "aggregate" || d.kind === "udf-aggregate");
}

/** Whether an expression has an aggregate call of this query level. */
export function hasAggregate(node: Node): boolean {
  if (node === null || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some((n) => hasAggregate(n as Node));
  const kind = kindOf(node);
  if (kind === "SubLink") return false;
  if (kind === "FuncCall") {
    const f = asKind(node, "FuncCall")!;
    if (!f.over && isAggregateCall(f)) return true;
  }
  const inner = kind ? (node as Record<string, unknown>)[kind] : node;
  return Object.values(inner as object).some((v) => v && typeof v === "object" && hasAggregate(v as Node));
}

/** A call in an expression, of this query level, that pred picks. */
function findCall(node: unknown, pred: (f: NodeOf<"FuncCall">) => boolean): NodeOf<"FuncCall"> | undefined {
  if (node === null || typeof node !== "object") return undefined;
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = findCall(n, pred);
      if (found) return found;
    }
    return undefined;
  }
  const kind = kindOf(node);
  if (kind === "SubLink") return undefined;
  if (kind === "FuncCall" && pred(asKind(node as Node, "FuncCall")!)) return asKind(node as Node, "FuncCall");
  const inner = kind ? (node as Record<string, unknown>)[kind] : node;
  for (const v of Object.values(inner as object)) {
    const found = findCall(v, pred);
    if (found) return found;
  }
  return undefined;
}

/** A plain aggregate call's arguments may hold neither aggregates nor window functions. */
export function checkAggregateArguments(ctx: Ctx, f: NodeOf<"FuncCall">): void {
  if (f.over || !isAggregateCall(f)) return;
  const inner = [f.args, f.agg_order];
  const nested = findCall(inner, (g) => !g.over && isAggregateCall(g));
  if (nested) {
    throw new PgError("GROUPING_ERROR", "aggregate function calls cannot be nested", {
      position: ctx.pos(nested.location),
    });
  }
  const windowed = findCall(inner, (g) => g.over !== undefined);
  if (windowed) {
    throw new PgError("GROUPING_ERROR", "aggregate function calls cannot contain window function calls", {
      position: ctx.pos(windowed.location),
    });
  }
}

/** An expression's structure, without the source positions that differ between its occurrences. */
function shape(node: Node): string {
  return JSON.stringify(node, (key, value) => (key === "location" ? undefined : value));
}

/** The node kind of an AST node ({ ColumnRef: {...} }), or undefined for plain field objects. */
function kindOf(node: object): string | undefined {
  const keys = Object.keys(node);
  return keys.length === 1 && /^[A-Z]/.test(keys[0]!) ? keys[0] : undefined;
}

/** Every node below `node` (not into subqueries when `sublinks` is false) for which `test` holds. */
export function find<T>(node: unknown, test: (n: Node) => T | undefined, sublinks = true): T | undefined {
  if (node === null || typeof node !== "object") return undefined;
  if (Array.isArray(node)) {
    for (const x of node) {
      const r = find(x, test, sublinks);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  const hit = test(node as Node);
  if (hit !== undefined) return hit;
  if (!sublinks && "SubLink" in node) return undefined;
  for (const v of Object.values(node)) {
    const r = find(v, test, sublinks);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** The first aggregate call of this query level in node (not one inside another's arguments). */
export function firstAggregate(node: unknown): NodeOf<"FuncCall"> | undefined {
  return find(
    node,
    (n) => {
      const f = asKind(n, "FuncCall");
      return f && hasAggregate(n) && !find(f.args, (m) => (hasAggregate(m) ? m : undefined), false)
        ? f
        : undefined;
    },
    false,
  );
}
