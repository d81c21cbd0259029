// Integer arithmetic on int2/int4/int8 with PostgreSQL's overflow errors (int.c, int8.c): the
// + - * operators, unary minus and @, the comparisons across integer widths, and the integer
// functions (abs, gcd, lcm, mod). Declared by math.ts.
import { PgError } from "../../errors/pg-error.js";
import { BOOL, INT2, INT4, INT8, t } from "../../sql/oids.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";

type IntName = "int2" | "int4" | "int8";

const INT_TYPES: { oid: number; name: IntName; sql: string; min: bigint; max: bigint }[] = [
  { oid: INT2, name: "int2", sql: "smallint", min: -32768n, max: 32767n },
  { oid: INT4, name: "int4", sql: "integer", min: -2147483648n, max: 2147483647n },
  { oid: INT8, name: "int8", sql: "bigint", min: -(2n ** 63n), max: 2n ** 63n - 1n },
];
const intType = (name: IntName) => INT_TYPES.find((x) => x.name === name)!;
export const INT_OIDS = new Set([INT2, INT4, INT8]);

export function outOfRange(typeName: string): PgError {
  return new PgError("NUMERIC_VALUE_OUT_OF_RANGE", `${typeName} out of range`);
}

function divisionByZero(): PgError {
  return new PgError("DIVISION_BY_ZERO", "division by zero");
}

/** An integer argument as a BigInt, or undefined when SQLite holds something else (a REAL 2.5). */
export function bigOf(v: SqliteValue): bigint | undefined {
  if (typeof v === "bigint") return v;
  if (typeof v === "number") return Number.isInteger(v) ? BigInt(v) : undefined;
  if (typeof v === "string" && /^\s*[+-]?\d+\s*$/.test(v)) return BigInt(v.trim());
  return undefined;
}

type IntOp = "add" | "sub" | "mul" | "div" | "mod" | "neg" | "abs";

function intImpl(name: IntName, op: IntOp): (...args: SqliteValue[]) => SqliteValue {
  const { sql, min, max } = intType(name);
  return (a, b) => {
    const x = bigOf(a);
    const y = op === "neg" || op === "abs" ? 0n : bigOf(b ?? null);
    if (x === undefined || y === undefined) return floatFallback(op, a, b ?? null);
    let r: bigint;
    switch (op) {
      case "add":
        r = x + y;
        break;
      case "sub":
        r = x - y;
        break;
      case "mul":
        r = x * y;
        break;
      case "div":
        if (y === 0n) throw divisionByZero();
        r = x / y;
        break;
      case "mod":
        if (y === 0n) throw divisionByZero();
        r = x % y;
        break;
      case "neg":
        r = -x;
        break;
      case "abs":
        r = x < 0n ? -x : x;
        break;
    }
    if (r < min || r > max) throw outOfRange(sql);
    return r;
  };
}

/** What SQLite would compute for values that are not integers (a REAL stored by another tool). */
function floatFallback(op: IntOp, a: SqliteValue, b: SqliteValue): SqliteValue {
  const x = Number(a);
  const y = Number(b);
  switch (op) {
    case "add":
      return x + y;
    case "sub":
      return x - y;
    case "mul":
      return x * y;
    case "div":
      if (y === 0) throw divisionByZero();
      return Math.trunc(x / y);
    case "mod":
      if (y === 0) throw divisionByZero();
      return x % y;
    case "neg":
      return -x;
    case "abs":
      return Math.abs(x);
  }
}

const wider = (a: (typeof INT_TYPES)[number], b: (typeof INT_TYPES)[number]) =>
  INT_TYPES.indexOf(a) >= INT_TYPES.indexOf(b) ? a : b;

/**
 * + - * on integers check the result's range (PostgreSQL's "integer out of range"). / and % stay
 * with the translator's built-in rules, which raise division by zero themselves.
 */
const ARITHMETIC: [string, IntOp][] = [
  ["+", "add"],
  ["-", "sub"],
  ["*", "mul"],
];

export const COMPARISON_NAMES = ["=", "<>", "!=", "<", ">", "<=", ">="];

export function integerOperators(): FunctionDef[] {
  const defs: FunctionDef[] = [];
  for (const a of INT_TYPES) {
    for (const b of INT_TYPES) {
      const r = wider(a, b);
      for (const [symbol, op] of ARITHMETIC) {
        defs.push({
          name: symbol,
          kind: "udf",
          udfName: `pg_${r.name}_${op}`,
          args: [a.oid, b.oid],
          returns: t(r.oid),
          volatility: "immutable",
          impl: intImpl(r.name, op),
        });
      }
      // Integers compare as SQLite compares them. Declared so that integer comparisons are not
      // taken by the numeric ones, which accept integers too.
      for (const symbol of COMPARISON_NAMES) {
        const sqlOp = symbol === "!=" ? "<>" : symbol;
        defs.push({
          name: symbol,
          kind: "sql",
          args: [a.oid, b.oid],
          returns: t(BOOL),
          volatility: "immutable",
          sql: (c) => `(${c.args[0]} ${sqlOp} ${c.args[1]})`,
        });
      }
    }
  }
  for (const a of INT_TYPES) {
    defs.push(unaryInt("-", a.name, "neg"), unaryInt("@", a.name, "abs"));
  }
  return defs;
}

function unaryInt(symbol: string, name: IntName, op: IntOp): FunctionDef {
  const type = intType(name);
  return {
    name: symbol,
    kind: "udf",
    udfName: `pg_${name}_${op}`,
    args: [type.oid],
    returns: t(type.oid),
    volatility: "immutable",
    impl: intImpl(name, op),
  };
}

function gcdBig(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function intGcd(name: IntName): (a: SqliteValue, b: SqliteValue) => SqliteValue {
  const { sql, max } = intType(name);
  return (a, b) => {
    const g = gcdBig(bigOf(a) ?? BigInt(Math.trunc(Number(a))), bigOf(b) ?? BigInt(Math.trunc(Number(b))));
    // gcd(min, 0) and gcd(min, min) are -min, which does not fit.
    if (g > max) throw outOfRange(sql);
    return g;
  };
}

function intLcm(name: IntName): (a: SqliteValue, b: SqliteValue) => SqliteValue {
  const { sql, min, max } = intType(name);
  return (a, b) => {
    const x = bigOf(a) ?? BigInt(Math.trunc(Number(a)));
    const y = bigOf(b) ?? BigInt(Math.trunc(Number(b)));
    if (x === 0n || y === 0n) return 0n;
    const g = gcdBig(x, y);
    if (g > max) throw outOfRange(sql);
    const m = (x / g) * y;
    if (m < min || m > max) throw outOfRange(sql);
    const r = m < 0n ? -m : m;
    if (r > max) throw outOfRange(sql);
    return r;
  };
}

export function integerFunctions(): FunctionDef[] {
  const defs: FunctionDef[] = [];
  for (const x of INT_TYPES) {
    defs.push({
      name: "abs",
      kind: "udf",
      udfName: `pg_${x.name}_abs`,
      args: [x.oid],
      returns: t(x.oid),
      volatility: "immutable",
      impl: intImpl(x.name, "abs"),
    });
    defs.push({
      name: "mod",
      kind: "udf",
      udfName: `pg_${x.name}_mod`,
      args: [x.oid, x.oid],
      returns: t(x.oid),
      volatility: "immutable",
      impl: intImpl(x.name, "mod"),
    });
    if (x.name === "int2") continue;
    defs.push({
      name: "gcd",
      kind: "udf",
      udfName: `pg_${x.name}_gcd`,
      args: [x.oid, x.oid],
      returns: t(x.oid),
      volatility: "immutable",
      impl: intGcd(x.name),
    });
    defs.push({
      name: "lcm",
      kind: "udf",
      udfName: `pg_${x.name}_lcm`,
      args: [x.oid, x.oid],
      returns: t(x.oid),
      volatility: "immutable",
      impl: intLcm(x.name),
    });
  }
  return defs;
}
