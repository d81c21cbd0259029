import { describe, expect, it } from "vitest";
import { isPgError } from "../../errors/pg-error.js";
import { INT4, INT8, NUMERIC } from "../../sql/oids.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { functionsNamed } from "../registry.js";
import "./series.js";

function series(args: number[], ...values: SqliteValue[]): SqliteValue[] {
  const d = functionsNamed("generate_series").find(
    (x) => x.args.length === args.length && x.args.every((a, i) => a === args[i]),
  );
  if (d?.kind !== "udf-set") throw new Error("no generate_series");
  return [...d.rows(...values)].map((r) => r[0]!);
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

describe("generate_series", () => {
  it("counts integers up and down", () => {
    expect(series([INT4, INT4], 1n, 3n)).toEqual([1n, 2n, 3n]);
    expect(series([INT4, INT4, INT4], 5n, 1n, -2n)).toEqual([5n, 3n, 1n]);
    expect(series([INT4, INT4], 3n, 1n)).toEqual([]);
    expect(series([INT8, INT8, INT8], 1n, 3000000000n, 1000000000n)).toEqual([1n, 1000000001n, 2000000001n]);
    expect(series([INT8, INT8], 9223372036854775806n, 9223372036854775807n)).toEqual([
      9223372036854775806n,
      9223372036854775807n,
    ]);
  });

  it("keeps numeric scales as numeric addition does", () => {
    expect(series([NUMERIC, NUMERIC, NUMERIC], "1.0", 2n, "0.3")).toEqual(["1.0", "1.3", "1.6", "1.9"]);
    expect(series([NUMERIC, NUMERIC, NUMERIC], 0n, 1n, "0.25")).toEqual([
      "0",
      "0.25",
      "0.50",
      "0.75",
      "1.00",
    ]);
    expect(series([NUMERIC, NUMERIC], "1.5", 3n)).toEqual(["1.5", "2.5"]);
  });

  it("rejects a zero step and non-finite numerics", () => {
    expect(errorOf(() => series([INT4, INT4, INT4], 1n, 3n, 0n))).toBe("22023 step size cannot equal zero");
    expect(errorOf(() => series([NUMERIC, NUMERIC], "NaN", 2n))).toBe("22023 start value cannot be NaN");
    expect(errorOf(() => series([NUMERIC, NUMERIC], 1n, "Infinity"))).toBe(
      "22023 stop value cannot be infinity",
    );
  });

  it("names its column generate_series", () => {
    for (const d of functionsNamed("generate_series")) {
      if (d.kind === "udf-set") expect(d.columns([]).map((c) => c.name)).toEqual(["generate_series"]);
    }
  });
});
