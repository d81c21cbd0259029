import { differentialSuite } from "../support/differential.js";

/** Date/time arithmetic and comparison operators, against PostgreSQL 15. */
differentialSuite(
  "date/time operators match PostgreSQL",
  [
    "SET TimeZone = 'UTC'",
    "CREATE TABLE ev (id integer PRIMARY KEY, d date, ts timestamp, tz timestamptz, t time, ttz timetz, iv interval, n integer)",
    `INSERT INTO ev VALUES
      (1, '2020-01-31', '2020-01-31 10:00:00', '2020-01-31 10:00:00+00', '10:00:00', '10:00:00+02', '1 mon', 1),
      (2, '2020-02-29', '2020-02-29 23:59:59.999999', '2020-03-08 06:30:00+00', '23:59:59.5', '23:00:00-05', '1 year 2 mons 3 days 04:05:06.5', -1),
      (3, '2019-12-31', '2019-12-31 00:00:00', '2020-11-01 05:30:00+00', '00:00:00', '00:00:00+05:30', '-1 day +02:00:00', 366),
      (4, '0044-03-15 BC', '0044-03-15 12:00:00 BC', '2021-06-15 12:00:00+00', '24:00:00', '12:00:00+00', '-1 year -2 mons', 0),
      (5, 'infinity', 'infinity', '-infinity', '12:34:56.789', '01:02:03-12', '30 days', 59),
      (6, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
  ],
  [
    // date and integers
    "SELECT date '2020-02-28' + 1, 1 + date '2020-02-28', date '2020-03-01' - 1, date '2020-03-01' - date '2019-03-01'",
    "SELECT date '2021-02-28' + 1, date '2024-02-28' + 1, date '2000-01-01' - 365, date '0001-01-01' - 1",
    "SELECT date 'infinity' + 1, date '-infinity' - 5",
    "SELECT date 'infinity' - date '2020-01-01'",
    "SELECT date '5874897-12-31' + 1",
    "SELECT date '4714-11-24 BC' - 1",
    "SELECT id, d + n, n + d, d - n FROM ev ORDER BY id",
    "SELECT a.id, b.id, a.d - b.d FROM ev a, ev b WHERE a.id IN (1, 2, 3) AND b.id IN (1, 3, 4) ORDER BY 1, 2",
    // date with interval and time
    "SELECT date '2020-01-31' + interval '1 month', interval '1 mon' + date '2020-01-31', date '2020-03-31' - interval '1 mon'",
    "SELECT date '2020-02-29' + interval '1 year', date '2020-02-29' - interval '-4 years 1 day', date '2020-01-01' + interval '36 hours'",
    "SELECT date '2020-01-01' + time '10:11:12.5', time '23:59' + date '2020-12-31', date 'infinity' + time '01:00'",
    "SELECT date '2020-01-01' + timetz '10:11:12.5+05:30', timetz '10:00-03' + date '2020-12-31'",
    "SELECT id, d + iv, iv + d, d - iv, d + t, t + d, d + ttz FROM ev WHERE id < 5 ORDER BY id",
    // timestamp with interval
    "SELECT timestamp '2020-01-31 10:00' + interval '1 mon 1 day 1 hour', interval '-1 year' + timestamp '2020-02-29', timestamp '2020-03-31' - interval '1 mon'",
    "SELECT timestamp '2020-01-31' + interval '1 mon' + interval '1 mon', timestamp '2020-01-31' + interval '2 mons', timestamp '2019-12-31 23:59:59' + interval '1 second'",
    "SELECT timestamp '2020-01-01' + interval '-0.5 days', timestamp '2020-01-01' + interval '1.5 months', timestamp '2020-01-01' - interval '1 year 1 mon 1 day 01:01:01.000001'",
    "SELECT timestamp 'infinity' + interval '1 day', timestamp '-infinity' - interval '1 year'",
    "SELECT timestamp '294276-12-31 23:59' + interval '1 hour'",
    "SELECT id, ts + iv, iv + ts, ts - iv FROM ev ORDER BY id",
    // timestamp differences
    "SELECT timestamp '2020-03-01' - timestamp '2019-01-01 01:00', timestamp '2019-01-01' - timestamp '2020-03-01 01:00:00.5'",
    "SELECT timestamp '2020-01-01 12:00' - timestamp '2020-01-01 12:00', timestamp '2020-01-02 00:00' - timestamp '2020-01-01 23:59:59.999999'",
    "SELECT timestamp 'infinity' - timestamp '2020-01-01'",
    "SELECT timestamp '2020-01-01' - date '2019-12-25', date '2019-12-25' - timestamp '2020-01-01 06:00'",
    "SELECT a.id, b.id, a.ts - b.ts FROM ev a, ev b WHERE a.id IN (1, 2, 3) AND b.id IN (1, 3, 4) ORDER BY 1, 2",
    // timestamptz across DST in America/New_York
    "SELECT timestamptz '2020-01-31 10:00+00' + interval '1 mon', timestamptz '2020-03-08 01:00-05' + interval '1 day'",
    "SET TimeZone = 'America/New_York'",
    "SELECT timestamptz '2020-03-07 12:00' + interval '1 day', timestamptz '2020-03-07 12:00' + interval '24 hours', timestamptz '2020-11-01 00:30' + interval '1 day', timestamptz '2020-03-08 01:30' + interval '1 hour'",
    "SELECT timestamptz '2020-03-09 00:00' - timestamptz '2020-03-08 00:00', timestamptz '2020-03-09 12:00' - interval '1 day'",
    "SELECT timestamptz '2020-10-31 02:30' + interval '1 day', timestamptz '2020-02-08 02:30' + interval '1 mon', timestamptz '2020-03-08 02:30' - interval '1 mon'",
    "SELECT timestamptz '2020-11-01 01:30 EDT' + interval '1 day', timestamptz '2020-11-01 01:30 EST' - interval '1 day'",
    "SELECT id, tz + iv, iv + tz, tz - iv, tz - timestamptz '2020-01-01' FROM ev ORDER BY id",
    "SET TimeZone = 'Asia/Kolkata'",
    "SELECT timestamptz '2020-01-31 20:00+00' + interval '1 mon', timestamptz '2020-01-31 20:00+00' + interval '1 day', timestamp '2020-01-01' - timestamptz '2020-01-01 00:00+00'",
    "SET TimeZone = 'UTC'",
    // intervals
    "SELECT interval '1 day 2 hours' + interval '3 mons -1 day', interval '1 day' - interval '1 mon', - interval '1 year 2 mons -3 days 04:05:06'",
    "SELECT interval '1 mon' * 1.5, 2.5 * interval '1 day 1 hour', interval '1 year' / 7, interval '1 mon' * -0.3333, interval '10 days' / 3.0",
    "SELECT interval '1 day' * 2, 3 * interval '-1 hour', interval '1 mon 1 day' * 0.5, interval '14 mons' / 4, interval '1 hour' / 3",
    "SELECT interval '1 day' / 0",
    "SELECT interval '1 day' * 'nan'::float8",
    "SELECT interval '1 day' * 'infinity'::float8",
    "SELECT interval '2147483647 mons' + interval '1 mon'",
    "SELECT id, iv + iv, iv - interval '1 day', -iv, iv * 2, 0.5 * iv, iv / 4 FROM ev ORDER BY id",
    // interval comparisons: 30-day months, 24-hour days
    "SELECT interval '1 mon' = interval '30 days', interval '1 day' = interval '24 hours', interval '1 year' > interval '360 days', interval '-1 day' < interval '1 sec'",
    "SELECT interval '1 mon' <> interval '31 days', interval '2 days' <= interval '48:00:00', interval '1 mon' >= interval '29 days', interval '1 year' = interval '12 mons'",
    "SELECT id FROM ev WHERE iv > interval '29 days' ORDER BY id",
    "SELECT id FROM ev WHERE iv = interval '720 hours' ORDER BY id",
    "SELECT a.id, b.id, a.iv < b.iv, a.iv = b.iv, a.iv >= b.iv FROM ev a, ev b WHERE a.id < 6 AND b.id < 6 ORDER BY 1, 2",
    // time and timetz
    "SELECT time '10:00' + interval '15 hours', interval '1 day 2 hours' + time '23:00', time '01:00' - interval '2 hours 30 min', time '10:00' - time '12:30:00.5'",
    "SELECT time '23:59:59.999999' + interval '1 microsecond', time '00:00' - interval '1 mon 1 day 1 sec', time '24:00' - time '00:00'",
    "SELECT timetz '10:00+02' + interval '15 hours', interval '3 hours' + timetz '23:00-05', timetz '01:00+05:30' - interval '2 hours'",
    "SELECT id, t + iv, t - iv, ttz + iv, ttz - iv, t - time '12:00' FROM ev ORDER BY id",
    "SELECT timetz '10:00+02' = timetz '08:00+00', timetz '10:00+02' < timetz '08:00+00', timetz '10:00+02' > timetz '08:00+00', timetz '10:00+02' < timetz '09:00+00', timetz '10:00+02' <> timetz '10:00+03'",
    "SELECT a.id, b.id, a.ttz < b.ttz, a.ttz = b.ttz, a.ttz >= b.ttz FROM ev a, ev b WHERE a.id < 6 AND b.id < 6 ORDER BY 1, 2",
    "SELECT time '10:00' = time '10:00', time '10:00' < time '9:00', time '10:00' >= '10:00', time '24:00' > time '23:59:59.999999'",
    // comparisons across date, timestamp and timestamptz
    "SELECT date '2020-01-01' < timestamptz '2020-01-01 00:00:01+00', date '2020-01-01' = timestamp '2020-01-01', timestamp '2020-01-01 05:00' = timestamptz '2020-01-01 05:00+00'",
    "SELECT date 'infinity' > timestamp '294276-01-01', date '-infinity' < timestamptz '4713-01-01 BC', timestamp 'infinity' = timestamptz 'infinity'",
    "SET TimeZone = 'Asia/Kolkata'",
    "SELECT date '2020-01-01' = timestamptz '2019-12-31 18:30:00+00', date '2020-01-01' < timestamptz '2019-12-31 18:30:00+00', timestamp '2020-01-01 05:30' = timestamptz '2020-01-01 00:00+00'",
    "SELECT id, d = tz::date, ts < tz, d <= ts FROM ev ORDER BY id",
    "SET TimeZone = 'America/New_York'",
    "SELECT date '2020-03-08' < timestamptz '2020-03-08 04:59:59+00', date '2020-03-08' = timestamptz '2020-03-08 05:00:00+00', timestamp '2020-11-01 01:30' = timestamptz '2020-11-01 06:30+00'",
    // errors
    "SELECT date '2020-01-01' + 1::bigint",
    "SELECT timestamp '2020-01-01' + 1",
    "SELECT interval '1 day' + 1",
  ],
);
