// The JSON storage of arrays: a JSON array (nested for more dimensions) whose elements are the
// element type's storage values. Integers and floats are JSON numbers (int8 beyond 2^53 keeps all
// its digits), bool is 1/0, NaN and the infinities of float are the strings "NaN", "Infinity" and
// "-Infinity", bytea is its "\x..." hex text, everything else is a JSON string.
import { Oid } from "../registry.js";
import type { StoredValue } from "../sqlite-value.js";
import { formatBytea, parseByteaText } from "./bytea.js";

/** A nested array of stored element values. */
export type ArrayTree = (StoredValue | null | ArrayTree)[];

const NUMERIC_ELEMENTS = new Set<number>([
  Oid.int2,
  Oid.int4,
  Oid.int8,
  Oid.oid,
  Oid.float4,
  Oid.float8,
  Oid.bool,
]);

/** Whether the element type stores numbers (JSON numbers) rather than text. */
export function hasNumericStorage(elemOid: number): boolean {
  return NUMERIC_ELEMENTS.has(elemOid);
}

function valueToJson(v: StoredValue | null, elemOid: number): string {
  if (v === null) return "null";
  if (typeof v === "number") {
    if (Number.isFinite(v)) return Object.is(v, -0) ? "-0" : String(v);
    return Number.isNaN(v) ? '"NaN"' : v > 0 ? '"Infinity"' : '"-Infinity"';
  }
  if (typeof v === "bigint") return v.toString();
  if (v instanceof Uint8Array) return JSON.stringify(formatBytea(v, "hex"));
  // Numeric element types keep numbers as JSON numbers even if a string slipped through.
  if (NUMERIC_ELEMENTS.has(elemOid) && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v)) return v;
  return JSON.stringify(v);
}

/** Serialises a tree of stored element values. */
export function arrayToJson(tree: ArrayTree, elemOid: number): string {
  let out = "[";
  for (let i = 0; i < tree.length; i++) {
    if (i > 0) out += ",";
    const v = tree[i]!;
    out += Array.isArray(v) ? arrayToJson(v, elemOid) : valueToJson(v, elemOid);
  }
  return `${out}]`;
}

/** JSON values back to stored element values (bytea hex to bytes, booleans to 1/0). */
function fromJsonValue(v: unknown, elemOid: number): StoredValue | null | ArrayTree {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => fromJsonValue(x, elemOid));
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && elemOid === Oid.bytea) return parseByteaText(v);
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "string") return v;
  return JSON.stringify(v);
}

/** Parses stored array JSON. Integers too long for a double stay exact as bigints. */
export function jsonToArray(text: string, elemOid: number): ArrayTree {
  const raw = /\d{16}/.test(text) ? new ExactJsonReader(text).value() : JSON.parse(text);
  if (!Array.isArray(raw)) throw new Error("stored array is not a JSON array");
  return raw.map((x) => fromJsonValue(x, elemOid));
}

/** A small JSON reader that keeps integers beyond 2^53 as bigint. */
class ExactJsonReader {
  private i = 0;
  constructor(private readonly s: string) {}

  private ws(): void {
    while (this.i < this.s.length && " \t\n\r".includes(this.s[this.i]!)) this.i++;
  }

  value(): unknown {
    this.ws();
    const c = this.s[this.i];
    if (c === "[") {
      this.i++;
      const out: unknown[] = [];
      this.ws();
      if (this.s[this.i] === "]") {
        this.i++;
        return out;
      }
      for (;;) {
        out.push(this.value());
        this.ws();
        const d = this.s[this.i++];
        if (d === "]") return out;
        if (d !== ",") throw new Error("bad stored array JSON");
      }
    }
    if (c === '"') {
      const m = /^"(?:[^"\\]|\\.)*"/.exec(this.s.slice(this.i));
      if (!m) throw new Error("bad stored array JSON");
      this.i += m[0].length;
      return JSON.parse(m[0]);
    }
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i));
    if (!m) throw new Error("bad stored array JSON");
    this.i += m[0].length;
    const t = m[0];
    if (/^-?\d+$/.test(t)) {
      const n = Number(t);
      return Number.isSafeInteger(n) ? n : BigInt(t);
    }
    return JSON.parse(t);
  }
}
