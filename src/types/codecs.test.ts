import { describe, expect, it } from "vitest";
import { codecFor, coerceToTypmod, fallbackCodec, fromLiteral, hasBinaryFormat } from "./codecs.js";
import { defaultFormatContext as ctx } from "./format-context.js";
import { Oid, typeByName } from "./registry.js";

describe("codecFor", () => {
  it("has a codec for every built-in type, with a text fallback", () => {
    expect(codecFor(Oid.int4).toText(5, -1, ctx)).toBe("5");
    expect(codecFor(typeByName("tsvector")!.oid)).toBe(fallbackCodec);
    expect(codecFor(typeByName("tsvector")!.oid).fromText("a b", -1, ctx)).toBe("a b");
    expect(codecFor(1007)).toBe(codecFor(1007));
    expect(hasBinaryFormat(Oid.numeric)).toBe(true);
    expect(hasBinaryFormat(1231)).toBe(true);
    expect(hasBinaryFormat(typeByName("inet")!.oid)).toBe(true);
    expect(hasBinaryFormat(typeByName("tsvector")!.oid)).toBe(false);
  });
});

describe("coerceToTypmod", () => {
  it("applies varchar and char lengths on assignment and casts", () => {
    expect(coerceToTypmod(Oid.varchar, "abc  ", 7, ctx)).toBe("abc");
    expect(() => coerceToTypmod(Oid.varchar, "abcd", 7, ctx)).toThrow(
      "value too long for type character varying(3)",
    );
    expect(coerceToTypmod(Oid.varchar, "abcd", 7, ctx, true)).toBe("abc");
    expect(coerceToTypmod(Oid.bpchar, "a", 7, ctx)).toBe("a  ");
    expect(coerceToTypmod(Oid.varchar, null, 7, ctx)).toBe(null);
    expect(coerceToTypmod(Oid.varchar, "abcdef", -1, ctx)).toBe("abcdef");
  });

  it("rounds numeric and reports overflow with PostgreSQL's detail", () => {
    const t = ((5 << 16) | 2) + 4;
    expect(coerceToTypmod(Oid.numeric, 1.005, t, ctx)).toBe("1.01");
    expect(coerceToTypmod(Oid.numeric, "2", t, ctx)).toBe("2.00");
    expect(coerceToTypmod(Oid.numeric, 12n, t, ctx)).toBe("12.00");
    try {
      coerceToTypmod(Oid.numeric, "1000", t, ctx);
      expect.unreachable();
    } catch (e) {
      expect((e as { fields: unknown }).fields).toMatchObject({
        code: "22003",
        message: "numeric field overflow",
        detail: "A field with precision 5, scale 2 must round to an absolute value less than 10^3.",
      });
    }
  });

  it("rounds times and zeroes interval fields", () => {
    expect(coerceToTypmod(Oid.timestamp, "2024-01-01 00:00:00.5", 0, ctx)).toBe("2024-01-01 00:00:01");
    expect(coerceToTypmod(Oid.timestamptz, "2024-01-01 00:00:00.125+00:00", 2, ctx)).toBe(
      "2024-01-01 00:00:00.13+00:00",
    );
    expect(coerceToTypmod(Oid.time, "12:00:00.04", 1, ctx)).toBe("12:00:00");
    expect(coerceToTypmod(Oid.timetz, "12:00:00.5+02", 0, ctx)).toBe("12:00:01+02");
    expect(coerceToTypmod(Oid.interval, "14 3 14706500000", (4 << 16) | 0xffff, ctx)).toBe("12 0 0");
  });

  it("applies the typmod to each array element", () => {
    expect(coerceToTypmod(1015, '["a  ",null]', 6, ctx)).toBe('["a ",null]');
    expect(() => coerceToTypmod(1015, '["abc"]', 6, ctx)).toThrow(
      "value too long for type character varying(2)",
    );
    expect(coerceToTypmod(1231, '["1.25","-1.25"]', ((4 << 16) | 1) + 4, ctx)).toBe('["1.3","-1.3"]');
  });
});

describe("fromLiteral", () => {
  it("reads a literal as a cast or an assignment does", () => {
    expect(fromLiteral(Oid.varchar, "abcdef", 7, ctx, true)).toBe("abc");
    expect(() => fromLiteral(Oid.varchar, "abcdef", 7, ctx, false)).toThrow("value too long");
    expect(fromLiteral(Oid.bpchar, "abcdef", 7, ctx, true)).toBe("abc");
    // interval input needs the typmod's range: a bare number is then years.
    expect(fromLiteral(Oid.interval, "5", (4 << 16) | 0xffff, ctx, true)).toBe("60 0 0");
    expect(fromLiteral(Oid.numeric, "1.005", ((5 << 16) | 2) + 4, ctx, false)).toBe("1.01");
    expect(fromLiteral(Oid.int4, "7", -1, ctx, false)).toBe(7);
  });
});
