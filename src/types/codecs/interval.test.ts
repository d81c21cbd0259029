import { describe, expect, it } from "vitest";
import { defaultFormatContext, type FormatContext } from "../format-context.js";
import { formatInterval, intervalCodec, parseStoredInterval } from "./interval.js";

const ctx = (intervalStyle = "postgres"): FormatContext => ({ ...defaultFormatContext, intervalStyle });
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("interval", () => {
  it("stores months, days and microseconds separately", () => {
    expect(intervalCodec.fromText("1 year 2 mons 3 days 04:05:06.5", -1, ctx())).toBe("14 3 14706500000");
    expect(intervalCodec.fromText("@ 1 hour ago", -1, ctx())).toBe("0 0 -3600000000");
    expect(intervalCodec.fromText("P1Y2M3DT4H5M6S", -1, ctx())).toBe("14 3 14706000000");
    expect(intervalCodec.fromText("1.5 months", -1, ctx())).toBe("1 15 0");
    expect(intervalCodec.fromText("1-2", -1, ctx())).toBe("14 0 0");
    expect(parseStoredInterval("-1 2 -3")).toEqual({ months: -1, days: 2, usec: -3 });
  });

  it("prints each IntervalStyle", () => {
    const v = { months: 14, days: 3, usec: 14706500000 };
    expect(formatInterval(v, "postgres")).toBe("1 year 2 mons 3 days 04:05:06.5");
    expect(formatInterval(v, "postgres_verbose")).toBe("@ 1 year 2 mons 3 days 4 hours 5 mins 6.5 secs");
    expect(formatInterval(v, "iso_8601")).toBe("P1Y2M3DT4H5M6.5S");
    expect(formatInterval(v, "sql_standard")).toBe("+1-2 +3 +4:05:06.5");
    const neg = { months: -12, days: 2, usec: -1_000_000 };
    expect(formatInterval(neg, "postgres")).toBe("-1 years +2 days -00:00:01");
    expect(formatInterval(neg, "postgres_verbose")).toBe("@ 1 year -2 days 1 sec ago");
    expect(formatInterval({ months: 0, days: 0, usec: 0 }, "postgres")).toBe("00:00:00");
    expect(formatInterval({ months: 0, days: 0, usec: 0 }, "iso_8601")).toBe("PT0S");
    expect(formatInterval({ months: 0, days: 0, usec: -1_000_000 }, "sql_standard")).toBe("-0:00:01");
  });

  it("reads SQL-standard leading signs in sql_standard style", () => {
    expect(intervalCodec.fromText("-1 2:03:04", -1, ctx("sql_standard"))).toBe("0 -1 -7384000000");
    expect(intervalCodec.fromText("-1 2:03:04", -1, ctx())).toBe("0 -1 7384000000");
  });

  it("applies interval typmods", () => {
    const year = (4 << 16) | 0xffff;
    const minuteToSecond1 = (6144 << 16) | 1;
    expect(intervalCodec.fromText("1 year 11 mons 3 days", year, ctx())).toBe("12 0 0");
    expect(intervalCodec.fromText("1:2", minuteToSecond1, ctx())).toBe("0 0 62000000");
    expect(intervalCodec.fromText("1.25 seconds", (4096 << 16) | 1, ctx())).toBe("0 0 1300000");
  });

  it("reports PostgreSQL's errors", () => {
    expect(() => intervalCodec.fromText("1 day 1 day", -1, ctx())).toThrow(
      'invalid input syntax for type interval: "1 day 1 day"',
    );
    expect(() => intervalCodec.fromText("2147483648 days", -1, ctx())).toThrow(
      'interval field value out of range: "2147483648 days"',
    );
  });

  it("converts the binary form", () => {
    const b = intervalCodec.toBinary!("14 3 -1", -1, ctx());
    expect(hex(b)).toBe("ffffffffffffffff000000030000000e");
    expect(intervalCodec.fromBinary!(b, -1, ctx())).toBe("14 3 -1");
  });
});
