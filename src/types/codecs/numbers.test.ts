import { describe, expect, it } from "vitest";
import { defaultFormatContext as ctx } from "../format-context.js";
import { boolCodec } from "./bool.js";
import { applyNumericTypmod, formatDecimal, parseNumeric, roundDecimal } from "./decimal.js";
import { formatFloat4, formatFloat8, formatPlainDecimal } from "./float-format.js";
import { float4Codec, float8Codec } from "./floats.js";
import { int2Codec, int4Codec, int8Codec, oidCodec } from "./integers.js";
import { numericCodec, numericFromBinary, numericToBinary } from "./numeric.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const bytes = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));

describe("bool", () => {
  it("stores 1/0 and prints t/f", () => {
    expect(boolCodec.fromText(" Yes ", -1, ctx)).toBe(1);
    expect(boolCodec.fromText("of", -1, ctx)).toBe(0);
    expect(() => boolCodec.fromText("o", -1, ctx)).toThrow('invalid input syntax for type boolean: "o"');
    expect(boolCodec.toText(1, -1, ctx)).toBe("t");
    expect(boolCodec.toText(0n, -1, ctx)).toBe("f");
    expect(hex(boolCodec.toBinary!(1, -1, ctx))).toBe("01");
    expect(boolCodec.fromBinary!(bytes("00"), -1, ctx)).toBe(0);
  });
});

describe("integers", () => {
  it("range-checks input with PostgreSQL's messages", () => {
    expect(int2Codec.fromText(" -32768 ", -1, ctx)).toBe(-32768);
    expect(() => int2Codec.fromText("32768", -1, ctx)).toThrow(
      'value "32768" is out of range for type smallint',
    );
    expect(() => int4Codec.fromText("2147483648", -1, ctx)).toThrow(
      'value "2147483648" is out of range for type integer',
    );
    expect(() => int4Codec.fromText("1.5", -1, ctx)).toThrow('invalid input syntax for type integer: "1.5"');
    expect(() => int8Codec.fromText("9223372036854775808", -1, ctx)).toThrow("out of range for type bigint");
    expect(oidCodec.fromText("-1", -1, ctx)).toBe(4294967295);
  });

  it("keeps int8 exact: numbers when safe, bigint beyond 2^53", () => {
    expect(int8Codec.fromText("42", -1, ctx)).toBe(42);
    expect(int8Codec.fromText("9007199254740993", -1, ctx)).toBe(9007199254740993n);
    expect(int8Codec.toText(9223372036854775807n, -1, ctx)).toBe("9223372036854775807");
    expect(int4Codec.toText(7n, -1, ctx)).toBe("7");
    expect(hex(int8Codec.toBinary!(-2n, -1, ctx))).toBe("fffffffffffffffe");
    expect(hex(int8Codec.toBinary!(5, -1, ctx))).toBe("0000000000000005");
    expect(int8Codec.fromBinary!(bytes("7fffffffffffffff"), -1, ctx)).toBe(9223372036854775807n);
    expect(hex(int2Codec.toBinary!(-1, -1, ctx))).toBe("ffff");
    expect(hex(oidCodec.toBinary!(4294967295, -1, ctx))).toBe("ffffffff");
    expect(() => int4Codec.fromBinary!(bytes("000000"), -1, ctx)).toThrow(
      "insufficient data left in message",
    );
  });
});

describe("float output", () => {
  it("prints the shortest round-trip digits like float8out", () => {
    expect(formatFloat8(0.1 + 0.2, 1)).toBe("0.30000000000000004");
    expect(formatFloat8(1e20, 1)).toBe("1e+20");
    expect(formatFloat8(1.5e-5, 1)).toBe("1.5e-05");
    expect(formatFloat8(0.0001, 1)).toBe("0.0001");
    expect(formatFloat8(1e15, 1)).toBe("1e+15");
    expect(formatFloat8(123456789012345, 1)).toBe("123456789012345");
    expect(formatFloat8(-0, 1)).toBe("-0");
    expect(formatFloat8(Number.NaN, 1)).toBe("NaN");
    expect(formatFloat8(-Infinity, 1)).toBe("-Infinity");
    expect(formatFloat8(5e-324, 1)).toBe("5e-324");
    // The shorter digits would sit exactly on the rounding interval's bound, which Ryu excludes.
    expect(formatFloat8(345479996085746400, 1)).toBe("3.4547999608574643e+17");
  });

  it("prints float4 with float32's shortest digits", () => {
    expect(formatFloat4(Math.fround(0.1), 1)).toBe("0.1");
    expect(formatFloat4(Math.fround(1e6), 1)).toBe("1e+06");
    expect(formatFloat4(123456, 1)).toBe("123456");
    expect(formatFloat4(16777215, 1)).toBe("1.6777215e+07");
    expect(formatFloat4(1788291.25, 1)).toBe("1.7882912e+06");
    expect(formatFloat4(42185728, 1)).toBe("4.2185728e+07");
  });

  it("uses %g with extra_float_digits <= 0", () => {
    expect(formatFloat8(0.1 + 0.2, 0)).toBe("0.3");
    expect(formatFloat8(1e20, 0)).toBe("1e+20");
    expect(formatFloat8(123456789012345680, -4)).toBe("1.2345678901e+17");
    expect(formatFloat4(Math.fround(0.1), 0)).toBe("0.1");
    expect(formatFloat4(Math.fround(0.1), 3)).toBe("0.1");
    expect(formatFloat4(1234567, 0)).toBe("1.23457e+06");
    expect(formatFloat8(2.5, -14)).toBe("2");
    expect(formatPlainDecimal(1e21)).toBe("1000000000000000000000");
    expect(formatPlainDecimal(1.5e-7)).toBe("0.00000015");
  });
});

describe("float codecs", () => {
  it("store REAL, with NaN as TEXT", () => {
    expect(float8Codec.fromText(" 1.5 ", -1, ctx)).toBe(1.5);
    expect(float8Codec.fromText("nan", -1, ctx)).toBe("NaN");
    expect(float8Codec.fromText("-inf", -1, ctx)).toBe(-Infinity);
    expect(float8Codec.fromText("0x1p3", -1, ctx)).toBe(8);
    expect(float8Codec.toText("NaN", -1, ctx)).toBe("NaN");
    expect(float4Codec.fromText("0.1", -1, ctx)).toBe(Math.fround(0.1));
    expect(() => float8Codec.fromText("1e400", -1, ctx)).toThrow(
      '"1e400" is out of range for type double precision',
    );
    expect(() => float4Codec.fromText("1e-50", -1, ctx)).toThrow('"1e-50" is out of range for type real');
    expect(() => float4Codec.fromText("abc", -1, ctx)).toThrow('invalid input syntax for type real: "abc"');
    expect(hex(float8Codec.toBinary!("NaN", -1, ctx))).toBe("7ff8000000000000");
    expect(hex(float4Codec.toBinary!(1.5, -1, ctx))).toBe("3fc00000");
    expect(float8Codec.fromBinary!(bytes("7ff8000000000000"), -1, ctx)).toBe("NaN");
  });

  it("reads float4 decimals directly, not through a double", () => {
    expect(float4Codec.toText(float4Codec.fromText("12745631697911940000", -1, ctx), -1, ctx)).toBe(
      "1.2745632e+19",
    );
  });
});

describe("numeric", () => {
  it("parses to exact decimals with PostgreSQL's scale", () => {
    expect(formatDecimal(parseNumeric("00012.3400") as never)).toBe("12.3400");
    expect(formatDecimal(parseNumeric("1.5e-3") as never)).toBe("0.0015");
    expect(formatDecimal(parseNumeric("-0.00") as never)).toBe("0.00");
    expect(parseNumeric("-inf")).toBe("-Infinity");
    expect(parseNumeric("1e")).toBeUndefined();
    expect(() => parseNumeric("1e-16384")).toThrow("value overflows numeric format");
  });

  it("rounds half away from zero, to negative scales too", () => {
    expect(formatDecimal(roundDecimal(parseNumeric("1.005") as never, 2))).toBe("1.01");
    expect(formatDecimal(roundDecimal(parseNumeric("-1.005") as never, 2))).toBe("-1.01");
    expect(formatDecimal(roundDecimal(parseNumeric("1235") as never, -1))).toBe("1240");
    expect(formatDecimal(roundDecimal(parseNumeric("-0.004") as never, 2))).toBe("0.00");
    expect(() => applyNumericTypmod(parseNumeric("999.995")!, 5, 2)).toThrow("numeric field overflow");
    try {
      applyNumericTypmod("Infinity", 3, 1);
    } catch (e) {
      expect((e as { fields: { detail: string } }).fields.detail).toBe(
        "A field with precision 3, scale 1 cannot hold an infinite value.",
      );
    }
  });

  it("stores exact text and restores the typmod's scale on output", () => {
    const t = ((10 << 16) | 2) + 4;
    expect(numericCodec.fromText("1.5", t, ctx)).toBe("1.50");
    expect(numericCodec.toText(1.5, t, ctx)).toBe("1.50");
    expect(numericCodec.toText(2, t, ctx)).toBe("2.00");
    expect(numericCodec.toText(0.1 + 0.2, -1, ctx)).toBe("0.30000000000000004");
    expect(numericCodec.toText(1e20, -1, ctx)).toBe("100000000000000000000");
    expect(numericCodec.toText(12345678901234567890n, -1, ctx)).toBe("12345678901234567890");
    expect(numericCodec.toText("NaN", t, ctx)).toBe("NaN");
    expect(numericCodec.toText(Infinity, -1, ctx)).toBe("Infinity");
  });

  it("converts the base-10000 binary format both ways", () => {
    expect(hex(numericToBinary(parseNumeric("12345678.90123")!))).toBe("000400010000000504d2162e23340bb8");
    expect(hex(numericToBinary(parseNumeric("0.00")!))).toBe("0000000000000002");
    expect(hex(numericToBinary("NaN"))).toBe("00000000c0000000");
    expect(formatDecimal(numericFromBinary(bytes("000400010000000504d2162e23340bb8")) as never)).toBe(
      "12345678.90123",
    );
    expect(formatDecimal(numericFromBinary(bytes("0001fffd400000090bb8")) as never)).toBe("-0.000000003");
    expect(() => numericFromBinary(bytes("0001000000000000ffff"))).toThrow(
      'invalid digit in external "numeric" value',
    );
  });
});
