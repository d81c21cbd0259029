-- Subscription renewal and payroll calendar: month-end and leap-year date arithmetic, generated
-- calendars, business-day counts, ISO weeks and interval normalisation with justify_*.

CREATE TABLE subscriptions (
  id integer PRIMARY KEY,
  customer text NOT NULL,
  started_on date NOT NULL,
  billing_interval interval NOT NULL
);

INSERT INTO subscriptions VALUES
  (1, 'ana', '2024-01-31', '1 month'), (2, 'ben', '2023-02-28', '1 year'), (3, 'cy', '2024-02-29', '1 year'),
  (4, 'dot', '2024-03-31', '3 months'), (5, 'eve', '2024-05-15', '2 weeks'), (6, 'fay', '2023-12-30', '1 mon 1 day');

-- Month arithmetic clamps to the last day of the month
SELECT DATE '2024-01-31' + INTERVAL '1 month' AS jan31_plus_1m,
       DATE '2024-01-31' + INTERVAL '2 months' AS jan31_plus_2m,
       DATE '2023-01-31' + INTERVAL '1 month' AS nonleap_feb,
       DATE '2024-03-31' - INTERVAL '1 month' AS mar31_minus_1m,
       DATE '2024-02-29' + INTERVAL '1 year' AS leap_plus_1y,
       DATE '2024-02-29' - INTERVAL '4 years' AS leap_minus_4y;

-- Adding months one at a time is not the same as adding them at once
SELECT (DATE '2024-01-31' + INTERVAL '1 month') + INTERVAL '1 month' AS stepwise, DATE '2024-01-31' + INTERVAL '2 months' AS at_once;

-- Renewal schedule computed from the start date (no drift)
SELECT s.customer, n, (s.started_on + n * s.billing_interval)::date AS renews_on
FROM subscriptions s CROSS JOIN generate_series(1, 4) AS n
WHERE s.id IN (1, 3, 4)
ORDER BY s.id, n;

-- Next renewal after a fixed date
SELECT id, customer,
       (SELECT min((started_on + k * billing_interval)::date) FROM generate_series(1, 200) k WHERE started_on + k * billing_interval > DATE '2024-06-15') AS next_renewal
FROM subscriptions ORDER BY id;

-- Last day of month, first day of next month, days in month
SELECT d AS day,
       (date_trunc('month', d) + INTERVAL '1 month - 1 day')::date AS month_end,
       (date_trunc('month', d) + INTERVAL '1 month')::date AS next_month_start,
       extract(day FROM date_trunc('month', d) + INTERVAL '1 month - 1 day')::int AS days_in_month
FROM (VALUES (DATE '2023-02-10'), (DATE '2024-02-10'), (DATE '2024-04-30'), (DATE '2024-12-31'), (DATE '1900-02-01'), (DATE '2000-02-01')) AS v(d)
ORDER BY d;

-- Leap year test three ways
SELECT y,
       (y % 4 = 0 AND y % 100 <> 0) OR y % 400 = 0 AS by_rule,
       extract(doy FROM make_date(y, 12, 31)) = 366 AS by_doy,
       make_date(y, 3, 1) - make_date(y, 2, 1) AS feb_days
FROM (VALUES (1900), (2000), (2023), (2024), (2100)) AS t(y) ORDER BY y;

SELECT make_date(2023, 2, 29);
SELECT DATE '2023-02-29';
SELECT to_date('2024-02-30', 'YYYY-MM-DD');

-- A month calendar grid with ISO weeks
SELECT extract(week FROM d)::int AS iso_week,
       string_agg(lpad(extract(day FROM d)::text, 2, ' '), ' ' ORDER BY d) AS days
FROM generate_series(DATE '2024-02-01', DATE '2024-02-29', INTERVAL '1 day') AS d
GROUP BY extract(week FROM d) ORDER BY min(d);

-- ISO year vs calendar year at the boundary
SELECT d::date, extract(year FROM d) AS year, extract(isoyear FROM d) AS isoyear, extract(week FROM d) AS week, extract(isodow FROM d) AS isodow, extract(dow FROM d) AS dow
FROM generate_series(DATE '2024-12-28', DATE '2025-01-02', INTERVAL '1 day') AS d ORDER BY d;

SELECT to_char(DATE '2021-01-03', 'IYYY-IW-ID') AS iso, to_char(DATE '2021-01-03', 'YYYY-WW-D') AS greg, to_date('2024-01-1', 'IYYY-IW-ID') AS from_iso;

-- Business days between two dates (weekends and holidays excluded)
CREATE TABLE holidays (day date PRIMARY KEY, name text NOT NULL);
INSERT INTO holidays VALUES ('2024-05-01', 'labour day'), ('2024-05-09', 'ascension'), ('2024-05-20', 'whit monday'), ('2024-05-25', 'saturday holiday');

SELECT count(*) AS business_days
FROM generate_series(DATE '2024-05-01', DATE '2024-05-31', INTERVAL '1 day') AS d
WHERE extract(isodow FROM d) < 6 AND d::date NOT IN (SELECT day FROM holidays);

-- Payday: last business day of each month in 2024
SELECT to_char(m, 'YYYY-MM') AS month,
       (SELECT max(d)::date FROM generate_series(m, m + INTERVAL '1 month - 1 day', INTERVAL '1 day') AS d
        WHERE extract(isodow FROM d) < 6 AND d::date NOT IN (SELECT day FROM holidays)) AS payday
FROM generate_series(DATE '2024-01-01', DATE '2024-06-01', INTERVAL '1 month') AS m ORDER BY m;

-- Add N business days to a date
SELECT d::date AS due
FROM generate_series(DATE '2024-05-07' + 1, DATE '2024-05-07' + 30, INTERVAL '1 day') AS d
WHERE extract(isodow FROM d) < 6 AND d::date NOT IN (SELECT day FROM holidays)
ORDER BY d OFFSET 9 LIMIT 1;

-- Interval normalisation
SELECT justify_hours(INTERVAL '50 hours') AS jh, justify_days(INTERVAL '65 days') AS jd,
       justify_interval(INTERVAL '1 month -1 hour') AS ji, justify_interval(INTERVAL '-1 month 45 days 30 hours') AS ji_neg;
SELECT INTERVAL '36 hours' = INTERVAL '1 day 12 hours' AS equal_after_norm, INTERVAL '30 days' = INTERVAL '1 month' AS month_is_30_days;
SELECT TIMESTAMP '2024-03-01 00:00' - TIMESTAMP '2024-01-15 06:30' AS raw_diff, age(TIMESTAMP '2024-03-01 00:00', TIMESTAMP '2024-01-15 06:30') AS age_diff;
SELECT INTERVAL '1 month' * 1.5 AS one_and_half_months, INTERVAL '1 day' / 3 AS third_of_day, INTERVAL '2 hours 30 minutes' * 2.5 AS scaled;

-- Prorated charge for a partial month
SELECT s.customer,
       DATE '2024-06-30' - DATE '2024-06-12' + 1 AS days_used,
       extract(day FROM date_trunc('month', DATE '2024-06-12') + INTERVAL '1 month - 1 day') AS days_in_month,
       round(29.99 * (DATE '2024-06-30' - DATE '2024-06-12' + 1) / extract(day FROM date_trunc('month', DATE '2024-06-12') + INTERVAL '1 month - 1 day'), 2) AS prorated
FROM subscriptions s WHERE s.id = 1;

-- Anniversary of a Feb 29 start in non-leap years
SELECT y, (DATE '2024-02-29' + make_interval(years => y - 2024))::date AS anniversary
FROM generate_series(2024, 2029) AS y ORDER BY y;

-- Age in years, months, days and completed years
SELECT customer, age(DATE '2025-02-28', started_on) AS tenure, date_part('year', age(DATE '2025-02-28', started_on)) AS full_years
FROM subscriptions ORDER BY id;

-- Quarter boundaries and fiscal year starting in April
SELECT d, date_trunc('quarter', d)::date AS q_start, (date_trunc('quarter', d) + INTERVAL '3 months - 1 day')::date AS q_end,
       extract(year FROM d - INTERVAL '3 months')::int AS fiscal_year
FROM (VALUES (DATE '2024-01-15'), (DATE '2024-03-31'), (DATE '2024-04-01'), (DATE '2024-11-30')) AS v(d) ORDER BY d;

-- Week starting Monday and Sunday
SELECT d, date_trunc('week', d)::date AS monday, (d - extract(dow FROM d)::int) AS sunday
FROM (VALUES (DATE '2024-06-02'), (DATE '2024-06-03'), (DATE '2024-06-08')) AS v(d) ORDER BY d;

-- Infinity and extreme dates
SELECT DATE 'infinity' > DATE '9999-12-31' AS inf_gt, DATE '-infinity' < DATE '0001-01-01' AS ninf_lt, isfinite(DATE 'infinity') AS finite;
SELECT DATE '4713-01-01 BC' AS earliest, DATE '2024-01-01' - DATE '0001-01-01' AS days_since_year_one;
SELECT DATE '2024-01-01' + 2147483647;
