import { PgError, unsupported } from "../../errors/pg-error.js";
import type { FunctionDef } from "../../functions/registry.js";
import { functionsNamed, resultType } from "../../functions/registry.js";
import { formatType } from "../../types/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { stringList } from "../ast.js";
import { TEXT, t, UNKNOWN } from "../oids.js";
import type { SqlType } from "../plan.js";
import { canCoerceImplicitly, coerce, isUnknown } from "./coerce.js";
import type { Ctx, Expr } from "./context.js";
import { translateExpr } from "./expr.js";
import type { Scope } from "./scope.js";

/** Function calls: overload resolution against the declared functions, then their SQLite form. */

function matches(def: FunctionDef, types: SqlType[]): number | undefined {
  const n = types.length;
  const fixed = def.args.length;
  if (def.variadic ? n < fixed - 1 : n !== fixed) return undefined;
  let exact = 0;
  for (let i = 0; i < n; i++) {
    const want = def.args[Math.min(i, fixed - 1)]!;
    const have = types[i]!.oid;
    if (want === "any" || have === want) {
      exact++;
      continue;
    }
    if (!canCoerceImplicitly(have, want)) return undefined;
  }
  return exact;
}

/** The best overload for the argument types, as PostgreSQL prefers exact matches. */
function chooseOverload(name: string, types: SqlType[]): FunctionDef | undefined {
  let best: FunctionDef | undefined;
  let bestScore = -1;
  for (const def of functionsNamed(name)) {
    const score = matches(def, types);
    if (score !== undefined && score > bestScore) {
      best = def;
      bestScore = score;
    }
  }
  return best;
}

function undefinedFunction(name: string, types: SqlType[], position?: number): PgError {
  const list = types.map((x) => (x.oid === UNKNOWN ? "unknown" : formatType(x.oid, -1))).join(", ");
  return new PgError("UNDEFINED_FUNCTION", `function ${name}(${list}) does not exist`, {
    position,
    hint: "No function matches the given name and argument types. You might need to add explicit type casts.",
  });
}

/** Emits a call of def with translated arguments, coercing each to its declared type. */
export function callFunction(
  ctx: Ctx,
  def: FunctionDef,
  args: Expr[],
  position?: number,
  distinct = false,
): Expr {
  const coerced = args.map((a, i) => {
    const want = def.args[Math.min(i, def.args.length - 1)]!;
    if (want === "any") return isUnknown(a) ? coerce(ctx, a, t(TEXT), "implicit", position) : a;
    return coerce(ctx, a, t(want), "implicit", position);
  });
  const types = coerced.map((a) => a.type);
  if (def.writes) {
    ctx.writes = true;
    ctx.usesSequences = true;
  }
  if (def.volatility === "volatile" || def.kind === "aggregate") ctx.notConstant = true;
  const type = resultType(def, types);
  if (distinct && def.kind !== "aggregate") {
    throw new PgError(
      "WRONG_OBJECT_TYPE",
      `DISTINCT specified, but ${def.name} is not an aggregate function`,
      {
        position,
      },
    );
  }
  if (def.kind === "udf") {
    const typeArgs = def.passTypes ? types.map((x) => String(x.oid)) : [];
    return { sql: `${def.udfName}(${[...typeArgs, ...coerced.map((a) => a.sql)].join(", ")})`, type };
  }
  return { sql: def.sql({ args: coerced.map((a) => a.sql), types, distinct }), type };
}

/** Calls the function name with already translated arguments. */
export function callByName(ctx: Ctx, name: string, args: Expr[], position?: number, distinct = false): Expr {
  const types = args.map((a) => a.type);
  const def = chooseOverload(name, types);
  if (!def) throw undefinedFunction(name, types, position);
  return callFunction(ctx, def, args, position, distinct);
}

export function translateFuncCall(ctx: Ctx, f: NodeOf<"FuncCall">, scope: Scope, whole: Node): Expr {
  const position = ctx.pos(whole);
  const names = stringList(f.funcname);
  if (names.length > 1 && names[0] !== "pg_catalog" && names[0] !== "public") {
    throw new PgError("UNDEFINED_FUNCTION", `function ${names.join(".")} does not exist`, { position });
  }
  const name = names.at(-1)!;
  if (f.over) throw unsupported("window functions", position);
  if (f.agg_order?.length) throw unsupported("ORDER BY in aggregate calls", position);
  if (f.agg_within_group) throw unsupported("WITHIN GROUP", position);
  if (f.func_variadic) throw unsupported("VARIADIC arguments", position);
  if (f.agg_star) {
    if (name !== "count") {
      throw new PgError(
        "WRONG_OBJECT_TYPE",
        `${name}(*) specified, but ${name} is not an aggregate function`,
        { position },
      );
    }
    return withFilter(ctx, f, scope, { sql: "count(*)", type: callByName(ctx, "count", [], position).type });
  }
  const args = (f.args ?? []).map((a) => translateExpr(ctx, a, scope));
  const call = callByName(ctx, name, args, position, f.agg_distinct === true);
  return f.agg_filter ? withFilter(ctx, f, scope, call) : call;
}

function withFilter(ctx: Ctx, f: NodeOf<"FuncCall">, scope: Scope, call: Expr): Expr {
  if (!f.agg_filter) return call;
  const cond = translateExpr(ctx, f.agg_filter, scope);
  return { ...call, sql: `${call.sql} FILTER (WHERE ${cond.sql})` };
}

const SQL_VALUE_FUNCTIONS: Record<string, string> = {
  SVFOP_CURRENT_DATE: "current_date",
  SVFOP_CURRENT_TIME: "current_time",
  SVFOP_CURRENT_TIME_N: "current_time",
  SVFOP_CURRENT_TIMESTAMP: "now",
  SVFOP_CURRENT_TIMESTAMP_N: "now",
  SVFOP_LOCALTIME: "localtime",
  SVFOP_LOCALTIME_N: "localtime",
  SVFOP_LOCALTIMESTAMP: "localtimestamp",
  SVFOP_LOCALTIMESTAMP_N: "localtimestamp",
  SVFOP_CURRENT_ROLE: "current_user",
  SVFOP_CURRENT_USER: "current_user",
  SVFOP_USER: "current_user",
  SVFOP_SESSION_USER: "session_user",
  SVFOP_CURRENT_CATALOG: "current_database",
  SVFOP_CURRENT_SCHEMA: "current_schema",
};

/** CURRENT_TIMESTAMP, CURRENT_USER and the other keyword functions. */
export function translateSqlValueFunction(ctx: Ctx, f: NodeOf<"SQLValueFunction">, _scope: Scope): Expr {
  const name = SQL_VALUE_FUNCTIONS[f.op ?? ""];
  if (!name) throw unsupported(`SQL value function ${f.op}`, ctx.pos(f.location));
  const call = callByName(ctx, name, [], ctx.pos(f.location));
  if (f.typmod !== undefined && f.typmod >= 0)
    return coerce(ctx, call, { oid: call.type.oid, typmod: f.typmod }, "explicit");
  return call;
}

/** The output column name PostgreSQL gives an SQL value function (`current_timestamp`, ...). */
export function sqlValueFunctionName(op: string | undefined): string {
  const name = (op ?? "")
    .replace(/^SVFOP_/, "")
    .replace(/_N$/, "")
    .toLowerCase();
  return name === "user" ? "current_user" : name === "current_role" ? "current_role" : name;
}
