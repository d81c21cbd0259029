// to_char for timestamps and intervals, to_date and to_timestamp(text, text): the date/time template
// patterns of PostgreSQL 15's formatting.c (parse_format, DCH_to_char, DCH_from_char,
// do_to_timestamp), in the C locale.
import { PgError } from "../../errors/pg-error.js";
import { DATE, INTERVAL, TEXT, TIMESTAMP, TIMESTAMPTZ, t } from "../../sql/oids.js";
import { isValidJulian, type Tm } from "../../types/codecs/datetime-calendar.js";
import { validateDate } from "../../types/codecs/datetime-fields.js";
import { DateTimeError, dateTimeParseError } from "../../types/codecs/datetime-parse.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { defineFunctions } from "../registry.js";
import {
  date2isoweek,
  date2isoyear,
  date2isoyearday,
  date2j,
  type Interval,
  isoweek2date,
  isoweek2j,
  isoweekdate2date,
  j2date,
  localOffset,
  POSTGRES_EPOCH_JDATE,
  readInterval,
  readTimestamp,
  roundTimestampTo,
  sessionTimeZone,
  splitInterval,
  str,
  type Timestamp,
  timestampToTm,
  tmToTimestamp,
  toLocal,
  unixSeconds,
  validTimestamp,
  writeDate,
  writeTimestamptz,
  type Zone,
} from "./datetime-core.js";
import { pad0 } from "./datetime-printf.js";

// ---------------------------------------------------------------------------------------------
// Format pictures

type Id =
  | "A_D"
  | "A_M"
  | "AD"
  | "AM"
  | "B_C"
  | "BC"
  | "CC"
  | "DAY"
  | "DDD"
  | "DD"
  | "DY"
  | "Day"
  | "Dy"
  | "D"
  | "FF1"
  | "FF2"
  | "FF3"
  | "FF4"
  | "FF5"
  | "FF6"
  | "FX"
  | "HH24"
  | "HH12"
  | "HH"
  | "IDDD"
  | "ID"
  | "IW"
  | "IYYY"
  | "IYY"
  | "IY"
  | "I"
  | "J"
  | "MI"
  | "MM"
  | "MONTH"
  | "MON"
  | "MS"
  | "Month"
  | "Mon"
  | "OF"
  | "P_M"
  | "PM"
  | "Q"
  | "RM"
  | "SSSS"
  | "SS"
  | "TZH"
  | "TZM"
  | "TZ"
  | "US"
  | "WW"
  | "W"
  | "Y_YYY"
  | "YYYY"
  | "YYY"
  | "YY"
  | "Y"
  | "a_d"
  | "a_m"
  | "ad"
  | "am"
  | "b_c"
  | "bc"
  | "day"
  | "dy"
  | "month"
  | "mon"
  | "p_m"
  | "pm"
  | "rm"
  | "tz";

type DateMode = "none" | "gregorian" | "isoweek";

interface KeyWord {
  name: string;
  id: Id;
  isDigit: boolean;
  mode: DateMode;
}

const G = "gregorian";
const I = "isoweek";
const N = "none";

// DCH_keywords, in PostgreSQL's order: within one initial letter, longer patterns come first.
const KEYWORDS: KeyWord[] = (
  [
    ["A.D.", "A_D", 0, N],
    ["A.M.", "A_M", 0, N],
    ["AD", "AD", 0, N],
    ["AM", "AM", 0, N],
    ["B.C.", "B_C", 0, N],
    ["BC", "BC", 0, N],
    ["CC", "CC", 1, N],
    ["DAY", "DAY", 0, N],
    ["DDD", "DDD", 1, G],
    ["DD", "DD", 1, G],
    ["DY", "DY", 0, N],
    ["Day", "Day", 0, N],
    ["Dy", "Dy", 0, N],
    ["D", "D", 1, G],
    ["FF1", "FF1", 1, N],
    ["FF2", "FF2", 1, N],
    ["FF3", "FF3", 1, N],
    ["FF4", "FF4", 1, N],
    ["FF5", "FF5", 1, N],
    ["FF6", "FF6", 1, N],
    ["FX", "FX", 0, N],
    ["HH24", "HH24", 1, N],
    ["HH12", "HH12", 1, N],
    ["HH", "HH", 1, N],
    ["IDDD", "IDDD", 1, I],
    ["ID", "ID", 1, I],
    ["IW", "IW", 1, I],
    ["IYYY", "IYYY", 1, I],
    ["IYY", "IYY", 1, I],
    ["IY", "IY", 1, I],
    ["I", "I", 1, I],
    ["J", "J", 1, N],
    ["MI", "MI", 1, N],
    ["MM", "MM", 1, G],
    ["MONTH", "MONTH", 0, G],
    ["MON", "MON", 0, G],
    ["MS", "MS", 1, N],
    ["Month", "Month", 0, G],
    ["Mon", "Mon", 0, G],
    ["OF", "OF", 0, N],
    ["P.M.", "P_M", 0, N],
    ["PM", "PM", 0, N],
    ["Q", "Q", 1, N],
    ["RM", "RM", 0, G],
    ["SSSSS", "SSSS", 1, N],
    ["SSSS", "SSSS", 1, N],
    ["SS", "SS", 1, N],
    ["TZH", "TZH", 0, N],
    ["TZM", "TZM", 1, N],
    ["TZ", "TZ", 0, N],
    ["US", "US", 1, N],
    ["WW", "WW", 1, G],
    ["W", "W", 1, G],
    ["Y,YYY", "Y_YYY", 1, G],
    ["YYYY", "YYYY", 1, G],
    ["YYY", "YYY", 1, G],
    ["YY", "YY", 1, G],
    ["Y", "Y", 1, G],
    ["a.d.", "a_d", 0, N],
    ["a.m.", "a_m", 0, N],
    ["ad", "ad", 0, N],
    ["am", "am", 0, N],
    ["b.c.", "b_c", 0, N],
    ["bc", "bc", 0, N],
    ["cc", "CC", 1, N],
    ["day", "day", 0, N],
    ["ddd", "DDD", 1, G],
    ["dd", "DD", 1, G],
    ["dy", "dy", 0, N],
    ["d", "D", 1, G],
    ["ff1", "FF1", 1, N],
    ["ff2", "FF2", 1, N],
    ["ff3", "FF3", 1, N],
    ["ff4", "FF4", 1, N],
    ["ff5", "FF5", 1, N],
    ["ff6", "FF6", 1, N],
    ["fx", "FX", 0, N],
    ["hh24", "HH24", 1, N],
    ["hh12", "HH12", 1, N],
    ["hh", "HH", 1, N],
    ["iddd", "IDDD", 1, I],
    ["id", "ID", 1, I],
    ["iw", "IW", 1, I],
    ["iyyy", "IYYY", 1, I],
    ["iyy", "IYY", 1, I],
    ["iy", "IY", 1, I],
    ["i", "I", 1, I],
    ["j", "J", 1, N],
    ["mi", "MI", 1, N],
    ["mm", "MM", 1, G],
    ["month", "month", 0, G],
    ["mon", "mon", 0, G],
    ["ms", "MS", 1, N],
    ["of", "OF", 0, N],
    ["p.m.", "p_m", 0, N],
    ["pm", "pm", 0, N],
    ["q", "Q", 1, N],
    ["rm", "rm", 0, G],
    ["sssss", "SSSS", 1, N],
    ["ssss", "SSSS", 1, N],
    ["ss", "SS", 1, N],
    ["tzh", "TZH", 0, N],
    ["tzm", "TZM", 1, N],
    ["tz", "tz", 0, N],
    ["us", "US", 1, N],
    ["ww", "WW", 1, G],
    ["w", "W", 1, G],
    ["y,yyy", "Y_YYY", 1, G],
    ["yyyy", "YYYY", 1, G],
    ["yyy", "YYY", 1, G],
    ["yy", "YY", 1, G],
    ["y", "Y", 1, G],
  ] as [string, Id, number, DateMode][]
).map(([name, id, isDigit, mode]) => ({ name, id, isDigit: isDigit === 1, mode }));

const byInitial = new Map<string, KeyWord[]>();
for (const k of KEYWORDS) {
  const list = byInitial.get(k.name[0]!) ?? [];
  list.push(k);
  byInitial.set(k.name[0]!, list);
}

const S_FM = 1;
const S_TH = 2;
const S_th = 4;
const S_SP = 8;
const S_TM = 16;

type FormatNode =
  | { type: "action"; key: KeyWord; suffix: number }
  | { type: "char" | "separator" | "space"; character: string };

const isSpaceChar = (c: string) =>
  c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";

/** ASCII printable, but not a letter or digit. */
function isSeparatorChar(c: string | undefined): boolean {
  if (c === undefined || c.length !== 1) return false;
  const code = c.charCodeAt(0);
  return code > 0x20 && code < 0x7f && !/[A-Za-z0-9]/.test(c);
}

const formatCache = new Map<string, FormatNode[]>();

/** parse_format for date/time pictures. */
function parseFormat(fmt: string): FormatNode[] {
  const cached = formatCache.get(fmt);
  if (cached) return cached;
  const nodes: FormatNode[] = [];
  let i = 0;
  while (i < fmt.length) {
    let suffix = 0;
    const two = fmt.slice(i, i + 2);
    if (two === "FM" || two === "fm") {
      suffix |= S_FM;
      i += 2;
    } else if (two === "TM" || two === "tm") {
      suffix |= S_TM;
      i += 2;
    }
    const key =
      i < fmt.length ? (byInitial.get(fmt[i]!) ?? []).find((k) => fmt.startsWith(k.name, i)) : undefined;
    if (key) {
      i += key.name.length;
      const post = fmt.slice(i, i + 2);
      if (post === "TH") suffix |= S_TH;
      else if (post === "th") suffix |= S_th;
      else if (post === "SP") suffix |= S_SP;
      if (post === "TH" || post === "th" || post === "SP") i += 2;
      nodes.push({ type: "action", key, suffix });
    } else if (i < fmt.length) {
      if (fmt[i] === '"') {
        i++;
        while (i < fmt.length) {
          if (fmt[i] === '"') {
            i++;
            break;
          }
          if (fmt[i] === "\\" && i + 1 < fmt.length) i++;
          const ch = String.fromCodePoint(fmt.codePointAt(i)!);
          nodes.push({ type: "char", character: ch });
          i += ch.length;
        }
      } else {
        if (fmt[i] === "\\" && fmt[i + 1] === '"') i++;
        const ch = String.fromCodePoint(fmt.codePointAt(i)!);
        const type = isSeparatorChar(ch) ? "separator" : isSpaceChar(ch) ? "space" : "char";
        nodes.push({ type, character: ch });
        i += ch.length;
      }
    }
  }
  if (formatCache.size > 200) formatCache.clear();
  formatCache.set(fmt, nodes);
  return nodes;
}

// ---------------------------------------------------------------------------------------------
// to_char

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_FULL = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const DAYS_SHORT = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const RM_UPPER = ["XII", "XI", "X", "IX", "VIII", "VII", "VI", "V", "IV", "III", "II", "I"];
const RM_LOWER = RM_UPPER.map((r) => r.toLowerCase());

/** The broken-down value to_char formats (struct fmt_tm with fsec and the zone name). */
interface TmToChar {
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

function dchToChar(nodes: FormatNode[], tm: TmToChar, isInterval: boolean): string {
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

function tmToChar(tm: Tm, gmtoff: number, tzn: string | undefined): TmToChar {
  const jd = date2j(tm.year, tm.mon, tm.mday);
  return {
    year: tm.year,
    mon: tm.mon,
    mday: tm.mday,
    hour: tm.hour,
    min: tm.min,
    sec: tm.sec,
    fsec: tm.fsec,
    wday: (jd + 1) % 7,
    yday: jd - date2j(tm.year, 1, 1) + 1,
    gmtoff,
    tzn,
  };
}

function timestampToChar(v: SqliteValue, fmt: SqliteValue, zone?: Zone): SqliteValue {
  const f = str(fmt);
  const ts = readTimestamp(v);
  if (f === "" || typeof ts === "string") return null;
  const nodes = parseFormat(f);
  if (!zone) return dchToChar(nodes, tmToChar(timestampToTm(ts), 0, undefined), false);
  const { tm, offset } = toLocal(ts, zone);
  return dchToChar(nodes, tmToChar(tm, offset, zone.abbrevAt(unixSeconds(ts))), false);
}

function intervalToChar(v: SqliteValue, fmt: SqliteValue): SqliteValue {
  const f = str(fmt);
  if (f === "") return null;
  const iv: Interval = readInterval(v);
  const p = splitInterval(iv);
  const tm: TmToChar = {
    year: p.year,
    mon: p.mon,
    mday: p.mday,
    hour: p.hour,
    min: p.min,
    sec: p.sec,
    fsec: p.usec,
    wday: 0,
    yday: (p.year * 12 + p.mon) * 30 + p.mday,
    gmtoff: 0,
    tzn: undefined,
  };
  return dchToChar(parseFormat(f), tm, true);
}

// ---------------------------------------------------------------------------------------------
// to_date and to_timestamp

interface TmFromChar {
  mode: DateMode;
  hh: number;
  pm: number;
  mi: number;
  ss: number;
  ssss: number;
  d: number;
  dd: number;
  ddd: number;
  mm: number;
  ms: number;
  year: number;
  bc: number;
  ww: number;
  w: number;
  cc: number;
  j: number;
  us: number;
  yysz: number;
  clock12: boolean;
  tzsign: number;
  tzh: number;
  tzm: number;
  ff: number;
}

type IntField =
  | "hh"
  | "pm"
  | "mi"
  | "ss"
  | "ssss"
  | "d"
  | "dd"
  | "ddd"
  | "mm"
  | "ms"
  | "year"
  | "bc"
  | "ww"
  | "w"
  | "cc"
  | "j"
  | "us"
  | "tzh"
  | "tzm";

function newTmfc(): TmFromChar {
  return {
    mode: "none",
    hh: 0,
    pm: 0,
    mi: 0,
    ss: 0,
    ssss: 0,
    d: 0,
    dd: 0,
    ddd: 0,
    mm: 0,
    ms: 0,
    year: 0,
    bc: 0,
    ww: 0,
    w: 0,
    cc: 0,
    j: 0,
    us: 0,
    yysz: 0,
    clock12: false,
    tzsign: 0,
    tzh: 0,
    tzm: 0,
    ff: 0,
  };
}

const formatError = (message: string, options: { detail?: string; hint?: string } = {}) =>
  new PgError("INVALID_DATETIME_FORMAT", message, options);

const FM_HINT = 'If your source string is not fixed-width, try using the "FM" modifier.';

function setInt(out: TmFromChar, field: IntField, value: number, key: KeyWord): void {
  if (out[field] !== 0 && out[field] !== value) {
    throw formatError(`conflicting values for "${key.name}" field in formatting string`, {
      detail: "This value contradicts a previous setting for the same field type.",
    });
  }
  out[field] = value;
}

/** is_next_separator: whether the field after node i cannot hold digits. */
function isNextSeparator(nodes: FormatNode[], i: number): boolean {
  const n = nodes[i];
  if (!n) return false;
  if (n.type === "action" && n.suffix & (S_TH | S_th)) return true;
  const next = nodes[i + 1];
  if (!next) return true;
  if (next.type === "action") return !next.key.isDigit;
  return !(next.character.length === 1 && /[0-9]/.test(next.character));
}

/** C's strtol: optional whitespace and sign, then digits; returns the value and the end. */
function strtol(s: string, from: number): { value: number; end: number; range: boolean } {
  let i = from;
  while (i < s.length && isSpaceChar(s[i]!)) i++;
  let neg = false;
  if (s[i] === "+" || s[i] === "-") {
    neg = s[i] === "-";
    i++;
  }
  const start = i;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === start) return { value: 0, end: from, range: false };
  const big = BigInt(s.slice(start, i));
  const v = neg ? -big : big;
  const range = v > 0x7fffffffffffffffn || v < -0x8000000000000000n;
  return { value: Number(v), end: i, range };
}

class Source {
  pos = 0;
  constructor(readonly text: string) {}
  get rest(): string {
    return this.text.slice(this.pos);
  }
  get ch(): string | undefined {
    return this.text[this.pos];
  }
}

/** from_char_parse_int_len: an integer of at most len characters (or as many as there are). */
function parseIntLen(
  out: TmFromChar | null,
  field: IntField | null,
  src: Source,
  len: number,
  nodes: FormatNode[],
  i: number,
): number {
  const node = nodes[i] as Extract<FormatNode, { type: "action" }>;
  const init = src.pos;
  while (src.pos < src.text.length && isSpaceChar(src.text[src.pos]!)) src.pos++;
  const remaining = src.text.length - src.pos;
  const copy = src.text.slice(src.pos, src.pos + len);
  let result: { value: number; range: boolean };
  if (node.suffix & S_FM || isNextSeparator(nodes, i)) {
    const r = strtol(src.text, init);
    src.pos = r.end;
    result = r;
  } else {
    if (remaining < len) {
      throw formatError(`source string too short for "${node.key.name}" formatting field`, {
        detail: `Field requires ${len} characters, but only ${remaining} remain.`,
        hint: FM_HINT,
      });
    }
    const r = strtol(copy, 0);
    const used = r.end;
    if (used > 0 && used < len) {
      throw formatError(`invalid value "${copy}" for "${node.key.name}"`, {
        detail: `Field requires ${len} characters, but only ${used} could be parsed.`,
        hint: FM_HINT,
      });
    }
    src.pos += used;
    result = r;
  }
  if (src.pos === init) {
    throw formatError(`invalid value "${copy}" for "${node.key.name}"`, {
      detail: "Value must be an integer.",
    });
  }
  if (result.range || result.value < -2147483648 || result.value > 2147483647) {
    throw new PgError(
      "DATETIME_VALUE_OUT_OF_RANGE",
      `value for "${node.key.name}" in source string is out of range`,
      { detail: "Value must be in the range -2147483648 to 2147483647." },
    );
  }
  if (out && field) setInt(out, field, result.value, node.key);
  return src.pos - init;
}

/** seq_search_ascii: the first entry that the source starts with, ignoring case. */
function seqSearch(src: Source, array: string[], key: KeyWord): number {
  const rest = src.rest.toLowerCase();
  for (let idx = 0; idx < array.length; idx++) {
    const a = array[idx]!.toLowerCase();
    if (rest.startsWith(a)) {
      src.pos += a.length;
      return idx;
    }
  }
  const copy = src.rest.split(/[ \t\n\r\f\v]/)[0]!;
  throw formatError(`invalid value "${copy}" for "${key.name}"`, {
    detail: "The given value did not match any of the allowed values for this field.",
  });
}

const AMPM = ["am", "pm", "AM", "PM"];
const AMPM_LONG = ["a.m.", "p.m.", "A.M.", "P.M."];
const ADBC = ["ad", "bc", "AD", "BC"];
const ADBC_LONG = ["a.d.", "b.c.", "A.D.", "B.C."];

/** DCH_from_char (not in standard mode): fills a TmFromChar from the source string. */
function dchFromChar(nodes: FormatNode[], input: string): TmFromChar {
  const out = newTmfc();
  const src = new Source(input);
  let fxMode = false;
  let extraSkip = 0;
  const skipTh = (sfx: number) => {
    if (sfx & (S_TH | S_th)) {
      if (src.pos < src.text.length) src.pos++;
      if (src.pos < src.text.length) src.pos++;
    }
  };
  for (let i = 0; i < nodes.length && src.pos < src.text.length; i++) {
    const n = nodes[i]!;
    if (!fxMode && !(n.type === "action" && n.key.id === "FX") && (n.type === "action" || i === 0)) {
      while (src.pos < src.text.length && isSpaceChar(src.text[src.pos]!)) {
        src.pos++;
        extraSkip++;
      }
    }
    if (n.type === "space" || n.type === "separator") {
      if (!fxMode) {
        extraSkip--;
        const c = src.ch;
        if (c !== undefined && (isSpaceChar(c) || isSeparatorChar(c))) {
          src.pos++;
          extraSkip++;
        }
      } else {
        src.pos += String.fromCodePoint(src.text.codePointAt(src.pos)!).length;
      }
      continue;
    }
    if (n.type !== "action") {
      if (!fxMode) {
        if (extraSkip > 0) extraSkip--;
        else src.pos += String.fromCodePoint(src.text.codePointAt(src.pos)!).length;
      } else {
        src.pos += String.fromCodePoint(src.text.codePointAt(src.pos)!).length;
      }
      continue;
    }
    const key = n.key;
    if (key.mode !== "none") {
      if (out.mode === "none") out.mode = key.mode;
      else if (out.mode !== key.mode) {
        throw formatError("invalid combination of date conventions", {
          hint: "Do not mix Gregorian and ISO week date conventions in a formatting template.",
        });
      }
    }
    const sfx = n.suffix;
    switch (key.id) {
      case "FX":
        fxMode = true;
        break;
      case "A_M":
      case "P_M":
      case "a_m":
      case "p_m":
        setInt(out, "pm", seqSearch(src, AMPM_LONG, key) % 2, key);
        out.clock12 = true;
        break;
      case "AM":
      case "PM":
      case "am":
      case "pm":
        setInt(out, "pm", seqSearch(src, AMPM, key) % 2, key);
        out.clock12 = true;
        break;
      case "HH":
      case "HH12":
        parseIntLen(out, "hh", src, 2, nodes, i);
        out.clock12 = true;
        skipTh(sfx);
        break;
      case "HH24":
        parseIntLen(out, "hh", src, 2, nodes, i);
        skipTh(sfx);
        break;
      case "MI":
        parseIntLen(out, "mi", src, 2, nodes, i);
        skipTh(sfx);
        break;
      case "SS":
        parseIntLen(out, "ss", src, 2, nodes, i);
        skipTh(sfx);
        break;
      case "MS": {
        const len = parseIntLen(out, "ms", src, 3, nodes, i);
        out.ms *= len === 1 ? 100 : len === 2 ? 10 : 1;
        skipTh(sfx);
        break;
      }
      case "FF1":
      case "FF2":
      case "FF3":
      case "FF4":
      case "FF5":
      case "FF6":
      case "US": {
        if (key.id !== "US") out.ff = Number(key.id.slice(2));
        const len = parseIntLen(out, "us", src, key.id === "US" ? 6 : out.ff, nodes, i);
        out.us *= [1, 100000, 10000, 1000, 100, 10][len] ?? 1;
        skipTh(sfx);
        break;
      }
      case "SSSS":
        parseIntLen(out, "ssss", src, key.name.length, nodes, i);
        skipTh(sfx);
        break;
      case "tz":
      case "TZ":
      case "OF":
        throw new PgError(
          "FEATURE_NOT_SUPPORTED",
          `formatting field "${key.name}" is only supported in to_char`,
        );
      case "TZH": {
        const c = src.ch;
        if (c === "+" || c === "-" || c === " ") {
          out.tzsign = c === "-" ? -1 : 1;
          src.pos++;
        } else {
          out.tzsign = extraSkip > 0 && src.text[src.pos - 1] === "-" ? -1 : 1;
        }
        parseIntLen(out, "tzh", src, 2, nodes, i);
        break;
      }
      case "TZM":
        if (!out.tzsign) out.tzsign = 1;
        parseIntLen(out, "tzm", src, 2, nodes, i);
        break;
      case "A_D":
      case "B_C":
      case "a_d":
      case "b_c":
        setInt(out, "bc", seqSearch(src, ADBC_LONG, key) % 2, key);
        break;
      case "AD":
      case "BC":
      case "ad":
      case "bc":
        setInt(out, "bc", seqSearch(src, ADBC, key) % 2, key);
        break;
      case "MONTH":
      case "Month":
      case "month":
        setInt(out, "mm", seqSearch(src, MONTHS_FULL, key) + 1, key);
        break;
      case "MON":
      case "Mon":
      case "mon":
        setInt(out, "mm", seqSearch(src, MONTHS, key) + 1, key);
        break;
      case "MM":
        parseIntLen(out, "mm", src, 2, nodes, i);
        skipTh(sfx);
        break;
      case "DAY":
      case "Day":
      case "day":
        setInt(out, "d", seqSearch(src, DAYS, key), key);
        out.d++;
        break;
      case "DY":
      case "Dy":
      case "dy":
        setInt(out, "d", seqSearch(src, DAYS_SHORT, key), key);
        out.d++;
        break;
      case "DDD":
        parseIntLen(out, "ddd", src, 3, nodes, i);
        skipTh(sfx);
        break;
      case "IDDD":
        parseIntLen(out, "ddd", src, 3, nodes, i);
        skipTh(sfx);
        break;
      case "DD":
        parseIntLen(out, "dd", src, 2, nodes, i);
        skipTh(sfx);
        break;
      case "D":
        parseIntLen(out, "d", src, 1, nodes, i);
        skipTh(sfx);
        break;
      case "ID":
        parseIntLen(out, "d", src, 1, nodes, i);
        if (++out.d > 7) out.d = 1;
        skipTh(sfx);
        break;
      case "WW":
      case "IW":
        parseIntLen(out, "ww", src, 2, nodes, i);
        skipTh(sfx);
        break;
      case "Q":
        parseIntLen(null, null, src, 1, nodes, i);
        skipTh(sfx);
        break;
      case "CC":
        parseIntLen(out, "cc", src, 2, nodes, i);
        skipTh(sfx);
        break;
      case "Y_YYY": {
        const m = /^\s*([+-]?\d+),\s*([+-]?\d{1,3})/.exec(src.rest);
        if (!m) throw formatError('invalid input string for "Y,YYY"');
        const years = Number(m[2]) + Number(m[1]) * 1000;
        setInt(out, "year", years, key);
        out.yysz = 4;
        src.pos += m[0].length;
        skipTh(sfx);
        break;
      }
      case "YYYY":
      case "IYYY":
        parseIntLen(out, "year", src, 4, nodes, i);
        out.yysz = 4;
        skipTh(sfx);
        break;
      case "YYY":
      case "IYY":
      case "YY":
      case "IY":
      case "Y":
      case "I": {
        const size = key.id.replace("I", "Y").length;
        const len = parseIntLen(out, "year", src, size, nodes, i);
        if (len < 4) out.year = adjustPartialYear(out.year);
        out.yysz = size;
        skipTh(sfx);
        break;
      }
      case "RM":
      case "rm":
        setInt(out, "mm", 12 - seqSearch(src, RM_LOWER, key), key);
        break;
      case "W":
        parseIntLen(out, "w", src, 1, nodes, i);
        skipTh(sfx);
        break;
      case "J":
        parseIntLen(out, "j", src, 1, nodes, i);
        skipTh(sfx);
        break;
    }
    if (!fxMode) {
      extraSkip = 0;
      while (src.pos < src.text.length && isSpaceChar(src.text[src.pos]!)) {
        src.pos++;
        extraSkip++;
      }
    }
  }
  return out;
}

/** adjust_partial_year_to_2020. */
function adjustPartialYear(year: number): number {
  if (year < 70) return year + 2000;
  if (year < 100) return year + 1900;
  if (year < 520) return year + 2000;
  if (year < 1000) return year + 1000;
  return year;
}

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

function toTimestamp(text: SqliteValue, fmt: SqliteValue): SqliteValue {
  const { tm, offset, fprec } = doToTimestamp(str(text), str(fmt));
  const tz = offset ?? localOffset(tm, sessionTimeZone());
  let ts: Timestamp = validTimestamp(tmToTimestamp(tm, tz));
  if (fprec) ts = roundTimestampTo(ts, fprec);
  return writeTimestamptz(ts);
}

function toDate(text: SqliteValue, fmt: SqliteValue): SqliteValue {
  const input = str(text);
  const { tm } = doToTimestamp(input, str(fmt));
  const bad = () => new PgError("DATETIME_VALUE_OUT_OF_RANGE", `date out of range: "${input}"`);
  if (!isValidJulian(tm.year, tm.mon, tm.mday)) throw bad();
  const day = date2j(tm.year, tm.mon, tm.mday) - POSTGRES_EPOCH_JDATE;
  if (day < -POSTGRES_EPOCH_JDATE || day >= 2_145_031_949) throw bad();
  return writeDate(day);
}

defineFunctions([
  {
    name: "to_char",
    kind: "udf",
    udfName: "pg_timestamptz_to_char",
    args: [TIMESTAMPTZ, TEXT],
    returns: t(TEXT),
    volatility: "stable",
    impl: (v, f) => timestampToChar(v, f, sessionTimeZone()),
  },
  {
    name: "to_char",
    kind: "udf",
    udfName: "pg_timestamp_to_char",
    args: [TIMESTAMP, TEXT],
    returns: t(TEXT),
    volatility: "stable",
    impl: (v, f) => timestampToChar(v, f),
  },
  {
    name: "to_char",
    kind: "udf",
    udfName: "pg_interval_to_char",
    args: [INTERVAL, TEXT],
    returns: t(TEXT),
    volatility: "stable",
    impl: intervalToChar,
  },
  {
    name: "to_timestamp",
    kind: "udf",
    udfName: "pg_to_timestamp",
    args: [TEXT, TEXT],
    returns: t(TIMESTAMPTZ),
    volatility: "stable",
    impl: toTimestamp,
  },
  {
    name: "to_date",
    kind: "udf",
    udfName: "pg_to_date",
    args: [TEXT, TEXT],
    returns: t(DATE),
    volatility: "stable",
    impl: toDate,
  },
]);
