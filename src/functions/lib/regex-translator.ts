// The grammar of PostgreSQL's regular expressions (Spencer's ARE): alternation, quantifiers and
// bounds, groups and lookaround constraints, escapes, back-references and bracket expressions,
// written as JavaScript RegExp source with the groups and greediness PostgreSQL's matching needs.
import {
  CLASS_BODIES,
  escapeInClass,
  escapeOutside,
  invalidRegex,
  PatternCursor,
  WORD,
} from "./regex-syntax.js";

export type Greed = "greedy" | "lazy" | "none";

export interface Piece {
  src: string;
  greed: Greed;
}

export class Translator extends PatternCursor {
  groups = 0;
  private lookaround = 0;
  hasAlt = false;
  hasGreedy = false;
  hasLazy = false;

  translate(): Piece {
    const re = this.re();
    if (!this.atEnd()) throw invalidRegex("parentheses () not balanced");
    return re;
  }

  private re(): Piece {
    const branches = [this.branch()];
    while (this.peek() === "|") {
      this.i++;
      this.hasAlt = true;
      branches.push(this.branch());
    }
    if (branches.length === 1) return branches[0]!;
    return { src: branches.map((b) => b.src).join("|"), greed: "greedy" };
  }

  private branch(): Piece {
    let src = "";
    let greed: Greed = "none";
    for (;;) {
      this.skipExpanded();
      const c = this.peek();
      if (c === undefined || c === "|" || c === ")") break;
      const piece = this.piece();
      src += piece.src;
      if (greed === "none") greed = piece.greed;
    }
    return { src, greed };
  }

  private piece(): Piece {
    const atom = this.atom();
    this.skipExpanded();
    const c = this.peek();
    let quant: string | undefined;
    let fixed = false;
    if (c === "*" || c === "+" || c === "?") {
      this.i++;
      quant = c;
    } else if (c === "{" && /[0-9]/.test(this.peek(1) ?? "")) {
      const b = this.bound();
      quant = b.src;
      fixed = b.fixed;
    }
    if (quant === undefined) return atom;
    if (!atom.quantifiable) throw invalidRegex("quantifier operand invalid");
    let lazy = false;
    if (this.peek() === "?") {
      this.i++;
      lazy = true;
    }
    this.skipExpanded();
    const next = this.peek();
    if (next === "*" || next === "+" || next === "?" || (next === "{" && /[0-9]/.test(this.peek(1) ?? ""))) {
      throw invalidRegex("quantifier operand invalid");
    }
    let greed: Greed;
    if (fixed) greed = atom.greed;
    else greed = lazy ? "lazy" : "greedy";
    if (!fixed) {
      if (lazy) this.hasLazy = true;
      else this.hasGreedy = true;
    }
    return { src: `${atom.src}${quant}${lazy ? "?" : ""}`, greed };
  }

  private bound(): { src: string; fixed: boolean } {
    this.i++; // "{"
    const num = () => {
      let s = "";
      while (/[0-9]/.test(this.peek() ?? "")) s += this.take();
      return s;
    };
    const m = num();
    let n: string | undefined = m;
    let comma = false;
    if (this.peek() === ",") {
      this.i++;
      comma = true;
      n = num();
    }
    if (this.peek() !== "}") {
      if (this.atEnd()) throw invalidRegex("braces {} not balanced");
      throw invalidRegex("invalid repetition count(s)");
    }
    this.i++;
    const lo = Number(m);
    const hi = comma ? (n === "" ? undefined : Number(n)) : lo;
    if (lo > 255 || (hi !== undefined && (hi > 255 || hi < lo)))
      throw invalidRegex("invalid repetition count(s)");
    const src = comma ? `{${lo},${hi ?? ""}}` : `{${lo}}`;
    return { src, fixed: !comma };
  }

  private atom(): Piece & { quantifiable: boolean } {
    const c = this.peek()!;
    switch (c) {
      case "(":
        return this.group();
      case "[":
        this.i++;
        return { src: this.bracket(), greed: "none", quantifiable: true };
      case ".":
        this.i++;
        return { src: this.o.nlstop ? "[^\\n]" : "[\\s\\S]", greed: "none", quantifiable: true };
      case "^":
        this.i++;
        return { src: this.o.nlanch ? "(?<![^\\n])" : "^", greed: "none", quantifiable: false };
      case "$":
        this.i++;
        return { src: this.o.nlanch ? "(?![^\\n])" : "$", greed: "none", quantifiable: false };
      case "\\":
        return this.escape();
      case "*":
      case "+":
      case "?":
        throw invalidRegex("quantifier operand invalid");
      case "{":
        if (/[0-9]/.test(this.peek(1) ?? "")) throw invalidRegex("quantifier operand invalid");
        this.i++;
        return { src: "\\{", greed: "none", quantifiable: true };
      default:
        return { src: escapeOutside(this.take()), greed: "none", quantifiable: true };
    }
  }

  private group(): Piece & { quantifiable: boolean } {
    this.i++; // "("
    let open = "(";
    let capturing = true;
    let quantifiable = true;
    if (this.peek() === "?") {
      const a = this.peek(1);
      const b = this.peek(2);
      if (a === ":") {
        open = "(?:";
        this.i += 2;
        capturing = false;
      } else if (a === "=" || a === "!") {
        open = `(?${a}`;
        this.i += 2;
        capturing = false;
        quantifiable = false;
      } else if (a === "<" && (b === "=" || b === "!")) {
        open = `(?<${b}`;
        this.i += 3;
        capturing = false;
        quantifiable = false;
      } else {
        throw invalidRegex("quantifier operand invalid");
      }
    }
    // Parentheses inside lookahead and lookbehind constraints do not capture.
    if (capturing && this.lookaround > 0) {
      open = "(?:";
      capturing = false;
    }
    if (capturing) this.groups++;
    if (!quantifiable) this.lookaround++;
    const inner = this.re();
    if (!quantifiable) this.lookaround--;
    if (this.peek() !== ")") throw invalidRegex("parentheses () not balanced");
    this.i++;
    return { src: `${open}${inner.src})`, greed: quantifiable ? inner.greed : "none", quantifiable };
  }

  private escape(): Piece & { quantifiable: boolean } {
    this.i++; // "\"
    if (this.atEnd()) throw invalidRegex("invalid escape \\ sequence");
    const c = this.take();
    const lit = (s: string) => ({ src: escapeOutside(s), greed: "none" as Greed, quantifiable: true });
    const cls = (s: string) => ({ src: s, greed: "none" as Greed, quantifiable: true });
    const constraint = (s: string) => ({ src: s, greed: "none" as Greed, quantifiable: false });
    switch (c) {
      case "d":
        return cls("[0-9]");
      case "D":
        return cls("[^0-9]");
      case "s":
        return cls("\\s");
      case "S":
        return cls("\\S");
      case "w":
        return cls(`[${WORD}]`);
      case "W":
        return cls(`[^${WORD}]`);
      case "m":
        return constraint(`(?<![${WORD}])(?=[${WORD}])`);
      case "M":
        return constraint(`(?<=[${WORD}])(?![${WORD}])`);
      case "y":
        return constraint(`(?:(?<![${WORD}])(?=[${WORD}])|(?<=[${WORD}])(?![${WORD}]))`);
      case "Y":
        return constraint(`(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`);
      case "A":
        return constraint("(?<![\\s\\S])");
      case "Z":
        return constraint("(?![\\s\\S])");
      default: {
        if (/[1-9]/.test(c)) {
          let digits = c;
          while (/[0-9]/.test(this.peek() ?? "") && Number(digits + this.peek()) <= this.groups)
            digits += this.take();
          const n = Number(digits);
          if (n > this.groups) throw invalidRegex("invalid backreference number");
          return { src: `(?:\\${n})`, greed: "none", quantifiable: true };
        }
        const ch = this.characterEscape(c);
        return lit(ch);
      }
    }
  }

  /** A bracket expression (after "["): a JavaScript character class. */
  private bracket(): string {
    let negate = false;
    if (this.peek() === "^") {
      negate = true;
      this.i++;
    }
    let body = "";
    let first = true;
    let prev: string | undefined; // the last single character, a possible range start
    for (;;) {
      if (this.atEnd()) throw invalidRegex("brackets [] not balanced");
      const c = this.peek()!;
      if (c === "]" && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === "[" && (this.peek(1) === ":" || this.peek(1) === "." || this.peek(1) === "=")) {
        const kind = this.peek(1)!;
        const end = this.p.indexOf(`${kind}]`, this.i + 2);
        if (end < 0) throw invalidRegex("brackets [] not balanced");
        const name = this.p.slice(this.i + 2, end);
        this.i = end + 2;
        if (kind === ":") {
          const cls = CLASS_BODIES[name];
          if (!cls) throw invalidRegex("invalid character class");
          body += cls;
          prev = undefined;
          continue;
        }
        const cps = [...name];
        if (cps.length !== 1) throw invalidRegex("invalid collating element");
        prev = cps[0]!;
        body += this.rangeOrChar(prev);
        continue;
      }
      if (c === "\\") {
        this.i++;
        if (this.atEnd()) throw invalidRegex("brackets [] not balanced");
        const e = this.take();
        const classes: Record<string, string> = {
          d: "0-9",
          s: "\\s",
          w: WORD,
          D: "\\D",
          S: "\\S",
          W: "\\P{L}",
        };
        if (classes[e] !== undefined) {
          body += classes[e];
          prev = undefined;
          continue;
        }
        prev = this.characterEscape(e);
        body += this.rangeOrChar(prev);
        continue;
      }
      prev = this.take();
      body += this.rangeOrChar(prev);
    }
    if (negate && this.o.nlstop) body += "\\n";
    return `[${negate ? "^" : ""}${body}]`;
  }

  /** One character in a bracket expression, or a range when "-" and an end follow. */
  private rangeOrChar(start: string): string {
    if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined) {
      this.i++;
      let end: string;
      if (this.peek() === "[" && (this.peek(1) === "." || this.peek(1) === "=")) {
        const kind = this.peek(1)!;
        const close = this.p.indexOf(`${kind}]`, this.i + 2);
        if (close < 0) throw invalidRegex("brackets [] not balanced");
        const cps = [...this.p.slice(this.i + 2, close)];
        this.i = close + 2;
        if (cps.length !== 1) throw invalidRegex("invalid collating element");
        end = cps[0]!;
      } else if (this.peek() === "\\") {
        this.i++;
        end = this.characterEscape(this.take());
      } else {
        end = this.take();
      }
      if (end.codePointAt(0)! < start.codePointAt(0)!) throw invalidRegex("invalid character range");
      return `${escapeInClass(start)}-${escapeInClass(end)}`;
    }
    return escapeInClass(start);
  }
}
