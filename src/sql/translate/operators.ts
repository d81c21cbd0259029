import { PgError, unsupported } from "../../errors/pg-error.js";
import { operatorsNamed } from "../../functions/registry.js";
import { formatType, Oid } from "../../types/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import {
  BOOL,
  FLOAT_TYPES,
  FLOAT4,
  FLOAT8,
  INT2,
  INT4,
  INT8,
  INTEGER_TYPES,
  isNumericType,
  JSON_TYPE,
  NUMERIC,
  OID,
  STRING_TYPES,
  TEXT,
  t,
  UNKNOWN,
  VARCHAR,
  XID,
} from "../oids.js";
import type { SqlType } from "../plan.js";
import { translateAnyAll } from "./arrays.js";
import { bpcharToTextSql, canCoerceImplicitly, castSql, coerce, isUnknown } from "./coerce.js";
import type { Ctx, Expr } from "./context.js";
import { translateExpr } from "./expr.js";
import { callFunction } from "./functions.js";
import { sortKey } from "./order-by.js";
import { chooseOperator } from "./overloads.js";
import type { Scope } from "./scope.js";

/** Operators (A_Expr): resolution of operand types as PostgreSQL resolves them, for the operators supported. */

const NUMERIC_RANK = new Map([
  [INT2, 1],
  [INT4, 2],
  [INT8, 3],
  [NUMERIC, 4],
  [FLOAT4, 5],
  [FLOAT8, 6],
]);

function operatorError(op: string, left: SqlType | undefined, right: SqlType, position?: number): PgError {
  const l = left ? `${formatType(left.oid, -1)} ` : "";
  return new PgError(
    "UNDEFINED_FUNCTION",
    `operator does not exist: ${l}${op} ${formatType(right.oid, -1)}`,
    {
      position,
      hint: "No operator matches the given name and argument types. You might need to add explicit type casts.",
    },
  );
}

/** Brings two operands to one type: an unknown side takes the other side's type. */
function unify(ctx: Ctx, op: string, l: Expr, r: Expr, position?: number): [Expr, Expr, SqlType] {
  if (isUnknown(l) && isUnknown(r)) {
    const text = t(TEXT);
    return [coerce(ctx, l, text, "implicit"), coerce(ctx, r, text, "implicit"), text];
  }
  if (isUnknown(l)) return [coerce(ctx, l, r.type, "implicit", position), r, r.type];
  if (isUnknown(r)) return [l, coerce(ctx, r, l.type, "implicit", position), l.type];
  if (l.type.oid === r.type.oid) return [l, r, t(l.type.oid)];
  if (isNumericType(l.type.oid) && isNumericType(r.type.oid)) {
    // real or double precision with any other number: the float8 operators win, float8 being the
    // preferred type (numeric, stored as text, must become a number to compare).
    if (l.type.oid === FLOAT4 || r.type.oid === FLOAT4 || l.type.oid === FLOAT8 || r.type.oid === FLOAT8) {
      const f8 = t(FLOAT8);
      return [coerce(ctx, l, f8, "implicit"), coerce(ctx, r, f8, "implicit"), f8];
    }
    const type = NUMERIC_RANK.get(l.type.oid)! >= NUMERIC_RANK.get(r.type.oid)! ? l.type : r.type;
    return [l, r, t(type.oid)];
  }
  if (canCoerceImplicitly(l.type.oid, r.type.oid))
    return [coerce(ctx, l, r.type, "implicit"), r, t(r.type.oid)];
  if (canCoerceImplicitly(r.type.oid, l.type.oid))
    return [l, coerce(ctx, r, l.type, "implicit"), t(l.type.oid)];
  throw operatorError(op, l.type, r.type, position);
}

function isXidAndInteger(a: number, b: number): boolean {
  return (a === XID && b === INT4) || (b === XID && a === INT4);
}

const COMPARISONS: Record<string, string> = {
  "=": "=",
  "<>": "<>",
  "!=": "<>",
  "<": "<",
  ">": ">",
  "<=": "<=",
  ">=": ">=",
};

function binary(ctx: Ctx, op: string, l: Expr, r: Expr, position?: number): Expr {
  const cmp = COMPARISONS[op];
  if (cmp) {
    // xid = integer and xid <> integer (xideqint4, xidneqint4): `xmax = 0`.
    if ((cmp === "=" || cmp === "<>") && isXidAndInteger(l.type.oid, r.type.oid))
      return { sql: `(${l.sql} ${cmp} ${r.sql})`, type: t(BOOL) };
    const [a, b, type] = unify(ctx, op, l, r, position);
    // json has no comparison operators (jsonb declares its own).
    if (type.oid === JSON_TYPE) throw operatorError(op, l.type, r.type, position);
    return { sql: `(${keyed(ctx, type, a.sql)} ${cmp} ${keyed(ctx, type, b.sql)})`, type: t(BOOL) };
  }
  switch (op) {
    case "+":
    case "-":
    case "*":
    case "/":
    case "%":
      return arithmetic(ctx, op, l, r, position);
    case "^": {
      const a = coerce(ctx, l, t(FLOAT8), "implicit", position);
      const b = coerce(ctx, r, t(FLOAT8), "implicit", position);
      return { sql: `pow(${a.sql}, ${b.sql})`, type: t(FLOAT8) };
    }
    case "||":
      return concat(ctx, l, r, position);
    case "&":
    case "|":
    case "#":
    case "<<":
    case ">>":
      return bitwise(ctx, op, l, r, position);
    case "~":
    case "~*":
    case "!~":
    case "!~*": {
      const a = coerce(ctx, l, t(TEXT), "implicit", position);
      const b = coerce(ctx, r, t(TEXT), "implicit", position);
      const flags = op.includes("*") ? "'i'" : "''";
      const test = `pg_regex_match(${a.sql}, ${b.sql}, ${flags})`;
      return { sql: op.startsWith("!") ? `(NOT ${test})` : test, type: t(BOOL) };
    }
    default:
      throw operatorError(op, l.type, r.type, position);
  }
}

/** float8 arithmetic in C with PostgreSQL's overflow, underflow and NaN rules (native/numeric.c). */
const FLOAT_ARITHMETIC: Record<string, string> = { "+": "pl", "-": "mi", "*": "mul", "/": "div" };

function arithmetic(ctx: Ctx, op: string, l: Expr, r: Expr, position?: number): Expr {
  const [a, b, type] = unify(ctx, op, l, r, position);
  if (!isNumericType(type.oid)) throw operatorError(op, l.type, r.type, position);
  if (FLOAT_TYPES.has(type.oid) && FLOAT_ARITHMETIC[op])
    return { sql: `pg_float8_${FLOAT_ARITHMETIC[op]}(${a.sql}, ${b.sql})`, type };
  if (op === "/" || op === "%") {
    // SQLite yields NULL on division by zero; PostgreSQL raises 22012.
    const nonZeroConstant = /^-?\d+(\.\d+)?$/.test(b.sql) && Number(b.sql) !== 0;
    const integral = INTEGER_TYPES.has(type.oid);
    if (op === "%" && !integral) return { sql: `pg_mod(${a.sql}, ${b.sql})`, type };
    // Integer division in C: PostgreSQL's 22012 and its overflow (minimum / -1) error.
    const intName = { [INT2]: "int2", [INT4]: "int4", [INT8]: "int8" }[type.oid];
    if (op === "/" && intName) return { sql: `pg_${intName}_div(${a.sql}, ${b.sql})`, type };
    const divisor = FLOAT_TYPES.has(type.oid) || type.oid === NUMERIC ? `CAST(${a.sql} AS REAL)` : a.sql;
    if (nonZeroConstant) return { sql: `(${divisor} ${op} ${b.sql})`, type };
    return { sql: `(${divisor} ${op} pg_nonzero(${b.sql}))`, type };
  }
  return { sql: `(${a.sql} ${op} ${b.sql})`, type };
}

/** Integer bitwise operators; the shift count is int4 whatever the shifted type. */
function bitwise(ctx: Ctx, op: string, l: Expr, r: Expr, position?: number): Expr {
  if (op === "<<" || op === ">>") {
    const a = isUnknown(l) ? coerce(ctx, l, t(INT4), "implicit", position) : l;
    const b = coerce(ctx, r, t(INT4), "implicit", position);
    if (!INTEGER_TYPES.has(a.type.oid) || a.type.oid === OID)
      throw operatorError(op, l.type, r.type, position);
    return { sql: `(${a.sql} ${op} ${b.sql})`, type: t(a.type.oid) };
  }
  const [a, b, type] = unify(ctx, op, l, r, position);
  if (!INTEGER_TYPES.has(type.oid) || type.oid === OID) throw operatorError(op, l.type, r.type, position);
  const sql = op === "#" ? `((${a.sql} | ${b.sql}) - (${a.sql} & ${b.sql}))` : `(${a.sql} ${op} ${b.sql})`;
  return { sql, type };
}

function concat(ctx: Ctx, l: Expr, r: Expr, position?: number): Expr {
  const side = (e: Expr) => {
    if (isUnknown(e)) return coerce(ctx, e, t(TEXT), "implicit").sql;
    // text || text (textcat): character(n) loses its padding on the way to text.
    if (e.type.oid === Oid.bpchar) return bpcharToTextSql(e.sql);
    if (STRING_TYPES.has(e.type.oid)) return e.sql;
    return castSql(e.sql, e.type.oid, TEXT);
  };
  if (!isUnknown(l) && !isUnknown(r) && !STRING_TYPES.has(l.type.oid) && !STRING_TYPES.has(r.type.oid)) {
    throw operatorError("||", l.type, r.type, position);
  }
  return { sql: `(${side(l)} || ${side(r)})`, type: t(TEXT) };
}

function unary(ctx: Ctx, op: string, r: Expr, position?: number): Expr {
  if (op === "-" || op === "+") {
    const e = isUnknown(r) ? coerce(ctx, r, t(NUMERIC), "implicit", position) : r;
    if (!isNumericType(e.type.oid)) throw operatorError(op, undefined, r.type, position);
    if (op === "-" && FLOAT_TYPES.has(e.type.oid))
      return { sql: `pg_float8_mul(${e.sql}, -1)`, type: e.type };
    return { sql: op === "-" ? `(- ${e.sql})` : e.sql, type: e.type };
  }
  if (op === "@") return { sql: `abs(${r.sql})`, type: r.type };
  if (op === "~" && INTEGER_TYPES.has(r.type.oid) && r.type.oid !== OID)
    return { sql: `(~ ${r.sql})`, type: r.type };
  throw operatorError(op, undefined, r.type, position);
}

/** Whether the built-in rules of this file take (T op T). */
function builtinOperator(op: string, type: SqlType): boolean {
  if (COMPARISONS[op]) return type.oid !== JSON_TYPE;
  if (["+", "-", "*", "/", "%", "^"].includes(op)) return isNumericType(type.oid);
  if (["&", "|", "#", "<<", ">>"].includes(op)) return INTEGER_TYPES.has(type.oid);
  if (["||", "~", "~*", "!~", "!~*"].includes(op)) return STRING_TYPES.has(type.oid);
  return false;
}

/** A side of a comparison in type's ordering, where the stored form does not compare as PostgreSQL's. */
export function keyed(ctx: Ctx, type: SqlType, sql: string): string {
  return sortKey(type, ctx)?.(sql) ?? sql;
}

/** l op r (or op r): declared operators (date/time, JSON, arrays, exact numeric, ...) first. */
export function applyOperator(ctx: Ctx, op: string, l: Expr | undefined, r: Expr, position?: number): Expr {
  const declared = operatorsNamed(op);
  const resolved = declared.length
    ? chooseOperator(declared, l?.type, r.type, (type) => builtinOperator(op, type))
    : undefined;
  if (resolved) return callFunction(ctx, resolved, l ? [l, r] : [r], position);
  return l ? binary(ctx, op, l, r, position) : unary(ctx, op, r, position);
}

/** Both sides of a comparison as row constructors: (a, b) < (c, d), (a, b) IN ((1, 2), ...). */
function rowOperands(e: NodeOf<"A_Expr">): [Node[], Node[][]] | undefined {
  const l = asKind(e.lexpr, "RowExpr");
  if (!l) return undefined;
  if (e.kind === "AEXPR_IN") {
    const items = (asKind(e.rexpr, "List")?.items ?? []).map((n) => asKind(n, "RowExpr")?.args);
    return items.every((x) => x !== undefined) ? [l.args ?? [], items as Node[][]] : undefined;
  }
  const r = asKind(e.rexpr, "RowExpr");
  return r ? [l.args ?? [], [r.args ?? []]] : undefined;
}

/** Row comparisons, which SQLite's row values evaluate as PostgreSQL does (left to right). */
function rowComparison(
  ctx: Ctx,
  e: NodeOf<"A_Expr">,
  op: string,
  [left, rights]: [Node[], Node[][]],
  scope: Scope,
  position?: number,
): Expr {
  const cmp =
    e.kind === "AEXPR_DISTINCT" ? "IS NOT" : e.kind === "AEXPR_NOT_DISTINCT" ? "IS" : COMPARISONS[op];
  if (!cmp || !["AEXPR_OP", "AEXPR_IN", "AEXPR_DISTINCT", "AEXPR_NOT_DISTINCT"].includes(e.kind!))
    throw unsupported(`operator ${op} on row constructors`, position);
  const ls = left.map((n) => translateExpr(ctx, n, scope));
  const tests = rights.map((right) => {
    if (right.length !== left.length)
      throw new PgError("SYNTAX_ERROR", "unequal number of entries in row expressions", { position });
    const pairs = right.map((n, i) => unify(ctx, op, ls[i]!, translateExpr(ctx, n, scope), position));
    const side = (k: 0 | 1) => `(${pairs.map((p) => keyed(ctx, p[2], p[k].sql)).join(", ")})`;
    return `${side(0)} ${e.kind === "AEXPR_IN" ? "=" : cmp} ${side(1)}`;
  });
  const sql =
    e.kind === "AEXPR_IN" ? `(${op === "<>" ? "NOT " : ""}(${tests.join(" OR ")}))` : `(${tests[0]})`;
  return { sql, type: t(BOOL) };
}

function operatorName(name: Node[] | undefined, position?: number): string {
  const parts = stringList(name);
  if (parts.length === 2 && parts[0] !== "pg_catalog") {
    throw new PgError("UNDEFINED_FUNCTION", `operator does not exist: ${parts.join(".")}`, { position });
  }
  return parts.at(-1)!;
}

export function translateAExpr(ctx: Ctx, e: NodeOf<"A_Expr">, scope: Scope, whole: Node): Expr {
  const position = ctx.pos(whole);
  const op = operatorName(e.name, position);
  const left = () => translateExpr(ctx, e.lexpr!, scope);
  const right = () => translateExpr(ctx, e.rexpr!, scope);
  const rows = rowOperands(e);
  if (rows) return rowComparison(ctx, e, op, rows, scope, position);
  if (asKind(e.lexpr, "RowExpr") && asKind(e.rexpr, "SubLink")?.subLinkType === "EXPR_SUBLINK")
    throw unsupported("row comparisons with a subquery", position);
  switch (e.kind) {
    case "AEXPR_OP":
      return applyOperator(ctx, op, e.lexpr ? left() : undefined, right(), position);
    case "AEXPR_DISTINCT":
    case "AEXPR_NOT_DISTINCT": {
      const [a, b, type] = unify(ctx, "=", left(), right(), position);
      const is = e.kind === "AEXPR_DISTINCT" ? "IS NOT" : "IS";
      return { sql: `(${keyed(ctx, type, a.sql)} ${is} ${keyed(ctx, type, b.sql)})`, type: t(BOOL) };
    }
    case "AEXPR_NULLIF": {
      const [a, b, type] = unify(ctx, "=", left(), right(), position);
      // NULLIF's type is the = operator's left input: varchar compares (and comes out) as text.
      const result = a.type.oid === VARCHAR ? t(TEXT) : a.type;
      if (!sortKey(type, ctx)) return { sql: `NULLIF(${a.sql}, ${b.sql})`, type: result };
      return {
        sql: `(CASE WHEN ${keyed(ctx, type, a.sql)} = ${keyed(ctx, type, b.sql)} THEN NULL ELSE ${a.sql} END)`,
        type: result,
      };
    }
    case "AEXPR_IN": {
      const subject = left();
      const items = (asKind(e.rexpr, "List")?.items ?? []).map((n) => translateExpr(ctx, n, scope));
      const unified = items.map((item) => unify(ctx, "=", subject, item, position));
      const not = op === "<>" ? "NOT " : "";
      const type = unified[0]?.[2];
      if (type && unified.every(([, , u]) => u.oid === type.oid)) {
        const list = unified.map(([, b]) => keyed(ctx, type, b.sql)).join(", ");
        return { sql: `(${keyed(ctx, type, unified[0]![0].sql)} ${not}IN (${list}))`, type: t(BOOL) };
      }
      // Items of different types compare in different types: one = per item, as PostgreSQL does.
      const tests = unified.map(([a, b, u]) => `${keyed(ctx, u, a.sql)} = ${keyed(ctx, u, b.sql)}`);
      return { sql: `(${not}(${tests.join(" OR ")}))`, type: t(BOOL) };
    }
    case "AEXPR_LIKE":
    case "AEXPR_ILIKE":
      return like(ctx, e, op, left(), scope, position);
    case "AEXPR_BETWEEN":
    case "AEXPR_NOT_BETWEEN":
    case "AEXPR_BETWEEN_SYM":
    case "AEXPR_NOT_BETWEEN_SYM": {
      const [loNode, hiNode] = asKind(e.rexpr, "List")?.items ?? [];
      const subject = left();
      const [s, lo, loType] = unify(ctx, ">=", subject, translateExpr(ctx, loNode!, scope), position);
      const [s2, hi, hiType] = unify(ctx, "<=", s, translateExpr(ctx, hiNode!, scope), position);
      const not = e.kind.includes("NOT") ? "NOT " : "";
      if (sortKey(loType, ctx) || sortKey(hiType, ctx)) {
        const [x, a, b] = [keyed(ctx, loType, s.sql), keyed(ctx, loType, lo.sql), keyed(ctx, hiType, hi.sql)];
        const y = keyed(ctx, hiType, s2.sql);
        const sym = e.kind.endsWith("_SYM") ? ` OR (${x} >= ${b} AND ${y} <= ${a})` : "";
        return { sql: `(${not}((${x} >= ${a} AND ${y} <= ${b})${sym}))`, type: t(BOOL) };
      }
      if (e.kind.endsWith("_SYM")) {
        const between = `(${s.sql} BETWEEN min(${lo.sql}, ${hi.sql}) AND max(${lo.sql}, ${hi.sql}))`;
        return { sql: `(${not}${between})`, type: t(BOOL) };
      }
      return { sql: `(${s.sql} ${not}BETWEEN ${lo.sql} AND ${hi.sql})`, type: t(BOOL) };
    }
    case "AEXPR_OP_ANY":
    case "AEXPR_OP_ALL":
      return translateAnyAll(ctx, e, op, scope, position);
    case "AEXPR_SIMILAR": {
      // x SIMILAR TO p [ESCAPE e]: the parser wraps the pattern in similar_to_escape(p[, e]).
      const call = asKind(e.rexpr, "FuncCall");
      const args = call?.args ?? [e.rexpr!];
      const subject = coerce(ctx, left(), t(TEXT), "implicit", position);
      const pattern = coerce(ctx, translateExpr(ctx, args[0]!, scope), t(TEXT), "implicit", position);
      const escapeChar = args[1]
        ? coerce(ctx, translateExpr(ctx, args[1], scope), t(TEXT), "implicit", position).sql
        : "'\\'";
      const test = `pg_similar_match(${subject.sql}, ${pattern.sql}, ${escapeChar})`;
      return { sql: op.startsWith("!") ? `(NOT ${test})` : test, type: t(BOOL) };
    }
    default:
      throw unsupported(`operator kind ${e.kind}`, position);
  }
}

function like(
  ctx: Ctx,
  e: NodeOf<"A_Expr">,
  op: string,
  subject: Expr,
  scope: Scope,
  position?: number,
): Expr {
  let escapeSql = "'\\'";
  let patternNode = e.rexpr!;
  const call = asKind(patternNode, "FuncCall");
  if (call && stringList(call.funcname).at(-1) === "like_escape") {
    patternNode = call.args![0]!;
    escapeSql = coerce(ctx, translateExpr(ctx, call.args![1]!, scope), t(TEXT), "implicit").sql;
  }
  const s = coerce(ctx, subject, t(TEXT), "implicit", position);
  if (!isUnknown(subject) && !STRING_TYPES.has(subject.type.oid) && subject.type.oid !== UNKNOWN) {
    throw operatorError(op, subject.type, t(TEXT), position);
  }
  const p = coerce(ctx, translateExpr(ctx, patternNode, scope), t(TEXT), "implicit", position);
  const insensitive = e.kind === "AEXPR_ILIKE";
  const a = insensitive ? `pg_lower(${s.sql})` : s.sql;
  const b = insensitive ? `pg_lower(${p.sql})` : p.sql;
  const not = op.startsWith("!") ? "NOT " : "";
  return { sql: `(${a} ${not}LIKE ${b} ESCAPE ${escapeSql})`, type: t(BOOL) };
}
