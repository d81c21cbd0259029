/** Stored forms of the current time: timestamptz text in UTC, as the date/time codecs store it. */

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** 'YYYY-MM-DD HH:MM:SS[.ffffff]+00:00' for microseconds since the Unix epoch. */
export function timestamptzStorage(micros: bigint): string {
  return `${timestampStorage(micros)}+00:00`;
}

/** 'YYYY-MM-DD HH:MM:SS[.ffffff]' (UTC wall-clock) for microseconds since the Unix epoch. */
export function timestampStorage(micros: bigint): string {
  const ms = Number(micros / 1000n);
  const d = new Date(ms);
  const frac = Number(((micros % 1_000_000n) + 1_000_000n) % 1_000_000n);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return frac === 0 ? base : `${base}.${String(frac).padStart(6, "0").replace(/0+$/, "")}`;
}

/** The UTC offset in minutes of an IANA zone at an instant. */
export function zoneOffsetMinutes(timeZone: string, epochMs: number): number {
  const fixed = /^([+-]?)(\d{1,2})(?::(\d{2}))?$/.exec(timeZone);
  // POSIX-style fixed offsets in TimeZone count west-positive, as in PostgreSQL ("SET TIME ZONE '-5'" is UTC-5).
  if (fixed) return (fixed[1] === "-" ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
  if (/^(utc|etc\/utc|gmt|z|zulu)$/i.test(timeZone)) return 0;
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(epochMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return Math.round((local - Math.floor(epochMs / 1000) * 1000) / 60_000);
}
