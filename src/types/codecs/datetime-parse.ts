// The lexical layer of PostgreSQL's date/time input (datetime.c): ParseDateTime splits the string
// into typed fields, and the Decode* helpers below turn single fields into struct pg_tm parts.
import { PgError } from "../../errors/pg-error.js";
import { date2j, daysInMonth, j2date, rint, type Tm } from "./datetime-calendar.js";

export type FieldType = "number" | "string" | "date" | "time" | "tz" | "special";

export interface Field {
  text: string;
  type: FieldType;
}

/** A DTERR code of datetime.c; the caller turns it into DateTimeParseError's message. */
export class DateTimeError extends Error {
  constructor(readonly code: "bad" | "field" | "mdfield" | "tzdisp" | "interval") {
    super(code);
  }
}

export const bad = (): DateTimeError => new DateTimeError("bad");
export const overflow = (): DateTimeError => new DateTimeError("field");

/** DateTimeParseError: the SQLSTATE and message PostgreSQL reports for a DTERR code. */
export function dateTimeParseError(e: unknown, text: string, sqlName: string): unknown {
  if (!(e instanceof DateTimeError)) return e;
  switch (e.code) {
    case "field":
      return new PgError("DATETIME_FIELD_OVERFLOW", `date/time field value out of range: "${text}"`);
    case "mdfield":
      return new PgError("DATETIME_FIELD_OVERFLOW", `date/time field value out of range: "${text}"`, {
        hint: 'Perhaps you need a different "datestyle" setting.',
      });
    case "interval":
      return new PgError("INTERVAL_FIELD_OVERFLOW", `interval field value out of range: "${text}"`);
    case "tzdisp":
      return new PgError(
        "INVALID_TIME_ZONE_DISPLACEMENT_VALUE",
        `time zone displacement out of range: "${text}"`,
      );
    default:
      return new PgError("INVALID_DATETIME_FORMAT", `invalid input syntax for type ${sqlName}: "${text}"`);
  }
}

// Field masks: DTK_M(type) with the token type numbers of datetime.h.
export const M = {
  RESERV: 1 << 0,
  MONTH: 1 << 1,
  YEAR: 1 << 2,
  DAY: 1 << 3,
  TZ: 1 << 5,
  DTZ: 1 << 6,
  AMPM: 1 << 9,
  HOUR: 1 << 10,
  MINUTE: 1 << 11,
  SECOND: 1 << 12,
  MILLISECOND: 1 << 13,
  MICROSECOND: 1 << 14,
  DOY: 1 << 15,
  DOW: 1 << 16,
  ADBC: 1 << 18,
  DTZMOD: 1 << 28,
} as const;
export const DATE_M = M.YEAR | M.MONTH | M.DAY;
export const ALL_SECS_M = M.SECOND | M.MILLISECOND | M.MICROSECOND;
export const TIME_M = M.HOUR | M.MINUTE | ALL_SECS_M;

/** The date order of the DateStyle setting. */
export type DateOrder = "MDY" | "DMY" | "YMD";

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isPunct = (c: number) => c > 32 && c < 127 && !isDigit(c) && !isAlpha(c);

/**
 * ParseDateTime: fields of digits (number, date "1999-01-08", time "04:05"), words (string),
 * signed offsets (tz "+05:30"), signed words (special "-infinity") and zone names (date).
 */
export function parseDateTimeFields(s: string, isKeyword: (word: string) => boolean): Field[] {
  const fields: Field[] = [];
  let i = 0;
  const n = s.length;
  const c = (k: number) => s.charCodeAt(k);
  while (i < n) {
    if (isSpace(c(i))) {
      i++;
      continue;
    }
    const start = i;
    let type: FieldType;
    if (isDigit(c(i))) {
      while (i < n && isDigit(c(i))) i++;
      if (c(i) === 58) {
        type = "time";
        i++;
        while (i < n && (isDigit(c(i)) || c(i) === 58 || c(i) === 46)) i++;
      } else if (c(i) === 45 || c(i) === 47 || c(i) === 46) {
        const delim = c(i);
        i++;
        if (isDigit(c(i))) {
          type = delim === 46 ? "number" : "date";
          while (i < n && isDigit(c(i))) i++;
          if (c(i) === delim) {
            type = "date";
            i++;
            while (i < n && (isDigit(c(i)) || c(i) === delim)) i++;
          }
        } else {
          type = "date";
          while (i < n && (isDigit(c(i)) || isAlpha(c(i)) || c(i) === delim)) i++;
        }
      } else {
        type = "number";
      }
    } else if (c(i) === 46) {
      i++;
      while (i < n && isDigit(c(i))) i++;
      type = "number";
    } else if (isAlpha(c(i))) {
      type = "string";
      while (i < n && isAlpha(c(i))) i++;
      // Dates with embedded separators ("jan-08-1999") or zone names ("America/New_York").
      let isDate = c(i) === 45 || c(i) === 47 || c(i) === 46;
      if (!isDate && (c(i) === 43 || isDigit(c(i)))) isDate = !isKeyword(s.slice(start, i).toLowerCase());
      if (isDate) {
        type = "date";
        do i++;
        while (i < n && (isDigit(c(i)) || isAlpha(c(i)) || [43, 45, 47, 95, 46, 58].includes(c(i))));
      }
    } else if (c(i) === 43 || c(i) === 45) {
      const sign = s[i]!;
      i++;
      while (i < n && isSpace(c(i))) i++;
      const bodyStart = i;
      if (isDigit(c(i))) {
        type = "tz";
        while (i < n && (isDigit(c(i)) || c(i) === 58 || c(i) === 46 || c(i) === 45)) i++;
      } else if (isAlpha(c(i))) {
        type = "special";
        while (i < n && isAlpha(c(i))) i++;
      } else {
        throw bad();
      }
      fields.push({ text: (sign + s.slice(bodyStart, i)).toLowerCase(), type });
      continue;
    } else if (isPunct(c(i))) {
      i++;
      continue;
    } else {
      throw bad();
    }
    fields.push({ text: s.slice(start, i).toLowerCase(), type });
  }
  return fields;
}

/** strtoint: leading digits of s from `from` (with optional sign); returns [value, end]. */
export function leadingInt(s: string, from = 0): [number, number] {
  let i = from;
  if (s[i] === "+" || s[i] === "-") i++;
  const digitsStart = i;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  if (i === digitsStart) return [Number.NaN, from];
  const v = Number(s.slice(from, i));
  if (v > 2147483647 || v < -2147483648) throw overflow();
  return [v, i];
}

/** ParseFractionalSecond: ".123" to microseconds, rounded like rint(frac * 1e6). */
export function parseFraction(s: string): number {
  if (!/^\.\d*$/.test(s) || s === ".") {
    if (s === ".") return 0;
    throw bad();
  }
  return rint(Number(s) * 1e6);
}

/** DecodeTimezone: "+hh", "+hh:mm", "+hh:mm:ss", "+hhmm" to seconds east of UTC. */
export function decodeTimezone(s: string): number {
  if (s[0] !== "+" && s[0] !== "-") throw bad();
  let [hr, i] = leadingInt(s, 1);
  if (Number.isNaN(hr)) throw bad();
  let min = 0;
  let sec = 0;
  if (s[i] === ":") {
    [min, i] = leadingInt(s, i + 1);
    if (Number.isNaN(min)) min = 0;
    if (s[i] === ":") {
      [sec, i] = leadingInt(s, i + 1);
      if (Number.isNaN(sec)) sec = 0;
    }
  } else if (i === s.length && s.length > 3) {
    min = hr % 100;
    hr = Math.trunc(hr / 100);
  }
  if (hr < 0 || hr > 15 || min < 0 || min >= 60 || sec < 0 || sec >= 60) throw new DateTimeError("tzdisp");
  const tz = (hr * 60 + min) * 60 + sec;
  if (i !== s.length) throw bad();
  return s[0] === "-" ? -tz : tz;
}

/** Mutable decoding state shared by DecodeDateTime and the field decoders. */
export interface DecodeState {
  tm: Tm;
  is2digits: boolean;
  yday: number;
}

/**
 * DecodeNumberField: run-together "yyyymmdd", "yymmdd", "hhmmss", "hhmm", optionally with a
 * fraction. Returns the field mask it set.
 */
export function decodeNumberField(str: string, fmask: number, st: DecodeState): number {
  const tm = st.tm;
  const dot = str.indexOf(".");
  if (dot >= 0) {
    const frac = str.slice(dot);
    if (!/^\.\d*$/.test(frac)) throw bad();
    st.tm.fsec = frac === "." ? 0 : rint(Number(frac) * 1e6);
    str = str.slice(0, dot);
  } else if ((fmask & DATE_M) !== DATE_M && str.length >= 6) {
    const len = str.length;
    tm.mday = Number(str.slice(len - 2));
    tm.mon = Number(str.slice(len - 4, len - 2));
    tm.year = Number(str.slice(0, len - 4));
    if (len - 4 === 2) st.is2digits = true;
    return DATE_M;
  }
  if ((fmask & TIME_M) !== TIME_M) {
    if (str.length === 6) {
      tm.sec = Number(str.slice(4));
      tm.min = Number(str.slice(2, 4));
      tm.hour = Number(str.slice(0, 2));
      return TIME_M;
    }
    if (str.length === 4) {
      tm.sec = 0;
      tm.min = Number(str.slice(2));
      tm.hour = Number(str.slice(0, 2));
      return TIME_M;
    }
  }
  throw bad();
}

/** DecodeNumber: one numeric field placed by what is already known and the DateStyle order. */
export function decodeNumber(
  str: string,
  haveTextMonth: boolean,
  fmask: number,
  st: DecodeState,
  order: DateOrder,
): number {
  const tm = st.tm;
  const flen = str.length;
  const [val, end] = leadingInt(str);
  if (Number.isNaN(val) || str[0] === "+" || str[0] === "-") throw bad();
  if (str[end] === ".") {
    if (end > 2) return decodeNumberField(str, fmask | DATE_M, st);
    tm.fsec = parseFraction(str.slice(end));
  } else if (end !== flen) {
    throw bad();
  }
  if (flen === 3 && (fmask & DATE_M) === M.YEAR && val >= 1 && val <= 366) {
    st.yday = val;
    return M.DOY | M.MONTH | M.DAY;
  }
  let tmask: number;
  switch (fmask & DATE_M) {
    case 0:
      if (flen >= 3 || order === "YMD") {
        tmask = M.YEAR;
        tm.year = val;
      } else if (order === "DMY") {
        tmask = M.DAY;
        tm.mday = val;
      } else {
        tmask = M.MONTH;
        tm.mon = val;
      }
      break;
    case M.YEAR:
      tmask = M.MONTH;
      tm.mon = val;
      break;
    case M.MONTH:
      if (haveTextMonth && (flen >= 3 || order === "YMD")) {
        tmask = M.YEAR;
        tm.year = val;
      } else {
        tmask = M.DAY;
        tm.mday = val;
      }
      break;
    case M.YEAR | M.MONTH:
      tmask = M.DAY;
      if (haveTextMonth && flen >= 3 && st.is2digits) {
        // DD-MON-YYYY: the field taken as a two-digit year was the day.
        tm.mday = tm.year;
        tm.year = val;
        st.is2digits = false;
      } else {
        tm.mday = val;
      }
      break;
    case M.DAY:
      tmask = M.MONTH;
      tm.mon = val;
      break;
    case M.MONTH | M.DAY:
      tmask = M.YEAR;
      tm.year = val;
      break;
    case DATE_M:
      return decodeNumberField(str, fmask, st);
    default:
      throw bad();
  }
  if (tmask === M.YEAR) st.is2digits = flen <= 2;
  return tmask;
}

/** DecodeDate: a field like "1999-01-08", "1/8/1999", "jan-08-1999" or "1999.008". */
export function decodeDate(
  str: string,
  fmask: number,
  st: DecodeState,
  order: DateOrder,
  monthOf: (word: string) => number | undefined,
): number {
  const parts: string[] = [];
  let i = 0;
  while (i < str.length) {
    while (i < str.length && !/[0-9a-z]/i.test(str[i]!)) i++;
    if (i >= str.length) throw bad();
    const start = i;
    if (isDigit(str.charCodeAt(i))) while (i < str.length && isDigit(str.charCodeAt(i))) i++;
    else while (i < str.length && isAlpha(str.charCodeAt(i))) i++;
    parts.push(str.slice(start, i));
    if (i < str.length) i++;
  }
  let tmask = 0;
  let haveTextMonth = false;
  const numeric: string[] = [];
  for (const p of parts) {
    if (!isAlpha(p.charCodeAt(0))) {
      numeric.push(p);
      continue;
    }
    const mon = monthOf(p);
    if (mon === undefined || fmask & M.MONTH) throw bad();
    st.tm.mon = mon;
    haveTextMonth = true;
    fmask |= M.MONTH;
    tmask |= M.MONTH;
  }
  for (const p of numeric) {
    if (p.length === 0) throw bad();
    const dmask = decodeNumber(p, haveTextMonth, fmask, st, order);
    if (fmask & dmask) throw bad();
    fmask |= dmask;
    tmask |= dmask;
  }
  if ((fmask & ~(M.DOY | M.TZ)) !== DATE_M) throw bad();
  return tmask;
}

/** DecodeTime: "hh:mm", "hh:mm:ss", "hh:mm:ss.fff", "mm:ss.fff" (the last counts as minutes:seconds). */
export function decodeTime(str: string, tm: Tm, minuteToSecond = false): void {
  let [hour, i] = leadingInt(str);
  if (str[i] !== ":") throw bad();
  let min: number;
  [min, i] = leadingInt(str, i + 1);
  if (Number.isNaN(min)) throw bad();
  let sec = 0;
  let fsec = 0;
  if (i === str.length) {
    if (minuteToSecond) {
      sec = min;
      min = hour;
      hour = 0;
    }
  } else if (str[i] === ".") {
    fsec = parseFraction(str.slice(i));
    sec = min;
    min = hour;
    hour = 0;
  } else if (str[i] === ":") {
    [sec, i] = leadingInt(str, i + 1);
    if (Number.isNaN(sec)) throw bad();
    if (i < str.length) {
      if (str[i] !== ".") throw bad();
      fsec = parseFraction(str.slice(i));
    }
  } else {
    throw bad();
  }
  if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > 1e6) throw overflow();
  tm.hour = hour;
  tm.min = min;
  tm.sec = sec;
  tm.fsec = fsec;
}

/** ValidateDate: BC years, two-digit years (1970-2069), day-of-year, month and day ranges. */
export function validateDate(fmask: number, isJulian: boolean, bc: boolean, st: DecodeState): void {
  const tm = st.tm;
  if (fmask & M.YEAR) {
    if (isJulian) {
      // The Julian day already gave an astronomical year.
    } else if (bc) {
      if (tm.year <= 0) throw overflow();
      tm.year = -(tm.year - 1);
    } else if (st.is2digits) {
      if (tm.year < 0) throw overflow();
      if (tm.year < 70) tm.year += 2000;
      else if (tm.year < 100) tm.year += 1900;
    } else if (tm.year <= 0) {
      throw overflow();
    }
  }
  if (fmask & M.DOY) [tm.year, tm.mon, tm.mday] = j2date(date2j(tm.year, 1, 1) + st.yday - 1);
  if (fmask & M.MONTH && (tm.mon < 1 || tm.mon > 12)) throw new DateTimeError("mdfield");
  if (fmask & M.DAY && (tm.mday < 1 || tm.mday > 31)) throw new DateTimeError("mdfield");
  if ((fmask & DATE_M) === DATE_M && tm.mday > daysInMonth(tm.year, tm.mon)) throw overflow();
}
