// time and timetz. time is stored as TEXT 'HH:MM:SS[.ffffff]' (trailing fraction zeros removed, up to
// 24:00:00); timetz as its output form 'HH:MM:SS[.ffffff]+HH[:MM[:SS]]'. Input follows time_in and
// timetz_in (DecodeTimeOnly).
import { PgError } from "../../errors/pg-error.js";
import type { FormatContext } from "../format-context.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { BinaryReader, expectLength } from "./binary.js";
import { roundMicros, timeOfDayText, USECS_PER_DAY } from "./datetime-calendar.js";
import { decodeOptions } from "./datetime-context.js";
import { decodeDateTime } from "./datetime-decode.js";
import { encodeOffset } from "./datetime-format.js";
import { dateTimeParseError, decodeTimezone } from "./datetime-parse.js";

/** A time with time zone: microseconds since midnight and the offset in seconds east of UTC. */
export interface TimeTz {
  usec: number;
  offset: number;
}

function decodeTimeText(text: string, ctx: FormatContext, sqlName: string): { usec: number; offset: number } {
  try {
    const d = decodeDateTime(text, decodeOptions(ctx), true);
    const { hour, min, sec, fsec } = d.tm;
    return { usec: ((hour * 60 + min) * 60 + sec) * 1e6 + fsec, offset: d.offset };
  } catch (e) {
    throw dateTimeParseError(e, text, sqlName);
  }
}

/** AdjustTimeForTypmod: rounds half up (times are never negative). */
export function roundTime(usec: number, typmod: number): number {
  return typmod >= 0 && typmod < 6 ? roundMicros(usec, typmod) : usec;
}

const STORED_TIME = /^(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?/;

/** Microseconds since midnight of stored 'HH:MM:SS[.ffffff]' text, and where the time ends. */
export function parseStoredTime(value: StoredValue): { usec: number; end: number } {
  const s = typeof value === "string" ? value : String(value);
  const m = STORED_TIME.exec(s);
  if (!m) throw new PgError("INVALID_DATETIME_FORMAT", `invalid input syntax for type time: "${s}"`);
  const frac = m[4] ? Number(m[4].padEnd(6, "0")) : 0;
  return { usec: ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1e6 + frac, end: m[0].length };
}

export function parseStoredTimeTz(value: StoredValue): TimeTz {
  const s = typeof value === "string" ? value : String(value);
  const { usec, end } = parseStoredTime(s);
  return { usec, offset: end < s.length ? decodeTimezone(s.slice(end)) : 0 };
}

export function formatStoredTimeTz(v: TimeTz): string {
  return timeOfDayText(v.usec) + encodeOffset(v.offset);
}

function timeBinary(usec: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, BigInt(usec));
  return b;
}

function checkTime(usec: bigint | number): number {
  const n = Number(usec);
  if (n < 0 || n > USECS_PER_DAY) throw new PgError("DATETIME_VALUE_OUT_OF_RANGE", "time out of range");
  return n;
}

export const timeCodec: TypeCodec = {
  toText(value) {
    return typeof value === "string" ? value : timeOfDayText(Number(value));
  },
  fromText(text, typmod, ctx) {
    return timeOfDayText(roundTime(decodeTimeText(text, ctx, "time").usec, typmod));
  },
  toBinary: (value) => timeBinary(parseStoredTime(value).usec),
  fromBinary(bytes, typmod) {
    return timeOfDayText(roundTime(checkTime(expectLength(bytes, 8).getBigInt64(0)), typmod));
  },
};

export const timetzCodec: TypeCodec = {
  toText(value) {
    return typeof value === "string" ? value : formatStoredTimeTz(parseStoredTimeTz(value));
  },
  fromText(text, typmod, ctx) {
    const t = decodeTimeText(text, ctx, "time with time zone");
    return formatStoredTimeTz({ usec: roundTime(t.usec, typmod), offset: t.offset });
  },
  // timetz_send: int64 microseconds, then int32 zone in seconds west of UTC.
  toBinary(value) {
    const t = parseStoredTimeTz(value);
    const b = new Uint8Array(12);
    const dv = new DataView(b.buffer);
    dv.setBigInt64(0, BigInt(t.usec));
    dv.setInt32(8, -t.offset);
    return b;
  },
  fromBinary(bytes, typmod) {
    if (bytes.length !== 12) expectLength(bytes, 12);
    const r = new BinaryReader(bytes);
    const hi = r.int32();
    const lo = r.int32() >>> 0;
    const usec = checkTime(hi * 2 ** 32 + lo);
    const west = r.int32();
    if (west <= -57600 || west >= 57600) {
      throw new PgError("INVALID_TIME_ZONE_DISPLACEMENT_VALUE", "time zone displacement out of range");
    }
    return formatStoredTimeTz({ usec: roundTime(usec, typmod), offset: -west });
  },
};
