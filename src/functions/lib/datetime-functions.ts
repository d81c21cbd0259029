// PostgreSQL 15's date/time functions (timestamp.c, date.c): date_trunc, date_part and extract, age,
// the make_* constructors, justify_*, isfinite, date_bin, AT TIME ZONE (timezone), the current time,
// to_timestamp(float8), OVERLAPS and generate_series over timestamps.
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
import {
  isValidJulian,
  rint,
  timeOfDayText,
  UNIX_EPOCH_JDATE,
} from "../../types/codecs/datetime-calendar.js";
import { validateDate } from "../../types/codecs/datetime-fields.js";
import { DateTimeError, decodeTimezone } from "../../types/codecs/datetime-parse.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { defineFunctions, type FunctionDef, type Volatility } from "../registry.js";
import { clockMicros, currentSession } from "../runtime.js";
import {
  addMicros,
  checkInt64,
  compareTimestamps,
  DAY_USEC_N,
  type DateValue,
  date2isoweek,
  date2isoyear,
  date2j,
  dateToTimestamp,
  daysInMonth,
  decimalText,
  decodeUnits,
  decodeUnitsOrSpecial,
  fitsInt64,
  type Interval,
  intervalOutOfRange,
  intervalSpan,
  intervalText,
  isoweek2date,
  j2date,
  j2day,
  joinInterval,
  justifyDays,
  justifyHours,
  justifyInterval,
  localOffset,
  lookupZone,
  num,
  outOfRange,
  POSTGRES_EPOCH_JDATE,
  readDate,
  readInterval,
  readTime,
  readTimestamp,
  readTimetz,
  sessionTimeZone,
  splitInterval,
  str,
  type Timestamp,
  type TimestampValue,
  type Tm,
  TYPE_TIME,
  TYPE_TIMESTAMP,
  TYPE_TIMESTAMPTZ,
  TYPE_TIMETZ,
  timestampPlusInterval,
  timestampToTm,
  tmToTimestamp,
  toLocal,
  tsFromMicros,
  tsMicros,
  type Unit,
  unitNotRecognized,
  unitNotSupported,
  validTimestamp,
  writeDate,
  writeInterval,
  writeTimestamp,
  writeTimestamptz,
  writeTimetz,
  type Zone,
  zoneOf,
} from "./datetime-core.js";
import { compareTimetz } from "./datetime-operators.js";
import { formatG, formatG0, pad0 } from "./datetime-printf.js";

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

const INT64_MAX = 0x7fffffffffffffffn;
const UNIX_EPOCH_USEC = BigInt(UNIX_EPOCH_JDATE - POSTGRES_EPOCH_JDATE) * DAY_USEC_N;

// ---------------------------------------------------------------------------------------------
// date_trunc

const LEVELS: Unit[] = [
  "millennium",
  "century",
  "decade",
  "year",
  "quarter",
  "month",
  "day",
  "hour",
  "minute",
  "second",
];

/** Truncates a broken-down time in place; returns whether the zone offset must be determined again. */
function truncateTm(unit: Unit, low: string, typeName: string, tm: Tm): boolean {
  if (unit === "week") {
    const woy = date2isoweek(tm.year, tm.mon, tm.mday);
    let year = tm.year;
    if (woy >= 52 && tm.mon === 1) year--;
    if (woy <= 1 && tm.mon === 12) year++;
    [tm.year, tm.mon, tm.mday] = isoweek2date(woy, year);
    tm.hour = tm.min = tm.sec = tm.fsec = 0;
    return true;
  }
  if (unit === "millisecond") {
    tm.fsec = Math.trunc(tm.fsec / 1000) * 1000;
    return false;
  }
  if (unit === "microsecond") return false;
  const level = LEVELS.indexOf(unit);
  if (level < 0) throw unitNotSupported(low, typeName);
  const y = tm.year;
  if (unit === "millennium") {
    tm.year =
      y > 0 ? Math.trunc((y + 999) / 1000) * 1000 - 999 : -Math.trunc((999 - (y - 1)) / 1000) * 1000 + 1;
  }
  if (unit === "millennium" || unit === "century") {
    const z = tm.year;
    tm.year = z > 0 ? Math.trunc((z + 99) / 100) * 100 - 99 : -Math.trunc((99 - (z - 1)) / 100) * 100 + 1;
  }
  if (unit === "decade") tm.year = y > 0 ? Math.trunc(y / 10) * 10 : -Math.trunc((8 - (y - 1)) / 10) * 10;
  if (level <= 3) tm.mon = 1;
  if (level <= 4) tm.mon = 3 * Math.trunc((tm.mon - 1) / 3) + 1;
  if (level <= 5) tm.mday = 1;
  if (level <= 6) tm.hour = 0;
  if (level <= 7) tm.min = 0;
  if (level <= 8) tm.sec = 0;
  tm.fsec = 0;
  return level <= 6;
}

/** timestamp_trunc and timestamptz_trunc: PostgreSQL 15 returns infinities before looking at the unit. */
function truncTimestamp(units: string, v: TimestampValue, zone?: Zone): TimestampValue {
  if (typeof v === "string") return v;
  const typeName = zone ? TYPE_TIMESTAMPTZ : TYPE_TIMESTAMP;
  const d = decodeUnits(units);
  if (d.type !== "units") throw unitNotRecognized(d.low, typeName);
  const { tm, offset } = toLocal(v, zone);
  const redo = truncateTm(d.unit, d.low, typeName, tm);
  const tz = zone && redo ? localOffset(tm, zone) : offset;
  return validTimestamp(tmToTimestamp(tm, tz));
}

function truncInterval(units: string, v: Interval): Interval {
  const d = decodeUnits(units);
  if (d.type !== "units") throw unitNotRecognized(d.low, "interval");
  const p = splitInterval(v);
  const u = d.unit;
  if (u === "week") throw unitNotSupported(d.low, "interval", "Months usually have fractional weeks.");
  if (u === "millisecond") p.usec = Math.trunc(p.usec / 1000) * 1000;
  else if (u !== "microsecond") {
    const level = LEVELS.indexOf(u);
    if (level < 0) throw unitNotSupported(d.low, "interval");
    if (level <= 0) p.year = Math.trunc(p.year / 1000) * 1000;
    if (level <= 1) p.year = Math.trunc(p.year / 100) * 100;
    if (level <= 2) p.year = Math.trunc(p.year / 10) * 10;
    if (level <= 3) p.mon = 0;
    if (level <= 4) p.mon = 3 * Math.trunc(p.mon / 3);
    if (level <= 5) p.mday = 0;
    if (level <= 6) p.hour = 0;
    if (level <= 7) p.min = 0;
    if (level <= 8) p.sec = 0;
    p.usec = 0;
  }
  return joinInterval(p);
}

// ---------------------------------------------------------------------------------------------
// date_part and extract

/** An integral result: float8 for date_part, numeric text for extract. */
const intResult = (n: number, numeric: boolean): SqliteValue => (numeric ? String(n + 0) : n + 0);

function infinite(negative: boolean, numeric: boolean): SqliteValue {
  if (numeric) return negative ? "-Infinity" : "Infinity";
  return negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

const OSCILLATING = new Set<string>([
  "microsecond",
  "millisecond",
  "second",
  "minute",
  "hour",
  "day",
  "month",
  "quarter",
  "week",
  "dow",
  "isodow",
  "doy",
  "tz",
  "tz_minute",
  "tz_hour",
]);
const MONOTONIC = new Set<string>(["year", "decade", "century", "millennium", "julian", "isoyear", "epoch"]);

const yearOf = (y: number) => (y > 0 ? y : y - 1);
const decadeOf = (y: number) => (y >= 0 ? Math.trunc(y / 10) : -Math.trunc((8 - (y - 1)) / 10));
const centuryOf = (y: number) => (y > 0 ? Math.trunc((y + 99) / 100) : -Math.trunc((99 - (y - 1)) / 100));
const millenniumOf = (y: number) =>
  y > 0 ? Math.trunc((y + 999) / 1000) : -Math.trunc((999 - (y - 1)) / 1000);

/** The digits in base 10000 of a nonnegative integer: weight and first digit (select_div_scale). */
function nbaseHead(v: bigint): [number, number] {
  if (v === 0n) return [0, 0];
  const s = v.toString();
  const weight = Math.floor((s.length - 1) / 4);
  return [weight, Number(s.slice(0, s.length - 4 * weight))];
}

/** numeric_div of two nonnegative integers at the scale PostgreSQL selects, as numeric text. */
function numericDivide(a: bigint, b: bigint): { value: bigint; scale: number } {
  const [w1, f1] = nbaseHead(a);
  const [w2, f2] = nbaseHead(b);
  let qweight = w1 - w2;
  if (f1 <= f2) qweight--;
  const scale = Math.min(Math.max(16 - qweight * 4, 0), 1000);
  const p = 10n ** BigInt(scale);
  const q = (a * p * 2n + b) / (2n * b);
  return { value: q, scale };
}

/** extract(julian from ...): the Julian day plus the fraction of the day, as numeric text. */
function julianNumeric(jd: number, usecOfDay: number): string {
  const { value, scale } = numericDivide(BigInt(usecOfDay), DAY_USEC_N);
  return decimalText(BigInt(jd) * 10n ** BigInt(scale) + value, scale);
}

function timestampPart(
  units: string,
  v: TimestampValue,
  zone: Zone | undefined,
  numeric: boolean,
): SqliteValue {
  const typeName = zone ? TYPE_TIMESTAMPTZ : TYPE_TIMESTAMP;
  const d = decodeUnitsOrSpecial(units);
  if (typeof v === "string") {
    if (d.type === "other") throw unitNotRecognized(d.low, typeName);
    const key = d.type === "units" ? d.unit : d.reserv;
    if (OSCILLATING.has(key)) return null;
    if (MONOTONIC.has(key)) return infinite(v === "-infinity", numeric);
    throw unitNotSupported(d.low, typeName);
  }
  if (d.type === "reserv") {
    if (d.reserv !== "epoch") throw unitNotSupported(d.low, typeName);
    const diff = tsMicros(v) - UNIX_EPOCH_USEC;
    return numeric ? decimalText(diff, 6) : Number(diff) / 1e6;
  }
  if (d.type !== "units") throw unitNotRecognized(d.low, typeName);
  const { tm, offset } = toLocal(v, zone);
  const usecOfMinute = tm.sec * 1_000_000 + tm.fsec;
  switch (d.unit) {
    case "tz":
    case "tz_minute":
    case "tz_hour":
      if (!zone) throw unitNotSupported(d.low, typeName);
      if (d.unit === "tz") return intResult(offset, numeric);
      if (d.unit === "tz_hour") return intResult(Math.trunc(offset / 3600), numeric);
      return intResult(Math.trunc(offset / 60) % 60, numeric);
    case "microsecond":
      return intResult(usecOfMinute, numeric);
    case "millisecond":
      return numeric ? decimalText(BigInt(usecOfMinute), 3) : tm.sec * 1000 + tm.fsec / 1000;
    case "second":
      return numeric ? decimalText(BigInt(usecOfMinute), 6) : tm.sec + tm.fsec / 1e6;
    case "minute":
      return intResult(tm.min, numeric);
    case "hour":
      return intResult(tm.hour, numeric);
    case "day":
      return intResult(tm.mday, numeric);
    case "month":
      return intResult(tm.mon, numeric);
    case "quarter":
      return intResult(Math.trunc((tm.mon - 1) / 3) + 1, numeric);
    case "week":
      return intResult(date2isoweek(tm.year, tm.mon, tm.mday), numeric);
    case "year":
      return intResult(yearOf(tm.year), numeric);
    case "decade":
      return intResult(decadeOf(tm.year), numeric);
    case "century":
      return intResult(centuryOf(tm.year), numeric);
    case "millennium":
      return intResult(millenniumOf(tm.year), numeric);
    case "julian": {
      const jd = date2j(tm.year, tm.mon, tm.mday);
      const secs = (tm.hour * 60 + tm.min) * 60 + tm.sec;
      if (numeric) return julianNumeric(jd, secs * 1_000_000 + tm.fsec);
      return jd + (secs + tm.fsec / 1e6) / 86400;
    }
    case "isoyear": {
      const y = date2isoyear(tm.year, tm.mon, tm.mday);
      return intResult(y <= 0 ? y - 1 : y, numeric);
    }
    case "dow":
    case "isodow": {
      const dow = j2day(date2j(tm.year, tm.mon, tm.mday));
      return intResult(d.unit === "isodow" && dow === 0 ? 7 : dow, numeric);
    }
    case "doy":
      return intResult(date2j(tm.year, tm.mon, tm.mday) - date2j(tm.year, 1, 1) + 1, numeric);
    default:
      throw unitNotSupported(d.low, typeName);
  }
}

/** extract_date: the date fields of a date, without converting it to a timestamp. */
function datePart(units: string, v: DateValue): SqliteValue {
  const d = decodeUnitsOrSpecial(units);
  if (typeof v === "string" && d.type !== "other") {
    const key = d.type === "units" ? d.unit : d.reserv;
    if (["day", "month", "quarter", "week", "dow", "isodow", "doy"].includes(key)) return null;
    if (MONOTONIC.has(key)) return infinite(v === "-infinity", true);
    throw unitNotSupported(d.low, "date");
  }
  if (d.type === "reserv") {
    if (d.reserv !== "epoch") throw unitNotSupported(d.low, "date");
    return String((v as number) * 86400 + (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * 86400);
  }
  if (d.type !== "units") throw unitNotRecognized(d.low, "date");
  const jd = (v as number) + POSTGRES_EPOCH_JDATE;
  const [year, mon, mday] = j2date(jd);
  switch (d.unit) {
    case "day":
      return String(mday);
    case "month":
      return String(mon);
    case "quarter":
      return String(Math.trunc((mon - 1) / 3) + 1);
    case "week":
      return String(date2isoweek(year, mon, mday));
    case "year":
      return String(yearOf(year));
    case "decade":
      return String(decadeOf(year) + 0);
    case "century":
      return String(centuryOf(year));
    case "millennium":
      return String(millenniumOf(year));
    case "julian":
      return String(jd);
    case "isoyear": {
      const y = date2isoyear(year, mon, mday);
      return String(y <= 0 ? y - 1 : y);
    }
    case "dow":
    case "isodow": {
      const dow = j2day(jd);
      return String(d.unit === "isodow" && dow === 0 ? 7 : dow);
    }
    case "doy":
      return String(jd - date2j(year, 1, 1) + 1);
    default:
      throw unitNotSupported(d.low, "date");
  }
}

/** time_part_common and timetz_part_common. */
function timePart(units: string, usec: number, offset: number | undefined, numeric: boolean): SqliteValue {
  const typeName = offset === undefined ? TYPE_TIME : TYPE_TIMETZ;
  const d = decodeUnitsOrSpecial(units);
  if (d.type === "reserv" && d.reserv === "epoch") {
    const v = BigInt(usec) - BigInt(offset ?? 0) * 1_000_000n;
    return numeric ? decimalText(v, 6) : usec / 1e6 - (offset ?? 0);
  }
  if (d.type !== "units") throw unitNotRecognized(d.low, typeName);
  const hour = Math.floor(usec / 3_600_000_000);
  const min = Math.floor((usec - hour * 3_600_000_000) / 60_000_000);
  const rest = usec - hour * 3_600_000_000 - min * 60_000_000;
  const sec = Math.floor(rest / 1e6);
  const fsec = rest - sec * 1e6;
  switch (d.unit) {
    case "tz":
    case "tz_minute":
    case "tz_hour":
      if (offset === undefined) throw unitNotSupported(d.low, typeName);
      if (d.unit === "tz") return intResult(offset, numeric);
      if (d.unit === "tz_hour") return intResult(Math.trunc(offset / 3600), numeric);
      return intResult(Math.trunc(offset / 60) % 60, numeric);
    case "microsecond":
      return intResult(sec * 1e6 + fsec, numeric);
    case "millisecond":
      return numeric ? decimalText(BigInt(sec * 1e6 + fsec), 3) : sec * 1000 + fsec / 1000;
    case "second":
      return numeric ? decimalText(BigInt(sec * 1e6 + fsec), 6) : sec + fsec / 1e6;
    case "minute":
      return intResult(min, numeric);
    case "hour":
      return intResult(hour, numeric);
    default:
      throw unitNotSupported(d.low, typeName);
  }
}

/** interval_part_common. */
function intervalPart(units: string, v: Interval, numeric: boolean): SqliteValue {
  const d = decodeUnitsOrSpecial(units);
  if (d.type === "reserv" && d.reserv === "epoch") {
    const years = Math.trunc(v.months / 12);
    const months = v.months % 12;
    if (numeric) {
      const secs = (1461n * BigInt(years) + 120n * BigInt(months) + 4n * BigInt(v.days)) * 21600n;
      return decimalText(secs * 1_000_000n + BigInt(v.usec), 6);
    }
    let r = v.usec / 1e6;
    r += 365.25 * 86400 * years;
    r += 30 * 86400 * months;
    r += 86400 * v.days;
    return r;
  }
  if (d.type !== "units") throw unitNotRecognized(d.low, "interval");
  const p = splitInterval(v);
  switch (d.unit) {
    case "microsecond":
      return intResult(p.sec * 1e6 + p.usec, numeric);
    case "millisecond":
      return numeric ? decimalText(BigInt(p.sec * 1e6 + p.usec), 3) : p.sec * 1000 + p.usec / 1000;
    case "second":
      return numeric ? decimalText(BigInt(p.sec * 1e6 + p.usec), 6) : p.sec + p.usec / 1e6;
    case "minute":
      return intResult(p.min, numeric);
    case "hour":
      return intResult(p.hour, numeric);
    case "day":
      return intResult(p.mday, numeric);
    case "month":
      return intResult(p.mon, numeric);
    case "quarter":
      return intResult(Math.trunc(p.mon / 3) + 1, numeric);
    case "year":
      return intResult(p.year, numeric);
    case "decade":
      return intResult(Math.trunc(p.year / 10), numeric);
    case "century":
      return intResult(Math.trunc(p.year / 100), numeric);
    case "millennium":
      return intResult(Math.trunc(p.year / 1000), numeric);
    default:
      throw unitNotSupported(d.low, "interval");
  }
}

// ---------------------------------------------------------------------------------------------
// age

/** The broken-down time timestamp2tm gives even for the infinities (PostgreSQL 15 does not check). */
function ageTm(v: TimestampValue, zone?: Zone): Tm {
  if (typeof v !== "string") return toLocal(v, zone).tm;
  if (v === "-infinity") throw outOfRange();
  return timestampToTm(tsFromMicros(INT64_MAX));
}

function age(a: TimestampValue, b: TimestampValue, zone?: Zone): Interval {
  const tm1 = ageTm(a, zone);
  const tm2 = ageTm(b, zone);
  const neg = compareTimestamps(a, b) < 0;
  const s = neg ? -1 : 1;
  let usec = s * (tm1.fsec - tm2.fsec);
  let sec = s * (tm1.sec - tm2.sec);
  let min = s * (tm1.min - tm2.min);
  let hour = s * (tm1.hour - tm2.hour);
  let mday = s * (tm1.mday - tm2.mday);
  let mon = s * (tm1.mon - tm2.mon);
  let year = s * (tm1.year - tm2.year);
  while (usec < 0) {
    usec += 1_000_000;
    sec--;
  }
  while (sec < 0) {
    sec += 60;
    min--;
  }
  while (min < 0) {
    min += 60;
    hour--;
  }
  while (hour < 0) {
    hour += 24;
    mday--;
  }
  while (mday < 0) {
    const ref = neg ? tm1 : tm2;
    mday += daysInMonth(ref.year, ref.mon);
    mon--;
  }
  while (mon < 0) {
    mon += 12;
    year--;
  }
  return joinInterval({
    year: s * year,
    mon: s * mon,
    mday: s * mday,
    hour: s * hour,
    min: s * min,
    sec: s * sec,
    usec: s * usec,
  });
}

/** Midnight of the current date in the session zone (current_date), as a timestamp. */
function currentDateMidnight(): Tm {
  const { tm } = toLocal(transactionStart(), sessionTimeZone());
  return { ...tm, hour: 0, min: 0, sec: 0, fsec: 0 };
}

/** The transaction start as a timestamptz value. */
function transactionStart(): Timestamp {
  return tsFromMicros(currentSession().transactionStartMicros() + UNIX_EPOCH_USEC);
}

// ---------------------------------------------------------------------------------------------
// Constructors

function validatedDate(year: number, mon: number, mday: number, message: (tm: Tm) => string): Tm {
  const tm: Tm = { year, mon, mday, hour: 0, min: 0, sec: 0, fsec: 0 };
  const bc = tm.year < 0;
  if (bc) tm.year = -tm.year;
  try {
    validateDate(7 << 1, false, bc, { tm, is2digits: false, yday: 0 });
  } catch (e) {
    if (!(e instanceof DateTimeError)) throw e;
    throw new PgError("DATETIME_FIELD_OVERFLOW", `date field value out of range: ${message(tm)}`);
  }
  return tm;
}

const ymd = (y: number, m: number, d: number) => `${y}-${pad0(m, 2)}-${pad0(d, 2)}`;

function makeDate(y: SqliteValue, m: SqliteValue, d: SqliteValue): SqliteValue {
  const tm = validatedDate(num(y), num(m), num(d), (tm) => ymd(tm.year, tm.mon, tm.mday));
  const msg = `date out of range: ${ymd(tm.year, tm.mon, tm.mday)}`;
  if (!isValidJulian(tm.year, tm.mon, tm.mday)) throw new PgError("DATETIME_VALUE_OUT_OF_RANGE", msg);
  const day = date2j(tm.year, tm.mon, tm.mday) - POSTGRES_EPOCH_JDATE;
  if (day < -POSTGRES_EPOCH_JDATE || day >= 2_145_031_949)
    throw new PgError("DATETIME_VALUE_OUT_OF_RANGE", msg);
  return writeDate(day);
}

/** float_time_overflows. */
function timeOverflows(hour: number, min: number, sec: number): boolean {
  if (hour < 0 || hour > 24 || min < 0 || min >= 60) return true;
  if (Number.isNaN(sec)) return true;
  const us = rint(sec * 1e6);
  if (us < 0 || us > 60e6) return true;
  return (hour * 60 + min) * 60 * 1e6 + us > 86_400_000_000;
}

const hms = (h: number, m: number, s: number) => `${h}:${pad0(m, 2)}:${formatG0(s, 2)}`;

function makeTime(h: SqliteValue, m: SqliteValue, s: SqliteValue): SqliteValue {
  const hour = num(h);
  const min = num(m);
  const sec = num(s);
  if (timeOverflows(hour, min, sec))
    throw new PgError("DATETIME_FIELD_OVERFLOW", `time field value out of range: ${hms(hour, min, sec)}`);
  return timeOfDayText((hour * 60 + min) * 60 * 1e6 + rint(sec * 1e6));
}

/** make_timestamp_internal. */
function makeTimestamp(args: SqliteValue[]): Timestamp {
  const [year, month, day, hour, min, sec] = args.map(num) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const tm = validatedDate(year, month, day, () => ymd(year, month, day));
  if (!isValidJulian(tm.year, tm.mon, tm.mday))
    throw new PgError("DATETIME_VALUE_OUT_OF_RANGE", `date out of range: ${ymd(year, month, day)}`);
  if (timeOverflows(hour, min, sec))
    throw new PgError("DATETIME_FIELD_OVERFLOW", `time field value out of range: ${hms(hour, min, sec)}`);
  const date = date2j(tm.year, tm.mon, tm.mday) - POSTGRES_EPOCH_JDATE;
  const time = (hour * 60 + min) * 60 * 1e6 + rint(sec * 1e6);
  const ts = addMicros({ day: date, usec: 0 }, time);
  try {
    return validTimestamp(ts);
  } catch {
    throw new PgError(
      "DATETIME_VALUE_OUT_OF_RANGE",
      `timestamp out of range: ${ymd(year, month, day)} ${hms(hour, min, sec)}`,
    );
  }
}

/** parse_sane_timezone: a numeric offset, an abbreviation or a zone name, resolved at a local time. */
function saneTimezoneOffset(tm: Tm, name: string): number {
  if (/^[0-9]/.test(name)) {
    throw new PgError(
      "INVALID_PARAMETER_VALUE",
      `invalid input syntax for type numeric time zone: "${name}"`,
      {
        hint: 'Numeric time zones must have "-" or "+" as first character.',
      },
    );
  }
  try {
    return decodeTimezone(name);
  } catch (e) {
    if (!(e instanceof DateTimeError)) throw e;
    if (e.code === "tzdisp")
      throw new PgError("INVALID_PARAMETER_VALUE", `numeric time zone "${name}" out of range`);
    if (e.code !== "bad") throw new PgError("INVALID_PARAMETER_VALUE", `time zone "${name}" not recognized`);
  }
  const z = lookupZone(name);
  return z.kind === "fixed" ? z.offset : localOffset(tm, z.zone);
}

function makeTimestamptz(args: SqliteValue[]): SqliteValue {
  const ts = makeTimestamp(args);
  const tm = timestampToTm(ts);
  const offset = args.length > 6 ? saneTimezoneOffset(tm, str(args[6]!)) : localOffset(tm, sessionTimeZone());
  return writeTimestamptz(validTimestamp(addMicros(ts, -offset * 1e6)));
}

/** make_interval as PostgreSQL 15 does it (months and days wrap around on overflow). */
function makeInterval(args: SqliteValue[]): SqliteValue {
  const [years = 0, months = 0, weeks = 0, days = 0, hours = 0, mins = 0] = args.slice(0, 6).map(num);
  const secs = args.length > 6 ? num(args[6]!) : 0;
  if (!Number.isFinite(secs)) throw intervalOutOfRange();
  const us = rint(secs * 1e6);
  // Out of int64's range, the conversion gives INT64_MIN (as PostgreSQL 15's (int64) cast does on x86).
  const secUsec = fitsInt64(us) ? BigInt(us) : -(2n ** 63n);
  const time = BigInt.asIntN(64, BigInt(hours) * 3_600_000_000n + BigInt(mins) * 60_000_000n + secUsec);
  return writeInterval({
    months: (years * 12 + months) | 0,
    days: (weeks * 7 + days) | 0,
    usec: Number(time),
  });
}

// ---------------------------------------------------------------------------------------------
// date_bin

function dateBin(s: SqliteValue, tsv: SqliteValue, originv: SqliteValue): TimestampValue {
  const stride = readInterval(s);
  const ts = readTimestamp(tsv);
  const origin = readTimestamp(originv);
  if (typeof ts === "string") return ts;
  if (typeof origin === "string") throw outOfRange("origin");
  if (stride.months !== 0) {
    throw new PgError(
      "FEATURE_NOT_SUPPORTED",
      "timestamps cannot be binned into intervals containing months or years",
    );
  }
  const strideUsec = BigInt(stride.days) * DAY_USEC_N + BigInt(stride.usec);
  checkInt64(strideUsec);
  if (strideUsec <= 0n) throw new PgError("DATETIME_VALUE_OUT_OF_RANGE", "stride must be greater than zero");
  const diff = tsMicros(ts) - tsMicros(origin);
  const modulo = diff % strideUsec;
  let result = tsMicros(origin) + diff - modulo;
  if (modulo < 0n) result -= strideUsec;
  return validTimestamp(tsFromMicros(result));
}

// ---------------------------------------------------------------------------------------------
// AT TIME ZONE

/** timestamp_zone: the timestamp read as local time in the zone. */
function timestampAtZone(name: SqliteValue, v: SqliteValue): SqliteValue {
  const ts = readTimestamp(v);
  if (typeof ts === "string") return ts;
  const z = lookupZone(str(name));
  if (z.kind === "fixed") return writeTimestamptz(validTimestamp(addMicros(ts, -z.offset * 1e6)));
  const tm = timestampToTm(ts);
  return writeTimestamptz(validTimestamp(tmToTimestamp(tm, localOffset(tm, z.zone))));
}

/** timestamptz_zone: the local time in the zone. */
function timestamptzAtZone(name: SqliteValue, v: SqliteValue): SqliteValue {
  const ts = readTimestamp(v);
  if (typeof ts === "string") return ts;
  const z = lookupZone(str(name));
  if (z.kind === "fixed") return writeTimestamp(validTimestamp(addMicros(ts, z.offset * 1e6)));
  return writeTimestamp(validTimestamp(tmToTimestamp(toLocal(ts, z.zone).tm, 0)));
}

/** The seconds east of UTC an interval time zone means (AT TIME ZONE INTERVAL '...'). */
function intervalZone(v: SqliteValue): number {
  const iv = readInterval(v);
  if (iv.months !== 0 || iv.days !== 0) {
    throw new PgError(
      "INVALID_PARAMETER_VALUE",
      `interval time zone "${intervalText(iv)}" must not include months or days`,
    );
  }
  return Math.trunc(iv.usec / 1e6);
}

/** A timetz moved to another offset, as timetz_zone and timetz_izone do. */
function timetzToOffset(v: SqliteValue, offset: number): SqliteValue {
  const tz = readTimetz(v);
  let usec = tz.usec + (offset - tz.offset) * 1e6;
  while (usec < 0) usec += 86_400_000_000;
  while (usec >= 86_400_000_000) usec -= 86_400_000_000;
  return writeTimetz({ usec, offset });
}

function timetzAtZone(name: SqliteValue, v: SqliteValue): SqliteValue {
  const z = lookupZone(str(name));
  const offset = z.kind === "fixed" ? z.offset : toLocal(transactionStart(), z.zone).offset;
  return timetzToOffset(v, offset);
}

// ---------------------------------------------------------------------------------------------
// Current time

const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** timeofday(): "%a %b %d %H:%M:%S.%06d %Y %Z" of the clock in the session zone. */
function timeofday(): string {
  const now = tsFromMicros(clockMicros() + UNIX_EPOCH_USEC);
  const zone = sessionTimeZone();
  const { tm } = toLocal(now, zone);
  const unix = Number((tsMicros(now) - UNIX_EPOCH_USEC) / 1_000_000n);
  const wday = DAY_NAMES[j2day(date2j(tm.year, tm.mon, tm.mday))]!;
  const two = (n: number) => pad0(n, 2);
  return `${wday} ${MONTH_NAMES[tm.mon - 1]} ${two(tm.mday)} ${two(tm.hour)}:${two(tm.min)}:${two(tm.sec)}.${pad0(tm.fsec, 6)} ${tm.year} ${zone.abbrevAt(unix)}`;
}

function currentTime(withZone: boolean): SqliteValue {
  const { tm, offset } = toLocal(transactionStart(), sessionTimeZone());
  const usec = ((tm.hour * 60 + tm.min) * 60 + tm.sec) * 1e6 + tm.fsec;
  return withZone ? writeTimetz({ usec, offset }) : timeOfDayText(usec);
}

/** to_timestamp(double precision): seconds since 1970-01-01 UTC. */
function toTimestampFromEpoch(v: SqliteValue): SqliteValue {
  const seconds = num(v);
  if (Number.isNaN(seconds)) throw new PgError("DATETIME_VALUE_OUT_OF_RANGE", "timestamp cannot be NaN");
  if (!Number.isFinite(seconds)) return seconds < 0 ? "-infinity" : "infinity";
  const bad = () =>
    new PgError("DATETIME_VALUE_OUT_OF_RANGE", `timestamp out of range: "${formatG(seconds)}"`);
  if (seconds < 86400 * (0 - UNIX_EPOCH_JDATE) || seconds >= 86400 * (109203528 - UNIX_EPOCH_JDATE))
    throw bad();
  const us = rint((seconds - (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * 86400) * 1e6);
  try {
    return writeTimestamptz(validTimestamp(tsFromMicros(BigInt(us))));
  } catch {
    throw bad();
  }
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
// OVERLAPS

/** overlaps_timestamp (and _time, _timetz): the SQL standard's answer, NULL where it is unknown. */
function overlaps<T>(
  s1: T | null,
  e1: T | null,
  s2: T | null,
  e2: T | null,
  cmp: (a: T, b: T) => number,
): SqliteValue {
  if (s1 === null) {
    if (e1 === null) return null;
    s1 = e1;
    e1 = null;
  } else if (e1 !== null && cmp(s1, e1) > 0) {
    [s1, e1] = [e1, s1];
  }
  if (s2 === null) {
    if (e2 === null) return null;
    s2 = e2;
    e2 = null;
  } else if (e2 !== null && cmp(s2, e2) > 0) {
    [s2, e2] = [e2, s2];
  }
  const c = cmp(s1, s2);
  if (c > 0) {
    if (e2 === null) return null;
    if (cmp(s1, e2) < 0) return 1n;
    return e1 === null ? null : 0n;
  }
  if (c < 0) {
    if (e1 === null) return null;
    if (cmp(s2, e1) < 0) return 1n;
    return e2 === null ? null : 0n;
  }
  return e1 === null || e2 === null ? null : 1n;
}

type Kind = "timestamptz" | "timestamp" | "time" | "timetz";

const overlapsRead: Record<Kind, (v: SqliteValue) => unknown> = {
  timestamptz: readTimestamp,
  timestamp: readTimestamp,
  time: readTime,
  timetz: (v) => v,
};

const overlapsCmp: Record<Kind, (a: never, b: never) => number> = {
  timestamptz: compareTimestamps,
  timestamp: compareTimestamps,
  time: (a: number, b: number) => a - b,
  timetz: compareTimetz,
};

/** The end of a period given by its start and length (NULL when either is). */
function periodEnd(kind: Kind, start: SqliteValue, length: SqliteValue): SqliteValue {
  if (start === null || length === null) return null;
  const span = readInterval(length);
  if (kind === "time") return timeOfDayText(wrapTimeOfDay(readTime(start), span.usec));
  const end = timestampPlusInterval(
    readTimestamp(start),
    span,
    kind === "timestamptz" ? sessionTimeZone() : undefined,
  );
  return kind === "timestamptz" ? writeTimestamptz(end) : writeTimestamp(end);
}

function wrapTimeOfDay(usec: number, add: number): number {
  let r = BigInt(usec) + BigInt(add);
  r -= (r / DAY_USEC_N) * DAY_USEC_N;
  if (r < 0n) r += DAY_USEC_N;
  return Number(r);
}

function overlapsDefs(kind: Kind, type: number): FunctionDef[] {
  const read = overlapsRead[kind];
  const cmp = overlapsCmp[kind] as (a: unknown, b: unknown) => number;
  const run = (a: SqliteValue, b: SqliteValue, c: SqliteValue, d: SqliteValue) =>
    overlaps(
      a === null ? null : read(a),
      b === null ? null : read(b),
      c === null ? null : read(c),
      d === null ? null : read(d),
      cmp,
    );
  const volatility: Volatility = kind === "timestamptz" ? "stable" : "immutable";
  const shapes: [number[], (...v: SqliteValue[]) => SqliteValue][] = [
    [[type, type, type, type], (a, b, c, d) => run(a!, b!, c!, d!)],
    [
      [type, INTERVAL, type, INTERVAL],
      (a, b, c, d) => run(a!, periodEnd(kind, a!, b!), c!, periodEnd(kind, c!, d!)),
    ],
    [[type, INTERVAL, type, type], (a, b, c, d) => run(a!, periodEnd(kind, a!, b!), c!, d!)],
    [[type, type, type, INTERVAL], (a, b, c, d) => run(a!, b!, c!, periodEnd(kind, c!, d!))],
  ];
  return shapes
    .filter(([args]) => kind !== "timetz" || !args.includes(INTERVAL))
    .map(([args, impl], i) => ({
      name: "overlaps",
      kind: "udf",
      udfName: `pg_overlaps_${kind}_${i}`,
      args,
      returns: t(BOOL),
      volatility: i === 0 ? "immutable" : volatility,
      strict: false,
      impl: impl as (...args: SqliteValue[]) => SqliteValue,
    }));
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
