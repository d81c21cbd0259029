// AT TIME ZONE (the timezone functions) for timestamps, timestamptz and timetz, with a zone given
// by name or as an interval (PostgreSQL 15's timestamp_zone, timestamptz_zone, timetz_zone, ...).
import { PgError } from "../../errors/pg-error.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { transactionStart } from "./datetime-clock.js";
import {
  addMicros,
  intervalText,
  localOffset,
  lookupZone,
  readInterval,
  readTimestamp,
  readTimetz,
  str,
  timestampToTm,
  tmToTimestamp,
  toLocal,
  validTimestamp,
  writeTimestamp,
  writeTimestamptz,
  writeTimetz,
} from "./datetime-core.js";

/** timestamp_zone: the timestamp read as local time in the zone. */
export function timestampAtZone(name: SqliteValue, v: SqliteValue): SqliteValue {
  const ts = readTimestamp(v);
  if (typeof ts === "string") return ts;
  const z = lookupZone(str(name));
  if (z.kind === "fixed") return writeTimestamptz(validTimestamp(addMicros(ts, -z.offset * 1e6)));
  const tm = timestampToTm(ts);
  return writeTimestamptz(validTimestamp(tmToTimestamp(tm, localOffset(tm, z.zone))));
}

/** timestamptz_zone: the local time in the zone. */
export function timestamptzAtZone(name: SqliteValue, v: SqliteValue): SqliteValue {
  const ts = readTimestamp(v);
  if (typeof ts === "string") return ts;
  const z = lookupZone(str(name));
  if (z.kind === "fixed") return writeTimestamp(validTimestamp(addMicros(ts, z.offset * 1e6)));
  return writeTimestamp(validTimestamp(tmToTimestamp(toLocal(ts, z.zone).tm, 0)));
}

/** The seconds east of UTC an interval time zone means (AT TIME ZONE INTERVAL '...'). */
export function intervalZone(v: SqliteValue): number {
  const iv = readInterval(v);
  if (iv.months !== 0 || iv.days !== 0) {
    throw new PgError(
      "INVALID_PARAMETER_VALUE",
      `interval time zone "${intervalText(iv)}" must not include months or days`,
    );
  }
  return Math.trunc(iv.usec / 1e6);
}

/** A timetz moved to another offset, as timetz_zone and timetz_izone do. */
export function timetzToOffset(v: SqliteValue, offset: number): SqliteValue {
  const tz = readTimetz(v);
  let usec = tz.usec + (offset - tz.offset) * 1e6;
  while (usec < 0) usec += 86_400_000_000;
  while (usec >= 86_400_000_000) usec -= 86_400_000_000;
  return writeTimetz({ usec, offset });
}

export function timetzAtZone(name: SqliteValue, v: SqliteValue): SqliteValue {
  const z = lookupZone(str(name));
  const offset = z.kind === "fixed" ? z.offset : toLocal(transactionStart(), z.zone).offset;
  return timetzToOffset(v, offset);
}
