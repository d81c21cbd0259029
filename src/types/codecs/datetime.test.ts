import { describe, expect, it } from "vitest";
import { defaultFormatContext, type FormatContext } from "../format-context.js";
import { dateCodec } from "./date.js";
import { timeCodec, timetzCodec } from "./time.js";
import { parseStoredTimestamp, timestampCodec, timestamptzCodec } from "./timestamp.js";
import { offsetForLocal, sessionZone } from "./timezone.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
// 2024-07-04 15:30:00.123456 UTC.
const now = () => Date.UTC(2024, 6, 4, 15, 30) * 1000 + 123456;
const ctx = (over: Partial<FormatContext> = {}): FormatContext => ({ ...defaultFormatContext, now, ...over });

describe("date", () => {
  it("stores ISO text and prints every DateStyle", () => {
    expect(dateCodec.fromText("Jan 8 1999", -1, ctx())).toBe("1999-01-08");
    expect(dateCodec.fromText("1/8/1999", -1, ctx({ dateStyle: "SQL, DMY" }))).toBe("1999-08-01");
    expect(dateCodec.fromText("0044-03-15 BC", -1, ctx())).toBe("0044-03-15 BC");
    expect(dateCodec.fromText("-infinity", -1, ctx())).toBe("-infinity");
    expect(dateCodec.toText("1999-01-08", -1, ctx({ dateStyle: "SQL, DMY" }))).toBe("08/01/1999");
    expect(dateCodec.toText("1999-01-08", -1, ctx({ dateStyle: "Postgres, MDY" }))).toBe("01-08-1999");
    expect(dateCodec.toText("1999-01-08", -1, ctx({ dateStyle: "German" }))).toBe("08.01.1999");
    expect(() => dateCodec.fromText("2023-02-29", -1, ctx())).toThrow(
      'date/time field value out of range: "2023-02-29"',
    );
    expect(hex(dateCodec.toBinary!("2000-01-02", -1, ctx()))).toBe("00000001");
    expect(hex(dateCodec.toBinary!("infinity", -1, ctx()))).toBe("7fffffff");
  });

  it("reads today, tomorrow and yesterday in the session zone", () => {
    expect(dateCodec.fromText("today", -1, ctx())).toBe("2024-07-04");
    expect(dateCodec.fromText("tomorrow", -1, ctx({ timeZone: "Asia/Tokyo" }))).toBe("2024-07-06");
    expect(dateCodec.fromText("yesterday", -1, ctx({ timeZone: "Pacific/Honolulu" }))).toBe("2024-07-03");
  });

  it("gives the hint for a field out of range in the DateStyle order", () => {
    try {
      dateCodec.fromText("13/25/2024", -1, ctx());
      expect.unreachable();
    } catch (e) {
      expect((e as { fields: unknown }).fields).toMatchObject({
        code: "22008",
        hint: 'Perhaps you need a different "datestyle" setting.',
      });
    }
  });
});

describe("timestamp and timestamptz", () => {
  it("store timestamp as its ISO text and timestamptz in UTC with +00:00", () => {
    expect(timestampCodec.fromText("2024-01-02 03:04:05.500+05", -1, ctx())).toBe("2024-01-02 03:04:05.5");
    expect(timestamptzCodec.fromText("2024-01-02 03:04:05.5+05:30", -1, ctx())).toBe(
      "2024-01-01 21:34:05.5+00:00",
    );
    expect(timestamptzCodec.fromText("2024-01-02 03:04:05", -1, ctx({ timeZone: "Europe/Berlin" }))).toBe(
      "2024-01-02 02:04:05+00:00",
    );
    expect(timestampCodec.fromText("epoch", -1, ctx())).toBe("1970-01-01 00:00:00");
    expect(timestamptzCodec.fromText("now", -1, ctx())).toBe("2024-07-04 15:30:00.123456+00:00");
    expect(timestampCodec.fromText("1999-01-08 04:05:06 BC", -1, ctx())).toBe("1999-01-08 04:05:06 BC");
  });

  it("prints timestamptz in the session zone and DateStyle", () => {
    const v = "2024-01-02 02:04:05.5+00:00";
    expect(timestamptzCodec.toText(v, -1, ctx())).toBe("2024-01-02 02:04:05.5+00");
    expect(timestamptzCodec.toText(v, -1, ctx({ timeZone: "Europe/Berlin" }))).toBe(
      "2024-01-02 03:04:05.5+01",
    );
    expect(timestamptzCodec.toText(v, -1, ctx({ timeZone: "Asia/Kolkata" }))).toBe(
      "2024-01-02 07:34:05.5+05:30",
    );
    expect(timestamptzCodec.toText(v, -1, ctx({ timeZone: "Europe/Berlin", dateStyle: "SQL, DMY" }))).toBe(
      "02/01/2024 03:04:05.5 CET",
    );
    expect(
      timestamptzCodec.toText(v, -1, ctx({ timeZone: "America/New_York", dateStyle: "Postgres, MDY" })),
    ).toBe("Mon Jan 01 21:04:05.5 2024 EST");
    expect(timestamptzCodec.toText("1800-01-01 00:00:00+00:00", -1, ctx({ timeZone: "Europe/Berlin" }))).toBe(
      "1800-01-01 00:53:28+00:53:28",
    );
  });

  it("resolves DST gaps and overlaps like PostgreSQL", () => {
    const ny = ctx({ timeZone: "America/New_York" });
    // 02:30 does not exist on 2024-03-10: read with the offset before the jump (EST).
    expect(timestamptzCodec.fromText("2024-03-10 02:30", -1, ny)).toBe("2024-03-10 07:30:00+00:00");
    // 01:30 happens twice on 2024-11-03: the later one (EST) is taken.
    expect(timestamptzCodec.fromText("2024-11-03 01:30", -1, ny)).toBe("2024-11-03 06:30:00+00:00");
    expect(timestamptzCodec.toText("2024-03-10 07:30:00+00:00", -1, ny)).toBe("2024-03-10 03:30:00-04");
    const berlin = sessionZone("Europe/Berlin");
    expect(offsetForLocal(berlin, Date.UTC(2024, 2, 31, 2, 30) / 1000)).toBe(3600);
    expect(offsetForLocal(berlin, Date.UTC(2024, 9, 27, 2, 30) / 1000)).toBe(3600);
  });

  it("rounds to the typmod and converts the binary form", () => {
    expect(timestampCodec.fromText("1999-12-31 23:59:59.5", 0, ctx())).toBe("1999-12-31 23:59:59");
    expect(timestampCodec.fromText("2000-01-01 00:00:00.5", 0, ctx())).toBe("2000-01-01 00:00:01");
    expect(hex(timestampCodec.toBinary!("2000-01-01 00:00:01", -1, ctx()))).toBe("00000000000f4240");
    expect(hex(timestampCodec.toBinary!("infinity", -1, ctx()))).toBe("7fffffffffffffff");
    expect(timestamptzCodec.fromBinary!(Buffer.from("fffffffffff0bdc0", "hex"), -1, ctx())).toBe(
      "1999-12-31 23:59:59+00:00",
    );
    expect(parseStoredTimestamp("0044-03-15 12:00:00 BC")).toEqual({ day: -746117, usec: 43_200_000_000 });
    expect(() => timestampCodec.fromText("294277-01-01", -1, ctx())).toThrow(
      'timestamp out of range: "294277-01-01"',
    );
  });
});

describe("time and timetz", () => {
  it("store their output form", () => {
    expect(timeCodec.fromText("04:05 PM", -1, ctx())).toBe("16:05:00");
    expect(timeCodec.fromText("24:00:00", -1, ctx())).toBe("24:00:00");
    expect(timeCodec.fromText("23:59:59.95", 1, ctx())).toBe("24:00:00");
    expect(timeCodec.fromText("040506.789", -1, ctx())).toBe("04:05:06.789");
    expect(() => timeCodec.fromText("24:00:01", -1, ctx())).toThrow(
      'date/time field value out of range: "24:00:01"',
    );
    expect(timetzCodec.fromText("04:05:06+05:30", -1, ctx())).toBe("04:05:06+05:30");
    expect(timetzCodec.fromText("04:05:06 PST", -1, ctx())).toBe("04:05:06-08");
  });

  it("takes a timetz's offset from the session zone on the current date", () => {
    expect(timetzCodec.fromText("12:00", -1, ctx({ timeZone: "Europe/Berlin" }))).toBe("12:00:00+02");
    expect(timetzCodec.fromText("2024-01-15 12:00 Europe/Berlin", -1, ctx())).toBe("12:00:00+01");
    expect(hex(timetzCodec.toBinary!("00:00:01+05:30", -1, ctx()))).toBe("00000000000f4240ffffb2a8");
    expect(timetzCodec.fromBinary!(Buffer.from("00000000000f4240ffffb2a8", "hex"), -1, ctx())).toBe(
      "00:00:01+05:30",
    );
  });
});
