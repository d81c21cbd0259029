// interval: stored as TEXT "<months> <days> <microseconds>" (three signed integers, e.g. "14 3 14706500000"
// for '1 year 2 mons 3 days 04:05:06.5'), keeping PostgreSQL's three independent fields. Output follows
// EncodeInterval in each IntervalStyle; input is in interval-parse.ts.
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { IntervalField as F, INTERVAL_FULL_PRECISION, INTERVAL_FULL_RANGE } from "../typmod.js";
import { BinaryWriter, expectLength } from "./binary.js";
import { pad2 } from "./datetime-calendar.js";
import { DateTimeError, dateTimeParseError } from "./datetime-parse.js";
import { decodeInterval, type Interval } from "./interval-parse.js";

export type { Interval };

const USECS_PER_HOUR = 3_600_000_000;
const USECS_PER_MINUTE = 60_000_000;

/** The storage text of an interval. */
export function formatStoredInterval(v: Interval): string {
  return `${v.months} ${v.days} ${v.usec}`;
}

/** Reads stored interval text; anything else is read as interval input. */
export function parseStoredInterval(value: StoredValue): Interval {
  const s = typeof value === "string" ? value : String(value);
  const a = s.indexOf(" ");
  const b = s.indexOf(" ", a + 1);
  if (a > 0 && b > a) {
    const months = Number(s.slice(0, a));
    const days = Number(s.slice(a + 1, b));
    const usec = Number(s.slice(b + 1));
    if (Number.isInteger(months) && Number.isInteger(days) && Number.isInteger(usec))
      return { months, days, usec };
  }
  return readInterval(s, -1, false);
}

/** interval_in. */
export function readInterval(text: string, typmod: number, sqlStandard: boolean): Interval {
  const range = typmod >= 0 ? (typmod >> 16) & 0x7fff : INTERVAL_FULL_RANGE;
  let v: Interval;
  try {
    v = decodeInterval(text, range, sqlStandard);
  } catch (e) {
    const err = e instanceof DateTimeError && e.code === "field" ? new DateTimeError("interval") : e;
    throw dateTimeParseError(err, text, "interval");
  }
  return adjustInterval(v, typmod);
}

/** AdjustIntervalForTypmod: zero the fields right of the range's last one, round the seconds. */
export function adjustInterval(v: Interval, typmod: number): Interval {
  if (typmod < 0) return v;
  const range = (typmod >> 16) & 0x7fff;
  const precision = typmod & 0xffff;
  let { months, days, usec } = v;
  const truncTo = (unit: number) => Math.trunc(usec / unit) * unit;
  if (range === F.year) {
    months = Math.trunc(months / 12) * 12;
    days = 0;
    usec = 0;
  } else if (range === F.month || range === (F.year | F.month)) {
    days = 0;
    usec = 0;
  } else if (range === F.day) {
    usec = 0;
  } else if (range === F.hour || range === (F.day | F.hour)) {
    usec = truncTo(USECS_PER_HOUR);
  } else if (range === F.minute || range === (F.day | F.hour | F.minute) || range === (F.hour | F.minute)) {
    usec = truncTo(USECS_PER_MINUTE);
  }
  if (precision !== INTERVAL_FULL_PRECISION && precision < 6) {
    const scale = 10 ** (6 - precision);
    const half = scale / 2;
    usec =
      usec >= 0 ? Math.trunc((usec + half) / scale) * scale : -Math.trunc((-usec + half) / scale) * scale;
  }
  return { months, days, usec: usec === 0 ? 0 : usec };
}

/** AppendSeconds: seconds (zero-padded to two digits when asked) and the fraction without trailing zeros. */
function secondsPart(sec: number, fsec: number, fill: boolean): string {
  const s = Math.abs(sec);
  const whole = fill && s < 10 ? `0${s}` : String(s);
  if (fsec === 0) return whole;
  let f = String(Math.abs(fsec)).padStart(6, "0");
  let end = f.length;
  while (f.charCodeAt(end - 1) === 48) end--;
  f = f.slice(0, end);
  return `${whole}.${f}`;
}

/** interval2itm: years, months, days, hours, minutes, seconds, microseconds, each carrying its sign. */
function split(v: Interval): number[] {
  const year = Math.trunc(v.months / 12);
  const mon = v.months - year * 12;
  let t = v.usec;
  const hour = Math.trunc(t / USECS_PER_HOUR);
  t -= hour * USECS_PER_HOUR;
  const min = Math.trunc(t / USECS_PER_MINUTE);
  t -= min * USECS_PER_MINUTE;
  const sec = Math.trunc(t / 1e6);
  // "+ 0" turns -0 into 0.
  return [year + 0, mon + 0, v.days + 0, hour + 0, min + 0, sec + 0, t - sec * 1e6 + 0];
}

/** AddPostgresIntPart: " +3 days" etc.; returns the text and the sign state for the next part. */
function postgresPart(
  out: string,
  value: number,
  unit: string,
  state: { zero: boolean; before: boolean },
): string {
  if (value === 0) return out;
  const text = `${state.zero ? "" : " "}${state.before && value > 0 ? "+" : ""}${value} ${unit}${value !== 1 ? "s" : ""}`;
  state.before = value < 0;
  state.zero = false;
  return out + text;
}

function postgresStyle(v: Interval): string {
  const year = Math.trunc(v.months / 12) + 0;
  const mon = v.months - year * 12 + 0;
  const state = { zero: true, before: false };
  let out = postgresPart("", year, "year", state);
  out = postgresPart(out, mon, "mon", state);
  out = postgresPart(out, v.days + 0, "day", state);
  const t = v.usec;
  if (state.zero || t !== 0) {
    const a = Math.abs(t);
    const hour = Math.floor(a / USECS_PER_HOUR);
    const min = Math.floor((a - hour * USECS_PER_HOUR) / USECS_PER_MINUTE);
    const rest = a - hour * USECS_PER_HOUR - min * USECS_PER_MINUTE;
    const sec = Math.floor(rest / 1e6);
    const sign = t < 0 ? "-" : state.before ? "+" : "";
    out += `${state.zero ? "" : " "}${sign}${pad2(hour)}:${pad2(min)}:${secondsPart(sec, rest - sec * 1e6, true)}`;
  }
  return out;
}

function verboseStyle(v: Interval): string {
  const [year, mon, mday, hour, min, sec, fsec] = split(v) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  let out = "@";
  let isZero = true;
  let isBefore = false;
  const part = (value: number, unit: string) => {
    if (value === 0) return;
    if (isZero) {
      isBefore = value < 0;
      value = Math.abs(value);
    } else if (isBefore) {
      value = -value;
    }
    out += ` ${value} ${unit}${value === 1 ? "" : "s"}`;
    isZero = false;
  };
  part(year, "year");
  part(mon, "mon");
  part(mday, "day");
  part(hour, "hour");
  part(min, "min");
  if (sec !== 0 || fsec !== 0) {
    out += " ";
    if (sec < 0 || (sec === 0 && fsec < 0)) {
      if (isZero) isBefore = true;
      else if (!isBefore) out += "-";
    } else if (isBefore) {
      out += "-";
    }
    out += `${secondsPart(sec, fsec, false)} sec${Math.abs(sec) !== 1 || fsec !== 0 ? "s" : ""}`;
    isZero = false;
  }
  if (isZero) out += " 0";
  if (isBefore) out += " ago";
  return out;
}

function iso8601Style(v: Interval): string {
  const [year, mon, mday, hour, min, sec, fsec] = split(v) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year === 0 && mon === 0 && mday === 0 && hour === 0 && min === 0 && sec === 0 && fsec === 0)
    return "PT0S";
  const part = (value: number, unit: string) => (value === 0 ? "" : `${value}${unit}`);
  let out = `P${part(year, "Y")}${part(mon, "M")}${part(mday, "D")}`;
  if (hour !== 0 || min !== 0 || sec !== 0 || fsec !== 0) out += "T";
  out += part(hour, "H") + part(min, "M");
  if (sec !== 0 || fsec !== 0) out += `${sec < 0 || fsec < 0 ? "-" : ""}${secondsPart(sec, fsec, false)}S`;
  return out;
}

function sqlStandardStyle(v: Interval): string {
  let [year, mon, mday, hour, min, sec, fsec] = split(v) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const all = [year, mon, mday, hour, min, sec, fsec];
  const hasNegative = all.some((x) => x < 0);
  const hasPositive = all.some((x) => x > 0);
  const hasYearMonth = year !== 0 || mon !== 0;
  const hasDayTime = mday !== 0 || hour !== 0 || min !== 0 || sec !== 0 || fsec !== 0;
  const standard = !(hasNegative && hasPositive) && !(hasYearMonth && hasDayTime);
  let out = "";
  if (hasNegative && standard) {
    out = "-";
    [year, mon, mday, hour, min, sec, fsec] = [-year, -mon, -mday, -hour, -min, -sec, -fsec];
  }
  if (!hasNegative && !hasPositive) return "0";
  if (!standard) {
    const ys = year < 0 || mon < 0 ? "-" : "+";
    const ds = mday < 0 ? "-" : "+";
    const ss = hour < 0 || min < 0 || sec < 0 || fsec < 0 ? "-" : "+";
    return `${ys}${Math.abs(year)}-${Math.abs(mon)} ${ds}${Math.abs(mday)} ${ss}${Math.abs(hour)}:${pad2(Math.abs(min))}:${secondsPart(sec, fsec, true)}`;
  }
  if (hasYearMonth) return `${out}${year}-${mon}`;
  const time = `${hour}:${pad2(min)}:${secondsPart(sec, fsec, true)}`;
  return mday !== 0 ? `${out}${mday} ${time}` : out + time;
}

/** interval_out in the given IntervalStyle. */
export function formatInterval(v: Interval, style: string): string {
  switch (style) {
    case "postgres_verbose":
      return verboseStyle(v);
    case "iso_8601":
      return iso8601Style(v);
    case "sql_standard":
      return sqlStandardStyle(v);
    default:
      return postgresStyle(v);
  }
}

export const intervalCodec: TypeCodec = {
  toText: (value, _typmod, ctx) => formatInterval(parseStoredInterval(value), ctx.intervalStyle),
  fromText: (text, typmod, ctx) =>
    formatStoredInterval(readInterval(text, typmod, ctx.intervalStyle === "sql_standard")),
  // interval_send: int64 microseconds, int32 days, int32 months.
  toBinary(value) {
    const v = parseStoredInterval(value);
    const usec = BigInt(v.usec);
    const w = new BinaryWriter();
    w.int32(Number(BigInt.asIntN(32, usec >> 32n)))
      .int32(Number(BigInt.asIntN(32, usec & 0xffffffffn)))
      .int32(v.days)
      .int32(v.months);
    return w.finish();
  },
  fromBinary(bytes, typmod) {
    const dv = expectLength(bytes, 16);
    const usec = Number(dv.getBigInt64(0));
    const v = { usec, days: dv.getInt32(8), months: dv.getInt32(12) };
    return formatStoredInterval(adjustInterval(v, typmod));
  },
};
