import { describe, expect, it } from "vitest";
import { isPgError } from "../../errors/pg-error.js";
import {
  BOOL,
  DATE,
  FLOAT8,
  INT4,
  JSON_TYPE,
  JSONB,
  NUMERIC,
  TEXT,
  TIMESTAMP,
  TIMESTAMPTZ,
} from "../../sql/oids.js";
import { typeByName } from "../../types/registry.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { ArgType } from "../registry.js";
import { functionsNamed, operatorsNamed } from "../registry.js";
import "./json.js";
import { parseJsonb, writeJsonb } from "./json-common.js";
import { jsonbConcat, setPath } from "./json-operators.js";
import { parseJsonSpans } from "./json-spans.js";
import { compareJsonb, jsonbContains, jsonbExists } from "./jsonb-compare.js";
import { jsonbSortKey } from "./jsonb-sort-key.js";
import { toJsonbValue, toJsonText } from "./to-json.js";

const TEXT_ARRAY = typeByName("_text")!.oid;

function find(name: string, args: ArgType[], operator: boolean) {
  const defs = operator ? operatorsNamed(name) : functionsNamed(name);
  const d = defs.find((x) => x.args.length === args.length && x.args.every((a, i) => a === args[i]));
  if (!d) throw new Error(`no ${name}(${args.join(", ")})`);
  return d;
}

function call(name: string, args: ArgType[], ...values: SqliteValue[]): SqliteValue {
  const d = find(name, args, false);
  if (d.kind !== "udf") throw new Error(`${name} is not a udf`);
  return values.includes(null) && d.strict !== false ? null : d.impl(...values);
}

function op(name: string, args: ArgType[], ...values: SqliteValue[]): SqliteValue {
  const d = find(name, args, true);
  if (d.kind !== "udf") throw new Error(`${name} is not a udf`);
  return d.impl(...values);
}

function rows(name: string, args: ArgType[], ...values: SqliteValue[]): SqliteValue[][] {
  const d = find(name, args, false);
  if (d.kind !== "udf-set") throw new Error(`${name} is not set-returning`);
  return [...d.rows(...values)];
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

const jb = (s: string) => parseJsonb(s);

describe("jsonb order", () => {
  it("orders as PostgreSQL's btree does", () => {
    const sorted = ["[]", "null", '"a"', "1", "true", "[1, 2]", "{}", '{"b": 1}', '{"a": 1, "b": 2}'];
    const shuffled = [...sorted].reverse();
    shuffled.sort((a, b) => compareJsonb(jb(a), jb(b)));
    expect(shuffled).toEqual(sorted);
  });

  it("compares numbers by value, strings by code point, raw scalars before arrays", () => {
    expect(compareJsonb(jb("1.0"), jb("1"))).toBe(0);
    expect(compareJsonb(jb("10"), jb("9"))).toBe(1);
    expect(compareJsonb(jb('"b"'), jb('"abc"'))).toBe(1);
    expect(compareJsonb(jb("[3]"), jb("1"))).toBe(1);
    expect(compareJsonb(jb('{"aa": 1}'), jb('{"b": 2}'))).toBe(-1);
    expect(compareJsonb(jb('[1, "a"]'), jb("[1, 2]"))).toBe(-1);
  });
});

describe("jsonb sort keys", () => {
  it("sort as compareJsonb does", () => {
    const values = [
      "[]",
      "null",
      '"a"',
      '"ab"',
      '"é"',
      '""',
      "-10.5",
      "-10",
      "-2",
      "-0.001",
      "0",
      "0.001",
      "1",
      "1.5",
      "10",
      "1e3",
      "false",
      "true",
      "[1, 2]",
      "[1, 3]",
      "[0, 0, 0]",
      "[[1]]",
      '[1, "a"]',
      "{}",
      '{"b": 1}',
      '{"b": 2}',
      '{"aa": 1}',
      '{"a": 1, "b": 2}',
      '{"a": [1]}',
      '{"a": {"b": null}}',
      "[3]",
    ].map(jb);
    const byKey = [...values].sort((a, b) => Buffer.compare(jsonbSortKey(a), jsonbSortKey(b)));
    const byCompare = [...values].sort(compareJsonb);
    expect(byKey.map(writeJsonb)).toEqual(byCompare.map(writeJsonb));
    expect(Buffer.compare(jsonbSortKey(jb("1.0")), jsonbSortKey(jb("1")))).toBe(0);
  });
});

describe("containment and existence", () => {
  it("follows JsonbDeepContains", () => {
    expect(jsonbContains(jb('{"a":[1,2,{"b":1}]}'), jb('{"a":[{"b":1},1]}'))).toBe(true);
    expect(jsonbContains(jb("[1,2]"), jb("1"))).toBe(true);
    expect(jsonbContains(jb("1"), jb("[1]"))).toBe(false);
    expect(jsonbContains(jb('{"a":[1,2]}'), jb('{"a":1}'))).toBe(false);
    expect(jsonbContains(jb("[[1,2]]"), jb("[1]"))).toBe(false);
    expect(jsonbContains(jb("[[1,2]]"), jb("[[1]]"))).toBe(true);
    expect(jsonbContains(jb('{"a":1}'), jb("[]"))).toBe(false);
  });

  it("finds keys and string elements", () => {
    expect(jsonbExists(jb('["a",1]'), "a")).toBe(true);
    expect(jsonbExists(jb('"a"'), "a")).toBe(true);
    expect(jsonbExists(jb('{"a":1}'), "b")).toBe(false);
  });
});

describe("operators", () => {
  it("-> and ->> keep json's text and jsonb's normal form", () => {
    expect(op("->", [JSON_TYPE, TEXT], '{"a": [1,  2], "a": {"b" : 3}}', "a")).toBe('{"b" : 3}');
    expect(op("->>", [JSON_TYPE, TEXT], '{"a":"x\\"y"}', "a")).toBe('x"y');
    expect(op("->>", [JSON_TYPE, INT4], '["\\u00e9x"]', 0n)).toBe("éx");
    expect(op("->", [JSON_TYPE, INT4], "[1,2,3]", -1n)).toBe("3");
    expect(op("->", [JSONB, INT4], '"s"', 0n)).toBe('"s"');
    expect(op("->>", [JSONB, TEXT], '{"a": null}', "a")).toBe(null);
    expect(op("#>", [JSONB, TEXT_ARRAY], '{"a": {"b": [1, 2]}}', '["a","b","1"]')).toBe("2");
    expect(op("#>>", [JSON_TYPE, TEXT_ARRAY], '{"a":[{"b":"c"}]}', '["a","0","b"]')).toBe("c");
    expect(errorOf(() => op("->>", [JSON_TYPE, TEXT], '{"a":"\\u0000"}', "a"))).toBe(
      "22P05 unsupported Unicode escape sequence",
    );
  });

  it("concatenates and deletes", () => {
    expect(writeJsonb(jsonbConcat(jb('{"a":1}'), jb("1")))).toBe('[{"a": 1}, 1]');
    expect(writeJsonb(jsonbConcat(jb('{"a":1}'), jb('{"a":2,"b":3}')))).toBe('{"a": 2, "b": 3}');
    expect(op("-", [JSONB, TEXT], '["a", "b", "a"]', "a")).toBe('["b"]');
    expect(op("-", [JSONB, INT4], "[1, 2, 3]", -1n)).toBe("[1, 2]");
    expect(errorOf(() => op("-", [JSONB, INT4], '{"a": 1}', 1n))).toBe(
      "22023 cannot delete from object using integer index",
    );
    expect(op("#-", [JSONB, TEXT_ARRAY], "[1, [2, 3]]", '["1","0"]')).toBe("[1, [3]]");
    expect(errorOf(() => op("#-", [JSONB, TEXT_ARRAY], "[1, 2]", '["x"]'))).toBe(
      '22P02 path element at position 1 is not an integer: "x"',
    );
  });

  it("compares jsonb with = and <", () => {
    expect(op("=", [JSONB, JSONB], '{"a": 1}', '{"a": 1.00}')).toBe(1);
    expect(op("<", [JSONB, JSONB], "[]", "1")).toBe(1);
  });
});

describe("jsonb_set and jsonb_insert", () => {
  it("set, create and insert along a path", () => {
    const set = (v: string, path: string[], x: string, create = true) =>
      writeJsonb(setPath(jb(v), path, "set", jb(x), create));
    expect(set('{"a":1}', ["b"], "2")).toBe('{"a": 1, "b": 2}');
    expect(set('{"a":1}', ["b"], "2", false)).toBe('{"a": 1}');
    expect(set("[1,2]", ["5"], "3")).toBe("[1, 2, 3]");
    expect(set("[1,2]", ["-5"], "3")).toBe("[3, 1, 2]");
    expect(set('{"a":1}', ["a", "b"], "2")).toBe('{"a": 1}');
    expect(call("jsonb_insert", [JSONB, TEXT_ARRAY, JSONB, BOOL], "[1, 2]", '["1"]', "9", 1n)).toBe(
      "[1, 2, 9]",
    );
    expect(errorOf(() => call("jsonb_insert", [JSONB, TEXT_ARRAY, JSONB], '{"a": 1}', '["a"]', "2"))).toBe(
      "22023 cannot replace existing key",
    );
    expect(errorOf(() => call("jsonb_set", [JSONB, TEXT_ARRAY, JSONB], "1", '["a"]', "2"))).toBe(
      "22023 cannot set path in scalar",
    );
  });
});

describe("to_json and the builders", () => {
  it("formats values by type", () => {
    expect(toJsonText(NUMERIC, "1.50")).toBe("1.50");
    expect(toJsonText(NUMERIC, "NaN")).toBe('"NaN"');
    expect(toJsonText(FLOAT8, 1e20)).toBe("1e+20");
    expect(toJsonText(BOOL, 1n)).toBe("true");
    expect(toJsonText(TIMESTAMP, "2024-01-02 03:04:05.5")).toBe('"2024-01-02T03:04:05.5"');
    expect(toJsonText(TIMESTAMPTZ, "2024-01-02 02:04:05+00:00")).toBe('"2024-01-02T02:04:05+00:00"');
    expect(toJsonText(DATE, "2024-01-02")).toBe('"2024-01-02"');
    expect(toJsonText(typeByName("_text")!.oid, '[["a","b"],["c",null]]')).toBe('[["a","b"],["c",null]]');
    expect(writeJsonb(toJsonbValue(FLOAT8, 1e20))).toBe("100000000000000000000");
    expect(writeJsonb(toJsonbValue(typeByName("_bool")!.oid, "[1,0]"))).toBe("[true, false]");
  });

  it("builds objects and arrays from arguments of any type", () => {
    const T = BigInt(TEXT);
    const I = BigInt(INT4);
    expect(call("json_build_object", ["any"], T, I, T, I, "a", 1n, "b", null)).toBe('{"a" : 1, "b" : null}');
    expect(call("jsonb_build_object", ["any"], T, I, T, I, "b", 1n, "a", 2n)).toBe('{"a": 2, "b": 1}');
    expect(call("json_build_array", ["any"], I, T, 1n, null)).toBe("[1, null]");
    expect(errorOf(() => call("json_build_object", ["any"], T, "a"))).toBe(
      "22023 argument list must have even number of elements",
    );
    expect(errorOf(() => call("jsonb_build_object", ["any"], T, I, null, 1n))).toBe(
      "22023 argument 1: key must not be null",
    );
    expect(call("json_object", [TEXT_ARRAY], '[["a","1"],["b","2"]]')).toBe('{"a" : "1", "b" : "2"}');
    expect(errorOf(() => call("json_object", [TEXT_ARRAY], '["a"]'))).toBe(
      "2202E array must have even number of elements",
    );
  });
});

describe("processing functions", () => {
  it("strips nulls, pretty-prints, reports types and lengths", () => {
    expect(call("json_strip_nulls", [JSON_TYPE], '{"a" : null, "b":  [null, {"c":null, "d" : 1}]}')).toBe(
      '{"b":[null,{"d":1}]}',
    );
    expect(call("jsonb_strip_nulls", [JSONB], '{"a": null, "b": [null, {"c": null}]}')).toBe(
      '{"b": [null, {}]}',
    );
    expect(call("jsonb_pretty", [JSONB], '{"a": 1, "b": [1, {"c": []}], "d": {}}')).toBe(
      '{\n    "a": 1,\n    "b": [\n        1,\n        {\n            "c": [\n            ]\n        }\n    ],\n    "d": {\n    }\n}',
    );
    expect(call("json_typeof", [JSON_TYPE], " null ")).toBe("null");
    expect(call("jsonb_typeof", [JSONB], "true")).toBe("boolean");
    expect(call("json_array_length", [JSON_TYPE], "[[1], {}]")).toBe(2);
    expect(errorOf(() => call("json_array_length", [JSON_TYPE], "{}"))).toBe(
      "22023 cannot get array length of a non-array",
    );
    expect(errorOf(() => call("jsonb_array_length", [JSONB], "1"))).toBe(
      "22023 cannot get array length of a scalar",
    );
  });

  it("extracts paths", () => {
    expect(call("json_extract_path", [JSON_TYPE, TEXT, TEXT], '{"a":{"b":1}}', "a", "b")).toBe("1");
    expect(call("jsonb_extract_path_text", [JSONB, TEXT, TEXT], '{"a": {"b": null}}', "a", "b")).toBe(null);
  });

  it("reads spans of json text", () => {
    const text = '{"a" : [1,  2], "b": "x"}';
    const n = parseJsonSpans(text);
    expect(n.t === "object" && text.slice(n.members[0]![1].s, n.members[0]![1].e)).toBe("[1,  2]");
  });
});

describe("set-returning functions", () => {
  it("json_each keeps duplicates and text, jsonb_each is sorted", () => {
    expect(rows("json_each", [JSON_TYPE], '{"a":1, "b" : [1, 2], "a":"x"}')).toEqual([
      ["a", "1"],
      ["b", "[1, 2]"],
      ["a", '"x"'],
    ]);
    expect(rows("jsonb_each_text", [JSONB], '{"b": null, "a": "x"}')).toEqual([
      ["a", "x"],
      ["b", null],
    ]);
    expect(errorOf(() => rows("json_each", [JSON_TYPE], "[1]"))).toBe(
      "22023 cannot deconstruct an array as an object",
    );
    expect(errorOf(() => rows("jsonb_each", [JSONB], "1"))).toBe(
      "22023 cannot call jsonb_each on a non-object",
    );
  });

  it("array elements and object keys", () => {
    expect(rows("json_array_elements", [JSON_TYPE], '[1, "a", {"b" : 2}]')).toEqual([
      ["1"],
      ['"a"'],
      ['{"b" : 2}'],
    ]);
    expect(rows("jsonb_array_elements_text", [JSONB], '["é", 1, null]')).toEqual([["é"], ["1"], [null]]);
    expect(rows("json_object_keys", [JSON_TYPE], '{"a":1,"b":2,"a":3}')).toEqual([["a"], ["b"], ["a"]]);
    expect(errorOf(() => rows("jsonb_array_elements", [JSONB], "{}"))).toBe(
      "22023 cannot extract elements from an object",
    );
    expect(errorOf(() => rows("json_object_keys", [JSON_TYPE], "1"))).toBe(
      "22023 cannot call json_object_keys on a scalar",
    );
  });
});
