// Differential tests for date, time, timetz, timestamp, timestamptz and interval input and output in
// several DateStyles, TimeZones (with their DST transitions) and IntervalStyles.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareLiterals, Reference, type Settings } from "./harness.js";

let ref: Reference;
beforeAll(async () => {
  ref = await Reference.open();
});
afterAll(async () => {
  await ref.close();
});

// biome-ignore format: compact input tables
const dateTimeInputs = [
  "2024-01-02 03:04:05", "2024-01-02 03:04:05.5", "2024-01-02T03:04:05Z", "2024-01-02 03:04:05+05:30",
  "2024-01-02 03:04:05-08", "2024-01-02 03:04:05 PST", "2024-01-02 03:04:05 Europe/Berlin",
  "2024-07-02 03:04:05 America/New_York", "2024-01-02", "epoch", "infinity", "-infinity", "Infinity", "Jan 8 1999",
  "January 8, 1999", "8 Jan 1999", "1999-Jan-08", "Jan-08-1999", "08-Jan-1999", "99-Jan-08", "1/8/1999", "1/18/1999",
  "18/1/1999", "01/02/03", "19990108", "990108", "1999.008", "J2451187", "1999-01-08 04:05:06 BC",
  "0001-01-01 00:00:00 BC", "2024-02-30", "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2024-13-01",
  "24:00:00 2024-01-01", "2024-01-01 24:00:00", "2024-01-01 24:00:01", "2024-01-01 23:59:60", "2024-01-01 12:00 AM",
  "2024-01-01 12:00 PM", "2024-01-01 01:00 pm", "2024-01-01 13:00 pm", "2024-01-01 04:05:06.789012",
  "2024-01-01 04:05:06.7890125", "2024-01-01 04:05:06.0000005", "2024-01-01 04:05:06.0000015", "abc", "",
  "2024-01-01 foo/bar", "2024-01-01 12:00 EST5", "20240101T1230", "2024-01-01T12", "y2001m02d04",
  "Wed Jan 02 03:04:05 2024", "Wed Jan 02 03:04:05.5 2024 PST", "1800-01-01 00:00 Europe/Berlin", "10000-01-01 00:00",
  "294276-12-31 23:59:59", "294277-01-01 00:00:00", "4714-11-24 00:00:00 BC", "4714-11-23 23:59:59 BC",
  "4714-10-31 23:59:59 BC", "2024-01-01 00:00:00+15", "2024-01-01 00:00:00+16", "2024-01-01 00:00:00+0530",
  "2024-01-01 00:00:00 +05:30:15", "allballs", "2024-01-01 allballs", "2024-01-01 12:00:00 z", "2024-01-01 12:00:00 UTC",
  "2024-01-01 12:00:00 CET", "2024-01-01 12:00:00 CEST", "2024-01-01 12:00:00 MSK", "2024-01-01 12:00:00 dst",
  "2024-01-01 12:00:00 MET DST", "2024.01.01", "2024/01/01", "01.02.2024", "1.2.2024 10:00", "2024-01-01 10:00:00 +0",
  "on Jan 8 1999 at 10:00", "Sat Jan 8 1999", "1999 Jan 8", "8 1999 Jan", "Jan 1999 8", "1999-008", "12:00 2024-01-01",
  // DST: the spring-forward gap and the fall-back overlap in both zones.
  "2024-03-10 02:30:00", "2024-03-10 01:59:59", "2024-03-10 03:00:00", "2024-11-03 01:30:00", "2024-11-03 00:59:59",
  "2024-11-03 02:00:00", "2024-03-31 02:30:00", "2024-03-31 01:59:59", "2024-10-27 02:30:00", "2024-10-27 03:00:00",
  "2024-03-10 02:30:00 America/New_York", "2024-11-03 01:30:00 America/New_York", "2024-03-31 02:30:00 Europe/Berlin",
  "2024-10-27 02:30:00 Europe/Berlin", "2024-03-10 06:59:59 UTC", "2024-03-10 07:00:00 UTC", "2024-11-03 05:59:59 UTC",
  "2024-11-03 06:00:00 UTC", "2024-03-31 00:59:59 UTC", "2024-03-31 01:00:00 UTC", "2024-10-27 00:59:59 UTC",
  "2024-10-27 01:00:00 UTC", "1918-04-15 12:00 UTC", "1945-07-15 12:00 UTC", "1970-01-01 00:00 UTC", "2038-01-19 03:14:08 UTC",
  "2100-07-01 12:00 UTC", "3000-01-15 12:00 UTC", "0044-03-15 12:00 BC",
];

const zones = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
];
const styles = [
  "ISO, MDY",
  "ISO, DMY",
  "SQL, MDY",
  "SQL, DMY",
  "Postgres, MDY",
  "Postgres, DMY",
  "German",
  "ISO, YMD",
];

// Modern instants whose zone abbreviations ICU and tzdata agree on, for the non-ISO styles.
// biome-ignore format: compact input tables
const abbrevInputs = [
  "2024-01-15 12:00 UTC", "2024-07-15 12:00 UTC", "2024-03-10 07:00:00 UTC", "2024-11-03 06:00:00 UTC",
  "2024-03-31 01:00:00 UTC", "2024-10-27 01:00:00 UTC", "2000-07-15 12:34:56.789 UTC", "1999-12-31 23:59:59.999999 UTC",
];
// biome-ignore format: compact input tables
const abbrevZones = [
  "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
  "Pacific/Honolulu", "America/Halifax", "America/St_Johns", "America/Sao_Paulo", "Europe/London", "Europe/Dublin",
  "Europe/Paris", "Europe/Helsinki", "Europe/Istanbul", "Africa/Casablanca", "Africa/Johannesburg", "Asia/Kolkata",
  "Asia/Kathmandu", "Asia/Dubai", "Asia/Shanghai", "Asia/Tokyo", "Asia/Seoul", "Asia/Singapore", "Asia/Jerusalem",
  "Australia/Sydney", "Australia/Adelaide", "Australia/Perth", "Australia/Lord_Howe", "Pacific/Auckland",
  "Pacific/Chatham", "UTC", "GMT", "EST5EDT", "+5", "<+07>-07", "UTC+3", "-03:30",
];

// biome-ignore format: compact input tables
const timeInputs = [
  "04:05:06", "04:05", "04:05:06.789", "04:05:06.7890125", "040506", "0405", "04:05 AM", "04:05 PM", "12:00 AM",
  "12:00 PM", "13:00 PM", "24:00:00", "24:00:01", "23:59:60", "23:59:60.5", "25:00", "04:05:06 PST", "04:05:06+05:30",
  "04:05:06-08", "04:05:06 America/New_York", "2003-04-12 04:05:06 America/New_York", "2024-01-15 04:05:06 Europe/Berlin",
  "2024-07-15 04:05:06 Europe/Berlin", "04:05:06 Europe/Berlin", "allballs", "abc", "", "12:34.5", "T04:05:06",
  "04:05:06.", "1:2:3", "04:60", "04:05:61", "z", "04:05:06z", "04:05:06 UTC", "2024-01-01 04:05", "040506.789",
  "04:05:06 +0530", "04:05:06+15:59", "04:05:06+16", "04:05:06 Asia/Kolkata",
];

// biome-ignore format: compact input tables
const intervalInputs = [
  "1 day", "2 hours 30 minutes", "1-2", "P1Y2M", "01:02:03", "-01:02:03", "@ 1 hour ago",
  "1 year 2 months 3 days 4 hours 5 minutes 6 seconds", "1.5 days", "1.5 months", "1.5 years", "0.1 years",
  "-1 day +2 hours", "1 day -02:00", "-1 year 2 mons", "1 2:03:04", "1 +02:03", "5", "1 2", "1.5", "-1.5", "3 4:05:06.5",
  "100:00:00", "-100:30", "P1Y2M3DT4H5M6S", "P0001-02-03T04:05:06", "P00010203T040506", "PT1.5S", "P1.5Y", "P1W", "PT0S",
  "P", "p1y", "1 week", "2 decades", "1 century", "1 millennium", "1 mil", "10 ms", "10 us", "1.5 ms", "1 millisecond",
  "3 microseconds", "1 qtr", "abc", "", "@ 3 days 4 hours ago", "1 day ago", "-1 day ago", "1 mon 1 day ago",
  "2147483647 days", "2147483648 days", "178000000 years", "1e3 days", "1 day 1 day", "00:00:00", "0", "-0",
  "1 hour 1 hour", "1:2", "1:2:3.456789123", "12:34.5", "+1 day", "- 1 day", "1 yr 2 mons", "2 weeks 3 days",
  "1 day 2 hours 3 minutes 4.5 seconds", "-2 years -3 mons -4 days -05:06:07", "1-2 3 4:05:06", "-1-2", "1-13",
  "9999999999 seconds", "  1 day  ", "1 day,2 hours", "-1 -2:03:04", "-1 2:03:04", "1 year -1 day", "-0.5 seconds",
  "0.0000005 seconds", "0.0000015 seconds", "-00:00:00.5",
];

function settingsName(s: Settings): string {
  return Object.entries(s)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
}

describe("date/time output matches PostgreSQL 15", () => {
  for (const zone of zones) {
    for (const type of ["timestamptz", "timestamp", "date"]) {
      it(`${type} TimeZone=${zone}`, async () => {
        const bad = await compareLiterals(ref, type, type, dateTimeInputs, { TimeZone: zone });
        expect(bad).toEqual([]);
      });
    }
    for (const type of ["time", "timetz", "time(2)", "timetz(0)"]) {
      it(`${type} TimeZone=${zone}`, async () => {
        const bad = await compareLiterals(ref, type, type, timeInputs, { TimeZone: zone });
        expect(bad).toEqual([]);
      });
    }
  }

  // Abbreviations of wartime rules such as CEMT are not known to ICU, so 1945 is left to ISO output.
  const styleInputs = dateTimeInputs.filter((s) => !s.startsWith("1945"));
  for (const style of styles) {
    const s = { DateStyle: style, TimeZone: "Europe/Berlin" };
    it(`timestamp, timestamptz and date in ${settingsName(s)}`, async () => {
      const bad = [
        ...(await compareLiterals(ref, "timestamptz", "timestamptz", styleInputs, s)),
        ...(await compareLiterals(ref, "timestamp", "timestamp", styleInputs, s)),
        ...(await compareLiterals(ref, "date", "date", styleInputs, s)),
      ];
      expect(bad).toEqual([]);
    });
  }

  it("zone abbreviations in DateStyle SQL and Postgres", async () => {
    const bad: string[] = [];
    for (const zone of abbrevZones) {
      for (const style of ["SQL, MDY", "Postgres, DMY"]) {
        bad.push(
          ...(await compareLiterals(ref, "timestamptz", "timestamptz", abbrevInputs, {
            TimeZone: zone,
            DateStyle: style,
          })),
        );
      }
    }
    expect(bad).toEqual([]);
  });

  for (const p of [0, 1, 3, 5]) {
    it(`timestamp(${p}) and timestamptz(${p}) round fractional seconds`, async () => {
      const inputs = [
        "2024-01-01 00:00:00.5",
        "1999-12-31 23:59:59.5",
        "1999-12-31 23:59:59.4999995",
        "1969-07-20 20:17:40.123456",
      ];
      inputs.push(
        "2000-01-01 00:00:00.0000005",
        "1999-12-31 23:59:59.999999",
        "2024-06-30 12:34:56.987654321",
        "infinity",
      );
      const bad = [
        ...(await compareLiterals(ref, `timestamp(${p})`, `timestamp(${p})`, inputs, { TimeZone: "UTC" })),
        ...(await compareLiterals(ref, `timestamptz(${p})`, `timestamptz(${p})`, inputs, {
          TimeZone: "America/New_York",
        })),
      ];
      expect(bad).toEqual([]);
    });
  }

  for (const style of ["postgres", "postgres_verbose", "iso_8601", "sql_standard"]) {
    it(`interval IntervalStyle=${style}`, async () => {
      const bad = await compareLiterals(ref, "interval", "interval", intervalInputs, {
        IntervalStyle: style,
      });
      expect(bad).toEqual([]);
    });
  }

  // biome-ignore format: compact input tables
  const intervalTypmods: [string, string][] = [
    ["interval year", "interval(4)"], ["interval month", "interval(2)"], ["interval year to month", "interval(6)"],
    ["interval day", "interval(8)"], ["interval day to hour", "interval(1032)"], ["interval hour to minute", "interval(3072)"],
    ["interval minute to second(1)", "interval(6144,1)"], ["interval(2)", "interval(32767,2)"], ["interval second(0)", "interval(4096,0)"],
    ["interval day to second(3)", "interval(7176,3)"],
  ];
  for (const [pgType, ours] of intervalTypmods) {
    it(`${pgType}`, async () => {
      const bad = await compareLiterals(ref, pgType, ours, intervalInputs);
      expect(bad).toEqual([]);
    });
  }
});
