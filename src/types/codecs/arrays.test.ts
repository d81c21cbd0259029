import { describe, expect, it } from "vitest";
import { codecFor } from "../codecs.js";
import { defaultFormatContext as ctx } from "../format-context.js";
import { arrayToJson, jsonToArray } from "./array-json.js";
import { parseArrayLiteral, quoteArrayElement } from "./arrays.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("array literals", () => {
  it("parse quoting, escapes, NULL and nesting", () => {
    expect(parseArrayLiteral('{a b, " c ",  d  e ,NULL,"NULL",\\NULL, ""}')).toEqual([
      "a b",
      " c ",
      "d  e",
      null,
      "NULL",
      "NULL",
      "",
    ]);
    expect(parseArrayLiteral("{{1,2},{3,4}}")).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(parseArrayLiteral("[1:2]={x,y}")).toEqual(["x", "y"]);
    expect(parseArrayLiteral("{a;b}", ";")).toEqual(["a", "b"]);
    expect(() => parseArrayLiteral("{{1},{2,3}}")).toThrow('malformed array literal: "{{1},{2,3}}"');
    expect(parseArrayLiteral("[0:1]={1,2}")).toEqual(["1", "2"]);
  });

  it("keep lower bounds other than 1 in the stored form", () => {
    const int4s = codecFor(1007);
    expect(int4s.fromText("[0:2]={7,8,9}", -1, ctx)).toBe("[0:2]=[7,8,9]");
    expect(int4s.fromText("[1:2][1:1]={{7},{8}}", -1, ctx)).toBe("[[7],[8]]");
    expect(int4s.toText("[-1:0][2:3]=[[1,2],[3,4]]", -1, ctx)).toBe("[-1:0][2:3]={{1,2},{3,4}}");
  });

  it("quote elements as array_out does", () => {
    expect(quoteArrayElement("abc", ",")).toBe("abc");
    expect(quoteArrayElement("", ",")).toBe('""');
    expect(quoteArrayElement("null", ",")).toBe('"null"');
    expect(quoteArrayElement('c"d\\e', ",")).toBe('"c\\"d\\\\e"');
    expect(quoteArrayElement("a,b", ",")).toBe('"a,b"');
    expect(quoteArrayElement("a,b", ";")).toBe("a,b");
    expect(quoteArrayElement("é", ",")).toBe("é");
  });
});

describe("array storage", () => {
  it("is JSON holding the elements' storage values", () => {
    expect(codecFor(1007).fromText("{1,NULL,3}", -1, ctx)).toBe("[1,null,3]");
    expect(codecFor(1009).fromText('{a,"b c",NULL}', -1, ctx)).toBe('["a","b c",null]');
    expect(codecFor(1000).fromText("{t,f}", -1, ctx)).toBe("[1,0]");
    expect(codecFor(1022).fromText("{NaN,-Infinity,-0,1.5}", -1, ctx)).toBe('["NaN","-Infinity",-0,1.5]');
    expect(codecFor(1231).fromText("{1.50,NaN}", -1, ctx)).toBe('["1.50","NaN"]');
    expect(codecFor(1001).fromText('{"\\\\x0102"}', -1, ctx)).toBe('["\\\\x0102"]');
    expect(codecFor(1016).fromText("{9223372036854775807}", -1, ctx)).toBe("[9223372036854775807]");
    expect(codecFor(1182).fromText("{2024-01-02}", -1, ctx)).toBe('["2024-01-02"]');
    expect(codecFor(1007).fromText("{{1,2},{3,4}}", -1, ctx)).toBe("[[1,2],[3,4]]");
    expect(codecFor(1007).fromText("{}", -1, ctx)).toBe("[]");
  });

  it("keeps int8 elements exact when reading JSON back", () => {
    expect(jsonToArray("[9223372036854775807,1]", 20)).toEqual([9223372036854775807n, 1]);
    expect(arrayToJson([9223372036854775807n, null, [1]], 20)).toBe("[9223372036854775807,null,[1]]");
    expect(jsonToArray('["\\\\x0102"]', 17)).toEqual([Uint8Array.of(1, 2)]);
  });

  it("prints PostgreSQL's array literal", () => {
    expect(codecFor(1009).toText('["a b","c\\"d",null,"","NULL"]', -1, ctx)).toBe(
      '{"a b","c\\"d",NULL,"","NULL"}',
    );
    expect(codecFor(1007).toText("[[1,2],[3,4]]", -1, ctx)).toBe("{{1,2},{3,4}}");
    expect(codecFor(1007).toText("[]", -1, ctx)).toBe("{}");
    expect(codecFor(1015).toText('["ab"]', 6, ctx)).toBe("{ab}");
    expect(codecFor(1014).fromText("{a}", 7, ctx)).toBe('["a  "]');
  });

  it("converts the binary array format both ways", () => {
    const c = codecFor(1007);
    const b = c.toBinary!("[[1,null],[3,4]]", -1, ctx);
    // ndim 2, has nulls, int4, 2 x 2 from 1, then 1, NULL, 3, 4 length-prefixed.
    expect(hex(b)).toBe(
      "000000020000000100000017000000020000000100000002000000010000000400000001ffffffff0000000400000003000000040000" +
        "0004",
    );
    expect(c.fromBinary!(b, -1, ctx)).toBe("[[1,null],[3,4]]");
    expect(hex(c.toBinary!("[]", -1, ctx))).toBe("000000000000000000000017");
    expect(() => codecFor(1009).fromBinary!(b, -1, ctx)).toThrow(
      "binary data has array element type 23 (int4) instead of expected 25 (text)",
    );
  });
});
