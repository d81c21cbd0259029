import { PgError, unsupported } from "../../errors/pg-error.js";
import { formatNumericValue } from "../../types/codecs/decimal.js";
import { parseNumericText } from "../../types/codecs/numeric.js";
import { formatType } from "../../types/registry.js";
import type { Node, NodeKind, NodeOf } from "../ast.js";
import { asKind, nodeKind, stringList } from "../ast.js";
import { BIT, BOOL, INT4, INT8, NUMERIC, t, UNKNOWN } from "../oids.js";
import type { SqlType } from "../plan.js";
import { quoteString } from "../sqlite-text.js";
import { translateArrayConstructor, translateIndirection } from "./arrays.js";
import { coerce, commonType, isUnknown, literalOf } from "./coerce.js";
import { rowNullTest, translateRowExpr } from "./composites.js";
import type { Ctx, Expr } from "./context.js";
import { domainOfTypeName, domainValueSql } from "./domains.js";
import { translateFuncCall, translateSqlValueFunction } from "./functions.js";
import { keyed, translateAExpr } from "./operators.js";
import { sortKey } from "./order-by.js";
import type { Scope } from "./scope.js";
import { translateSubLink } from "./sublinks.js";
import { typeFromTypeName } from "./type-names.js";

type ExprKind =
  | "A_Const"
  | "ColumnRef"
  | "ParamRef"
  | "A_Expr"
  | "BoolExpr"
  | "NullTest"
  | "BooleanTest"
  | "FuncCall"
  | "TypeCast"
  | "CaseExpr"
  | "CoalesceExpr"
  | "MinMaxExpr"
  | "SubLink"
  | "SQLValueFunction"
  | "CollateClause"
  | "A_ArrayExpr"
  | "A_Indirection"
  | "RowExpr"
  | "GroupingFunc"
  | "SetToDefault"
  | "NamedArgExpr"
  | "CurrentOfExpr"
  | "XmlExpr"
  | "XmlSerialize"
  | "MultiAssignRef";

type Handler<K extends ExprKind> = (ctx: Ctx, node: NodeOf<K>, scope: Scope, whole: Node) => Expr;

/** The expression translator: one handler per expression node kind. */
const handlers: { [K in ExprKind]: Handler<K> } = {
  A_Const: (ctx, c) => constant(ctx, c),
  ColumnRef: (ctx, c, scope, whole) => {
    const fields = stringList(c.fields);
    if (fields.includes("*"))
      throw new PgError("SYNTAX_ERROR", "* is not allowed here", { position: ctx.pos(whole) });
    const col = scope.resolve(fields, ctx.pos(whole));
    if (col.unsupported) throw unsupported(col.unsupported, ctx.pos(whole));
    return {
      sql: col.ref,
      type: col.type,
      source: { tableOid: col.tableOid, attnum: col.attnum, name: col.name },
    };
  },
  ParamRef: (ctx, p) => {
    const index = (p.number ?? 0) - 1;
    if (index < 0)
      throw new PgError("UNDEFINED_PARAMETER", "there is no parameter $0", { position: ctx.pos(p.location) });
    ctx.params.touch(index + 1);
    return { sql: ctx.placeholder(index), type: ctx.params.get(index) ?? t(UNKNOWN), param: index };
  },
  A_Expr: (ctx, e, scope, whole) => translateAExpr(ctx, e, scope, whole),
  BoolExpr: (ctx, b, scope) => {
    const args = (b.args ?? []).map((a) =>
      asBool(ctx, a, scope, b.boolop === "NOT_EXPR" ? "NOT" : b.boolop === "AND_EXPR" ? "AND" : "OR"),
    );
    if (b.boolop === "NOT_EXPR") return { sql: `(NOT ${args[0]})`, type: t(BOOL) };
    return { sql: `(${args.join(b.boolop === "AND_EXPR" ? " AND " : " OR ")})`, type: t(BOOL) };
  },
  NullTest: (ctx, n, scope) => {
    const arg = translateExpr(ctx, n.arg!, scope);
    const row = rowNullTest(ctx, arg, n.nulltesttype === "IS_NOT_NULL");
    if (row) return row;
    return {
      sql: `(${arg.sql} ${n.nulltesttype === "IS_NOT_NULL" ? "IS NOT NULL" : "IS NULL"})`,
      type: t(BOOL),
    };
  },
  BooleanTest: (ctx, b, scope) => {
    const arg = asBool(ctx, b.arg!, scope, "IS");
    const tests: Record<string, string> = {
      IS_TRUE: "IS 1",
      IS_NOT_TRUE: "IS NOT 1",
      IS_FALSE: "IS 0",
      IS_NOT_FALSE: "IS NOT 0",
      IS_UNKNOWN: "IS NULL",
      IS_NOT_UNKNOWN: "IS NOT NULL",
    };
    return { sql: `(${arg} ${tests[b.booltesttype ?? "IS_TRUE"]})`, type: t(BOOL) };
  },
  FuncCall: (ctx, f, scope, whole) => translateFuncCall(ctx, f, scope, whole),
  TypeCast: (ctx, c, scope) => {
    const target = typeFromTypeName(ctx, c.typeName!);
    // ARRAY[...]::type[] gives an empty or untyped constructor its element type.
    const ctor = asKind(c.arg, "A_ArrayExpr");
    const arg = ctor
      ? translateArrayConstructor(ctx, ctor, scope, target)
      : translateExpr(ctx, c.arg!, scope);
    // PostgreSQL points at a constant that does not read as the type, and at the cast otherwise.
    const at = arg.literal !== undefined ? ctx.pos(c.arg) : ctx.pos(c.location);
    const value = coerce(ctx, arg, target, "explicit", at);
    const domain = domainOfTypeName(ctx, c.typeName);
    return domain ? { sql: domainValueSql(ctx, domain, value.sql), type: value.type } : value;
  },
  CaseExpr: (ctx, c, scope) => translateCase(ctx, c, scope),
  CoalesceExpr: (ctx, c, scope) => {
    const args = (c.args ?? []).map((a) => translateExpr(ctx, a, scope));
    const type = commonType(
      args.map((a) => a.type),
      "COALESCE",
      ctx.pos(c.location),
    );
    const sqls = args.map((a) => coerce(ctx, a, type, "implicit").sql);
    return { sql: `COALESCE(${sqls.join(", ")})`, type };
  },
  MinMaxExpr: (ctx, m, scope) => {
    const name = m.op === "IS_GREATEST" ? "GREATEST" : "LEAST";
    const args = (m.args ?? []).map((a) => translateExpr(ctx, a, scope));
    const type = commonType(
      args.map((a) => a.type),
      name,
      ctx.pos(m.location),
    );
    const sqls = args.map((a) => coerce(ctx, a, type, "implicit").sql);
    if (sqls.length === 1) return { sql: sqls[0]!, type };
    if (sortKey(type, ctx) && type.oid !== NUMERIC)
      return pickByKey(ctx, sqls, type, m.op === "IS_GREATEST" ? ">" : "<");
    // PostgreSQL ignores NULL arguments; SQLite's multi-argument max/min return NULL if any is NULL.
    // Each COALESCE picks one argument or, when it is NULL, another non-NULL one.
    const picks = sqls.map((s, i) =>
      keyed(ctx, type, `COALESCE(${[s, ...sqls.filter((_, j) => j !== i)].join(", ")})`),
    );
    return { sql: `${m.op === "IS_GREATEST" ? "max" : "min"}(${picks.join(", ")})`, type };
  },
  SubLink: (ctx, s, scope) => translateSubLink(ctx, s, scope),
  SQLValueFunction: (ctx, f, scope) => translateSqlValueFunction(ctx, f, scope),
  CollateClause: (ctx, c, scope) => {
    const name = stringList(c.collname).at(-1) ?? "";
    if (!["C", "POSIX", "default", "ucs_basic"].includes(name)) {
      throw unsupported(`COLLATE "${name}"`, ctx.pos(c.location));
    }
    // Text compares bytewise in SQLite, which is the C collation.
    return translateExpr(ctx, c.arg!, scope);
  },
  A_ArrayExpr: (ctx, a, scope) => translateArrayConstructor(ctx, a, scope),

  A_Indirection: (ctx, a, scope, whole) => translateIndirection(ctx, a, scope, whole),

  RowExpr: (ctx, r, scope) => translateRowExpr(ctx, r, scope),
  GroupingFunc: (ctx, g) => {
    throw unsupported("GROUPING()", ctx.pos(g.location));
  },
  SetToDefault: (ctx, d) => {
    throw new PgError("FEATURE_NOT_SUPPORTED", "DEFAULT is not allowed in this context", {
      position: ctx.pos(d.location),
    });
  },
  NamedArgExpr: (ctx, n) => {
    throw unsupported("named function arguments", ctx.pos(n.location));
  },
  CurrentOfExpr: () => {
    throw unsupported("WHERE CURRENT OF");
  },
  XmlExpr: (ctx, x) => {
    throw unsupported("XML functions", ctx.pos(x.location));
  },
  XmlSerialize: (ctx, x) => {
    throw unsupported("XMLSERIALIZE", ctx.pos(x.location));
  },
  MultiAssignRef: () => {
    throw unsupported("multiple-column assignment");
  },
};

/** Translates an expression node to SQLite SQL with its PostgreSQL type. */
export function translateExpr(ctx: Ctx, node: Node, scope: Scope): Expr {
  const kind = nodeKind(node);
  const handler = (handlers as Record<NodeKind, Handler<ExprKind> | undefined>)[kind];
  if (!handler) throw unsupported(`expression of kind ${kind}`, ctx.pos(node));
  return (handler as Handler<"A_Const">)(
    ctx,
    (node as unknown as Record<string, NodeOf<"A_Const">>)[kind]!,
    scope,
    node,
  );
}

/** Translates a condition: its value must be boolean (42804 otherwise, as in PostgreSQL). */
export function asBool(ctx: Ctx, node: Node, scope: Scope, construct: string): string {
  const e = translateExpr(ctx, node, scope);
  if (isUnknown(e)) return coerce(ctx, e, t(BOOL), "implicit").sql;
  if (e.type.oid !== BOOL) {
    throw new PgError(
      "DATATYPE_MISMATCH",
      `argument of ${construct} must be type boolean, not type ${typeLabel(e.type)}`,
      {
        position: ctx.pos(node),
      },
    );
  }
  return e.sql;
}

function typeLabel(type: SqlType): string {
  return formatType(type.oid, -1);
}

function constant(ctx: Ctx, c: NodeOf<"A_Const">): Expr {
  if (c.isnull) return { sql: "NULL", type: t(UNKNOWN), isNull: true };
  if (c.ival !== undefined) {
    const literal = ctx.literals?.get(c);
    if (literal === undefined) return { sql: String(c.ival.ival ?? 0), type: t(INT4) };
    ctx.literalsUsed.add(literal);
    return { sql: ctx.placeholder(literal), type: t(INT4) };
  }
  if (c.boolval !== undefined) return { sql: c.boolval.boolval ? "1" : "0", type: t(BOOL) };
  if (c.sval !== undefined) {
    const text = c.sval.sval ?? "";
    return { sql: quoteString(text), type: t(UNKNOWN), literal: text, position: ctx.pos(c.location) };
  }
  if (c.fval !== undefined) {
    const text = c.fval.fval ?? "0";
    // An integer too large for int4 is int8 if it fits, else numeric (PostgreSQL's make_const).
    if (/^-?\d+$/.test(text)) {
      const big = BigInt(text);
      if (big >= -(2n ** 63n) && big < 2n ** 63n) return { sql: text, type: t(INT8) };
    }
    // numeric is stored as its exact decimal text, so constants are too: 0.1 + 0.2 stays exact.
    return { sql: quoteString(formatNumericValue(parseNumericText(text))), type: t(NUMERIC) };
  }
  // B'1010' and X'1F' are constants of type bit (make_const), read by bit_in.
  if (c.bsval !== undefined) {
    const bits = literalOf(ctx, c.bsval.bsval ?? "", t(BIT), ctx.pos(c.location));
    return { sql: bits, type: t(BIT) };
  }
  throw unsupported("this constant", ctx.pos(c.location));
}

/**
 * GREATEST/LEAST of values whose stored form does not order as PostgreSQL orders them: each
 * argument replaces the pick so far when it is not NULL and beyond it by the type's sort key.
 */
function pickByKey(ctx: Ctx, sqls: string[], type: SqlType, beyond: ">" | "<"): Expr {
  const sql = sqls.reduce(
    (acc, next) =>
      `(CASE WHEN ${next} IS NULL THEN ${acc} WHEN ${acc} IS NULL OR ${keyed(ctx, type, next)} ${beyond} ${keyed(ctx, type, acc)} THEN ${next} ELSE ${acc} END)`,
  );
  return { sql, type };
}

function translateCase(ctx: Ctx, c: NodeOf<"CaseExpr">, scope: Scope): Expr {
  const subject = c.arg ? translateExpr(ctx, c.arg, scope) : undefined;
  const whens = (c.args ?? []).map((w) => {
    const when = w as { CaseWhen: NodeOf<"CaseWhen"> };
    return { cond: when.CaseWhen.expr!, result: translateExpr(ctx, when.CaseWhen.result!, scope) };
  });
  const otherwise = c.defresult ? translateExpr(ctx, c.defresult, scope) : undefined;
  const results = [...whens.map((w) => w.result), ...(otherwise ? [otherwise] : [])];
  const type = commonType(
    results.map((r) => r.type),
    "CASE",
    ctx.pos(c.location),
  );
  const parts = ["CASE"];
  if (subject) {
    const conds = whens.map((w) => translateExpr(ctx, w.cond, scope));
    const common = commonType([subject.type, ...conds.map((x) => x.type)], "CASE/WHEN", ctx.pos(c.location));
    parts.push(keyed(ctx, common, coerce(ctx, subject, common, "implicit").sql));
    whens.forEach((w, i) => {
      parts.push(
        `WHEN ${keyed(ctx, common, coerce(ctx, conds[i]!, common, "implicit").sql)} THEN ${coerce(ctx, w.result, type, "implicit").sql}`,
      );
    });
  } else {
    for (const w of whens) {
      parts.push(
        `WHEN ${asBool(ctx, w.cond, scope, "CASE/WHEN")} THEN ${coerce(ctx, w.result, type, "implicit").sql}`,
      );
    }
  }
  if (otherwise) parts.push(`ELSE ${coerce(ctx, otherwise, type, "implicit").sql}`);
  parts.push("END");
  return { sql: `(${parts.join(" ")})`, type };
}
