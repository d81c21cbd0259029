// age(timestamp, timestamp) as PostgreSQL 15's timestamp_age and timestamptz_age compute it:
// field by field differences, borrowing from the next larger field.

import { joinInterval } from "./datetime-arith.js";
import {
  compareTimestamps,
  daysInMonth,
  type Interval,
  outOfRange,
  type TimestampValue,
  type Tm,
  timestampToTm,
  toLocal,
  tsFromMicros,
  type Zone,
} from "./datetime-core.js";

const INT64_MAX = 0x7fffffffffffffffn;

/** The broken-down time timestamp2tm gives even for the infinities (PostgreSQL 15 does not check). */
function ageTm(v: TimestampValue, zone?: Zone): Tm {
  if (typeof v !== "string") return toLocal(v, zone).tm;
  if (v === "-infinity") throw outOfRange();
  return timestampToTm(tsFromMicros(INT64_MAX));
}

export function age(a: TimestampValue, b: TimestampValue, zone?: Zone): Interval {
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
