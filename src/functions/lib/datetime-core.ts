// Shared machinery of the date/time functions and operators: reading and writing the storage forms,
// calendar arithmetic as PostgreSQL 15's timestamp.c and date.c do it, time zone lookups for AT TIME
// ZONE and friends, and the unit names of date_part/date_trunc (DecodeUnits, DecodeSpecial).
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
const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;
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
const TWO_63 = 2 ** 63;

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

/** A local broken-down time back to a timestamp in a zone (or as is), or "timestamp out of range". */
function fromLocal(tm: Tm, zone?: Zone): Timestamp {
  return validTimestamp(tmToTimestamp(tm, zone ? localOffset(tm, zone) : 0));
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

// ---------------------------------------------------------------------------------------------
// ISO weeks (timestamp.c)

export function j2day(jd: number): number {
  return (((jd + 1) % 7) + 7) % 7;
}

/** isoweek2j: the Julian day of the Monday of an ISO week. */
export function isoweek2j(year: number, week: number): number {
  const day4 = date2j(year, 1, 4);
  const day0 = j2day(day4 - 1);
  return (week - 1) * 7 + (day4 - day0);
}

export function isoweek2date(week: number, year: number): [number, number, number] {
  return j2date(isoweek2j(year, week));
}

export function isoweekdate2date(week: number, wday: number, year: number): [number, number, number] {
  let jday = isoweek2j(year, week);
  if (wday > 1) jday += wday - 2;
  else jday += 6;
  return j2date(jday);
}

export function date2isoweek(year: number, mon: number, mday: number): number {
  const dayn = date2j(year, mon, mday);
  let day4 = date2j(year, 1, 4);
  let day0 = j2day(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = date2j(year - 1, 1, 4);
    day0 = j2day(day4 - 1);
  }
  let result = Math.floor((dayn - (day4 - day0)) / 7) + 1;
  if (result >= 52) {
    day4 = date2j(year + 1, 1, 4);
    day0 = j2day(day4 - 1);
    if (dayn >= day4 - day0) result = Math.floor((dayn - (day4 - day0)) / 7) + 1;
  }
  return result;
}

export function date2isoyear(year: number, mon: number, mday: number): number {
  const dayn = date2j(year, mon, mday);
  let day4 = date2j(year, 1, 4);
  let day0 = j2day(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = date2j(year - 1, 1, 4);
    day0 = j2day(day4 - 1);
    year--;
  }
  const result = Math.floor((dayn - (day4 - day0)) / 7) + 1;
  if (result >= 52) {
    day4 = date2j(year + 1, 1, 4);
    day0 = j2day(day4 - 1);
    if (dayn >= day4 - day0) year++;
  }
  return year;
}

export function date2isoyearday(year: number, mon: number, mday: number): number {
  return date2j(year, mon, mday) - isoweek2j(date2isoyear(year, mon, mday), 1) + 1;
}

// ---------------------------------------------------------------------------------------------
// Units of date_part, extract and date_trunc

export type Unit =
  | "microsecond"
  | "millisecond"
  | "second"
  | "minute"
  | "hour"
  | "day"
  | "week"
  | "month"
  | "quarter"
  | "year"
  | "decade"
  | "century"
  | "millennium"
  | "tz"
  | "tz_minute"
  | "tz_hour"
  | "dow"
  | "isodow"
  | "doy"
  | "julian"
  | "isoyear";

export type DecodedUnit =
  | { type: "units"; unit: Unit; low: string }
  | { type: "reserv"; reserv: string; low: string }
  | { type: "other"; low: string };

// deltatktbl (DecodeUnits): PostgreSQL 15's relative-time words; tokens are matched on 10 characters.
const deltaUnits = new Map<string, Unit | "@" | "ago">();
const deltaWords: [Unit, string][] = [
  ["century", "c cent centuries century"],
  ["day", "d day days"],
  ["decade", "dec decade decades decs"],
  ["hour", "h hour hours hr hrs"],
  ["minute", "m min mins minute minutes"],
  ["microsecond", "microsecon us usec usecond useconds usecs"],
  ["millennium", "mil millennia millennium mils"],
  ["millisecond", "millisecon ms msec msecond mseconds msecs"],
  ["month", "mon mons month months"],
  ["quarter", "qtr quarter"],
  ["second", "s sec second seconds secs"],
  ["tz", "timezone"],
  ["tz_hour", "timezone_h"],
  ["tz_minute", "timezone_m"],
  ["week", "w week weeks"],
  ["year", "y year years yr yrs"],
];
for (const [unit, words] of deltaWords) for (const w of words.split(" ")) deltaUnits.set(w, unit);
deltaUnits.set("@", "@");
deltaUnits.set("ago", "ago");

// datetktbl (DecodeSpecial): the UNITS and RESERV entries; other words there are of other types.
const specialUnits = new Map<string, Unit>([
  ["d", "day"],
  ["dow", "dow"],
  ["doy", "doy"],
  ["h", "hour"],
  ["isodow", "isodow"],
  ["isoyear", "isoyear"],
  ["j", "julian"],
  ["jd", "julian"],
  ["julian", "julian"],
  ["m", "month"],
  ["mm", "minute"],
  ["s", "second"],
  ["y", "year"],
]);
const specialReserved = new Set([
  "-infinity",
  "allballs",
  "epoch",
  "infinity",
  "now",
  "today",
  "tomorrow",
  "yesterday",
]);
const specialOther = new Set(
  (
    "ad am apr april at aug august bc dec december dst feb february fri friday jan january jul july jun " +
    "june mar march may mon monday nov november oct october on pm sat saturday sep sept september sun " +
    "sunday t thu thur thurs thursday tue tues tuesday wed wednesday weds"
  ).split(" "),
);

/** downcase_truncate_identifier: ASCII lower case, at most 63 bytes. */
export function downcaseIdentifier(s: string): string {
  let out = s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (Buffer.byteLength(out) > 63) {
    let bytes = 0;
    let i = 0;
    for (const ch of out) {
      const n = Buffer.byteLength(ch);
      if (bytes + n > 63) break;
      bytes += n;
      i += ch.length;
    }
    out = out.slice(0, i);
  }
  return out;
}

const key = (low: string) => low.slice(0, 10);

/** DecodeUnits only (date_trunc). */
export function decodeUnits(units: string): DecodedUnit {
  const low = downcaseIdentifier(units);
  const u = deltaUnits.get(key(low));
  if (u && u !== "@" && u !== "ago") return { type: "units", unit: u, low };
  return { type: "other", low };
}

/** DecodeUnits, then DecodeSpecial for what it does not know (date_part and extract). */
export function decodeUnitsOrSpecial(units: string): DecodedUnit {
  const low = downcaseIdentifier(units);
  const k = key(low);
  const u = deltaUnits.get(k);
  if (u) return u === "@" || u === "ago" ? { type: "other", low } : { type: "units", unit: u, low };
  const s = specialUnits.get(k);
  if (s) return { type: "units", unit: s, low };
  if (specialReserved.has(k)) return { type: "reserv", reserv: k, low };
  if (specialOther.has(k)) return { type: "other", low };
  return { type: "other", low };
}

export function unitNotRecognized(low: string, type: string): PgError {
  return new PgError("INVALID_PARAMETER_VALUE", `unit "${low}" not recognized for type ${type}`);
}

export function unitNotSupported(low: string, type: string, detail?: string): PgError {
  return new PgError("FEATURE_NOT_SUPPORTED", `unit "${low}" not supported for type ${type}`, { detail });
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
