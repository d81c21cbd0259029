// A sort key for composite values (record_cmp): fields compare in order, each as its type
// compares, and a NULL field is greater than any value. The key is a BLOB whose bytewise order
// is that order, so that ORDER BY, DISTINCT and the comparison operators can use it.
import { BOOL, BPCHAR, FLOAT_TYPES, INTEGER_TYPES, NUMERIC } from "../../sql/oids.js";
import { internalFunctions } from "../internal.js";
import { recordFields } from "./composite-records.js";

const encoder = new TextEncoder();

/** A big-endian unsigned 64-bit number with the sign bit flipped: integers in their order. */
function integerKey(text: string): number[] {
  const u = BigInt.asUintN(64, BigInt(text.trim()) ^ -(2n ** 63n));
  return Array.from({ length: 8 }, (_, i) => Number((u >> BigInt(56 - 8 * i)) & 0xffn));
}

/** IEEE 754 bits made to sort as floats sort, NaN last. */
function floatKey(text: string): number[] {
  const t = text.trim().toLowerCase();
  const v =
    t === "nan" ? Number.NaN : t.endsWith("infinity") ? (t.startsWith("-") ? -1 : 1) * Infinity : Number(t);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Number.isNaN(v) ? Number.NaN : v === 0 ? 0 : v);
  const bytes = [...new Uint8Array(view.buffer)];
  if (bytes[0]! & 0x80) return bytes.map((b) => b ^ 0xff);
  bytes[0] = bytes[0]! | 0x80;
  return bytes;
}

/** An exact decimal: its class, then the exponent and digits of its magnitude (inverted if negative). */
function numericKey(text: string): number[] {
  const t = text.trim();
  if (/^nan$/i.test(t)) return [5];
  if (/^-inf/i.test(t)) return [0];
  if (/^\+?inf/i.test(t)) return [4];
  const negative = t.startsWith("-");
  const [whole = "", fraction = ""] = t.replace(/^[-+]/, "").split(".");
  // The value is 0.<digits> times ten to the exponent.
  const w = whole.replace(/^0+/, "");
  const exp = w !== "" ? w.length : -(fraction.length - fraction.replace(/^0+/, "").length);
  const significant = (w + fraction).replace(/^0+/, "").replace(/0+$/, "");
  if (significant === "") return [2];
  const e = exp + 0x8000;
  const body = [(e >> 8) & 0xff, e & 0xff, ...[...significant].map((d) => d.charCodeAt(0)), 0];
  return negative ? [1, ...body.map((b) => b ^ 0xff)] : [3, ...body];
}

/** Text bytewise (the C collation), a zero byte escaped, then a terminator that sorts first. */
function textKey(text: string): number[] {
  const out: number[] = [];
  for (const b of encoder.encode(text)) out.push(...(b === 0 ? [0, 0xff] : [b]));
  return [...out, 0, 0];
}

function fieldKey(text: string, oid: number): number[] {
  if (INTEGER_TYPES.has(oid)) return integerKey(text);
  if (FLOAT_TYPES.has(oid)) return floatKey(text);
  if (oid === NUMERIC) return numericKey(text);
  if (oid === BOOL) return [text === "t" || text === "true" ? 1 : 0];
  return textKey(oid === BPCHAR ? text.replace(/ +$/, "") : text);
}

/** The sort key of a record's text whose fields have the given type OIDs ("23,25"). */
export function recordSortKey(text: string, oids: string): Uint8Array {
  const types = oids === "" ? [] : oids.split(",").map(Number);
  const bytes: number[] = [];
  recordFields(text, types.length).forEach((f, i) => {
    if (f === null) bytes.push(2);
    else bytes.push(1, ...fieldKey(f, types[i]!));
  });
  return Uint8Array.from(bytes);
}

internalFunctions.push({
  name: "pg_record_sortkey",
  deterministic: true,
  impl: (text, oids) => (text === null ? null : Buffer.from(recordSortKey(String(text), String(oids)))),
});
