// float4 and float8: stored as REAL, except NaN, which is stored as TEXT 'NaN' because SQLite turns
// a NaN REAL into NULL. Input follows float8in_internal/float4in in PostgreSQL's float.c (strtod
// syntax, including hexadecimal, plus NaN/Infinity/inf spellings).
import { PgError } from "../../errors/pg-error.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { expectLength } from "./binary.js";
import { formatFloat4, formatFloat8 } from "./float-format.js";

const WS = "[ \\t\\n\\r\\v\\f]*";
const DECIMAL = new RegExp(`^${WS}([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)${WS}$`);
const HEX = new RegExp(
  `^${WS}([+-]?)0[xX](?=\\.?[0-9a-fA-F])([0-9a-fA-F]*)(?:\\.([0-9a-fA-F]*))?(?:[pP]([+-]?\\d+))?${WS}$`,
);
const SPECIAL = new RegExp(`^${WS}([+-]?)(nan(?:\\([0-9a-zA-Z_]*\\))?|inf|infinity)${WS}$`, "i");

/** The double a float literal denotes, or undefined when it is not one; `nonzero` reports underflow. */
function parseFloatLiteral(text: string): { value: number; nonzero: boolean } | undefined {
  let m = DECIMAL.exec(text);
  if (m) {
    const s = m[1]!;
    const mantissa = s.replace(/[eE].*$/, "");
    return { value: Number(s), nonzero: /[1-9]/.test(mantissa) };
  }
  m = HEX.exec(text);
  if (m) {
    const intPart = m[2] ?? "";
    const frac = m[3] ?? "";
    const mant = Number.parseInt(intPart + frac || "0", 16);
    const v = mant * 2 ** (Number(m[4] ?? 0) - 4 * frac.length);
    return { value: m[1] === "-" ? -v : v, nonzero: mant !== 0 };
  }
  m = SPECIAL.exec(text);
  if (m) {
    if (m[2]!.toLowerCase().startsWith("nan")) return { value: Number.NaN, nonzero: true };
    return { value: m[1] === "-" ? -Infinity : Infinity, nonzero: true };
  }
  return undefined;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The float32 next to `f` (a float32) in the direction of `toward`. */
function neighbour(f: number, toward: number): number {
  f32[0] = f;
  if (f === 0) u32[0] = toward > 0 ? 1 : 0x80000001;
  else u32[0] = u32[0]! + (toward > f === f > 0 ? 1 : -1);
  return f32[0]!;
}

/** Compares |decimal literal| with |m| exactly: negative, zero or positive. */
function compareExact(literal: string, m: number): number {
  const [mant, exp = "0"] = literal.replace(/^[+-]/, "").toLowerCase().split("e");
  const [int = "", frac = ""] = mant!.split(".");
  const d = BigInt(int + frac || "0");
  const e10 = Number(exp) - frac.length;
  f64[0] = Math.abs(m);
  const bits = u64[0]!;
  const be = Number(bits >> 52n);
  const bm = (bits & 0xfffffffffffffn) | (be === 0 ? 0n : 0x10000000000000n);
  const e2 = (be === 0 ? 1 : be) - 1075;
  const lhs = d * 10n ** BigInt(Math.max(e10, 0)) * 2n ** BigInt(Math.max(-e2, 0));
  const rhs = bm * 2n ** BigInt(Math.max(e2, 0)) * 10n ** BigInt(Math.max(-e10, 0));
  return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}

/**
 * strtof: the float32 nearest to a decimal literal. Rounding through a double first can land exactly
 * between two floats; the exact decimal then decides.
 */
function toFloat32(literal: string, d: number): number {
  const f = Math.fround(d);
  if (f === d || !Number.isFinite(f) || !/^[\s+-]*[\d.]/.test(literal)) return f;
  const other = neighbour(f, d);
  if ((f + other) / 2 !== d) return f;
  const c = compareExact(literal.trim(), d);
  if (c === 0) return f;
  const fartherFromZero = Math.abs(other) > Math.abs(f) ? other : f;
  const nearerZero = fartherFromZero === f ? other : f;
  return c > 0 ? fartherFromZero : nearerZero;
}

function parseFloatText(text: string, sqlName: string, single: boolean): number {
  const r = parseFloatLiteral(text);
  if (!r) {
    throw new PgError("INVALID_TEXT_REPRESENTATION", `invalid input syntax for type ${sqlName}: "${text}"`);
  }
  const literalInfinite = /inf/i.test(text);
  const v = single ? toFloat32(text, r.value) : r.value;
  if ((!Number.isFinite(v) && !Number.isNaN(v) && !literalInfinite) || (v === 0 && r.nonzero)) {
    throw new PgError("NUMERIC_VALUE_OUT_OF_RANGE", `"${text}" is out of range for type ${sqlName}`);
  }
  return v;
}

/** A stored float as a double: REAL, INTEGER, or TEXT 'NaN' / 'Infinity'. */
export function storedFloat(value: StoredValue): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") {
    const r = parseFloatLiteral(value);
    return r ? r.value : Number.NaN;
  }
  return Number.NaN;
}

/** The value SQLite keeps for a double: NaN becomes TEXT 'NaN'. */
export function floatStorage(v: number): number | string {
  return Number.isNaN(v) ? "NaN" : v;
}

export const float8Codec: TypeCodec = {
  toText(value, _typmod, ctx) {
    return formatFloat8(typeof value === "number" ? value : storedFloat(value), ctx.extraFloatDigits);
  },
  fromText(text) {
    return floatStorage(parseFloatText(text, "double precision", false));
  },
  toBinary(value) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, storedFloat(value));
    return b;
  },
  fromBinary(bytes) {
    return floatStorage(expectLength(bytes, 8).getFloat64(0));
  },
};

export const float4Codec: TypeCodec = {
  toText(value, _typmod, ctx) {
    return formatFloat4(Math.fround(storedFloat(value)), ctx.extraFloatDigits);
  },
  fromText(text) {
    return floatStorage(parseFloatText(text, "real", true));
  },
  toBinary(value) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, storedFloat(value));
    return b;
  },
  fromBinary(bytes) {
    return floatStorage(expectLength(bytes, 4).getFloat32(0));
  },
};
