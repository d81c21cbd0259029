// Date/time output in PostgreSQL's DateStyles (EncodeDateOnly, EncodeTimeOnly, EncodeDateTime and
// EncodeTimezone in datetime.c).
import {
  DAY_NAMES,
  date2j,
  j2day,
  MONTH_NAMES,
  pad2,
  pad4,
  secondsText,
  type Tm,
} from "./datetime-calendar.js";
import type { DateOrder } from "./datetime-parse.js";

export type DateStyleName = "ISO" | "SQL" | "Postgres" | "German";

export interface DateStyle {
  style: DateStyleName;
  order: DateOrder;
}

const styleCache = new Map<string, DateStyle>();

/** Parses a DateStyle setting such as "ISO, MDY", "SQL, DMY", "Postgres", "German". */
export function parseDateStyle(setting: string): DateStyle {
  let ds = styleCache.get(setting);
  if (ds) return ds;
  let style: DateStyleName = "ISO";
  let order: DateOrder | undefined;
  for (const raw of setting.split(/[\s,]+/)) {
    const w = raw.toLowerCase();
    if (w === "iso") style = "ISO";
    else if (w === "sql") style = "SQL";
    else if (w === "postgres") style = "Postgres";
    else if (w === "german") style = "German";
    else if (w === "ymd") order = "YMD";
    else if (w === "dmy" || w === "euro" || w === "european") order = "DMY";
    else if (w === "mdy" || w === "us" || w === "noneuro" || w === "noneuropean") order = "MDY";
  }
  // check_datestyle: German alone implies DMY.
  ds = { style, order: order ?? (style === "German" ? "DMY" : "MDY") };
  styleCache.set(setting, ds);
  return ds;
}

/** A year as printed: astronomical year 0 is 1 BC (the " BC" suffix is added by the caller). */
function yearText(year: number): string {
  return pad4(year > 0 ? year : -(year - 1));
}

/** EncodeDateOnly. */
export function encodeDate(tm: Tm, ds: DateStyle): string {
  const y = yearText(tm.year);
  const m = pad2(tm.mon);
  const d = pad2(tm.mday);
  let s: string;
  switch (ds.style) {
    case "ISO":
      s = `${y}-${m}-${d}`;
      break;
    case "SQL":
      s = ds.order === "DMY" ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
      break;
    case "German":
      s = `${d}.${m}.${y}`;
      break;
    default:
      s = ds.order === "DMY" ? `${d}-${m}-${y}` : `${m}-${d}-${y}`;
  }
  return tm.year <= 0 ? `${s} BC` : s;
}

/** EncodeTimezone: "+05", "+05:30", "-04:56:02" for an offset in seconds east of UTC. */
export function encodeOffset(offset: number): string {
  const a = Math.abs(offset);
  const sign = offset >= 0 ? "+" : "-";
  const h = Math.floor(a / 3600);
  const m = Math.floor(a / 60) % 60;
  const s = a % 60;
  if (s !== 0) return `${sign}${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  if (m !== 0) return `${sign}${pad2(h)}:${pad2(m)}`;
  return sign + pad2(h);
}

/** EncodeTimeOnly: "HH:MM:SS[.ffffff]" plus the offset when given. */
export function encodeTime(tm: Tm, offset?: number): string {
  const t = `${pad2(tm.hour)}:${pad2(tm.min)}:${secondsText(tm.sec, tm.fsec)}`;
  return offset === undefined ? t : t + encodeOffset(offset);
}

/**
 * EncodeDateTime. With a zone (timestamptz), ISO prints the numeric offset, the other styles the
 * zone abbreviation (which may be empty, as for POSIX zones given without one).
 */
export function encodeDateTime(tm: Tm, ds: DateStyle, zone?: { offset: number; abbrev: string }): string {
  const time = `${pad2(tm.hour)}:${pad2(tm.min)}:${secondsText(tm.sec, tm.fsec)}`;
  const y = yearText(tm.year);
  const m = pad2(tm.mon);
  const d = pad2(tm.mday);
  const named = zone ? ` ${zone.abbrev}` : "";
  let s: string;
  switch (ds.style) {
    case "ISO":
      s = `${y}-${m}-${d} ${time}${zone ? encodeOffset(zone.offset) : ""}`;
      break;
    case "SQL":
      s = `${ds.order === "DMY" ? `${d}/${m}` : `${m}/${d}`}/${y} ${time}${named}`;
      break;
    case "German":
      s = `${d}.${m}.${y} ${time}${named}`;
      break;
    default: {
      const wday = DAY_NAMES[j2day(date2j(tm.year, tm.mon, tm.mday))]!;
      const mon = MONTH_NAMES[tm.mon - 1]!;
      const md = ds.order === "DMY" ? `${d} ${mon}` : `${mon} ${d}`;
      s = `${wday} ${md} ${time} ${y}${named}`;
    }
  }
  return tm.year <= 0 ? `${s} BC` : s;
}
