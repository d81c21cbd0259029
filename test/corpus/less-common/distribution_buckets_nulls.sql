-- Pricing and latency analytics: histograms with width_bucket, percentiles and other
-- ordered-set aggregates, how aggregates treat NULLs, and numeric precision and rounding rules.

CREATE TABLE api_calls (
  id integer PRIMARY KEY,
  endpoint text NOT NULL,
  latency_ms integer,
  bytes integer,
  status integer NOT NULL
);

INSERT INTO api_calls VALUES
  (1, 'search', 120, 5400, 200), (2, 'search', 95, 5100, 200), (3, 'search', 480, NULL, 504), (4, 'search', 130, 6200, 200),
  (5, 'search', 101, 4900, 200), (6, 'orders', 45, 800, 200), (7, 'orders', 52, 820, 201), (8, 'orders', NULL, NULL, 500),
  (9, 'orders', 61, 790, 200), (10, 'orders', 1500, NULL, 504), (11, 'login', 20, 300, 200), (12, 'login', 22, 310, 401),
  (13, 'login', 19, 305, 200), (14, 'login', NULL, 0, 429), (15, 'export', 2200, 980000, 200);

-- Histogram with fixed-width buckets, including under/overflow buckets 0 and n+1
SELECT width_bucket(latency_ms, 0, 500, 5) AS bucket, count(*) AS calls, min(latency_ms), max(latency_ms)
FROM api_calls WHERE latency_ms IS NOT NULL GROUP BY 1 ORDER BY 1;

-- Bucket labels with empty buckets shown
SELECT b, (b - 1) * 100 || '-' || b * 100 || 'ms' AS label, count(c.id) AS calls
FROM generate_series(1, 5) AS b
LEFT JOIN api_calls c ON width_bucket(c.latency_ms, 0, 500, 5) = b
GROUP BY b ORDER BY b;

-- Explicit thresholds via the array form
SELECT width_bucket(latency_ms, ARRAY[50, 100, 250, 1000]) AS tier, count(*)
FROM api_calls GROUP BY 1 ORDER BY 1 NULLS LAST;
SELECT width_bucket(5.5, 0.0, 10.0, 4) AS numeric_bucket, width_bucket(10, 0, 10, 4) AS at_upper_bound, width_bucket(-1, 0, 10, 4) AS below;
SELECT width_bucket(5, 10, 0, 4) AS reversed_range;
SELECT width_bucket(5, 0, 10, 0);

-- Percentiles per endpoint
SELECT endpoint,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY latency_ms) AS p90,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY latency_ms) AS p90_disc,
       count(latency_ms) AS measured
FROM api_calls GROUP BY endpoint ORDER BY endpoint;

SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY latency_ms) AS quartiles,
       percentile_disc(ARRAY[0, 1]) WITHIN GROUP (ORDER BY latency_ms) AS min_max
FROM api_calls;

SELECT mode() WITHIN GROUP (ORDER BY status) AS most_common_status, mode() WITHIN GROUP (ORDER BY endpoint DESC) AS mode_tie_break FROM api_calls;

-- Hypothetical-set aggregates: where would a 100ms call rank?
SELECT rank(100) WITHIN GROUP (ORDER BY latency_ms) AS rnk, dense_rank(100) WITHIN GROUP (ORDER BY latency_ms) AS dense,
       round(percent_rank(100) WITHIN GROUP (ORDER BY latency_ms)::numeric, 4) AS pct_rank,
       round(cume_dist(100) WITHIN GROUP (ORDER BY latency_ms)::numeric, 4) AS cume
FROM api_calls WHERE latency_ms IS NOT NULL;

-- How aggregates treat NULLs
SELECT count(*) AS all_rows, count(latency_ms) AS with_latency, count(bytes) AS with_bytes,
       sum(bytes) AS total_bytes, avg(bytes)::numeric(12,2) AS avg_bytes_known, (sum(bytes)::numeric / count(*))::numeric(12,2) AS avg_bytes_all_rows,
       avg(coalesce(bytes, 0))::numeric(12,2) AS avg_bytes_null_as_zero
FROM api_calls;

SELECT array_agg(latency_ms ORDER BY id) FILTER (WHERE endpoint = 'orders') AS with_nulls,
       array_agg(latency_ms ORDER BY id) FILTER (WHERE endpoint = 'orders' AND latency_ms IS NOT NULL) AS without_nulls,
       string_agg(latency_ms::text, ',' ORDER BY id) FILTER (WHERE endpoint = 'orders') AS string_agg_skips_nulls,
       json_agg(latency_ms ORDER BY id) FILTER (WHERE endpoint = 'orders') AS json_keeps_nulls
FROM api_calls;

SELECT sum(latency_ms) FILTER (WHERE endpoint = 'nothing') AS sum_of_none, count(latency_ms) FILTER (WHERE endpoint = 'nothing') AS count_of_none,
       max(latency_ms) FILTER (WHERE latency_ms IS NULL) AS max_of_nulls, bool_and(latency_ms > 10) AS all_fast_enough, every(status < 500) AS no_server_errors
FROM api_calls;

SELECT count(DISTINCT bytes) AS distinct_bytes, count(DISTINCT coalesce(bytes, -1)) AS distinct_with_null FROM api_calls;
SELECT endpoint, max(latency_ms) - min(latency_ms) AS spread FROM api_calls GROUP BY endpoint HAVING count(latency_ms) < count(*) ORDER BY endpoint;

-- NULLs in comparisons, IN and NOT IN
SELECT count(*) FROM api_calls WHERE latency_ms = NULL;
SELECT count(*) FROM api_calls WHERE latency_ms IS NOT DISTINCT FROM NULL;
SELECT count(*) AS not_in_with_null FROM api_calls WHERE id NOT IN (SELECT latency_ms FROM api_calls WHERE endpoint = 'login');
SELECT count(*) AS not_exists_version FROM api_calls a WHERE NOT EXISTS (SELECT 1 FROM api_calls b WHERE b.endpoint = 'login' AND b.latency_ms = a.id);

-- Statistical aggregates
SELECT round(stddev_pop(latency_ms)::numeric, 3) AS sd_pop, round(stddev_samp(latency_ms)::numeric, 3) AS sd_samp, round(variance(latency_ms)::numeric, 1) AS var_samp
FROM api_calls WHERE endpoint = 'search';
SELECT round(corr(latency_ms, bytes)::numeric, 4) AS corr, round(regr_slope(latency_ms, bytes)::numeric, 6) AS slope, regr_count(latency_ms, bytes) AS pairs
FROM api_calls WHERE endpoint IN ('search', 'orders');

-- Numeric precision: exact decimal arithmetic vs float
SELECT 0.1 + 0.2 = 0.3 AS numeric_exact, 0.1::float8 + 0.2::float8 = 0.3::float8 AS float_exact, 1.0 / 3 AS numeric_div, 1 / 3 AS int_div, 1.0::float8 / 3 AS float_div;
SELECT 10::numeric / 4 AS n, 10 / 4 AS i, 10 % 4 AS m, -7 / 2 AS neg_div, -7 % 2 AS neg_mod, div(-7, 2) AS div_fn, mod(-7, 2) AS mod_fn;
SELECT 123.456::numeric(5,2) AS to_scale_2, 0.005::numeric(4,2) AS half_up, 0.015::numeric(4,2) AS half_up_2, 99.995::numeric(5,2);

-- Rounding rules: numeric rounds half away from zero, float rounds half to even
SELECT round(2.5) AS n_2_5, round(-2.5) AS n_neg_2_5, round(3.5) AS n_3_5, round(2.5::float8) AS f_2_5, round(3.5::float8) AS f_3_5, round(-0.5::float8) AS f_neg_0_5;
SELECT round(1234.5678, 2) AS r2, round(1234.5678, -2) AS r_neg2, trunc(1234.5678, 1) AS t1, trunc(-1234.5678) AS t0, ceil(-1.5) AS c, floor(-1.5) AS f;
SELECT round(2.675, 2) AS numeric_round, round(2.675::float8 * 100) / 100 AS float_round;

-- Money-style allocation: split 100.00 into three parts without losing a cent
SELECT part, base + CASE WHEN part <= remainder_cents THEN 0.01 ELSE 0 END AS amount
FROM (SELECT trunc(100.00 / 3, 2) AS base, ((100.00 - trunc(100.00 / 3, 2) * 3) * 100)::int AS remainder_cents) s,
     generate_series(1, 3) AS part
ORDER BY part;

-- Scale of results and trailing zeros
SELECT scale(1.500), scale(1.5 * 1.25), 1.500 * 2 AS keeps_scale, trim_scale(1.500) AS trimmed, min_scale(1.500) AS min_scale;
SELECT sum(x) AS total, avg(x) AS mean FROM (VALUES (1.10), (2.205), (3.3)) AS v(x);
SELECT 12345678901234567890.123456789 * 10 AS big, (2::numeric ^ 100) AS two_pow_100, sqrt(2::numeric) AS sqrt2;

-- Overflow and invalid numeric input
SELECT 99999.999::numeric(7,2);
SELECT 2147483647 + 1;
SELECT '12.3.4'::numeric;
SELECT round(1.5, 'x');
