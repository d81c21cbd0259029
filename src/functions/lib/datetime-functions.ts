// The declarations of PostgreSQL 15's date/time functions (timestamp.c, date.c): date_trunc,
// date_part and extract, age, the make_* constructors, justify_*, isfinite, date_bin, AT TIME ZONE
// (timezone), the current time, to_timestamp(float8), OVERLAPS and generate_series over
// timestamps. Their implementations are in the date-* and datetime-* files beside this one.
import { PgError } from "../../errors/pg-error.js";
import {
  BOOL,
  DATE,
  FLOAT8,
  INT4,
  INTERVAL,
  NUMERIC,
  TEXT,
  TIME,
  TIMESTAMP,
  TIMESTAMPTZ,
  TIMETZ,
  t,
} from "../../sql/oids.js";
import type { SqlType } from "../../sql/plan.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { defineFunctions, type FunctionDef, type Volatility } from "../registry.js";
import { datePart, intervalPart, timePart, timestampPart } from "./date-part.js";
import { dateBin, truncInterval, truncTimestamp } from "./date-trunc.js";
import { age } from "./datetime-age.js";
import {
  intervalSpan,
  justifyDays,
  justifyHours,
  justifyInterval,
  timestampPlusInterval,
} from "./datetime-arith.js";
import {
  intervalZone,
  timestampAtZone,
  timestamptzAtZone,
  timetzAtZone,
  timetzToOffset,
} from "./datetime-at-zone.js";
import { currentDateMidnight, currentTime, timeofday, toTimestampFromEpoch } from "./datetime-clock.js";
import { makeDate, makeInterval, makeTime, makeTimestamp, makeTimestamptz } from "./datetime-constructors.js";
import {
  addMicros,
  compareTimestamps,
  dateToTimestamp,
  localOffset,
  lookupZone,
  readDate,
  readInterval,
  readTime,
  readTimestamp,
  readTimetz,
  sessionTimeZone,
  str,
  tmToTimestamp,
  validTimestamp,
  writeInterval,
  writeTimestamp,
  writeTimestamptz,
  type Zone,
  zoneOf,
} from "./datetime-core.js";
import { overlapsDefs } from "./datetime-overlaps.js";

type Impl = (...args: SqliteValue[]) => SqliteValue;

function fn(
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
// generate_series

function* seriesRows(start: SqliteValue, finish: SqliteValue, step: SqliteValue, zone?: Zone) {
  const iv = readInterval(step);
  const sign = intervalSpan(iv);
  if (sign === 0n) throw new PgError("INVALID_PARAMETER_VALUE", "step size cannot equal zero");
  const stop = readTimestamp(finish);
  const write = zone ? writeTimestamptz : writeTimestamp;
  let cur = readTimestamp(start);
  while (sign > 0n ? compareTimestamps(cur, stop) <= 0 : compareTimestamps(cur, stop) >= 0) {
    const next = timestampPlusInterval(cur, iv, zone);
    yield [write(cur)];
    // An infinite start never moves; PostgreSQL would return it forever.
    if (typeof cur === "string") return;
    cur = next;
  }
}

// ---------------------------------------------------------------------------------------------
// Declarations

const ts = readTimestamp;
const tz = () => sessionTimeZone();

/** Overloads of make_interval standing in for its parameter defaults (named arguments aside). */
const makeIntervalDefs: FunctionDef[] = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => ({
  name: "make_interval",
  kind: "udf",
  udfName: "pg_make_interval",
  args: [INT4, INT4, INT4, INT4, INT4, INT4, FLOAT8].slice(0, n),
  returns: t(INTERVAL),
  volatility: "immutable",
  impl: (...args: SqliteValue[]) => makeInterval(args),
}));

const seriesColumns = (type: number) => (_types: SqlType[]) => [{ name: "generate_series", type: t(type) }];

defineFunctions([
  // date_trunc: timestamptz first, so that dates and untyped values resolve to it as in PostgreSQL.
  fn("date_trunc", "pg_timestamptz_trunc", [TEXT, TIMESTAMPTZ], TIMESTAMPTZ, "stable", (u, v) =>
    writeTimestamptz(truncTimestamp(str(u), ts(v), tz())),
  ),
  fn("date_trunc", "pg_timestamp_trunc", [TEXT, TIMESTAMP], TIMESTAMP, "immutable", (u, v) =>
    writeTimestamp(truncTimestamp(str(u), ts(v))),
  ),
  fn("date_trunc", "pg_interval_trunc", [TEXT, INTERVAL], INTERVAL, "immutable", (u, v) =>
    writeInterval(truncInterval(str(u), readInterval(v))),
  ),
  fn(
    "date_trunc",
    "pg_timestamptz_trunc_zone",
    [TEXT, TIMESTAMPTZ, TEXT],
    TIMESTAMPTZ,
    "stable",
    (u, v, z) => {
      const x = ts(v);
      return writeTimestamptz(
        typeof x === "string" ? x : truncTimestamp(str(u), x, zoneOf(lookupZone(str(z)))),
      );
    },
  ),

  // date_part (double precision) and extract (numeric)
  fn("date_part", "pg_timestamptz_part", [TEXT, TIMESTAMPTZ], FLOAT8, "stable", (u, v) =>
    timestampPart(str(u), ts(v), tz(), false),
  ),
  fn("date_part", "pg_timestamp_part", [TEXT, TIMESTAMP], FLOAT8, "immutable", (u, v) =>
    timestampPart(str(u), ts(v), undefined, false),
  ),
  fn("date_part", "pg_date_part_date", [TEXT, DATE], FLOAT8, "immutable", (u, v) =>
    timestampPart(str(u), dateToTimestamp(readDate(v)), undefined, false),
  ),
  fn("date_part", "pg_interval_part", [TEXT, INTERVAL], FLOAT8, "immutable", (u, v) =>
    intervalPart(str(u), readInterval(v), false),
  ),
  fn("date_part", "pg_time_part", [TEXT, TIME], FLOAT8, "immutable", (u, v) =>
    timePart(str(u), readTime(v), undefined, false),
  ),
  fn("date_part", "pg_timetz_part", [TEXT, TIMETZ], FLOAT8, "immutable", (u, v) => {
    const x = readTimetz(v);
    return timePart(str(u), x.usec, x.offset, false);
  }),
  fn("extract", "pg_extract_timestamptz", [TEXT, TIMESTAMPTZ], NUMERIC, "stable", (u, v) =>
    timestampPart(str(u), ts(v), tz(), true),
  ),
  fn("extract", "pg_extract_timestamp", [TEXT, TIMESTAMP], NUMERIC, "immutable", (u, v) =>
    timestampPart(str(u), ts(v), undefined, true),
  ),
  fn("extract", "pg_extract_date", [TEXT, DATE], NUMERIC, "immutable", (u, v) =>
    datePart(str(u), readDate(v)),
  ),
  fn("extract", "pg_extract_interval", [TEXT, INTERVAL], NUMERIC, "immutable", (u, v) =>
    intervalPart(str(u), readInterval(v), true),
  ),
  fn("extract", "pg_extract_time", [TEXT, TIME], NUMERIC, "immutable", (u, v) =>
    timePart(str(u), readTime(v), undefined, true),
  ),
  fn("extract", "pg_extract_timetz", [TEXT, TIMETZ], NUMERIC, "immutable", (u, v) => {
    const x = readTimetz(v);
    return timePart(str(u), x.usec, x.offset, true);
  }),

  // age
  fn("age", "pg_timestamptz_age", [TIMESTAMPTZ, TIMESTAMPTZ], INTERVAL, "immutable", (a, b) =>
    writeInterval(age(ts(a), ts(b), tz())),
  ),
  fn("age", "pg_timestamp_age", [TIMESTAMP, TIMESTAMP], INTERVAL, "immutable", (a, b) =>
    writeInterval(age(ts(a), ts(b))),
  ),
  fn("age", "pg_timestamptz_age_now", [TIMESTAMPTZ], INTERVAL, "stable", (a) => {
    const midnight = currentDateMidnight();
    const zone = tz();
    return writeInterval(
      age(validTimestamp(tmToTimestamp(midnight, localOffset(midnight, zone))), ts(a), zone),
    );
  }),
  fn("age", "pg_timestamp_age_now", [TIMESTAMP], INTERVAL, "stable", (a) =>
    writeInterval(age(validTimestamp(tmToTimestamp(currentDateMidnight(), 0)), ts(a))),
  ),

  // constructors
  fn("make_date", "pg_make_date", [INT4, INT4, INT4], DATE, "immutable", makeDate),
  fn("make_time", "pg_make_time", [INT4, INT4, FLOAT8], TIME, "immutable", makeTime),
  fn(
    "make_timestamp",
    "pg_make_timestamp",
    [INT4, INT4, INT4, INT4, INT4, FLOAT8],
    TIMESTAMP,
    "immutable",
    (...a) => writeTimestamp(makeTimestamp(a)),
  ),
  fn(
    "make_timestamptz",
    "pg_make_timestamptz",
    [INT4, INT4, INT4, INT4, INT4, FLOAT8],
    TIMESTAMPTZ,
    "stable",
    (...a) => makeTimestamptz(a),
  ),
  fn(
    "make_timestamptz",
    "pg_make_timestamptz_at_timezone",
    [INT4, INT4, INT4, INT4, INT4, FLOAT8, TEXT],
    TIMESTAMPTZ,
    "stable",
    (...a) => makeTimestamptz(a),
  ),
  ...makeIntervalDefs,

  // justify_* and isfinite
  fn("justify_days", "pg_justify_days", [INTERVAL], INTERVAL, "immutable", (v) =>
    writeInterval(justifyDays(readInterval(v))),
  ),
  fn("justify_hours", "pg_justify_hours", [INTERVAL], INTERVAL, "immutable", (v) =>
    writeInterval(justifyHours(readInterval(v))),
  ),
  fn("justify_interval", "pg_justify_interval", [INTERVAL], INTERVAL, "immutable", (v) =>
    writeInterval(justifyInterval(readInterval(v))),
  ),
  fn("isfinite", "pg_timestamp_finite", [TIMESTAMPTZ], BOOL, "immutable", (v) =>
    typeof ts(v) === "string" ? 0n : 1n,
  ),
  fn("isfinite", "pg_timestamp_finite", [TIMESTAMP], BOOL, "immutable", (v) =>
    typeof ts(v) === "string" ? 0n : 1n,
  ),
  fn("isfinite", "pg_date_finite", [DATE], BOOL, "immutable", (v) =>
    typeof readDate(v) === "string" ? 0n : 1n,
  ),
  fn("isfinite", "pg_interval_finite", [INTERVAL], BOOL, "immutable", () => 1n),

  // date_bin
  fn(
    "date_bin",
    "pg_timestamptz_bin",
    [INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ],
    TIMESTAMPTZ,
    "immutable",
    (s, v, o) => writeTimestamptz(dateBin(s, v, o)),
  ),
  fn("date_bin", "pg_timestamp_bin", [INTERVAL, TIMESTAMP, TIMESTAMP], TIMESTAMP, "immutable", (s, v, o) =>
    writeTimestamp(dateBin(s, v, o)),
  ),

  // AT TIME ZONE: text zones first (an untyped zone is text), timetz before the timestamps (a time
  // converts to timetz) and timestamptz before timestamp (a date converts to timestamptz).
  fn("timezone", "pg_timetz_zone", [TEXT, TIMETZ], TIMETZ, "stable", timetzAtZone),
  fn("timezone", "pg_timestamptz_zone", [TEXT, TIMESTAMPTZ], TIMESTAMP, "immutable", timestamptzAtZone),
  fn("timezone", "pg_timestamp_zone", [TEXT, TIMESTAMP], TIMESTAMPTZ, "immutable", timestampAtZone),
  fn("timezone", "pg_timetz_izone", [INTERVAL, TIMETZ], TIMETZ, "immutable", (z, v) =>
    timetzToOffset(v, intervalZone(z)),
  ),
  fn("timezone", "pg_timestamptz_izone", [INTERVAL, TIMESTAMPTZ], TIMESTAMP, "immutable", (z, v) => {
    const x = ts(v);
    if (typeof x === "string") return x;
    return writeTimestamp(validTimestamp(addMicros(x, intervalZone(z) * 1e6)));
  }),
  fn("timezone", "pg_timestamp_izone", [INTERVAL, TIMESTAMP], TIMESTAMPTZ, "immutable", (z, v) => {
    const x = ts(v);
    if (typeof x === "string") return x;
    return writeTimestamptz(validTimestamp(addMicros(x, -intervalZone(z) * 1e6)));
  }),

  // the current time
  fn("timeofday", "pg_timeofday", [], TEXT, "volatile", timeofday),
  fn("current_time", "pg_current_time", [], TIMETZ, "stable", () => currentTime(true)),
  fn("localtime", "pg_localtime", [], TIME, "stable", () => currentTime(false)),
  fn("to_timestamp", "pg_float8_timestamptz", [FLOAT8], TIMESTAMPTZ, "immutable", toTimestampFromEpoch),

  // OVERLAPS: timestamptz first (dates convert to it), timetz before time (time converts to it).
  ...overlapsDefs("timestamptz", TIMESTAMPTZ),
  ...overlapsDefs("timestamp", TIMESTAMP),
  ...overlapsDefs("timetz", TIMETZ),
  ...overlapsDefs("time", TIME),

  // generate_series over timestamps
  {
    name: "generate_series",
    kind: "udf-set",
    udfName: "pg_generate_series_timestamptz",
    args: [TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL],
    returns: t(TIMESTAMPTZ),
    volatility: "stable",
    columns: seriesColumns(TIMESTAMPTZ),
    rows: (a, b, s) => seriesRows(a, b, s, tz()),
  },
  {
    name: "generate_series",
    kind: "udf-set",
    udfName: "pg_generate_series_timestamp",
    args: [TIMESTAMP, TIMESTAMP, INTERVAL],
    returns: t(TIMESTAMP),
    volatility: "immutable",
    columns: seriesColumns(TIMESTAMP),
    rows: (a, b, s) => seriesRows(a, b, s),
  },
]);
