// Prints a typed expression tree as PostgreSQL's ruleutils.c does (get_rule_expr and friends), for
// pg_get_expr, pg_get_constraintdef, pg_get_indexdef and pg_get_viewdef: non-pretty output wraps
// every operator in parentheses and shows implicit casts of operands; pretty output leaves out
// parentheses a reader does not need (isSimpleNode).
import { codecFor } from "../../types/codecs.js";
import { defaultFormatContext, type FormatContext } from "../../types/format-context.js";
import { currentSession } from "../runtime.js";
import { type Ir, T } from "./catalog-expr-ir.js";
import { typeNameOf } from "./catalog-format-type.js";
import { quoteIdentifier } from "./catalog-keywords.js";

const PRETTYINDENT_VAR = 4;

/** A deparse context: output so far, pretty flags and the current indentation (ruleutils' deparse_context). */
export class Deparse {
  buf = "";
  indentLevel = 0;

  constructor(
    /** PRETTYFLAG_PAREN: leave out parentheses that are not needed. */
    readonly prettyParen: boolean,
    /** Whether column references print their relation's name (queries with several relations). */
    readonly varPrefix = false,
    /** PRETTYFLAG_INDENT: line breaks and indentation (every caller here sets it, as PostgreSQL's do). */
    readonly prettyIndent = true,
  ) {}

  /** appendContextKeyword. */
  keyword(text: string, indentBefore: number, indentAfter: number, indentPlus: number): void {
    if (!this.prettyIndent) {
      this.buf += text;
      return;
    }
    this.indentLevel += indentBefore;
    this.buf = this.buf.replace(/ +$/, "");
    this.buf += `\n${" ".repeat(Math.max(this.indentLevel, 0) + indentPlus)}${text}`;
    this.indentLevel = Math.max(this.indentLevel + indentAfter, 0);
  }
}

/** Prints an expression alone (pg_get_expr): implicit casts at the top are not shown. */
export function printExpr(e: Ir, pretty: boolean, varPrefix = false): string {
  const ctx = new Deparse(pretty, varPrefix);
  ruleExpr(ctx, e, false);
  return ctx.buf;
}

/** get_rule_expr. */
export function ruleExpr(ctx: Deparse, e: Ir, showImplicit: boolean): void {
  const open = () => {
    if (!ctx.prettyParen) ctx.buf += "(";
  };
  const close = () => {
    if (!ctx.prettyParen) ctx.buf += ")";
  };
  switch (e.k) {
    case "var":
      if (e.verbatim) {
        ctx.buf += e.name;
        return;
      }
      ctx.buf +=
        ctx.varPrefix && e.rel
          ? `${quoteIdentifier(e.rel)}.${quoteIdentifier(e.name)}`
          : quoteIdentifier(e.name);
      return;
    case "const":
      ctx.buf += constText(e.value, e.type, e.typmod, 0);
      return;
    case "raw":
    case "sqlvalue":
      ctx.buf += e.text;
      return;
    case "op":
      open();
      if (e.args.length === 2) {
        exprParen(ctx, e.args[0]!, true, e);
        ctx.buf += ` ${e.op} `;
        exprParen(ctx, e.args[1]!, true, e);
      } else {
        ctx.buf += `${e.op} `;
        exprParen(ctx, e.args[0]!, true, e);
      }
      close();
      return;
    case "bool":
      open();
      if (e.op === "NOT") {
        ctx.buf += "NOT ";
        exprParen(ctx, e.args[0]!, false, e);
      } else {
        e.args.forEach((a, i) => {
          if (i > 0) ctx.buf += ` ${e.op} `;
          exprParen(ctx, a, false, e);
        });
      }
      close();
      return;
    case "nulltest":
      open();
      exprParen(ctx, e.arg, true, e);
      ctx.buf += e.not ? " IS NOT NULL" : " IS NULL";
      close();
      return;
    case "booltest":
      open();
      exprParen(ctx, e.arg, false, e);
      ctx.buf += ` ${e.test}`;
      close();
      return;
    case "distinct":
      open();
      exprParen(ctx, e.args[0]!, true, e);
      ctx.buf += e.not ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ";
      exprParen(ctx, e.args[1]!, true, e);
      close();
      return;
    case "scalararray":
      open();
      exprParen(ctx, e.args[0], true, e);
      ctx.buf += ` ${e.op} ${e.any ? "ANY" : "ALL"} (`;
      exprParen(ctx, e.args[1], true, e);
      ctx.buf += ")";
      close();
      return;
    case "array":
      ctx.buf += "ARRAY[";
      list(ctx, e.elems);
      ctx.buf += "]";
      if (e.elems.length === 0) ctx.buf += `::${typeNameOf(e.type, -1, true)}`;
      return;
    case "minmax":
      ctx.buf += `${e.name}(`;
      list(ctx, e.args);
      ctx.buf += ")";
      return;
    case "func":
      if (sqlSyntax(ctx, e)) return;
      ctx.buf += `${quoteIdentifier(e.name)}(${e.distinct ? "DISTINCT " : ""}`;
      if (e.star) ctx.buf += "*";
      list(ctx, e.args);
      ctx.buf += ")";
      return;
    case "cast":
      if (e.implicit && !showImplicit) {
        exprParen(ctx, e.arg, false, e);
        return;
      }
      coercion(ctx, e.arg, e.type, e.typmod, e);
      return;
    case "case":
      caseExpr(ctx, e);
      return;
    case "sublink":
      sublink(ctx, e);
      return;
  }
}

/** get_sublink_expr. */
function sublink(ctx: Deparse, e: Extract<Ir, { k: "sublink" }>): void {
  ctx.buf += e.link === "ARRAY" ? "ARRAY(" : "(";
  if (e.test) ruleExpr(ctx, e.test, true);
  if (e.link === "EXISTS") ctx.buf += "EXISTS ";
  if (e.link === "ANY") ctx.buf += e.op === "=" ? " IN " : ` ${e.op} ANY `;
  if (e.link === "ALL") ctx.buf += ` ${e.op} ALL `;
  const paren = e.link !== "EXPR" && e.link !== "ARRAY";
  if (paren) ctx.buf += "(";
  ctx.buf += e.render(ctx.indentLevel);
  ctx.buf += paren ? "))" : ")";
}

/**
 * get_func_sql_syntax: functions PostgreSQL's grammar writes with keywords. The translation does
 * not record which spelling was used; these are read back in the SQL standard's.
 */
function sqlSyntax(ctx: Deparse, e: Extract<Ir, { k: "func" }>): boolean {
  const [a, b, c] = e.args;
  if (e.name === "position" && a && b && e.args.length === 2) {
    ctx.buf += "POSITION((";
    ruleExpr(ctx, b, false);
    ctx.buf += ") IN (";
    ruleExpr(ctx, a, false);
    ctx.buf += "))";
    return true;
  }
  if (e.name === "substring" && a && b && (e.args.length === 2 || e.args.length === 3)) {
    ctx.buf += "SUBSTRING(";
    ruleExpr(ctx, a, false);
    ctx.buf += " FROM ";
    ruleExpr(ctx, b, false);
    if (c) {
      ctx.buf += " FOR ";
      ruleExpr(ctx, c, false);
    }
    ctx.buf += ")";
    return true;
  }
  return false;
}

function list(ctx: Deparse, args: Ir[]): void {
  args.forEach((a, i) => {
    if (i > 0) ctx.buf += ", ";
    ruleExpr(ctx, a, true);
  });
}

/** get_coercion_expr. */
function coercion(ctx: Deparse, arg: Ir, type: number, typmod: number, parent: Ir): void {
  if (arg.k === "const" && arg.type === type && arg.typmod === -1) {
    ctx.buf += constText(arg.value, arg.type, -1, -1);
  } else {
    if (!ctx.prettyParen) ctx.buf += "(";
    exprParen(ctx, arg, false, parent);
    if (!ctx.prettyParen) ctx.buf += ")";
  }
  ctx.buf += `::${typeNameOf(type, typmod, true)}`;
}

function caseExpr(ctx: Deparse, e: Extract<Ir, { k: "case" }>): void {
  ctx.keyword("CASE", 0, PRETTYINDENT_VAR, 0);
  if (e.arg) {
    ctx.buf += " ";
    ruleExpr(ctx, e.arg, true);
  }
  for (const [when, result] of e.whens) {
    if (!ctx.prettyIndent) ctx.buf += " ";
    ctx.keyword("WHEN ", 0, 0, 0);
    ruleExpr(ctx, when, false);
    ctx.buf += " THEN ";
    ruleExpr(ctx, result, true);
  }
  if (!ctx.prettyIndent) ctx.buf += " ";
  ctx.keyword("ELSE ", 0, 0, 0);
  ruleExpr(ctx, e.else, true);
  if (!ctx.prettyIndent) ctx.buf += " ";
  ctx.keyword("END", -PRETTYINDENT_VAR, 0, 0);
}

/** get_rule_expr_paren. */
export function exprParen(ctx: Deparse, e: Ir, showImplicit: boolean, parent: Ir): void {
  const paren = ctx.prettyParen && !isSimple(e, parent);
  if (paren) ctx.buf += "(";
  ruleExpr(ctx, e, showImplicit);
  if (paren) ctx.buf += ")";
}

const LOW = "+-";
const HIGH = "*/%";

/** isSimpleNode with PRETTYFLAG_PAREN set. */
function isSimple(e: Ir, parent: Ir): boolean {
  switch (e.k) {
    case "var":
    case "const":
    case "raw":
    case "sqlvalue":
    case "array":
    case "minmax":
    case "func":
    case "case":
      return true;
    case "cast":
      return e.implicit ? isSimple(e.arg, e) : true;
    case "op": {
      if (parent.k === "op") {
        const op = e.args.length === 2 ? e.op : "";
        const lo = op.length === 1 && LOW.includes(op);
        const hi = op.length === 1 && HIGH.includes(op);
        if (!lo && !hi) return false;
        const pop = parent.args.length === 2 ? parent.op : "";
        const plo = pop.length === 1 && LOW.includes(pop);
        const phi = pop.length === 1 && HIGH.includes(pop);
        if (!plo && !phi) return false;
        if (hi && plo) return true;
        if (lo && phi) return false;
        return parent.args[0] === e;
      }
      return simpleUnder(parent);
    }
    case "nulltest":
    case "booltest":
    case "distinct":
    case "sublink":
      return simpleUnder(parent);
    case "scalararray":
      return false;
    case "bool":
      if (parent.k === "bool") {
        if (e.op === "NOT" || e.op === "AND") return parent.op === "AND" || parent.op === "OR";
        return parent.op === "OR";
      }
      return parent.k === "func" || parent.k === "array" || parent.k === "minmax" || parent.k === "case";
  }
}

/** The parents whose syntax separates an operand (function calls, AND/OR, CASE, ...). */
function simpleUnder(parent: Ir): boolean {
  if (parent.k === "cast") return false;
  return (
    parent.k === "func" ||
    parent.k === "bool" ||
    parent.k === "array" ||
    parent.k === "minmax" ||
    parent.k === "case"
  );
}

function formatContext(): FormatContext {
  try {
    return currentSession().formatContext();
  } catch {
    return defaultFormatContext;
  }
}

/** A constant's text as the type's output function prints it (a literal's input normalised). */
export function normalizeConstant(value: string | null, type: number): string | null {
  if (value === null || type === T.unknown || type === T.text) return value;
  try {
    const ctx = formatContext();
    const codec = codecFor(type);
    return codec.toText(codec.fromText(value, -1, ctx) as never, -1, ctx);
  } catch {
    return value;
  }
}

/** get_const_expr: showType -1 never labels, 0 labels where the text alone would not give the type. */
export function constText(value: string | null, type: number, typmod: number, showType: number): string {
  if (value === null) return showType >= 0 ? `NULL::${typeNameOf(type, typmod, true)}` : "NULL";
  let text: string;
  let label = true;
  switch (type) {
    case T.int4:
      label = value.startsWith("-");
      text = label ? `'${value}'` : value;
      break;
    case T.numeric:
      label = !(/^\d/.test(value) && /[eE.]/.test(value));
      text = label ? `'${value}'` : value;
      if (typmod >= 0) label = true;
      break;
    case T.bool:
      label = false;
      text = value === "t" || value === "true" ? "true" : "false";
      break;
    case T.unknown:
      label = false;
      text = quoteLiteral(value);
      break;
    default:
      text = quoteLiteral(value);
  }
  if (showType < 0 || !label) return text;
  return `${text}::${typeNameOf(type, typmod, true)}`;
}

/** simple_quote_literal with standard_conforming_strings on. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
