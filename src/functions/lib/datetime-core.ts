// Shared machinery of the date/time functions and operators: arguments and errors, reading and
// writing the storage forms, and time zone lookups for AT TIME ZONE and friends. Calendar and
// interval arithmetic are in datetime-arith.ts, ISO weeks in datetime-iso-weeks.ts, the unit names
// of date_part/date_trunc in datetime-units.ts.
import { PgError } from "../../errors/pg-error.js";
import { type DateValue, formatStoredDate, parseStoredDate } from "../../types/codecs/date.js";
import {
  date2j,
  daysInMonth,
  j2date,
  POSTGRES_EPOCH_JDATE,
  type Tm,
} from "../../types/codecs/datetime-calendar.js";
import { localSeconds } from "../../types/codecs/datetime-context.js";
import { formatInterval, formatStoredInterval, parseStoredInterval } from "../../types/codecs/interval.js";
import type { Interval } from "../../types/codecs/interval-acc.js";
import {
  formatStoredTimeTz,
  parseStoredTime,
  parseStoredTimeTz,
  type TimeTz,
} from "../../types/codecs/time.js";
import {
  addMicros,
  formatStoredTimestamp,
  isValidTimestamp,
  localTime,
  parseStoredTimestamp,
  roundTimestamp,
  type Timestamp,
  type TimestampValue,
  timestampToTm,
  tmToTimestamp,
  unixSeconds,
} from "../../types/codecs/timestamp.js";
import {
  findZone,
  numericAbbrev,
  offsetForLocal,
  sessionZone,
  type Zone,
} from "../../types/codecs/timezone.js";
import { zoneAbbrev } from "../../types/codecs/timezone-abbrevs.js";
import type { FormatContext } from "../../types/format-context.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { currentSession } from "../runtime.js";

export type { DateValue, Interval, Timestamp, TimestampValue, TimeTz, Tm, Zone };

export const DAY_USEC_N = 86_400_000_000n;
export const INT32_MAX = 2147483647;
export const INT32_MIN = -2147483648;
const INT64_MAX_N = 0x7fffffffffffffffn;
const INT64_MIN_N = -0x8000000000000000n;
/** The first Julian day past the timestamp range (294277-01-01). */
const TIMESTAMP_END_JULIAN = 109203528;
/** The first day past the timestamp range, as days since 2000-01-01. */
const TIMESTAMP_END_DAY = TIMESTAMP_END_JULIAN - POSTGRES_EPOCH_JDATE;
/** The date range: Julian day 0 (4714-11-24 BC) up to 5874898-01-01. */
const DATE_END_DAY = 2_145_031_949;

// ---------------------------------------------------------------------------------------------
// Arguments and errors

/** A numeric argument (float8 REAL, 'NaN' text, integer bigint) as a JavaScript number. */
export function num(v: SqliteValue): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string") {
    if (v === "NaN") return Number.NaN;
    if (v === "Infinity") return Number.POSITIVE_INFINITY;
    if (v === "-Infinity") return Number.NEGATIVE_INFINITY;
    return Number(v);
  }
  return Number.NaN;
}

export function str(v: SqliteValue): string {
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString("utf8");
  return String(v);
}

export function outOfRange(what = "timestamp"): PgError {
  return new PgError("DATETIME_VALUE_OUT_OF_RANGE", `${what} out of range`);
}

export function intervalOutOfRange(): PgError {
  return outOfRange("interval");
}

export function checkInt32(v: number, error: () => PgError = intervalOutOfRange): number {
  if (!Number.isFinite(v) || v > INT32_MAX || v < INT32_MIN) throw error();
  return v;
}

/** An int64 result given as a bigint, checked and returned as a number (exact up to 2^53). */
export function checkInt64(v: bigint, error: () => PgError = intervalOutOfRange): number {
  if (v > INT64_MAX_N || v < INT64_MIN_N) throw error();
  return Number(v);
}

/** FLOAT8_FITS_IN_INT32 / INT64 for results of float arithmetic. */
export function fitsInt32(v: number): boolean {
  return !Number.isNaN(v) && v >= -2147483648 && v < 2147483648;
}

/** 2^63, exact as a double. */
export const TWO_63 = 2 ** 63;

export function fitsInt64(v: number): boolean {
  return !Number.isNaN(v) && v >= -TWO_63 && v < TWO_63;
}

// ---------------------------------------------------------------------------------------------
// Session

export function formatContext(): FormatContext {
  return currentSession().formatContext();
}

export function sessionTimeZone(): Zone {
  return sessionZone(formatContext().timeZone);
}

// ---------------------------------------------------------------------------------------------
// Storage forms

export const readTimestamp = (v: SqliteValue): TimestampValue => parseStoredTimestamp(v as string);
export const writeTimestamp = (v: TimestampValue): string => formatStoredTimestamp(v, false);
export const writeTimestamptz = (v: TimestampValue): string => formatStoredTimestamp(v, true);
export const readDate = (v: SqliteValue): DateValue => parseStoredDate(v as string);
export const writeDate = (v: DateValue): string => formatStoredDate(v);
export const readInterval = (v: SqliteValue): Interval => parseStoredInterval(v as string);

/** Microseconds since midnight of a stored time. */
export const readTime = (v: SqliteValue): number => parseStoredTime(v as string).usec;
export const readTimetz = (v: SqliteValue): TimeTz => parseStoredTimeTz(v as string);
export const writeTimetz = (v: TimeTz): string => formatStoredTimeTz(v);

export function writeInterval(v: Interval): string {
  return formatStoredInterval({ months: v.months + 0, days: v.days + 0, usec: v.usec + 0 });
}

/** interval_out in the session's IntervalStyle (for error messages). */
export function intervalText(v: Interval): string {
  return formatInterval(v, formatContext().intervalStyle);
}

/** Microseconds since 2000-01-01 of a finite timestamp. */
export function tsMicros(ts: Timestamp): bigint {
  return BigInt(ts.day) * DAY_USEC_N + BigInt(ts.usec);
}

export function tsFromMicros(m: bigint): Timestamp {
  let day = m / DAY_USEC_N;
  let usec = m % DAY_USEC_N;
  if (usec < 0n) {
    usec += DAY_USEC_N;
    day -= 1n;
  }
  return { day: Number(day), usec: Number(usec) };
}

export function validTimestamp(ts: Timestamp | undefined, what = "timestamp"): Timestamp {
  if (!ts || !isValidTimestamp(ts)) throw outOfRange(what);
  return ts;
}

/** Compares finite or infinite timestamps. */
export function compareTimestamps(a: TimestampValue, b: TimestampValue): number {
  const rank = (v: TimestampValue) => (v === "-infinity" ? -1 : v === "infinity" ? 1 : 0);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== 0 || rb !== 0) return ra - rb;
  const x = a as Timestamp;
  const y = b as Timestamp;
  return x.day !== y.day ? x.day - y.day : x.usec - y.usec;
}

/** date2timestamp: a date as a timestamp at midnight ("date out of range for timestamp"). */
export function dateToTimestamp(d: DateValue): TimestampValue {
  if (typeof d === "string") return d;
  if (d >= TIMESTAMP_END_DAY)
    throw new PgError("DATETIME_VALUE_OUT_OF_RANGE", "date out of range for timestamp");
  return { day: d, usec: 0 };
}

export function validDate(day: number): number {
  if (!Number.isFinite(day) || day < -POSTGRES_EPOCH_JDATE || day >= DATE_END_DAY) throw outOfRange("date");
  return day;
}

// ---------------------------------------------------------------------------------------------
// Time zones

/** DetermineTimeZoneOffset: the offset (east of UTC) of a local time in a zone. */
export function localOffset(tm: Tm, zone: Zone): number {
  return offsetForLocal(zone, localSeconds(tm));
}

/** The local broken-down time of a timestamp in a zone (UTC when no zone). */
export function toLocal(ts: Timestamp, zone?: Zone): { tm: Tm; offset: number } {
  return zone ? localTime(ts, zone) : { tm: timestampToTm(ts), offset: 0 };
}

/** The zone name of AT TIME ZONE and friends, as DecodeTimezoneName resolves it. */
export type NamedZone = { kind: "fixed"; offset: number; abbrev: string } | { kind: "zone"; zone: Zone };

const NUMERIC_ZONE = /^[+-]?\d/;

/**
 * Looks up a time zone given as text: the timezone_abbreviations set first (fixed offsets, or zones
 * for dynamic abbreviations), then zone names, where a leading sign or digit makes a POSIX offset
 * (counted west of UTC, as pg_tzset reads it).
 */
export function lookupZone(name: string): NamedZone {
  const abbrev = zoneAbbrev(name);
  if (abbrev) {
    if ("zone" in abbrev) {
      const zone = findZone(abbrev.zone);
      if (zone) return { kind: "zone", zone };
    } else {
      return { kind: "fixed", offset: abbrev.offset, abbrev: name.toUpperCase() };
    }
  }
  if (NUMERIC_ZONE.test(name)) {
    const zone = findZone(`<>${name}`);
    if (zone && /^[+-]?\d{1,2}(:\d{1,2}(:\d{1,2})?)?$/.test(name)) return { kind: "zone", zone };
  } else if (name !== "") {
    const zone = findZone(name);
    if (zone) return { kind: "zone", zone };
  }
  throw new PgError("INVALID_PARAMETER_VALUE", `time zone "${name}" not recognized`);
}

/** A zone with one offset east of UTC and one abbreviation. */
export function fixedZone(offset: number, abbrev = numericAbbrev(offset)): Zone {
  return { fixed: true, offsetAt: () => offset, abbrevAt: () => abbrev };
}

/** A looked-up zone as a Zone (fixed-offset abbreviations become fixed zones). */
export function zoneOf(z: NamedZone): Zone {
  return z.kind === "zone" ? z.zone : fixedZone(z.offset, z.abbrev);
}

export const TYPE_TIMESTAMP = "timestamp without time zone";
export const TYPE_TIMESTAMPTZ = "timestamp with time zone";
export const TYPE_TIME = "time without time zone";
export const TYPE_TIMETZ = "time with time zone";

/** int64_div_fast_to_numeric: value / 10^scale as numeric text with that many decimals. */
export function decimalText(value: bigint, scale: number): string {
  if (scale === 0) return value.toString();
  const neg = value < 0n;
  const digits = (neg ? -value : value).toString().padStart(scale + 1, "0");
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return neg ? `-${text}` : text;
}

/** AdjustTimestampForTypmod: rounds a finite timestamp to a number of fractional digits. */
export function roundTimestampTo(ts: Timestamp, precision: number): Timestamp {
  return roundTimestamp(ts, precision) as Timestamp;
}

export {
  addMicros,
  date2j,
  daysInMonth,
  j2date,
  POSTGRES_EPOCH_JDATE,
  timestampToTm,
  tmToTimestamp,
  unixSeconds,
};
