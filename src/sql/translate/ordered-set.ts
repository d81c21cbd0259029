import { PgError, unsupported } from "../../errors/pg-error.js";
import {
  isHypotheticalSetAggregate,
  isOrderedSetAggregate,
} from "../../functions/lib/ordered-set-aggregates.js";
import { type FunctionDef, functionsNamed, resultType } from "../../functions/registry.js";
import { arrayTypeOf, elementTypeOf, formatType } from "../../types/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import { FLOAT8, t, UNKNOWN } from "../oids.js";
import type { SqlType } from "../plan.js";
import { canCoerceImplicitly, coerce, commonType } from "./coerce.js";
import type { Ctx, Expr } from "./context.js";
import { asBool, translateExpr } from "./expr.js";
import { keyed } from "./operators.js";
import { renderSort, type SortItem, sortKey } from "./order-by.js";
import { chooseOverload } from "./overloads.js";
import type { Scope } from "./scope.js";

/**
 * Ordered-set aggregates: `agg(direct args) WITHIN GROUP (ORDER BY sort args)`. percentile_cont,
 * percentile_disc and mode are JavaScript aggregates fed the sorted values (ORDER BY inside the
 * call); the hypothetical-set aggregates (rank, dense_rank, percent_rank, cume_dist of a
 * hypothetical row) count the rows that sort before it or are its peers.
 */

/** PostgreSQL's 42809 for an ordered-set aggregate called without WITHIN GROUP. */
export function withinGroupRequired(def: FunctionDef, position: number | undefined): PgError | undefined {
  if (!isOrderedSetAggregate(def)) return undefined;
  return new PgError("WRONG_OBJECT_TYPE", `WITHIN GROUP is required for ordered-set aggregate ${def.name}`, {
    position,
  });
}

interface SortArg {
  expr: Expr;
  item: SortItem;
  node: Node;
}

function sortArgs(ctx: Ctx, items: Node[], scope: Scope): SortArg[] {
  return items.map((node) => {
    const sort = asKind(node, "SortBy")!;
    if (sort.useOp) throw unsupported("ORDER BY ... USING", ctx.pos(node));
    const expr = translateExpr(ctx, sort.node!, scope);
    const desc = sort.sortby_dir === "SORTBY_DESC";
    const nullsFirst =
      !sort.sortby_nulls || sort.sortby_nulls === "SORTBY_NULLS_DEFAULT"
        ? desc
        : sort.sortby_nulls === "SORTBY_NULLS_FIRST";
    const item = { sql: expr.sql, type: expr.type, desc, nullsFirst, key: sortKey(expr.type, ctx) };
    return { expr, item, node: sort.node! };
  });
}

function typeList(types: SqlType[]): string {
  return types.map((x) => (x.oid === UNKNOWN ? "unknown" : formatType(x.oid, -1))).join(", ");
}

function noSuchFunction(
  name: string,
  types: SqlType[],
  position: number | undefined,
  hint?: string,
): PgError {
  return new PgError("UNDEFINED_FUNCTION", `function ${name}(${typeList(types)}) does not exist`, {
    position,
    hint:
      hint ??
      "No function matches the given name and argument types. You might need to add explicit type casts.",
  });
}

/** percentile_*(ARRAY[...]): an array of fractions of another number type is float8[] (array_coerce). */
function fractionArray(ctx: Ctx, e: Expr): Expr {
  const elem = elementTypeOf(e.type.oid);
  if (elem === undefined || elem === FLOAT8 || !canCoerceImplicitly(elem, FLOAT8)) return e;
  return coerce(ctx, e, t(arrayTypeOf(FLOAT8)!), "explicit");
}

export function translateWithinGroup(
  ctx: Ctx,
  f: NodeOf<"FuncCall">,
  scope: Scope,
  name: string,
  position: number | undefined,
): Expr {
  let direct = (f.args ?? []).map((a) => translateExpr(ctx, a, scope));
  const sorted = sortArgs(ctx, f.agg_order ?? [], scope);
  if (name.startsWith("percentile_")) direct = direct.map((d) => fractionArray(ctx, d));
  const types = [...direct.map((d) => d.type), ...sorted.map((s) => s.expr.type)];
  const resolved = chooseOverload(functionsNamed(name), types);
  if (!resolved) throw noSuchFunction(name, types, position);
  const def = resolved.def;
  if (!isOrderedSetAggregate(def)) {
    const aggregate = def.kind === "aggregate" || def.kind === "udf-aggregate";
    throw new PgError(
      "WRONG_OBJECT_TYPE",
      aggregate
        ? `${name} is not an ordered-set aggregate, so it cannot have WITHIN GROUP`
        : `WITHIN GROUP specified, but ${name} is not an aggregate function`,
      { position },
    );
  }
  if (f.over) {
    throw new PgError("FEATURE_NOT_SUPPORTED", `OVER is not supported for ordered-set aggregate ${name}`, {
      position,
    });
  }
  ctx.notConstant = true;
  const filter = f.agg_filter ? asBool(ctx, f.agg_filter, scope, "FILTER") : undefined;
  if (isHypotheticalSetAggregate(def)) {
    if (direct.length !== sorted.length) {
      throw noSuchFunction(
        name,
        types,
        position,
        `To use the hypothetical-set aggregate ${name}, the number of hypothetical direct arguments (here ${direct.length}) must match the number of ordering columns (here ${sorted.length}).`,
      );
    }
    return hypotheticalSet(ctx, def, direct, sorted, filter);
  }
  const args = [...direct, ...sorted.map((s) => s.expr)].map((a, i) =>
    coerce(ctx, a, resolved.targets[i]!, "implicit", a.position ?? position),
  );
  if (def.kind !== "udf-aggregate") throw new Error(`${name} is not a JavaScript aggregate`);
  const typeArgs = def.passTypes ? args.map((a) => String(a.type.oid)) : [];
  const list = [...typeArgs, ...args.map((a) => a.sql)].join(", ");
  const order = renderSort(sorted.map((s) => s.item));
  let sql = `${def.udfName}(${list} ORDER BY ${order})${filter ? ` FILTER (WHERE ${filter})` : ""}`;
  // A single fraction is checked even when the group is empty (percentile_*_final).
  if (name.startsWith("percentile_") && args[0]!.type.oid === FLOAT8) {
    sql = `pg_percentile_check(${args[0]!.sql}, ${sql})`;
  }
  return {
    sql,
    type: resultType(
      def,
      args.map((a) => a.type),
    ),
  };
}

/**
 * rank, dense_rank, percent_rank and cume_dist of a hypothetical row: each direct argument and its
 * sort column are unified to a common type; the result counts the rows sorting before the
 * hypothetical row (and its peers), as if it were added to the group.
 */
function hypotheticalSet(
  ctx: Ctx,
  def: FunctionDef,
  direct: Expr[],
  sorted: SortArg[],
  filter: string | undefined,
): Expr {
  const pairs = direct.map((h, i) => {
    const s = sorted[i]!;
    const common = commonType([h.type, s.expr.type], "WITHIN GROUP", ctx.pos(s.node));
    const hv = coerce(ctx, h, common, "implicit").sql;
    const xv = coerce(ctx, s.expr, common, "implicit").sql;
    return { h: hv, x: xv, kh: keyed(ctx, common, hv), kx: keyed(ctx, common, xv), item: s.item };
  });
  // Row sorts strictly before the hypothetical row in column i, and the two are peers in column i.
  const before = pairs.map(({ h, x, kh, kx, item }) => {
    const cmp = `${kx} ${item.desc ? ">" : "<"} ${kh}`;
    return item.nullsFirst
      ? `(${h} IS NOT NULL AND (${x} IS NULL OR ${cmp}))`
      : `(${x} IS NOT NULL AND (${h} IS NULL OR ${cmp}))`;
  });
  const peer = pairs.map(({ h, x, kh, kx }) => `((${x} IS NULL AND ${h} IS NULL) OR ${kx} = ${kh})`);
  const precedes = `(${before.map((b, i) => [...peer.slice(0, i), b].join(" AND ")).join(" OR ")})`;
  const allPeers = `(${peer.join(" AND ")})`;
  const where = (cond: string) => (filter ? `(${filter}) AND ${cond}` : cond);
  const count = (cond: string) => `count(*) FILTER (WHERE ${where(cond)})`;
  const total = filter ? `count(*) FILTER (WHERE ${filter})` : "count(*)";
  let sql: string;
  switch (def.name) {
    case "rank":
      sql = `(1 + ${count(precedes)})`;
      break;
    case "dense_rank": {
      if (pairs.length === 1) {
        const { x, kx } = pairs[0]!;
        sql = `(1 + count(DISTINCT ${kx}) FILTER (WHERE ${where(precedes)}) + coalesce(max(${x} IS NULL) FILTER (WHERE ${where(precedes)}), 0))`;
      } else {
        sql = `(1 + count(DISTINCT json_array(${pairs.map((p) => p.x).join(", ")})) FILTER (WHERE ${where(precedes)}))`;
      }
      break;
    }
    case "percent_rank":
      sql = `(CASE WHEN ${total} = 0 THEN 0.0 ELSE CAST(${count(precedes)} AS REAL) / ${total} END)`;
      break;
    default:
      sql = `(CAST(${count(`(${precedes} OR ${allPeers})`)} + 1 AS REAL) / (${total} + 1))`;
  }
  return { sql, type: resultType(def, []) };
}
