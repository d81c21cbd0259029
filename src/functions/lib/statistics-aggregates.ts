// Statistical and bitwise aggregates: stddev/variance (and their _samp/_pop forms) of numeric,
// integers (exact, numeric results) and floats (float8 results), covar/corr/regr_* of floats, and
// bit_and/bit_or/bit_xor of integers. Each follows PostgreSQL's own algorithm so that results
// agree to the last digit: exact sums of x and x² with numeric_stddev_internal's scales for
// numeric, the Youngs-Cramer updates of float8_accum and float8_regr_accum for floats.
import { PgError } from "../../errors/pg-error.js";
import { FLOAT4, FLOAT8, INT2, INT4, INT8, NUMERIC, t } from "../../sql/oids.js";
import { type Decimal, formatNumericValue } from "../../types/codecs/decimal.js";
import * as A from "../../types/codecs/decimal-arith.js";
import { floatStorage, storedFloat } from "../../types/codecs/floats.js";
import { storedNumeric } from "../../types/codecs/numeric.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";

type Kind = "var_pop" | "var_samp" | "stddev_pop" | "stddev_samp";

/** The PostgreSQL names of each kind: stddev and variance are the sample forms. */
const NAMES: [string, Kind][] = [
  ["stddev", "stddev_samp"],
  ["stddev_samp", "stddev_samp"],
  ["stddev_pop", "stddev_pop"],
  ["variance", "var_samp"],
  ["var_samp", "var_samp"],
  ["var_pop", "var_pop"],
];

// ------------------------------------------------------------------ numeric

interface NumericMoments {
  n: bigint;
  sum: A.Fixed;
  sumSquares: A.Fixed;
  special: boolean;
}

function numericStep(state: unknown, value: SqliteValue): unknown {
  const s = state as NumericMoments;
  if (value === null) return s;
  s.n++;
  const v = typeof value === "bigint" ? undefined : storedNumeric(value as StoredValue);
  if (v !== undefined && A.isSpecial(v)) {
    s.special = true;
    return s;
  }
  const x: A.Fixed = v === undefined ? { v: value as bigint, s: 0 } : A.toFixed(v as Decimal);
  s.sum = A.addFixed(s.sum, x);
  s.sumSquares = A.addFixed(s.sumSquares, A.mulFixed(x, x));
  return s;
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) {
      while (x * x > n) x--;
      while ((x + 1n) * (x + 1n) <= n) x++;
      return x;
    }
    x = y;
  }
}

/** sqrt_var: the square root rounded to rscale digits. */
function sqrtAt(x: A.Fixed, rscale: number): A.Fixed {
  const e = 2 * (rscale + 1) - x.s;
  const m = e >= 0 ? x.v * A.pow10(e) : x.v / A.pow10(-e);
  return A.roundFixed({ v: isqrt(m), s: rscale + 1 }, rscale);
}

/** numeric_stddev_internal. */
function numericResult(kind: Kind) {
  const sample = kind.endsWith("samp");
  return (state: unknown): SqliteValue => {
    const s = state as NumericMoments;
    if (s.n === 0n || (sample && s.n <= 1n)) return null;
    if (s.special) return "NaN";
    const scale = s.sum.s * 2;
    const n = { v: s.n, s: 0 };
    // N * sum(x²) - sum(x)², exact at twice the inputs' scale.
    const numerator = A.subFixed(A.mulFixed(n, s.sumSquares), A.mulFixed(s.sum, s.sum));
    const num = { v: numerator.v * A.pow10(scale - numerator.s), s: scale };
    if (num.v <= 0n) return "0";
    const den = { v: sample ? s.n * (s.n - 1n) : s.n * s.n, s: 0 };
    const rscale = A.selectDivScale(num, den);
    let r = A.divFixed(num, den, rscale, true);
    if (kind.startsWith("stddev")) r = sqrtAt(r, rscale);
    return formatNumericValue(A.fromFixed(r));
  };
}

// ------------------------------------------------------------------ float8

interface FloatMoments {
  n: number;
  sx: number;
  sxx: number;
}

const overflow = () => new PgError("NUMERIC_VALUE_OUT_OF_RANGE", "value out of range: overflow");

/** float8_accum (Youngs-Cramer). */
function floatStep(state: unknown, value: SqliteValue): unknown {
  const s = state as FloatMoments;
  if (value === null) return s;
  const x = storedFloat(value as StoredValue);
  const prevN = s.n;
  const prevSx = s.sx;
  s.n += 1;
  s.sx += x;
  if (prevN > 0) {
    const tmp = x * s.n - s.sx;
    s.sxx += (tmp * tmp) / (s.n * prevN);
    if (
      (!Number.isFinite(s.sx) && !Number.isNaN(s.sx)) ||
      (!Number.isFinite(s.sxx) && !Number.isNaN(s.sxx))
    ) {
      if (Number.isFinite(prevSx) && Number.isFinite(x)) throw overflow();
      s.sxx = Number.NaN;
    }
  } else if (!Number.isFinite(x)) s.sxx = Number.NaN;
  return s;
}

function floatResult(kind: Kind) {
  return (state: unknown): SqliteValue => {
    const s = state as FloatMoments;
    const sample = kind.endsWith("samp");
    if (s.n === 0 || (sample && s.n <= 1)) return null;
    const variance = s.sxx / (sample ? s.n - 1 : s.n);
    return floatStorage(kind.startsWith("stddev") ? Math.sqrt(variance) : variance);
  };
}

// ------------------------------------------------------------------ float8 regression

interface Regression {
  n: number;
  sx: number;
  sxx: number;
  sy: number;
  syy: number;
  sxy: number;
}

const isInf = (x: number) => x === Infinity || x === -Infinity;

/** float8_regr_accum: (Y, X) pairs, rows with a NULL skipped. */
function regressionStep(state: unknown, yv: SqliteValue, xv: SqliteValue): unknown {
  const s = state as Regression;
  if (yv === null || xv === null) return s;
  const y = storedFloat(yv as StoredValue);
  const x = storedFloat(xv as StoredValue);
  const prev = { ...s };
  s.n += 1;
  s.sx += x;
  s.sy += y;
  if (prev.n > 0) {
    const tx = x * s.n - s.sx;
    const ty = y * s.n - s.sy;
    const scale = 1 / (s.n * prev.n);
    s.sxx += tx * tx * scale;
    s.syy += ty * ty * scale;
    s.sxy += tx * ty * scale;
    if (isInf(s.sx) || isInf(s.sxx) || isInf(s.sy) || isInf(s.syy) || isInf(s.sxy)) {
      const xFinite = !isInf(prev.sx) && !isInf(x);
      const yFinite = !isInf(prev.sy) && !isInf(y);
      if (
        ((isInf(s.sx) || isInf(s.sxx)) && xFinite) ||
        ((isInf(s.sy) || isInf(s.syy)) && yFinite) ||
        (isInf(s.sxy) && xFinite && yFinite)
      )
        throw overflow();
      if (isInf(s.sxx)) s.sxx = Number.NaN;
      if (isInf(s.syy)) s.syy = Number.NaN;
      if (isInf(s.sxy)) s.sxy = Number.NaN;
    }
  } else {
    if (!Number.isFinite(x)) s.sxx = s.sxy = Number.NaN;
    if (!Number.isFinite(y)) s.syy = s.sxy = Number.NaN;
  }
  return s;
}

/** The final functions of the regression aggregates (float8_regr_* and friends). */
const REGRESSION: [string, (s: Regression) => number | null][] = [
  ["covar_pop", (s) => (s.n < 1 ? null : s.sxy / s.n)],
  ["covar_samp", (s) => (s.n < 2 ? null : s.sxy / (s.n - 1))],
  ["corr", (s) => (s.n < 1 || s.sxx === 0 || s.syy === 0 ? null : s.sxy / Math.sqrt(s.sxx * s.syy))],
  ["regr_avgx", (s) => (s.n < 1 ? null : s.sx / s.n)],
  ["regr_avgy", (s) => (s.n < 1 ? null : s.sy / s.n)],
  ["regr_sxx", (s) => (s.n < 1 ? null : s.sxx)],
  ["regr_syy", (s) => (s.n < 1 ? null : s.syy)],
  ["regr_sxy", (s) => (s.n < 1 ? null : s.sxy)],
  ["regr_slope", (s) => (s.n < 1 || s.sxx === 0 ? null : s.sxy / s.sxx)],
  ["regr_intercept", (s) => (s.n < 1 || s.sxx === 0 ? null : (s.sy - (s.sx * s.sxy) / s.sxx) / s.n)],
  ["regr_r2", (s) => (s.n < 1 || s.sxx === 0 ? null : s.syy === 0 ? 1 : (s.sxy * s.sxy) / (s.sxx * s.syy))],
];

// ------------------------------------------------------------------ bit_and, bit_or, bit_xor

const BIT_OPS: [string, (a: bigint, b: bigint) => bigint][] = [
  ["bit_and", (a, b) => a & b],
  ["bit_or", (a, b) => a | b],
  ["bit_xor", (a, b) => a ^ b],
];

// ------------------------------------------------------------------ declarations

const numericStart = (): NumericMoments => ({
  n: 0n,
  sum: { v: 0n, s: 0 },
  sumSquares: { v: 0n, s: 0 },
  special: false,
});

const declarations: FunctionDef[] = [
  ...NAMES.flatMap(([name, kind]): FunctionDef[] => [
    ...[INT2, INT4, INT8, NUMERIC].map(
      (arg): FunctionDef => ({
        name,
        kind: "udf-aggregate",
        udfName: `pg_${kind}_numeric`,
        args: [arg],
        returns: t(NUMERIC),
        volatility: "immutable",
        start: numericStart,
        step: numericStep,
        result: numericResult(kind),
      }),
    ),
    ...[FLOAT4, FLOAT8].map(
      (arg): FunctionDef => ({
        name,
        kind: "udf-aggregate",
        udfName: `pg_${kind}_float8`,
        args: [arg],
        returns: t(FLOAT8),
        volatility: "immutable",
        start: () => ({ n: 0, sx: 0, sxx: 0 }),
        step: floatStep,
        result: floatResult(kind),
      }),
    ),
  ]),
  ...REGRESSION.map(
    ([name, final]): FunctionDef => ({
      name,
      kind: "udf-aggregate",
      udfName: `pg_${name}`,
      args: [FLOAT8, FLOAT8],
      returns: t(FLOAT8),
      volatility: "immutable",
      start: () => ({ n: 0, sx: 0, sxx: 0, sy: 0, syy: 0, sxy: 0 }),
      step: regressionStep as (state: unknown, ...args: SqliteValue[]) => unknown,
      result: (state) => {
        const r = final(state as Regression);
        return r === null ? null : floatStorage(r);
      },
    }),
  ),
  {
    name: "regr_count",
    kind: "udf-aggregate",
    udfName: "pg_regr_count",
    args: [FLOAT8, FLOAT8],
    returns: t(INT8),
    volatility: "immutable",
    start: () => ({ n: 0n }),
    step: (state, y, x) => {
      if (y !== null && x !== null) (state as { n: bigint }).n++;
      return state;
    },
    result: (state) => (state as { n: bigint }).n,
  },
  ...BIT_OPS.flatMap(([name, op]) =>
    [INT2, INT4, INT8].map(
      (arg): FunctionDef => ({
        name,
        kind: "udf-aggregate",
        udfName: `pg_${name}`,
        args: [arg],
        returns: t(arg),
        volatility: "immutable",
        start: () => ({ value: null }),
        step: (state, v) => {
          const s = state as { value: bigint | null };
          if (v === null) return s;
          const x = BigInt(v as bigint | number);
          s.value = s.value === null ? x : op(s.value, x);
          return s;
        },
        result: (state) => (state as { value: bigint | null }).value,
      }),
    ),
  ),
];

defineFunctions(declarations);

/** The aggregates here that SQLite cannot run as window functions (they have no inverse). */
export const NOT_WINDOW_CAPABLE = new Set([
  ...NAMES.map(([name]) => name),
  ...REGRESSION.map(([name]) => name),
  "regr_count",
  ...BIT_OPS.map(([name]) => name),
]);
