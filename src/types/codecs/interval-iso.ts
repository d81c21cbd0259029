// ISO 8601 interval input: DecodeISO8601Interval and ParseISO8601Number from PostgreSQL 15's datetime.c.
import { USECS_PER_DAY } from "./datetime-calendar.js";
import { bad, overflow } from "./datetime-parse.js";
import { Acc, type Interval, USECS_PER_HOUR, USECS_PER_MINUTE } from "./interval-acc.js";

/** ParseISO8601Number: a strtod number, split into its integer part and fraction. */
function isoNumber(s: string, pos: number): { val: number; frac: number; end: number } {
  const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(pos));
  if (!m || !/[\d.-]/.test(s[pos] ?? "")) throw bad();
  const v = Number(m[0]);
  if (Number.isNaN(v) || v < -1e15 || v > 1e15) throw overflow();
  const val = v >= 0 ? Math.floor(v) : -Math.floor(-v);
  return { val, frac: v - val, end: pos + m[0].length };
}

/** DecodeISO8601Interval: "P1Y2M3DT4H5M6S", "P0001-02-03T04:05:06", "P00010203T040506". */
export function decodeIso(s: string): Interval {
  if (s.length < 2 || s[0] !== "P") throw bad();
  const acc = new Acc();
  let i = 1;
  let datePart = true;
  let haveField = false;
  const intWidth = (from: number) => /^[-+]?\d*/.exec(s.slice(from))![0].replace(/^[-+]/, "").length;
  while (i < s.length) {
    if (s[i] === "T") {
      datePart = false;
      haveField = false;
      i++;
      continue;
    }
    const start = i;
    let n = isoNumber(s, i);
    i = n.end;
    const unit = s[i] ?? "";
    i++;
    if (datePart) {
      if (unit === "Y") {
        acc.addYears(n.val, 1);
        acc.fractYears(n.frac, 1);
      } else if (unit === "M") {
        acc.addMonths(n.val);
        acc.fractDays(n.frac, 30);
      } else if (unit === "W") {
        acc.addDays(n.val, 7);
        acc.fractDays(n.frac, 7);
      } else if (unit === "D") {
        acc.addDays(n.val, 1);
        acc.fractMicros(n.frac, USECS_PER_DAY);
      } else if (unit === "T" || unit === "" || unit === "-") {
        if (unit !== "-" && intWidth(start) === 8 && !haveField) {
          acc.addYears(Math.trunc(n.val / 10000), 1);
          acc.addMonths(Math.trunc(n.val / 100) % 100);
          acc.addDays(n.val % 100, 1);
          acc.fractMicros(n.frac, USECS_PER_DAY);
          if (unit === "") return acc.result();
          datePart = false;
          haveField = false;
          continue;
        }
        if (haveField) throw bad();
        acc.addYears(n.val, 1);
        acc.fractYears(n.frac, 1);
        if (unit === "") return acc.result();
        if (unit === "T") {
          datePart = false;
          haveField = false;
          continue;
        }
        n = isoNumber(s, i);
        i = n.end;
        acc.addMonths(n.val);
        acc.fractDays(n.frac, 30);
        if (i >= s.length) return acc.result();
        if (s[i] !== "T") {
          if (s[i] !== "-") throw bad();
          n = isoNumber(s, i + 1);
          i = n.end;
          acc.addDays(n.val, 1);
          acc.fractMicros(n.frac, USECS_PER_DAY);
          if (i >= s.length) return acc.result();
          if (s[i] !== "T") throw bad();
        }
        i++;
        datePart = false;
        haveField = false;
        continue;
      } else {
        throw bad();
      }
    } else if (unit === "H") {
      acc.micros(n.val, n.frac, USECS_PER_HOUR);
    } else if (unit === "M") {
      acc.micros(n.val, n.frac, USECS_PER_MINUTE);
    } else if (unit === "S") {
      acc.micros(n.val, n.frac, 1_000_000);
    } else if (unit === "" || unit === ":") {
      if (unit === "" && intWidth(start) === 6 && !haveField) {
        acc.micros(Math.trunc(n.val / 10000), 0, USECS_PER_HOUR);
        acc.micros(Math.trunc(n.val / 100) % 100, 0, USECS_PER_MINUTE);
        acc.micros(n.val % 100, 0, 1_000_000);
        acc.fractMicros(n.frac, 1);
        return acc.result();
      }
      if (haveField) throw bad();
      acc.micros(n.val, n.frac, USECS_PER_HOUR);
      if (unit === "") return acc.result();
      n = isoNumber(s, i);
      i = n.end;
      acc.micros(n.val, n.frac, USECS_PER_MINUTE);
      if (i >= s.length) return acc.result();
      if (s[i] !== ":") throw bad();
      n = isoNumber(s, i + 1);
      i = n.end;
      acc.micros(n.val, n.frac, 1_000_000);
      if (i >= s.length) return acc.result();
      throw bad();
    } else {
      throw bad();
    }
    haveField = true;
  }
  return acc.result();
}
