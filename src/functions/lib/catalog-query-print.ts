// Prints a query as PostgreSQL's ruleutils.c does (get_query_def and get_select_query_def), for
// pg_get_viewdef and sublinks inside printed expressions. The query is a PostgreSQL parse tree of
// the SQLite text the translator stored, read back by catalog-expr-untranslate.ts. Covered: SELECT
// [DISTINCT] with FROM tables, comma lists and joins, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT,
// OFFSET, UNION / INTERSECT / EXCEPT, and EXISTS, IN and scalar subqueries; anything else throws
// QueryNotPrintable.
import type { Node, NodeOf } from "../../sql/ast.js";
import { asKind, nodeKind, stringList } from "../../sql/ast.js";
import type { RelationInfo, SchemaView } from "../../sql/schema.js";
import { Analyzer, type ColumnBinding } from "./catalog-expr-analyze.js";
import { type Ir, irType } from "./catalog-expr-ir.js";
import { constText, Deparse, ruleExpr } from "./catalog-expr-print.js";
import { Untranslator } from "./catalog-expr-untranslate.js";
import { quoteIdentifier } from "./catalog-keywords.js";

const STD = 8;
const JOIN = 4;
const VAR = 4;

export class QueryNotPrintable extends Error {}

const JOIN_KINDS: Record<string, string> = {
  JOIN_INNER: "",
  JOIN_LEFT: "LEFT ",
  JOIN_FULL: "FULL ",
  JOIN_RIGHT: "RIGHT ",
};

const SET_OPS: Record<string, string> = {
  SETOP_UNION: "UNION ",
  SETOP_INTERSECT: "INTERSECT ",
  SETOP_EXCEPT: "EXCEPT ",
};

const UNKNOWN = 705;
const TEXT = 25;

/** A column's type and typmod. */
export interface ColumnType {
  oid: number;
  typmod: number;
}

interface RangeEntry {
  /** The name the stored query refers to it by. */
  alias: string;
  /** The name it is printed as: unique among this level's and enclosing levels' (set_rtable_names). */
  refname: string;
  rel: RelationInfo;
}

/** One query level: its FROM entries (for column references) and the output it writes to. */
export class QueryPrinter {
  private readonly entries: RangeEntry[] = [];
  private readonly byNode = new Map<object, RangeEntry>();
  private readonly analyzer: Analyzer;
  private readonly untranslator: Untranslator;

  constructor(
    readonly schema: SchemaView,
    readonly ctx: Deparse,
    readonly wrap: number,
    readonly parent?: QueryPrinter,
  ) {
    this.analyzer = new Analyzer({
      schema,
      column: (f) => this.column(f),
      subquery: (select) => this.subquery(select),
    });
    this.untranslator = new Untranslator(schema, (f) => this.column(f)?.type);
  }

  /**
   * get_query_def: a whole query at an indentation level; column names (and types, which the leaves
   * of a UNION are coerced to) are the view's. `visible` is false in a set operation's right leaves.
   */
  query(
    s: NodeOf<"SelectStmt">,
    columnNames: string[],
    startIndent: number,
    columnTypes: ColumnType[] = [],
    visible = true,
  ): void {
    const saved = this.ctx.indentLevel;
    this.ctx.indentLevel = startIndent;
    if (s.withClause || s.valuesLists || s.windowClause || s.lockingClause) throw new QueryNotPrintable();
    let targets: Ir[] = [];
    if (s.op !== "SETOP_NONE") this.setOperation(s, columnNames, columnTypes, visible);
    else targets = this.basicSelect(s, columnNames, columnTypes, visible);
    this.orderAndLimit(s, targets);
    this.ctx.indentLevel = saved;
  }

  private child(): QueryPrinter {
    return new QueryPrinter(this.schema, this.ctx, this.wrap, this.parent);
  }

  private subquery(select: Node): { type: number; render: (indent: number) => string } {
    const s = asKind(select, "SelectStmt");
    if (!s) throw new QueryNotPrintable();
    // A set operation's type is taken from its leftmost SELECT; unknown literals resolve to text.
    let leaf = s;
    while (leaf.op !== "SETOP_NONE" && leaf.larg) leaf = leaf.larg;
    const first = asKind(leaf.targetList?.[0], "ResTarget")?.val;
    const inner = new QueryPrinter(this.schema, new Deparse(this.ctx.prettyParen, true), this.wrap, this);
    const found = first && leaf.op === "SETOP_NONE" ? inner.typeOf(leaf, first) : UNKNOWN;
    const type = found === UNKNOWN && s.op !== "SETOP_NONE" ? TEXT : found;
    return {
      type,
      render: (indent) => {
        const printer = new QueryPrinter(
          this.schema,
          new Deparse(this.ctx.prettyParen, true),
          this.wrap,
          this,
        );
        printer.query(s, [], indent);
        return printer.ctx.buf;
      },
    };
  }

  private typeOf(s: NodeOf<"SelectStmt">, first: Node): number {
    for (const item of s.fromClause ?? []) this.collect(item);
    const ir = this.expr(first);
    return ir.k === "bool" || ir.k === "nulltest" ? 16 : "type" in ir ? ir.type : 16;
  }

  /** get_setop_query. */
  private setOperation(
    s: NodeOf<"SelectStmt">,
    columnNames: string[],
    columnTypes: ColumnType[],
    visible: boolean,
  ): void {
    const ctx = this.ctx;
    if (s.op === "SETOP_NONE") {
      const leaf = this.child();
      const paren = Boolean(s.sortClause?.length || s.limitCount || s.limitOffset);
      if (paren) ctx.buf += "(";
      leaf.query(s, columnNames, ctx.indentLevel, columnTypes, visible);
      if (paren) ctx.buf += ")";
      return;
    }
    const left = s.larg!;
    const right = s.rarg!;
    const leftParen = left.op !== "SETOP_NONE" && (left.op !== s.op || Boolean(left.all) !== Boolean(s.all));
    const leftIndent = leftParen ? STD : 0;
    if (leftParen) {
      ctx.buf += "(";
      ctx.keyword("", leftIndent, 0, 0);
    }
    this.setOperation(left, columnNames, columnTypes, visible);
    if (leftParen) ctx.keyword(") ", -leftIndent, 0, 0);
    else ctx.keyword("", -leftIndent, 0, 0);
    ctx.buf += `${SET_OPS[s.op ?? ""] ?? ""}${s.all ? "ALL " : ""}`;
    const rightParen = right.op !== "SETOP_NONE";
    const rightIndent = rightParen ? STD : 0;
    if (rightParen) ctx.buf += "(";
    ctx.keyword("", rightIndent, 0, 0);
    this.setOperation(right, columnNames, columnTypes, false);
    ctx.indentLevel -= rightIndent;
    if (rightParen) ctx.keyword(")", 0, 0, 0);
  }

  /** get_basic_select_query: SELECT ... FROM ... WHERE ... GROUP BY ... HAVING. */
  private basicSelect(
    s: NodeOf<"SelectStmt">,
    columnNames: string[],
    columnTypes: ColumnType[],
    visible: boolean,
  ): Ir[] {
    const ctx = this.ctx;
    for (const item of s.fromClause ?? []) this.collect(item);
    ctx.indentLevel += STD;
    ctx.buf += " SELECT";
    if (s.distinctClause) {
      if (s.distinctClause.some((d) => Object.keys(d).length > 0)) throw new QueryNotPrintable();
      ctx.buf += " DISTINCT";
    }
    const targets = (s.targetList ?? []).map((n) => asKind(n, "ResTarget")!);
    // Output columns of unknown type are text, or the type a set operation resolved for them
    // (transformSetOperationTree coerces only these in its leaves).
    const exprs = targets.map((tg, i) => {
      const e = this.expr(tg.val!);
      if (irType(e) !== UNKNOWN) return e;
      const type = columnTypes[i] ?? { oid: TEXT, typmod: -1 };
      return this.analyzer.coerce(e, type.oid, type.typmod);
    });
    this.targetList(
      exprs,
      targets.map((tg, i) => columnNames[i] ?? tg.name ?? "?column?"),
      visible,
    );
    (s.fromClause ?? []).forEach((item, i) => {
      if (i === 0) {
        ctx.keyword(" FROM ", -STD, STD, 2);
        this.fromItem(item);
        return;
      }
      ctx.buf += ", ";
      const outer = ctx.buf;
      ctx.buf = "";
      this.fromItem(item);
      const text = ctx.buf;
      ctx.buf = outer;
      const line = ctx.buf.slice(ctx.buf.lastIndexOf("\n") + 1);
      if (line.length + text.length > this.wrap) ctx.keyword("", -STD, STD, VAR);
      ctx.buf += text;
    });
    if (s.whereClause) {
      ctx.keyword(" WHERE ", -STD, STD, 1);
      ruleExpr(ctx, this.expr(s.whereClause), false);
    }
    if (s.groupClause?.length) {
      ctx.keyword(" GROUP BY ", -STD, STD, 1);
      s.groupClause.forEach((g, i) => {
        if (i > 0) ctx.buf += ", ";
        this.sortGroupItem(this.targetOrExpr(g, exprs));
      });
    }
    if (s.havingClause) {
      ctx.keyword(" HAVING ", -STD, STD, 0);
      ruleExpr(ctx, this.expr(s.havingClause), false);
    }
    return exprs;
  }

  private orderAndLimit(s: NodeOf<"SelectStmt">, targets: Ir[]): void {
    const ctx = this.ctx;
    if (s.sortClause?.length) {
      ctx.keyword(" ORDER BY ", -STD, STD, 1);
      s.sortClause.forEach((n, i) => {
        const sort = asKind(n, "SortBy")!;
        if (i > 0) ctx.buf += ", ";
        this.sortGroupItem(this.targetOrExpr(sort.node!, targets));
        const desc = sort.sortby_dir === "SORTBY_DESC";
        const nulls = sort.sortby_nulls;
        if (desc) ctx.buf += nulls === "SORTBY_NULLS_LAST" ? " DESC NULLS LAST" : " DESC";
        else if (nulls === "SORTBY_NULLS_FIRST") ctx.buf += " NULLS FIRST";
      });
    }
    if (s.limitOffset) {
      ctx.keyword(" OFFSET ", -STD, STD, 0);
      ruleExpr(ctx, this.expr(s.limitOffset), false);
    }
    if (s.limitCount) {
      ctx.keyword(" LIMIT ", -STD, STD, 0);
      ruleExpr(ctx, this.expr(s.limitCount), false);
    }
  }

  private expr(node: Node): Ir {
    return this.analyzer.expr(this.untranslator.node(node));
  }

  /** ORDER BY and GROUP BY items that are output column numbers refer to the target's expression. */
  private targetOrExpr(node: Node, targets: Ir[]): Ir {
    const n = asKind(node, "A_Const")?.ival;
    if (n) return targets[(n.ival ?? 0) - 1] ?? this.expr(node);
    return this.expr(node);
  }

  /** get_rule_sortgroupclause. */
  private sortGroupItem(e: Ir): void {
    const ctx = this.ctx;
    if (e.k === "const") {
      ctx.buf += constText(e.value, e.type, e.typmod, 1);
    } else if (e.k === "var") {
      ruleExpr(ctx, e, true);
    } else {
      const paren = ctx.prettyParen || e.k === "func";
      if (paren) ctx.buf += "(";
      ruleExpr(ctx, e, true);
      if (paren) ctx.buf += ")";
    }
  }

  /** get_target_list, with its line wrapping. */
  private targetList(exprs: Ir[], names: string[], visible: boolean): void {
    const ctx = this.ctx;
    let lastMultiline = false;
    exprs.forEach((e, i) => {
      ctx.buf += i === 0 ? " " : ", ";
      const outer = ctx.buf;
      ctx.buf = "";
      ruleExpr(ctx, e, true);
      // An expression's own name is "?column?" where the name is not visible outside.
      const own = e.k === "var" ? e.name : visible ? undefined : "?column?";
      if (own !== names[i]) ctx.buf += ` AS ${quoteIdentifier(names[i]!)}`;
      const field = ctx.buf;
      ctx.buf = outer;
      if (field.startsWith("\n")) {
        ctx.buf = ctx.buf.replace(/ +$/, "");
      } else {
        const line = ctx.buf.slice(ctx.buf.lastIndexOf("\n") + 1);
        if (i > 0 && (line.length + field.length > this.wrap || lastMultiline))
          ctx.keyword("", -STD, STD, VAR);
      }
      lastMultiline = field.slice(field.startsWith("\n") ? 1 : 0).includes("\n");
      ctx.buf += field;
    });
  }

  private collect(item: Node): void {
    const rv = asKind(item, "RangeVar");
    if (rv) {
      const rel = this.schema.relation(rv.relname ?? "");
      if (!rel || (rv.schemaname && rv.schemaname !== "public")) throw new QueryNotPrintable();
      const alias = rv.alias?.aliasname ?? rel.name;
      let refname = alias;
      for (let n = 1; this.nameInUse(refname); n++) refname = `${alias}_${n}`;
      const entry = { alias, refname, rel };
      this.entries.push(entry);
      this.byNode.set(rv, entry);
      return;
    }
    const j = asKind(item, "JoinExpr");
    if (!j || j.alias || j.isNatural) throw new QueryNotPrintable();
    this.collect(j.larg!);
    this.collect(j.rarg!);
  }

  private nameInUse(name: string): boolean {
    return this.entries.some((e) => e.refname === name) || (this.parent?.nameInUse(name) ?? false);
  }

  private column(fields: string[]): ColumnBinding | undefined {
    const name = fields.at(-1)!;
    const entries = fields.length > 1 ? this.entries.filter((e) => e.alias === fields.at(-2)) : this.entries;
    for (const e of entries) {
      const c = e.rel.column(name);
      if (c) return { name: c.name, rel: e.refname, type: c.typeOid, typmod: c.typmod };
    }
    return this.parent?.column(fields);
  }

  /** get_from_clause_item. */
  private fromItem(item: Node): void {
    const ctx = this.ctx;
    const rv = asKind(item, "RangeVar");
    if (rv) {
      const refname = this.byNode.get(rv)?.refname;
      ctx.buf += quoteIdentifier(rv.relname ?? "");
      if (refname && refname !== rv.relname) ctx.buf += ` ${quoteIdentifier(refname)}`;
      return;
    }
    const j = asKind(item, "JoinExpr")!;
    const parenRight = ctx.prettyParen && nodeKind(j.rarg!) !== "RangeVar";
    if (!ctx.prettyParen) ctx.buf += "(";
    this.fromItem(j.larg!);
    const kind = JOIN_KINDS[j.jointype ?? ""];
    if (kind === undefined) throw new QueryNotPrintable();
    ctx.keyword(
      kind === "" && !j.quals && !j.usingClause ? " CROSS JOIN " : ` ${kind}JOIN `,
      -STD,
      STD,
      JOIN,
    );
    if (parenRight) ctx.buf += "(";
    this.fromItem(j.rarg!);
    if (parenRight) ctx.buf += ")";
    if (j.usingClause?.length) {
      ctx.buf += ` USING (${stringList(j.usingClause).map(quoteIdentifier).join(", ")})`;
    } else if (j.quals) {
      ctx.buf += " ON ";
      if (!ctx.prettyParen) ctx.buf += "(";
      ruleExpr(ctx, this.expr(j.quals), false);
      if (!ctx.prettyParen) ctx.buf += ")";
    } else if (kind !== "") {
      ctx.buf += " ON TRUE";
    }
    if (!ctx.prettyParen) ctx.buf += ")";
  }
}
