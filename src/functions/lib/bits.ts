// Bit string operators, functions and aggregates (varbit.c) on bit and bit varying, whose stored
// form is the text of '0' and '1' characters (src/types/codecs/bits.ts).
import { PgError } from "../../errors/pg-error.js";
import { BIT, INT4, INT8, t, VARBIT } from "../../sql/oids.js";
import type { SqlType } from "../../sql/plan.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions, defineOperators } from "../registry.js";
import { int, str } from "./strings-common.js";
import { overlayText, textSubstring } from "./strings-manipulation.js";

const bit = t(BIT);
const varbit = t(VARBIT);

function udf(
  name: string,
  udfName: string,
  args: number[],
  returns: SqlType,
  impl: (...a: SqliteValue[]) => SqliteValue,
): FunctionDef {
  return {
    name,
    kind: "udf",
    udfName: `${udfName}_${args.length}`,
    args,
    returns,
    volatility: "immutable",
    impl,
  };
}

type Logic = "AND" | "OR" | "XOR";
const LOGIC: Record<Logic, (a: boolean, b: boolean) => boolean> = {
  AND: (a, b) => a && b,
  OR: (a, b) => a || b,
  XOR: (a, b) => a !== b,
};

/** bit_and, bit_or, bitxor: bit strings of one length combined bit by bit. */
export function bitLogic(op: Logic, a: string, b: string): string {
  if (a.length !== b.length)
    throw new PgError("STRING_DATA_LENGTH_MISMATCH", `cannot ${op} bit strings of different sizes`);
  let out = "";
  for (let i = 0; i < a.length; i++) out += LOGIC[op](a[i] === "1", b[i] === "1") ? "1" : "0";
  return out;
}

/** bitshiftleft: the bits moved left by n (right when n is negative), the length kept. */
export function bitShiftLeft(bits: string, n: number): string {
  if (n < 0) return bitShiftRight(bits, -n);
  if (n >= bits.length) return "0".repeat(bits.length);
  return bits.slice(n) + "0".repeat(n);
}

export function bitShiftRight(bits: string, n: number): string {
  if (n < 0) return bitShiftLeft(bits, -n);
  if (n >= bits.length) return "0".repeat(bits.length);
  return "0".repeat(n) + bits.slice(0, bits.length - n);
}

function bitIndex(bits: string, n: number): number {
  if (n < 0 || n >= bits.length) {
    throw new PgError("ARRAY_SUBSCRIPT_ERROR", `bit index ${n} out of valid range (0..${bits.length - 1})`);
  }
  return n;
}

/** bitfromint4/bitfromint8: the low `width` bits of the integer, sign-extended when wider. */
export function bitsFromInteger(value: SqliteValue, width: number): string {
  const n = width > 0 ? width : 1;
  return BigInt.asUintN(n, BigInt(value as bigint | number))
    .toString(2)
    .padStart(n, "0");
}

/** bittoint4/bittoint8: the bits as a two's complement integer of `size` bits. */
export function bitsToInteger(bits: string, size: 32 | 64): bigint {
  if (bits.length > size)
    throw new PgError(
      "NUMERIC_VALUE_OUT_OF_RANGE",
      size === 32 ? "integer out of range" : "bigint out of range",
    );
  return bits === "" ? 0n : BigInt.asIntN(size, BigInt(`0b${bits}`));
}

/** bitposition: the 1-based position of sub in bits, 0 when absent. */
function bitPosition(bits: string, sub: string): number {
  if (bits.length === 0 || sub.length > bits.length) return 0;
  if (sub.length === 0) return 1;
  return bits.indexOf(sub) + 1;
}

defineOperators([
  udf("&", "pg_bits_and", [BIT, BIT], bit, (a, b) => bitLogic("AND", str(a), str(b))),
  udf("|", "pg_bits_or", [BIT, BIT], bit, (a, b) => bitLogic("OR", str(a), str(b))),
  udf("#", "pg_bits_xor", [BIT, BIT], bit, (a, b) => bitLogic("XOR", str(a), str(b))),
  udf("~", "pg_bits_not", [BIT], bit, (a) => str(a).replace(/[01]/g, (c) => (c === "1" ? "0" : "1"))),
  udf("<<", "pg_bits_shl", [BIT, INT4], bit, (a, n) => bitShiftLeft(str(a), int(n))),
  udf(">>", "pg_bits_shr", [BIT, INT4], bit, (a, n) => bitShiftRight(str(a), int(n))),
  udf("||", "pg_bits_cat", [VARBIT, VARBIT], varbit, (a, b) => str(a) + str(b)),
  // bit || unknown: PostgreSQL picks varbit || varbit, as varbit is its category's preferred type.
  udf("||", "pg_bits_cat", [BIT, BIT], varbit, (a, b) => str(a) + str(b)),
]);

const int4 = t(INT4);

defineFunctions([
  udf("length", "pg_bits_length", [BIT], int4, (a) => str(a).length),
  udf("bit_length", "pg_bits_length", [BIT], int4, (a) => str(a).length),
  udf("octet_length", "pg_bits_octet_length", [BIT], int4, (a) => Math.ceil(str(a).length / 8)),
  udf("bit_count", "pg_bits_count", [BIT], t(INT8), (a) => BigInt(str(a).replace(/0/g, "").length)),
  udf("get_bit", "pg_bits_get", [BIT, INT4], int4, (a, n) => {
    const bits = str(a);
    return bits[bitIndex(bits, int(n))] === "1" ? 1 : 0;
  }),
  udf("set_bit", "pg_bits_set", [BIT, INT4, INT4], bit, (a, n, v) => {
    const bits = str(a);
    const i = bitIndex(bits, int(n));
    const b = int(v);
    if (b !== 0 && b !== 1) throw new PgError("INVALID_PARAMETER_VALUE", "new bit must be 0 or 1");
    return bits.slice(0, i) + String(b) + bits.slice(i + 1);
  }),
  udf("position", "pg_bits_position", [BIT, BIT], int4, (a, b) => bitPosition(str(a), str(b))),
  udf("substring", "pg_bits_substr", [BIT, INT4], bit, (a, s) => textSubstring(str(a), int(s))),
  udf("substring", "pg_bits_substr", [BIT, INT4, INT4], bit, (a, s, n) =>
    textSubstring(str(a), int(s), int(n)),
  ),
  udf("overlay", "pg_bits_overlay", [BIT, BIT, INT4], bit, (a, r, s) =>
    overlayText(str(a), str(r), int(s), str(r).length),
  ),
  udf("overlay", "pg_bits_overlay", [BIT, BIT, INT4, INT4], bit, (a, r, s, n) =>
    overlayText(str(a), str(r), int(s), int(n)),
  ),
  ...(
    [
      ["bit_and", "AND"],
      ["bit_or", "OR"],
      ["bit_xor", "XOR"],
    ] as const
  ).map(
    ([name, op]): FunctionDef => ({
      name,
      kind: "udf-aggregate",
      udfName: `pg_${name}_bits`,
      args: [BIT],
      returns: bit,
      volatility: "immutable",
      start: () => ({ value: null }),
      step: (state, v) => {
        const s = state as { value: string | null };
        if (v !== null) s.value = s.value === null ? str(v) : bitLogic(op, s.value, str(v));
        return s;
      },
      result: (state) => (state as { value: string | null }).value,
    }),
  ),
]);
