import { PgError, unsupported } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, locationOf, nodeKind, stringList } from "../ast.js";
import { quoteIdent } from "../sqlite-text.js";
import type { Ctx, Expr } from "./context.js";
import { asBool, translateExpr } from "./expr.js";
import { type CteMap, translateFrom } from "./from.js";
import { checkGrouping } from "./group-check.js";
import {
  containsNode,
  expandGroupingSets,
  exprKey,
  isAggregateCall,
  isWindowCall,
  mapChildren,
} from "./grouping-sets-ast.js";
import { sortKey, translateOrderBy } from "./order-by.js";
import { Scope, type ScopeColumn, type ScopeItem } from "./scope.js";
import { limitTail, type SelectOutput } from "./select.js";
import { outputName, translateTargetList } from "./target-list.js";
import { defineWindows, withoutWindows } from "./windows.js";

/**
 * GROUP BY GROUPING SETS / ROLLUP / CUBE and GROUPING(), which SQLite lacks: one grouped query per
 * grouping set, in which the grouping expressions outside the set read as NULL and GROUPING() is a
 * constant, combined with UNION ALL. The select list, ORDER BY and window functions apply to the
 * union: every part of them that reads the rows or the groups (outside window functions) becomes
 * a column of the union, and the rest is computed over it.
 */

/** The union's alias, and the FROM item whose columns are the NULLs of absent grouping expressions. */
const UNION = "?grouping sets";
const ABSENT = "?absent";

const str = (sval: string) => ({ String: { sval } }) as Node;

/** Whether a SELECT needs this translation: grouping sets in GROUP BY, or GROUPING() anywhere. */
export function usesGroupingSets(stmt: NodeOf<"SelectStmt">): boolean {
  if ((stmt.groupClause ?? []).some((g) => asKind(g, "GroupingSet"))) return true;
  return containsNode(
    [stmt.targetList, stmt.havingClause, stmt.sortClause],
    (n) => nodeKind(n) === "GroupingFunc",
  );
}

interface Grouping {
  /** The distinct grouping expressions and their identities (exprKey). */
  exprs: Node[];
  keys: Map<string, number>;
  /** Each grouping set as indexes into exprs. */
  sets: Set<number>[];
}

/** GROUP BY items as expressions: positions and output names stand for select-list entries. */
function groupExpr(ctx: Ctx, node: Node, targets: NodeOf<"ResTarget">[], scope: Scope): Node {
  const n = asKind(node, "A_Const")?.ival;
  if (n !== undefined) {
    const i = n.ival ?? 0;
    if (i < 1 || i > targets.length) {
      throw new PgError("INVALID_COLUMN_REFERENCE", `GROUP BY position ${i} is not in select list`, {
        position: ctx.pos(node),
      });
    }
    return targets[i - 1]!.val!;
  }
  const names = stringList(asKind(node, "ColumnRef")?.fields);
  if (names.length === 1) {
    try {
      scope.resolve(names);
    } catch (e) {
      const target = targets.find((t) => (t.name ?? outputName(t.val!)) === names[0]);
      if (target && e instanceof PgError && e.code === "42703") return target.val!;
    }
  }
  return node;
}

function grouping(
  ctx: Ctx,
  stmt: NodeOf<"SelectStmt">,
  targets: NodeOf<"ResTarget">[],
  scope: Scope,
): Grouping {
  const exprs: Node[] = [];
  const keys = new Map<string, number>();
  let sets = expandGroupingSets(ctx, stmt.groupClause ?? []).map((set) => {
    const indexes = new Set<number>();
    for (const item of set) {
      const expr = groupExpr(ctx, item, targets, scope);
      const key = exprKey(expr, scope);
      let i = keys.get(key);
      if (i === undefined) {
        i = exprs.push(expr) - 1;
        keys.set(key, i);
      }
      indexes.add(i);
    }
    return indexes;
  });
  if (stmt.groupDistinct) {
    const seen = new Set<string>();
    sets = sets.filter((s) => {
      const id = [...s].sort((a, b) => a - b).join(",");
      return !seen.has(id) && seen.add(id) !== undefined;
    });
  }
  return { exprs, keys, sets };
}

/** GROUPING(args): a bit per argument, set when it is not grouped in this set (last argument lowest). */
function groupingValue(ctx: Ctx, node: Node, g: Grouping, scope: Scope, set: Set<number>): Node {
  const args = asKind(node, "GroupingFunc")!.args ?? [];
  if (args.length > 31) {
    throw new PgError("TOO_MANY_ARGUMENTS", "GROUPING must have fewer than 32 arguments", {
      position: ctx.pos(node),
    });
  }
  let mask = 0;
  for (const arg of args) {
    const i = g.keys.get(exprKey(arg, scope));
    if (i === undefined) {
      throw new PgError(
        "GROUPING_ERROR",
        "arguments to GROUPING must be grouping expressions of the associated query level",
        { position: ctx.pos(arg) },
      );
    }
    mask = (mask << 1) | (set.has(i) ? 0 : 1);
  }
  return { A_Const: { ival: { ival: mask }, location: locationOf(node) ?? -1 } } as Node;
}

/** An expression as the grouped query of one set computes it. */
function forSet(ctx: Ctx, g: Grouping, scope: Scope, set: Set<number>): (node: Node) => Node {
  const visit = (node: Node): Node => {
    const kind = nodeKind(node);
    if (kind === "A_Const" || kind === "String" || kind === "ParamRef") return node;
    const i = g.keys.get(exprKey(node, scope));
    if (i !== undefined) {
      if (set.has(i)) return node;
      return { ColumnRef: { fields: [str(ABSENT), str(`g${i}`)], location: locationOf(node) ?? -1 } } as Node;
    }
    if (kind === "GroupingFunc") return groupingValue(ctx, node, g, scope, set);
    // Aggregate arguments see the rows; subqueries have their own grouping.
    if (kind === "SubLink" || isAggregateCall(node)) return node;
    return mapChildren(node, visit);
  };
  return visit;
}

/** Nodes that are parts of expressions rather than expressions: never a column of the union. */
const NOT_EXPRESSIONS = new Set([
  "SortBy",
  "CaseWhen",
  "WindowDef",
  "TypeName",
  "String",
  "List",
  "A_Indices",
  "A_Star",
]);

/** Reads the rows or the groups: a column reference, an aggregate, GROUPING() or a subquery. */
const readsInput = (node: Node) =>
  containsNode(node, (n) => {
    const kind = nodeKind(n);
    return kind === "ColumnRef" || kind === "GroupingFunc" || kind === "SubLink" || isAggregateCall(n);
  });

/** The outer query's view of an expression: its window-free parts that read input become union columns. */
function hider(columns: Node[]): (node: Node) => Node {
  const hide = (node: Node): Node => {
    const kind = nodeKind(node);
    if (kind === "SortBy") {
      const s = asKind(node, "SortBy")!;
      return { SortBy: { ...s, node: hide(s.node!) } } as Node;
    }
    if (!NOT_EXPRESSIONS.has(kind) && !containsNode(node, isWindowCall)) {
      if (!readsInput(node)) return node;
      const k = columns.push(node) - 1;
      return { ColumnRef: { fields: [str(UNION), str(`?c${k}`)], location: locationOf(node) ?? -1 } } as Node;
    }
    return mapChildren(node, hide);
  };
  return hide;
}

/** The select list with `*` written out as the columns it stands for. */
function expandStars(targets: Node[], scope: Scope): NodeOf<"ResTarget">[] {
  return targets.flatMap((node) => {
    const rt = asKind(node, "ResTarget")!;
    const ref = asKind(rt.val, "ColumnRef");
    const fields = stringList(ref?.fields);
    if (fields.at(-1) !== "*") return [rt];
    const items = fields.length === 1 ? scope.items : [scope.item(fields[0]!)];
    if (items.length === 0 || items.includes(undefined)) return [rt];
    return (items as ScopeItem[]).flatMap((item) =>
      item.columns
        .filter((c) => fields.length > 1 || !c.hidden)
        .map((c) => ({
          val: {
            ColumnRef: {
              fields: item.alias ? [str(item.alias), str(c.name)] : [str(c.name)],
              location: ref!.location,
            },
          } as Node,
        })),
    );
  });
}

const LOCKS: Record<string, string> = {
  LCS_FORUPDATE: "FOR UPDATE",
  LCS_FORNOKEYUPDATE: "FOR NO KEY UPDATE",
  LCS_FORSHARE: "FOR SHARE",
  LCS_FORKEYSHARE: "FOR KEY SHARE",
};

export function groupingSetsSelect(
  ctx: Ctx,
  stmt: NodeOf<"SelectStmt">,
  parent: Scope | undefined,
  ctes: CteMap,
): SelectOutput {
  const lock = asKind(stmt.lockingClause?.[0], "LockingClause");
  if (lock) {
    throw new PgError(
      "FEATURE_NOT_SUPPORTED",
      `${LOCKS[lock.strength ?? ""] ?? "FOR UPDATE"} is not allowed with GROUP BY clause`,
    );
  }
  if (stmt.distinctClause?.length && Object.keys(stmt.distinctClause[0]!).length > 0) {
    throw unsupported("DISTINCT ON with GROUPING SETS");
  }
  const scope = new Scope(parent);
  const from = [translateFrom(ctx, stmt.fromClause, scope, ctes)];
  const where = stmt.whereClause
    ? withoutWindows(scope, "WHERE", () => asBool(ctx, stmt.whereClause!, scope, "WHERE"))
    : undefined;
  const targets = expandStars(stmt.targetList ?? [], scope);
  const g = grouping(ctx, stmt, targets, scope);
  const groupingFuncs: Node[] = [];
  containsNode([targets, stmt.havingClause, stmt.sortClause], (n) => {
    if (nodeKind(n) === "GroupingFunc") groupingFuncs.push(n);
    return false;
  });
  for (const f of groupingFuncs) groupingValue(ctx, f, g, scope, new Set());
  checkGrouping(ctx, { ...stmt, targetList: targets.map((t) => ({ ResTarget: t }) as Node) }, scope);
  const exprs = withoutWindows(scope, "GROUP BY", () => g.exprs.map((e) => translateExpr(ctx, e, scope)));

  // The outer query, over the union's columns.
  const columns: Node[] = [];
  const hide = hider(columns);
  const outerTargets = targets.map(
    (t) => ({ ResTarget: { name: t.name ?? outputName(t.val!), val: hide(t.val!) } }) as Node,
  );
  const names = outerTargets.map((t) => asKind(t, "ResTarget")!.name);
  const sort = (stmt.sortClause ?? []).map((node) => {
    const s = asKind(node, "SortBy")!;
    const bare = stringList(asKind(s.node, "ColumnRef")?.fields);
    const output =
      asKind(s.node, "A_Const")?.ival !== undefined || (bare.length === 1 && names.includes(bare[0]));
    return output ? node : hide(node);
  });
  const windows = (stmt.windowClause ?? []).map((w) => hide(w));

  const union = g.sets.map((set) => branch(ctx, stmt, g, set, scope, columns, exprs, from, where));
  const outer = new Scope(parent);
  const unionColumns: ScopeColumn[] = columns.map((_, k) => {
    const cols = union.map((b) => b.columns[k]!);
    const source = cols.find((c) => c.tableOid !== 0) ?? cols[0]!;
    return {
      name: `?c${k}`,
      type: cols[0]!.type,
      ref: `${quoteIdent(UNION)}.${quoteIdent(`?c${k}`)}`,
      tableOid: source.tableOid,
      attnum: source.attnum,
    };
  });
  outer.add({ alias: UNION, columns: unionColumns });
  defineWindows(ctx, windows, outer);
  const out = translateTargetList(ctx, outerTargets, outer);
  const distinct = stmt.distinctClause ? "DISTINCT " : "";
  const order = sort.length ? ` ORDER BY ${translateOrderBy(ctx, sort, outer, out.columns)}` : "";
  const body = union.map((b) => b.sql).join(" UNION ALL ");
  return {
    sql: `SELECT ${distinct}${out.sql} FROM (${body}) AS ${quoteIdent(UNION)}${order}${limitTail(ctx, stmt)}`,
    columns: out.columns,
  };
}

/** The grouped query of one grouping set. */
function branch(
  ctx: Ctx,
  stmt: NodeOf<"SelectStmt">,
  g: Grouping,
  set: Set<number>,
  scope: Scope,
  columns: Node[],
  exprs: Expr[],
  from: string[],
  where: string | undefined,
): { sql: string; columns: { type: Expr["type"]; tableOid: number; attnum: number }[] } {
  const absent: ScopeItem = {
    alias: ABSENT,
    columns: exprs.map((e, i) => ({ name: `g${i}`, type: e.type, ref: "NULL", tableOid: 0, attnum: 0 })),
  };
  scope.items.push(absent);
  const lateral = scope.lateral.length;
  try {
    const rewrite = forSet(ctx, g, scope, set);
    const list = columns.map((c, k) => ({ ResTarget: { name: `?c${k}`, val: rewrite(c) } }) as Node);
    // An empty set is one group even of no rows: an aggregate makes the query an aggregate query.
    if (g.sets.some((s) => s.size === 0)) {
      list.push({
        ResTarget: { name: "?n", val: { FuncCall: { funcname: [str("count")], agg_star: true } } },
      } as Node);
    }
    const targets = translateTargetList(ctx, list, scope);
    const having = stmt.havingClause
      ? withoutWindows(scope, "HAVING", () => asBool(ctx, rewrite(stmt.havingClause!), scope, "HAVING"))
      : undefined;
    const parts = [`SELECT ${targets.sql}`];
    const fromItems = [...from, ...scope.lateral.slice(lateral)].filter((x) => x !== "");
    if (fromItems.length) parts.push(`FROM ${fromItems.join(", ")}`);
    if (where) parts.push(`WHERE ${where}`);
    const keys = [...set].map((i) => {
      const e = exprs[i]!;
      const key = sortKey(e.type, ctx)?.(e.sql) ?? e.sql;
      // A bare integer in SQLite's GROUP BY is a column position.
      return /^-?\d+$/.test(key) ? `coalesce(${key}, NULL)` : key;
    });
    if (keys.length) parts.push(`GROUP BY ${keys.join(", ")}`);
    if (having) parts.push(`HAVING ${having}`);
    return { sql: parts.join(" "), columns: targets.columns };
  } finally {
    scope.items.splice(scope.items.indexOf(absent), 1);
    scope.lateral.length = lateral;
  }
}
