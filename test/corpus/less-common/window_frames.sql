-- IoT sensor monitoring: temperature readings analysed with window frames (ROWS, RANGE,
-- GROUPS, EXCLUDE), named windows and ranking/distribution functions.

CREATE TABLE readings (
  sensor text NOT NULL,
  taken_at timestamp NOT NULL,
  temp numeric(5,2) NOT NULL,
  PRIMARY KEY (sensor, taken_at)
);

INSERT INTO readings VALUES
  ('s1', '2024-05-01 00:00', 20.5), ('s1', '2024-05-01 01:00', 21.0), ('s1', '2024-05-01 02:00', 21.0),
  ('s1', '2024-05-01 03:00', 22.5), ('s1', '2024-05-01 05:00', 24.0), ('s1', '2024-05-01 06:00', 23.0),
  ('s1', '2024-05-02 00:00', 19.5), ('s1', '2024-05-03 00:00', 18.0),
  ('s2', '2024-05-01 00:00', 30.0), ('s2', '2024-05-01 02:00', 31.5), ('s2', '2024-05-01 04:00', 29.0),
  ('s2', '2024-05-01 06:00', 29.0), ('s2', '2024-05-02 00:00', 35.0);

-- Moving average over the current and two previous readings
SELECT sensor, taken_at, temp,
       round(avg(temp) OVER (PARTITION BY sensor ORDER BY taken_at ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2) AS moving_avg
FROM readings ORDER BY sensor, taken_at;

-- Centered window and a trailing sum
SELECT sensor, taken_at,
       sum(temp) OVER (PARTITION BY sensor ORDER BY taken_at ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS centered_sum,
       count(*) OVER (PARTITION BY sensor ORDER BY taken_at ROWS UNBOUNDED PRECEDING) AS n_so_far
FROM readings WHERE sensor = 's1' ORDER BY taken_at;

-- Time-based RANGE frame: everything in the preceding three hours
SELECT sensor, taken_at, temp,
       max(temp) OVER (PARTITION BY sensor ORDER BY taken_at RANGE BETWEEN INTERVAL '3 hours' PRECEDING AND CURRENT ROW) AS max_3h,
       count(*) OVER (PARTITION BY sensor ORDER BY taken_at RANGE BETWEEN INTERVAL '3 hours' PRECEDING AND CURRENT ROW) AS n_3h
FROM readings ORDER BY sensor, taken_at;

-- Look-ahead frames: the next three readings and the next two hours
SELECT sensor, taken_at, temp,
       max(temp) OVER (PARTITION BY sensor ORDER BY taken_at ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING) AS next3_max,
       count(*) OVER (PARTITION BY sensor ORDER BY taken_at RANGE BETWEEN CURRENT ROW AND INTERVAL '2 hours' FOLLOWING) AS n_next_2h
FROM readings ORDER BY sensor, taken_at;

-- RANGE frame over dates with an interval offset
SELECT taken_at::date AS day, sum(temp) AS total,
       sum(sum(temp)) OVER (ORDER BY taken_at::date RANGE BETWEEN INTERVAL '1 day' PRECEDING AND CURRENT ROW) AS two_day_total
FROM readings GROUP BY taken_at::date ORDER BY day;

-- Numeric RANGE frame on the value itself: readings within 1 degree
SELECT taken_at, temp,
       count(*) OVER (ORDER BY temp RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS similar
FROM readings WHERE sensor = 's1' ORDER BY taken_at;

-- Default frame includes peers (RANGE UNBOUNDED PRECEDING .. CURRENT ROW)
SELECT taken_at, temp,
       sum(temp) OVER (ORDER BY temp) AS range_default,
       sum(temp) OVER (ORDER BY temp, taken_at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rows_frame
FROM readings WHERE sensor = 's2' ORDER BY temp, taken_at;

-- GROUPS frame and EXCLUDE options
SELECT taken_at, temp,
       sum(temp) OVER (ORDER BY temp GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS groups_sum,
       sum(temp) OVER (ORDER BY temp ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW) AS others,
       sum(temp) OVER (ORDER BY temp RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE TIES) AS excl_ties,
       sum(temp) OVER (ORDER BY temp RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE GROUP) AS excl_group
FROM readings WHERE sensor = 's1' ORDER BY temp, taken_at;

-- first_value/last_value/nth_value need a full frame to see the whole partition
SELECT sensor, taken_at, temp,
       first_value(temp) OVER w AS first_temp,
       last_value(temp) OVER w AS last_temp_default_frame,
       last_value(temp) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_temp,
       nth_value(temp, 2) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second_temp
FROM readings
WINDOW w AS (PARTITION BY sensor ORDER BY taken_at)
ORDER BY sensor, taken_at;

-- Named windows reused by several functions
SELECT sensor, temp,
       row_number() OVER w AS rn,
       rank() OVER w AS rnk,
       dense_rank() OVER w AS drnk,
       percent_rank() OVER w AS pr,
       round(cume_dist() OVER w::numeric, 4) AS cd,
       ntile(3) OVER w AS bucket
FROM readings
WINDOW w AS (PARTITION BY sensor ORDER BY temp DESC)
ORDER BY sensor, rn;

-- Window inheriting from another window
SELECT sensor, taken_at, temp,
       lag(temp, 1, 0.0) OVER hourly AS prev_or_zero,
       temp - lag(temp) OVER hourly AS delta,
       avg(temp) OVER (hourly ROWS 1 PRECEDING) AS pair_avg
FROM readings
WINDOW base AS (PARTITION BY sensor), hourly AS (base ORDER BY taken_at)
ORDER BY sensor, taken_at;

-- Gaps larger than an hour between consecutive readings
SELECT sensor, taken_at, gap FROM (
  SELECT sensor, taken_at, taken_at - lag(taken_at) OVER (PARTITION BY sensor ORDER BY taken_at) AS gap
  FROM readings
) g
WHERE gap > INTERVAL '1 hour'
ORDER BY sensor, taken_at;

-- Islands: runs of consecutive rising readings
WITH d AS (
  SELECT sensor, taken_at, temp,
         CASE WHEN temp > lag(temp) OVER (PARTITION BY sensor ORDER BY taken_at) THEN 0 ELSE 1 END AS breaks
  FROM readings
), g AS (
  SELECT *, sum(breaks) OVER (PARTITION BY sensor ORDER BY taken_at) AS grp FROM d
)
SELECT sensor, grp, min(taken_at) AS run_start, count(*) AS len, max(temp) - min(temp) AS rise
FROM g GROUP BY sensor, grp HAVING count(*) > 1 ORDER BY sensor, grp;

-- Window aggregates with FILTER and DISTINCT-free counts
SELECT sensor, taken_at,
       count(*) FILTER (WHERE temp > 22) OVER (PARTITION BY sensor ORDER BY taken_at) AS hot_so_far
FROM readings ORDER BY sensor, taken_at;

-- Top reading per sensor per day with ties
SELECT * FROM (
  SELECT sensor, taken_at::date AS day, temp,
         rank() OVER (PARTITION BY sensor, taken_at::date ORDER BY temp DESC) AS r
  FROM readings
) x WHERE r = 1 ORDER BY sensor, day, temp;

-- Window over an aggregate
SELECT taken_at::date AS day, round(avg(temp), 2) AS day_avg,
       round(avg(avg(temp)) OVER (ORDER BY taken_at::date ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), 3) AS two_day_avg
FROM readings GROUP BY taken_at::date ORDER BY day;

-- Distinct sensors whose latest reading is their highest
SELECT DISTINCT sensor FROM (
  SELECT sensor, temp, last_value(temp) OVER (PARTITION BY sensor ORDER BY taken_at ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS latest,
         max(temp) OVER (PARTITION BY sensor) AS highest
  FROM readings
) x WHERE latest = highest ORDER BY sensor;

-- Empty OVER () and ordering only in the window
SELECT sensor, count(*) OVER () AS total, sum(temp) OVER (PARTITION BY sensor) AS sensor_sum
FROM readings WHERE taken_at::date = '2024-05-02' ORDER BY sensor;

-- Errors: invalid frames and window functions where they are not allowed
SELECT sum(temp) OVER (ORDER BY taken_at ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM readings;
SELECT sum(temp) OVER (ORDER BY taken_at ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM readings;
SELECT sum(temp) OVER (RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM readings;
SELECT sensor FROM readings WHERE row_number() OVER (ORDER BY temp) = 1;
SELECT ntile(0) OVER (ORDER BY temp) FROM readings;
SELECT sum(temp) OVER undefined_window FROM readings;
