import { describe, expect, it } from "vitest";
import { isPgError } from "../../errors/pg-error.js";
import { BOOL, BYTEA, INT4, INT8, NUMERIC, TEXT } from "../../sql/oids.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { ArgType, FunctionDef } from "../registry.js";
import { functionsNamed, operatorsNamed } from "../registry.js";
import "./strings-operators.js";
import "./regex.js";
import "./strings.js";
import { formatText, quoteIdent, quoteLiteral } from "./strings-format.js";
import { textPosition, textSubstring } from "./strings-manipulation.js";

function def(name: string, args: ArgType[], operator = false): FunctionDef {
  const defs = operator ? operatorsNamed(name) : functionsNamed(name);
  const d = defs.find((x) => x.args.length === args.length && x.args.every((a, i) => a === args[i]));
  if (!d) throw new Error(`no ${name}(${args.join(", ")})`);
  return d;
}

function call(name: string, args: ArgType[], ...values: SqliteValue[]): SqliteValue {
  const d = def(name, args);
  if (d.kind !== "udf") throw new Error(`${name} is not a udf`);
  if (d.strict !== false && values.includes(null)) return null;
  return d.impl(...values);
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isPgError(e)) return `${e.code} ${e.message}`;
    throw e;
  }
  throw new Error("no error");
}

const hex = (v: SqliteValue) => Buffer.from(v as Uint8Array).toString("hex");

describe("substring and position", () => {
  it("counts characters as code points", () => {
    expect(textSubstring("héllo😀x", 2, 5)).toBe("éllo😀");
    expect(textSubstring("😀😀😀", 2)).toBe("😀😀");
    expect(textSubstring("hello", -1, 3)).toBe("h");
    expect(textSubstring("hello", 0)).toBe("hello");
    expect(textSubstring("abc", 10)).toBe("");
    expect(textPosition("a😀b", "b")).toBe(3);
    expect(textPosition("abc", "")).toBe(1);
    expect(textPosition("abc", "z")).toBe(0);
  });

  it("rejects negative lengths", () => {
    expect(errorOf(() => textSubstring("hello", 2, -1))).toBe("22011 negative substring length not allowed");
    expect(errorOf(() => call("overlay", [TEXT, TEXT, INT4], "abc", "x", 0n))).toBe(
      "22011 negative substring length not allowed",
    );
  });

  it("has bytea forms", () => {
    expect(hex(call("substr", [BYTEA, INT4, INT4], Buffer.from("01020304", "hex"), 2n, 2n))).toBe("0203");
    expect(call("position", [BYTEA, BYTEA], Buffer.from("010203", "hex"), Buffer.from("02", "hex"))).toBe(2);
    expect(
      hex(call("overlay", [BYTEA, BYTEA, INT4], Buffer.from("010203", "hex"), Buffer.from("ff", "hex"), 2n)),
    ).toBe("01ff03");
  });
});

describe("trim, pad, split", () => {
  it("trims sets of characters", () => {
    expect(call("btrim", [TEXT, TEXT], "xxaxx", "x")).toBe("a");
    expect(call("ltrim", [TEXT], "  a  ")).toBe("a  ");
    expect(call("rtrim", [TEXT, TEXT], "a😀😀", "😀")).toBe("a");
    expect(
      hex(call("btrim", [BYTEA, BYTEA], Buffer.from("0001020100", "hex"), Buffer.from("00", "hex"))),
    ).toBe("010201");
  });

  it("pads and truncates", () => {
    expect(call("lpad", [TEXT, INT4], "hi", 5n)).toBe("   hi");
    expect(call("lpad", [TEXT, INT4], "hello", 2n)).toBe("he");
    expect(call("rpad", [TEXT, INT4, TEXT], "hi", 5n, "xy")).toBe("hixyx");
    expect(call("lpad", [TEXT, INT4, TEXT], "ab", 5n, "é")).toBe("éééab");
    expect(call("lpad", [TEXT, INT4, TEXT], "hi", 5n, "")).toBe("hi");
    expect(errorOf(() => call("lpad", [TEXT, INT4], "a", 300000000n))).toBe(
      "54000 requested length too large",
    );
  });

  it("splits parts", () => {
    expect(call("split_part", [TEXT, TEXT, INT4], "a,b,c", ",", 2n)).toBe("b");
    expect(call("split_part", [TEXT, TEXT, INT4], "a,b,c", ",", -1n)).toBe("c");
    expect(call("split_part", [TEXT, TEXT, INT4], "a,b,c", "", 1n)).toBe("a,b,c");
    expect(call("split_part", [TEXT, TEXT, INT4], "a,b", ",", 5n)).toBe("");
    expect(errorOf(() => call("split_part", [TEXT, TEXT, INT4], "a", ",", 0n))).toBe(
      "22023 field position must not be zero",
    );
  });

  it("turns strings into text[] storage", () => {
    expect(call("string_to_array", [TEXT, TEXT], "a,b,,c", ",")).toBe('["a","b","","c"]');
    expect(call("string_to_array", [TEXT, TEXT], "é😀", null)).toBe('["é","😀"]');
    expect(call("string_to_array", [TEXT, TEXT, TEXT], "a,*,b", ",", "*")).toBe('["a",null,"b"]');
    expect(call("string_to_array", [TEXT, TEXT], "", ",")).toBe("[]");
  });
});

describe("characters", () => {
  it("maps case per character as towupper does", () => {
    expect(call("initcap", [TEXT], "hello wORLD éCOLE o'neil ab1c")).toBe("Hello World École O'Neil Ab1c");
    expect(call("initcap", [TEXT], "ΣΑΣ σας")).toBe("Σασ Σας");
  });

  it("converts code points", () => {
    expect(call("ascii", [TEXT], "😀")).toBe(128512);
    expect(call("ascii", [TEXT], "")).toBe(0);
    expect(call("chr", [INT4], 233n)).toBe("é");
    expect(errorOf(() => call("chr", [INT4], 0n))).toBe("54000 null character not permitted");
    expect(errorOf(() => call("chr", [INT4], -1n))).toBe("22023 character number must be positive");
    expect(errorOf(() => call("chr", [INT4], 55296n))).toBe(
      "54000 requested character not valid for encoding: 55296",
    );
    expect(call("reverse", [TEXT], "ab😀")).toBe("😀ba");
    expect(call("translate", [TEXT, TEXT, TEXT], "12345", "143", "ax")).toBe("a2x5");
  });

  it("prints two's complement hex", () => {
    expect(call("to_hex", [INT4], -1n)).toBe("ffffffff");
    expect(call("to_hex", [INT8], -1n)).toBe("ffffffffffffffff");
    expect(call("to_hex", [INT8], -9223372036854775808n)).toBe("8000000000000000");
  });
});

describe("encode and decode", () => {
  it("round-trips the three formats", () => {
    const bytes = Buffer.from("00ff5c41", "hex");
    expect(call("encode", [BYTEA, TEXT], bytes, "escape")).toBe("\\000\\377\\\\A");
    expect(call("encode", [BYTEA, TEXT], Buffer.from("abc"), "base64")).toBe("YWJj");
    expect(call("encode", [BYTEA, TEXT], bytes, "HEX")).toBe("00ff5c41");
    expect(hex(call("decode", [TEXT, TEXT], "\\000\\377\\\\A", "escape"))).toBe("00ff5c41");
    expect(hex(call("decode", [TEXT, TEXT], "YW Jj", "base64"))).toBe("616263");
    expect(hex(call("decode", [TEXT, TEXT], " 61 62 ", "hex"))).toBe("6162");
  });

  it("breaks base64 lines after 76 characters", () => {
    const out = call("encode", [BYTEA, TEXT], Buffer.alloc(100, 1), "base64") as string;
    expect(out.split("\n").map((l) => l.length)).toEqual([76, 60]);
  });

  it("reports bad input as PostgreSQL does", () => {
    expect(errorOf(() => call("decode", [TEXT, TEXT], "Y*Jj", "base64"))).toBe(
      '22023 invalid symbol "*" found while decoding base64 sequence',
    );
    expect(errorOf(() => call("decode", [TEXT, TEXT], "=YWJ", "base64"))).toBe(
      '22023 unexpected "=" while decoding base64 sequence',
    );
    expect(errorOf(() => call("decode", [TEXT, TEXT], "YWJ", "base64"))).toBe(
      "22023 invalid base64 end sequence",
    );
    expect(errorOf(() => call("decode", [TEXT, TEXT], "abc", "hex"))).toBe(
      "22023 invalid hexadecimal data: odd number of digits",
    );
    expect(errorOf(() => call("decode", [TEXT, TEXT], "a\\q", "escape"))).toBe(
      "22P02 invalid input syntax for type bytea",
    );
    expect(errorOf(() => call("encode", [BYTEA, TEXT], Buffer.from("a"), "foo"))).toBe(
      '22023 unrecognized encoding: "foo"',
    );
  });

  it("hashes", () => {
    expect(call("md5", [TEXT], "abc")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(hex(call("sha256", [BYTEA], Buffer.from("abc")))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});

describe("quoting and format", () => {
  it("quotes identifiers and literals", () => {
    expect(quoteIdent("foo")).toBe("foo");
    expect(quoteIdent("Foo")).toBe('"Foo"');
    expect(quoteIdent("select")).toBe('"select"');
    expect(quoteIdent("name")).toBe("name");
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral("a\\b")).toBe("E'a\\\\b'");
    expect(call("quote_literal", ["anyelement"], BigInt(BOOL), 1n)).toBe("'true'");
    expect(call("quote_nullable", [TEXT], null)).toBe("NULL");
  });

  it("formats %s, %I, %L with positions and widths", () => {
    const T = [TEXT, TEXT, TEXT];
    expect(formatText("%s %I %L %%", T, ["a", "B c", null])).toBe('a "B c" NULL %');
    expect(formatText("%2$s %1$s", T, ["a", "b"])).toBe("b a");
    expect(formatText("|%5s|%-5s|", T, ["a", "b"])).toBe("|    a|b    |");
    expect(formatText("%*s|", [INT4, TEXT], [-4n, "x"])).toBe("x   |");
    expect(formatText("%1$*2$s|", [TEXT, INT4], ["x", 3n])).toBe("  x|");
    expect(formatText("%s %1$s %s", T, ["a", "b"])).toBe("a a b");
    expect(formatText("%s", [NUMERIC], ["1.50"])).toBe("1.50");
    expect(formatText("%s", [BOOL], [1n])).toBe("t");
  });

  it("reports format errors", () => {
    expect(errorOf(() => formatText("%x", [INT4], [1n]))).toBe(
      '22023 unrecognized format() type specifier "x"',
    );
    expect(errorOf(() => formatText("%s %s", [INT4], [1n]))).toBe("22023 too few arguments for format()");
    expect(errorOf(() => formatText("%I", [TEXT], [null]))).toBe(
      "22004 null values cannot be formatted as an SQL identifier",
    );
    expect(errorOf(() => formatText("abc %", [], []))).toBe("22023 unterminated format() type specifier");
    expect(errorOf(() => formatText("%0$s", [INT4], [1n]))).toBe(
      "22023 format specifies argument 0, but arguments are numbered from 1",
    );
    expect(errorOf(() => formatText("%2147483648s", [INT4], [1n]))).toBe("22003 number is out of range");
  });

  it("concatenates arguments of any type by their output functions", () => {
    expect(call("concat", ["any", "any"], BigInt(TEXT), BigInt(BOOL), BigInt(INT4), "a", 1n, null)).toBe(
      "at",
    );
    expect(
      call("concat_ws", [TEXT, "any", "any"], BigInt(TEXT), BigInt(TEXT), BigInt(TEXT), ",", "a", "b"),
    ).toBe("a,b");
  });
});

describe("|| on text and bytea", () => {
  it("declares text || text first, so that two untyped literals concatenate as text", () => {
    const first = operatorsNamed("||")[0]!;
    expect(first.args).toEqual([TEXT, TEXT]);
    const bytea = def("||", [BYTEA, BYTEA], true);
    expect(bytea.kind === "udf" && hex(bytea.impl(Buffer.from("01", "hex"), Buffer.from("02", "hex")))).toBe(
      "0102",
    );
  });
});
