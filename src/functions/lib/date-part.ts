// date_part (double precision) and extract (numeric) for timestamps, dates, times and intervals
// (PostgreSQL 15's timestamp_part_common, extract_date, time_part_common, interval_part_common).
import { UNIX_EPOCH_JDATE } from "../../types/codecs/datetime-calendar.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { splitInterval } from "./datetime-arith.js";
import { UNIX_EPOCH_USEC } from "./datetime-clock.js";
import {
  DAY_USEC_N,
  type DateValue,
  date2j,
  decimalText,
  type Interval,
  j2date,
  POSTGRES_EPOCH_JDATE,
  type TimestampValue,
  TYPE_TIME,
  TYPE_TIMESTAMP,
  TYPE_TIMESTAMPTZ,
  TYPE_TIMETZ,
  toLocal,
  tsMicros,
  type Zone,
} from "./datetime-core.js";
import { date2isoweek, date2isoyear, j2day } from "./datetime-iso-weeks.js";
import { decodeUnitsOrSpecial, unitNotRecognized, unitNotSupported } from "./datetime-units.js";

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

export function timestampPart(
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
export function datePart(units: string, v: DateValue): SqliteValue {
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
export function timePart(
  units: string,
  usec: number,
  offset: number | undefined,
  numeric: boolean,
): SqliteValue {
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
export function intervalPart(units: string, v: Interval, numeric: boolean): SqliteValue {
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
