// to_char for timestamps and intervals, and the declarations of to_char, to_timestamp(text, text)
// and to_date (PostgreSQL 15's formatting.c). The template patterns are in datetime-template.ts,
// the formatting in to-char-datetime.ts, the parsing side in to-timestamp.ts.
import { DATE, INTERVAL, TEXT, TIMESTAMP, TIMESTAMPTZ, t } from "../../sql/oids.js";
import type { Tm } from "../../types/codecs/datetime-calendar.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { defineFunctions } from "../registry.js";
import { splitInterval } from "./datetime-arith.js";
import {
  date2j,
  type Interval,
  readInterval,
  readTimestamp,
  sessionTimeZone,
  str,
  timestampToTm,
  toLocal,
  unixSeconds,
  type Zone,
} from "./datetime-core.js";
import { parseFormat } from "./datetime-template.js";
import { dchToChar, type TmToChar } from "./to-char-datetime.js";
import { toDate, toTimestamp } from "./to-timestamp.js";

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
