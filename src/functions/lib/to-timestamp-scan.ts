// DCH_from_char of PostgreSQL 15's formatting.c (not in standard mode): walks a parsed template
// over the source string of to_date or to_timestamp, filling a TmFromChar.
import { PgError } from "../../errors/pg-error.js";
import {
  DAYS,
  DAYS_SHORT,
  type FormatNode,
  isSeparatorChar,
  isSpaceChar,
  MONTHS,
  MONTHS_FULL,
  RM_LOWER,
  S_TH,
  S_th,
} from "./datetime-template.js";
import {
  formatError,
  newTmfc,
  parseIntLen,
  Source,
  seqSearch,
  setInt,
  type TmFromChar,
} from "./to-timestamp-fields.js";

const AMPM = ["am", "pm", "AM", "PM"];
const AMPM_LONG = ["a.m.", "p.m.", "A.M.", "P.M."];
const ADBC = ["ad", "bc", "AD", "BC"];
const ADBC_LONG = ["a.d.", "b.c.", "A.D.", "B.C."];

/** DCH_from_char (not in standard mode): fills a TmFromChar from the source string. */
export function dchFromChar(nodes: FormatNode[], input: string): TmFromChar {
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
