import { date2j, j2date, type Tm, USECS_PER_DAY } from "./datetime-calendar.js";
import { currentTm, type DecodeOptions, localSeconds } from "./datetime-context.js";
import {
  type DecodeState,
  decodeDate,
  decodeNumber,
  decodeNumberField,
  validateDate,
} from "./datetime-fields.js";
import { isDateKeyword, keywords, monthOf } from "./datetime-keywords.js";
import {
  bad,
  DATE_M,
  decodeTime,
  decodeTimezone,
  type Field,
  leadingInt,
  M,
  overflow,
  parseDateTimeFields,
  parseFraction,
  TIME_M,
} from "./datetime-parse.js";
import { findZone, offsetForLocal, sessionZone, type Zone, zoneOrError } from "./timezone.js";
import { zoneAbbrev } from "./timezone-abbrevs.js";

export interface Decoded {
  kind: "date" | "epoch" | "late" | "early";
  tm: Tm;
  /** Seconds east of UTC: the explicit zone, or the session zone's offset for this local time. */
  offset: number;
  /** Whether the input named a zone or offset. */
  hasZone: boolean;
}

function newState(): DecodeState {
  return { tm: { year: 0, mon: 0, mday: 0, hour: 0, min: 0, sec: 0, fsec: 0 }, is2digits: false, yday: 0 };
}

interface Pending {
  namedZone?: Zone;
  offset: number;
  mer: number;
  bc: boolean;
  isJulian: boolean;
  haveTextMonth: boolean;
}

/** Handles a field word: zone abbreviations first, then keywords, then zone names. Returns its mask. */
function decodeWord(
  f: Field,
  i: number,
  fields: Field[],
  fmask: number,
  st: DecodeState,
  p: Pending,
  opts: DecodeOptions,
  ptype: { v: string },
  kindRef: { v: Decoded["kind"] },
  timeOnly: boolean,
): number {
  const abbrev = zoneAbbrev(f.text);
  if (abbrev) {
    if ("zone" in abbrev) {
      p.namedZone = zoneOrError(abbrev.zone);
      return M.TZ;
    }
    p.offset = abbrev.offset;
    return abbrev.dst ? M.TZ | M.DTZ : M.TZ;
  }
  const k = keywords.get(f.text);
  if (!k) {
    // An unknown word may still be a zone name written without punctuation ("UCT", "Japan").
    const zone = findZone(f.text);
    if (!zone) throw bad();
    p.namedZone = zone;
    return M.TZ;
  }
  const tm = st.tm;
  switch (k[0]) {
    case "ignore":
      return 0;
    case "reserv": {
      const what = k[1];
      if (what === "zulu") {
        tm.hour = tm.min = tm.sec = tm.fsec = 0;
        p.offset = 0;
        return TIME_M | M.TZ;
      }
      if (timeOnly && what !== "now") throw bad();
      if (what === "early" || what === "late" || what === "epoch") {
        kindRef.v = what;
        return DATE_M | TIME_M | M.TZ;
      }
      const cur = currentTm(opts, sessionZone(opts.timeZone));
      if (what === "now") {
        Object.assign(tm, cur.tm);
        p.offset = cur.offset;
        return DATE_M | TIME_M | M.TZ;
      }
      const delta = what === "today" ? 0 : what === "tomorrow" ? 1 : -1;
      [tm.year, tm.mon, tm.mday] = j2date(date2j(cur.tm.year, cur.tm.mon, cur.tm.mday) + delta);
      return DATE_M;
    }
    case "month":
      if (timeOnly) throw bad();
      if (fmask & M.MONTH && !p.haveTextMonth && !(fmask & M.DAY) && tm.mon >= 1 && tm.mon <= 31) {
        tm.mday = tm.mon;
        tm.mon = k[1];
        p.haveTextMonth = true;
        return M.DAY;
      }
      p.haveTextMonth = true;
      tm.mon = k[1];
      return M.MONTH;
    case "dtzmod":
      p.offset += k[1];
      return M.DTZMOD;
    case "ampm":
      p.mer = k[1];
      return M.AMPM;
    case "adbc":
      p.bc = k[1] === 1;
      return M.ADBC;
    case "dow":
      if (timeOnly) throw bad();
      return M.DOW;
    case "units":
      if (ptype.v !== "") throw bad();
      ptype.v = k[1];
      return 0;
    case "isotime": {
      if (!timeOnly && (fmask & DATE_M) !== DATE_M) throw bad();
      const next = fields[i + 1];
      if (!next || (next.type !== "number" && next.type !== "time" && next.type !== "date")) throw bad();
      ptype.v = "t";
      return 0;
    }
  }
}

/** A number following a unit label ("y2001", "j2451187", "t040506"). */
function decodeLabelled(f: Field, unit: string, fmask: number, st: DecodeState, p: Pending): number {
  const tm = st.tm;
  const [value, end] = leadingInt(f.text);
  if (Number.isNaN(value)) throw bad();
  const rest = f.text.slice(end);
  if (rest[0] === "." && unit !== "julian" && unit !== "t" && unit !== "s") throw bad();
  if (rest !== "" && rest[0] !== ".") throw bad();
  switch (unit) {
    case "y":
      tm.year = value;
      return M.YEAR;
    case "m":
      if (fmask & M.MONTH && fmask & M.HOUR) {
        tm.min = value;
        return M.MINUTE;
      }
      tm.mon = value;
      return M.MONTH;
    case "d":
      tm.mday = value;
      return M.DAY;
    case "h":
      tm.hour = value;
      return M.HOUR;
    case "mm":
      tm.min = value;
      return M.MINUTE;
    case "s":
      tm.sec = value;
      if (rest) {
        tm.fsec = parseFraction(rest);
        return M.SECOND | M.MILLISECOND | M.MICROSECOND;
      }
      return M.SECOND;
    case "julian": {
      if (value < 0) throw overflow();
      [tm.year, tm.mon, tm.mday] = j2date(value);
      p.isJulian = true;
      if (!rest) return DATE_M;
      const usec = Math.round(Number(`0${rest}`) * USECS_PER_DAY);
      const s = Math.floor(usec / 1e6);
      tm.hour = Math.floor(s / 3600);
      tm.min = Math.floor(s / 60) % 60;
      tm.sec = s % 60;
      tm.fsec = usec % 1e6;
      return DATE_M | TIME_M;
    }
    case "t": {
      const mask = decodeNumberField(f.text, fmask | DATE_M, st);
      if (mask !== TIME_M) throw bad();
      return mask;
    }
    default:
      throw bad();
  }
}

/** A date field that is really "hhmmss-zz" (run-together time with an offset). */
function decodeTimeWithZone(f: Field, fmask: number, st: DecodeState, p: Pending): number {
  if ((fmask & TIME_M) === TIME_M) throw bad();
  const dash = f.text.indexOf("-");
  if (dash < 0) throw bad();
  p.offset = decodeTimezone(f.text.slice(dash));
  decodeNumberField(f.text.slice(0, dash), fmask | DATE_M, st);
  return TIME_M | M.TZ;
}

/** The whole of DecodeDateTime (timeOnly false) or DecodeTimeOnly (timeOnly true). */
export function decodeDateTime(text: string, opts: DecodeOptions, timeOnly: boolean): Decoded {
  const fields = parseDateTimeFields(text, isDateKeyword);
  const st = newState();
  const tm = st.tm;
  const p: Pending = { offset: 0, mer: -1, bc: false, isJulian: false, haveTextMonth: false };
  const ptype = { v: "" };
  const kind = { v: "date" as Decoded["kind"] };
  let fmask = 0;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    let tmask = 0;
    switch (f.type) {
      case "date":
        if (ptype.v !== "") {
          if (ptype.v !== "t") throw bad();
          ptype.v = "";
          tmask = decodeTimeWithZone(f, fmask, st, p);
        } else if (
          timeOnly
            ? i === 0 &&
              fields.length >= 2 &&
              (fields[fields.length - 1]!.type === "date" || fields[1]!.type === "time")
            : (fmask & (M.MONTH | M.DAY)) !== (M.MONTH | M.DAY)
        ) {
          tmask = decodeDate(f.text, fmask, st, opts.order, monthOf);
        } else if (f.text.charCodeAt(0) >= 48 && f.text.charCodeAt(0) <= 57) {
          tmask = decodeTimeWithZone(f, fmask, st, p);
        } else {
          p.namedZone = zoneOrError(f.text);
          tmask = M.TZ;
        }
        break;
      case "time":
        if (ptype.v !== "") {
          if (ptype.v !== "t") throw bad();
          ptype.v = "";
        }
        decodeTime(f.text, tm);
        tmask = TIME_M;
        if (!timeOnly && timeOverflows(tm)) throw overflow();
        break;
      case "tz":
        p.offset = decodeTimezone(f.text);
        tmask = M.TZ;
        break;
      case "number":
        if (ptype.v !== "") {
          tmask = decodeLabelled(f, ptype.v, fmask, st, p);
          ptype.v = "";
        } else {
          tmask = decodePlainNumber(f.text, i, fields, fmask, st, p, opts, timeOnly);
        }
        break;
      default:
        tmask = decodeWord(f, i, fields, fmask, st, p, opts, ptype, kind, timeOnly);
        break;
    }
    if (tmask & fmask) throw bad();
    fmask |= tmask;
  }
  if (ptype.v !== "") throw bad();
  if (kind.v !== "date") return { kind: kind.v, tm, offset: 0, hasZone: true };
  validateDate(fmask, p.isJulian, p.bc, st);
  if (p.mer !== -1 && tm.hour > 12) throw overflow();
  if (p.mer === 0 && tm.hour === 12) tm.hour = 0;
  else if (p.mer === 1 && tm.hour !== 12) tm.hour += 12;
  return timeOnly ? finishTime(tm, fmask, p, opts) : finishDate(tm, fmask, p, opts, kind.v);
}

function decodePlainNumber(
  text: string,
  i: number,
  fields: Field[],
  fmask: number,
  st: DecodeState,
  p: Pending,
  opts: DecodeOptions,
  timeOnly: boolean,
): number {
  const dot = text.indexOf(".");
  const flen = text.length;
  if (timeOnly) {
    if (dot >= 0) {
      if (i === 0 && fields.length >= 2 && fields[fields.length - 1]!.type === "date") {
        return decodeDate(text, fmask, st, opts.order, monthOf);
      }
      if (dot > 2) return decodeNumberField(text, fmask | DATE_M, st);
      throw bad();
    }
    if (flen > 4) return decodeNumberField(text, fmask | DATE_M, st);
    return decodeNumber(text, false, fmask | DATE_M, st, opts.order);
  }
  if (dot >= 0 && !(fmask & DATE_M)) return decodeDate(text, fmask, st, opts.order, monthOf);
  if (dot > 2) return decodeNumberField(text, fmask, st);
  if (flen >= 6 && (!(fmask & DATE_M) || !(fmask & TIME_M))) return decodeNumberField(text, fmask, st);
  return decodeNumber(text, p.haveTextMonth, fmask, st, opts.order);
}

/** time_overflows: fields in range and the total not beyond 24:00:00. */
export function timeOverflows(tm: Tm): boolean {
  if (tm.hour < 0 || tm.hour > 24 || tm.min < 0 || tm.min >= 60 || tm.sec < 0 || tm.sec > 60) return true;
  if (tm.fsec < 0 || tm.fsec > 1e6) return true;
  return ((tm.hour * 60 + tm.min) * 60 + tm.sec) * 1e6 + tm.fsec > USECS_PER_DAY;
}

function finishDate(tm: Tm, fmask: number, p: Pending, opts: DecodeOptions, kind: Decoded["kind"]): Decoded {
  const hasZone = (fmask & M.TZ) !== 0;
  if (kind !== "date") return { kind, tm, offset: 0, hasZone };
  if ((fmask & DATE_M) !== DATE_M) throw bad();
  let offset = p.offset;
  if (p.namedZone) {
    if (fmask & M.DTZMOD) throw bad();
    offset = offsetForLocal(p.namedZone, localSeconds(tm));
  } else if (!hasZone) {
    if (fmask & M.DTZMOD) throw bad();
    offset = offsetForLocal(sessionZone(opts.timeZone), localSeconds(tm));
  }
  return { kind, tm, offset, hasZone };
}

function finishTime(tm: Tm, fmask: number, p: Pending, opts: DecodeOptions): Decoded {
  if (timeOverflows(tm)) throw overflow();
  if ((fmask & TIME_M) !== TIME_M) throw bad();
  const hasZone = (fmask & M.TZ) !== 0;
  let offset = p.offset;
  const zone = p.namedZone ?? (hasZone ? undefined : sessionZone(opts.timeZone));
  if (zone) {
    if (fmask & M.DTZMOD) throw bad();
    let day: Tm;
    if (zone.fixed) {
      day = tm;
    } else if ((fmask & DATE_M) === 0 && !p.namedZone) {
      day = currentTm(opts, zone).tm;
    } else if ((fmask & DATE_M) !== DATE_M) {
      throw bad();
    } else {
      day = tm;
    }
    offset = offsetForLocal(zone, localSeconds({ ...day, hour: tm.hour, min: tm.min, sec: tm.sec }));
  }
  return { kind: "date", tm, offset, hasZone };
}
