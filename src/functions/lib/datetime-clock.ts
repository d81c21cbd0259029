// The current time as the date/time functions see it: the transaction start (current_time,
// localtime, today's midnight for age), the wall clock (timeofday), and to_timestamp(double
// precision) from seconds since the Unix epoch.
import { PgError } from "../../errors/pg-error.js";
import { rint, timeOfDayText, UNIX_EPOCH_JDATE } from "../../types/codecs/datetime-calendar.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { clockMicros, currentSession } from "../runtime.js";
import {
  DAY_USEC_N,
  date2j,
  num,
  POSTGRES_EPOCH_JDATE,
  sessionTimeZone,
  type Timestamp,
  type Tm,
  toLocal,
  tsFromMicros,
  tsMicros,
  validTimestamp,
  writeTimestamptz,
  writeTimetz,
} from "./datetime-core.js";
import { j2day } from "./datetime-iso-weeks.js";
import { formatG, pad0 } from "./datetime-printf.js";

export const UNIX_EPOCH_USEC = BigInt(UNIX_EPOCH_JDATE - POSTGRES_EPOCH_JDATE) * DAY_USEC_N;

/** Midnight of the current date in the session zone (current_date), as a timestamp. */
export function currentDateMidnight(): Tm {
  const { tm } = toLocal(transactionStart(), sessionTimeZone());
  return { ...tm, hour: 0, min: 0, sec: 0, fsec: 0 };
}

/** The transaction start as a timestamptz value. */
export function transactionStart(): Timestamp {
  return tsFromMicros(currentSession().transactionStartMicros() + UNIX_EPOCH_USEC);
}

const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** timeofday(): "%a %b %d %H:%M:%S.%06d %Y %Z" of the clock in the session zone. */
export function timeofday(): string {
  const now = tsFromMicros(clockMicros() + UNIX_EPOCH_USEC);
  const zone = sessionTimeZone();
  const { tm } = toLocal(now, zone);
  const unix = Number((tsMicros(now) - UNIX_EPOCH_USEC) / 1_000_000n);
  const wday = DAY_NAMES[j2day(date2j(tm.year, tm.mon, tm.mday))]!;
  const two = (n: number) => pad0(n, 2);
  return `${wday} ${MONTH_NAMES[tm.mon - 1]} ${two(tm.mday)} ${two(tm.hour)}:${two(tm.min)}:${two(tm.sec)}.${pad0(tm.fsec, 6)} ${tm.year} ${zone.abbrevAt(unix)}`;
}

export function currentTime(withZone: boolean): SqliteValue {
  const { tm, offset } = toLocal(transactionStart(), sessionTimeZone());
  const usec = ((tm.hour * 60 + tm.min) * 60 + tm.sec) * 1e6 + tm.fsec;
  return withZone ? writeTimetz({ usec, offset }) : timeOfDayText(usec);
}

/** to_timestamp(double precision): seconds since 1970-01-01 UTC. */
export function toTimestampFromEpoch(v: SqliteValue): SqliteValue {
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
