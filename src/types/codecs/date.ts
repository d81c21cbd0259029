// date: stored as TEXT in its ISO output form 'YYYY-MM-DD' (' BC' appended before year 1), or
// 'infinity' / '-infinity'. Input follows date_in (DecodeDateTime, then the Julian range checks).
import { PgError } from "../../errors/pg-error.js";
import type { FormatContext } from "../format-context.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { expectLength } from "./binary.js";
import {
  date2j,
  END_DATE_DAY,
  isValidJulian,
  j2date,
  POSTGRES_EPOCH_JDATE,
  UNIX_EPOCH_JDATE,
} from "./datetime-calendar.js";
import { decodeOptions } from "./datetime-context.js";
import { decodeDateTime } from "./datetime-decode.js";
import { encodeDate, parseDateStyle } from "./datetime-format.js";
import { dateTimeParseError } from "./datetime-parse.js";

/** Days since 2000-01-01, or an infinity. */
export type DateValue = number | "infinity" | "-infinity";

const DATE_NOEND = 0x7fffffff;
const DATE_NOBEGIN = -0x80000000;

function isValidDate(day: number): boolean {
  return day >= -POSTGRES_EPOCH_JDATE && day < END_DATE_DAY;
}

/** date_in. */
export function readDate(text: string, ctx: FormatContext): DateValue {
  let d: ReturnType<typeof decodeDateTime>;
  try {
    d = decodeDateTime(text, decodeOptions(ctx), false);
  } catch (e) {
    throw dateTimeParseError(e, text, "date");
  }
  if (d.kind === "late") return "infinity";
  if (d.kind === "early") return "-infinity";
  if (d.kind === "epoch") return UNIX_EPOCH_JDATE - POSTGRES_EPOCH_JDATE;
  const { year, mon, mday } = d.tm;
  const outOfRange = () => new PgError("DATETIME_VALUE_OUT_OF_RANGE", `date out of range: "${text}"`);
  if (!isValidJulian(year, mon, mday)) throw outOfRange();
  const day = date2j(year, mon, mday) - POSTGRES_EPOCH_JDATE;
  if (!isValidDate(day)) throw outOfRange();
  return day;
}

/** The storage text of a date. */
export function formatStoredDate(v: DateValue): string {
  if (typeof v === "string") return v;
  const [year, mon, mday] = j2date(v + POSTGRES_EPOCH_JDATE);
  return encodeDate({ year, mon, mday, hour: 0, min: 0, sec: 0, fsec: 0 }, { style: "ISO", order: "YMD" });
}

const STORED = /^(\d{4,})-(\d\d)-(\d\d)( BC)?$/;

/** Reads a stored date; other text is read as date input. */
export function parseStoredDate(value: StoredValue): DateValue {
  const s = typeof value === "string" ? value : String(value);
  const m = STORED.exec(s);
  if (!m) {
    if (s === "infinity" || s === "-infinity") return s;
    return readDate(s, {
      dateStyle: "ISO, YMD",
      timeZone: "UTC",
      intervalStyle: "postgres",
      extraFloatDigits: 1,
      byteaOutput: "hex",
    });
  }
  const year = m[4] ? 1 - Number(m[1]) : Number(m[1]);
  return date2j(year, Number(m[2]), Number(m[3])) - POSTGRES_EPOCH_JDATE;
}

export const dateCodec: TypeCodec = {
  toText(value, _typmod, ctx) {
    const ds = parseDateStyle(ctx.dateStyle);
    if (typeof value === "string" && ds.style === "ISO") return value;
    const v = parseStoredDate(value);
    if (typeof v === "string") return v;
    const [year, mon, mday] = j2date(v + POSTGRES_EPOCH_JDATE);
    return encodeDate({ year, mon, mday, hour: 0, min: 0, sec: 0, fsec: 0 }, ds);
  },
  fromText: (text, _typmod, ctx) => formatStoredDate(readDate(text, ctx)),
  toBinary(value) {
    const v = parseStoredDate(value);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, v === "infinity" ? DATE_NOEND : v === "-infinity" ? DATE_NOBEGIN : v);
    return b;
  },
  fromBinary(bytes) {
    const n = expectLength(bytes, 4).getInt32(0);
    if (n === DATE_NOEND) return "infinity";
    if (n === DATE_NOBEGIN) return "-infinity";
    if (!isValidDate(n)) throw new PgError("DATETIME_VALUE_OUT_OF_RANGE", "date out of range");
    return formatStoredDate(n);
  },
};
