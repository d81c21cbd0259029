// The unit names of date_part, extract and date_trunc as PostgreSQL 15 decodes them (DecodeUnits
// with deltatktbl, DecodeSpecial with datetktbl), and the errors for units a type does not have.
import { PgError } from "../../errors/pg-error.js";

export type Unit =
  | "microsecond"
  | "millisecond"
  | "second"
  | "minute"
  | "hour"
  | "day"
  | "week"
  | "month"
  | "quarter"
  | "year"
  | "decade"
  | "century"
  | "millennium"
  | "tz"
  | "tz_minute"
  | "tz_hour"
  | "dow"
  | "isodow"
  | "doy"
  | "julian"
  | "isoyear";

export type DecodedUnit =
  | { type: "units"; unit: Unit; low: string }
  | { type: "reserv"; reserv: string; low: string }
  | { type: "other"; low: string };

// deltatktbl (DecodeUnits): PostgreSQL 15's relative-time words; tokens are matched on 10 characters.
const deltaUnits = new Map<string, Unit | "@" | "ago">();
const deltaWords: [Unit, string][] = [
  ["century", "c cent centuries century"],
  ["day", "d day days"],
  ["decade", "dec decade decades decs"],
  ["hour", "h hour hours hr hrs"],
  ["minute", "m min mins minute minutes"],
  ["microsecond", "microsecon us usec usecond useconds usecs"],
  ["millennium", "mil millennia millennium mils"],
  ["millisecond", "millisecon ms msec msecond mseconds msecs"],
  ["month", "mon mons month months"],
  ["quarter", "qtr quarter"],
  ["second", "s sec second seconds secs"],
  ["tz", "timezone"],
  ["tz_hour", "timezone_h"],
  ["tz_minute", "timezone_m"],
  ["week", "w week weeks"],
  ["year", "y year years yr yrs"],
];
for (const [unit, words] of deltaWords) for (const w of words.split(" ")) deltaUnits.set(w, unit);
deltaUnits.set("@", "@");
deltaUnits.set("ago", "ago");

// datetktbl (DecodeSpecial): the UNITS and RESERV entries; other words there are of other types.
const specialUnits = new Map<string, Unit>([
  ["d", "day"],
  ["dow", "dow"],
  ["doy", "doy"],
  ["h", "hour"],
  ["isodow", "isodow"],
  ["isoyear", "isoyear"],
  ["j", "julian"],
  ["jd", "julian"],
  ["julian", "julian"],
  ["m", "month"],
  ["mm", "minute"],
  ["s", "second"],
  ["y", "year"],
]);
const specialReserved = new Set([
  "-infinity",
  "allballs",
  "epoch",
  "infinity",
  "now",
  "today",
  "tomorrow",
  "yesterday",
]);
const specialOther = new Set(
  (
    "ad am apr april at aug august bc dec december dst feb february fri friday jan january jul july jun " +
    "june mar march may mon monday nov november oct october on pm sat saturday sep sept september sun " +
    "sunday t thu thur thurs thursday tue tues tuesday wed wednesday weds"
  ).split(" "),
);

/** downcase_truncate_identifier: ASCII lower case, at most 63 bytes. */
export function downcaseIdentifier(s: string): string {
  let out = s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (Buffer.byteLength(out) > 63) {
    let bytes = 0;
    let i = 0;
    for (const ch of out) {
      const n = Buffer.byteLength(ch);
      if (bytes + n > 63) break;
      bytes += n;
      i += ch.length;
    }
    out = out.slice(0, i);
  }
  return out;
}

const key = (low: string) => low.slice(0, 10);

/** DecodeUnits only (date_trunc). */
export function decodeUnits(units: string): DecodedUnit {
  const low = downcaseIdentifier(units);
  const u = deltaUnits.get(key(low));
  if (u && u !== "@" && u !== "ago") return { type: "units", unit: u, low };
  return { type: "other", low };
}

/** DecodeUnits, then DecodeSpecial for what it does not know (date_part and extract). */
export function decodeUnitsOrSpecial(units: string): DecodedUnit {
  const low = downcaseIdentifier(units);
  const k = key(low);
  const u = deltaUnits.get(k);
  if (u) return u === "@" || u === "ago" ? { type: "other", low } : { type: "units", unit: u, low };
  const s = specialUnits.get(k);
  if (s) return { type: "units", unit: s, low };
  if (specialReserved.has(k)) return { type: "reserv", reserv: k, low };
  if (specialOther.has(k)) return { type: "other", low };
  return { type: "other", low };
}

export function unitNotRecognized(low: string, type: string): PgError {
  return new PgError("INVALID_PARAMETER_VALUE", `unit "${low}" not recognized for type ${type}`);
}

export function unitNotSupported(low: string, type: string, detail?: string): PgError {
  return new PgError("FEATURE_NOT_SUPPORTED", `unit "${low}" not supported for type ${type}`, { detail });
}
