// Arrays: stored as JSON (see array-json.ts). Text input and output follow array_in / array_out in
// PostgreSQL's arrayfuncs.c. Arrays have lower bound 1 unless a literal gives explicit dimensions
// with other bounds ('[0:2]={7,8,9}'): such an array is stored as its dimensions, "=" and the JSON.
import { PgError } from "../../errors/pg-error.js";
import type { FormatContext } from "../format-context.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { arrayFromBinary, arrayToBinary } from "./array-binary.js";
import { type ArrayTree, arrayToJson, jsonToArray } from "./array-json.js";

const MAXDIM = 6;

/** A parsed array literal: nested element texts (null for NULL). */
type Literal = (string | null | Literal)[];

const isSpace = (c: string | undefined) =>
  c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\v" || c === "\f";

class LiteralParser {
  private i = 0;
  /** The lower bounds of explicitly given dimensions. */
  lowerBounds: number[] = [];
  constructor(
    private readonly s: string,
    private readonly delim: string,
  ) {}

  private malformed(detail: string): PgError {
    return new PgError("INVALID_TEXT_REPRESENTATION", `malformed array literal: "${this.s}"`, { detail });
  }

  private skipSpace(): void {
    while (isSpace(this.s[this.i])) this.i++;
  }

  parse(): Literal {
    this.skipSpace();
    let dims: number[] | undefined;
    if (this.s[this.i] === "[") dims = this.dimensions();
    else if (this.s[this.i] !== "{")
      throw this.malformed('Array value must start with "{" or dimension information.');
    const tree = this.array(0);
    this.skipSpace();
    if (this.i < this.s.length) throw this.malformed("Junk after closing right brace.");
    const shape = this.shape(tree);
    if (dims && (dims.length !== shape.length || dims.some((d, k) => d !== shape[k]))) {
      if (!(dims.length > 0 && shape.length === 0 && tree.length === 0)) {
        throw this.malformed("Specified array dimensions do not match array contents.");
      }
    }
    return tree;
  }

  /** An optionally signed integer with the spaces around it, or undefined. */
  private integer(): number | undefined {
    this.skipSpace();
    const m = /^[+-]?\d+/.exec(this.s.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    this.skipSpace();
    return Number(m[0]);
  }

  // "[lb:ub][lb:ub]=".
  private dimensions(): number[] {
    const dims: number[] = [];
    while (this.s[this.i] === "[") {
      this.i++;
      const first = this.integer();
      if (first === undefined)
        throw this.malformed('"[" must introduce explicitly-specified array dimensions.');
      let lb = 1;
      let ub = first;
      if (this.s[this.i] === ":") {
        this.i++;
        const second = this.integer();
        if (second === undefined) throw this.malformed("Missing array dimension value.");
        lb = first;
        ub = second;
      }
      if (this.s[this.i] !== "]") throw this.malformed('Missing "]" after array dimensions.');
      this.i++;
      if (ub < lb) throw new PgError("ARRAY_SUBSCRIPT_ERROR", "upper bound cannot be less than lower bound");
      this.lowerBounds.push(lb);
      dims.push(ub - lb + 1);
      this.skipSpace();
    }
    if (this.s[this.i] !== "=") throw this.malformed('Missing "=" after array dimensions.');
    this.i++;
    this.skipSpace();
    if (this.s[this.i] !== "{") throw this.malformed('Array contents must start with "{".');
    return dims;
  }

  private array(depth: number): Literal {
    if (depth >= MAXDIM) {
      throw new PgError(
        "PROGRAM_LIMIT_EXCEEDED",
        `number of array dimensions (${depth + 1}) exceeds the maximum allowed (${MAXDIM})`,
      );
    }
    this.i++; // "{"
    const items: Literal = [];
    this.skipSpace();
    if (this.s[this.i] === "}") {
      if (depth > 0) throw this.malformed('Unexpected "}" character.');
      this.i++;
      return items;
    }
    let nested: boolean | undefined;
    for (;;) {
      this.skipSpace();
      const c = this.s[this.i];
      if (c === undefined) throw this.malformed("Unexpected end of input.");
      if (c === "{") {
        if (nested === false) throw this.malformed('Unexpected "{" character.');
        nested = true;
        items.push(this.array(depth + 1));
      } else {
        if (nested === true) throw this.malformed("Unexpected array element.");
        if (c === "}" || c === this.delim) throw this.malformed(`Unexpected "${c}" character.`);
        nested = false;
        items.push(this.element());
      }
      this.skipSpace();
      const d = this.s[this.i];
      if (d === undefined) throw this.malformed("Unexpected end of input.");
      this.i++;
      if (d === "}") return items;
      if (d !== this.delim)
        throw this.malformed(d === "{" ? 'Unexpected "{" character.' : "Unexpected array element.");
    }
  }

  private element(): string | null {
    const s = this.s;
    if (s[this.i] === '"') {
      this.i++;
      let out = "";
      for (;;) {
        const c = s[this.i++];
        if (c === undefined) throw this.malformed("Unexpected end of input.");
        if (c === '"') return out;
        if (c === "\\") {
          const e = s[this.i++];
          if (e === undefined) throw this.malformed("Unexpected end of input.");
          out += e;
        } else {
          out += c;
        }
      }
    }
    let out = "";
    let keep = 0; // length of out that trailing-space trimming must not cut (escaped characters)
    let sawEscape = false;
    for (;;) {
      const c = s[this.i];
      if (c === undefined) throw this.malformed("Unexpected end of input.");
      if (c === this.delim || c === "}") break;
      if (c === "{") throw this.malformed('Unexpected "{" character.');
      if (c === '"') throw this.malformed("Unexpected array element.");
      this.i++;
      if (c === "\\") {
        const e = s[this.i++];
        if (e === undefined) throw this.malformed("Unexpected end of input.");
        out += e;
        keep = out.length;
        sawEscape = true;
      } else {
        out += c;
        if (!isSpace(c)) keep = out.length;
      }
    }
    out = out.slice(0, keep);
    if (!sawEscape && out.length === 4 && out.toUpperCase() === "NULL") return null;
    return out;
  }

  /** The dimensions of a parsed literal, checking that sub-arrays match. */
  private shape(tree: Literal): number[] {
    if (tree.length === 0) return [];
    const first = tree[0];
    if (!Array.isArray(first)) return [tree.length];
    const inner = this.shape(first);
    for (const sub of tree) {
      const s = this.shape(sub as Literal);
      if (s.length !== inner.length || s.some((d, k) => d !== inner[k])) {
        throw this.malformed("Multidimensional arrays must have sub-arrays with matching dimensions.");
      }
    }
    return [tree.length, ...inner];
  }
}

/** array_in's syntax: nested element texts. */
export function parseArrayLiteral(text: string, delim = ","): Literal {
  return new LiteralParser(text, delim).parse();
}

/** array_out's quoting of one element's text. */
export function quoteArrayElement(text: string, delim: string): string {
  const needs =
    text.length === 0 ||
    (text.length === 4 && text.toUpperCase() === "NULL") ||
    /["\\{} \t\n\r\v\f]/.test(text) ||
    text.includes(delim);
  if (!needs) return text;
  return `"${text.replace(/["\\]/g, "\\$&")}"`;
}

/** Everything an array codec needs from its element type. */
export interface ElementType {
  oid: number;
  codec: TypeCodec;
  delim: string;
}

function mapLiteral(lit: Literal, f: (s: string) => StoredValue): ArrayTree {
  return lit.map((x) => (x === null ? null : Array.isArray(x) ? mapLiteral(x, f) : f(x)));
}

/** Applies `f` to every non-NULL element of a stored array tree. */
export function mapTree(tree: ArrayTree, f: (v: StoredValue) => StoredValue): ArrayTree {
  return tree.map((x) => (x === null ? null : Array.isArray(x) ? mapTree(x, f) : f(x)));
}

function treeText(tree: ArrayTree, elem: ElementType, typmod: number, ctx: FormatContext): string {
  let out = "{";
  for (let i = 0; i < tree.length; i++) {
    if (i > 0) out += elem.delim;
    const v = tree[i]!;
    if (v === null) out += "NULL";
    else if (Array.isArray(v)) out += treeText(v, elem, typmod, ctx);
    else out += quoteArrayElement(elem.codec.toText(v, typmod, ctx), elem.delim);
  }
  return `${out}}`;
}

const BOUNDS = /^((?:\[-?\d+:-?\d+\])+)=/;

/** A stored array's lower bounds (1 for each dimension unless stored with its dimensions) and JSON. */
export function storedBounds(value: StoredValue): { lowerBounds: number[] | undefined; json: string } {
  const s = typeof value === "string" ? value : String(value);
  const m = s.startsWith("[") ? BOUNDS.exec(s) : null;
  if (!m) return { lowerBounds: undefined, json: s };
  const lowerBounds = [...m[1]!.matchAll(/\[(-?\d+):/g)].map((x) => Number(x[1]));
  return { lowerBounds, json: s.slice(m[0].length) };
}

/** The dimension text "[lb:ub]..." of an array with these lower bounds. */
export function boundsText(tree: ArrayTree, lowerBounds: number[]): string {
  let out = "";
  let level: ArrayTree = tree;
  for (const lb of lowerBounds) {
    out += `[${lb}:${lb + level.length - 1}]`;
    level = Array.isArray(level[0]) ? level[0] : [];
  }
  return out;
}

/** The stored form of an array with these lower bounds: plain JSON when they are all 1. */
export function storeWithBounds(tree: ArrayTree, elemOid: number, lowerBounds: number[] | undefined): string {
  const json = arrayToJson(tree, elemOid);
  if (!lowerBounds || tree.length === 0 || lowerBounds.every((lb) => lb === 1)) return json;
  return `${boundsText(tree, lowerBounds)}=${json}`;
}

/** Reads a stored array (JSON text) into stored element values. */
export function storedArray(value: StoredValue, elemOid: number): ArrayTree {
  return jsonToArray(storedBounds(value).json, elemOid);
}

/** The codec of the array type whose elements are `elem`; typmods apply to the elements. */
export function arrayCodec(elem: ElementType): TypeCodec {
  const codec: TypeCodec = {
    toText(value, typmod, ctx) {
      const { lowerBounds, json } = storedBounds(value);
      const tree = jsonToArray(json, elem.oid);
      const dims = lowerBounds ? `${boundsText(tree, lowerBounds)}=` : "";
      return dims + treeText(tree, elem, typmod, ctx);
    },
    fromText(text, typmod, ctx) {
      const parser = new LiteralParser(text, elem.delim);
      const lit = parser.parse();
      const tree = mapLiteral(lit, (s) => elem.codec.fromText(s, typmod, ctx));
      return storeWithBounds(tree, elem.oid, parser.lowerBounds);
    },
  };
  if (elem.codec.toBinary && elem.codec.fromBinary) {
    codec.toBinary = (value, typmod, ctx) => arrayToBinary(storedArray(value, elem.oid), elem, typmod, ctx);
    codec.fromBinary = (bytes, typmod, ctx) =>
      arrayToJson(arrayFromBinary(bytes, elem, typmod, ctx), elem.oid);
  }
  return codec;
}
