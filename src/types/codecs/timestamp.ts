// timestamp and timestamptz. Storage is TEXT: timestamp as its ISO output 'YYYY-MM-DD HH:MM:SS[.ffffff]'
// (' BC' appended before year 1), timestamptz in UTC as 'YYYY-MM-DD HH:MM:SS[.ffffff]+00:00', so that
// text order is time order for years 1..9999; 'infinity' and '-infinity' as such.
import { PgError } from "../../errors/pg-error.js";
import { defaultFormatContext, type FormatContext } from "../format-context.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { expectLength } from "./binary.js";
import {
  date2j,
  END_TIMESTAMP_DAY,
  isValidJulian,
  j2date,
  MIN_TIMESTAMP_DAY,
  POSTGRES_EPOCH_JDATE,
  pad2,
  secondsText,
  splitTime,
  type Tm,
  UNIX_EPOCH_JDATE,
  USECS_PER_DAY,
} from "./datetime-calendar.js";
import { decodeOptions } from "./datetime-context.js";
import { decodeDateTime } from "./datetime-decode.js";
import { encodeDateTime, parseDateStyle } from "./datetime-format.js";
import { dateTimeParseError } from "./datetime-parse.js";
import { sessionZone, type Zone } from "./timezone.js";

/** A finite timestamp: whole days since 2000-01-01 and microseconds into that day. */
export interface Timestamp {
  day: number;
  usec: number;
}

export type TimestampValue = Timestamp | "infinity" | "-infinity";

const EPOCH_DAY = UNIX_EPOCH_JDATE - POSTGRES_EPOCH_JDATE;

/** Adds microseconds (possibly negative or beyond a day) to a timestamp, carrying into days. */
export function addMicros(ts: Timestamp, usec: number): Timestamp {
  let u = ts.usec + usec;
  const carry = Math.floor(u / USECS_PER_DAY);
  u -= carry * USECS_PER_DAY;
  return { day: ts.day + carry, usec: u };
}

/** tm2timestamp: a local broken-down time, less an offset east of UTC; undefined when out of range. */
export function tmToTimestamp(tm: Tm, offset: number): Timestamp | undefined {
  if (!isValidJulian(tm.year, tm.mon, tm.mday)) return undefined;
  const day = date2j(tm.year, tm.mon, tm.mday) - POSTGRES_EPOCH_JDATE;
  const time = ((tm.hour * 60 + tm.min) * 60 + tm.sec) * 1e6 + tm.fsec;
  const ts = addMicros({ day, usec: 0 }, time - offset * 1e6);
  return isValidTimestamp(ts) ? ts : undefined;
}

export function isValidTimestamp(ts: Timestamp): boolean {
  return ts.day >= MIN_TIMESTAMP_DAY && ts.day < END_TIMESTAMP_DAY;
}

/** timestamp2tm without a zone. */
export function timestampToTm(ts: Timestamp): Tm {
  const [year, mon, mday] = j2date(ts.day + POSTGRES_EPOCH_JDATE);
  const [hour, min, sec, fsec] = splitTime(ts.usec);
  return { year, mon, mday, hour, min, sec, fsec };
}

/** Seconds since 1970-01-01 of a timestamp read as UTC. */
export function unixSeconds(ts: Timestamp): number {
  return (ts.day - EPOCH_DAY) * 86_400 + Math.floor(ts.usec / 1e6);
}

function yearPart(year: number): string {
  const y = year > 0 ? year : 1 - year;
  return y >= 1000 ? String(y) : String(y).padStart(4, "0");
}

/** The storage text of a timestamp (utc: a timestamptz, suffixed "+00:00"). */
export function formatStoredTimestamp(v: TimestampValue, utc: boolean): string {
  if (typeof v === "string") return v;
  const tm = timestampToTm(v);
  const s = `${yearPart(tm.year)}-${pad2(tm.mon)}-${pad2(tm.mday)} ${pad2(tm.hour)}:${pad2(tm.min)}:${secondsText(tm.sec, tm.fsec)}`;
  const z = utc ? `${s}+00:00` : s;
  return tm.year <= 0 ? `${z} BC` : z;
}

/** Digits at s[i..i+n) as a number, or -1 when any is not a digit. */
function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** The stored form 'YYYY-MM-DD HH:MM:SS[.ffffff][+00[:00]][ BC]', read without a regular expression. */
function parseCanonical(s: string): Timestamp | undefined {
  let i = 0;
  let year = 0;
  for (let c = s.charCodeAt(0); c >= 48 && c <= 57; c = s.charCodeAt(++i)) year = year * 10 + c - 48;
  if (i < 4 || s.charCodeAt(i) !== 45 || s.charCodeAt(i + 3) !== 45 || s.charCodeAt(i + 6) !== 32)
    return undefined;
  if (s.charCodeAt(i + 9) !== 58 || s.charCodeAt(i + 12) !== 58) return undefined;
  const mon = digitsAt(s, i + 1, 2);
  const mday = digitsAt(s, i + 4, 2);
  const hour = digitsAt(s, i + 7, 2);
  const min = digitsAt(s, i + 10, 2);
  const sec = digitsAt(s, i + 13, 2);
  if (mon < 0 || mday < 0 || hour < 0 || min < 0 || sec < 0) return undefined;
  i += 15;
  let frac = 0;
  if (s.charCodeAt(i) === 46) {
    let scale = 100000;
    for (let c = s.charCodeAt(++i); c >= 48 && c <= 57 && scale >= 1; c = s.charCodeAt(++i)) {
      frac += (c - 48) * scale;
      scale /= 10;
    }
  }
  if (s.startsWith("+00", i)) i += s.startsWith("+00:00", i) ? 6 : 3;
  if (s.startsWith(" BC", i)) {
    year = 1 - year;
    i += 3;
  }
  if (i !== s.length) return undefined;
  const day = date2j(year, mon, mday) - POSTGRES_EPOCH_JDATE;
  return { day, usec: ((hour * 60 + min) * 60 + sec) * 1e6 + frac };
}

/** Reads a stored timestamp(tz); other text is read as timestamp input in UTC. */
export function parseStoredTimestamp(value: StoredValue): TimestampValue {
  const s = typeof value === "string" ? value : String(value);
  const ts = parseCanonical(s);
  if (ts) return ts;
  if (s === "infinity" || s === "-infinity") return s;
  const utc = { ...defaultFormatContext, dateStyle: "ISO, YMD", timeZone: "UTC" };
  return readTimestamp(s, utc, true);
}

function outOfRange(text: string): PgError {
  return new PgError("DATETIME_VALUE_OUT_OF_RANGE", `timestamp out of range: "${text}"`);
}

/** timestamp_in / timestamptz_in without the typmod. */
export function readTimestamp(text: string, ctx: FormatContext, withZone: boolean): TimestampValue {
  let d: ReturnType<typeof decodeDateTime>;
  try {
    d = decodeDateTime(text, decodeOptions(ctx), false);
  } catch (e) {
    throw dateTimeParseError(e, text, withZone ? "timestamp with time zone" : "timestamp");
  }
  if (d.kind === "late") return "infinity";
  if (d.kind === "early") return "-infinity";
  if (d.kind === "epoch") return { day: EPOCH_DAY, usec: 0 };
  const ts = tmToTimestamp(d.tm, withZone ? d.offset : 0);
  if (!ts) throw outOfRange(text);
  return ts;
}

/** AdjustTimestampForTypmod: rounds the microseconds since 2000-01-01 half away from zero. */
export function roundTimestamp(v: TimestampValue, typmod: number): TimestampValue {
  if (typeof v === "string" || typmod < 0 || typmod >= 6) return v;
  const scale = 10 ** (6 - typmod);
  const rem = v.usec % scale;
  if (rem === 0) return v;
  // Before 2000 the value is negative, so "away from zero" rounds the other way at exact halves.
  const up = v.day >= 0 ? rem >= scale / 2 : scale - rem < scale / 2;
  return addMicros(v, up ? scale - rem : -rem);
}

/** The local broken-down time and zone of a timestamptz in the session's TimeZone. */
export function localTime(ts: Timestamp, zone: Zone): { tm: Tm; offset: number } {
  const offset = zone.offsetAt(unixSeconds(ts));
  return { tm: timestampToTm(addMicros(ts, offset * 1e6)), offset };
}

const INT64_MAX = 0x7fffffffffffffffn;
const INT64_MIN = -0x8000000000000000n;
const USECS_PER_DAY_N = 86_400_000_000n;

/** The binary form: int64 microseconds since 2000-01-01 (infinities as the int64 extremes). */
export function timestampToBinary(v: TimestampValue): Uint8Array {
  const b = new Uint8Array(8);
  const n =
    v === "infinity"
      ? INT64_MAX
      : v === "-infinity"
        ? INT64_MIN
        : BigInt(v.day) * USECS_PER_DAY_N + BigInt(v.usec);
  new DataView(b.buffer).setBigInt64(0, n);
  return b;
}

export function timestampFromBinary(bytes: Uint8Array): TimestampValue {
  const n = expectLength(bytes, 8).getBigInt64(0);
  if (n === INT64_MAX) return "infinity";
  if (n === INT64_MIN) return "-infinity";
  let day = n / USECS_PER_DAY_N;
  let usec = n % USECS_PER_DAY_N;
  if (usec < 0n) {
    usec += USECS_PER_DAY_N;
    day -= 1n;
  }
  const ts = { day: Number(day), usec: Number(usec) };
  if (!isValidTimestamp(ts)) throw new PgError("DATETIME_VALUE_OUT_OF_RANGE", "timestamp out of range");
  return ts;
}

function isIsoStyle(ctx: FormatContext): boolean {
  return parseDateStyle(ctx.dateStyle).style === "ISO";
}

export const timestampCodec: TypeCodec = {
  toText(value, _typmod, ctx) {
    if (typeof value === "string" && isIsoStyle(ctx) && value.length >= 19 && value.charCodeAt(4) === 45)
      return value;
    const v = parseStoredTimestamp(value);
    if (typeof v === "string") return v;
    return encodeDateTime(timestampToTm(v), parseDateStyle(ctx.dateStyle));
  },
  fromText(text, typmod, ctx) {
    return formatStoredTimestamp(roundTimestamp(readTimestamp(text, ctx, false), typmod), false);
  },
  toBinary: (value) => timestampToBinary(parseStoredTimestamp(value)),
  fromBinary: (bytes, typmod) =>
    formatStoredTimestamp(roundTimestamp(timestampFromBinary(bytes), typmod), false),
};

const UTC_ZONES = new Set(["UTC", "Etc/UTC", "utc", "GMT", "Etc/GMT"]);

export const timestamptzCodec: TypeCodec = {
  toText(value, _typmod, ctx) {
    if (
      typeof value === "string" &&
      UTC_ZONES.has(ctx.timeZone) &&
      isIsoStyle(ctx) &&
      value.endsWith("+00:00")
    ) {
      return value.slice(0, -3);
    }
    const v = parseStoredTimestamp(value);
    if (typeof v === "string") return v;
    const zone = sessionZone(ctx.timeZone);
    const { tm, offset } = localTime(v, zone);
    const ds = parseDateStyle(ctx.dateStyle);
    return encodeDateTime(tm, ds, {
      offset,
      abbrev: ds.style === "ISO" ? "" : zone.abbrevAt(unixSeconds(v)),
    });
  },
  fromText(text, typmod, ctx) {
    return formatStoredTimestamp(roundTimestamp(readTimestamp(text, ctx, true), typmod), true);
  },
  toBinary: (value) => timestampToBinary(parseStoredTimestamp(value)),
  fromBinary: (bytes, typmod) =>
    formatStoredTimestamp(roundTimestamp(timestampFromBinary(bytes), typmod), true),
};
