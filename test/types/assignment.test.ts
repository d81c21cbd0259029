// Differential tests for coerceToTypmod: assigning a value to a column with a typmod (INSERT) and
// casting it explicitly, against PostgreSQL 15.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPgError } from "../../src/errors/pg-error.js";
import { codecFor, coerceToTypmod } from "../../src/types/codecs.js";
import { declared, errorText, formatContext, quoteLiteral, Reference } from "./harness.js";

let ref: Reference;
beforeAll(async () => {
  ref = await Reference.open();
  await ref.value("SET TimeZone = 'America/New_York'");
});
afterAll(async () => {
  await ref.close();
});

const ctx = formatContext({ TimeZone: "America/New_York" });

interface Case {
  /** The column type in PostgreSQL, its base type, and our declared type. */
  pg: string;
  base: string;
  ours: string;
  inputs: string[];
}

// biome-ignore format: compact input tables
const cases: Case[] = [
  { pg: "varchar(3)", base: "text", ours: "varchar(3)", inputs: ["abc", "abcdef", "abc   ", "ab", "é😀x", "é😀xy", "ab  c", ""] },
  { pg: "char(3)", base: "text", ours: "bpchar(3)", inputs: ["abc", "abcdef", "abc   ", "ab", "é", "", "a b c"] },
  { pg: "numeric(5,2)", base: "numeric", ours: "numeric(5,2)", inputs: ["12345.678", "999.995", "999.994", "1.005", "-1.005", "NaN", "Infinity", "-0.001", "0"] },
  { pg: "numeric(3,-1)", base: "numeric", ours: "numeric(3,-1)", inputs: ["1234", "12345", "-1235"] },
  { pg: "numeric(3)", base: "numeric", ours: "numeric(3,0)", inputs: ["999.4", "999.5", "-0.5"] },
  { pg: "timestamp(0)", base: "timestamp", ours: "timestamp(0)", inputs: ["2024-01-01 00:00:00.5", "1999-12-31 23:59:59.5", "infinity", "1969-07-20 20:17:40.499999"] },
  { pg: "timestamptz(2)", base: "timestamptz", ours: "timestamptz(2)", inputs: ["2024-01-01 00:00:00.555+00", "1999-12-31 23:59:59.995 UTC"] },
  { pg: "time(1)", base: "time", ours: "time(1)", inputs: ["23:59:59.95", "12:00:00.04", "00:00:00.05"] },
  { pg: "timetz(0)", base: "timetz", ours: "timetz(0)", inputs: ["23:59:59.5+05", "12:00:00.4-03"] },
  { pg: "interval day to minute", base: "interval", ours: "interval(3080)", inputs: ["1 day 02:03:04.5", "-1 day -02:03:59", "1 year 2 mons 3 days"] },
  { pg: "interval year", base: "interval", ours: "interval(4)", inputs: ["1 year 11 mons 3 days", "-1 year -11 mons"] },
  { pg: "interval second(1)", base: "interval", ours: "interval(4096,1)", inputs: ["1.25 seconds", "-1.25 seconds", "1 day 00:00:00.05"] },
  { pg: "varchar(2)[]", base: "text[]", ours: "_varchar(2)", inputs: ["{ab,c}", "{abc}", "{\"a  \"}", "{NULL,x}"] },
  { pg: "numeric(4,1)[]", base: "numeric[]", ours: "_numeric(4,1)", inputs: ["{1.25,-1.25}", "{1000}"] },
];

function ours(c: Case, input: string, explicit: boolean): string {
  const target = declared(c.ours);
  const base = declared(c.base.endsWith("[]") ? `_${c.base.slice(0, -2)}` : c.base);
  try {
    const stored = codecFor(base.oid).fromText(input, -1, ctx);
    const coerced = coerceToTypmod(target.oid, stored, target.typmod, ctx, explicit);
    return coerced === null ? "NULL" : codecFor(target.oid).toText(coerced, target.typmod, ctx);
  } catch (e) {
    if (isPgError(e)) return errorText(e.fields.code, e.fields.message, e.fields.detail);
    throw e;
  }
}

describe("typmod coercion matches PostgreSQL 15", () => {
  for (const c of cases) {
    it(`assignment to ${c.pg}`, async () => {
      await ref.value(`DROP TABLE IF EXISTS pg_temp.assign; CREATE TEMP TABLE assign (v ${c.pg})`);
      const bad: string[] = [];
      for (const input of c.inputs) {
        const expected = await ref.value(
          `INSERT INTO pg_temp.assign VALUES (CAST(${quoteLiteral(input)} AS ${c.base})) RETURNING v`,
        );
        const got = ours(c, input, false);
        if (got !== expected) bad.push(`${JSON.stringify(input)}: pg ${expected}, ours ${got}`);
      }
      expect(bad).toEqual([]);
    });

    it(`explicit cast to ${c.pg}`, async () => {
      const bad: string[] = [];
      for (const input of c.inputs) {
        const expected = await ref.value(
          `SELECT CAST(CAST(${quoteLiteral(input)} AS ${c.base}) AS ${c.pg}) AS v`,
        );
        const got = ours(c, input, true);
        if (got !== expected) bad.push(`${JSON.stringify(input)}: pg ${expected}, ours ${got}`);
      }
      expect(bad).toEqual([]);
    });
  }
});
