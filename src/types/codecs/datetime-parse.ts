// The lexical layer of PostgreSQL's date/time input (datetime.c): ParseDateTime splits the string
// into typed fields; DecodeTime and DecodeTimezone read time and offset fields.
import { PgError } from "../../errors/pg-error.js";
import { rint, type Tm } from "./datetime-calendar.js";

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
