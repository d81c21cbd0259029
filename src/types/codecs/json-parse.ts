// A JSON parser with PostgreSQL's rules and error reports (common/jsonapi.c): it validates json
// input and builds the value tree that jsonb normalises.
import { PgError } from "../../errors/pg-error.js";
import { formatDecimal, parseNumeric } from "./decimal.js";

/** A parsed JSON value; numbers keep their numeric_out text, objects their members in input order. */
export type JsonValue =
  | null
  | boolean
  | string
  | { kind: "number"; text: string }
  | JsonValue[]
  | { kind: "object"; members: [string, JsonValue][] };

type TokenType = "string" | "number" | "true" | "false" | "null" | "{" | "}" | "[" | "]" | ":" | "," | "end";

interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** The de-escaped string, or the number text. */
  value: string;
}

const WS = new Set([32, 9, 10, 13]);

function isAlnum(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c >= 128
  );
}

class JsonParser {
  private pos = 0;
  private token!: Token;
  private lineNumber = 1;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    /** jsonb de-escapes strings and so checks surrogates and \u0000; json only checks syntax. */
    private readonly strict: boolean,
  ) {}

  parse(): JsonValue {
    this.next();
    const v = this.value();
    if (this.token.type !== "end") throw this.expected("Expected end of input");
    return v;
  }

  private fail(
    detail: string,
    tokenEnd: number,
    code: "INVALID_TEXT_REPRESENTATION" | "UNTRANSLATABLE_CHARACTER" = "INVALID_TEXT_REPRESENTATION",
    message = "invalid input syntax for type json",
  ): PgError {
    return new PgError(code, message, { detail, where: this.context(tokenEnd) });
  }

  // report_json_context: the current line up to the end of the bad token, at most ~50 characters.
  private context(end: number): string {
    let start = this.lineStart;
    if (end - start >= 50) start = end - 49;
    if (start - this.lineStart <= 3) start = this.lineStart;
    const prefix = start > this.lineStart ? "..." : "";
    const after = this.text.charCodeAt(end);
    const suffix =
      this.token?.type !== "end" && end < this.text.length && after !== 10 && after !== 13 ? "..." : "";
    return `JSON data, line ${this.lineNumber}: ${prefix}${this.text.slice(start, end)}${suffix}`;
  }

  private expected(what: string): PgError {
    const t = this.token;
    if (t.type === "end") return this.fail("The input string ended unexpectedly.", t.end);
    return this.fail(`${what}, but found "${this.text.slice(t.start, t.end)}".`, t.end);
  }

  private invalidToken(start: number, end: number): PgError {
    this.token = { type: "string", start, end, value: "" };
    return this.fail(`Token "${this.text.slice(start, end)}" is invalid.`, end);
  }

  private tokenType(): TokenType {
    return this.token.type;
  }

  private value(): JsonValue {
    const t = this.token;
    switch (t.type) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case "string":
        this.next();
        return t.value;
      case "number":
        this.next();
        return { kind: "number", text: t.value };
      case "true":
      case "false":
        this.next();
        return t.type === "true";
      case "null":
        this.next();
        return null;
      default:
        throw this.expected("Expected JSON value");
    }
  }

  private object(): JsonValue {
    const members: [string, JsonValue][] = [];
    this.next();
    if (this.token.type === "}") {
      this.next();
      return { kind: "object", members };
    }
    if (this.token.type !== "string") throw this.expected('Expected string or "}"');
    for (;;) {
      if (this.token.type !== "string") throw this.expected("Expected string");
      const key = this.token.value;
      this.next();
      if (this.tokenType() !== ":") throw this.expected('Expected ":"');
      this.next();
      members.push([key, this.value()]);
      if (this.tokenType() === "}") break;
      if (this.tokenType() !== ",") throw this.expected('Expected "," or "}"');
      this.next();
    }
    this.next();
    return { kind: "object", members };
  }

  private array(): JsonValue {
    const items: JsonValue[] = [];
    this.next();
    if (this.token.type === "]") {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.value());
      if (this.tokenType() === "]") break;
      if (this.tokenType() !== ",") throw this.expected('Expected "," or "]"');
      this.next();
    }
    this.next();
    return items;
  }

  private next(): void {
    const s = this.text;
    let i = this.pos;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (!WS.has(c)) break;
      if (c === 10) {
        this.lineNumber++;
        this.lineStart = i + 1;
      }
    }
    if (i >= s.length) {
      this.token = { type: "end", start: i, end: i, value: "" };
      this.pos = i;
      return;
    }
    const c = s.charCodeAt(i);
    if (c === 123 || c === 125 || c === 91 || c === 93 || c === 58 || c === 44) {
      this.token = { type: s[i] as TokenType, start: i, end: i + 1, value: "" };
      this.pos = i + 1;
    } else if (c === 34) {
      this.string(i);
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      this.number(i);
    } else {
      let p = i;
      while (p < s.length && isAlnum(s.charCodeAt(p))) p++;
      if (p === i) throw this.invalidToken(i, i + 1);
      const word = s.slice(i, p);
      if (word !== "true" && word !== "false" && word !== "null") throw this.invalidToken(i, p);
      this.token = { type: word, start: i, end: p, value: "" };
      this.pos = p;
    }
  }

  // json_lex_number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, then no trailing alphanumerics.
  private number(start: number): void {
    const s = this.text;
    let i = start;
    let ok = true;
    const digits = () => {
      const from = i;
      while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      return i > from;
    };
    if (s.charCodeAt(i) === 45) i++;
    if (s.charCodeAt(i) === 48) i++;
    else if (!digits()) ok = false;
    if (ok && s.charCodeAt(i) === 46) {
      i++;
      if (!digits()) ok = false;
    }
    if (ok && (s.charCodeAt(i) === 101 || s.charCodeAt(i) === 69)) {
      i++;
      if (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) i++;
      if (!digits()) ok = false;
    }
    let p = i;
    while (p < s.length && isAlnum(s.charCodeAt(p))) p++;
    if (!ok || p > i) throw this.invalidToken(start, p);
    this.token = { type: "number", start, end: i, value: s.slice(start, i) };
    this.pos = i;
  }

  private string(start: number): void {
    const s = this.text;
    let i = start + 1;
    let out = "";
    let chunk = i;
    let highSurrogate = -1;
    for (;;) {
      if (i >= s.length) throw this.invalidToken(start, s.length);
      const c = s.charCodeAt(i);
      if (c === 34) break;
      if (c < 0x20) {
        this.token = { type: "string", start, end: i + 1, value: "" };
        throw this.fail(`Character with value 0x${c.toString(16).padStart(2, "0")} must be escaped.`, i + 1);
      }
      if (this.strict && highSurrogate >= 0 && c !== 92) throw this.lowSurrogateExpected(i);
      if (c !== 92) {
        i++;
        continue;
      }
      out += s.slice(chunk, i);
      const e = s.charCodeAt(i + 1);
      if (e === 117) {
        const hex = s.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          let end = i + 2;
          while (end < i + 6 && end < s.length && /[0-9a-fA-F]/.test(s[end]!)) end++;
          throw this.fail('"\\u" must be followed by four hexadecimal digits.', Math.min(end + 1, s.length));
        }
        const code = Number.parseInt(hex, 16);
        i += 6;
        if (this.strict) {
          if (code >= 0xd800 && code <= 0xdbff) {
            if (highSurrogate >= 0)
              throw this.fail("Unicode high surrogate must not follow a high surrogate.", i);
            highSurrogate = code;
          } else if (code >= 0xdc00 && code <= 0xdfff) {
            if (highSurrogate < 0) throw this.lowSurrogateExpected(i);
            out += String.fromCharCode(highSurrogate, code);
            highSurrogate = -1;
          } else {
            if (highSurrogate >= 0) throw this.lowSurrogateExpected(i);
            if (code === 0) {
              throw this.fail(
                "\\u0000 cannot be converted to text.",
                i,
                "UNTRANSLATABLE_CHARACTER",
                "unsupported Unicode escape sequence",
              );
            }
            out += String.fromCharCode(code);
          }
        }
      } else {
        if (this.strict && highSurrogate >= 0) throw this.lowSurrogateExpected(i);
        const mapped = ESCAPES[e];
        if (mapped === undefined) {
          const ch = i + 1 < s.length ? String.fromCodePoint(s.codePointAt(i + 1)!) : "";
          throw this.fail(`Escape sequence "\\${ch}" is invalid.`, i + 1 + ch.length);
        }
        out += mapped;
        i += 2;
      }
      chunk = i;
    }
    if (this.strict && highSurrogate >= 0) throw this.lowSurrogateExpected(i);
    out += s.slice(chunk, i);
    this.token = { type: "string", start, end: i + 1, value: out };
    this.pos = i + 1;
  }

  private lowSurrogateExpected(end: number): PgError {
    return this.fail("Unicode low surrogate must follow a high surrogate.", end);
  }
}

const ESCAPES: Record<number, string> = {
  34: '"',
  92: "\\",
  47: "/",
  98: "\b",
  102: "\f",
  110: "\n",
  114: "\r",
  116: "\t",
};

/** Validates json input, raising PostgreSQL's errors; json keeps the text as given. */
export function validateJson(text: string): void {
  new JsonParser(text, false).parse();
}

/** Parses jsonb input: strings de-escaped, numbers as numeric_out prints them. */
export function parseJsonb(text: string): JsonValue {
  const v = new JsonParser(text, true).parse();
  return normaliseNumbers(v);
}

function normaliseNumbers(v: JsonValue): JsonValue {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(normaliseNumbers);
  if (v.kind === "number") {
    const n = parseNumeric(v.text);
    return { kind: "number", text: n && typeof n === "object" ? formatDecimal(n) : v.text };
  }
  return { kind: "object", members: v.members.map(([k, x]) => [k, normaliseNumbers(x)]) };
}
