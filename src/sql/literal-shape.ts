import type { Node } from "./ast.js";

/**
 * A simple query's text with its integer literals taken out: queries that differ only in those
 * literals (`... WHERE id = 17`, `... WHERE id = 42`) share one key, and so can share one
 * translation in which the literals are parameters (TranslationCache.getShaped).
 */
export interface LiteralShape {
  /** The text with every integer literal replaced by \x01. */
  key: string;
  /** The literals' values, in order. */
  values: number[];
  /** Where each literal starts in the text (a byte offset, the text being ASCII). */
  offsets: number[];
}

const MAX_LITERALS = 1000;
const INT4_MAX = 2147483647;

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Characters that continue a word or a number: a digit next to one is not an integer literal. */
const isWordChar = (c: number) =>
  isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;

/**
 * The shape of a query text, or undefined when the text has no integer literal or has anything
 * this small lexer does not follow exactly (non-ASCII or control characters, comments, escape or
 * dollar-quoted strings, parameters). Literals beyond int4 stay in the key: they are not int4.
 */
export function literalShape(sql: string): LiteralShape | undefined {
  if (/[^\t\n\r\x20-\x7e]|--|\/\*|[$\\]/.test(sql)) return undefined;
  const values: number[] = [];
  const offsets: number[] = [];
  let key = "";
  let copied = 0;
  for (let i = 0; i < sql.length; ) {
    const c = sql.charCodeAt(i);
    if (c === 39 || c === 34) {
      // '...' or "...", with the quote doubled inside.
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql.charCodeAt(j) !== c) continue;
        if (sql.charCodeAt(j + 1) === c) j++;
        else break;
      }
      i = j + 1;
      continue;
    }
    if (!isDigit(c) || (i > 0 && isWordChar(sql.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    let j = i;
    while (j < sql.length && isDigit(sql.charCodeAt(j))) j++;
    const value = Number(sql.slice(i, j));
    if (j < sql.length && isWordChar(sql.charCodeAt(j))) {
      i = j;
      continue;
    }
    if (value <= INT4_MAX) {
      key += `${sql.slice(copied, i)}\x01`;
      copied = j;
      values.push(value);
      offsets.push(i);
      if (values.length > MAX_LITERALS) return undefined;
    }
    i = j;
  }
  if (values.length === 0) return undefined;
  return { key: key + sql.slice(copied), values, offsets };
}

/**
 * The integer constants of a parsed statement that are the shape's literals, as their A_Const
 * objects mapped to the literal's number; undefined unless every literal is exactly one constant
 * with its value (a negated literal, for one, is not).
 */
export function literalConstants(node: Node, shape: LiteralShape): Map<object, number> | undefined {
  const slot = new Map<number, number>(shape.offsets.map((o, k) => [o, k]));
  const found = new Map<object, number>();
  const seen = new Set<number>();
  let ok = true;
  const visit = (x: unknown): void => {
    if (!ok || x === null || typeof x !== "object") return;
    if (Array.isArray(x)) {
      for (const v of x) visit(v);
      return;
    }
    const c = (x as { A_Const?: { ival?: { ival?: number }; location?: number } }).A_Const;
    if (c?.ival !== undefined && c.location !== undefined) {
      const k = slot.get(c.location);
      if (k !== undefined) {
        if (seen.has(k) || (c.ival.ival ?? 0) !== shape.values[k]) ok = false;
        seen.add(k);
        found.set(c, k);
      }
    }
    for (const v of Object.values(x)) visit(v);
  };
  visit(node);
  return ok && seen.size === shape.values.length ? found : undefined;
}
