// Helpers the translator emits around window functions; not PostgreSQL functions. SQLite's RANGE
// frames take numeric offsets only, so a date, timestamp or interval ordering key becomes
// microseconds (pg_window_range_key) and the interval offset a constant number of them; ntile and
// nth_value arguments are checked with PostgreSQL's errors (pg_window_arg).
import { PgError } from "../../errors/pg-error.js";
import { DATE, INT4, INT8, INTERVAL, TIMESTAMP, TIMESTAMPTZ, t } from "../../sql/oids.js";
import { parseStoredDate } from "../../types/codecs/date.js";
import { parseStoredInterval } from "../../types/codecs/interval.js";
import { parseStoredTimestamp } from "../../types/codecs/timestamp.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import { defineFunctions } from "../registry.js";

const USECS_PER_DAY = 86_400_000_000n;
/** Where the infinities sort: beyond every finite key, and far enough from int64's limits. */
const INFINITE_KEY = 2n ** 62n;

/** The microseconds an interval spans, with PostgreSQL's 30-day months (interval_cmp). */
export function intervalMicros(months: number, days: number, usec: number): bigint {
  return (BigInt(months) * 30n + BigInt(days)) * USECS_PER_DAY + BigInt(usec);
}

function infinite(v: string): bigint {
  return v === "infinity" ? INFINITE_KEY : -INFINITE_KEY;
}

/** A RANGE frame's ordering key: microseconds, ordered as the type orders its values. */
function rangeKey(value: SqliteValue, type: SqliteValue): SqliteValue {
  const oid = Number(type);
  if (oid === DATE) {
    const d = parseStoredDate(value as StoredValue);
    return typeof d === "string" ? infinite(d) : BigInt(d) * USECS_PER_DAY;
  }
  if (oid === TIMESTAMP || oid === TIMESTAMPTZ) {
    const ts = parseStoredTimestamp(value as StoredValue);
    return typeof ts === "string" ? infinite(ts) : BigInt(ts.day) * USECS_PER_DAY + BigInt(ts.usec);
  }
  if (oid === INTERVAL) {
    const v = parseStoredInterval(value as StoredValue);
    return intervalMicros(v.months, v.days, v.usec);
  }
  throw new Error(`no RANGE key for type ${oid}`);
}

const WINDOW_ARGUMENT_ERRORS: Record<number, () => PgError> = {
  1: () => new PgError("INVALID_ARGUMENT_FOR_NTILE", "argument of ntile must be greater than zero"),
  2: () => new PgError("INVALID_ARGUMENT_FOR_NTH_VALUE", "argument of nth_value must be greater than zero"),
};

defineFunctions([
  {
    name: "pg_window_range_key",
    kind: "udf",
    udfName: "pg_window_range_key",
    args: [INT4, INT4],
    returns: t(INT8),
    volatility: "immutable",
    impl: rangeKey,
    description: "Not a PostgreSQL function: the numeric key of a RANGE frame over dates and times.",
  },
  {
    name: "pg_window_arg",
    kind: "udf",
    udfName: "pg_window_arg",
    args: [INT4, INT4],
    returns: t(INT4),
    volatility: "immutable",
    strict: false,
    impl: (value, which) => {
      if (value === null) return 1;
      if (Number(value) <= 0) throw WINDOW_ARGUMENT_ERRORS[Number(which)]!();
      return value;
    },
    description: "Not a PostgreSQL function: checks the argument of ntile and nth_value.",
  },
]);
