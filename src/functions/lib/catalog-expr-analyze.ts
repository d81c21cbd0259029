// Turns a PostgreSQL expression parse tree into the typed tree PostgreSQL's parser would store
// (see catalog-expr-ir.ts): literals typed, operators and functions resolved, operands coerced.
// Only what deparsing needs is modelled; a construct it does not know is kept as deparsed text.
import { deparseSync } from "pgsql-deparser";
import type { Node, NodeOf } from "../../sql/ast.js";
import { asKind, nodeKind, stringList } from "../../sql/ast.js";
import type { SchemaView } from "../../sql/schema.js";
import { arrayTypeOf, elementTypeOf, typeByName, typmodFromArgs } from "../../types/registry.js";
import { type ArgType, type FunctionDef, functionsNamed, resultType } from "../registry.js";
import {
  canCoerceImplicitly,
  commonType,
  type Ir,
  irType,
  irTypmod,
  isPolymorphic,
  resolveOperator,
  T,
} from "./catalog-expr-ir.js";
import { normalizeConstant } from "./catalog-expr-print.js";

/** A column an expression may refer to. */
export interface ColumnBinding {
  name: string;
  /** The range table entry's name, printed before the column in queries (views). */
  rel?: string;
  type: number;
  typmod: number;
  /** Printed as it is, not as a quoted identifier (VALUE in a domain's CHECK). */
  verbatim?: boolean;
}

export interface AnalyzeEnv {
  schema: SchemaView;
  column(fields: string[]): ColumnBinding | undefined;
  /** A subquery's result type and printer, where queries can be printed (views). */
  subquery?(select: Node): { type: number; render: (indent: number) => string };
}

export class Analyzer {
  constructor(readonly env: AnalyzeEnv) {}

  isEnum = (oid: number): boolean => this.env.schema.enumByOid(oid) !== undefined;

  expr(node: Node): Ir {
    switch (nodeKind(node)) {
      case "A_Const":
        return constant(asKind(node, "A_Const")!);
      case "ColumnRef":
        return this.columnRef(node);
      case "TypeCast":
        return this.typeCast(asKind(node, "TypeCast")!, node);
      case "A_Expr":
        return this.aExpr(asKind(node, "A_Expr")!, node);
      case "BoolExpr": {
        const b = asKind(node, "BoolExpr")!;
        const op = b.boolop === "AND_EXPR" ? "AND" : b.boolop === "OR_EXPR" ? "OR" : "NOT";
        return { k: "bool", op, args: (b.args ?? []).map((a) => this.coerce(this.expr(a), T.bool)) };
      }
      case "NullTest": {
        const n = asKind(node, "NullTest")!;
        return { k: "nulltest", arg: this.expr(n.arg!), not: n.nulltesttype === "IS_NOT_NULL" };
      }
      case "BooleanTest": {
        const b = asKind(node, "BooleanTest")!;
        const test = (b.booltesttype ?? "IS_TRUE").replace(/^IS_/, "IS ").replace(/_/g, " ");
        return { k: "booltest", arg: this.coerce(this.expr(b.arg!), T.bool), test };
      }
      case "FuncCall":
        return this.funcCall(asKind(node, "FuncCall")!, node);
      case "CoalesceExpr":
        return this.minmax("COALESCE", asKind(node, "CoalesceExpr")!.args ?? []);
      case "MinMaxExpr": {
        const m = asKind(node, "MinMaxExpr")!;
        return this.minmax(m.op === "IS_GREATEST" ? "GREATEST" : "LEAST", m.args ?? []);
      }
      case "A_ArrayExpr":
        return this.array(asKind(node, "A_ArrayExpr")!.elements ?? []);
      case "CaseExpr":
        return this.caseExpr(asKind(node, "CaseExpr")!);
      case "SQLValueFunction":
        return sqlValueFunction(asKind(node, "SQLValueFunction")!);
      case "SubLink":
        return this.sublink(asKind(node, "SubLink")!, node);
      default:
        return raw(node);
    }
  }

  /** coerce_type: an unknown literal takes the type; anything else gets a cast node. */
  coerce(e: Ir, target: number, typmod = -1): Ir {
    const from = irType(e);
    if (from === target || isPolymorphic(target) || target === T.any) return e;
    if (e.k === "const" && from === T.unknown) {
      return { k: "const", type: target, typmod, value: normalizeConstant(e.value, target) };
    }
    if (e.k === "raw") return { ...e, type: target };
    // SQLite writes true and false as 1 and 0; PostgreSQL never turns an integer into a boolean implicitly.
    if (target === T.bool && e.k === "const" && from === T.int4 && (e.value === "0" || e.value === "1")) {
      return { k: "const", type: T.bool, typmod: -1, value: e.value === "1" ? "t" : "f" };
    }
    return { k: "cast", arg: e, type: target, typmod, implicit: true };
  }

  private columnRef(node: Node): Ir {
    const fields = stringList(asKind(node, "ColumnRef")!.fields);
    const col = this.env.column(fields);
    if (!col) return raw(node);
    return {
      k: "var",
      name: col.name,
      rel: col.rel,
      type: col.type,
      typmod: col.typmod,
      verbatim: col.verbatim,
    };
  }

  private typeCast(c: NodeOf<"TypeCast">, node: Node): Ir {
    const target = typeOfTypeName(c.typeName!, this.env.schema);
    if (!target) return raw(node);
    const arg = this.expr(c.arg!);
    if (arg.k === "const" && irType(arg) === T.unknown) {
      return {
        k: "const",
        type: target.oid,
        typmod: target.typmod,
        value: normalizeConstant(arg.value, target.oid),
      };
    }
    if (irType(arg) === target.oid && irTypmod(arg) === target.typmod) return arg;
    return { k: "cast", arg, type: target.oid, typmod: target.typmod, implicit: false };
  }

  /** A binary or prefix operator, resolved as PostgreSQL resolves it. */
  operator(op: string, left: Ir | undefined, right: Ir): Ir {
    if (!left) {
      const type = irType(right);
      if (op === "-" && right.k === "const" && right.value !== null && !right.value.startsWith("-")) {
        return { ...right, value: `-${right.value}` };
      }
      return { k: "op", op, args: [right], type };
    }
    const r = resolveOperator(op, irType(left), irType(right), this.isEnum);
    if (!r) return { k: "op", op, args: [left, right], type: COMPARISONS.has(op) ? T.bool : irType(left) };
    return { k: "op", op, args: [this.coerce(left, r.left), this.coerce(right, r.right)], type: r.result };
  }

  private aExpr(a: NodeOf<"A_Expr">, node: Node): Ir {
    const op = stringList(a.name).at(-1) ?? "";
    switch (a.kind) {
      case "AEXPR_OP":
        return this.operator(op === "!=" ? "<>" : op, a.lexpr && this.expr(a.lexpr), this.expr(a.rexpr!));
      case "AEXPR_LIKE":
      case "AEXPR_ILIKE":
        return this.operator(op, this.expr(a.lexpr!), this.expr(stripLikeEscape(a.rexpr!)));
      case "AEXPR_OP_ANY":
      case "AEXPR_OP_ALL":
        return this.scalarArray(op, this.expr(a.lexpr!), this.expr(a.rexpr!), a.kind === "AEXPR_OP_ANY");
      case "AEXPR_DISTINCT":
      case "AEXPR_NOT_DISTINCT": {
        const eq = this.operator("=", this.expr(a.lexpr!), this.expr(a.rexpr!));
        const distinct: Ir = { k: "distinct", args: eq.k === "op" ? eq.args : [], not: false };
        // The parser reads IS NOT DISTINCT FROM as NOT (... IS DISTINCT FROM ...).
        return a.kind === "AEXPR_NOT_DISTINCT" ? { k: "bool", op: "NOT", args: [distinct] } : distinct;
      }
      case "AEXPR_NULLIF": {
        const eq = this.operator("=", this.expr(a.lexpr!), this.expr(a.rexpr!));
        const args = eq.k === "op" ? eq.args : [];
        return { k: "minmax", name: "NULLIF", args, type: args[0] ? irType(args[0]) : T.unknown };
      }
      case "AEXPR_IN":
        return this.inList(op, a.lexpr!, asKind(a.rexpr, "List")?.items ?? []);
      case "AEXPR_BETWEEN":
      case "AEXPR_NOT_BETWEEN": {
        const [lo, hi] = asKind(a.rexpr, "List")?.items ?? [];
        if (!lo || !hi) return raw(node);
        const not = a.kind === "AEXPR_NOT_BETWEEN";
        const x = this.expr(a.lexpr!);
        return {
          k: "bool",
          op: not ? "OR" : "AND",
          args: [
            this.operator(not ? "<" : ">=", x, this.expr(lo)),
            this.operator(not ? ">" : "<=", x, this.expr(hi)),
          ],
        };
      }
      default:
        return raw(node);
    }
  }

  private sublink(l: NodeOf<"SubLink">, node: Node): Ir {
    const link = SUBLINKS[l.subLinkType ?? ""];
    if (!link || !this.env.subquery || !l.subselect) return raw(node);
    const { type, render } = this.env.subquery(l.subselect);
    const op = stringList(l.operName).at(-1) ?? "=";
    const test = l.testexpr ? this.expr(l.testexpr) : undefined;
    return { k: "sublink", link, test: test && this.coerce(test, type), op, type, render };
  }

  private scalarArray(op: string, left: Ir, right: Ir, any: boolean): Ir {
    const elem = elementTypeOf(irType(right)) ?? irType(left);
    const r = resolveOperator(op, irType(left), elem, this.isEnum);
    if (!r) return { k: "scalararray", op, any, args: [left, right] };
    const arrayType = arrayTypeOf(r.right) ?? irType(right);
    return { k: "scalararray", op, any, args: [this.coerce(left, r.left), this.coerce(right, arrayType)] };
  }

  /** transformAExprIn: several items become `x = ANY (ARRAY[...])`, one item a plain comparison. */
  private inList(op: string, lexpr: Node, items: Node[]): Ir {
    const left = this.expr(lexpr);
    const values = items.map((i) => this.expr(i));
    const not = op === "<>";
    if (values.length === 1) return this.operator(op, left, values[0]!);
    const type = commonType([irType(left), ...values.map(irType)], this.isEnum);
    const array = this.coerceAll(values, type);
    return this.scalarArray(
      op,
      left,
      { k: "array", elems: array, type: arrayTypeOf(type) ?? T.unknown },
      !not,
    );
  }

  private coerceAll(values: Ir[], type: number): Ir[] {
    return values.map((v) => this.coerce(v, type));
  }

  private minmax(name: "COALESCE" | "GREATEST" | "LEAST", nodes: Node[]): Ir {
    const args = nodes.map((n) => this.expr(n));
    const type = commonType(args.map(irType), this.isEnum);
    return { k: "minmax", name, args: this.coerceAll(args, type), type };
  }

  private array(nodes: Node[]): Ir {
    const elems = nodes.map((n) => this.expr(n));
    const type = commonType(elems.map(irType), this.isEnum);
    return { k: "array", elems: this.coerceAll(elems, type), type: arrayTypeOf(type) ?? T.unknown };
  }

  private caseExpr(c: NodeOf<"CaseExpr">): Ir {
    const arg = c.arg ? this.expr(c.arg) : undefined;
    const whens = (c.args ?? []).map((w) => {
      const cw = asKind(w, "CaseWhen")!;
      const cond = this.expr(cw.expr!);
      return [arg ? cond : this.coerce(cond, T.bool), this.expr(cw.result!)] as [Ir, Ir];
    });
    const otherwise: Ir = c.defresult
      ? this.expr(c.defresult)
      : { k: "const", type: T.unknown, typmod: -1, value: null };
    const type = commonType([...whens.map((w) => irType(w[1])), irType(otherwise)], this.isEnum);
    return {
      k: "case",
      arg,
      whens: whens.map(([w, r]) => [w, this.coerce(r, type)]),
      else: this.coerce(otherwise, type),
      type,
    };
  }

  private funcCall(f: NodeOf<"FuncCall">, node: Node): Ir {
    const names = stringList(f.funcname);
    const name = names.at(-1)!;
    if (f.agg_order?.length || f.agg_filter || f.over || f.func_variadic) return raw(node);
    if (names.length > 1 && names[0] !== "pg_catalog") return raw(node);
    if (f.agg_star) {
      const def = functionsNamed(name).find((d) => d.args.length === 0);
      return { k: "func", name, args: [], type: def ? resultType(def, []).oid : T.int8, star: true };
    }
    const args = (f.args ?? []).map((a) => this.expr(a));
    const def = this.pickFunction(name, args);
    if (!def) {
      // A function the server does not declare: untyped literals are taken as text.
      const typed = args.map((a) => (irType(a) === T.unknown ? this.coerce(a, T.text) : a));
      return { k: "func", name, args: typed, type: T.text, distinct: f.agg_distinct };
    }
    const declared = def.args.map(argTypeOid);
    const coerced = args.map((a, i) => this.coerce(a, declared[Math.min(i, declared.length - 1)] ?? T.any));
    const type = resultType(
      def,
      coerced.map((a) => ({ oid: irType(a), typmod: irTypmod(a) })),
    ).oid;
    return { k: "func", name, args: coerced, type, distinct: f.agg_distinct };
  }

  /** func_select_candidate, simplified: all arguments coercible, most exact matches first. */
  private pickFunction(name: string, args: Ir[]): FunctionDef | undefined {
    const fits = functionsNamed(name).filter((d) => {
      if (d.args.length !== args.length && !(d.variadic && args.length >= d.args.length - 1)) return false;
      return args.every((a, i) =>
        canCoerceImplicitly(irType(a), argTypeOid(d.args[Math.min(i, d.args.length - 1)]!), this.isEnum),
      );
    });
    const exact = (d: FunctionDef) =>
      args.filter((a, i) => argTypeOid(d.args[Math.min(i, d.args.length - 1)]!) === irType(a)).length;
    const textual = (d: FunctionDef) =>
      args.filter((a, i) => irType(a) === T.unknown && argTypeOid(d.args[i] ?? T.any) === T.text).length;
    return [...fits].sort((a, b) => exact(b) - exact(a) || textual(b) - textual(a))[0];
  }
}

type SublinkKind = "EXISTS" | "ANY" | "ALL" | "EXPR" | "ARRAY";

const SUBLINKS: Record<string, SublinkKind> = {
  EXISTS_SUBLINK: "EXISTS",
  ANY_SUBLINK: "ANY",
  ALL_SUBLINK: "ALL",
  EXPR_SUBLINK: "EXPR",
  ARRAY_SUBLINK: "ARRAY",
};

const COMPARISONS = new Set([
  "=",
  "<>",
  "<",
  ">",
  "<=",
  ">=",
  "~~",
  "!~~",
  "~~*",
  "!~~*",
  "~",
  "~*",
  "!~",
  "!~*",
]);

function argTypeOid(a: ArgType): number {
  if (typeof a === "number") return a;
  return a === "any"
    ? T.any
    : a === "anyarray"
      ? T.anyarray
      : a === "anynonarray"
        ? T.anynonarray
        : T.anyelement;
}

/** `b LIKE c ESCAPE '\'` is how the parser reads LIKE with the default escape. */
function stripLikeEscape(node: Node): Node {
  const f = asKind(node, "FuncCall");
  if (!f || stringList(f.funcname).at(-1) !== "like_escape") return node;
  const esc = asKind(f.args?.[1], "A_Const")?.sval?.sval;
  return esc === "\\" && f.args?.[0] ? f.args[0] : node;
}

function constant(c: NodeOf<"A_Const">): Ir {
  if (c.isnull) return { k: "const", type: T.unknown, typmod: -1, value: null };
  if (c.boolval) return { k: "const", type: T.bool, typmod: -1, value: c.boolval.boolval ? "t" : "f" };
  if (c.sval) return { k: "const", type: T.unknown, typmod: -1, value: c.sval.sval ?? "" };
  if (c.ival) return { k: "const", type: T.int4, typmod: -1, value: String(c.ival.ival ?? 0) };
  const f = c.fval?.fval ?? "0";
  if (/^-?\d+$/.test(f)) {
    const n = BigInt(f);
    const type = n >= -(2n ** 63n) && n < 2n ** 63n ? T.int8 : T.numeric;
    return { k: "const", type, typmod: -1, value: f };
  }
  return { k: "const", type: T.numeric, typmod: -1, value: normalizeConstant(f, T.numeric) };
}

const SQL_VALUE: Record<string, [string, string]> = {
  SVFOP_CURRENT_DATE: ["CURRENT_DATE", "date"],
  SVFOP_CURRENT_TIME: ["CURRENT_TIME", "timetz"],
  SVFOP_CURRENT_TIME_N: ["CURRENT_TIME", "timetz"],
  SVFOP_CURRENT_TIMESTAMP: ["CURRENT_TIMESTAMP", "timestamptz"],
  SVFOP_CURRENT_TIMESTAMP_N: ["CURRENT_TIMESTAMP", "timestamptz"],
  SVFOP_LOCALTIME: ["LOCALTIME", "time"],
  SVFOP_LOCALTIME_N: ["LOCALTIME", "time"],
  SVFOP_LOCALTIMESTAMP: ["LOCALTIMESTAMP", "timestamp"],
  SVFOP_LOCALTIMESTAMP_N: ["LOCALTIMESTAMP", "timestamp"],
  SVFOP_CURRENT_ROLE: ["CURRENT_ROLE", "name"],
  SVFOP_CURRENT_USER: ["CURRENT_USER", "name"],
  SVFOP_USER: ["USER", "name"],
  SVFOP_SESSION_USER: ["SESSION_USER", "name"],
  SVFOP_CURRENT_CATALOG: ["CURRENT_CATALOG", "name"],
  SVFOP_CURRENT_SCHEMA: ["CURRENT_SCHEMA", "name"],
};

function sqlValueFunction(s: NodeOf<"SQLValueFunction">): Ir {
  const [text, type] = SQL_VALUE[s.op ?? ""] ?? ["CURRENT_TIMESTAMP", "timestamptz"];
  const typmod = s.typmod !== undefined && s.typmod >= 0 ? `(${s.typmod})` : "";
  return { k: "sqlvalue", text: `${text}${typmod}`, type: typeByName(type)!.oid };
}

function raw(node: Node): Ir {
  let text: string;
  try {
    text = deparseSync(node);
  } catch {
    text = "?";
  }
  return { k: "raw", text, type: T.unknown };
}

/** A TypeName's type and typmod: built-in types first, then the tenant's enums. */
export function typeOfTypeName(
  tn: NodeOf<"TypeName">,
  schema: SchemaView,
): { oid: number; typmod: number } | undefined {
  const names = stringList(tn.names);
  const name = names.at(-1)!;
  const info = typeByName(name) ?? (names.length === 1 ? undefined : typeByName(names.join(".")));
  let oid = info?.oid ?? schema.enumType(name)?.oid;
  if (oid === undefined) return undefined;
  const args = (tn.typmods ?? []).map((m) => Number(asKind(m, "A_Const")?.ival?.ival ?? 0));
  const typmod = args.length ? typmodFromArgs(oid, args) : (tn.typemod ?? -1);
  if ((tn.arrayBounds ?? []).length > 0) oid = arrayTypeOf(oid) ?? oid;
  return { oid, typmod };
}
