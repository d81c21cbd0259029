// Differential tests: every input goes through PostgreSQL 15 as 'input'::type and through our
// fromText/toText; outputs (or SQLSTATE, message and detail of errors) must be identical.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareLiterals, formatContext, ourLiteral, Reference, type Settings } from "./harness.js";

let ref: Reference;
beforeAll(async () => {
  ref = await Reference.open();
});
afterAll(async () => {
  await ref.close();
});

interface Case {
  pg: string;
  ours?: string;
  inputs: string[];
  settings?: Settings[];
}

// biome-ignore format: compact input tables
const integerInputs = ["0", "1", "-5", " 42 ", "+7", "00012", "abc", "", "1.5", "0x10", "1_000", "--1", "1 2"];

// biome-ignore format: compact input tables
const cases: Case[] = [
  { pg: "bool", inputs: ["t", "true", "TRUE", "yes", "y", "on", "off", "of", "o", "1", "0", "f", "fa", "n", "no", "  true  ", "x", "tr ue", ""] },
  { pg: "int2", inputs: [...integerInputs, "32767", "-32768", "32768", "-32769"] },
  { pg: "int4", inputs: [...integerInputs, "2147483647", "-2147483648", "2147483648", "99999999999"] },
  {
    pg: "int8",
    inputs: [...integerInputs, "9223372036854775807", "-9223372036854775808", "9223372036854775808", "9007199254740993", "12345678901234567890123"],
  },
  { pg: "oid", inputs: ["0", "1", "4294967295", "4294967296", "-1", "-2147483648", "-2147483649", " 5 ", "x"] },
  {
    pg: "float8",
    inputs: [
      "0", "-0", "0.1", "0.2", "0.30000000000000004", "1e20", "1e15", "1e14", "123456789012345", "1234567890123456",
      "1.5e-5", "0.0001", "0.00001", "NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", "+inf", "-INF", "1e400",
      "1e-400", "4e-320", "5e-324", "1.7976931348623157e308", "0x1p3", "0x1.8", "abc", "", "  3.14  ", "1e", ".", "1.",
      ".5", "345479996085746400", "-843601252823014100", "100", "-1.5", "2.5e-7",
    ],
    settings: [{}, { extra_float_digits: 0 }, { extra_float_digits: 3 }, { extra_float_digits: -4 }, { extra_float_digits: -15 }],
  },
  {
    pg: "float4",
    inputs: [
      "0", "-0", "0.1", "0.3", "1e20", "1.5e-5", "0.0001", "NaN", "Infinity", "-inf", "1e39", "1e-50", "3.4028235e38",
      "3.4028236e38", "1.4e-45", "7e-46", "16777216", "16777217", "123456", "1234567", "1788291.25", "42185728", "3.14159",
    ],
    settings: [{}, { extra_float_digits: 0 }, { extra_float_digits: 2 }, { extra_float_digits: -3 }],
  },
  {
    pg: "numeric",
    inputs: [
      "0", "1.5", "-0", "-0.00", "0.1", "1e20", "1.5e-3", "1E+3", "1e-3", "NaN", "nan", "-NaN", "+NaN", "Infinity", "-inf",
      "+Infinity", "INF", ".5", "5.", "1.23e1", "0.00e5", "00012.3400", "abc", "", "1 2", "1e", "  -12.5  ",
      "999999999999999999999999.999999999", "1e1001", "1e131073", "1e-16384", "0e-20000", "-1e-10",
    ],
  },
  { pg: "numeric(5,2)", inputs: ["12345.678", "999.995", "999.994", "0.5", "1.005", "-1.005", "1", "123", "inf", "nan", "-0.001"] },
  { pg: "numeric(3,-1)", inputs: ["123", "1234", "1235", "12345", "-1234.5"] },
  { pg: "numeric(2,3)", inputs: ["0.05", "0.005", "0.0951", "0.1"] },
  { pg: "numeric(2,2)", inputs: ["0.5", "1", "0.99", "0.995"] },
  { pg: "numeric(10)", inputs: ["1.5", "12345678901", "-2.5"] },
  { pg: "text", inputs: ["abc", "", "é😀", " spaced ", "line\nbreak", "back\\slash", "quote'"] },
  // Longer values are cast semantics here (cut silently); assignment.test.ts covers the errors.
  { pg: "varchar(3)", ours: "varchar(3)", inputs: ["abc", "abc   ", "ab", "é😀x", "  ", ""] },
  { pg: "char(3)", ours: "bpchar(3)", inputs: ["abc", "abc   ", "ab", "é", "", "  "] },
  { pg: '"char"', ours: "char", inputs: ["a", "é", "\\303", "\\101", "ab", ""] },
  { pg: "name", inputs: ["abc", "é".repeat(40), "a".repeat(70), "😀".repeat(20)] },
  {
    pg: "bytea",
    inputs: ["\\x414243", "\\x4142 43", "\\X41", "\\x4", "\\x4g", "a\\\\b\\001", "a\\9", "a\\", "abc", "é", "\\x", "\\\\", "a\\000b", "\\x00017f80ff5c41"],
    settings: [{}, { bytea_output: "escape" }],
  },
  {
    pg: "uuid",
    inputs: [
      "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}",
      "a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11",
    ],
  },
];

// biome-ignore format: compact input tables
const jsonInputs = [
  "0123", "-0", "1.0", "1e2", "1E-2", "-0.0", '"\\ud800"', '"\\u0000"', '{"b":1,"a":2,"aa":[1,{}],"b":3, "c": "x\\ty\\u0001\\/"}',
  '{"a" 1}', "[1,2", "x", "[1,]", '{"a":1,}', "1 2", '"a\nb"', '"\\q"', "{1:2}", ".1", "1.", "+1",
  '"\\u00e9\\u20ac\\ud83d\\ude00"', "  [ 1 , true,null,false ]  ", "", '{"a":1}x', "nul", '"abc', "[1,\n2,\nx]", '"\\u12"',
  '"\\ud83d\\u0041"', '"\\ude00"', "[1,2,3,4] x", "truex", "1e", "-", "[1,2,3]]", '{"a":1', "[:]", "[}", "{,}", '{"a":}',
  '{"é":1,"z":2,"ab":3,"b":{"y":[],"x":{}}}', "[[[]]]", "{}", "[]", '"\\"\\\\\\b\\f\\n\\r\\t"', "123456789012345678901234567890.5e-10",
  `{"abc": [${Array.from({ length: 27 }, (_, i) => i + 1).join(", ")}, x]}`, '{"a":1,"a":2,"a":null}',
];
cases.push({ pg: "json", inputs: jsonInputs }, { pg: "jsonb", inputs: jsonInputs });

describe("text output matches PostgreSQL 15", () => {
  for (const c of cases) {
    for (const s of c.settings ?? [{}]) {
      it(`${c.pg} ${JSON.stringify(s)}`, async () => {
        const bad = await compareLiterals(ref, c.pg, c.ours ?? c.pg, c.inputs, s);
        expect(bad).toEqual([]);
      });
    }
  }

  // Many doubles at once: random bit patterns and large integers, in one query per setting.
  it("float8 and float4 shortest output for random values", async () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const f64 = new Float64Array(1);
    const u32 = new Uint32Array(f64.buffer);
    const values: number[] = [];
    for (let i = 0; i < 3000; i++) {
      u32[0] = next() * 2 ** 32;
      u32[1] = next() * 2 ** 32;
      if (Number.isFinite(f64[0]!)) values.push(f64[0]!);
      values.push(Math.round(next() * 2 ** 64) * (next() < 0.5 ? 1 : -1024));
      values.push(Math.fround(next() * 10 ** Math.floor(next() * 20 - 10)));
    }
    const texts = values.map((v) => v.toString());
    const bad: string[] = [];
    for (const efd of [1, 0, -2]) {
      for (const type of ["float8", "float4"]) {
        await ref.apply({ extra_float_digits: efd });
        const ctx = formatContext({ extra_float_digits: efd });
        const cast =
          type === "float4"
            ? "CASE WHEN abs(x::float8) < 3e38 AND (x::float8 = 0 OR abs(x::float8) > 1e-37) THEN x::float4::text END"
            : "x::float8::text";
        const rows = await ref.rowsOf(
          `SELECT ${cast} AS v FROM unnest($1::text[]) WITH ORDINALITY AS u(x, n) ORDER BY n`,
          [texts],
        );
        rows.forEach((expected, i) => {
          if (expected === null) return;
          const got = ourLiteral(texts[i]!, type, ctx);
          if (got !== expected) bad.push(`${type} efd=${efd} ${texts[i]}: pg ${expected}, ours ${got}`);
        });
      }
    }
    expect(values.length).toBeGreaterThan(8000);
    expect(bad.slice(0, 20)).toEqual([]);
  });
});
