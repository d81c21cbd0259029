// The accumulator of interval input (struct pg_itm_in with the Adjust* functions of PostgreSQL 15's
// datetime.c), checking for int32/int64 overflow as PostgreSQL does.
import { USECS_PER_DAY } from "./datetime-calendar.js";
import { overflow } from "./datetime-parse.js";

/** An interval as PostgreSQL holds it: months, days and microseconds, each with its own sign. */
export interface Interval {
  months: number;
  days: number;
  usec: number;
}

export const USECS_PER_HOUR = 3_600_000_000;
export const USECS_PER_MINUTE = 60_000_000;
const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;
// int64's range; doubles cannot hold 2^63 - 1 exactly, so the check is at 2^63.
const INT64_LIMIT = 2 ** 63;

export function checkInt32(v: number): number {
  if (!Number.isFinite(v) || v > INT32_MAX || v < INT32_MIN) throw overflow();
  return v;
}

export function checkInt64(v: number): number {
  if (!Number.isFinite(v) || Math.abs(v) >= INT64_LIMIT) throw overflow();
  return v;
}

/** The itm_in accumulator of DecodeInterval, with PostgreSQL's overflow checks. */
export class Acc {
  usec = 0;
  days = 0;
  months = 0;
  years = 0;

  fractMicros(frac: number, scale: number): void {
    if (frac === 0) return;
    frac *= scale;
    let u = Math.trunc(frac);
    frac -= u;
    if (frac > 0.5) u++;
    else if (frac < -0.5) u--;
    this.usec = checkInt64(this.usec + u);
  }

  fractDays(frac: number, scale: number): void {
    if (frac === 0) return;
    frac *= scale;
    const extra = Math.trunc(frac);
    this.days = checkInt32(this.days + extra);
    this.fractMicros(frac - extra, USECS_PER_DAY);
  }

  fractYears(frac: number, scale: number): void {
    const extra = roundHalfEven(frac * scale * 12);
    this.months = checkInt32(this.months + extra);
  }

  micros(val: number, frac: number, scale: number): void {
    this.usec = checkInt64(this.usec + checkInt64(val * scale));
    this.fractMicros(frac, scale);
  }

  addDays(val: number, scale: number): void {
    this.days = checkInt32(this.days + checkInt32(checkInt32(val) * scale));
  }

  addMonths(val: number): void {
    this.months = checkInt32(this.months + checkInt32(val));
  }

  addYears(val: number, scale: number): void {
    this.years = checkInt32(this.years + checkInt32(checkInt32(val) * scale));
  }

  result(): Interval {
    const months = checkInt32(this.years * 12 + this.months);
    return { months, days: this.days, usec: this.usec };
  }
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
