import { PgError, unsupported } from "../../errors/pg-error.js";
import { functionsNamed, resultType } from "../../functions/registry.js";
import { passedType } from "../../types/vectors.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { INT8, RECORD, t } from "../oids.js";
import { quoteIdent } from "../sqlite-text.js";
import { coerce } from "./coerce.js";
import { compositeItemColumns, populateRecordsetItem } from "./composite-functions.js";
import type { Ctx, Expr } from "./context.js";
import { translateExpr } from "./expr.js";
import { chooseOverload } from "./overloads.js";
import { columnDefinitionListRequired, recordFunctionItem } from "./record-functions.js";
import { rowValue } from "./records.js";
import { rowsFrom } from "./rows-from.js";
import type { Scope, ScopeColumn, ScopeItem } from "./scope.js";

/**
 * Functions in FROM (and set-returning functions in a select list): SQLite table-valued
 * functions, which may refer to the FROM items before them as PostgreSQL's functions in FROM may.
 */

interface SetCall {
  /** SQLite SQL of the table-valued function call. */
  sql: string;
  columns: { name: string; type: ScopeColumn["type"] }[];
  /** The PostgreSQL name of the function, for default column names. */
  name: string;
  /** Whether the function returns a scalar (its single column takes the alias as name). */
  scalar: boolean;
}

/** Resolves a call of a set-returning function; undefined if name has no set-returning overload. */
export function setFunctionCall(
  ctx: Ctx,
  f: NodeOf<"FuncCall">,
  scope: Scope,
  position?: number,
): SetCall | undefined {
  const name = stringList(f.funcname).at(-1)!;
  const defs = functionsNamed(name).filter((d) => d.kind === "udf-set");
  if (defs.length === 0) return undefined;
  const args = (f.args ?? []).map((a) => translateExpr(ctx, a, scope));
  const resolved = chooseOverload(
    defs,
    args.map((a) => a.type),
  );
  if (resolved?.def.kind !== "udf-set") {
    throw new PgError("UNDEFINED_FUNCTION", `function ${name} does not exist for these argument types`, {
      position,
    });
  }
  const def = resolved.def;
  const coerced = args.map((a, i) => coerce(ctx, a, resolved.targets[i]!, "implicit", position));
  const types = coerced.map((a) => a.type);
  if (def.volatility === "volatile") ctx.notConstant = true;
  const typeArgs = def.passTypes ? types.map((x, i) => String(passedType(args[i]!.type.oid, x.oid))) : [];
  const columns = def.columns(types);
  return {
    sql: `${def.udfName}(${[...typeArgs, ...coerced.map((a) => a.sql)].join(", ")})`,
    columns: columns.length ? columns : [{ name, type: resultType(def, types) }],
    name,
    scalar: columns.length <= 1,
  };
}

/** A RangeFunction in FROM, added to scope; returns its SQLite FROM item. */
export function rangeFunction(
  ctx: Ctx,
  rf: NodeOf<"RangeFunction">,
  scope: Scope,
): { sql: string; item: ScopeItem } {
  const position = undefined;
  // ROWS FROM with one function is that function's call.
  if ((rf.functions?.length ?? 0) > 1) return rowsFrom(ctx, rf, scope);
  const [call, coldefs] = asKind(rf.functions![0], "List")?.items ?? [];
  if (coldefs && Object.keys(coldefs).length > 0 && asKind(coldefs, "List")?.items?.length) {
    throw unsupported("column definition lists for functions returning record", position);
  }
  const f = asKind(call as Node, "FuncCall");
  if (!f) throw unsupported("this function call in FROM", ctx.pos(call as Node));
  const at = ctx.pos(call as Node);
  const alias = rf.alias?.aliasname ?? stringList(f.funcname).at(-1)!;
  const names = stringList(rf.alias?.colnames);
  const populated = rf.ordinality ? undefined : populateRecordsetItem(ctx, f, scope, alias, names);
  if (populated) {
    scope.add(populated.item, at);
    return populated;
  }
  const set = setFunctionCall(ctx, f, scope, at);
  const returnsRecord = set?.columns.length === 1 && set.columns[0]!.type.oid === RECORD;
  if (rf.coldeflist?.length) {
    if (!returnsRecord) throw unsupported("column definition lists for functions returning record", position);
    const r = recordFunctionItem(ctx, rf, set!.sql, alias);
    scope.add(r.item, at);
    return r;
  }
  if (returnsRecord) throw columnDefinitionListRequired(at);
  let sql: string;
  let columns: { name: string; type: ScopeColumn["type"]; ref: string }[];
  const a = quoteIdent(alias);
  if (set) {
    sql = `${set.sql} AS ${a}`;
    columns = set.columns.map((c, i) => ({
      // A function returning a scalar names its column after the alias, as in PostgreSQL.
      name: names[i] ?? (set.scalar && rf.alias ? alias : c.name),
      type: c.type,
      ref: `${a}."c${i}"`,
    }));
  } else {
    // A scalar function in FROM gives one row.
    const value = translateExpr(ctx, call as Node, scope);
    sql = `(SELECT ${value.sql} AS "c0") AS ${a}`;
    // A function returning a composite type gives a column per field.
    columns = compositeItemColumns(ctx, value, `${a}."c0"`, names) ?? [
      { name: names[0] ?? alias, type: value.type, ref: `${a}."c0"` },
    ];
  }
  if (rf.ordinality) {
    columns.push({ name: names[columns.length] ?? "ordinality", type: t(INT8), ref: `${a}.rowid` });
  }
  if (names.length > columns.length) {
    throw new PgError(
      "INVALID_COLUMN_REFERENCE",
      `table "${alias}" has ${columns.length} columns available but ${names.length} columns specified`,
      {
        position: at,
      },
    );
  }
  const item: ScopeItem = { alias, columns: columns.map((c) => ({ ...c, tableOid: 0, attnum: 0 })) };
  scope.add(item, at);
  return { sql, item };
}

/** The scopes whose select list is being translated: set-returning functions may appear there. */
const selectLists = new WeakSet<Scope>();

/** Translates a select-list item, where set-returning functions may appear (nested or not). */
export function inSelectList<T>(scope: Scope, translate: () => T): T {
  selectLists.add(scope);
  try {
    return translate();
  } finally {
    selectLists.delete(scope);
  }
}

/** A call of a set-returning function within a select list, or undefined elsewhere. */
export function selectListCall(ctx: Ctx, f: NodeOf<"FuncCall">, scope: Scope, position?: number) {
  return selectLists.has(scope) && !f.over ? selectListSetFunction(ctx, f, scope, position) : undefined;
}

/** The set-returning functions of each select list: their FROM entry's index and their calls. */
const selectListCalls = new WeakMap<Scope, { index: number; calls: string[] }>();

/**
 * Several set-returning functions in one select list run in lockstep, as many rows as the longest
 * gives, the shorter padded with NULLs: row numbers up to the longest count, each function's rows
 * joined by their position (a table-valued function's rowid counts its rows from 1).
 */
function lockstep(base: string, calls: string[]): string {
  const counts = calls.map((c) => `(SELECT count(*) FROM ${c})`).join(", ");
  const n = quoteIdent(`${base}n`);
  const joins = calls.map((c, i) => {
    const alias = quoteIdent(i === 0 ? base : `${base}_${i + 1}`);
    return ` LEFT JOIN ${c} AS ${alias} ON ${alias}.rowid = ${n}."c0"`;
  });
  return `pg_generate_series_int4(1, max(${counts})) AS ${n}${joins.join("")}`;
}

/**
 * Takes the FROM entries the set-returning functions of a select list added from index `from` on
 * (for a LATERAL subquery computed in place, whose functions join where the subquery stands).
 */
export function takeSelectListFunctions(scope: Scope, from: number): string {
  selectListCalls.delete(scope);
  return scope.lateral.splice(from).join(" CROSS JOIN ");
}

/**
 * A set-returning function in a select list (SELECT unnest(a) FROM t) becomes a table-valued
 * function joined after the FROM items; the select list refers to its column.
 */
function selectListSetFunction(ctx: Ctx, f: NodeOf<"FuncCall">, scope: Scope, position?: number) {
  const set = setFunctionCall(ctx, f, scope, position);
  if (!set) return undefined;
  // A function of several columns gives a record of them, NULL where it has run out of rows
  // while another function of the list goes on.
  const value = (alias: string): Expr => {
    const refs = set.columns.map((c, i) => ({ ...c, sql: `${quoteIdent(alias)}."c${i}"` }));
    if (refs.length === 1) return { sql: refs[0]!.sql, type: refs[0]!.type };
    const row = rowValue(refs);
    return { ...row, sql: `(CASE WHEN ${quoteIdent(alias)}.rowid IS NULL THEN NULL ELSE ${row.sql} END)` };
  };
  const earlier = selectListCalls.get(scope);
  if (earlier && scope.lateral.length > earlier.index) {
    earlier.calls.push(set.sql);
    const base = `?srf${earlier.index + 1}`;
    scope.lateral[earlier.index] = lockstep(base, earlier.calls);
    return value(`${base}_${earlier.calls.length}`);
  }
  const alias = `?srf${scope.lateral.length + 1}`;
  selectListCalls.set(scope, { index: scope.lateral.length, calls: [set.sql] });
  scope.lateral.push(`${set.sql} AS ${quoteIdent(alias)}`);
  return value(alias);
}
