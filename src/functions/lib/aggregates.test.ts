import { describe, expect, it } from "vitest";
import { isPgError } from "../../errors/pg-error.js";
import { BOOL, BYTEA, INT4, JSON_TYPE, JSONB, NUMERIC, TEXT, t } from "../../sql/oids.js";
import { arrayTypeOf } from "../../types/registry.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { ArgType, FunctionDef } from "../registry.js";
import { functionsNamed } from "../registry.js";
import "./json.js";
import "./aggregates.js";

function find(name: string, args: ArgType[]): FunctionDef {
  const d = functionsNamed(name).find(
    (x) => x.args.length === args.length && x.args.every((a, i) => a === args[i]),
  );
  if (!d) throw new Error(`no ${name}(${args.join(", ")})`);
  return d;
}

function aggregate(name: string, args: ArgType[], rows: SqliteValue[][]): SqliteValue {
  const d = find(name, args);
  if (d.kind !== "udf-aggregate") throw new Error(`${name} is not a udf-aggregate`);
  let state = d.start();
  for (const row of rows) state = d.step(state, ...row);
  return d.result(state);
}

function sqlOf(name: string, args: ArgType[], types: number[], distinct = false): string {
  const d = find(name, args);
  if (d.kind !== "aggregate") throw new Error(`${name} is not an SQL aggregate`);
  return d.sql({ args: types.map((_, i) => `x${i}`), types: types.map((oid) => t(oid)), distinct });
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

describe("string_agg", () => {
  it("joins non-NULL values with the separator before each but the first", () => {
    const B: ArgType[] = [BYTEA, BYTEA];
    expect(
      aggregate("string_agg", B, [
        ["a", ","],
        [null, ","],
        ["b", ";"],
      ]),
    ).toBe("a;b");
    expect(
      aggregate("string_agg", B, [
        ["a", null],
        ["b", null],
      ]),
    ).toBe("ab");
    expect(aggregate("string_agg", B, [])).toBe(null);
    const bytes = aggregate("string_agg", B, [
      [Buffer.from("01", "hex"), Buffer.from("00", "hex")],
      [Buffer.from("02", "hex"), Buffer.from("00", "hex")],
    ]);
    expect(Buffer.from(bytes as Uint8Array).toString("hex")).toBe("010002");
  });

  it("packs value and separator for DISTINCT, which SQLite allows on one argument", () => {
    expect(sqlOf("string_agg", [TEXT, TEXT], [TEXT, TEXT])).toBe("pg_string_agg(x0, x1)");
    expect(sqlOf("string_agg", [TEXT, TEXT], [TEXT, TEXT], true)).toBe(
      "pg_string_agg(DISTINCT json_array(x0, x1))",
    );
    expect(aggregate("string_agg", [BYTEA, BYTEA], [['["a",","]'], ['[null,","]'], ['["b","-"]']])).toBe(
      "a-b",
    );
  });
});

describe("array_agg", () => {
  it("collects scalars as array storage", () => {
    expect(aggregate("array_agg", ["anynonarray"], [[3n], [null], ["x"], [1.5]])).toBe('[3,null,"x",1.5]');
    expect(aggregate("array_agg", ["anynonarray"], [[Buffer.from("01", "hex")]])).toBe('["\\\\x01"]');
    expect(aggregate("array_agg", ["anynonarray"], [])).toBe(null);
  });

  it("stacks arrays of one shape", () => {
    expect(aggregate("array_agg", ["anyarray"], [["[1,2]"], ["[3,4]"]])).toBe("[[1,2],[3,4]]");
    expect(errorOf(() => aggregate("array_agg", ["anyarray"], [["[1,2]"], ["[3]"]]))).toBe(
      "2202E cannot accumulate arrays of different dimensionality",
    );
    expect(errorOf(() => aggregate("array_agg", ["anyarray"], [[null]]))).toBe(
      "22004 cannot accumulate null arrays",
    );
    expect(errorOf(() => aggregate("array_agg", ["anyarray"], [["[]"]]))).toBe(
      "2202E cannot accumulate empty arrays",
    );
  });

  it("turns numeric values into their exact text", () => {
    expect(sqlOf("array_agg", [NUMERIC], [NUMERIC])).toBe(
      `pg_array_agg(pg_cast(x0, ${NUMERIC}, ${TEXT}, -1))`,
    );
    expect(sqlOf("array_agg", [NUMERIC], [NUMERIC], true)).toContain("pg_array_agg(DISTINCT ");
  });

  it("resolves array_agg of an array to the arrays form", () => {
    const defs = functionsNamed("array_agg");
    expect(defs[0]!.args).toEqual(["anyarray"]);
    const d = defs[0]!;
    const type = typeof d.returns === "function" ? d.returns([t(arrayTypeOf(INT4)!)]) : d.returns;
    expect(type.oid).toBe(arrayTypeOf(INT4));
  });
});

describe("json aggregates", () => {
  it("aggregate to_json texts, with a line break before structured values", () => {
    expect(aggregate("json_agg", [JSON_TYPE], [["1"], [null], ['"a"']])).toBe('[1, null, "a"]');
    expect(aggregate("json_agg", [JSON_TYPE], [["\u0001[1,2]"], ["\u0001[3]"]])).toBe("[[1,2], \n [3]]");
    expect(aggregate("jsonb_agg", [JSONB], [['{"b":1,"a":2}'], [null]])).toBe('[{"a": 2, "b": 1}, null]');
    expect(sqlOf("json_agg", ["anyelement"], [BOOL])).toBe(`pg_json_agg(pg_to_json_1(${BOOL}, x0))`);
    expect(sqlOf("json_agg", ["anyelement"], [arrayTypeOf(INT4)!])).toBe(
      `pg_json_agg((char(1) || pg_to_json_1(${arrayTypeOf(INT4)}, x0)))`,
    );
  });

  it("builds objects from keys and values", () => {
    expect(
      aggregate(
        "json_object_agg",
        [JSON_TYPE, JSON_TYPE],
        [
          ['"a"', "1"],
          ["2", "null"],
        ],
      ),
    ).toBe('{ "a" : 1, "2" : null }');
    expect(
      aggregate(
        "jsonb_object_agg",
        [JSON_TYPE, JSONB],
        [
          ['"b"', "1"],
          ['"a"', "true"],
          ['"b"', "2"],
        ],
      ),
    ).toBe('{"a": true, "b": 2}');
    expect(errorOf(() => aggregate("json_object_agg", [JSON_TYPE, JSON_TYPE], [[null, "1"]]))).toBe(
      "22023 field name must not be null",
    );
    expect(errorOf(() => aggregate("json_object_agg", [JSON_TYPE, JSON_TYPE], [["\u0001[1]", "1"]]))).toBe(
      "22023 key value must be scalar, not array, composite, or json",
    );
    expect(aggregate("json_object_agg", [JSON_TYPE, JSON_TYPE], [])).toBe(null);
  });
});

describe("every", () => {
  it("is bool_and", () => {
    expect(sqlOf("every", [BOOL], [BOOL])).toBe("min(x0)");
  });
});
