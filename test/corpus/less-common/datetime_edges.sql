-- Date and time edge cases a scheduling service runs into: time zones and DST transitions,
-- interval normalisation with justify_*, make_* constructors, OVERLAPS, age and month ends.

CREATE TABLE meetings (
  id int PRIMARY KEY,
  title text NOT NULL,
  starts timestamptz NOT NULL,
  duration interval NOT NULL,
  tz text NOT NULL
);

SET TimeZone = 'UTC';

INSERT INTO meetings VALUES
  (1, 'Standup', '2024-03-30 08:00:00+00', '15 minutes', 'Europe/London'),
  (2, 'Planning', '2024-03-31 08:00:00+00', '2 hours', 'Europe/London'),
  (3, 'Sync NY', '2024-03-10 14:00:00+00', '45 minutes', 'America/New_York'),
  (4, 'Retro', '2024-10-27 00:30:00+00', '1 hour 30 minutes', 'Europe/Berlin'),
  (5, 'Offsite', '2024-12-31 22:00:00+00', '1 day 4 hours', 'Asia/Tokyo');

-- Local wall-clock time in each meeting's zone
SELECT id, title, starts, starts AT TIME ZONE tz AS local_start, (starts + duration) AT TIME ZONE tz AS local_end FROM meetings ORDER BY id;

-- Same local time across a DST change
SELECT '2024-03-30 09:00'::timestamp AT TIME ZONE 'Europe/London' AS before_dst,
       '2024-03-31 09:00'::timestamp AT TIME ZONE 'Europe/London' AS after_dst,
       '2024-03-31 01:30'::timestamp AT TIME ZONE 'Europe/London' AS gap_time;

-- Adding a day vs 24 hours across DST in a session time zone
SET TimeZone = 'Europe/London';
SELECT '2024-03-30 12:00'::timestamptz + interval '1 day' AS plus_day, '2024-03-30 12:00'::timestamptz + interval '24 hours' AS plus_24h;
SELECT '2024-10-26 12:00'::timestamptz + interval '1 day' AS plus_day, '2024-10-27 12:00'::timestamptz - '2024-10-26 12:00'::timestamptz AS diff;
SELECT starts, date_trunc('day', starts) AS day_start FROM meetings WHERE id IN (1, 2) ORDER BY id;
SELECT extract(timezone FROM '2024-07-01 12:00'::timestamptz) AS offset_summer, extract(timezone FROM '2024-01-01 12:00'::timestamptz) AS offset_winter;
SET TimeZone = 'UTC';

-- Fixed offsets and abbreviations
SELECT '2024-06-01 12:00:00-05'::timestamptz AS from_offset, '2024-06-01 12:00:00+05:30'::timestamptz AS india, timestamptz '2024-06-01 12:00 PST' AS pst;

-- justify_*
SELECT justify_hours(interval '50 hours') AS jh, justify_days(interval '65 days') AS jd, justify_interval(interval '1 month -1 hour') AS ji,
       justify_interval(interval '35 days 30 hours') AS ji2;

-- Interval arithmetic and normalisation
SELECT interval '1 day' * 1.5 AS one_and_half, interval '1 hour' / 3 AS third, interval '2 months' - interval '1 day' AS m_minus_d,
       interval '90 minutes' = interval '1 hour 30 minutes' AS same, interval '1 month' = interval '30 days' AS month_eq;

SELECT interval '1 year 2 months 3 days 04:05:06.789' AS full, interval 'P1Y2M3DT4H5M6S' AS iso, interval '-1 day +2 hours' AS mixed;

SELECT extract(epoch FROM interval '1 month') AS month_secs, extract(day FROM interval '40 days') AS d, extract(hour FROM interval '50 hours') AS h, date_part('minute', interval '2 hours 75 minutes') AS m;

-- make_* constructors
SELECT make_date(2024, 2, 29) AS leap, make_time(23, 59, 59.5) AS t, make_timestamp(2024, 1, 31, 10, 30, 0) AS ts,
       make_interval(days => 10, hours => 3) AS iv, make_interval(years => 1, mins => 90) AS iv2;
SELECT make_timestamptz(2024, 7, 4, 12, 0, 0, 'America/New_York') AS independence;
SELECT make_date(2023, 2, 29);
SELECT make_date(2024, 13, 1);

-- OVERLAPS
SELECT a.id, b.id FROM meetings a JOIN meetings b ON a.id < b.id WHERE (a.starts, a.duration) OVERLAPS (b.starts, b.duration) ORDER BY 1, 2;
SELECT (DATE '2024-01-01', DATE '2024-01-10') OVERLAPS (DATE '2024-01-10', DATE '2024-01-20') AS touching,
       (DATE '2024-01-01', DATE '2024-01-10') OVERLAPS (DATE '2024-01-09', INTERVAL '5 days') AS overlap;

-- age
SELECT age(timestamp '2024-03-31', timestamp '2024-02-29') AS a1, age(timestamp '2024-02-29', timestamp '2023-02-28') AS a2,
       age(timestamp '2024-01-31 10:00', timestamp '2023-12-31 22:00') AS a3, age(date '2000-02-29', date '2024-02-28') AS neg;

-- Month ends and adding months
SELECT d, d + interval '1 month' AS next_month, (date_trunc('month', d) + interval '1 month - 1 day')::date AS month_end
FROM (VALUES (date '2024-01-31'), (date '2024-02-29'), (date '2023-02-28'), (date '2024-12-31')) v(d) ORDER BY d;

-- Leap years
SELECT y, (make_date(y, 3, 1) - make_date(y, 2, 1)) AS feb_days FROM generate_series(1900, 2024, 31) y ORDER BY y;

-- Week numbering at year boundaries
SELECT d, extract(week FROM d) AS wk, extract(isoyear FROM d) AS iy, to_char(d, 'IYYY-IW-ID') AS iso, to_char(d, 'YYYY-WW') AS ww, extract(doy FROM d) AS doy
FROM (VALUES (date '2020-12-31'), (date '2021-01-03'), (date '2024-12-30'), (date '2027-01-01')) v(d) ORDER BY d;

-- Special values
SELECT 'infinity'::timestamp > '2999-01-01'::timestamp AS inf, '-infinity'::date < '0001-01-01'::date AS neg_inf, isfinite('infinity'::date) AS fin;
SELECT date 'epoch' AS epoch, timestamp 'epoch' + interval '1700000000 seconds' AS from_unix, to_timestamp(1700000000) AS to_ts;
SELECT date '2024-01-01' - date '2023-01-01' AS days, date '2024-03-01' - 1 AS minus_int, date '2024-03-01' + time '10:30' AS ts;

-- to_char and to_date / to_timestamp formats
SELECT to_char(timestamp '2024-07-04 15:07:09.123', 'YYYY-MM-DD HH12:MI:SS AM') AS a, to_char(timestamp '2024-07-04 15:07:09.123', 'Dy, DD Mon YYYY "at" HH24"h"MI') AS b,
       to_char(timestamp '2024-07-04 15:07:09.123', 'MS US') AS c, to_char(date '2024-07-04', 'FMMonth FMDDth, YYYY') AS d, to_char(date '2024-07-04', 'Q CC J') AS e;
SELECT to_date('04/07/2024', 'DD/MM/YYYY') AS d1, to_date('2024 185', 'YYYY DDD') AS d2, to_timestamp('2024-07-04 3:07 PM', 'YYYY-MM-DD HH:MI AM') AS t1;
SELECT to_char(interval '26 hours 3 minutes', 'HH24:MI') AS iv_fmt;

-- Date/time parsing errors
SELECT '2024-02-30'::date;
SELECT '25:00'::time;
SELECT 'yesterday-ish'::timestamp;
SELECT interval '1 fortnight';

-- Rounding and truncation of timestamps
SELECT date_trunc('hour', timestamp '2024-05-05 10:59:59.999') AS h, date_trunc('quarter', date '2024-05-05') AS q, date_trunc('week', timestamp '2024-01-01') AS w,
       date_bin('15 minutes', timestamp '2024-05-05 10:52:00', timestamp '2024-01-01') AS binned;

-- Duration totals from the table
SELECT sum(duration) AS total, avg(duration) AS mean, max(duration) AS longest FROM meetings;

SELECT id, title FROM meetings WHERE starts::date BETWEEN '2024-03-30' AND '2024-03-31';

-- Generate a weekly schedule in a zone
SELECT g AS slot FROM generate_series(timestamptz '2024-03-25 09:00+00', timestamptz '2024-04-08 09:00+00', interval '1 week') g;

SELECT timezone('Asia/Kolkata', timestamptz '2024-01-01 00:00+00') AS kolkata, timezone('UTC', timestamp '2024-01-01 00:00') AS as_utc;
