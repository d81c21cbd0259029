// generate_series for int4, int8 and numeric (int.c, int8.c, numeric.c), as set-returning
// functions with one column named generate_series.
import { PgError } from "../../errors/pg-error.js";
import { INT4, INT8, NUMERIC, t } from "../../sql/oids.js";
import type { SqlType } from "../../sql/plan.js";
import { formatDecimal } from "../../types/codecs/decimal.js";
import { storedNumeric } from "../../types/codecs/numeric.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";

function zeroStep(): PgError {
  return new PgError("INVALID_PARAMETER_VALUE", "step size cannot equal zero");
}

function* integerSeries(
  start: SqliteValue,
  stop: SqliteValue,
  step: SqliteValue = 1n,
): Iterable<SqliteValue[]> {
  const a = BigInt(start as bigint);
  const b = BigInt(stop as bigint);
  const s = BigInt(step as bigint);
  if (s === 0n) throw zeroStep();
  for (let v = a; s > 0n ? v <= b : v >= b; v += s) yield [v];
}

/** An exact decimal as a scaled integer. */
interface Scaled {
  v: bigint;
  scale: number;
}

function scaled(value: SqliteValue, what: string): Scaled {
  const n = storedNumeric(value as StoredValue);
  if (n === "NaN") throw new PgError("INVALID_PARAMETER_VALUE", `${what} cannot be NaN`);
  if (typeof n === "string") throw new PgError("INVALID_PARAMETER_VALUE", `${what} cannot be infinity`);
  const v = BigInt(n.coef) * (n.neg ? -1n : 1n);
  return { v, scale: n.scale };
}

function rescale(x: Scaled, scale: number): bigint {
  return x.v * 10n ** BigInt(scale - x.scale);
}

function text(x: Scaled): string {
  const neg = x.v < 0n;
  return formatDecimal({ neg, coef: (neg ? -x.v : x.v).toString(), scale: x.scale });
}

function* numericSeries(
  start: SqliteValue,
  stop: SqliteValue,
  step: SqliteValue = 1n,
): Iterable<SqliteValue[]> {
  const a = scaled(start, "start value");
  const b = scaled(stop, "stop value");
  const s = scaled(step, "step size");
  if (s.v === 0n) throw zeroStep();
  let cur = a;
  const up = s.v > 0n;
  for (;;) {
    const scale = Math.max(cur.scale, b.scale);
    const c = rescale(cur, scale);
    const e = rescale(b, scale);
    if (up ? c > e : c < e) return;
    yield [text(cur)];
    const next = Math.max(cur.scale, s.scale);
    cur = { v: rescale(cur, next) + rescale(s, next), scale: next };
  }
}

function series(
  type: number,
  udfName: string,
  args: number[],
  rows: (...a: SqliteValue[]) => Iterable<SqliteValue[]>,
): FunctionDef {
  const out: SqlType = t(type);
  return {
    name: "generate_series",
    kind: "udf-set",
    udfName,
    args,
    returns: out,
    volatility: "immutable",
    columns: () => [{ name: "generate_series", type: out }],
    rows,
  };
}

defineFunctions([
  series(INT4, "pg_generate_series_int4", [INT4, INT4], (a, b) => integerSeries(a, b)),
  series(INT4, "pg_generate_series_int4_step", [INT4, INT4, INT4], integerSeries),
  series(INT8, "pg_generate_series_int8", [INT8, INT8], (a, b) => integerSeries(a, b)),
  series(INT8, "pg_generate_series_int8_step", [INT8, INT8, INT8], integerSeries),
  series(NUMERIC, "pg_generate_series_numeric", [NUMERIC, NUMERIC], (a, b) => numericSeries(a, b)),
  series(NUMERIC, "pg_generate_series_numeric_step", [NUMERIC, NUMERIC, NUMERIC], numericSeries),
]);
