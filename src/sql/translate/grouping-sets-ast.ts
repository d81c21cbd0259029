import { PgError } from "../../errors/pg-error.js";
import { functionsNamed } from "../../functions/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, nodeKind, stringList } from "../ast.js";
import type { Ctx } from "./context.js";
import type { Scope } from "./scope.js";

/**
 * Grouping sets on the parse tree: expanding GROUP BY into its sets (PostgreSQL's
 * expand_grouping_sets), comparing expressions as PostgreSQL matches them to grouping
 * expressions, and rewriting trees.
 */

/** PostgreSQL's limit on the number of grouping sets (MAX_GROUPING_SETS in parse_agg.c). */
const MAX_GROUPING_SETS = 4096;

/** Whether v is an AST node ({ Kind: {...} }) rather than a field structure or a scalar. */
export function isNode(v: unknown): v is Node {
  if (!v || typeof v !== "object" || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && /^[A-Z]/.test(keys[0]!);
}

/** A copy of node whose child nodes (in fields, lists and field structures) are replaced by f. */
export function mapChildren(node: Node, f: (child: Node) => Node): Node {
  const map = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(map);
    if (isNode(v)) return f(v);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, map(x)]));
    }
    return v;
  };
  const kind = nodeKind(node);
  return { [kind]: map((node as unknown as Record<string, unknown>)[kind]) } as unknown as Node;
}

/** Whether a tree has a node satisfying test, not looking into subqueries. */
export function containsNode(v: unknown, test: (node: Node) => boolean): boolean {
  if (Array.isArray(v)) return v.some((x) => containsNode(x, test));
  if (!v || typeof v !== "object") return false;
  if (isNode(v)) {
    if (test(v)) return true;
    if (nodeKind(v) === "SubLink") return false;
  }
  return Object.values(isNode(v) ? (v as unknown as Record<string, unknown>)[nodeKind(v)]! : v).some((x) =>
    containsNode(x, test),
  );
}

/** An aggregate call of this query level: its arguments see the rows, not the groups. */
export function isAggregateCall(node: Node): boolean {
  const f = asKind(node, "FuncCall");
  if (!f || f.over) return false;
  if (f.agg_star || f.agg_distinct || f.agg_within_group || f.agg_filter || f.agg_order?.length) return true;
  return functionsNamed(stringList(f.funcname).at(-1)!).some(
    (d) => d.kind === "aggregate" || d.kind === "udf-aggregate",
  );
}

export const isWindowCall = (node: Node): boolean => asKind(node, "FuncCall")?.over !== undefined;

function tryResolve(scope: Scope, names: string[]): string | undefined {
  try {
    return scope.resolve(names).ref;
  } catch {
    return undefined;
  }
}

/**
 * An expression's identity for matching it to grouping expressions: its structure without source
 * positions, with column references resolved (so `region` and `s.region` are one expression).
 */
export function exprKey(node: Node, scope: Scope): string {
  return JSON.stringify(node, (key, value) => {
    if (key === "location") return undefined;
    if (key === "ColumnRef") {
      const names = stringList((value as NodeOf<"ColumnRef">).fields);
      const ref = tryResolve(scope, names);
      return ref !== undefined ? `column ${ref}` : `name ${names.join(".")}`;
    }
    return value;
  });
}

/** A parenthesized list in ROLLUP, CUBE or GROUPING SETS: several expressions grouped as one item. */
function itemExprs(node: Node): Node[] {
  const row = asKind(node, "RowExpr");
  return row && row.row_format === "COERCE_IMPLICIT_CAST" ? (row.args ?? []) : [node];
}

function tooMany(ctx: Ctx, node: Node): PgError {
  return new PgError(
    "STATEMENT_TOO_COMPLEX",
    `too many grouping sets present (maximum ${MAX_GROUPING_SETS})`,
    {
      position: ctx.pos(node),
    },
  );
}

/** The grouping sets one GROUP BY item stands for, each a list of expressions. */
function expandItem(ctx: Ctx, node: Node, top: boolean): Node[][] {
  const set = asKind(node, "GroupingSet");
  if (!set) return [top ? [node] : itemExprs(node)];
  const content = set.content ?? [];
  switch (set.kind) {
    case "GROUPING_SET_EMPTY":
      return [[]];
    case "GROUPING_SET_SIMPLE":
      return [content.flatMap(itemExprs)];
    case "GROUPING_SET_ROLLUP": {
      const parts = content.map(itemExprs);
      return parts.map((_, i) => parts.slice(0, parts.length - i).flat()).concat([[]]);
    }
    case "GROUPING_SET_CUBE": {
      const parts = content.map(itemExprs);
      if (parts.length > 12) throw tooMany(ctx, node);
      const out: Node[][] = [];
      for (let mask = (1 << parts.length) - 1; mask >= 0; mask--) {
        out.push(parts.filter((_, i) => mask & (1 << (parts.length - 1 - i))).flat());
      }
      return out;
    }
    case "GROUPING_SET_SETS":
      return content.flatMap((c) => expandItem(ctx, c, false));
    default:
      throw new Error(`grouping set of kind ${set.kind}`);
  }
}

/** The grouping sets of a GROUP BY clause: the cross product of its items' sets. */
export function expandGroupingSets(ctx: Ctx, items: Node[]): Node[][] {
  let sets: Node[][] = [[]];
  for (const item of items) {
    const expanded = expandItem(ctx, item, true);
    if (sets.length * expanded.length > MAX_GROUPING_SETS) throw tooMany(ctx, item);
    sets = sets.flatMap((s) => expanded.map((e) => [...s, ...e]));
  }
  return sets;
}
