// The character level of PostgreSQL's regular expressions (Spencer's ARE) as regex-translate.ts
// translates them: the options, the error, [:class:] bodies in a UTF-8 locale, escaping for a
// JavaScript RegExp, and the cursor with the character-entry escapes (\n, \x41, \u00e9, octal, \cX).
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

export const WORD = "\\p{L}\\p{Nd}_";
export const CLASS_BODIES: Record<string, string> = {
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

export function escapeOutside(c: string): string {
  return OUTSIDE_SYNTAX.has(c) ? `\\${c}` : c === "\n" ? "\\n" : c;
}

export function escapeInClass(c: string): string {
  if (/[\p{L}\p{N} ]/u.test(c)) return c;
  return `\\u{${c.codePointAt(0)!.toString(16)}}`;
}

/** A cursor over a pattern: code points, expanded-syntax white space and comments, character escapes. */
export class PatternCursor {
  protected i = 0;

  constructor(
    protected readonly p: string,
    protected readonly o: RegexOptions,
  ) {}

  protected peek(k = 0): string | undefined {
    return this.p[this.i + k];
  }

  protected atEnd(): boolean {
    return this.i >= this.p.length;
  }

  /** The next code point. */
  protected take(): string {
    const cp = this.p.codePointAt(this.i)!;
    const c = String.fromCodePoint(cp);
    this.i += c.length;
    return c;
  }

  protected skipExpanded(): void {
    if (!this.o.expanded) return;
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v") this.i++;
      else if (c === "#") {
        while (!this.atEnd() && this.peek() !== "\n") this.i++;
      } else return;
    }
  }

  /** A character-entry escape (\n, \x41, \u00e9, octal, \cX, ...) or an escaped non-alphanumeric. */
  protected characterEscape(c: string): string {
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
}
