// SQL/JSON path expressions (PostgreSQL 15's jsonpath.c, jsonpath_exec.c), the subset
// applications use: $ and @, .key, ."key", .*, [n], [n to m], [last], [*], filters ?(...) with
// comparisons, &&, ||, !, exists(...) and variables $name; lax mode (arrays unwrapped for member
// access, missing members ignored) and strict mode. Anything else is 0A000.
import { PgError } from "../../errors/pg-error.js";
import type { JsonValue } from "./json-common.js";

type Step =
  | { t: "key"; name: string }
  | { t: "anykey" }
  | { t: "index"; from: Expr; to?: Expr }
  | { t: "anyindex" }
  | { t: "filter"; pred: Pred }
  | { t: "method"; name: string };
type Expr =
  | { t: "path"; root: "$" | "@" | "var"; name?: string; steps: Step[] }
  | { t: "lit"; v: JsonValue }
  | { t: "last" }
  | { t: "pred"; p: Pred };
type Pred =
  | { t: "cmp"; op: string; l: Expr; r: Expr }
  | { t: "and" | "or"; l: Pred; r: Pred }
  | { t: "not"; p: Pred }
  | { t: "exists"; e: Expr };
export interface JsonPath {
  strict: boolean;
  expr: Expr;
}

const syntax = (text: string) =>
  new PgError("SYNTAX_ERROR", `syntax error at or near "${text}" of jsonpath input`);

const TOKEN =
  /\s*(?:("(?:[^"\\]|\\.)*")|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(&&|\|\||==|!=|<>|<=|>=|[$@.[\]()*?!<>,-])|([A-Za-z_][A-Za-z0-9_]*))/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m) {
      if (/^\s*$/.test(src.slice(start))) break;
      throw syntax(src.slice(start).trim());
    }
    out.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: string[]) {}
  peek(): string | undefined {
    return this.toks[this.i];
  }
  next(): string {
    const t = this.toks[this.i++];
    if (t === undefined) throw new PgError("SYNTAX_ERROR", "syntax error at end of jsonpath input");
    return t;
  }
  expect(t: string): void {
    const got = this.next();
    if (got !== t) throw syntax(got);
  }
  done(): boolean {
    return this.i >= this.toks.length;
  }

  expr(): Expr {
    const t = this.next();
    if (t === "$" || t === "@") {
      // $name: a variable from the vars argument.
      const p = this.peek();
      if (t === "$" && p !== undefined && /^[A-Za-z_]/.test(p) && p !== "to") {
        this.next();
        return { t: "path", root: "var", name: p, steps: this.steps() };
      }
      return { t: "path", root: t, steps: this.steps() };
    }
    if (t === "last") return { t: "last" };
    if (t.startsWith('"')) return { t: "lit", v: JSON.parse(t) as string };
    if (t === "-") {
      const n = this.next();
      if (!/^\d/.test(n)) throw syntax(n);
      return { t: "lit", v: { kind: "number", text: `-${n}` } };
    }
    if (/^\d/.test(t)) return { t: "lit", v: { kind: "number", text: t } };
    if (t === "true" || t === "false") return { t: "lit", v: t === "true" };
    if (t === "null") return { t: "lit", v: null };
    throw syntax(t);
  }

  steps(): Step[] {
    const steps: Step[] = [];
    for (;;) {
      const t = this.peek();
      if (t === ".") {
        this.next();
        const name = this.next();
        if (name === "*") steps.push({ t: "anykey" });
        else if (this.peek() === "(" && !name.startsWith('"')) {
          this.next();
          this.expect(")");
          steps.push({ t: "method", name });
        } else steps.push({ t: "key", name: name.startsWith('"') ? (JSON.parse(name) as string) : name });
      } else if (t === "[") {
        this.next();
        if (this.peek() === "*") {
          this.next();
          this.expect("]");
          steps.push({ t: "anyindex" });
          continue;
        }
        for (;;) {
          const from = this.expr();
          let to: Expr | undefined;
          if (this.peek() === "to") {
            this.next();
            to = this.expr();
          }
          steps.push({ t: "index", from, ...(to ? { to } : {}) });
          const sep = this.next();
          if (sep === "]") break;
          if (sep !== ",") throw syntax(sep);
        }
      } else if (t === "?") {
        this.next();
        this.expect("(");
        const pred = this.pred();
        this.expect(")");
        steps.push({ t: "filter", pred });
      } else return steps;
    }
  }

  pred(): Pred {
    let l = this.conj();
    while (this.peek() === "||") {
      this.next();
      l = { t: "or", l, r: this.conj() };
    }
    return l;
  }
  conj(): Pred {
    let l = this.unary();
    while (this.peek() === "&&") {
      this.next();
      l = { t: "and", l, r: this.unary() };
    }
    return l;
  }
  unary(): Pred {
    const t = this.peek();
    if (t === "!") {
      this.next();
      this.expect("(");
      const p = this.pred();
      this.expect(")");
      return { t: "not", p };
    }
    if (t === "(") {
      this.next();
      const p = this.pred();
      this.expect(")");
      return p;
    }
    if (t === "exists") {
      this.next();
      this.expect("(");
      const e = this.expr();
      this.expect(")");
      return { t: "exists", e };
    }
    const l = this.expr();
    const op = this.next();
    if (!["==", "!=", "<>", "<", "<=", ">", ">="].includes(op)) throw syntax(op);
    return { t: "cmp", op, l, r: this.expr() };
  }
}

/** Whether the first occurrence of token x is inside a filter's parentheses. */
function insideFilter(toks: string[], x: string): boolean {
  let depth = 0;
  for (const tok of toks) {
    if (tok === "(") depth++;
    else if (tok === ")") depth--;
    else if (tok === x) return depth > 0;
  }
  return false;
}

export function parseJsonPath(text: string): JsonPath {
  const toks = tokenize(text);
  let strict = false;
  if (toks[0] === "strict" || toks[0] === "lax") strict = toks.shift() === "strict";
  const p = new Parser(toks);
  // A predicate at the top ('$.a == 1'): its result is true, false or null (jsonb_path_match).
  const isPred = toks.some(
    (x) => ["==", "!=", "<>", "<", "<=", ">", ">=", "&&", "||"].includes(x) && !insideFilter(toks, x),
  );
  const expr: Expr = isPred ? { t: "pred", p: p.pred() } : p.expr();
  if (!p.done()) throw syntax(p.next());
  return { strict, expr };
}
