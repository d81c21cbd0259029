import { beforeAll, describe, expect, it } from "vitest";
import { literalConstants, literalShape } from "./literal-shape.js";
import { loadParser, parseSql } from "./parse.js";

describe("literalShape", () => {
  it("takes out integer literals and keeps the rest of the text", () => {
    const s = literalShape("SELECT abalance FROM pgbench_accounts WHERE aid = 12345;");
    expect(s).toEqual({
      key: "SELECT abalance FROM pgbench_accounts WHERE aid = \x01;",
      values: [12345],
      offsets: [50],
    });
    expect(literalShape("SELECT abalance FROM pgbench_accounts WHERE aid = 7;")?.key).toBe(s?.key);
  });

  it("leaves strings, identifiers, non-integers and values beyond int4 in the key", () => {
    const s = literalShape(
      `SELECT 'a1''2', "c ""3", t4.x5, 1.5, 2e3, .5, 0x1F, 3000000000, 6 FROM t4 WHERE y=7`,
    );
    expect(s?.values).toEqual([6, 7]);
    expect(s?.key).toBe(
      `SELECT 'a1''2', "c ""3", t4.x5, 1.5, 2e3, .5, 0x1F, 3000000000, \x01 FROM t4 WHERE y=\x01`,
    );
  });

  it("gives up on text it does not follow exactly", () => {
    for (const sql of [
      "SELECT 1 -- 2",
      "SELECT /* 1 */ 2",
      "SELECT $1 + 1",
      "SELECT E'\\n', 1",
      "SELECT $$x$$, 1",
      "SELECT 'é', 1",
      "SELECT 'no literal'",
    ]) {
      expect(literalShape(sql)).toBeUndefined();
    }
  });
});

describe("literalConstants", () => {
  beforeAll(() => loadParser());

  const constants = (sql: string) => {
    const shape = literalShape(sql)!;
    return literalConstants(parseSql(sql)[0]!.node, shape);
  };

  it("finds the constant of every literal", () => {
    expect(constants("SELECT 0, 5 FROM t WHERE a IN (1, 2) LIMIT 3")?.size).toBe(5);
  });

  it("refuses a literal that is not a constant of its own value", () => {
    expect(constants("SELECT -5")).toBeUndefined();
    expect(constants("SELECT 1 - 5")?.size).toBe(2);
  });
});
