import { addMicros, formatStoredTimestamp, type Timestamp } from "../types/codecs/timestamp.js";
import { sessionZone } from "../types/codecs/timezone.js";

/** Stored forms of the current time, as the date/time codecs store them. */

const MICROS_PER_DAY = 86_400_000_000n;
/** Days from 1970-01-01 (the Unix epoch) to 2000-01-01 (PostgreSQL's). */
const POSTGRES_EPOCH_DAYS = 10_957n;

function fromUnixMicros(micros: bigint): Timestamp {
  const day = micros / MICROS_PER_DAY - (micros < 0n && micros % MICROS_PER_DAY !== 0n ? 1n : 0n);
  return { day: Number(day - POSTGRES_EPOCH_DAYS), usec: Number(micros - day * MICROS_PER_DAY) };
}

/** A timestamptz for microseconds since the Unix epoch. */
export function timestamptzStorage(micros: bigint): string {
  return formatStoredTimestamp(fromUnixMicros(micros), true);
}

/** The wall-clock timestamp in timeZone at microseconds since the Unix epoch. */
export function localTimestampStorage(micros: bigint, timeZone: string): string {
  const offsetSeconds = sessionZone(timeZone).offsetAt(Number(micros / 1_000_000n));
  return formatStoredTimestamp(addMicros(fromUnixMicros(micros), offsetSeconds * 1e6), false);
}
