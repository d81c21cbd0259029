// What date/time input takes from the session: the DateStyle field order, the TimeZone and the
// current transaction time (for 'now', 'today' and time with time zone without a zone).
import type { FormatContext } from "../format-context.js";
import { date2j, j2date, type Tm, UNIX_EPOCH_JDATE, USECS_PER_DAY } from "./datetime-calendar.js";
import { parseDateStyle } from "./datetime-format.js";
import type { DateOrder } from "./datetime-parse.js";
import type { Zone } from "./timezone.js";

export interface DecodeOptions {
  order: DateOrder;
  timeZone: string;
  /** Microseconds since 1970-01-01 UTC of the current transaction. */
  now: number;
}

/** The current time in the session zone, broken down (GetCurrentTimeUsec). */
export function currentTm(opts: DecodeOptions, zone: Zone): { tm: Tm; offset: number } {
  const unixSec = Math.floor(opts.now / 1e6);
  const offset = zone.offsetAt(unixSec);
  const local = opts.now + offset * 1e6;
  const day = Math.floor(local / USECS_PER_DAY);
  const usec = local - day * USECS_PER_DAY;
  const [year, mon, mday] = j2date(day + UNIX_EPOCH_JDATE);
  const s = Math.floor(usec / 1e6);
  return {
    tm: {
      year,
      mon,
      mday,
      hour: Math.floor(s / 3600),
      min: Math.floor(s / 60) % 60,
      sec: s % 60,
      fsec: usec % 1e6,
    },
    offset,
  };
}

/** Local wall-clock seconds since 1970 for a broken-down time. */
export function localSeconds(tm: Tm): number {
  return (
    (date2j(tm.year, tm.mon, tm.mday) - UNIX_EPOCH_JDATE) * 86_400 + tm.hour * 3600 + tm.min * 60 + tm.sec
  );
}

/** The DecodeDateTime options for a session's settings. */
export function decodeOptions(ctx: FormatContext): DecodeOptions {
  return {
    order: parseDateStyle(ctx.dateStyle).order,
    timeZone: ctx.timeZone,
    now: ctx.now ? ctx.now() : Math.round((performance.timeOrigin + performance.now()) * 1000),
  };
}
