// OVERLAPS for timestamptz, timestamp, timetz and time periods given by two ends or by a start
// and a length: the declarations of PostgreSQL 15's overlaps_* functions.
import { BOOL, INTERVAL, t } from "../../sql/oids.js";
import { timeOfDayText } from "../../types/codecs/datetime-calendar.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { FunctionDef, Volatility } from "../registry.js";
import { timestampPlusInterval } from "./datetime-arith.js";
import {
  compareTimestamps,
  DAY_USEC_N,
  readInterval,
  readTime,
  readTimestamp,
  sessionTimeZone,
  writeTimestamp,
  writeTimestamptz,
} from "./datetime-core.js";
import { compareTimetz } from "./datetime-operators.js";

/** overlaps_timestamp (and _time, _timetz): the SQL standard's answer, NULL where it is unknown. */
function overlaps<T>(
  s1: T | null,
  e1: T | null,
  s2: T | null,
  e2: T | null,
  cmp: (a: T, b: T) => number,
): SqliteValue {
  if (s1 === null) {
    if (e1 === null) return null;
    s1 = e1;
    e1 = null;
  } else if (e1 !== null && cmp(s1, e1) > 0) {
    [s1, e1] = [e1, s1];
  }
  if (s2 === null) {
    if (e2 === null) return null;
    s2 = e2;
    e2 = null;
  } else if (e2 !== null && cmp(s2, e2) > 0) {
    [s2, e2] = [e2, s2];
  }
  const c = cmp(s1, s2);
  if (c > 0) {
    if (e2 === null) return null;
    if (cmp(s1, e2) < 0) return 1n;
    return e1 === null ? null : 0n;
  }
  if (c < 0) {
    if (e1 === null) return null;
    if (cmp(s2, e1) < 0) return 1n;
    return e2 === null ? null : 0n;
  }
  return e1 === null || e2 === null ? null : 1n;
}

type Kind = "timestamptz" | "timestamp" | "time" | "timetz";

const overlapsRead: Record<Kind, (v: SqliteValue) => unknown> = {
  timestamptz: readTimestamp,
  timestamp: readTimestamp,
  time: readTime,
  timetz: (v) => v,
};

const overlapsCmp: Record<Kind, (a: never, b: never) => number> = {
  timestamptz: compareTimestamps,
  timestamp: compareTimestamps,
  time: (a: number, b: number) => a - b,
  timetz: compareTimetz,
};

/** The end of a period given by its start and length (NULL when either is). */
function periodEnd(kind: Kind, start: SqliteValue, length: SqliteValue): SqliteValue {
  if (start === null || length === null) return null;
  const span = readInterval(length);
  if (kind === "time") return timeOfDayText(wrapTimeOfDay(readTime(start), span.usec));
  const end = timestampPlusInterval(
    readTimestamp(start),
    span,
    kind === "timestamptz" ? sessionTimeZone() : undefined,
  );
  return kind === "timestamptz" ? writeTimestamptz(end) : writeTimestamp(end);
}

function wrapTimeOfDay(usec: number, add: number): number {
  let r = BigInt(usec) + BigInt(add);
  r -= (r / DAY_USEC_N) * DAY_USEC_N;
  if (r < 0n) r += DAY_USEC_N;
  return Number(r);
}

export function overlapsDefs(kind: Kind, type: number): FunctionDef[] {
  const read = overlapsRead[kind];
  const cmp = overlapsCmp[kind] as (a: unknown, b: unknown) => number;
  const run = (a: SqliteValue, b: SqliteValue, c: SqliteValue, d: SqliteValue) =>
    overlaps(
      a === null ? null : read(a),
      b === null ? null : read(b),
      c === null ? null : read(c),
      d === null ? null : read(d),
      cmp,
    );
  const volatility: Volatility = kind === "timestamptz" ? "stable" : "immutable";
  const shapes: [number[], (...v: SqliteValue[]) => SqliteValue][] = [
    [[type, type, type, type], (a, b, c, d) => run(a!, b!, c!, d!)],
    [
      [type, INTERVAL, type, INTERVAL],
      (a, b, c, d) => run(a!, periodEnd(kind, a!, b!), c!, periodEnd(kind, c!, d!)),
    ],
    [[type, INTERVAL, type, type], (a, b, c, d) => run(a!, periodEnd(kind, a!, b!), c!, d!)],
    [[type, type, type, INTERVAL], (a, b, c, d) => run(a!, b!, c!, periodEnd(kind, c!, d!))],
  ];
  return shapes
    .filter(([args]) => kind !== "timetz" || !args.includes(INTERVAL))
    .map(([args, impl], i) => ({
      name: "overlaps",
      kind: "udf",
      udfName: `pg_overlaps_${kind}_${i}`,
      args,
      returns: t(BOOL),
      volatility: i === 0 ? "immutable" : volatility,
      strict: false,
      impl: impl as (...args: SqliteValue[]) => SqliteValue,
    }));
}
