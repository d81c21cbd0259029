import { describe, expect, it } from "vitest";
import { isPgError } from "../../errors/pg-error.js";
import { BOOL, FLOAT8, INT4, NUMERIC, TEXT } from "../../sql/oids.js";
import { arrayTypeOf } from "../../types/registry.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { ArgType } from "../registry.js";
import { functionsNamed, operatorsNamed } from "../registry.js";
import "./arrays.js";
import {
  type ArrayTree,
  arraySortKey,
  compareArrays,
  concatArrays,
  containsElements,
  dimsOf,
} from "./arrays-common.js";

const INT4_ARRAY = BigInt(arrayTypeOf(INT4)!);
const TEXT_ARRAY = BigInt(arrayTypeOf(TEXT)!);
const NUMERIC_ARRAY = BigInt(arrayTypeOf(NUMERIC)!);

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

const AA: ArgType[] = ["anyarray", "anyarray"];

describe("comparison and containment", () => {
  it("compares element by element, then by size and dimensions", () => {
    expect(compareArrays(INT4, [1, 2], [1, 3])).toBe(-1);
    expect(compareArrays(INT4, [1, 2], [1, 2, 0])).toBe(-1);
    expect(compareArrays(INT4, [1, null], [1, 5])).toBe(1);
    expect(compareArrays(INT4, [10], [9])).toBe(1);
    expect(compareArrays(INT4, [[1, 2]], [1, 2])).toBe(1);
    expect(compareArrays(NUMERIC, ["1.0"], ["1.00"])).toBe(0);
    expect(compareArrays(FLOAT8, ["NaN"], ["Infinity"])).toBe(1);
  });

  it("declares = < @> && on arrays of one type", () => {
    expect(op("=", AA, INT4_ARRAY, INT4_ARRAY, "[1,null]", "[1,null]")).toBe(1);
    expect(op("=", AA, INT4_ARRAY, INT4_ARRAY, "[[1,2]]", "[1,2]")).toBe(0);
    expect(op("<", AA, TEXT_ARRAY, TEXT_ARRAY, '["ab"]', '["b"]')).toBe(1);
    expect(op("@>", AA, INT4_ARRAY, INT4_ARRAY, "[1,2,3]", "[3,1]")).toBe(1);
    expect(op("@>", AA, INT4_ARRAY, INT4_ARRAY, "[1,2]", "[1,null]")).toBe(0);
    expect(op("&&", AA, INT4_ARRAY, INT4_ARRAY, "[1,null]", "[null]")).toBe(0);
    expect(containsElements(TEXT, [["a"], ["b"]], ["b"], true)).toBe(true);
  });
});

describe("array sort keys", () => {
  const check = (elem: number, values: ArrayTree[]) => {
    const byKey = [...values].sort((a, b) => Buffer.compare(arraySortKey(elem, a), arraySortKey(elem, b)));
    const byCompare = [...values].sort((a, b) => compareArrays(elem, a, b));
    expect(byKey).toEqual(byCompare);
  };

  it("sort as compareArrays does", () => {
    check(INT4, [
      [],
      [1],
      [1, 2],
      [1, null],
      [null],
      [-5],
      [10],
      [9],
      [[1, 2]],
      [1, 2, 0],
      [(2n ** 40n) as unknown as number],
    ]);
    check(FLOAT8, [[1.5], [-1.5], [-0.5], [0], ["NaN"], ["Infinity"], ["-Infinity"], [1e300], [-1e-300]]);
    check(NUMERIC, [
      ["1.5"],
      ["-1.5"],
      ["10"],
      ["9.99"],
      ["0"],
      ["-0.001"],
      ["NaN"],
      ["Infinity"],
      ["-Infinity"],
    ]);
    check(TEXT, [["b"], ["ab"], ["a"], [""], ["é"], ["a\u0000b"], ["a", "b"], [null, "a"]]);
  });
});

describe("concatenation", () => {
  it("appends, prepends and concatenates as array_cat does", () => {
    expect(concatArrays([[1, 2]], [3, 4])).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(concatArrays([], [[1]])).toEqual([[1]]);
    expect(op("||", ["anyarray", "anyelement"], INT4_ARRAY, BigInt(INT4), "[1]", 2n)).toBe("[1,2]");
    expect(op("||", ["anyelement", "anyarray"], BigInt(INT4), INT4_ARRAY, 2n, "[1]")).toBe("[2,1]");
    expect(op("||", AA, INT4_ARRAY, INT4_ARRAY, null, "[1]")).toBe("[1]");
    expect(
      call("array_append", ["anyarray", "anyelement"], NUMERIC_ARRAY, BigInt(NUMERIC), '["1.5"]', 2.25),
    ).toBe('["1.5","2.25"]');
  });

  it("rejects incompatible shapes", () => {
    expect(errorOf(() => concatArrays([[1, 2]], [[3]]))).toBe("2202E cannot concatenate incompatible arrays");
    expect(errorOf(() => concatArrays([1], [[[3]]]))).toBe("2202E cannot concatenate incompatible arrays");
    expect(
      errorOf(() =>
        call("array_append", ["anyarray", "anyelement"], INT4_ARRAY, BigInt(INT4), "[[1,2]]", 3n),
      ),
    ).toBe("22000 argument must be empty or one-dimensional array");
  });
});

describe("dimensions, search, replacement", () => {
  it("reports dimensions", () => {
    expect(dimsOf([[1], [2]])).toEqual([2, 1]);
    expect(call("array_dims", ["anyarray"], INT4_ARRAY, "[[1],[2]]")).toBe("[1:2][1:1]");
    expect(call("array_dims", ["anyarray"], INT4_ARRAY, "[]")).toBe(null);
    expect(call("array_length", ["anyarray", INT4], INT4_ARRAY, BigInt(INT4), "[1,2]", 2n)).toBe(null);
    expect(call("cardinality", ["anyarray"], INT4_ARRAY, "[[1,2],[3,4]]")).toBe(4);
    expect(call("array_ndims", ["anyarray"], INT4_ARRAY, "[]")).toBe(null);
  });

  it("finds, removes and replaces elements, NULL included", () => {
    const E: ArgType[] = ["anyarray", "anyelement"];
    const T = [INT4_ARRAY, BigInt(INT4)];
    expect(call("array_remove", E, ...T, "[1,2,null,2]", 2n)).toBe("[1,null]");
    expect(call("array_remove", E, ...T, "[1,null]", null)).toBe("[1]");
    expect(call("array_position", E, ...T, "[1,null]", null)).toBe(2);
    expect(call("array_positions", E, ...T, "[1,2,1]", 1n)).toBe("[1,3]");
    expect(
      call(
        "array_replace",
        ["anyarray", "anyelement", "anyelement"],
        ...T,
        BigInt(INT4),
        "[[1,2],[2,null]]",
        2n,
        9n,
      ),
    ).toBe("[[1,9],[9,null]]");
    expect(errorOf(() => call("array_remove", E, ...T, "[[1,2]]", 1n))).toBe(
      "0A000 removing elements from multidimensional arrays is not supported",
    );
    expect(errorOf(() => call("array_position", [...E, INT4], ...T, BigInt(INT4), "[1]", 1n, null))).toBe(
      "22004 initial position must not be null",
    );
  });

  it("array_to_string prints elements by their output functions", () => {
    expect(call("array_to_string", ["anyarray", TEXT], INT4_ARRAY, BigInt(TEXT), "[1,null,3]", ",")).toBe(
      "1,3",
    );
    expect(
      call(
        "array_to_string",
        ["anyarray", TEXT, TEXT],
        INT4_ARRAY,
        BigInt(TEXT),
        BigInt(TEXT),
        "[1,null]",
        ",",
        "*",
      ),
    ).toBe("1,*");
    expect(
      call("array_to_string", ["anyarray", TEXT], BigInt(arrayTypeOf(BOOL)!), BigInt(TEXT), "[1,0]", ""),
    ).toBe("tf");
  });
});

describe("set-returning functions", () => {
  it("unnest flattens in storage order", () => {
    expect(rows("unnest", ["anyarray"], INT4_ARRAY, "[[1,2],[3,null]]")).toEqual([[1], [2], [3], [null]]);
    expect(rows("unnest", ["anyarray"], TEXT_ARRAY, '["é","😀"]')).toEqual([["é"], ["😀"]]);
  });

  it("generate_subscripts counts a dimension", () => {
    expect(
      rows("generate_subscripts", ["anyarray", INT4], TEXT_ARRAY, BigInt(INT4), '["a","b","c"]', 1n),
    ).toEqual([[1], [2], [3]]);
    expect(
      rows(
        "generate_subscripts",
        ["anyarray", INT4, BOOL],
        INT4_ARRAY,
        BigInt(INT4),
        BigInt(BOOL),
        "[[1,2]]",
        2n,
        1n,
      ),
    ).toEqual([[2], [1]]);
    expect(rows("generate_subscripts", ["anyarray", INT4], INT4_ARRAY, BigInt(INT4), "[]", 1n)).toEqual([]);
  });
});
