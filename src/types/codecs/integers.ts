// int2, int4, int8 and oid: stored as INTEGER (number, or bigint beyond 2^53 or with safeIntegers).
// Input follows pg_strtoint16/32/64 and oidin in PostgreSQL 15 (no underscores, no hex).
import { PgError } from "../../errors/pg-error.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { expectLength } from "./binary.js";

const SHORT_INTEGER = /^-?\d{1,9}$/;
const INT_PATTERN = /^[ \t\n\r\v\f]*([+-]?)0*(\d+)[ \t\n\r\v\f]*$/;

function invalid(sqlName: string, text: string): PgError {
  return new PgError("INVALID_TEXT_REPRESENTATION", `invalid input syntax for type ${sqlName}: "${text}"`);
}

function outOfRange(sqlName: string, text: string): PgError {
  return new PgError("NUMERIC_VALUE_OUT_OF_RANGE", `value "${text}" is out of range for type ${sqlName}`);
}

/** Parses an integer literal into a bigint, or throws 22P02 naming `sqlName`. */
export function parseIntegerText(text: string, sqlName: string): bigint {
  const m = INT_PATTERN.exec(text);
  if (!m) throw invalid(sqlName, text);
  const digits = m[2]!;
  // Too many digits for any int64: no need to build the BigInt.
  if (digits.length > 20) throw outOfRange(sqlName, text);
  const v = BigInt(digits);
  return m[1] === "-" ? -v : v;
}

/** A stored integer as a JS number (int8 values beyond 2^53 lose precision). */
export function storedNumber(value: StoredValue): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") return Number(value);
  return Number.NaN;
}

/** A stored integer as a bigint. */
export function storedBigInt(value: StoredValue): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return BigInt(Math.trunc(value));
  if (typeof value === "string") return BigInt(value.trim());
  return 0n;
}

function integerText(value: StoredValue): string {
  return typeof value === "string" ? value : String(value);
}

function smallIntCodec(sqlName: string, bits: 16 | 32): TypeCodec {
  const max = bits === 16 ? 0x7fff : 0x7fffffff;
  const min = -max - 1;
  const size = bits / 8;
  return {
    toText: integerText,
    fromText(text) {
      // The common case (COPY, text parameters) without a BigInt: nine digits fit any int4.
      if (SHORT_INTEGER.test(text)) {
        const n = Number(text) || 0; // -0 is 0
        if (n <= max && n >= min) return n;
      }
      const v = parseIntegerText(text, sqlName);
      if (v > BigInt(max) || v < BigInt(min)) throw outOfRange(sqlName, text);
      return Number(v);
    },
    toBinary(value) {
      const b = new Uint8Array(size);
      const dv = new DataView(b.buffer);
      if (bits === 16) dv.setInt16(0, storedNumber(value));
      else dv.setInt32(0, storedNumber(value));
      return b;
    },
    fromBinary(bytes) {
      const dv = expectLength(bytes, size);
      return bits === 16 ? dv.getInt16(0) : dv.getInt32(0);
    },
  };
}

export const int2Codec = smallIntCodec("smallint", 16);
export const int4Codec = smallIntCodec("integer", 32);

const INT8_MAX = 0x7fffffffffffffffn;
const INT8_MIN = -INT8_MAX - 1n;
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** A bigint as the value to store: a number when exact, else the bigint. */
export function int8Storage(v: bigint): number | bigint {
  return v <= SAFE_MAX && v >= -SAFE_MAX ? Number(v) : v;
}

export const int8Codec: TypeCodec = {
  toText: integerText,
  fromText(text) {
    const v = parseIntegerText(text, "bigint");
    if (v > INT8_MAX || v < INT8_MIN) throw outOfRange("bigint", text);
    return int8Storage(v);
  },
  toBinary(value) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigInt64(0, storedBigInt(value));
    return b;
  },
  fromBinary(bytes) {
    return int8Storage(expectLength(bytes, 8).getBigInt64(0));
  },
};

const OID_PATTERN = /^[ \t\n\r\v\f]*([+-]?)(\d+)[ \t\n\r\v\f]*$/;

export const oidCodec: TypeCodec = {
  toText: integerText,
  // oidin accepts what strtoul does, so negative values wrap around (-1 is 4294967295).
  fromText(text) {
    const m = OID_PATTERN.exec(text);
    if (!m) throw invalid("oid", text);
    const v = Number(m[2]!);
    if (v > 0xffffffff) throw outOfRange("oid", text);
    if (m[1] !== "-") return v;
    if (v > 0x80000000) throw outOfRange("oid", text);
    return (0x100000000 - v) % 0x100000000;
  },
  toBinary(value) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, storedNumber(value));
    return b;
  },
  fromBinary(bytes) {
    return expectLength(bytes, 4).getUint32(0);
  },
};
