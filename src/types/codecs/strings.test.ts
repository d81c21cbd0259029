import { describe, expect, it } from "vitest";
import { defaultFormatContext as ctx } from "../format-context.js";
import { byteaCodec, formatBytea, parseByteaText } from "./bytea.js";
import { jsonbCodec, jsonCodec } from "./json.js";
import { applyCharTypmod, bpcharCodec, charCodec, nameCodec, textCodec, varcharCodec } from "./text.js";
import { uuidCodec } from "./uuid.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("character types", () => {
  it("apply varchar(n) and char(n) on assignment and on casts", () => {
    expect(varcharCodec.fromText("abc  ", 7, ctx)).toBe("abc");
    expect(() => varcharCodec.fromText("abcd", 7, ctx)).toThrow(
      "value too long for type character varying(3)",
    );
    expect(varcharCodec.fromText("é😀x", 7, ctx)).toBe("é😀x");
    expect(bpcharCodec.fromText("a", 7, ctx)).toBe("a  ");
    expect(() => bpcharCodec.fromText("abcd", 7, ctx)).toThrow("value too long for type character(3)");
    expect(applyCharTypmod("abcdef", 7, false, true)).toBe("abc");
    expect(applyCharTypmod("ab", 7, true, true)).toBe("ab ");
    expect(bpcharCodec.toText("ab ", 7, ctx)).toBe("ab ");
    expect(bpcharCodec.toText("ab", 7, ctx)).toBe("ab ");
  });

  it("prints numbers and BLOBs that SQLite hands back for text columns", () => {
    expect(textCodec.toText(12, -1, ctx)).toBe("12");
    expect(textCodec.toText(Buffer.from("hé"), -1, ctx)).toBe("hé");
    expect(hex(textCodec.toBinary!("hé", -1, ctx))).toBe("68c3a9");
    expect(() => textCodec.fromBinary!(Uint8Array.of(0x68, 0xc3, 0x28), -1, ctx)).toThrow(
      'invalid byte sequence for encoding "UTF8": 0xc3 0x28',
    );
  });

  it('cuts name to 63 bytes and keeps one byte of "char"', () => {
    expect(nameCodec.fromText("é".repeat(40), -1, ctx)).toBe("é".repeat(31));
    expect(charCodec.fromText("ab", -1, ctx)).toBe("a");
    expect(charCodec.fromText("é", -1, ctx)).toBe("\\303");
    expect(charCodec.fromText("\\101", -1, ctx)).toBe("A");
    expect(hex(charCodec.toBinary!("\\303", -1, ctx))).toBe("c3");
  });
});

describe("bytea", () => {
  it("reads hex and escape input", () => {
    expect(hex(parseByteaText("\\x41 42\n43"))).toBe("414243");
    expect(hex(parseByteaText("a\\\\b\\001"))).toBe("615c6201");
    expect(() => parseByteaText("\\x4")).toThrow("invalid hexadecimal data: odd number of digits");
    expect(() => parseByteaText("\\x4g")).toThrow('invalid hexadecimal digit: "g"');
    expect(() => parseByteaText("a\\9")).toThrow("invalid input syntax for type bytea");
  });

  it("prints hex or escape per bytea_output and stores a BLOB", () => {
    const b = Uint8Array.of(0, 1, 0x7f, 0x80, 0xff, 0x5c, 0x41);
    expect(formatBytea(b, "hex")).toBe("\\x00017f80ff5c41");
    expect(formatBytea(b, "escape")).toBe("\\000\\001\\177\\200\\377\\\\A");
    expect(byteaCodec.fromText("\\x00ff", -1, ctx)).toEqual(Uint8Array.of(0, 255));
    expect(byteaCodec.toText("ab", -1, ctx)).toBe("\\x6162");
  });
});

describe("uuid", () => {
  it("stores the canonical lowercase form", () => {
    expect(uuidCodec.fromText("{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}", -1, ctx)).toBe(
      "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
    );
    expect(uuidCodec.fromText("a0eebc999c0b4ef8bb6d6bb9bd380a11", -1, ctx)).toBe(
      "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
    );
    expect(() => uuidCodec.fromText("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", -1, ctx)).toThrow(
      'invalid input syntax for type uuid: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1"',
    );
    const bin = uuidCodec.toBinary!("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", -1, ctx);
    expect(hex(bin)).toBe("a0eebc999c0b4ef8bb6d6bb9bd380a11");
    expect(uuidCodec.fromBinary!(bin, -1, ctx)).toBe("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  });
});

describe("json and jsonb", () => {
  it("keeps json text as given, after validating it", () => {
    expect(jsonCodec.fromText('{"b": 1,  "a":2}', -1, ctx)).toBe('{"b": 1,  "a":2}');
    try {
      jsonCodec.fromText('{"a" 1}', -1, ctx);
      expect.unreachable();
    } catch (e) {
      expect((e as { fields: unknown }).fields).toMatchObject({
        code: "22P02",
        message: "invalid input syntax for type json",
        detail: 'Expected ":", but found "1".',
        where: 'JSON data, line 1: {"a" 1...',
      });
    }
  });

  it("normalises jsonb like jsonb_out", () => {
    expect(jsonbCodec.fromText('{"b":1,"a":2,"aa":[1,{}],"b":3}', -1, ctx)).toBe(
      '{"a": 2, "b": 3, "aa": [1, {}]}',
    );
    expect(jsonbCodec.fromText('[1.0, -0, 1e2, 1E-2, "x\\u0001\\/"]', -1, ctx)).toBe(
      '[1.0, 0, 100, 0.01, "x\\u0001/"]',
    );
    expect(jsonbCodec.fromText('"\\ud83d\\ude00"', -1, ctx)).toBe('"😀"');
    expect(() => jsonbCodec.fromText('"\\u0000"', -1, ctx)).toThrow("unsupported Unicode escape sequence");
    expect(hex(jsonbCodec.toBinary!("[]", -1, ctx))).toBe("015b5d");
    expect(jsonbCodec.fromBinary!(Uint8Array.of(1, 0x7b, 0x7d), -1, ctx)).toBe("{}");
  });
});
