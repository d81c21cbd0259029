// tid, the type of the ctid system column: stored as the SQLite rowid of the row, shown as
// (block,offset) with the rowid's high bits as the block and its low 16 bits as the offset, so that
// distinct rows have distinct tids and a tid read from a row finds that row again.
import { PgError } from "../../errors/pg-error.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { expectLength } from "./binary.js";

const OFFSETS = 0x10000;

/** tidin accepts '(block,offset)', each part as strtoul reads it (leading spaces, digits). */
const TID_PATTERN = /^\([ \t\n\r\v\f]*(\d+),[ \t\n\r\v\f]*(\d+)\)$/;

function invalid(text: string): PgError {
  return new PgError("INVALID_TEXT_REPRESENTATION", `invalid input syntax for type tid: "${text}"`);
}

function rowid(value: StoredValue): number {
  return Number(value);
}

/** A rowid as tidout prints the tid it stands for. */
function tidText(value: StoredValue): string {
  const r = rowid(value);
  return `(${Math.floor(r / OFFSETS)},${r % OFFSETS})`;
}

export const tidCodec: TypeCodec = {
  toText: tidText,
  fromText(text) {
    const m = TID_PATTERN.exec(text);
    if (!m) throw invalid(text);
    const block = Number(m[1]);
    const offset = Number(m[2]);
    if (block > 0xffffffff || offset >= OFFSETS) throw invalid(text);
    return block * OFFSETS + offset;
  },
  toBinary(value) {
    const r = rowid(value);
    const b = new Uint8Array(6);
    const v = new DataView(b.buffer);
    v.setUint32(0, Math.floor(r / OFFSETS));
    v.setUint16(4, r % OFFSETS);
    return b;
  },
  fromBinary(bytes) {
    const v = expectLength(bytes, 6);
    return v.getUint32(0) * OFFSETS + v.getUint16(4);
  },
};
