// date_trunc and date_bin (PostgreSQL 15's timestamp.c): timestamps and intervals rounded down to
// a unit, or timestamps to a stride from an origin.
import { PgError } from "../../errors/pg-error.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { joinInterval, splitInterval } from "./datetime-arith.js";
import {
  checkInt64,
  DAY_USEC_N,
  type Interval,
  localOffset,
  outOfRange,
  readInterval,
  readTimestamp,
  type TimestampValue,
  type Tm,
  TYPE_TIMESTAMP,
  TYPE_TIMESTAMPTZ,
  tmToTimestamp,
  toLocal,
  tsFromMicros,
  tsMicros,
  validTimestamp,
  type Zone,
} from "./datetime-core.js";
import { date2isoweek, isoweek2date } from "./datetime-iso-weeks.js";
import { decodeUnits, type Unit, unitNotRecognized, unitNotSupported } from "./datetime-units.js";

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
export function truncTimestamp(units: string, v: TimestampValue, zone?: Zone): TimestampValue {
  if (typeof v === "string") return v;
  const typeName = zone ? TYPE_TIMESTAMPTZ : TYPE_TIMESTAMP;
  const d = decodeUnits(units);
  if (d.type !== "units") throw unitNotRecognized(d.low, typeName);
  const { tm, offset } = toLocal(v, zone);
  const redo = truncateTm(d.unit, d.low, typeName, tm);
  const tz = zone && redo ? localOffset(tm, zone) : offset;
  return validTimestamp(tmToTimestamp(tm, tz));
}

export function truncInterval(units: string, v: Interval): Interval {
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

export function dateBin(s: SqliteValue, tsv: SqliteValue, originv: SqliteValue): TimestampValue {
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
