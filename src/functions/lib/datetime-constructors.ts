// make_date, make_time, make_timestamp, make_timestamptz and make_interval (PostgreSQL 15's
// date.c and timestamp.c), with their field range checks and messages.
import { PgError } from "../../errors/pg-error.js";
import { isValidJulian, rint, timeOfDayText } from "../../types/codecs/datetime-calendar.js";
import { validateDate } from "../../types/codecs/datetime-fields.js";
import { DateTimeError, decodeTimezone } from "../../types/codecs/datetime-parse.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import {
  addMicros,
  date2j,
  fitsInt64,
  intervalOutOfRange,
  localOffset,
  lookupZone,
  num,
  POSTGRES_EPOCH_JDATE,
  sessionTimeZone,
  str,
  type Timestamp,
  type Tm,
  timestampToTm,
  validTimestamp,
  writeDate,
  writeInterval,
  writeTimestamptz,
} from "./datetime-core.js";
import { formatG0, pad0 } from "./datetime-printf.js";

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

export function makeDate(y: SqliteValue, m: SqliteValue, d: SqliteValue): SqliteValue {
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

export function makeTime(h: SqliteValue, m: SqliteValue, s: SqliteValue): SqliteValue {
  const hour = num(h);
  const min = num(m);
  const sec = num(s);
  if (timeOverflows(hour, min, sec))
    throw new PgError("DATETIME_FIELD_OVERFLOW", `time field value out of range: ${hms(hour, min, sec)}`);
  return timeOfDayText((hour * 60 + min) * 60 * 1e6 + rint(sec * 1e6));
}

/** make_timestamp_internal. */
export function makeTimestamp(args: SqliteValue[]): Timestamp {
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

export function makeTimestamptz(args: SqliteValue[]): SqliteValue {
  const ts = makeTimestamp(args);
  const tm = timestampToTm(ts);
  const offset = args.length > 6 ? saneTimezoneOffset(tm, str(args[6]!)) : localOffset(tm, sessionTimeZone());
  return writeTimestamptz(validTimestamp(addMicros(ts, -offset * 1e6)));
}

/** make_interval as PostgreSQL 15 does it (months and days wrap around on overflow). */
export function makeInterval(args: SqliteValue[]): SqliteValue {
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
