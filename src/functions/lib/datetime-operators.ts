// PostgreSQL 15's date/time operators (date.c, timestamp.c): arithmetic on date, time, timetz,
// timestamp, timestamptz and interval, and the comparisons whose stored text does not sort as the
// values do (interval, timetz). Values arrive and leave in storage form (docs/storage.md).
import { PgError } from "../../errors/pg-error.js";
import {
  BOOL,
  DATE,
  FLOAT8,
  INT4,
  INTERVAL,
  TIME,
  TIMESTAMP,
  TIMESTAMPTZ,
  TIMETZ,
  t,
  UNKNOWN,
} from "../../sql/oids.js";
import { rint, timeOfDayText } from "../../types/codecs/datetime-calendar.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { defineFunctions, defineOperators, type FunctionDef, type Volatility } from "../registry.js";
import {
  compareIntervals,
  intervalSpan,
  negateInterval,
  timestampDifference,
  timestampPlusInterval,
} from "./datetime-arith.js";
import {
  checkInt32,
  checkInt64,
  DAY_USEC_N,
  type DateValue,
  dateToTimestamp,
  fitsInt32,
  fitsInt64,
  type Interval,
  intervalOutOfRange,
  num,
  outOfRange,
  readDate,
  readInterval,
  readTime,
  readTimestamp,
  readTimetz,
  sessionTimeZone,
  type TimestampValue,
  tsFromMicros,
  tsMicros,
  validDate,
  validTimestamp,
  writeDate,
  writeInterval,
  writeTimestamp,
  writeTimestamptz,
  writeTimetz,
} from "./datetime-core.js";

type Impl = (...args: SqliteValue[]) => SqliteValue;

function op(
  name: string,
  udfName: string,
  args: number[],
  returns: number,
  volatility: Volatility,
  impl: Impl,
): FunctionDef {
  return { name, kind: "udf", udfName, args, returns: t(returns), volatility, impl };
}

// ---------------------------------------------------------------------------------------------
// date

function dateOutOfRange(): PgError {
  return outOfRange("date");
}

/** date_pli / date_mii. */
function dateAddDays(d: DateValue, days: number): DateValue {
  if (typeof d === "string") return d;
  const r = d + days;
  try {
    return validDate(r);
  } catch {
    throw dateOutOfRange();
  }
}

const datePlusDays: Impl = (d, n) => writeDate(dateAddDays(readDate(d), num(n)));

function dateMinusDate(a: SqliteValue, b: SqliteValue): SqliteValue {
  const x = readDate(a);
  const y = readDate(b);
  if (typeof x === "string" || typeof y === "string")
    throw new PgError("DATETIME_VALUE_OUT_OF_RANGE", "cannot subtract infinite dates");
  // An int4 result: a bigint, so that SQLite holds an INTEGER (integer division stays integral).
  return BigInt(x - y);
}

function datePlusInterval(d: SqliteValue, iv: Interval): SqliteValue {
  return writeTimestamp(timestampPlusInterval(dateToTimestamp(readDate(d)), iv));
}

/** datetime_pl: date + time. */
function datePlusTime(d: SqliteValue, time: SqliteValue): SqliteValue {
  const ts = dateToTimestamp(readDate(d));
  if (typeof ts === "string") return ts;
  return writeTimestamp(validTimestamp(tsFromMicros(tsMicros(ts) + BigInt(readTime(time)))));
}

/** datetimetz_pl: date + timetz, the time taken at its own offset. */
function datePlusTimetz(d: SqliteValue, time: SqliteValue): SqliteValue {
  const date = readDate(d);
  if (typeof date === "string") return date;
  const tz = readTimetz(time);
  const notTimestamp = () => new PgError("DATETIME_VALUE_OUT_OF_RANGE", "date out of range for timestamp");
  let ts: TimestampValue;
  try {
    ts = dateToTimestamp(date);
  } catch {
    throw notTimestamp();
  }
  if (typeof ts === "string") return ts;
  const m = tsMicros(ts) + BigInt(tz.usec) - BigInt(tz.offset) * 1_000_000n;
  try {
    return writeTimestamptz(validTimestamp(tsFromMicros(m)));
  } catch {
    throw notTimestamp();
  }
}

// ---------------------------------------------------------------------------------------------
// timestamp and timestamptz

const tsPlus = (ts: SqliteValue, iv: Interval) =>
  writeTimestamp(timestampPlusInterval(readTimestamp(ts), iv));

const tstzPlus = (ts: SqliteValue, iv: Interval) =>
  writeTimestamptz(timestampPlusInterval(readTimestamp(ts), iv, sessionTimeZone()));

const tsMinusTs: Impl = (a, b) => writeInterval(timestampDifference(readTimestamp(a), readTimestamp(b)));

// ---------------------------------------------------------------------------------------------
// interval

export function addIntervals(a: Interval, b: Interval, sign: 1 | -1): Interval {
  return {
    months: checkInt32(a.months + sign * b.months),
    days: checkInt32(a.days + sign * b.days),
    usec: checkInt64(BigInt(a.usec) + BigInt(sign) * BigInt(b.usec)),
  };
}

const tsround = (x: number) => rint(x * 1e6) / 1e6;

/** interval_mul and interval_div: fractions of months and days cascade down to days and seconds. */
export function scaleInterval(span: Interval, factor: number, divide: boolean): Interval {
  if (divide && factor === 0) throw new PgError("DIVISION_BY_ZERO", "division by zero");
  if (Number.isNaN(factor)) throw intervalOutOfRange();
  const scale = (x: number) => (divide ? x / factor : x * factor);
  const monthsExact = scale(span.months);
  if (!fitsInt32(monthsExact)) throw intervalOutOfRange();
  const months = Math.trunc(monthsExact);
  const daysExact = scale(span.days);
  if (!fitsInt32(daysExact)) throw intervalOutOfRange();
  let days = Math.trunc(daysExact);
  const monthRemainderDays = tsround((scale(span.months) - months) * 30);
  let secRemainder = tsround(
    (scale(span.days) - days + monthRemainderDays - Math.trunc(monthRemainderDays)) * 86400,
  );
  if (Math.abs(secRemainder) >= 86400) {
    days = checkInt32(days + Math.trunc(secRemainder / 86400));
    secRemainder -= Math.trunc(secRemainder / 86400) * 86400;
  }
  days = checkInt32(days + Math.trunc(monthRemainderDays));
  const usec = rint(scale(span.usec) + secRemainder * 1e6);
  if (!fitsInt64(usec)) throw intervalOutOfRange();
  return { months: months + 0, days: days + 0, usec: usec + 0 };
}

// ---------------------------------------------------------------------------------------------
// time and timetz

/** time_pl_interval: the time of day moves by the interval's time part, wrapping at midnight. */
function wrapTime(usec: number, add: bigint): number {
  let r = BigInt(usec) + add;
  r -= (r / DAY_USEC_N) * DAY_USEC_N;
  if (r < 0n) r += DAY_USEC_N;
  return Number(r);
}

const timePlus = (time: SqliteValue, iv: Interval, sign: 1 | -1) =>
  timeOfDayText(wrapTime(readTime(time), BigInt(sign) * BigInt(iv.usec)));

function timetzPlus(time: SqliteValue, iv: Interval, sign: 1 | -1): SqliteValue {
  const tz = readTimetz(time);
  return writeTimetz({ usec: wrapTime(tz.usec, BigInt(sign) * BigInt(iv.usec)), offset: tz.offset });
}

/** timetz_cmp_internal: by the UTC time, then by the zone (west of UTC). */
export function compareTimetz(a: SqliteValue, b: SqliteValue): number {
  const x = readTimetz(a);
  const y = readTimetz(b);
  const tx = x.usec - x.offset * 1e6;
  const ty = y.usec - y.offset * 1e6;
  if (tx !== ty) return tx < ty ? -1 : 1;
  return x.offset === y.offset ? 0 : -x.offset < -y.offset ? -1 : 1;
}

// ---------------------------------------------------------------------------------------------
// Comparisons

const COMPARISONS: [string, string, (c: number) => boolean][] = [
  ["=", "eq", (c) => c === 0],
  ["<>", "ne", (c) => c !== 0],
  ["<", "lt", (c) => c < 0],
  [">", "gt", (c) => c > 0],
  ["<=", "le", (c) => c <= 0],
  [">=", "ge", (c) => c >= 0],
];

function comparisons(type: number, prefix: string, cmp: (a: SqliteValue, b: SqliteValue) => number) {
  return COMPARISONS.map(([name, suffix, test]) =>
    op(name, `pg_${prefix}_${suffix}`, [type, type], BOOL, "immutable", (a, b) =>
      test(cmp(a, b)) ? 1n : 0n,
    ),
  );
}

/**
 * Comparisons SQLite already does right on the stored values, declared only so that overload
 * resolution takes them rather than the interval or timetz ones: two untyped literals (compared as
 * text, as PostgreSQL does) and time (which the translator may otherwise convert to timetz).
 */
function plainComparisons(type: number): FunctionDef[] {
  return COMPARISONS.map(([name]) => ({
    name,
    kind: "sql",
    args: [type, type],
    returns: t(BOOL),
    volatility: "immutable",
    sql: (c) => `(${c.args[0]} ${name} ${c.args[1]})`,
  }));
}

const intervalCmp = (a: SqliteValue, b: SqliteValue) => compareIntervals(readInterval(a), readInterval(b));

/** A REAL that orders intervals as their comparison operators do (for ORDER BY). */
export function intervalSortKey(v: SqliteValue): number {
  return Number(intervalSpan(readInterval(v)));
}

const iv = readInterval;

defineOperators([
  ...plainComparisons(UNKNOWN),
  ...plainComparisons(TIME),
  ...comparisons(INTERVAL, "interval", intervalCmp),
  ...comparisons(TIMETZ, "timetz", compareTimetz),

  // time (before date + time: an untyped right operand of time + is an interval, as in PostgreSQL)
  op("+", "pg_time_pl_interval", [TIME, INTERVAL], TIME, "immutable", (tm, i) => timePlus(tm, iv(i), 1)),
  op("+", "pg_interval_pl_time", [INTERVAL, TIME], TIME, "immutable", (i, tm) => timePlus(tm, iv(i), 1)),
  op("-", "pg_time_mi_interval", [TIME, INTERVAL], TIME, "immutable", (tm, i) => timePlus(tm, iv(i), -1)),
  op("-", "pg_time_mi_time", [TIME, TIME], INTERVAL, "immutable", (a, b) =>
    writeInterval({ months: 0, days: 0, usec: readTime(a) - readTime(b) }),
  ),

  // date
  op("+", "pg_date_pli", [DATE, INT4], DATE, "immutable", datePlusDays),
  op("+", "pg_integer_pl_date", [INT4, DATE], DATE, "immutable", (n, d) => datePlusDays(d, n)),
  op("-", "pg_date_mii", [DATE, INT4], DATE, "immutable", (d, n) => datePlusDays(d, -num(n))),
  op("-", "pg_date_mi", [DATE, DATE], INT4, "immutable", dateMinusDate),
  op("+", "pg_date_pl_interval", [DATE, INTERVAL], TIMESTAMP, "immutable", (d, i) =>
    datePlusInterval(d, iv(i)),
  ),
  op("+", "pg_interval_pl_date", [INTERVAL, DATE], TIMESTAMP, "immutable", (i, d) =>
    datePlusInterval(d, iv(i)),
  ),
  op("-", "pg_date_mi_interval", [DATE, INTERVAL], TIMESTAMP, "immutable", (d, i) =>
    datePlusInterval(d, negateInterval(iv(i))),
  ),
  op("+", "pg_datetime_pl", [DATE, TIME], TIMESTAMP, "immutable", datePlusTime),
  op("+", "pg_timedate_pl", [TIME, DATE], TIMESTAMP, "immutable", (tm, d) => datePlusTime(d, tm)),
  op("+", "pg_datetimetz_pl", [DATE, TIMETZ], TIMESTAMPTZ, "immutable", datePlusTimetz),
  op("+", "pg_timetzdate_pl", [TIMETZ, DATE], TIMESTAMPTZ, "immutable", (tm, d) => datePlusTimetz(d, tm)),

  // timestamp with time zone (first, so that dates and untyped values prefer it as PostgreSQL does)
  op("+", "pg_timestamptz_pl_interval", [TIMESTAMPTZ, INTERVAL], TIMESTAMPTZ, "stable", (ts, i) =>
    tstzPlus(ts, iv(i)),
  ),
  op("+", "pg_interval_pl_timestamptz", [INTERVAL, TIMESTAMPTZ], TIMESTAMPTZ, "stable", (i, ts) =>
    tstzPlus(ts, iv(i)),
  ),
  op("-", "pg_timestamptz_mi_interval", [TIMESTAMPTZ, INTERVAL], TIMESTAMPTZ, "stable", (ts, i) =>
    tstzPlus(ts, negateInterval(iv(i))),
  ),
  op("-", "pg_timestamptz_mi", [TIMESTAMPTZ, TIMESTAMPTZ], INTERVAL, "immutable", tsMinusTs),

  // timestamp without time zone
  op("+", "pg_timestamp_pl_interval", [TIMESTAMP, INTERVAL], TIMESTAMP, "immutable", (ts, i) =>
    tsPlus(ts, iv(i)),
  ),
  op("+", "pg_interval_pl_timestamp", [INTERVAL, TIMESTAMP], TIMESTAMP, "immutable", (i, ts) =>
    tsPlus(ts, iv(i)),
  ),
  op("-", "pg_timestamp_mi_interval", [TIMESTAMP, INTERVAL], TIMESTAMP, "immutable", (ts, i) =>
    tsPlus(ts, negateInterval(iv(i))),
  ),
  op("-", "pg_timestamp_mi", [TIMESTAMP, TIMESTAMP], INTERVAL, "immutable", tsMinusTs),

  // interval
  op("+", "pg_interval_pl", [INTERVAL, INTERVAL], INTERVAL, "immutable", (a, b) =>
    writeInterval(addIntervals(iv(a), iv(b), 1)),
  ),
  op("-", "pg_interval_mi", [INTERVAL, INTERVAL], INTERVAL, "immutable", (a, b) =>
    writeInterval(addIntervals(iv(a), iv(b), -1)),
  ),
  op("-", "pg_interval_um", [INTERVAL], INTERVAL, "immutable", (a) => writeInterval(negateInterval(iv(a)))),
  op("*", "pg_interval_mul", [INTERVAL, FLOAT8], INTERVAL, "immutable", (a, f) =>
    writeInterval(scaleInterval(iv(a), num(f), false)),
  ),
  op("*", "pg_mul_d_interval", [FLOAT8, INTERVAL], INTERVAL, "immutable", (f, a) =>
    writeInterval(scaleInterval(iv(a), num(f), false)),
  ),
  op("/", "pg_interval_div", [INTERVAL, FLOAT8], INTERVAL, "immutable", (a, f) =>
    writeInterval(scaleInterval(iv(a), num(f), true)),
  ),

  // timetz (after timetz + date: PostgreSQL finds timetz + untyped ambiguous)
  op("+", "pg_timetz_pl_interval", [TIMETZ, INTERVAL], TIMETZ, "immutable", (tm, i) =>
    timetzPlus(tm, iv(i), 1),
  ),
  op("+", "pg_interval_pl_timetz", [INTERVAL, TIMETZ], TIMETZ, "immutable", (i, tm) =>
    timetzPlus(tm, iv(i), 1),
  ),
  op("-", "pg_timetz_mi_interval", [TIMETZ, INTERVAL], TIMETZ, "immutable", (tm, i) =>
    timetzPlus(tm, iv(i), -1),
  ),
]);

defineFunctions([
  {
    name: "pg_interval_sortkey",
    kind: "udf",
    udfName: "pg_interval_sortkey",
    args: [INTERVAL],
    returns: t(FLOAT8),
    volatility: "immutable",
    impl: intervalSortKey,
    description: "Orders intervals as their comparison operators do (30-day months, 24-hour days).",
  },
]);
