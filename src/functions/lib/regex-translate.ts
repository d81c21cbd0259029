// PostgreSQL's regular expressions (Spencer's ARE, src/backend/regex) translated to JavaScript
// RegExps. Translated: bracket expressions with [:class:], [.x.] and [=x=]; the escapes \d \s \w
// (Unicode-aware, as in a UTF-8 locale), \m \M \y \Y \A \Z, \e \B \cX \uXXXX \UXXXXXXXX \xHH and
// octal; back-references; bounds {m,n} (a "{" not starting a bound is literal); the prefixes
// ***: and ***=; embedded options (?bceimnpqstwx); the flags i c n m p w s x q e t; expanded
// syntax; newline-sensitive matching ("." and [^...] stop at "\n", ^ and $ anchor at newlines,
// and only there). The overall match follows PostgreSQL's rule that a greedy RE matches the
// longest and a non-greedy one the shortest text at the leftmost position where it matches
// (JavaScript's backtracking would take the first alternative). Not handled: basic REs (flag b,
// FEATURE_NOT_SUPPORTED), multi-character collating elements, and PostgreSQL's preferences for
// the extent of sub-matches where they differ from backtracking.
import { PgError } from "../../errors/pg-error.js";

export interface RegexOptions {
  icase: boolean;
  /** "." and [^...] do not match newline. */
  nlstop: boolean;
  /** ^ and $ match at newlines. */
  nlanch: boolean;
  expanded: boolean;
  quote: boolean;
  basic: boolean;
}

/** A translated pattern. */
export interface PgRegex {
  /** The JavaScript RegExp (flags "gu", plus "i"); lastIndex is reset by every use. */
  re: RegExp;
  source: string;
  flags: string;
  /** Capturing groups. */
  groups: number;
  /** How PostgreSQL picks among matches at the leftmost position. */
  prefer: "longest" | "shortest" | "any";
  /** Whether JavaScript's first match may differ from PostgreSQL's preference (so ends are searched). */
  refine: boolean;
}

export function invalidRegex(reason: string): PgError {
  return new PgError("INVALID_REGULAR_EXPRESSION", `invalid regular expression: ${reason}`);
}

/** Decimal digits other than 0-9: a UTF-8 locale's [[:alpha:]] (iswalpha) includes them. */
const OTHER_DIGITS =
  "\\u{660}-\\u{669}\\u{6f0}-\\u{6f9}\\u{7c0}-\\u{7c9}\\u{966}-\\u{96f}\\u{9e6}-\\u{9ef}" +
  "\\u{a66}-\\u{a6f}\\u{ae6}-\\u{aef}\\u{b66}-\\u{b6f}\\u{be6}-\\u{bef}\\u{c66}-\\u{c6f}" +
  "\\u{ce6}-\\u{cef}\\u{d66}-\\u{d6f}\\u{de6}-\\u{def}\\u{e50}-\\u{e59}\\u{ed0}-\\u{ed9}" +
  "\\u{f20}-\\u{f29}\\u{1040}-\\u{1049}\\u{1090}-\\u{1099}\\u{17e0}-\\u{17e9}" +
  "\\u{1810}-\\u{1819}\\u{1946}-\\u{194f}\\u{19d0}-\\u{19d9}\\u{1a80}-\\u{1a89}" +
  "\\u{1a90}-\\u{1a99}\\u{1b50}-\\u{1b59}\\u{1bb0}-\\u{1bb9}\\u{1c40}-\\u{1c49}" +
  "\\u{1c50}-\\u{1c59}\\u{a620}-\\u{a629}\\u{a8d0}-\\u{a8d9}\\u{a900}-\\u{a909}" +
  "\\u{a9d0}-\\u{a9d9}\\u{a9f0}-\\u{a9f9}\\u{aa50}-\\u{aa59}\\u{abf0}-\\u{abf9}" +
  "\\u{ff10}-\\u{ff19}\\u{104a0}-\\u{104a9}\\u{10d30}-\\u{10d39}\\u{10d40}-\\u{10d49}" +
  "\\u{11066}-\\u{1106f}\\u{110f0}-\\u{110f9}\\u{11136}-\\u{1113f}\\u{111d0}-\\u{111d9}" +
  "\\u{112f0}-\\u{112f9}\\u{11450}-\\u{11459}\\u{114d0}-\\u{114d9}\\u{11650}-\\u{11659}" +
  "\\u{116c0}-\\u{116c9}\\u{116d0}-\\u{116e3}\\u{11730}-\\u{11739}\\u{118e0}-\\u{118e9}" +
  "\\u{11950}-\\u{11959}\\u{11bf0}-\\u{11bf9}\\u{11c50}-\\u{11c59}\\u{11d50}-\\u{11d59}" +
  "\\u{11da0}-\\u{11da9}\\u{11de0}-\\u{11de9}\\u{11f50}-\\u{11f59}\\u{16130}-\\u{16139}" +
  "\\u{16a60}-\\u{16a69}\\u{16ac0}-\\u{16ac9}\\u{16b50}-\\u{16b59}\\u{16d70}-\\u{16d79}" +
  "\\u{1ccf0}-\\u{1ccf9}\\u{1d7ce}-\\u{1d7ff}\\u{1e140}-\\u{1e149}\\u{1e2f0}-\\u{1e2f9}" +
  "\\u{1e4f0}-\\u{1e4f9}\\u{1e5f1}-\\u{1e5fa}\\u{1e950}-\\u{1e959}\\u{1fbf0}-\\u{1fbf9}";

const WORD = "\\p{L}\\p{Nd}_";
const CLASS_BODIES: Record<string, string> = {
  alpha: `\\p{L}${OTHER_DIGITS}`,
  alnum: "\\p{L}\\p{Nd}",
  digit: "0-9",
  upper: "\\p{Lu}",
  lower: "\\p{Ll}",
  space: "\\s",
  blank: "\\t\\p{Zs}",
  punct: "\\p{P}\\p{S}\\p{No}",
  xdigit: "0-9A-Fa-f",
  cntrl: "\\p{Cc}",
  graph: "\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}",
  print: "\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Zs}",
  word: WORD,
};

const OUTSIDE_SYNTAX = new Set("^$\\.*+?()[]{}|/".split(""));

function escapeOutside(c: string): string {
  return OUTSIDE_SYNTAX.has(c) ? `\\${c}` : c === "\n" ? "\\n" : c;
}

function escapeInClass(c: string): string {
  if (/[\p{L}\p{N} ]/u.test(c)) return c;
  return `\\u{${c.codePointAt(0)!.toString(16)}}`;
}

type Greed = "greedy" | "lazy" | "none";

interface Piece {
  src: string;
  greed: Greed;
}

/** Parses an ARE into a JavaScript source, tracking groups and greediness. */
class Translator {
  private i = 0;
  groups = 0;
  private lookaround = 0;
  hasAlt = false;
  hasGreedy = false;
  hasLazy = false;

  constructor(
    private readonly p: string,
    private readonly o: RegexOptions,
  ) {}

  private peek(k = 0): string | undefined {
    return this.p[this.i + k];
  }

  private atEnd(): boolean {
    return this.i >= this.p.length;
  }

  /** The next code point. */
  private take(): string {
    const cp = this.p.codePointAt(this.i)!;
    const c = String.fromCodePoint(cp);
    this.i += c.length;
    return c;
  }

  private skipExpanded(): void {
    if (!this.o.expanded) return;
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v") this.i++;
      else if (c === "#") {
        while (!this.atEnd() && this.peek() !== "\n") this.i++;
      } else return;
    }
  }

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

  /** A character-entry escape (\n, \x41, \u00e9, octal, \cX, ...) or an escaped non-alphanumeric. */
  private characterEscape(c: string): string {
    const hex = (max: number, exact: boolean) => {
      let s = "";
      while (s.length < max && /[0-9a-fA-F]/.test(this.peek() ?? "")) s += this.take();
      if (s === "" || (exact && s.length !== max)) throw invalidRegex("invalid escape \\ sequence");
      const v = Number.parseInt(s, 16);
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw invalidRegex("invalid escape \\ sequence");
      return String.fromCodePoint(v);
    };
    switch (c) {
      case "a":
        return "\x07";
      case "b":
        return "\b";
      case "B":
        return "\\";
      case "e":
        return "\x1b";
      case "f":
        return "\f";
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case "v":
        return "\v";
      case "c": {
        if (this.atEnd()) throw invalidRegex("invalid escape \\ sequence");
        return String.fromCharCode(this.take().charCodeAt(0) & 0x1f);
      }
      case "u":
        return hex(4, true);
      case "U":
        return hex(8, true);
      case "x":
        return hex(8, false);
      case "0": {
        let s = "";
        while (s.length < 2 && /[0-7]/.test(this.peek() ?? "")) s += this.take();
        return String.fromCharCode(Number.parseInt(s || "0", 8));
      }
      default:
        if (/[\p{L}\p{N}]/u.test(c)) throw invalidRegex("invalid escape \\ sequence");
        return c;
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

/** parse_re_flags: the option letters of the regex functions. */
export function parseRegexFlags(
  flags: string,
  fn: string | undefined,
): { options: RegexOptions; glob: boolean } {
  const o: RegexOptions = {
    icase: false,
    nlstop: false,
    nlanch: false,
    expanded: false,
    quote: false,
    basic: false,
  };
  let glob = false;
  for (const c of flags) {
    switch (c) {
      case "g":
        if (fn) {
          throw new PgError("INVALID_PARAMETER_VALUE", `${fn}() does not support the "global" option`, {
            hint: fn === "regexp_match" ? "Use the regexp_matches function instead." : undefined,
          });
        }
        glob = true;
        break;
      default:
        if (!applyOption(o, c)) {
          throw new PgError("INVALID_PARAMETER_VALUE", `invalid regular expression option: "${c}"`);
        }
    }
  }
  return { options: o, glob };
}

function applyOption(o: RegexOptions, c: string): boolean {
  switch (c) {
    case "b":
      o.basic = true;
      return true;
    case "c":
      o.icase = false;
      return true;
    case "e":
      o.basic = false;
      return true;
    case "i":
      o.icase = true;
      return true;
    case "m":
    case "n":
      o.nlstop = true;
      o.nlanch = true;
      return true;
    case "p":
      o.nlstop = true;
      o.nlanch = false;
      return true;
    case "q":
      o.quote = true;
      return true;
    case "s":
      o.nlstop = false;
      o.nlanch = false;
      return true;
    case "t":
      o.expanded = false;
      return true;
    case "w":
      o.nlstop = false;
      o.nlanch = true;
      return true;
    case "x":
      o.expanded = true;
      return true;
    default:
      return false;
  }
}

const cache = new Map<string, PgRegex>();

/** Compiles a PostgreSQL pattern with the given options (cached). */
export function compileRegex(pattern: string, options: RegexOptions): PgRegex {
  const key = `${JSON.stringify(options)}\u0000${pattern}`;
  let r = cache.get(key);
  if (r) return r;
  r = build(pattern, { ...options });
  if (cache.size > 1000) cache.clear();
  cache.set(key, r);
  return r;
}

function build(pattern: string, o: RegexOptions): PgRegex {
  let p = pattern;
  if (p.startsWith("***:")) p = p.slice(4);
  else if (p.startsWith("***=")) {
    p = p.slice(4);
    o.quote = true;
  } else if (p.startsWith("***")) {
    throw invalidRegex("invalid argument to regex function");
  }
  if (o.basic && !o.quote) {
    throw new PgError("FEATURE_NOT_SUPPORTED", "basic regular expressions (flag b) are not supported");
  }
  if (!o.quote && /^\(\?[a-zA-Z]/.test(p)) {
    const end = p.indexOf(")");
    if (end < 0) throw invalidRegex("invalid embedded option");
    for (const c of p.slice(2, end)) {
      if (!applyOption(o, c)) throw invalidRegex("invalid embedded option");
    }
    p = p.slice(end + 1);
  }
  let source: string;
  let groups = 0;
  let prefer: PgRegex["prefer"] = "any";
  let refine = false;
  if (o.quote) {
    source = [...p].map(escapeOutside).join("");
  } else {
    const t = new Translator(p, o);
    const re = t.translate();
    source = re.src;
    groups = t.groups;
    prefer = re.greed === "greedy" ? "longest" : re.greed === "lazy" ? "shortest" : "any";
    refine =
      (prefer === "longest" && (t.hasAlt || t.hasLazy)) ||
      (prefer === "shortest" && (t.hasAlt || t.hasGreedy));
  }
  const flags = `gu${o.icase ? "i" : ""}`;
  let re: RegExp;
  try {
    re = new RegExp(source, `${flags}d`);
  } catch (e) {
    throw invalidRegex((e as Error).message.replace(/^Invalid regular expression: /, ""));
  }
  return { re, source, flags, groups, prefer, refine };
}

/** One match: positions in UTF-16 code units, and each group's text (undefined when it did not take part). */
export interface RegexMatch {
  start: number;
  end: number;
  groups: (string | undefined)[];
  /** Each group's [start, end) in code units, undefined when it did not take part. */
  groupIndices: ([number, number] | undefined)[];
}

const endForced = new Map<string, RegExp>();

/** A sticky RegExp matching the pattern only when it ends exactly `rest` code points before the end. */
function forcedEnd(r: PgRegex, rest: number): RegExp {
  const key = `${r.flags}/${rest}/${r.source}`;
  let re = endForced.get(key);
  if (!re) {
    re = new RegExp(`(?:${r.source})(?=[\\s\\S]{${rest}}(?![\\s\\S]))`, `${r.flags.replace("g", "")}yd`);
    if (endForced.size > 2000) endForced.clear();
    endForced.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

function toMatch(m: RegExpExecArray): RegexMatch {
  const groups = m.slice(1) as (string | undefined)[];
  const indices = m.indices ? (m.indices.slice(1) as ([number, number] | undefined)[]) : [];
  return { start: m.index, end: m.index + m[0].length, groups, groupIndices: indices };
}

function codePointsBetween(s: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i = nextIndex(s, i)) n++;
  return n;
}

/** The first match at or after `from` (code units), with PostgreSQL's preference among matches at that position. */
export function execAt(r: PgRegex, s: string, from: number): RegexMatch | undefined {
  const re = r.re;
  re.lastIndex = from;
  const m = re.exec(s);
  if (!m) return undefined;
  const first = toMatch(m);
  if (!r.refine || s.length > 4000) return first;
  const totalRest = codePointsBetween(s, first.start, s.length);
  const jsEndRest = codePointsBetween(s, first.end, s.length);
  if (r.prefer === "longest") {
    for (let rest = 0; rest < jsEndRest; rest++) {
      const f = forcedEnd(r, rest);
      f.lastIndex = first.start;
      const x = f.exec(s);
      if (x) return toMatch(x);
    }
  } else {
    for (let rest = totalRest; rest > jsEndRest; rest--) {
      const f = forcedEnd(r, rest);
      f.lastIndex = first.start;
      const x = f.exec(s);
      if (x) return toMatch(x);
    }
  }
  return first;
}

/** The code unit index one character after i. */
export function nextIndex(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? i + 2 : i + 1;
}

/**
 * setup_regexp_matches: the matches from `from` on (all of them when glob, else the first).
 * ignoreDegenerate drops empty matches at the start or end of the string or right after a match
 * (the split functions).
 */
export function allMatches(
  r: PgRegex,
  s: string,
  glob: boolean,
  from = 0,
  ignoreDegenerate = false,
): RegexMatch[] {
  const out: RegexMatch[] = [];
  let start = from;
  let prevEnd = 0;
  while (start <= s.length) {
    const m = execAt(r, s, start);
    if (!m) break;
    if (!ignoreDegenerate || (m.start < s.length && m.end > prevEnd)) out.push(m);
    prevEnd = m.end;
    if (!glob) break;
    start = m.end;
    if (m.start === m.end) {
      if (start >= s.length) break;
      start = nextIndex(s, start);
    }
  }
  return out;
}

/** Code unit index to 1-based character position. */
export function charPosition(s: string, index: number): number {
  return codePointsBetween(s, 0, index) + 1;
}

/** 1-based character position to code unit index (clamped to the end). */
export function unitIndex(s: string, position: number): number {
  let i = 0;
  for (let k = 1; k < position && i < s.length; k++) i = nextIndex(s, i);
  return i;
}

/** similar_escape: an SQL (SIMILAR TO) pattern as a POSIX regular expression. */
export function similarToRegex(pattern: string, escapeChar: string | null): string {
  let esc: string | undefined;
  if (escapeChar === null) esc = "\\";
  else {
    const cps = [...escapeChar];
    if (cps.length > 1) {
      throw new PgError("INVALID_ESCAPE_SEQUENCE", "invalid escape string", {
        hint: "Escape string must be empty or one character.",
      });
    }
    esc = cps[0];
  }
  let out = "^(?:";
  let afterEscape = false;
  let inClass = false;
  let classPos = 0;
  let quotes = 0;
  const lazyPart = () => quotes === 0;
  for (const c of pattern) {
    if (afterEscape) {
      if (c === '"' && !inClass) {
        if (quotes === 0) out += "){1,1}?(";
        else if (quotes === 1) out += "){1,1}(?:";
        else {
          throw new PgError(
            "INVALID_USE_OF_ESCAPE_CHARACTER",
            "SQL regular expression may not contain more than two escape-double-quote separators",
          );
        }
        quotes++;
      } else {
        out += `\\${c}`;
      }
      afterEscape = false;
    } else if (esc !== undefined && c === esc) {
      afterEscape = true;
    } else if (inClass) {
      if (c === "\\") out += "\\";
      out += c;
      // A "]" right after "[" or "[^" is literal.
      if (c === "]" && classPos > 2) inClass = false;
      else if (c === "^") classPos++;
      else classPos = 3;
    } else if (c === "[") {
      out += c;
      inClass = true;
      classPos = 1;
    } else if (c === "%") {
      out += lazyPart() ? ".*?" : ".*";
    } else if (c === "_") {
      out += ".";
    } else if (c === "(") {
      out += "(?:";
    } else if (c === "\\" || c === "." || c === "^" || c === "$") {
      out += `\\${c}`;
    } else if ((c === "*" || c === "+" || c === "?") && lazyPart()) {
      out += `${c}?`;
    } else {
      out += c;
    }
  }
  return `${out})$`;
}
