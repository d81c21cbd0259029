import { PgError, unsupported } from "../../errors/pg-error.js";
import { functionsNamed, resultType } from "../../functions/registry.js";
import { formatType } from "../../types/registry.js";
import { passedType } from "../../types/vectors.js";
import type { Node, NodeOf } from "../ast.js";
import { stringList } from "../ast.js";
import { BOOL, BPCHAR, BYTEA, JSON_TYPE, JSONB, NUMERIC, STRING_TYPES, UNKNOWN, UUID } from "../oids.js";
import type { SqlType } from "../plan.js";
import { bpcharToTextSql, coerce } from "./coerce.js";
import { compositeFunction } from "./composite-functions.js";
import type { Ctx, Expr } from "./context.js";
import { translateEnumFunction } from "./enum-functions.js";
import { enumFromSortKeySql, enumSortKeySql } from "./enums.js";
import { asBool, translateExpr } from "./expr.js";
import { checkAggregateArguments } from "./group-check.js";
import { positionalArguments } from "./named-args.js";
import { keyed } from "./operators.js";
import { sortKey } from "./order-by.js";
import { translateWithinGroup, withinGroupRequired } from "./ordered-set.js";
import { chooseOverload, type Resolved } from "./overloads.js";
import type { Scope } from "./scope.js";
import { selectListCall } from "./set-functions.js";
import { wholeRowJson } from "./whole-row.js";
import { callWindowFunction, checkWindowAllowed, translateWindow } from "./windows.js";

/** Function calls: overload resolution against the declared functions, then their SQLite form. */

function undefinedFunction(name: string, types: SqlType[], position?: number): PgError {
  const list = types.map((x) => (x.oid === UNKNOWN ? "unknown" : formatType(x.oid, -1))).join(", ");
  return new PgError("UNDEFINED_FUNCTION", `function ${name}(${list}) does not exist`, {
    position,
    hint: "No function matches the given name and argument types. You might need to add explicit type casts.",
  });
}

/** Aggregate-call modifiers: DISTINCT and ORDER BY inside the parentheses. */
export interface CallOptions {
  distinct?: boolean;
  /** SQLite SQL of an ORDER BY list inside an aggregate call. */
  orderBy?: string;
  /** FILTER (WHERE ...) and OVER (...), which follow the aggregate's own call. */
  suffix?: string;
}

const NO_MIN_MAX = new Set([BOOL, BYTEA, JSON_TYPE, JSONB, UUID]);

function isAggregate(r: Resolved): boolean {
  return r.def.kind === "aggregate" || r.def.kind === "udf-aggregate";
}

/** Emits a call of an overload with translated arguments, converting each to its parameter type. */
export function callFunction(
  ctx: Ctx,
  resolved: Resolved,
  args: Expr[],
  position?: number,
  options: CallOptions = {},
): Expr {
  const def = resolved.def;
  const noWithinGroup = withinGroupRequired(def, position);
  if (noWithinGroup) throw noWithinGroup;
  const coerced = args.map((a, i) => {
    const c = coerce(ctx, a, resolved.targets[i]!, "implicit", a.position ?? position);
    // character(n) passed as text loses its padding (rtrim1); octet_length(character) counts it.
    const trims = a.type.oid === BPCHAR && c.type.oid !== BPCHAR && STRING_TYPES.has(c.type.oid);
    return trims && def.name !== "octet_length" ? { ...c, sql: bpcharToTextSql(c.sql) } : c;
  });
  const types = coerced.map((a) => a.type);
  if (def.writes) {
    ctx.writes = true;
    ctx.usesSequences = true;
  }
  if (def.volatility === "volatile" || isAggregate(resolved)) ctx.notConstant = true;
  const type = resultType(def, types);
  if (
    (options.distinct || options.orderBy || options.suffix?.startsWith(" FILTER")) &&
    !isAggregate(resolved)
  ) {
    const what = options.distinct ? "DISTINCT" : options.orderBy ? "ORDER BY" : "FILTER";
    throw new PgError(
      "WRONG_OBJECT_TYPE",
      `${what} specified, but ${def.name} is not an aggregate function`,
      { position },
    );
  }
  const distinct = options.distinct === true;
  // PostgreSQL feeds DISTINCT aggregates their values sorted; SQLite in first-seen order.
  const first = coerced[0];
  const orderBy =
    options.orderBy ??
    (distinct && first ? `${keyed(ctx, first.type, first.sql)} ASC NULLS LAST` : undefined);
  const order = orderBy ? ` ORDER BY ${orderBy}` : "";
  const suffix = options.suffix ?? "";
  // min/max of an enum: of the labels' positions, mapped back to the label.
  const e =
    (def.name === "min" || def.name === "max") && first ? ctx.schema.enumByOid(first.type.oid) : undefined;
  if (e && isAggregate(resolved)) {
    const key = `${def.name}(${distinct ? "DISTINCT " : ""}${enumSortKeySql(e, first!.sql)})${suffix}`;
    return { sql: enumFromSortKeySql(e, key), type };
  }
  // PostgreSQL has no min/max for these types (no btree ordering).
  if ((def.name === "min" || def.name === "max") && first && NO_MIN_MAX.has(first.type.oid))
    throw undefinedFunction(def.name, types, position);
  // min/max of values that order by a sort key (interval, jsonb, arrays): the value of the least key.
  const keyOf =
    (def.name === "min" || def.name === "max") && first && first.type.oid !== NUMERIC
      ? sortKey(first.type)
      : undefined;
  if (keyOf && isAggregate(resolved))
    return { sql: `pg_arg_${def.name}(${keyOf(first!.sql)}, ${first!.sql})${suffix}`, type };
  if (def.kind === "udf" || def.kind === "udf-aggregate") {
    const typeArgs = def.passTypes ? types.map((x, i) => String(passedType(args[i]!.type.oid, x.oid))) : [];
    const list = [...typeArgs, ...coerced.map((a) => a.sql)].join(", ");
    return { sql: `${def.udfName}(${distinct ? "DISTINCT " : ""}${list}${order})${suffix}`, type };
  }
  if (def.kind === "udf-set") {
    throw new PgError(
      "FEATURE_NOT_SUPPORTED",
      `set-returning function ${def.name}() is supported only in FROM`,
      { position },
    );
  }
  const sql = def.sql({ args: coerced.map((a) => a.sql), types, distinct });
  return { sql: `${order ? sql.replace(/\)$/, `${order})`) : sql}${suffix}`, type };
}

/** Calls the function name with already translated arguments. */
export function callByName(
  ctx: Ctx,
  name: string,
  args: Expr[],
  position?: number,
  options: CallOptions = {},
): Expr {
  const types = args.map((a) => a.type);
  const resolved = chooseOverload(functionsNamed(name), types);
  if (!resolved) throw undefinedFunction(name, types, position);
  return callFunction(ctx, resolved, args, position, options);
}

export function translateFuncCall(ctx: Ctx, f: NodeOf<"FuncCall">, scope: Scope, whole: Node): Expr {
  const position = ctx.pos(whole);
  const names = stringList(f.funcname);
  // information_schema's own functions are named _pg_* (pgJDBC calls _pg_expandarray).
  const infoSchema = names[0] === "information_schema" && names.at(-1)!.startsWith("_pg_");
  if (names.length > 1 && names[0] !== "pg_catalog" && names[0] !== "public" && !infoSchema) {
    throw new PgError("UNDEFINED_FUNCTION", `function ${names.join(".")} does not exist`, { position });
  }
  const name = names.at(-1)!;
  if (f.agg_within_group) return translateWithinGroup(ctx, f, scope, name, position);
  const srf = selectListCall(ctx, f, scope, position);
  if (srf) return srf;
  if (f.func_variadic) throw unsupported("VARIADIC arguments", position);
  checkAggregateArguments(ctx, f);
  let suffix = "";
  if (f.agg_filter) suffix += ` FILTER (WHERE ${asBool(ctx, f.agg_filter, scope, "FILTER")})`;
  if (f.over) {
    checkWindowAllowed(scope, position);
    suffix += ` OVER ${translateWindow(ctx, f.over, scope)}`;
  }
  if (f.agg_star) {
    if (name !== "count") {
      throw new PgError(
        "WRONG_OBJECT_TYPE",
        `${name}(*) specified, but ${name} is not an aggregate function`,
        { position },
      );
    }
    ctx.notConstant = true;
    return { sql: `count(*)${suffix}`, type: callByName(ctx, "count", [], position).type };
  }
  const typeOf = (n: Node) => formatType(translateExpr(ctx, n, scope).type.oid, -1);
  const given = positionalArguments(ctx, name, f.args ?? [], typeOf, position) ?? f.args ?? [];
  const args = given.map((a) => wholeRowJson(ctx, name, a, scope) ?? translateExpr(ctx, a, scope));
  const enumCall = f.over ? undefined : translateEnumFunction(ctx, name, args);
  if (enumCall) return enumCall;
  const compositeCall = f.over ? undefined : compositeFunction(ctx, name, args);
  if (compositeCall) return compositeCall;
  const orderBy = f.agg_order?.length ? aggregateOrder(ctx, f.agg_order, scope) : undefined;
  const call = (list: Expr[]) =>
    callByName(ctx, name, list, position, { distinct: f.agg_distinct === true, orderBy, suffix });
  return f.over ? callWindowFunction(ctx, name, args, call, position) : call(args);
}

function aggregateOrder(ctx: Ctx, items: Node[], scope: Scope): string {
  return items
    .map((item) => {
      const sort = (item as { SortBy: NodeOf<"SortBy"> }).SortBy;
      const key = translateExpr(ctx, sort.node!, scope).sql;
      const desc = sort.sortby_dir === "SORTBY_DESC";
      const nullsFirst =
        !sort.sortby_nulls || sort.sortby_nulls === "SORTBY_NULLS_DEFAULT"
          ? desc
          : sort.sortby_nulls === "SORTBY_NULLS_FIRST";
      return `${key} ${desc ? "DESC" : "ASC"} NULLS ${nullsFirst ? "FIRST" : "LAST"}`;
    })
    .join(", ");
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
  // CURRENT_TIME(0) and the like: the parser leaves a typmod of 0 out.
  const typmod = f.op?.endsWith("_N") ? (f.typmod ?? 0) : -1;
  if (typmod >= 0) return coerce(ctx, call, { oid: call.type.oid, typmod }, "explicit");
  return call;
}

/** The output column name PostgreSQL gives an SQL value function (`current_timestamp`, ...). */
export function sqlValueFunctionName(op: string | undefined): string {
  const name = (op ?? "")
    .replace(/^SVFOP_/, "")
    .replace(/_N$/, "")
    .toLowerCase();
  return name === "user" ? "current_user" : name;
}
