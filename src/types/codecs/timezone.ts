// Time zones for date/time input and output. IANA zones come from Intl (ICU's copy of the tz
// database); fixed offsets and POSIX-style "<abbr>offset" specifications are handled here. Offsets
// are seconds east of UTC (PostgreSQL's internal tz values are the negation).
import { PgError } from "../../errors/pg-error.js";

export interface Zone {
  /** The offset east of UTC in force at a UTC instant (seconds since 1970-01-01). */
  offsetAt(unixSec: number): number;
  /** The tz abbreviation in force at a UTC instant, as PostgreSQL prints it for DateStyle SQL/Postgres. */
  abbrevAt(unixSec: number): string;
  /** Whether the zone never changes its offset (pg_get_timezone_offset). */
  readonly fixed: boolean;
}

/** tzdata's numeric abbreviation style: "+05", "-03", "+0530", "+0545". */
export function numericAbbrev(offset: number): string {
  const a = Math.abs(offset);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  return `${offset < 0 ? "-" : "+"}${String(h).padStart(2, "0")}${m ? String(m).padStart(2, "0") : ""}`;
}

class FixedZone implements Zone {
  readonly fixed = true;
  constructor(
    private readonly offset: number,
    private readonly abbrev: string,
  ) {}
  offsetAt(): number {
    return this.offset;
  }
  abbrevAt(): string {
    return this.abbrev;
  }
}

// Intl accepts instants within +-8.64e15 ms. Earlier instants take the offset at the edge (local mean
// time); later ones are moved back by whole 400-year Gregorian cycles, over which the rules repeat.
const MAX_SEC = 8.64e12 - 86_400;
const CYCLE_SEC = 146_097 * 86_400;

function intlSeconds(unixSec: number): number {
  if (unixSec > MAX_SEC) return unixSec - Math.ceil((unixSec - MAX_SEC) / CYCLE_SEC) * CYCLE_SEC;
  return Math.max(-MAX_SEC, unixSec);
}

// Long names as ICU spells them in English, for zones whose tzdata abbreviation is alphabetic.
const LONG_NAME_ABBREVS: Record<string, string> = {
  "Central European Standard Time": "CET",
  "Central European Summer Time": "CEST",
  "Eastern European Standard Time": "EET",
  "Eastern European Summer Time": "EEST",
  "Western European Standard Time": "WET",
  "Western European Summer Time": "WEST",
  "Greenwich Mean Time": "GMT",
  "British Summer Time": "BST",
  "Irish Standard Time": "IST",
  "Coordinated Universal Time": "UTC",
  "India Standard Time": "IST",
  "Israel Standard Time": "IST",
  "Israel Daylight Time": "IDT",
  "Japan Standard Time": "JST",
  "Korean Standard Time": "KST",
  "China Standard Time": "CST",
  "Hong Kong Standard Time": "HKT",
  "Philippine Standard Time": "PST",
  "Pakistan Standard Time": "PKT",
  "Moscow Standard Time": "MSK",
  "South Africa Standard Time": "SAST",
  "West Africa Standard Time": "WAT",
  "Central Africa Time": "CAT",
  "East Africa Time": "EAT",
  "Australian Eastern Standard Time": "AEST",
  "Australian Eastern Daylight Time": "AEDT",
  "Australian Central Standard Time": "ACST",
  "Australian Central Daylight Time": "ACDT",
  "Australian Western Standard Time": "AWST",
  "New Zealand Standard Time": "NZST",
  "New Zealand Daylight Time": "NZDT",
  "Atlantic Standard Time": "AST",
  "Atlantic Daylight Time": "ADT",
  "Newfoundland Standard Time": "NST",
  "Newfoundland Daylight Time": "NDT",
  "Hawaii-Aleutian Standard Time": "HST",
  "Hawaii-Aleutian Daylight Time": "HDT",
  "Chamorro Standard Time": "ChST",
  "Samoa Standard Time": "SST",
  "Western Indonesia Time": "WIB",
  "Central Indonesia Time": "WITA",
  "Eastern Indonesia Time": "WIT",
};

// Zones that ICU names after a neighbour where tzdata gives numeric abbreviations ("+03"), from the
// instant given (seconds since 1970).
const NUMERIC_ZONES = new Map([
  ["Europe/Istanbul", 1473195600],
  ["Asia/Istanbul", 1473195600],
  ["Turkey", 1473195600],
  ["Europe/Minsk", 1301184000],
  ["Africa/Casablanca", Number.NEGATIVE_INFINITY],
  ["Africa/El_Aaiun", Number.NEGATIVE_INFINITY],
]);

// 2024-01-15 and 2024-07-15, 1995-01-15 and 1995-07-15 (UTC noon).
const PROBES = [1705320000, 1721044800, 790171200, 805809600];

type DayEntry = number | { before: number; after: number; at: number };

class IntlZone implements Zone {
  readonly fixed = false;
  private readonly parts: Intl.DateTimeFormat;
  private readonly shortName: Intl.DateTimeFormat;
  private readonly longName: Intl.DateTimeFormat;
  private readonly days = new Map<number, DayEntry>();
  private readonly abbrevs = new Map<number, string>();

  constructor(readonly name: string) {
    this.parts = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    this.shortName = new Intl.DateTimeFormat("en-US", { timeZone: name, timeZoneName: "short" });
    this.longName = new Intl.DateTimeFormat("en-US", { timeZone: name, timeZoneName: "long" });
  }

  private computeOffset(unixSec: number): number {
    const sec = intlSeconds(unixSec);
    const f: Record<string, string> = {};
    for (const p of this.parts.formatToParts(sec * 1000)) f[p.type] = p.value;
    let year = Number(f.year);
    if (f.era === "BC" || f.era === "B") year = 1 - year;
    const d = new Date(0);
    d.setUTCFullYear(year, Number(f.month) - 1, Number(f.day));
    d.setUTCHours(Number(f.hour), Number(f.minute), Number(f.second), 0);
    return d.getTime() / 1000 - sec;
  }

  offsetAt(unixSec: number): number {
    const s = Math.floor(unixSec);
    const day = Math.floor(s / 86_400);
    let e = this.days.get(day);
    if (e === undefined) {
      e = this.dayEntry(day);
      if (this.days.size > 100_000) this.days.clear();
      this.days.set(day, e);
    }
    if (typeof e === "number") return e;
    return s < e.at ? e.before : e.after;
  }

  // The offset over one UTC day, or the transition inside it (found by bisection to the second).
  private dayEntry(day: number): DayEntry {
    const start = day * 86_400;
    const before = this.computeOffset(start);
    const after = this.computeOffset(start + 86_399);
    if (before === after) return before;
    let lo = start;
    let hi = start + 86_399;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.computeOffset(mid) === before) lo = mid;
      else hi = mid;
    }
    return { before, after, at: hi };
  }

  abbrevAt(unixSec: number): string {
    const offset = this.offsetAt(unixSec);
    if (unixSec >= (NUMERIC_ZONES.get(this.name) ?? Number.POSITIVE_INFINITY)) return numericAbbrev(offset);
    let a = this.abbrevs.get(offset);
    if (a === undefined) {
      a = this.computeAbbrev(unixSec, offset);
      this.abbrevs.set(offset, a);
    }
    return a;
  }

  private computeAbbrev(unixSec: number, offset: number): string {
    // Offsets with seconds are local mean time.
    if (offset % 60 !== 0) return "LMT";
    // ICU names zones only for the recent past, so also ask at recent instants with the same offset.
    const here = this.nameAt(intlSeconds(unixSec) * 1000);
    if (here) return here;
    for (const sec of PROBES) {
      const name = this.offsetAt(sec) === offset ? this.nameAt(sec * 1000) : "";
      if (name) return name;
    }
    return numericAbbrev(offset);
  }

  /** The alphabetic abbreviation ICU gives for an instant, or "" when it only has "GMT+1"-style names. */
  private nameAt(ms: number): string {
    const part = (f: Intl.DateTimeFormat) =>
      f.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value ?? "";
    const short = part(this.shortName);
    if (/^[A-Z]{2,5}$/.test(short)) return short;
    return LONG_NAME_ABBREVS[part(this.longName)] ?? "";
  }
}

const UTC_NAMES = new Set([
  "utc",
  "etc/utc",
  "uct",
  "etc/uct",
  "universal",
  "etc/universal",
  "zulu",
  "etc/zulu",
]);
const GMT_NAMES = new Set(["gmt", "etc/gmt", "gmt0", "gmt+0", "gmt-0", "etc/gmt0", "etc/gmt+0", "etc/gmt-0"]);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const POSIX = /^(?:<([^>]*)>|([A-Za-z]*))([+-]?)(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?$/;

const zones = new Map<string, Zone | null>();

function buildZone(name: string): Zone | null {
  const lower = name.toLowerCase();
  if (UTC_NAMES.has(lower)) return new FixedZone(0, "UTC");
  if (GMT_NAMES.has(lower) || lower === "greenwich" || lower === "etc/greenwich")
    return new FixedZone(0, "GMT");
  if (lower === "localtime") return new FixedZone(0, "UTC");
  // A plain number is hours east of UTC, as SET TIME ZONE takes it.
  if (NUMBER.test(name)) {
    const offset = Math.round(Number(name) * 3600);
    return new FixedZone(offset, numericAbbrev(offset));
  }
  try {
    return new IntlZone(name);
  } catch {
    // Not an IANA name: try a POSIX "std offset" spec without DST rules, where offsets count west.
  }
  const m = POSIX.exec(name);
  if (!m) return null;
  const west = (Number(m[4]) * 60 + Number(m[5] ?? 0)) * 60 + Number(m[6] ?? 0);
  const offset = m[3] === "-" ? west : -west;
  return new FixedZone(offset, m[1] ?? m[2] ?? "");
}

/** The zone with this name (IANA name, numeric hours, or POSIX "<abbr>offset"), or undefined. */
export function findZone(name: string): Zone | undefined {
  let z = zones.get(name);
  if (z === undefined) {
    z = buildZone(name);
    zones.set(name, z);
  }
  return z ?? undefined;
}

/** The session zone for ctx.timeZone; an unknown name falls back to UTC. */
export function sessionZone(name: string): Zone {
  return findZone(name) ?? findZone("UTC")!;
}

/** The zone named in date/time input, or PostgreSQL's 22023 error. */
export function zoneOrError(name: string): Zone {
  const z = findZone(name);
  if (!z) throw new PgError("INVALID_PARAMETER_VALUE", `time zone "${name}" not recognized`);
  return z;
}

/**
 * The offset that applies to a local wall-clock time (seconds since 1970 as if it were UTC), following
 * DetermineTimeZoneOffset: a time skipped by a spring-forward transition and an ambiguous time in a
 * fall-back transition both take the interpretation that yields the later UTC instant.
 */
export function offsetForLocal(zone: Zone, localSec: number): number {
  if (zone.fixed) return zone.offsetAt(localSec);
  const before = zone.offsetAt(localSec - 129_600);
  const after = zone.offsetAt(localSec + 129_600);
  if (before === after) {
    const o = zone.offsetAt(localSec - before);
    return o === before ? before : o;
  }
  const validBefore = zone.offsetAt(localSec - before) === before;
  const validAfter = zone.offsetAt(localSec - after) === after;
  if (validBefore && !validAfter) return before;
  if (validAfter && !validBefore) return after;
  return Math.min(before, after);
}
