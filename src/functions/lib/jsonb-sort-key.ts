// Sort keys: byte strings whose order (memcmp, as SQLite compares BLOBs) is jsonb's order, and the
// order-preserving writer of such keys that arrays use too.
import { parseNumeric } from "../../types/codecs/decimal.js";
import type { JsonValue } from "../../types/codecs/json-parse.js";
import type { JsonNumber } from "./json-common.js";
import { JbvType, scalarType, tokens } from "./jsonb-compare.js";

export class KeyWriter {
  private parts: number[] = [];

  byte(b: number): void {
    this.parts.push(b & 0xff);
  }

  u32(n: number): void {
    this.parts.push((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  }

  /** Bytes with 0x00 escaped as 0x00 0xFF and terminated by 0x00 0x00 (prefix-free, order-preserving). */
  bytes(b: Uint8Array): void {
    for (const x of b) {
      this.parts.push(x);
      if (x === 0) this.parts.push(0xff);
    }
    this.parts.push(0, 0);
  }

  text(s: string): void {
    this.bytes(Buffer.from(s, "utf8"));
  }

  /** A numeric (its text) in an order-preserving, prefix-free form. */
  numeric(text: string): void {
    const v = parseNumeric(text);
    if (v === undefined || v === "NaN") {
      this.byte(0xff);
      return;
    }
    if (v === "Infinity" || v === "-Infinity") {
      this.byte(v === "Infinity" ? 0xfe : 0x00);
      return;
    }
    const digits = v.coef.replace(/0+$/, "");
    if (digits === "") {
      this.byte(0x80);
      return;
    }
    // value = 0.<digits> * 10^exp
    const exp = v.coef.length - v.scale;
    if (!v.neg) {
      this.byte(0x81);
      this.u32(exp + 0x40000000);
      for (const d of digits) this.byte(d.charCodeAt(0));
      this.byte(0x00);
    } else {
      this.byte(0x7f);
      this.u32(0x7fffffff - (exp + 0x40000000));
      for (const d of digits) this.byte(0xff - d.charCodeAt(0));
      this.byte(0xff);
    }
  }

  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** A BLOB that sorts jsonb values as compareJsonb does (for ORDER BY). */
export function jsonbSortKey(v: JsonValue): Uint8Array {
  const w = new KeyWriter();
  for (const t of tokens(v, true)) {
    switch (t.r) {
      case "begin-array":
        w.byte(JbvType.Array);
        w.u32(t.n);
        w.byte(t.raw ? 0 : 1);
        break;
      case "begin-object":
        w.byte(JbvType.Object);
        w.u32(t.n);
        break;
      case "key":
        w.byte(JbvType.String);
        w.text(t.v);
        break;
      case "scalar": {
        const type = scalarType(t.v);
        w.byte(type);
        if (type === JbvType.String) w.text(t.v as string);
        else if (type === JbvType.Numeric) w.numeric((t.v as JsonNumber).text);
        else if (type === JbvType.Bool) w.byte(t.v ? 1 : 0);
        break;
      }
      default:
        break;
    }
  }
  return w.done();
}
