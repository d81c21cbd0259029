// Interval and timestamp arithmetic as PostgreSQL 15's timestamp.c does it: interval comparison,
// interval2itm/itm2interval, justify_hours/days/interval, timestamp plus interval on the local
// calendar, and timestamp minus timestamp.
import { PgError } from "../../errors/pg-error.js";
import { date2j, daysInMonth, j2date, type Tm } from "../../types/codecs/datetime-calendar.js";
import type { Interval } from "../../types/codecs/interval-acc.js";
import {
  addMicros,
  type Timestamp,
  type TimestampValue,
  tmToTimestamp,
} from "../../types/codecs/timestamp.js";
import type { Zone } from "../../types/codecs/timezone.js";
import {
  checkInt32,
  checkInt64,
  DAY_USEC_N,
  INT32_MAX,
  INT32_MIN,
  intervalOutOfRange,
  localOffset,
  outOfRange,
  TWO_63,
  toLocal,
  tsMicros,
  validTimestamp,
} from "./datetime-core.js";

/** A local broken-down time back to a timestamp in a zone (or as is), or "timestamp out of range". */
function fromLocal(tm: Tm, zone?: Zone): Timestamp {
  return validTimestamp(tmToTimestamp(tm, zone ? localOffset(tm, zone) : 0));
}

// ---------------------------------------------------------------------------------------------
// Intervals

/** interval_cmp_value: the interval with 30-day months and 24-hour days, in microseconds. */
export function intervalSpan(v: Interval): bigint {
  return (BigInt(v.months) * 30n + BigInt(v.days)) * DAY_USEC_N + BigInt(v.usec);
}

export function compareIntervals(a: Interval, b: Interval): number {
  const x = intervalSpan(a);
  const y = intervalSpan(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function negateInterval(v: Interval): Interval {
  if (v.months === INT32_MIN || v.days === INT32_MIN || v.usec <= -TWO_63) throw intervalOutOfRange();
  return { months: -v.months + 0, days: -v.days + 0, usec: -v.usec + 0 };
}

/** interval2itm: years, months, days, hours, minutes, seconds, microseconds, each with its sign. */
export function splitInterval(v: Interval): {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
  usec: number;
} {
  const year = Math.trunc(v.months / 12) + 0;
  const mon = (v.months % 12) + 0;
  let t = BigInt(v.usec);
  const hour = t / 3_600_000_000n;
  t -= hour * 3_600_000_000n;
  const min = t / 60_000_000n;
  t -= min * 60_000_000n;
  const sec = t / 1_000_000n;
  t -= sec * 1_000_000n;
  return {
    year,
    mon,
    mday: v.days + 0,
    hour: Number(hour) + 0,
    min: Number(min) + 0,
    sec: Number(sec) + 0,
    usec: Number(t) + 0,
  };
}

/** itm2interval, with PostgreSQL's overflow checks. */
export function joinInterval(p: {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
  usec: number;
}): Interval {
  const months = checkInt32(p.year * 12 + p.mon);
  const usec =
    BigInt(p.hour) * 3_600_000_000n +
    BigInt(p.min) * 60_000_000n +
    BigInt(p.sec) * 1_000_000n +
    BigInt(p.usec);
  return { months, days: checkInt32(p.mday), usec: checkInt64(usec) };
}

/** interval_justify_hours. */
export function justifyHours(v: Interval): Interval {
  const t = BigInt(v.usec);
  const whole = t / DAY_USEC_N;
  let usec = t - whole * DAY_USEC_N;
  let days = checkInt32(v.days + Number(whole));
  if (days > 0 && usec < 0n) {
    usec += DAY_USEC_N;
    days--;
  } else if (days < 0 && usec > 0n) {
    usec -= DAY_USEC_N;
    days++;
  }
  return { months: v.months, days, usec: Number(usec) };
}

/** interval_justify_days. */
export function justifyDays(v: Interval): Interval {
  const whole = Math.trunc(v.days / 30);
  let days = v.days - whole * 30;
  let months = checkInt32(v.months + whole);
  if (months > 0 && days < 0) {
    days += 30;
    months--;
  } else if (months < 0 && days > 0) {
    days -= 30;
    months++;
  }
  return { months, days, usec: v.usec };
}

/** interval_justify_interval. */
export function justifyInterval(v: Interval): Interval {
  let months = v.months;
  let days = v.days;
  let time = BigInt(v.usec);
  if ((days > 0 && time > 0n) || (days < 0 && time < 0n)) {
    const whole = Math.trunc(days / 30);
    days -= whole * 30;
    months = checkInt32(months + whole);
  }
  const wholeDay = time / DAY_USEC_N;
  time -= wholeDay * DAY_USEC_N;
  days += Number(wholeDay);
  const wholeMonth = Math.trunc(days / 30);
  days -= wholeMonth * 30;
  months = checkInt32(months + wholeMonth);
  if (months > 0 && (days < 0 || (days === 0 && time < 0n))) {
    days += 30;
    months--;
  } else if (months < 0 && (days > 0 || (days === 0 && time > 0n))) {
    days -= 30;
    months++;
  }
  if (days > 0 && time < 0n) {
    time += DAY_USEC_N;
    days--;
  } else if (days < 0 && time > 0n) {
    time -= DAY_USEC_N;
    days++;
  }
  return { months: months + 0, days: days + 0, usec: Number(time) + 0 };
}

// ---------------------------------------------------------------------------------------------
// Timestamp arithmetic

/** Adds months to a broken-down time as timestamp_pl_interval does, clamping the day to the month. */
function addMonthsToTm(tm: Tm, months: number): Tm {
  let mon = tm.mon + months;
  let year = tm.year;
  if (mon > INT32_MAX || mon < INT32_MIN) throw outOfRange();
  if (mon > 12) {
    year += Math.trunc((mon - 1) / 12);
    mon = ((mon - 1) % 12) + 1;
  } else if (mon < 1) {
    year += Math.trunc(mon / 12) - 1;
    mon = (mon % 12) + 12;
  }
  const mday = Math.min(tm.mday, daysInMonth(year, mon));
  return { ...tm, year, mon, mday };
}

/**
 * timestamp_pl_interval (no zone) and timestamptz_pl_interval (in a zone): months, then days on the
 * calendar of the local time, then the microseconds.
 */
export function timestampPlusInterval(ts: TimestampValue, span: Interval, zone?: Zone): TimestampValue {
  if (typeof ts === "string") return ts;
  let cur = ts;
  if (span.months !== 0) {
    const { tm } = toLocal(cur, zone);
    cur = fromLocal(addMonthsToTm(tm, span.months), zone);
  }
  if (span.days !== 0) {
    const { tm } = toLocal(cur, zone);
    const julian = date2j(tm.year, tm.mon, tm.mday) + span.days;
    if (julian < (zone ? -1 : 0) || julian > INT32_MAX) throw outOfRange();
    const [year, mon, mday] = j2date(julian);
    cur = fromLocal({ ...tm, year, mon, mday }, zone);
  }
  if (span.usec !== 0) cur = addMicros(cur, span.usec);
  return validTimestamp(cur);
}

/** timestamp_mi: the difference as an interval of days and time (justify_hours applied). */
export function timestampDifference(a: TimestampValue, b: TimestampValue): Interval {
  if (typeof a === "string" || typeof b === "string")
    throw new PgError("DATETIME_VALUE_OUT_OF_RANGE", "cannot subtract infinite timestamps");
  const diff = tsMicros(a) - tsMicros(b);
  checkInt64(diff);
  const days = diff / DAY_USEC_N;
  return justifyHours({ months: 0, days: Number(days), usec: Number(diff - days * DAY_USEC_N) });
}
