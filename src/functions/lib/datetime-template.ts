// The date/time template patterns of PostgreSQL 15's formatting.c that to_char, to_date and
// to_timestamp share: DCH_keywords, their FM/TM/TH/SP suffixes, parse_format, and the C locale's
// month and day names.

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

export type DateMode = "none" | "gregorian" | "isoweek";

export interface KeyWord {
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

export const S_FM = 1;
export const S_TH = 2;
export const S_th = 4;
const S_SP = 8;
export const S_TM = 16;

export type FormatNode =
  | { type: "action"; key: KeyWord; suffix: number }
  | { type: "char" | "separator" | "space"; character: string };

export const isSpaceChar = (c: string) =>
  c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";

/** ASCII printable, but not a letter or digit. */
export function isSeparatorChar(c: string | undefined): boolean {
  if (c === undefined || c.length !== 1) return false;
  const code = c.charCodeAt(0);
  return code > 0x20 && code < 0x7f && !/[A-Za-z0-9]/.test(c);
}

const formatCache = new Map<string, FormatNode[]>();

/** parse_format for date/time pictures. */
export function parseFormat(fmt: string): FormatNode[] {
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

export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const MONTHS_FULL = [
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
export const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const DAYS_SHORT = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
export const RM_UPPER = ["XII", "XI", "X", "IX", "VIII", "VII", "VI", "V", "IV", "III", "II", "I"];
export const RM_LOWER = RM_UPPER.map((r) => r.toLowerCase());
