// to_date and to_timestamp(text, text): do_to_timestamp of PostgreSQL 15's formatting.c, which
// turns the fields read by the template into a date or a timestamp with time zone.
import { PgError } from "../../errors/pg-error.js";
import { isValidJulian, type Tm } from "../../types/codecs/datetime-calendar.js";
import { validateDate } from "../../types/codecs/datetime-fields.js";
import { DateTimeError, dateTimeParseError } from "../../types/codecs/datetime-parse.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import {
  date2j,
  j2date,
  localOffset,
  POSTGRES_EPOCH_JDATE,
  roundTimestampTo,
  sessionTimeZone,
  str,
  type Timestamp,
  tmToTimestamp,
  validTimestamp,
  writeDate,
  writeTimestamptz,
} from "./datetime-core.js";
import { isoweek2date, isoweek2j, isoweekdate2date } from "./datetime-iso-weeks.js";
import { parseFormat } from "./datetime-template.js";
import { formatError, newTmfc } from "./to-timestamp-fields.js";
import { dchFromChar } from "./to-timestamp-scan.js";

const YSUM = [
  [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
  [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366],
];

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

interface Parsed {
  tm: Tm;
  /** Seconds east of UTC given by TZH/TZM, if any. */
  offset: number | undefined;
  fprec: number;
}

/** do_to_timestamp: the source parsed by the template into a broken-down time. */
function doToTimestamp(input: string, fmt: string): Parsed {
  const tmfc = fmt === "" ? newTmfc() : dchFromChar(parseFormat(fmt), input);
  const tm: Tm = { year: 0, mon: 1, mday: 1, hour: 0, min: 0, sec: 0, fsec: 0 };
  const fieldOverflow = () => dateTimeParseError(new DateTimeError("field"), input, "timestamp");
  let fmask = 0;
  if (tmfc.ssss) {
    let x = tmfc.ssss;
    tm.hour = Math.trunc(x / 3600);
    x %= 3600;
    tm.min = Math.trunc(x / 60);
    tm.sec = x % 60;
  }
  if (tmfc.ss) tm.sec = tmfc.ss;
  if (tmfc.mi) tm.min = tmfc.mi;
  if (tmfc.hh) tm.hour = tmfc.hh;
  if (tmfc.clock12) {
    if (tm.hour < 1 || tm.hour > 12) {
      throw formatError(`hour "${tm.hour}" is invalid for the 12-hour clock`, {
        hint: "Use the 24-hour clock, or give an hour between 1 and 12.",
      });
    }
    if (tmfc.pm && tm.hour < 12) tm.hour += 12;
    else if (!tmfc.pm && tm.hour === 12) tm.hour = 0;
  }
  if (tmfc.year) {
    if (tmfc.cc && tmfc.yysz <= 2) {
      if (tmfc.bc) tmfc.cc = -tmfc.cc;
      tm.year = tmfc.year % 100;
      if (tm.year) {
        if (tmfc.cc >= 0) tm.year += (tmfc.cc - 1) * 100;
        else tm.year = (tmfc.cc + 1) * 100 - tm.year + 1;
      } else {
        tm.year = tmfc.cc * 100 + (tmfc.cc >= 0 ? 0 : 1);
      }
    } else {
      tm.year = tmfc.year;
      if (tmfc.bc) tm.year = -tm.year;
      if (tm.year < 0) tm.year++;
    }
    fmask |= 1 << 2;
  } else if (tmfc.cc) {
    if (tmfc.bc) tmfc.cc = -tmfc.cc;
    tm.year = tmfc.cc >= 0 ? (tmfc.cc - 1) * 100 + 1 : tmfc.cc * 100 + 1;
    fmask |= 1 << 2;
  }
  if (tmfc.j) {
    [tm.year, tm.mon, tm.mday] = j2date(tmfc.j);
    fmask |= 7 << 1;
  }
  if (tmfc.ww) {
    if (tmfc.mode === "isoweek") {
      [tm.year, tm.mon, tm.mday] = tmfc.d
        ? isoweekdate2date(tmfc.ww, tmfc.d, tm.year)
        : isoweek2date(tmfc.ww, tm.year);
      fmask |= 7 << 1;
    } else {
      tmfc.ddd = (tmfc.ww - 1) * 7 + 1;
    }
  }
  if (tmfc.w) tmfc.dd = (tmfc.w - 1) * 7 + 1;
  if (tmfc.dd) {
    tm.mday = tmfc.dd;
    fmask |= 1 << 3;
  }
  if (tmfc.mm) {
    tm.mon = tmfc.mm;
    fmask |= 1 << 1;
  }
  if (tmfc.ddd && (tm.mon <= 1 || tm.mday <= 1)) {
    if (!tm.year && !tmfc.bc) throw formatError("cannot calculate day of year without year information");
    if (tmfc.mode === "isoweek") {
      const j0 = isoweek2j(tm.year, 1) - 1;
      [tm.year, tm.mon, tm.mday] = j2date(j0 + tmfc.ddd);
      fmask |= 7 << 1;
    } else {
      const y = YSUM[isLeap(tm.year) ? 1 : 0]!;
      let m = 1;
      for (; m <= 12; m++) if (tmfc.ddd <= y[m]!) break;
      if (tm.mon <= 1) tm.mon = m;
      if (tm.mday <= 1) tm.mday = tmfc.ddd - y[m - 1]!;
      fmask |= (1 << 1) | (1 << 3);
    }
  }
  if (tmfc.ms) tm.fsec += tmfc.ms * 1000;
  if (tmfc.us) tm.fsec += tmfc.us;
  if (fmask !== 0) {
    try {
      validateDate(fmask, true, false, { tm, is2digits: false, yday: 0 });
    } catch (e) {
      if (e instanceof DateTimeError) throw fieldOverflow();
      throw e;
    }
  }
  if (
    tm.hour < 0 ||
    tm.hour >= 24 ||
    tm.min < 0 ||
    tm.min >= 60 ||
    tm.sec < 0 ||
    tm.sec >= 60 ||
    tm.fsec < 0 ||
    tm.fsec >= 1e6
  )
    throw fieldOverflow();
  let offset: number | undefined;
  if (tmfc.tzsign) {
    if (tmfc.tzh < 0 || tmfc.tzh > 15 || tmfc.tzm < 0 || tmfc.tzm >= 60)
      throw dateTimeParseError(new DateTimeError("tzdisp"), input, "timestamp");
    offset = tmfc.tzsign * (tmfc.tzh * 60 + tmfc.tzm) * 60;
  }
  return { tm, offset, fprec: tmfc.ff };
}

export function toTimestamp(text: SqliteValue, fmt: SqliteValue): SqliteValue {
  const { tm, offset, fprec } = doToTimestamp(str(text), str(fmt));
  const tz = offset ?? localOffset(tm, sessionTimeZone());
  let ts: Timestamp = validTimestamp(tmToTimestamp(tm, tz));
  if (fprec) ts = roundTimestampTo(ts, fprec);
  return writeTimestamptz(ts);
}

export function toDate(text: SqliteValue, fmt: SqliteValue): SqliteValue {
  const input = str(text);
  const { tm } = doToTimestamp(input, str(fmt));
  const bad = () => new PgError("DATETIME_VALUE_OUT_OF_RANGE", `date out of range: "${input}"`);
  if (!isValidJulian(tm.year, tm.mon, tm.mday)) throw bad();
  const day = date2j(tm.year, tm.mon, tm.mday) - POSTGRES_EPOCH_JDATE;
  if (day < -POSTGRES_EPOCH_JDATE || day >= 2_145_031_949) throw bad();
  return writeDate(day);
}
