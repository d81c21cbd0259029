// interval input: DecodeInterval and DecodeISO8601Interval from PostgreSQL 15's datetime.c.
import { IntervalField as F } from "../typmod.js";
import { type Tm, USECS_PER_DAY } from "./datetime-calendar.js";
import { isDateKeyword } from "./datetime-keywords.js";
import {
  bad,
  DateTimeError,
  decodeTime,
  type Field,
  overflow,
  parseDateTimeFields,
} from "./datetime-parse.js";
import { Acc, checkInt64, type Interval, USECS_PER_HOUR, USECS_PER_MINUTE } from "./interval-acc.js";
import { decodeIso } from "./interval-iso.js";

export type { Interval };

type Unit =
  | "microsecond"
  | "millisecond"
  | "second"
  | "minute"
  | "hour"
  | "day"
  | "week"
  | "month"
  | "quarter"
  | "year"
  | "decade"
  | "century"
  | "millennium"
  | "other";

// deltatktbl: unit words, matched on their first 10 characters (TOKMAXLEN).
const units = new Map<string, Unit>();
const unitWords: [Unit, string][] = [
  ["century", "c cent centuries century"],
  ["day", "d day days"],
  ["decade", "dec decade decades decs"],
  ["hour", "h hour hours hr hrs"],
  ["minute", "m min mins minute minutes"],
  ["microsecond", "microsecon us usec usecs useconds"],
  ["millennium", "mil millennia millennium mils"],
  ["millisecond", "millisecon ms msec msecs mseconds"],
  ["month", "mon mons month months"],
  ["quarter", "qtr quarter"],
  ["second", "s sec second seconds secs"],
  ["week", "w week weeks"],
  ["year", "y year years yr yrs"],
  ["other", "timezone timezone_h timezone_m"],
];
for (const [unit, words] of unitWords) for (const w of words.split(" ")) units.set(w, unit);

function addUnit(acc: Acc, unit: Unit, val: number, fval: number): number {
  switch (unit) {
    case "microsecond":
      acc.micros(val, fval, 1);
      return 1 << 14;
    case "millisecond":
      acc.micros(val, fval, 1000);
      return 1 << 13;
    case "second":
      acc.micros(val, fval, 1_000_000);
      return fval === 0 ? 1 << 12 : (1 << 12) | (1 << 13) | (1 << 14);
    case "minute":
      acc.micros(val, fval, USECS_PER_MINUTE);
      return 1 << 11;
    case "hour":
      acc.micros(val, fval, USECS_PER_HOUR);
      return 1 << 10;
    case "day":
      acc.addDays(val, 1);
      acc.fractMicros(fval, USECS_PER_DAY);
      return 1 << 3;
    case "week":
      acc.addDays(val, 7);
      acc.fractDays(fval, 7);
      return 1 << 24;
    case "month":
      acc.addMonths(val);
      acc.fractDays(fval, 30);
      return 1 << 1;
    case "year":
      acc.addYears(val, 1);
      acc.fractYears(fval, 1);
      return 1 << 2;
    case "decade":
      acc.addYears(val, 10);
      acc.fractYears(fval, 10);
      return 1 << 25;
    case "century":
      acc.addYears(val, 100);
      acc.fractYears(fval, 100);
      return 1 << 26;
    case "millennium":
      acc.addYears(val, 1000);
      acc.fractYears(fval, 1000);
      return 1 << 27;
    default:
      throw bad();
  }
}

/** The unit of a trailing number without one, from the interval typmod's range. */
function defaultUnit(range: number): Unit {
  if (range === F.year) return "year";
  if (range === F.month || range === (F.year | F.month)) return "month";
  if (range === F.day) return "day";
  if (range === F.hour || range === (F.day | F.hour)) return "hour";
  if (range === F.minute || range === (F.hour | F.minute) || range === (F.day | F.hour | F.minute))
    return "minute";
  return "second";
}

function timeMicros(text: string, range: number): number {
  const tm: Tm = { year: 0, mon: 0, mday: 0, hour: 0, min: 0, sec: 0, fsec: 0 };
  decodeTime(text, tm, range === (F.minute | F.second));
  return ((tm.hour * 60 + tm.min) * 60 + tm.sec) * 1e6 + tm.fsec;
}

/** strtoi64 then the rest of a number field: [value, rest]. */
function splitNumber(text: string): [number, string] {
  const m = /^[+-]?\d*/.exec(text)!;
  const digits = m[0].replace(/^[+-]/, "");
  const v = digits === "" ? 0 : Number(m[0]);
  return [v, text.slice(m[0].length)];
}

/** DecodeInterval over ParseDateTime fields; throws DateTimeError("bad") for ISO 8601 to be tried. */
function decodeFields(fields: Field[], range: number, sqlStandard: boolean): Interval {
  const acc = new Acc();
  let forceNegative = false;
  if (sqlStandard && fields.length > 0 && fields[0]!.text[0] === "-") {
    forceNegative = !fields.slice(1).some((f) => f.text[0] === "-" || f.text[0] === "+");
  }
  let fmask = 0;
  let unit: Unit | "" = "";
  let isBefore = false;
  for (let i = fields.length - 1; i >= 0; i--) {
    const f = fields[i]!;
    let tmask = 0;
    let handled = false;
    if (f.type === "time" || (f.type === "tz" && f.text.includes(":", 1))) {
      try {
        const body = f.type === "tz" ? f.text.slice(1) : f.text;
        let u = timeMicros(body, range);
        if (f.type === "tz" && f.text[0] === "-") u = -u;
        if (forceNegative && u > 0) u = -u;
        acc.usec = checkInt64(acc.usec + u);
        tmask = (1 << 10) | (1 << 11) | (1 << 12) | (1 << 13) | (1 << 14);
        unit = "day";
        handled = true;
      } catch (e) {
        if (f.type === "time") throw e;
      }
    }
    if (!handled && (f.type === "tz" || f.type === "date" || f.type === "number")) {
      if (unit === "") unit = defaultUnit(range);
      let [val, rest] = splitNumber(f.text);
      let fval = 0;
      if (rest[0] === "-") {
        // SQL "years-months".
        const m = /^-(\d*)$/.exec(rest);
        if (!m) throw bad();
        let months = Number(m[1]);
        if (months >= 12) throw overflow();
        if (f.text[0] === "-") months = -months;
        unit = "month";
        val = val * 12 + months;
      } else if (rest[0] === ".") {
        fval = rest.length === 1 ? 0 : Number(rest);
        if (Number.isNaN(fval)) throw bad();
        if (f.text[0] === "-") fval = -fval;
      } else if (rest !== "") {
        throw bad();
      }
      if (forceNegative) {
        if (val > 0) val = -val;
        if (fval > 0) fval = -fval;
      }
      tmask = addUnit(acc, unit, val, fval);
      if (unit === "hour") unit = "day";
    } else if (!handled && (f.type === "string" || f.type === "special")) {
      if (f.text === "ago") {
        isBefore = true;
        unit = "";
      } else {
        const u = units.get(f.text.slice(0, 10));
        if (!u) throw bad();
        unit = u;
      }
    } else if (!handled) {
      throw bad();
    }
    if (tmask & fmask) throw bad();
    fmask |= tmask;
  }
  if (fmask === 0) throw bad();
  const r = acc.result();
  return isBefore ? { months: -r.months, days: -r.days, usec: -r.usec } : r;
}

/** interval_in before the typmod: PostgreSQL's syntax first, then ISO 8601 durations. */
export function decodeInterval(text: string, range: number, sqlStandard: boolean): Interval {
  let fields: Field[] | undefined;
  try {
    fields = parseDateTimeFields(text, isDateKeyword);
  } catch (e) {
    if (!(e instanceof DateTimeError) || e.code !== "bad") throw e;
  }
  try {
    if (!fields) throw bad();
    return decodeFields(fields, range, sqlStandard);
  } catch (e) {
    if (!(e instanceof DateTimeError) || e.code !== "bad") throw e;
  }
  return decodeIso(text);
}
