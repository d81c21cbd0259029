import { describe, expect, it } from "vitest";
import { bitCodec, varbitCodec } from "./bits.js";

const ctx = {} as never;

describe("bit string codecs", () => {
  it("reads binary and hexadecimal input", () => {
    expect(bitCodec.fromText("b1010", -1, ctx)).toBe("1010");
    expect(bitCodec.fromText("X1f", -1, ctx)).toBe("00011111");
    expect(varbitCodec.fromText("", -1, ctx)).toBe("");
    expect(() => bitCodec.fromText("102", -1, ctx)).toThrow('"2" is not a valid binary digit');
  });

  it("checks the typmod on input", () => {
    expect(() => bitCodec.fromText("101", 8, ctx)).toThrow("bit string length 3 does not match type bit(8)");
    expect(() => varbitCodec.fromText("101", 2, ctx)).toThrow("bit string too long for type bit varying(2)");
    expect(varbitCodec.fromText("101", 3, ctx)).toBe("101");
  });

  it("sends the length and the bits packed from the high bit", () => {
    const bytes = bitCodec.toBinary!("1010000111", -1, ctx);
    expect(Buffer.from(bytes).toString("hex")).toBe("0000000aa1c0");
    expect(bitCodec.fromBinary!(bytes, -1, ctx)).toBe("1010000111");
    expect(varbitCodec.fromBinary!(varbitCodec.toBinary!("", -1, ctx), -1, ctx)).toBe("");
    expect(() => bitCodec.fromBinary!(Uint8Array.from([0, 0, 0, 9, 0]), -1, ctx)).toThrow(
      "invalid length in external bit string",
    );
  });
});
