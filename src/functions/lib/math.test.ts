import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgError } from "../../errors/pg-error.js";
import { FLOAT8, INT2, INT4, INT8, NUMERIC } from "../../sql/oids.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import "../library.js";
import { type FunctionDef, functionsNamed, operatorsNamed, type UdfFunction } from "../registry.js";
import { enterSession, type SessionRuntime } from "../runtime.js";
import { numericFromDouble } from "./numeric.js";

const NATIVE = fileURLToPath(new URL("../../../build/Release/tenantgres_native.node", import.meta.url));

function udf(defs: readonly FunctionDef[], args: number[]): UdfFunction {
  const def = defs.find((d) => d.args.length === args.length && d.args.every((a, i) => a === args[i]));
  if (def?.kind !== "udf") throw new Error(`no udf for ${args.join(",")}`);
  return def;
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof PgError) return `${e.code} ${e.message}`;
    return (e as Error).message;
  }
  return "no error";
}

describe("native numbers (native/numeric.c)", () => {
  let db: Database.Database;
  beforeAll(() => {
    db = new Database(":memory:");
    db.loadExtension(NATIVE);
  });
  afterAll(() => db.close());
  const one = (sql: string) => db.prepare(sql).raw(true).safeIntegers(true).get() as unknown[];
  const fails = (sql: string) => errorOf(() => db.prepare(sql).get());

  it("orders decimal text numerically in the pg_numeric collation", () => {
    db.exec(`CREATE TABLE c (x numeric text COLLATE pg_numeric)`);
    const values = [
      "10.5",
      "9",
      "1.00",
      "-2",
      "-1.5",
      "NaN",
      "Infinity",
      "-Infinity",
      "0",
      "-0.000",
      "1e3",
      "999.99",
      "1.0e+20",
    ];
    const insert = db.prepare("INSERT INTO c VALUES (?)");
    for (const v of values) insert.run(v);
    const sorted = (db.prepare("SELECT x FROM c ORDER BY x").raw(true).all() as string[][]).map((r) => r[0]);
    expect(sorted).toEqual([
      "-Infinity",
      "-2",
      "-1.5",
      "0",
      "-0.000",
      "1.00",
      "9",
      "10.5",
      "999.99",
      "1e3",
      "1.0e+20",
      "Infinity",
      "NaN",
    ]);
    expect(
      one(
        `SELECT '1.0' = '1.00' COLLATE pg_numeric, 'NaN' = 'NaN' COLLATE pg_numeric, '2' < '10' COLLATE pg_numeric`,
      ),
    ).toEqual([1n, 1n, 1n]);
    // Text that is no number sorts after NaN, bytewise.
    expect(one(`SELECT 'abc' > 'NaN' COLLATE pg_numeric, 'abc' < 'abd' COLLATE pg_numeric`)).toEqual([
      1n,
      1n,
    ]);
  });

  it("makes unique indexes treat equal numbers as equal, and serves comparisons from an index", () => {
    db.exec(`CREATE TABLE u (x numeric text(10,2) COLLATE pg_numeric UNIQUE)`);
    db.prepare("INSERT INTO u VALUES (?)").run("1.0");
    expect(errorOf(() => db.prepare("INSERT INTO u VALUES (?)").run("1.00"))).toContain(
      "UNIQUE constraint failed",
    );
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT x FROM u WHERE "u"."x" COLLATE pg_numeric < CAST(5 AS TEXT)`)
      .raw(true)
      .all() as unknown[][];
    expect(String(plan[0]?.[3])).toMatch(/USING .*INDEX/);
  });

  it("sums and averages exactly, with PostgreSQL's scales, also as window functions", () => {
    db.exec(`CREATE TABLE a (id integer, v numeric text COLLATE pg_numeric)`);
    const insert = db.prepare("INSERT INTO a VALUES (?, ?)");
    for (const [id, v] of [
      [1, "0.1"],
      [2, "0.2"],
      [3, "123456789012345678901234567890.123456789"],
      [4, "-0.30"],
      [5, null],
    ] as const)
      insert.run(id, v);
    expect(one("SELECT pg_numeric_sum(v), pg_numeric_avg(v) FROM a WHERE id IN (1, 2)")).toEqual([
      "0.3",
      "0.15000000000000000000",
    ]);
    expect(one("SELECT pg_numeric_sum(v) FROM a")).toEqual(["123456789012345678901234567890.123456789"]);
    expect(one("SELECT pg_numeric_avg(x) FROM (SELECT 1 AS x UNION ALL SELECT 2)")).toEqual([
      "1.5000000000000000",
    ]);
    expect(one("SELECT pg_numeric_sum(v), pg_numeric_avg(v) FROM a WHERE id > 10")).toEqual([null, null]);
    expect(one("SELECT pg_numeric_sum(x) FROM (SELECT 'NaN' AS x UNION ALL SELECT '1')")).toEqual(["NaN"]);
    const running = db
      .prepare(
        "SELECT pg_numeric_sum(v) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM a WHERE id <> 3 ORDER BY id",
      )
      .raw(true)
      .all();
    expect(running).toEqual([["0.1"], ["0.3"], ["-0.10"], ["-0.30"]]);
    // The scale drops back when the value with the largest scale leaves the frame.
    const frames = db
      .prepare(
        "SELECT pg_numeric_sum(x) OVER (ORDER BY n ROWS 1 PRECEDING) FROM (SELECT 1 AS n, '0.125' AS x UNION ALL SELECT 2, '1' UNION ALL SELECT 3, '2') ORDER BY n",
      )
      .raw(true)
      .all();
    expect(frames).toEqual([["0.125"], ["1.125"], ["3"]]);
  });

  it("does integer arithmetic with PostgreSQL's overflow errors", () => {
    expect(
      one("SELECT pg_int4_add(2147483646, 1), pg_int2_mul(-128, 256), pg_int8_sub(-9223372036854775807, 1)"),
    ).toEqual([2147483647n, -32768n, -(2n ** 63n)]);
    expect(
      one(
        "SELECT pg_int4_div(-7, 2), pg_int4_mod(-7, 3), pg_int8_mod(-9223372036854775808, -1), pg_int4_div(7.0, 2)",
      ),
    ).toEqual([-3n, -1n, 0n, 3n]);
    expect(fails("SELECT pg_int4_add(2147483647, 1)")).toBe("pg:22003:integer out of range");
    expect(fails("SELECT pg_int2_neg(-32768)")).toBe("pg:22003:smallint out of range");
    expect(fails("SELECT pg_int8_mul(9223372036854775807, 2)")).toBe("pg:22003:bigint out of range");
    expect(fails("SELECT pg_int4_div(-2147483648, -1)")).toBe("pg:22003:integer out of range");
    expect(fails("SELECT pg_int8_div(1, 0)")).toBe("pg:22012:division by zero");
    expect(fails("SELECT pg_int2_mod(1, 0)")).toBe("pg:22012:division by zero");
    expect(one("SELECT pg_int4_add(NULL, 1)")).toEqual([null]);
  });

  it("computes float8 functions with the C library, as PostgreSQL does", () => {
    // Values as PostgreSQL 15 prints them.
    const row = one(
      "SELECT pg_float8_sin(1), pg_float8_cos(1), pg_float8_atan2(1, 2), pg_float8_sind(30), pg_float8_cbrt(27), pg_float8_exp(1), pg_float8_ln(10), pg_float8_pow(2, 0.5), pg_float8_degrees(1), pg_float8_radians(180), pg_float8_round(2.5), pg_float8_tand(45)",
    );
    expect(row.map(String)).toEqual([
      "0.8414709848078965",
      "0.5403023058681398",
      "0.4636476090008061",
      "0.5",
      "3.0000000000000004",
      "2.718281828459045",
      "2.302585092994046",
      "1.4142135623730951",
      "57.29577951308232",
      "3.141592653589793",
      "2",
      "1",
    ]);
    expect(one("SELECT pg_float8_sqrt('NaN'), pg_float8_pow('NaN', 0), pg_float8_exp('-Infinity')")).toEqual([
      "NaN",
      1,
      0,
    ]);
    expect(fails("SELECT pg_float8_sqrt(-1)")).toBe("pg:2201F:cannot take square root of a negative number");
    expect(fails("SELECT pg_float8_ln(0)")).toBe("pg:2201E:cannot take logarithm of zero");
    expect(fails("SELECT pg_float8_log10(-1)")).toBe("pg:2201E:cannot take logarithm of a negative number");
    expect(fails("SELECT pg_float8_acos(2)")).toBe("pg:22003:input is out of range");
    expect(fails("SELECT pg_float8_exp(1000)")).toBe("pg:22003:value out of range: overflow");
    expect(fails("SELECT pg_float8_pow(0, -1)")).toBe(
      "pg:2201F:zero raised to a negative power is undefined",
    );
    expect(fails("SELECT pg_float8_pow(-8, 0.5)")).toBe(
      "pg:2201F:a negative number raised to a non-integer power yields a complex result",
    );
  });
});

describe("the JavaScript versions", () => {
  it("check integer ranges", () => {
    const add = udf(operatorsNamed("+"), [INT4, INT4]);
    const mul2 = udf(operatorsNamed("*"), [INT2, INT2]);
    const neg8 = udf(operatorsNamed("-"), [INT8]);
    const mod8 = udf(functionsNamed("mod"), [INT8, INT8]);
    expect(add.impl(1n, 2n)).toBe(3n);
    expect(errorOf(() => add.impl(2147483647n, 1n))).toBe("22003 integer out of range");
    expect(errorOf(() => mul2.impl(200n, 200n))).toBe("22003 smallint out of range");
    expect(errorOf(() => neg8.impl(-(2n ** 63n)))).toBe("22003 bigint out of range");
    expect(mod8.impl(-(2n ** 63n), -1n)).toBe(0n);
    expect(errorOf(() => mod8.impl(1n, 0n))).toBe("22012 division by zero");
    const gcd = udf(functionsNamed("gcd"), [INT4, INT4]);
    expect(gcd.impl(-12n, 18n)).toBe(6n);
    expect(errorOf(() => gcd.impl(-2147483648n, 0n))).toBe("22003 integer out of range");
  });

  it("raise float8 errors as PostgreSQL does", () => {
    const sqrt = udf(functionsNamed("sqrt"), [FLOAT8]);
    expect(sqrt.impl(4)).toBe(2);
    expect(sqrt.impl("NaN")).toBe("NaN");
    expect(errorOf(() => sqrt.impl(-1))).toBe("2201F cannot take square root of a negative number");
    const pow = udf(operatorsNamed("^"), [FLOAT8, FLOAT8]);
    expect(pow.impl(2, 10)).toBe(1024);
    expect(errorOf(() => pow.impl(10, 400))).toBe("22003 value out of range: overflow");
    const round = udf(functionsNamed("round"), [FLOAT8]);
    expect([0.5, 1.5, 2.5, -0.5, -1.5].map((x) => round.impl(x))).toEqual([0, 2, 2, -0, -2]);
  });

  it("prefer double precision for integer arguments, as PostgreSQL does", () => {
    // The first declared of equally good overloads wins: float8 before numeric.
    expect(functionsNamed("round").find((d) => d.args.length === 1)?.args[0]).toBe(FLOAT8);
    expect(functionsNamed("sqrt")[0]?.args[0]).toBe(FLOAT8);
    expect(functionsNamed("power")[0]?.args[0]).toBe(FLOAT8);
    expect(functionsNamed("log").some((d) => d.args.length === 2 && d.args[0] === NUMERIC)).toBe(true);
  });

  it("reproduce PostgreSQL's random() sequence after setseed", () => {
    const session = { formatContext: () => ({}) } as unknown as SessionRuntime;
    enterSession(session);
    const setseed = udf(functionsNamed("setseed"), [FLOAT8]);
    const random = functionsNamed("random")[0] as UdfFunction;
    setseed.impl(0.25);
    expect([random.impl(), random.impl()]).toEqual([0.19726358498438978, 0.21053219395365486]);
    setseed.impl(-0.75);
    expect(random.impl()).toBe(0.8020188067138543);
    expect(errorOf(() => setseed.impl(2))).toBe("22023 setseed parameter 2 is out of allowed range [-1,1]");
  });

  it("convert float8 to numeric through 15 significant digits", () => {
    const text = (x: number) => {
      const v = numericFromDouble(x);
      return typeof v === "string" ? v : `${v.neg ? "-" : ""}${v.coef}e-${v.scale}`;
    };
    expect(text(0.1 + 0.2)).toBe("3e-1");
    expect(text(1 / 3)).toBe("333333333333333e-15");
    expect(text(1e21)).toBe("1000000000000000000000e-0");
    const toNumeric = udf(functionsNamed("numeric"), [FLOAT8]);
    expect(toNumeric.impl(1.5 as SqliteValue)).toBe("1.5");
    expect(udf(functionsNamed("int2"), [NUMERIC]).impl("2.5")).toBe(3n);
    expect(errorOf(() => udf(functionsNamed("int4"), [NUMERIC]).impl("NaN"))).toBe(
      "0A000 cannot convert NaN to integer",
    );
  });
});
