-- Scheduling and billing calendar service: interval arithmetic, time zones, age(),
-- constructors and to_char/to_date/to_number formatting on fixed timestamps.

CREATE TABLE appointments (
  id integer PRIMARY KEY,
  starts_at timestamptz NOT NULL,
  duration interval NOT NULL,
  tz text NOT NULL
);

INSERT INTO appointments VALUES
  (1, '2024-03-10 06:30:00+00', '45 minutes', 'America/New_York'),
  (2, '2024-03-31 00:30:00+00', '1 hour 30 minutes', 'Europe/Berlin'),
  (3, '2024-11-03 05:00:00+00', '2 hours', 'America/New_York'),
  (4, '2024-12-31 23:00:00+00', '1 day', 'Asia/Tokyo');

-- Local wall-clock times across DST transitions
SELECT id, starts_at AT TIME ZONE tz AS local_start, (starts_at + duration) AT TIME ZONE tz AS local_end
FROM appointments ORDER BY id;
SELECT TIMESTAMP '2024-03-10 02:30:00' AT TIME ZONE 'America/New_York' AS nonexistent_local,
       TIMESTAMP '2024-11-03 01:30:00' AT TIME ZONE 'America/New_York' AS ambiguous_local;
SELECT TIMESTAMPTZ '2024-07-01 12:00:00+02' AT TIME ZONE 'UTC' AS utc, TIMESTAMPTZ '2024-07-01 12:00:00+02' AT TIME ZONE '+05:30' AS posix_style;

-- Adding intervals to timestamptz in a DST zone keeps wall-clock time for days
SET TIME ZONE 'America/New_York';
SELECT TIMESTAMPTZ '2024-03-09 12:00:00' + INTERVAL '1 day' AS plus_day, TIMESTAMPTZ '2024-03-09 12:00:00' + INTERVAL '24 hours' AS plus_24h;
SELECT starts_at FROM appointments ORDER BY id;
RESET TIME ZONE;
SELECT starts_at FROM appointments WHERE id = 1;

-- Interval arithmetic
SELECT INTERVAL '1 day' * 3 AS three_days, INTERVAL '1 hour' / 4 AS quarter_hour, INTERVAL '90 minutes' + INTERVAL '45 minutes' AS sum,
       INTERVAL '2 days' - INTERVAL '36 hours' AS mixed, -INTERVAL '1 month' AS negated;
SELECT INTERVAL '1 year 2 months 3 days 04:05:06.789' AS full, INTERVAL 'P1Y2M3DT4H5M6S' AS iso_input, INTERVAL '1.5 days' AS fractional_day;
SELECT TIMESTAMP '2024-01-31 10:00' + INTERVAL '1 month' AS end_of_feb, DATE '2024-02-29' + INTERVAL '1 year' AS leap_to_common,
       DATE '2024-03-31' - INTERVAL '1 month' AS back_a_month;
SELECT TIMESTAMP '2024-05-01 08:00' - TIMESTAMP '2024-04-28 20:30' AS diff, DATE '2024-05-01' - DATE '2024-02-01' AS day_diff,
       DATE '2024-05-01' + 10 AS plus_days, DATE '2024-05-01' + TIME '13:45' AS combined;

-- justify_* normalisation
SELECT justify_days(INTERVAL '65 days') AS days, justify_hours(INTERVAL '50 hours') AS hours,
       justify_interval(INTERVAL '1 month -1 hour') AS mixed, justify_interval(INTERVAL '40 days 30 hours') AS both;
SELECT INTERVAL '30 days' = INTERVAL '1 month' AS equal_intervals, INTERVAL '24 hours' = INTERVAL '1 day' AS hours_day;

-- Extracting parts
SELECT extract(epoch FROM INTERVAL '1 day 2 hours') AS secs, extract(hour FROM INTERVAL '26 hours') AS hour_field,
       extract(day FROM INTERVAL '26 hours') AS day_field, date_part('minute', INTERVAL '1:30:00') AS minutes;
SELECT extract(isoyear FROM DATE '2024-12-30') AS isoyear, extract(week FROM DATE '2024-12-30') AS isoweek,
       extract(doy FROM DATE '2024-12-31') AS doy, extract(quarter FROM DATE '2024-08-15') AS q,
       extract(century FROM DATE '2024-01-01') AS century, extract(julian FROM DATE '2024-01-01') AS julian;
SELECT extract(epoch FROM TIMESTAMPTZ '2024-01-01 00:00:00+00') AS epoch, to_timestamp(1704067200) AS from_epoch;

-- age()
SELECT age(TIMESTAMP '2024-03-31', TIMESTAMP '2024-02-29') AS a1, age(DATE '2024-06-15', DATE '1990-08-20') AS a2,
       age(TIMESTAMP '2024-01-01 00:00', TIMESTAMP '2024-01-02 06:00') AS negative;

-- Constructors
SELECT make_date(2024, 2, 29) AS d, make_time(13, 45, 30.5) AS t, make_timestamp(2024, 7, 4, 9, 30, 0) AS ts,
       make_timestamptz(2024, 7, 4, 9, 30, 0, 'Europe/Paris') AS tstz;
SELECT make_interval(days => 10) AS i1, make_interval(hours => 36, mins => 15) AS i2, make_interval(years => 1, months => 18) AS i3,
       make_interval(secs => 90.5) AS i4;

-- Truncation and bins
SELECT date_trunc('week', TIMESTAMP '2024-07-04 15:30') AS week, date_trunc('quarter', DATE '2024-08-15') AS quarter,
       date_trunc('day', TIMESTAMPTZ '2024-07-04 23:30:00+00', 'Asia/Tokyo') AS tokyo_day;
SELECT date_bin(INTERVAL '15 minutes', TIMESTAMP '2024-07-04 15:38:20', TIMESTAMP '2024-01-01') AS bin15;

-- to_char formats
SELECT to_char(TIMESTAMP '2024-07-04 15:08:09.123', 'YYYY-MM-DD HH24:MI:SS.MS') AS iso,
       to_char(TIMESTAMP '2024-07-04 15:08:09', 'Day, DD Month YYYY') AS padded_names,
       to_char(TIMESTAMP '2024-07-04 15:08:09', 'FMDay, FMDD FMMonth YYYY') AS trimmed_names,
       to_char(TIMESTAMP '2024-07-04 15:08:09', 'HH12:MI AM') AS twelve_hour;
SELECT to_char(DATE '2024-07-04', 'DDD') AS day_of_year, to_char(DATE '2024-07-04', 'IYYY-"W"IW-ID') AS iso_week,
       to_char(DATE '2024-07-04', 'Q') AS quarter, to_char(DATE '2024-07-04', 'dy mon yy') AS lower_abbrev,
       to_char(DATE '2024-07-04', 'DDth "of" Mon') AS ordinal;
SELECT to_char(INTERVAL '3 days 04:05:06', 'DD "days" HH24:MI:SS') AS interval_fmt;

-- Parsing with to_date / to_timestamp / to_number
SELECT to_date('04/07/2024', 'DD/MM/YYYY') AS d1, to_date('20240704', 'YYYYMMDD') AS d2, to_date('July 4, 2024', 'Month DD, YYYY') AS d3;
SELECT to_timestamp('2024-07-04 15:08', 'YYYY-MM-DD HH24:MI') AS ts1, to_timestamp('04.07.2024 03:08 PM', 'DD.MM.YYYY HH:MI AM') AS ts2;
SELECT to_number('12,345.67', '99G999D99') AS n1, to_number('$1,000', 'L9G999') AS n2, to_number('-42.5', 'S99.9') AS n3;

-- Timestamp input variants and special values
SELECT TIMESTAMP 'epoch' AS epoch, DATE 'infinity' > DATE '2999-01-01' AS inf, '2024-07-04T10:00:00Z'::timestamptz AS iso_z,
       'Jul 4 2024 10:00'::timestamp AS us_text;
SELECT TIME '25:00';
SELECT DATE '2023-02-29';
SELECT to_date('2024-13-01', 'YYYY-MM-DD');
SELECT INTERVAL 'two days';

-- Overlaps and range checks
SELECT (DATE '2024-01-01', DATE '2024-01-10') OVERLAPS (DATE '2024-01-10', DATE '2024-01-20') AS touching,
       (DATE '2024-01-01', DATE '2024-01-10') OVERLAPS (DATE '2024-01-09', INTERVAL '5 days') AS overlapping;
SELECT id FROM appointments WHERE starts_at BETWEEN '2024-03-01' AND '2024-04-30' ORDER BY id;
