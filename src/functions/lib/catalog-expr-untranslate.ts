// Reads back the SQLite SQL the translator stored (CHECK constraints, index expressions and
// predicates, views) as a PostgreSQL parse tree: SQLite keeps only the translation, so the
// translator's idioms are undone here (pg_* functions back to operators and functions, numeric
// comparisons through the pg_numeric collation, LIKE's explicit ESCAPE, ILIKE through lower()).
// What a translation lost cannot come back: `a::bigint` on an integer column stored as `a` prints
// as `a`. Storing the PostgreSQL text of these expressions would make this exact (see the report).

import { tokenize } from "../../catalog/table-ddl.js";
import type { Node } from "../../sql/ast.js";
import { asKind, nodeKind, stringList } from "../../sql/ast.js";
import type { SchemaView } from "../../sql/schema.js";
import { typeByOid } from "../../types/registry.js";
import { allFunctions, allOperators } from "../registry.js";

type Json = Record<string, unknown>;

/**
 * The PostgreSQL names of each JavaScript function the translator calls. Where a function and an
 * operator share one (abs and @, mod and %), a call with one argument reads back as the function
 * and one with two as the operator, as they are usually written.
 */
let reverse: { operators: Map<string, string>; functions: Map<string, string> } | undefined;

function reverseNames(): { operators: Map<string, string>; functions: Map<string, string> } {
  if (reverse) return reverse;
  reverse = { operators: new Map(), functions: new Map() };
  for (const def of allOperators()) {
    if ("udfName" in def && !reverse.operators.has(def.udfName)) reverse.operators.set(def.udfName, def.name);
  }
  for (const def of allFunctions()) {
    if ("udfName" in def && !reverse.functions.has(def.udfName)) reverse.functions.set(def.udfName, def.name);
  }
  return reverse;
}

/**
 * SQLite's `x IS y` and `x IS NOT y` (PostgreSQL's IS [NOT] DISTINCT FROM, and IS [NOT] TRUE or
 * FALSE when y is 1 or 0) in PostgreSQL's syntax, so that its grammar can read the text.
 */
export function sqliteIsToPostgres(sql: string): string {
  const tokens = tokenize(sql);
  const keep = new Set([
    "NULL",
    "TRUE",
    "FALSE",
    "UNKNOWN",
    "DISTINCT",
    "DOCUMENT",
    "NORMALIZED",
    "NOT",
    "JSON",
  ]);
  let out = "";
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tk = tokens[i]!;
    if (tk.kind !== "word" || tk.text.toUpperCase() !== "IS") continue;
    const negated = tokens[i + 1]?.kind === "word" && tokens[i + 1]!.text.toUpperCase() === "NOT";
    const next = tokens[i + (negated ? 2 : 1)];
    if (!next || (next.kind === "word" && keep.has(next.text.toUpperCase()))) continue;
    let replacement = negated ? "IS DISTINCT FROM" : "IS NOT DISTINCT FROM";
    let skip = negated ? tokens[i + 1]!.end : tk.end;
    if (next.kind === "word" && (next.text === "1" || next.text === "0")) {
      replacement = `IS ${negated ? "NOT " : ""}${next.text === "1" ? "TRUE" : "FALSE"}`;
      skip = next.end;
    }
    out += `${sql.slice(at, tk.start)}${replacement}`;
    at = skip;
  }
  return out + sql.slice(at);
}

/** Functions PostgreSQL's grammar writes as SQL keywords. */
const SQL_VALUE_FUNCTIONS: Record<string, string> = {
  current_date: "SVFOP_CURRENT_DATE",
  current_timestamp: "SVFOP_CURRENT_TIMESTAMP",
  localtime: "SVFOP_LOCALTIME",
  localtimestamp: "SVFOP_LOCALTIMESTAMP",
};

const str = (sval: string) => ({ String: { sval } });

function typeName(oid: number, typmod: number, schema: SchemaView): Json | undefined {
  const name = typeByOid(oid)?.name ?? schema.enumByOid(oid)?.name;
  return name === undefined ? undefined : { names: [str(name)], typemod: typmod };
}

function isNumericCollate(node: Node | undefined): boolean {
  const c = asKind(node, "CollateClause");
  return c !== undefined && stringList(c.collname).at(-1) === "pg_numeric";
}

/** `CAST(x AS TEXT)` around a numeric value, as numeric comparisons write it: x itself. */
function unwrapNumericText(node: Node): Node {
  const cast = asKind(node, "TypeCast");
  if (!cast || stringList(cast.typeName?.names).at(-1) !== "text" || !cast.arg) return node;
  const c = asKind(cast.arg, "A_Const");
  const s = c?.sval?.sval;
  if (s !== undefined && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) {
    return { A_Const: /^-?\d+$/.test(s) ? { ival: { ival: Number(s) } } : { fval: { fval: s } } } as Node;
  }
  return cast.arg;
}

export class Untranslator {
  constructor(
    readonly schema: SchemaView,
    /** The type of a column reference, for literals SQLite writes differently (booleans, floats). */
    readonly columnType: (fields: string[]) => number | undefined,
  ) {}

  node(node: Node): Node {
    switch (nodeKind(node)) {
      case "CollateClause": {
        const c = asKind(node, "CollateClause")!;
        if (isNumericCollate(node) && c.arg) return this.node(unwrapNumericText(c.arg));
        return { CollateClause: { ...c, arg: c.arg && this.node(c.arg) } } as Node;
      }
      case "FuncCall":
        return this.funcCall(node);
      case "A_Expr":
        return this.aExpr(node);
      case "TypeCast": {
        const c = asKind(node, "TypeCast")!;
        if (stringList(c.typeName?.names).at(-1) === "text") return this.node(unwrapNumericText(node));
        return { TypeCast: { ...c, arg: c.arg && this.node(c.arg) } } as Node;
      }
      case "CaseExpr":
        return this.enumValue(node) ?? this.children(node);
      default:
        return this.children(node);
    }
  }

  /**
   * An enum value compared by its position (`CASE x WHEN 'sad' THEN 1 WHEN 'ok' THEN 2 END`, as
   * enums compare): x, a constant as a constant of the enum type ('ok'::mood).
   */
  private enumValue(node: Node): Node | undefined {
    const c = asKind(node, "CaseExpr")!;
    if (!c.arg || c.defresult) return undefined;
    const labels = (c.args ?? []).map((w, i) => {
      const when = asKind(w, "CaseWhen");
      const position = asKind(when?.result, "A_Const")?.ival?.ival;
      return position === i + 1 ? asKind(when?.expr, "A_Const")?.sval?.sval : undefined;
    });
    const type = [...this.schema.enumTypes()].find(
      (e) => e.labels.length === labels.length && e.labels.every((l, i) => l.label === labels[i]),
    );
    if (!type) return undefined;
    const arg = this.node(c.arg);
    if (!asKind(arg, "A_Const")?.sval) return arg;
    return { TypeCast: { arg, typeName: { names: [str(type.name)], typemod: -1 } } } as unknown as Node;
  }

  /** Rewrites every child node (objects and arrays of objects) of a node. */
  private children(node: Node): Node {
    const kind = nodeKind(node);
    const body = (node as unknown as Record<string, Json>)[kind]!;
    const out: Json = {};
    for (const [key, value] of Object.entries(body)) out[key] = this.value(value);
    return { [kind]: out } as unknown as Node;
  }

  private value(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.value(v));
    if (value && typeof value === "object") {
      const keys = Object.keys(value);
      // A node is an object with one key naming its kind (upper-case first letter).
      if (keys.length === 1 && /^[A-Z]/.test(keys[0]!)) return this.node(value as Node);
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.value(v);
      return out;
    }
    return value;
  }

  private funcCall(node: Node): Node {
    const f = asKind(node, "FuncCall")!;
    const name = stringList(f.funcname).at(-1) ?? "";
    const args = (f.args ?? []).map((a) => this.node(a));
    const int = (n: Node | undefined) => Number(asKind(n, "A_Const")?.ival?.ival ?? 0);
    switch (name) {
      case "pg_regex_match": {
        const flags = asKind(args[2], "A_Const")?.sval?.sval ?? "";
        return opNode(flags.includes("i") ? "~*" : "~", args[0], args[1]!);
      }
      case "pg_cast":
      case "pg_typmod": {
        const tn = typeName(
          int(args[name === "pg_cast" ? 2 : 1]),
          int(args[name === "pg_cast" ? 3 : 2]),
          this.schema,
        );
        if (name === "pg_typmod" && int(args[3]) !== 1) return args[0]!;
        return tn ? ({ TypeCast: { arg: args[0], typeName: tn } } as Node) : args[0]!;
      }
      case "pg_nonzero":
      case "pg_check_limit":
      // real meets double precision through cross-type operators: PostgreSQL shows no cast.
      case "pg_float4_to_float8":
        return args[0]!;
      case "pg_numeric_to_float8":
      case "pg_numeric_to_float4": {
        const tn = typeName(name.endsWith("float8") ? 701 : 700, -1, this.schema);
        // A numeric constant is kept as its exact text: it is a number again here.
        const text = asKind(args[0], "A_Const")?.sval?.sval;
        const arg =
          text !== undefined && /^-?\d+(\.\d*)?$/.test(text)
            ? ({ A_Const: { fval: { fval: text } } } as Node)
            : args[0];
        return tn ? ({ TypeCast: { arg, typeName: tn } } as Node) : args[0]!;
      }
      case "pg_numeric_sum":
      case "pg_numeric_avg":
        // The native (C) aggregates behind sum and avg.
        return { FuncCall: { ...f, funcname: [str(name.slice("pg_numeric_".length))], args } } as Node;
      case "pg_similar_match": {
        // SIMILAR TO with the default escape: x ~ similar_to_escape(pattern).
        const esc = asKind(args[2], "A_Const")?.sval?.sval;
        const pattern = esc === "\\" ? [args[1]!] : args.slice(1);
        return opNode("~", args[0], {
          FuncCall: { funcname: [str("similar_to_escape")], args: pattern },
        } as Node);
      }
      case "max":
      case "min": {
        // greatest(a, b) is written max(COALESCE(a, b), COALESCE(b, a)).
        const firsts = args.map((a) => asKind(a, "CoalesceExpr")?.args?.[0]);
        if (args.length > 1 && firsts.every((a) => a !== undefined)) {
          return { MinMaxExpr: { op: name === "max" ? "IS_GREATEST" : "IS_LEAST", args: firsts } } as Node;
        }
        break;
      }
    }
    const names = reverseNames();
    const operator = names.operators.get(name);
    const fn = names.functions.get(name);
    if (operator && (args.length === 2 || (args.length === 1 && !fn))) {
      return args.length === 2 ? opNode(operator, args[0], args[1]!) : opNode(operator, undefined, args[0]!);
    }
    const pgName = fn ?? name;
    if (args.length === 0 && SQL_VALUE_FUNCTIONS[pgName]) {
      return { SQLValueFunction: { op: SQL_VALUE_FUNCTIONS[pgName], typmod: -1 } } as Node;
    }
    return { FuncCall: { ...f, funcname: [str(pgName)], args } } as Node;
  }

  private aExpr(node: Node): Node {
    const a = asKind(node, "A_Expr")!;
    let lexpr = a.lexpr;
    let rexpr = a.rexpr;
    let name = stringList(a.name).at(-1) ?? "";
    let kind = a.kind;
    // pg_lower(x) LIKE pg_lower(y) ESCAPE '\' is how x ILIKE y is translated.
    if (kind === "AEXPR_LIKE" && lowerArg(lexpr) && lowerArg(likePattern(rexpr))) {
      lexpr = lowerArg(lexpr);
      rexpr = replaceLikePattern(rexpr!, lowerArg(likePattern(rexpr))!);
      kind = "AEXPR_ILIKE";
      name = name === "!~~" ? "!~~*" : "~~*";
    }
    if (isNumericCollate(lexpr) || isNumericCollate(rexpr)) {
      lexpr =
        lexpr && unwrapNumericText(isNumericCollate(lexpr) ? asKind(lexpr, "CollateClause")!.arg! : lexpr);
      rexpr =
        rexpr && unwrapNumericText(isNumericCollate(rexpr) ? asKind(rexpr, "CollateClause")!.arg! : rexpr);
    }
    lexpr = lexpr && this.node(lexpr);
    rexpr = rexpr && this.node(rexpr);
    if (kind === "AEXPR_OP" && lexpr && rexpr) {
      rexpr = this.literalFor(lexpr, rexpr);
      lexpr = this.literalFor(rexpr, lexpr);
    }
    return { A_Expr: { ...a, kind, name: [str(name)], lexpr, rexpr } } as Node;
  }

  /** SQLite's forms of literals compared with a column: 1/0 for booleans, '1.5' for floats. */
  private literalFor(other: Node, literal: Node): Node {
    const col = asKind(other, "ColumnRef");
    const c = asKind(literal, "A_Const");
    if (!col || !c) return literal;
    const type = this.columnType(stringList(col.fields));
    if (type === 16 && c.ival) return { A_Const: { boolval: { boolval: (c.ival.ival ?? 0) !== 0 } } } as Node;
    const s = c.sval?.sval;
    if ((type === 700 || type === 701) && s !== undefined && /^\d+(\.\d+)?$/.test(s)) {
      return { A_Const: s.includes(".") ? { fval: { fval: s } } : { ival: { ival: Number(s) } } } as Node;
    }
    return literal;
  }
}

function opNode(name: string, lexpr: Node | undefined, rexpr: Node): Node {
  return { A_Expr: { kind: "AEXPR_OP", name: [str(name)], lexpr, rexpr } } as Node;
}

function lowerArg(node: Node | undefined): Node | undefined {
  const f = asKind(node, "FuncCall");
  return f && stringList(f.funcname).at(-1) === "pg_lower" && f.args?.length === 1 ? f.args[0] : undefined;
}

/** The pattern of LIKE's right side, inside like_escape(pattern, escape) when ESCAPE is written. */
function likePattern(node: Node | undefined): Node | undefined {
  const f = asKind(node, "FuncCall");
  return f && stringList(f.funcname).at(-1) === "like_escape" ? f.args?.[0] : node;
}

function replaceLikePattern(node: Node, pattern: Node): Node {
  const f = asKind(node, "FuncCall");
  if (f && stringList(f.funcname).at(-1) === "like_escape") {
    return { FuncCall: { ...f, args: [pattern, ...(f.args ?? []).slice(1)] } } as Node;
  }
  return pattern;
}
