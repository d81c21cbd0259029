// The field decoders of PostgreSQL's date/time input (datetime.c): DecodeDate, DecodeNumber,
// DecodeNumberField and ValidateDate, which turn single fields into struct pg_tm parts.
import { date2j, daysInMonth, j2date, rint, type Tm } from "./datetime-calendar.js";
import {
  bad,
  DATE_M,
  type DateOrder,
  DateTimeError,
  leadingInt,
  M,
  overflow,
  parseFraction,
  TIME_M,
} from "./datetime-parse.js";

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

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
