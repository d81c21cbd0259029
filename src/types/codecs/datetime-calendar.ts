// Calendar arithmetic shared by the date/time codecs, after PostgreSQL's datetime.c (date2j, j2date)
// and timestamp.h. Timestamps are held as whole days since 2000-01-01 plus microseconds of the day,
// which keeps every value of PostgreSQL's range exact in JavaScript numbers.

export const POSTGRES_EPOCH_JDATE = 2451545;
export const UNIX_EPOCH_JDATE = 2440588;
export const USECS_PER_SEC = 1_000_000;
export const USECS_PER_DAY = 86_400_000_000;
export const SECS_PER_DAY = 86_400;

/** The first and one-past-last day of the timestamp range (4714-11-24 BC .. 294277-01-01). */
export const MIN_TIMESTAMP_DAY = -POSTGRES_EPOCH_JDATE;
export const END_TIMESTAMP_DAY = 106_751_983;
/** The date range: Julian day 0 .. 5874898-01-01. */
export const END_DATE_DAY = 2_145_031_949;

export const DAYS_IN_MONTH = [
  [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
  [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
] as const;

export const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];
export const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Broken-down time, PostgreSQL's struct pg_tm plus fsec. Years are astronomical (0 = 1 BC). */
export interface Tm {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
  /** Microseconds within the second. */
  fsec: number;
}

export function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

export function daysInMonth(y: number, m: number): number {
  return DAYS_IN_MONTH[isLeap(y) ? 1 : 0][m - 1]!;
}

/** Julian day number of a proleptic Gregorian date (date2j). */
export function date2j(y: number, m: number, d: number): number {
  if (m > 2) {
    m += 1;
    y += 4800;
  } else {
    m += 13;
    y += 4799;
  }
  const century = Math.trunc(y / 100);
  let julian = y * 365 - 32167;
  julian += Math.trunc(y / 4) - century + Math.trunc(century / 4);
  julian += Math.trunc((7834 * m) / 256) + d;
  return julian;
}

/** Calendar date of a Julian day number (j2date); valid for jd >= 0. */
export function j2date(jd: number): [number, number, number] {
  let julian = jd + 32044;
  let quad = Math.floor(julian / 146097);
  const extra = (julian - quad * 146097) * 4 + 3;
  julian += 60 + quad * 3 + Math.floor(extra / 146097);
  quad = Math.floor(julian / 1461);
  julian -= quad * 1461;
  let y = Math.floor((julian * 4) / 1461);
  julian = (y !== 0 ? (julian + 305) % 365 : (julian + 306) % 366) + 123;
  y += quad * 4;
  const q = Math.floor((julian * 2141) / 65536);
  return [y - 4800, ((q + 10) % 12) + 1, julian - Math.floor((7834 * q) / 256)];
}

/** Day of week, 0 = Sunday (j2day). */
export function j2day(jd: number): number {
  return (((jd + 1) % 7) + 7) % 7;
}

/** IS_VALID_JULIAN: from November 4714 BC up to May 5874898 (the day is not checked, as in PostgreSQL). */
export function isValidJulian(y: number, m: number, _d: number): boolean {
  if (y < -4713 || (y === -4713 && m < 11)) return false;
  return y < 5874898 || (y === 5874898 && m < 6);
}

/** C's rint(): round half to even. */
export function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function pad4(n: number): string {
  return n >= 1000 ? String(n) : String(n).padStart(4, "0");
}

/** Seconds with the fraction, trailing zeros trimmed (AppendSeconds with fillzeros). */
export function secondsText(sec: number, fsec: number): string {
  const s = pad2(sec);
  if (fsec === 0) return s;
  let f = String(fsec).padStart(6, "0");
  let end = f.length;
  while (end > 1 && f.charCodeAt(end - 1) === 48) end--;
  f = f.slice(0, end);
  return `${s}.${f}`;
}

/** A time of day in microseconds split into hours, minutes, seconds and microseconds. */
export function splitTime(usec: number): [number, number, number, number] {
  const totalSec = Math.floor(usec / USECS_PER_SEC);
  const fsec = usec - totalSec * USECS_PER_SEC;
  const hour = Math.floor(totalSec / 3600);
  const rest = totalSec - hour * 3600;
  return [hour, Math.floor(rest / 60), rest % 60, fsec];
}

/** "HH:MM:SS[.ffffff]" for microseconds since midnight (up to 24:00:00). */
export function timeOfDayText(usec: number): string {
  const [h, m, s, f] = splitTime(usec);
  return `${pad2(h)}:${pad2(m)}:${secondsText(s, f)}`;
}

/** Rounds microseconds to `precision` fractional digits, half away from zero (AdjustTimestampForTypmod). */
export function roundMicros(usec: number, precision: number): number {
  if (precision < 0 || precision >= 6) return usec;
  const scale = 10 ** (6 - precision);
  const half = scale / 2;
  if (usec >= 0) return Math.floor((usec + half) / scale) * scale;
  return -Math.floor((-usec + half) / scale) * scale;
}
