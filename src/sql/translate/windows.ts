import { PgError, unsupported } from "../../errors/pg-error.js";
import { NOT_WINDOW_CAPABLE } from "../../functions/lib/statistics-aggregates.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import { INT4, t, UNKNOWN } from "../oids.js";
import { coerce } from "./coerce.js";
import type { Ctx, Expr } from "./context.js";
import { translateExpr } from "./expr.js";
import { renderSort, sortItems, sortKey } from "./order-by.js";
import type { Scope } from "./scope.js";
import { FRAME_DEFAULTS, renderFrame, type WindowSpec } from "./window-frames.js";

/**
 * Window definitions as PostgreSQL resolves them (parse_clause.c, transformWindowDefinitions): a
 * window may copy a named window's PARTITION BY and ORDER BY, never its frame. Every OVER clause
 * is written out in full, so SQLite's WINDOW clause is not used.
 */

/** The named windows of each query level (its WINDOW clause), resolved. */
const namedWindows = new WeakMap<Scope, Map<string, WindowSpec>>();

/** The clause being translated at a query level where window functions are not allowed. */
const forbidden = new WeakMap<Scope, string>();

/** Translates f with window functions forbidden at scope's level (in WHERE, GROUP BY, HAVING, ...). */
export function withoutWindows<T>(scope: Scope, clause: string, f: () => T): T {
  const saved = forbidden.get(scope);
  forbidden.set(scope, clause);
  try {
    return f();
  } finally {
    if (saved === undefined) forbidden.delete(scope);
    else forbidden.set(scope, saved);
  }
}

/** PostgreSQL's 42P20 for a window function where its clause does not allow one. */
export function checkWindowAllowed(scope: Scope, position: number | undefined): void {
  const clause = forbidden.get(scope);
  if (clause === undefined) return;
  throw new PgError("WINDOWING_ERROR", `window functions are not allowed in ${clause}`, { position });
}

function windowError(message: string, position: number | undefined, hint?: string): PgError {
  return new PgError("WINDOWING_ERROR", message, { position, hint });
}

/** A window definition after copying the window it names (refname). */
function resolve(
  ctx: Ctx,
  w: NodeOf<"WindowDef">,
  named: Map<string, WindowSpec>,
  inClause: boolean,
): WindowSpec {
  const frameOptions = w.frameOptions ?? FRAME_DEFAULTS;
  const own: WindowSpec = {
    partition: w.partitionClause ?? [],
    order: w.orderClause ?? [],
    frameOptions,
    startOffset: w.startOffset,
    endOffset: w.endOffset,
    position: ctx.pos(w.location),
  };
  if (!w.refname) return own;
  const ref = named.get(w.refname);
  if (!ref) {
    throw new PgError("UNDEFINED_OBJECT", `window "${w.refname}" does not exist`, { position: own.position });
  }
  if (own.partition.length) {
    throw windowError(`cannot override PARTITION BY clause of window "${w.refname}"`, own.position);
  }
  if (own.order.length && ref.order.length) {
    throw windowError(`cannot override ORDER BY clause of window "${w.refname}"`, own.position);
  }
  if (ref.frameOptions !== FRAME_DEFAULTS) {
    const message = `cannot copy window "${w.refname}" because it has a frame clause`;
    if (inClause || own.order.length || frameOptions !== FRAME_DEFAULTS)
      throw windowError(message, own.position);
    throw windowError(message, own.position, "Omit the parentheses in this OVER clause.");
  }
  return { ...own, partition: ref.partition, order: own.order.length ? own.order : ref.order };
}

/**
 * Registers a query level's WINDOW clause, checking each definition as PostgreSQL does. A
 * definition may name only the windows defined before it.
 */
export function defineWindows(ctx: Ctx, clause: Node[] | undefined, scope: Scope): void {
  const named = new Map<string, WindowSpec>();
  namedWindows.set(scope, named);
  for (const node of clause ?? []) {
    const w = asKind(node, "WindowDef")!;
    const name = w.name!;
    if (named.has(name)) throw windowError(`window "${name}" is already defined`, ctx.pos(w.location));
    const spec = resolve(ctx, w, named, true);
    renderWindow(ctx, spec, scope);
    named.set(name, spec);
  }
}

/** The OVER clause: PARTITION BY, ORDER BY and the frame, in SQLite's (standard) syntax. */
export function translateWindow(ctx: Ctx, w: NodeOf<"WindowDef">, scope: Scope): string {
  const named = namedWindows.get(scope) ?? new Map<string, WindowSpec>();
  if (w.name) {
    const spec = named.get(w.name);
    if (!spec) {
      throw new PgError("UNDEFINED_OBJECT", `window "${w.name}" does not exist`, {
        position: ctx.pos(w.location),
      });
    }
    return renderWindow(ctx, spec, scope);
  }
  return renderWindow(ctx, resolve(ctx, w, named, false), scope);
}

function renderWindow(ctx: Ctx, spec: WindowSpec, scope: Scope): string {
  return withoutWindows(scope, "window definitions", () => {
    const parts: string[] = [];
    if (spec.partition.length) {
      // Partitions group equal values: keyed types (numeric, interval, ...) by their sort keys.
      const keys = spec.partition.map((p) => {
        const e = translateExpr(ctx, p, scope);
        return sortKey(e.type, ctx)?.(e.sql) ?? e.sql;
      });
      parts.push(`PARTITION BY ${keys.join(", ")}`);
    }
    const items = sortItems(ctx, spec.order, scope, []);
    const frame = renderFrame(ctx, spec, scope, items);
    if (frame.order) parts.push(`ORDER BY ${frame.order}`);
    else if (items.length) parts.push(`ORDER BY ${renderSort(items)}`);
    if (frame.frame) parts.push(frame.frame);
    return `(${parts.join(" ")})`;
  });
}

/**
 * A window function call with PostgreSQL's argument rules SQLite lacks: ntile and nth_value take
 * positive counts (22014, 22016) and give NULL for a NULL count, where SQLite fails. The
 * JavaScript aggregates without an inverse cannot run over a frame in SQLite.
 */
export function callWindowFunction(
  ctx: Ctx,
  name: string,
  args: Expr[],
  call: (args: Expr[]) => Expr,
  position: number | undefined,
): Expr {
  if (NOT_WINDOW_CAPABLE.has(name)) throw unsupported(`${name}() as a window function`, position);
  const which = name === "ntile" ? 0 : name === "nth_value" ? 1 : -1;
  const count = args[which];
  if (which < 0 || !count) return call(args);
  // SQLite computes the window function for every row, so a NULL count is given as 1, unused.
  const typed = count.type.oid === UNKNOWN ? coerce(ctx, count, t(INT4), "implicit") : count;
  const check: Expr = { sql: `pg_window_arg(${typed.sql}, ${which + 1})`, type: typed.type };
  const guarded = args.map((a, i) => (i === which ? check : a));
  const result = call(guarded);
  return { ...result, sql: `(CASE WHEN ${count.sql} IS NULL THEN NULL ELSE ${result.sql} END)` };
}
