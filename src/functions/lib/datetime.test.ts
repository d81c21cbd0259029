import { describe, expect, it } from "vitest";
import { TIMESTAMP, TIMESTAMPTZ } from "../../sql/oids.js";
import { defaultFormatContext } from "../../types/format-context.js";
import "../library.js";
import { functionsNamed } from "../registry.js";
import { enterSession, type SessionRuntime } from "../runtime.js";
import {
  compareIntervals,
  justifyDays,
  justifyHours,
  justifyInterval,
  timestampDifference,
  timestampPlusInterval,
} from "./datetime-arith.js";
import {
  decimalText,
  lookupZone,
  readInterval,
  writeInterval,
  writeTimestamp,
  zoneOf,
} from "./datetime-core.js";
import { compareTimetz, intervalSortKey, scaleInterval } from "./datetime-operators.js";
import { formatG, formatG0, pad0 } from "./datetime-printf.js";
import { decodeUnits, decodeUnitsOrSpecial, downcaseIdentifier } from "./datetime-units.js";
import { printfFixed } from "./to-char-number.js";

const iv = (text: string) => readInterval(text);
const ts = (text: string) => ({ ...readTimestampText(text) });

function readTimestampText(text: string) {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(text)!;
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 - 10_957;
  return { day, usec: ((Number(m[4]) * 60 + Number(m[5])) * 60 + Number(m[6])) * 1e6 };
}

describe("date/time helpers", () => {
  it("decodes units as DecodeUnits and DecodeSpecial do", () => {
    expect(decodeUnits("Milliseconds")).toEqual({ type: "units", unit: "millisecond", low: "milliseconds" });
    expect(decodeUnits("millisecondsxyz")).toMatchObject({ type: "units", unit: "millisecond" });
    expect(decodeUnits("secondsxyz")).toEqual({ type: "other", low: "secondsxyz" });
    expect(decodeUnits("dow")).toEqual({ type: "other", low: "dow" });
    expect(decodeUnitsOrSpecial("dow")).toMatchObject({ type: "units", unit: "dow" });
    expect(decodeUnitsOrSpecial("EPOCH")).toEqual({ type: "reserv", reserv: "epoch", low: "epoch" });
    expect(decodeUnitsOrSpecial("m")).toMatchObject({ unit: "minute" });
    expect(decodeUnitsOrSpecial("mm")).toMatchObject({ unit: "minute" });
    expect(decodeUnitsOrSpecial("jan")).toEqual({ type: "other", low: "jan" });
    expect(downcaseIdentifier("ÄBC")).toBe("Äbc");
  });

  it("compares intervals with 30-day months and 24-hour days", () => {
    expect(compareIntervals(iv("1 0 0"), iv("0 30 0"))).toBe(0);
    expect(compareIntervals(iv("0 1 0"), iv("0 0 86400000000"))).toBe(0);
    expect(compareIntervals(iv("12 0 0"), iv("0 360 0"))).toBe(0);
    expect(compareIntervals(iv("0 -1 0"), iv("0 0 1"))).toBe(-1);
    expect(compareIntervals(iv("2147483647 0 0"), iv("2147483646 30 1"))).toBe(-1);
    expect(intervalSortKey("1 0 0")).toBe(intervalSortKey("0 30 0"));
    expect(intervalSortKey("0 -1 0")).toBeLessThan(intervalSortKey("0 0 1"));
    expect(intervalSortKey("0 0 0")).toBe(0);
  });

  it("justifies intervals", () => {
    expect(writeInterval(justifyHours(iv("0 0 90000000000")))).toBe("0 1 3600000000");
    expect(writeInterval(justifyHours(iv("0 -2 90000000000")))).toBe("0 0 -82800000000");
    expect(writeInterval(justifyDays(iv("1 65 0")))).toBe("3 5 0");
    expect(writeInterval(justifyDays(iv("0 -35 0")))).toBe("-1 -5 0");
    expect(writeInterval(justifyInterval(iv("1 -1 -3600000000")))).toBe("0 28 82800000000");
  });

  it("multiplies and divides intervals, cascading fractions down", () => {
    expect(writeInterval(scaleInterval(iv("1 0 0"), 1.5, false))).toBe("1 15 0");
    expect(writeInterval(scaleInterval(iv("12 0 0"), 7, true))).toBe("1 21 37028534400");
    expect(() => scaleInterval(iv("0 1 0"), 0, true)).toThrow("division by zero");
    expect(() => scaleInterval(iv("0 1 0"), Number.NaN, false)).toThrow("interval out of range");
  });

  it("adds intervals to timestamps on the calendar", () => {
    expect(writeTimestamp(timestampPlusInterval(ts("2020-01-31 10:00:00"), iv("1 0 0")))).toBe(
      "2020-02-29 10:00:00",
    );
    expect(writeTimestamp(timestampPlusInterval(ts("2020-03-31 00:00:00"), iv("-1 -1 -1")))).toBe(
      "2020-02-27 23:59:59.999999",
    );
    expect(timestampPlusInterval("infinity", iv("1 1 1"))).toBe("infinity");
    expect(writeInterval(timestampDifference(ts("2020-03-01 00:00:00"), ts("2019-01-01 01:00:00")))).toBe(
      "0 424 82800000000",
    );
    expect(() => timestampDifference("infinity", ts("2020-01-01 00:00:00"))).toThrow(
      "cannot subtract infinite timestamps",
    );
  });

  it("orders timetz by UTC time, then by zone", () => {
    expect(compareTimetz("10:00:00+02", "08:00:00+00")).toBe(-1);
    expect(compareTimetz("08:00:00+00", "10:00:00+02")).toBe(1);
    expect(compareTimetz("10:00:00+02", "10:00:00+02")).toBe(0);
    expect(compareTimetz("10:00:00+02", "09:00:00+00")).toBe(-1);
  });

  it("looks zones up as AT TIME ZONE does", () => {
    expect(lookupZone("EST")).toEqual({ kind: "fixed", offset: -18000, abbrev: "EST" });
    expect(zoneOf(lookupZone("+5")).offsetAt(0)).toBe(-18000);
    expect(zoneOf(lookupZone("UTC+3")).offsetAt(0)).toBe(-10800);
    expect(zoneOf(lookupZone("Asia/Kolkata")).offsetAt(0)).toBe(19800);
    expect(() => lookupZone("nowhere")).toThrow('time zone "nowhere" not recognized');
  });

  it("prints numbers as PostgreSQL's printf does", () => {
    expect(formatG(61.5)).toBe("61.5");
    expect(formatG(1e20)).toBe("1e+20");
    expect(formatG(-1e-5)).toBe("-1e-05");
    expect(formatG(59.9999999)).toBe("60");
    expect(formatG(Number.NaN)).toBe("NaN");
    expect(formatG0(5, 2)).toBe("05");
    expect(formatG0(0.5, 2)).toBe("0.5");
    expect(pad0(-5, 3)).toBe("-05");
    expect(pad0(7n, 2)).toBe("07");
    expect(decimalText(-1500000n, 6)).toBe("-1.500000");
    expect(decimalText(5n, 3)).toBe("0.005");
    expect(printfFixed(2.5, 0)).toBe("2");
    expect(printfFixed(3.5, 0)).toBe("4");
    expect(printfFixed(0.125, 2)).toBe("0.12");
    expect(printfFixed(-0.5, 0)).toBe("-0");
    expect(printfFixed(1e20, 0)).toBe("100000000000000000000");
  });
});

describe("generate_series over timestamps", () => {
  const session = (timeZone: string): SessionRuntime =>
    ({
      formatContext: () => ({ ...defaultFormatContext, timeZone }),
      transactionStartMicros: () => 1_600_000_000_000_000n,
      statementStartMicros: () => 1_600_000_000_000_000n,
    }) as unknown as SessionRuntime;

  function series(type: number, ...args: string[]): unknown[] {
    const def = functionsNamed("generate_series").find((d) => d.args[0] === type);
    if (def?.kind !== "udf-set") throw new Error("generate_series is not declared");
    return [...def.rows(...args)].map((r) => r[0]);
  }

  it("steps timestamps by calendar months", () => {
    enterSession(session("UTC"));
    expect(series(TIMESTAMP, "2020-01-31 00:00:00", "2020-05-01 00:00:00", "1 0 0")).toEqual([
      "2020-01-31 00:00:00",
      "2020-02-29 00:00:00",
      "2020-03-29 00:00:00",
      "2020-04-29 00:00:00",
    ]);
    expect(series(TIMESTAMP, "2020-01-01 00:00:00", "2019-12-31 20:00:00", "0 0 -5400000000")).toEqual([
      "2020-01-01 00:00:00",
      "2019-12-31 22:30:00",
      "2019-12-31 21:00:00",
    ]);
    expect(series(TIMESTAMP, "2020-01-02 00:00:00", "2020-01-01 00:00:00", "0 1 0")).toEqual([]);
    expect(() => series(TIMESTAMP, "2020-01-01 00:00:00", "2020-01-02 00:00:00", "0 0 0")).toThrow(
      "step size cannot equal zero",
    );
  });

  it("steps timestamptz by days in the session time zone, across DST", () => {
    enterSession(session("America/New_York"));
    expect(series(TIMESTAMPTZ, "2020-03-07 17:00:00+00:00", "2020-03-10 16:00:00+00:00", "0 1 0")).toEqual([
      "2020-03-07 17:00:00+00:00",
      "2020-03-08 16:00:00+00:00",
      "2020-03-09 16:00:00+00:00",
      "2020-03-10 16:00:00+00:00",
    ]);
  });
});
