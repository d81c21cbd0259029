import { PgError, unsupported } from "../../errors/pg-error.js";
import { functionsNamed, resultType } from "../../functions/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { INT8, t } from "../oids.js";
import { quoteIdent } from "../sqlite-text.js";
import { coerce } from "./coerce.js";
import type { Ctx } from "./context.js";
import { translateExpr } from "./expr.js";
import { chooseOverload } from "./overloads.js";
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
  const typeArgs = def.passTypes ? types.map((x) => String(x.oid)) : [];
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
  if (rf.is_rowsfrom || (rf.functions?.length ?? 0) !== 1) throw unsupported("ROWS FROM (...)", position);
  const [call, coldefs] = asKind(rf.functions![0], "List")?.items ?? [];
  if (coldefs && Object.keys(coldefs).length > 0 && asKind(coldefs, "List")?.items?.length) {
    throw unsupported("column definition lists for functions returning record", position);
  }
  if (rf.coldeflist?.length)
    throw unsupported("column definition lists for functions returning record", position);
  const f = asKind(call as Node, "FuncCall");
  if (!f) throw unsupported("this function call in FROM", ctx.pos(call as Node));
  const at = ctx.pos(call as Node);
  const alias = rf.alias?.aliasname ?? stringList(f.funcname).at(-1)!;
  const names = stringList(rf.alias?.colnames);
  const set = setFunctionCall(ctx, f, scope, at);
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
    columns = [{ name: names[0] ?? alias, type: value.type, ref: `${a}."c0"` }];
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

/**
 * A set-returning function in a select list (SELECT unnest(a) FROM t) becomes a table-valued
 * function joined after the FROM items; the select list refers to its column.
 */
export function selectListSetFunction(ctx: Ctx, f: NodeOf<"FuncCall">, scope: Scope, position?: number) {
  const set = setFunctionCall(ctx, f, scope, position);
  if (!set) return undefined;
  if (set.columns.length !== 1)
    throw unsupported(`${set.name}() returning several columns in a select list`, position);
  // Several run in lockstep, padded with NULLs: that zip has no SQLite form here.
  if (scope.lateral.some((l) => l.includes('AS "?srf')))
    throw unsupported("several set-returning functions in one select list", position);
  const alias = `?srf${scope.lateral.length + 1}`;
  scope.lateral.push(`${set.sql} AS ${quoteIdent(alias)}`);
  return { sql: `${quoteIdent(alias)}."c0"`, type: set.columns[0]!.type };
}
