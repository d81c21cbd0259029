// Differential tests for the binary formats: our toBinary must equal PostgreSQL's send function
// byte for byte, our fromBinary must read PostgreSQL's bytes, and PostgreSQL must read ours.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { typeByOid } from "../../src/types/registry.js";
import {
  declared,
  formatContext,
  ourLiteral,
  ourReceive,
  ourSend,
  Reference,
  type Settings,
} from "./harness.js";

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
  { pg: "int2", ours: "int2", inputs: ["1", "-32768", "32767", "0"] },
  { pg: "int4", ours: "int4", inputs: ["1", "-5", "2147483647", "-2147483648"] },
  { pg: "int8", ours: "int8", inputs: ["9223372036854775807", "-9223372036854775808", "42", "9007199254740993"] },
  { pg: "oid", ours: "oid", inputs: ["4294967295", "0", "2147483648"] },
  { pg: "float4", ours: "float4", inputs: ["1.5", "NaN", "-Infinity", "0.1", "-0", "1.4e-45"] },
  { pg: "float8", ours: "float8", inputs: ["1.5", "NaN", "-Infinity", "0.1", "-0", "5e-324", "1.7976931348623157e308"] },
  { pg: "bool", ours: "bool", inputs: ["t", "f"] },
  { pg: "text", ours: "text", inputs: ["abc", "", "é😀"] },
  { pg: "varchar(5)", ours: "varchar(5)", inputs: ["abc", "abcde"] },
  { pg: "char(5)", ours: "bpchar(5)", inputs: ["abc", ""] },
  { pg: "name", ours: "name", inputs: ["abc", "pg_catalog"] },
  { pg: '"char"', ours: "char", inputs: ["a", "\\303"] },
  { pg: "bytea", ours: "bytea", inputs: ["\\x00ff10", "\\x", "abc"] },
  { pg: "uuid", ours: "uuid", inputs: ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "00000000-0000-0000-0000-000000000000"] },
  { pg: "date", ours: "date", inputs: ["2024-01-02", "infinity", "-infinity", "0044-03-15 BC", "1999-12-31", "4714-11-24 BC", "5874897-12-31"] },
  { pg: "time", ours: "time", inputs: ["04:05:06.789", "24:00:00", "00:00:00", "23:59:59.999999"] },
  { pg: "timetz", ours: "timetz", inputs: ["04:05:06.789+05:30", "04:05:06-08", "00:00:00+00", "12:00:00-04:56:02"] },
  {
    pg: "timestamp", ours: "timestamp",
    inputs: ["2024-01-02 03:04:05.5", "infinity", "-infinity", "1999-12-31 23:59:59.999999", "0044-03-15 12:00 BC", "1900-01-01", "294276-12-31 23:59:59.999999", "4714-11-24 00:00:00 BC"],
  },
  { pg: "timestamptz", ours: "timestamptz", inputs: ["2024-01-02 03:04:05.5+02", "infinity", "1999-12-31 23:59:59.999999 UTC", "1800-06-01 Europe/Berlin"], settings: { TimeZone: "Europe/Berlin" } },
  { pg: "interval", ours: "interval", inputs: ["1 year 2 mons 3 days 04:05:06.5", "-1 day", "-00:00:01", "0", "2562047788 hours", "-178000000 years"] },
  {
    pg: "numeric", ours: "numeric",
    inputs: ["0", "0.00", "1.5", "-1.50", "12345678.90123", "NaN", "Infinity", "-Infinity", "10000", "0.0001", "-0.000000001", "123456789012345678901234567890", "1e-20", "99990000", "1e100"],
  },
  { pg: "numeric(10,2)", ours: "numeric(10,2)", inputs: ["1.5", "0", "-12345678.999"] },
  { pg: "json", ours: "json", inputs: ['{"b": 1,  "a":2}', "[]"] },
  { pg: "jsonb", ours: "jsonb", inputs: ['{"b": 1,  "a":2}', '"x"', "1.50"] },
  { pg: "int4[]", ours: "_int4", inputs: ["{1,2,NULL}", "{}", "{{1,2},{3,4}}", "{{{1}},{{2}}}"] },
  { pg: "text[]", ours: "_text", inputs: ['{a,"b c",NULL}', '{""}'] },
  { pg: "numeric[]", ours: "_numeric", inputs: ["{1.5,NaN,-0.001}"] },
  { pg: "float8[]", ours: "_float8", inputs: ["{0.1,NaN,-Infinity}"] },
  { pg: "bool[]", ours: "_bool", inputs: ["{t,f,NULL}"] },
  { pg: "bytea[]", ours: "_bytea", inputs: ['{"\\\\x0102",NULL}'] },
  { pg: "date[]", ours: "_date", inputs: ["{2024-01-01,infinity}"] },
  { pg: "timestamptz[]", ours: "_timestamptz", inputs: ['{"2024-01-01 12:00:00+05"}'] },
  { pg: "interval[]", ours: "_interval", inputs: ['{"1 day","-2 hours"}'] },
  { pg: "uuid[]", ours: "_uuid", inputs: ["{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"] },
  { pg: "jsonb[]", ours: "_jsonb", inputs: ['{"{\\"a\\":1}"}'] },
  { pg: "int8[]", ours: "_int8", inputs: ["{9223372036854775807,NULL}"] },
  { pg: "varchar(3)[]", ours: "_varchar(3)", inputs: ["{abc,d}"] },
];

describe("binary formats match PostgreSQL 15", () => {
  for (const c of cases) {
    it(`${c.pg}`, async () => {
      const settings = c.settings ?? {};
      await ref.apply(settings);
      const ctx = formatContext(settings);
      const send = typeByOid(declared(c.ours).oid)!.send;
      const bad: string[] = [];
      for (const input of c.inputs) {
        const pgHex = await ref.send(input, c.pg, send);
        const ourHex = ourSend(input, c.ours, ctx);
        if (ourHex !== pgHex) bad.push(`send ${JSON.stringify(input)}: pg ${pgHex}, ours ${ourHex}`);
        // PostgreSQL's bytes read back by us print as PostgreSQL prints the value.
        const text = await ref.literal(input, c.pg);
        const received = ourReceive(pgHex, c.ours, ctx);
        if (received !== text) bad.push(`receive ${JSON.stringify(input)}: pg ${text}, ours ${received}`);
        // Our bytes as a binary parameter read by PostgreSQL.
        const back = await ref.receive(Buffer.from(ourHex, "hex"), c.pg);
        if (back !== text) bad.push(`parameter ${JSON.stringify(input)}: pg read ${back}, expected ${text}`);
        expect(ourLiteral(input, c.ours, ctx)).toBe(text);
      }
      expect(bad).toEqual([]);
    });
  }

  // PostgreSQL appends " in bind parameter N" to the message; that is the caller's part.
  it("rejects binary values of the wrong size like PostgreSQL", async () => {
    const ctx = formatContext({});
    for (const hex of ["0001", "0000000100"]) {
      const ours = ourReceive(hex, "int4", ctx);
      const pg = await ref.receive(Buffer.from(hex, "hex"), "int4");
      expect(ours.startsWith("ERROR ")).toBe(true);
      expect(pg.startsWith(ours)).toBe(true);
    }
  });
});
