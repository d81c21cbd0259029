// Differential tests for array literals: parsing, element quoting and nesting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareLiterals, Reference, type Settings } from "./harness.js";

let ref: Reference;
beforeAll(async () => {
  ref = await Reference.open();
});
afterAll(async () => {
  await ref.close();
});

interface Case {
  pg: string;
  ours: string;
  inputs: string[];
  settings?: Settings;
}

// biome-ignore format: compact input tables
const cases: Case[] = [
  {
    pg: "int4[]", ours: "_int4",
    inputs: [
      "{{},{}}", "{1,{2}}", "{{1},{2,3}}", "1,2", "{1,2", "{1,2}x", "{1,,2}", "{,}", "{1,2}", "{}", "{ }", "  {1}  ",
      "{{1,2},{3,4}}", "{1,x}", "{{{1}}}", "{1}}", "{{1}", "{1 2}", '{"1" 2}', "{NULL,null,1}", "[1:2]={1,2}",
      "[1:3]={1,2}", '{"2"," 3 "}', "{2147483648}", "{{1,NULL},{NULL,4}}", "[1:2][1:1]={{1},{2}}", "{{{{{{{1}}}}}}}",
      "{{{{{{1}}}}}}", "[1:2={1,2}", "[]={1}", "[1]={1}", "[1:]={1}", "[a]={1}", "[2:1]={}", "[1:2]{1,2}", "{{1,2},{3}}", "{{1},2}",
    ],
  },
  {
    pg: "text[]", ours: "_text",
    inputs: [
      '{"a"b}', '{a b, " c ",  d  e ,NULL,"NULL",null, ""}', '{"a\\\\b", a\\"b, "{}", "x,y"}', "{ab\\\\c}", "{a\\ ,b}",
      "{\\ a}", "{é,😀}", "{a}", '{""}', "{{a,b},{c,d}}", '{a"b}', "{\\}", '{"a",}', '{nul,NULLX,\\NULL,"NULL"}',
      '{"\\\\"}', "{a\tb}", '{"{","}",","}', "{a\nb,c}", "{ x y }",
    ],
  },
  { pg: "varchar(2)[]", ours: "_varchar(2)", inputs: ["{ab,c}", "{\"a  \"}"] },
  { pg: "float8[]", ours: "_float8", inputs: ["{1.5,NaN,Infinity,-0,1e300,0.1,-inf}", "{{0.1,0.2},{0.30000000000000004,1e-7}}"] },
  { pg: "float4[]", ours: "_float4", inputs: ["{0.1,NaN,-Infinity,3.4028235e38}"] },
  { pg: "numeric[]", ours: "_numeric", inputs: ["{1.5,NaN,1.50,-0,1e-20,Infinity}"] },
  { pg: "numeric(5,2)[]", ours: "_numeric(5,2)", inputs: ["{1.5,NaN,1.50,-0,123.456}", "{1000}"] },
  { pg: "bool[]", ours: "_bool", inputs: ["{t,f,NULL,yes}", "{maybe}"] },
  { pg: "bytea[]", ours: "_bytea", inputs: ['{"\\\\x0102","abc",NULL}', '{"\\\\x"}'] },
  { pg: "bytea[]", ours: "_bytea", inputs: ['{"\\\\x0102","abc"}'], settings: { bytea_output: "escape" } },
  { pg: "date[]", ours: "_date", inputs: ["{2024-01-01,infinity,NULL}", '{"2024-01-01 12:00:00+05"}', "{0044-03-15 BC}"] },
  { pg: "timestamptz[]", ours: "_timestamptz", inputs: ['{"2024-01-01 12:00:00+05",infinity}'], settings: { TimeZone: "Europe/Berlin" } },
  { pg: "timestamp(0)[]", ours: "_timestamp(0)", inputs: ['{"2024-01-01 12:00:00.5"}'] },
  { pg: "interval[]", ours: "_interval", inputs: ['{"1 day","2 hours",NULL,"-1 year"}'] },
  { pg: "uuid[]", ours: "_uuid", inputs: ["{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}"] },
  { pg: "jsonb[]", ours: "_jsonb", inputs: ['{"{\\"b\\":1,\\"a\\":2}","[1, 2]",null}'] },
  { pg: "json[]", ours: "_json", inputs: ['{"{\\"b\\":1,\\"a\\":2}","[1,2]"}', '{"{bad"}'] },
  { pg: "int8[]", ours: "_int8", inputs: ["{9223372036854775807,-9223372036854775808,1}", "{9007199254740993}"] },
  { pg: "int2[]", ours: "_int2", inputs: ["{1,32768}"] },
  { pg: "char(2)[]", ours: "_bpchar(2)", inputs: ["{a,bc}"] },
  { pg: "name[]", ours: "_name", inputs: ["{a,b}"] },
  { pg: "oid[]", ours: "_oid", inputs: ["{1,4294967295}"] },
];

describe("array output matches PostgreSQL 15", () => {
  for (const c of cases) {
    it(`${c.pg} ${JSON.stringify(c.settings ?? {})}`, async () => {
      const bad = await compareLiterals(ref, c.pg, c.ours, c.inputs, c.settings);
      expect(bad).toEqual([]);
    });
  }
});
