// DCH_to_char of PostgreSQL 15's formatting.c, in the C locale: writes a broken-down timestamp or
// interval into a parsed date/time template, field by field, with the FM, TM, TH and SP suffixes.
import { PgError } from "../../errors/pg-error.js";
import { date2j } from "./datetime-core.js";
import { date2isoweek, date2isoyear, date2isoyearday } from "./datetime-iso-weeks.js";
import { pad0 } from "./datetime-printf.js";
import {
  DAYS,
  DAYS_SHORT,
  type FormatNode,
  MONTHS,
  MONTHS_FULL,
  RM_LOWER,
  RM_UPPER,
  S_FM,
  S_TH,
  S_TM,
  S_th,
} from "./datetime-template.js";

/** The broken-down value to_char formats (struct fmt_tm with fsec and the zone name). */
export interface TmToChar {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
  fsec: number;
  wday: number;
  yday: number;
  gmtoff: number;
  tzn: string | undefined;
}

function invalidForInterval(): PgError {
  return new PgError("INVALID_DATETIME_FORMAT", "invalid format specification for an interval value", {
    hint: "Intervals are not tied to specific calendar dates.",
  });
}

/** get_th: the English ordinal suffix of a number's text. */
function ordinal(num: string, upper: boolean): string {
  const last = num[num.length - 1]!;
  if (!/[0-9]/.test(last)) throw new PgError("INVALID_TEXT_REPRESENTATION", `"${num}" is not a number`);
  const teen = num.length > 1 && num[num.length - 2] === "1";
  const s = teen ? "th" : last === "1" ? "st" : last === "2" ? "nd" : last === "3" ? "rd" : "th";
  return upper ? s.toUpperCase() : s;
}

const withTh = (s: string, suffix: number) =>
  suffix & (S_TH | S_th) ? s + ordinal(s, (suffix & S_TH) !== 0) : s;

/** "%*s" with width -9 (left-justified) unless FM. */
const padName = (s: string, suffix: number, width = 9) => (suffix & S_FM ? s : s.padEnd(width));

/** ADJUST_YEAR: astronomical years as BC years, intervals as is. */
const adjustYear = (year: number, isInterval: boolean) =>
  isInterval ? year : year <= 0 ? -(year - 1) : year;

/** C's "%" on integers (the sign follows the dividend). */
const cmod = (a: number, b: number) => a % b;

export function dchToChar(nodes: FormatNode[], tm: TmToChar, isInterval: boolean): string {
  let out = "";
  for (const n of nodes) {
    if (n.type !== "action") {
      out += n.character;
      continue;
    }
    const sfx = n.suffix;
    const fm = (sfx & S_FM) !== 0;
    const num = (value: number, width: number) => withTh(pad0(value, fm ? 0 : width), sfx);
    const checkInterval = () => {
      if (isInterval) throw invalidForInterval();
    };
    const hour12 = () => {
      const h = cmod(tm.hour, 12);
      return h === 0 ? 12 : h;
    };
    switch (n.key.id) {
      case "A_M":
      case "P_M":
        out += cmod(tm.hour, 24) >= 12 ? "P.M." : "A.M.";
        break;
      case "AM":
      case "PM":
        out += cmod(tm.hour, 24) >= 12 ? "PM" : "AM";
        break;
      case "a_m":
      case "p_m":
        out += cmod(tm.hour, 24) >= 12 ? "p.m." : "a.m.";
        break;
      case "am":
      case "pm":
        out += cmod(tm.hour, 24) >= 12 ? "pm" : "am";
        break;
      case "HH":
      case "HH12":
        out += num(hour12(), tm.hour >= 0 ? 2 : 3);
        break;
      case "HH24":
        out += num(tm.hour, tm.hour >= 0 ? 2 : 3);
        break;
      case "MI":
        out += num(tm.min, tm.min >= 0 ? 2 : 3);
        break;
      case "SS":
        out += num(tm.sec, tm.sec >= 0 ? 2 : 3);
        break;
      case "FF1":
        out += withTh(pad0(Math.trunc(tm.fsec / 100000), 1), sfx);
        break;
      case "FF2":
        out += withTh(pad0(Math.trunc(tm.fsec / 10000), 2), sfx);
        break;
      case "FF3":
      case "MS":
        out += withTh(pad0(Math.trunc(tm.fsec / 1000), 3), sfx);
        break;
      case "FF4":
        out += withTh(pad0(Math.trunc(tm.fsec / 100), 4), sfx);
        break;
      case "FF5":
        out += withTh(pad0(Math.trunc(tm.fsec / 10), 5), sfx);
        break;
      case "FF6":
      case "US":
        out += withTh(pad0(tm.fsec, 6), sfx);
        break;
      case "SSSS":
        out += withTh(String(tm.hour * 3600 + tm.min * 60 + tm.sec), sfx);
        break;
      case "tz":
        checkInterval();
        if (tm.tzn !== undefined) out += tm.tzn.toLowerCase();
        break;
      case "TZ":
        checkInterval();
        if (tm.tzn !== undefined) out += tm.tzn;
        break;
      case "TZH":
        checkInterval();
        out += `${tm.gmtoff >= 0 ? "+" : "-"}${pad0(Math.trunc(Math.abs(tm.gmtoff) / 3600), 2)}`;
        break;
      case "TZM":
        checkInterval();
        out += pad0(Math.trunc((Math.abs(tm.gmtoff) % 3600) / 60), 2);
        break;
      case "OF": {
        checkInterval();
        const a = Math.abs(tm.gmtoff);
        out += `${tm.gmtoff >= 0 ? "+" : "-"}${pad0(Math.trunc(a / 3600), fm ? 0 : 2)}`;
        if (a % 3600 !== 0) out += `:${pad0(Math.trunc((a % 3600) / 60), 2)}`;
        break;
      }
      case "A_D":
      case "B_C":
        checkInterval();
        out += tm.year <= 0 ? "B.C." : "A.D.";
        break;
      case "AD":
      case "BC":
        checkInterval();
        out += tm.year <= 0 ? "BC" : "AD";
        break;
      case "a_d":
      case "b_c":
        checkInterval();
        out += tm.year <= 0 ? "b.c." : "a.d.";
        break;
      case "ad":
      case "bc":
        checkInterval();
        out += tm.year <= 0 ? "bc" : "ad";
        break;
      case "MONTH":
      case "Month":
      case "month":
      case "MON":
      case "Mon":
      case "mon": {
        checkInterval();
        if (!tm.mon) break;
        const full = n.key.id.length > 3;
        let name = full ? MONTHS_FULL[tm.mon - 1]! : MONTHS[tm.mon - 1]!;
        if (n.key.id === "MONTH" || n.key.id === "MON") name = name.toUpperCase();
        else if (n.key.id === "month" || n.key.id === "mon") name = name.toLowerCase();
        out += full && !(sfx & S_TM) ? padName(name, sfx) : name;
        break;
      }
      case "MM":
        out += num(tm.mon, tm.mon >= 0 ? 2 : 3);
        break;
      case "DAY":
      case "Day":
      case "day":
      case "DY":
      case "Dy":
      case "dy": {
        checkInterval();
        const full = n.key.id.length > 2;
        let name = full ? DAYS[tm.wday]! : DAYS_SHORT[tm.wday]!;
        if (n.key.id === "DAY" || n.key.id === "DY") name = name.toUpperCase();
        else if (n.key.id === "day" || n.key.id === "dy") name = name.toLowerCase();
        out += full && !(sfx & S_TM) ? padName(name, sfx) : name;
        break;
      }
      case "DDD":
        out += num(tm.yday, 3);
        break;
      case "IDDD":
        out += num(date2isoyearday(tm.year, tm.mon, tm.mday), 3);
        break;
      case "DD":
        out += num(tm.mday, 2);
        break;
      case "D":
        checkInterval();
        out += withTh(String(tm.wday + 1), sfx);
        break;
      case "ID":
        checkInterval();
        out += withTh(String(tm.wday === 0 ? 7 : tm.wday), sfx);
        break;
      case "WW":
        out += num(Math.trunc((tm.yday - 1) / 7) + 1, 2);
        break;
      case "IW":
        out += num(date2isoweek(tm.year, tm.mon, tm.mday), 2);
        break;
      case "Q":
        if (!tm.mon) break;
        out += withTh(String(Math.trunc((tm.mon - 1) / 3) + 1), sfx);
        break;
      case "CC": {
        let c: number;
        if (isInterval) c = Math.trunc(tm.year / 100);
        else if (tm.year > 0) c = Math.trunc((tm.year - 1) / 100) + 1;
        else c = Math.trunc(tm.year / 100) - 1;
        out += withTh(c <= 99 && c >= -99 ? pad0(c, fm ? 0 : c >= 0 ? 2 : 3) : String(c), sfx);
        break;
      }
      case "Y_YYY": {
        const y = adjustYear(tm.year, isInterval);
        const k = Math.trunc(y / 1000);
        out += withTh(`${k},${pad0(y - k * 1000, 3)}`, sfx);
        break;
      }
      case "YYYY":
      case "IYYY":
      case "YYY":
      case "IYY":
      case "YY":
      case "IY":
      case "Y":
      case "I": {
        // YYYY (4 digits) down to Y (the last digit), and their ISO-year forms.
        const digits = n.key.id.length;
        const adjusted = adjustYear(tm.year, isInterval);
        const value = n.key.id.startsWith("I")
          ? adjustYear(date2isoyear(tm.year, tm.mon, tm.mday), isInterval)
          : adjusted;
        const modded = digits === 4 ? value : cmod(value, 10 ** digits);
        const width = digits === 1 ? 1 : fm ? 0 : adjusted >= 0 ? digits : digits + 1;
        out += withTh(pad0(modded, width), sfx);
        break;
      }
      case "RM":
      case "rm": {
        if (!tm.mon && !tm.year) break;
        const months = n.key.id === "RM" ? RM_UPPER : RM_LOWER;
        let idx: number;
        if (tm.mon === 0) idx = tm.year >= 0 ? 0 : 11;
        else if (tm.mon < 0) idx = -1 * (tm.mon + 1);
        else idx = 12 - tm.mon;
        out += padName(months[idx]!, sfx, 4);
        break;
      }
      case "W":
        out += withTh(String(Math.trunc((tm.mday - 1) / 7) + 1), sfx);
        break;
      case "J":
        out += withTh(String(date2j(tm.year, tm.mon, tm.mday)), sfx);
        break;
      default:
        break;
    }
  }
  return out;
}
