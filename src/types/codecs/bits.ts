// bit(n) and bit varying(n) (varbit.c): stored as TEXT of '0' and '1', one character per bit, which
// orders under SQLite's binary collation exactly as PostgreSQL's bit_cmp orders bit strings.
import { PgError } from "../../errors/pg-error.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";

/** A stored bit string: its '0'/'1' text. */
export function storedBits(value: StoredValue): string {
  return typeof value === "string" ? value : String(value);
}

/**
 * bit_in/varbit_in without a typmod: a leading 'b' or 'B' reads binary digits, 'x' or 'X'
 * hexadecimal ones (four bits each), anything else binary digits from the start.
 */
export function parseBits(text: string): string {
  const first = text[0];
  if (first === "x" || first === "X") {
    let bits = "";
    for (const c of text.slice(1)) {
      if (!/^[0-9a-fA-F]$/.test(c))
        throw new PgError("INVALID_TEXT_REPRESENTATION", `"${c}" is not a valid hexadecimal digit`);
      bits += Number.parseInt(c, 16).toString(2).padStart(4, "0");
    }
    return bits;
  }
  const digits = first === "b" || first === "B" ? text.slice(1) : text;
  for (const c of digits) {
    if (c !== "0" && c !== "1")
      throw new PgError("INVALID_TEXT_REPRESENTATION", `"${c}" is not a valid binary digit`);
  }
  return digits;
}

/**
 * The typmod of bit(n) or bit varying(n) applied as PostgreSQL's length coercion functions bit() and
 * varbit() do: on assignment bit(n) needs exactly n bits (22026) and varbit(n) at most n (22001);
 * an explicit cast pads bit(n) with zeros on the right and cuts both to n bits.
 */
export function coerceBits(bits: string, typmod: number, varying: boolean, explicit: boolean): string {
  if (typmod <= 0) return bits;
  if (varying) {
    if (bits.length <= typmod) return bits;
    if (!explicit)
      throw new PgError(
        "STRING_DATA_RIGHT_TRUNCATION",
        `bit string too long for type bit varying(${typmod})`,
      );
    return bits.slice(0, typmod);
  }
  if (bits.length === typmod) return bits;
  if (!explicit) {
    throw new PgError(
      "STRING_DATA_LENGTH_MISMATCH",
      `bit string length ${bits.length} does not match type bit(${typmod})`,
    );
  }
  return bits.length > typmod ? bits.slice(0, typmod) : bits.padEnd(typmod, "0");
}

/** bit_send: the length in bits (int4), then the bits packed from the high bit, zero-padded. */
function bitsToBinary(value: StoredValue): Uint8Array {
  const bits = storedBits(value);
  const out = new Uint8Array(4 + Math.ceil(bits.length / 8));
  new DataView(out.buffer).setInt32(0, bits.length);
  for (let i = 0; i < bits.length; i++) if (bits[i] === "1") out[4 + (i >> 3)]! |= 0x80 >> (i & 7);
  return out;
}

/** bit_recv: the bits of the binary form. */
function bitsFromBinary(bytes: Uint8Array): string {
  if (bytes.length < 4)
    throw new PgError("INVALID_BINARY_REPRESENTATION", "insufficient data left in message");
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getInt32(0);
  if (length < 0 || Math.ceil(length / 8) !== bytes.length - 4)
    throw new PgError("INVALID_BINARY_REPRESENTATION", "invalid length in external bit string");
  let bits = "";
  for (let i = 0; i < length; i++) bits += bytes[4 + (i >> 3)]! & (0x80 >> (i & 7)) ? "1" : "0";
  return bits;
}

function bitsCodec(varying: boolean): TypeCodec {
  return {
    toText: storedBits,
    fromText: (text, typmod) => {
      const bits = parseBits(text);
      // Input with a typmod checks the length as an assignment would (bit_in, varbit_in).
      return coerceBits(bits, typmod, varying, false);
    },
    toBinary: bitsToBinary,
    fromBinary: (bytes, typmod) => coerceBits(bitsFromBinary(bytes), typmod, varying, false),
  };
}

export const bitCodec = bitsCodec(false);
export const varbitCodec = bitsCodec(true);
