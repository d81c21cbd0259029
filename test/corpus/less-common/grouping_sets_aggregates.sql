-- Subscription-revenue analytics for a SaaS finance team: multi-level subtotals with
-- GROUPING SETS/ROLLUP/CUBE, FILTER clauses and ordered-set aggregates.

CREATE TABLE subscriptions (
  id integer PRIMARY KEY,
  region text NOT NULL,
  plan text NOT NULL,
  channel text NOT NULL,
  started_on date NOT NULL,
  mrr numeric(10,2) NOT NULL,
  churned boolean NOT NULL DEFAULT false,
  seats integer NOT NULL
);

INSERT INTO subscriptions VALUES
  (1, 'emea', 'basic', 'web', '2023-01-10', 49.00, false, 3),
  (2, 'emea', 'pro', 'sales', '2023-02-14', 199.00, false, 12),
  (3, 'emea', 'pro', 'web', '2023-03-01', 199.00, true, 10),
  (4, 'amer', 'basic', 'web', '2023-01-22', 49.00, false, 2),
  (5, 'amer', 'basic', 'partner', '2023-04-05', 39.00, true, 1),
  (6, 'amer', 'enterprise', 'sales', '2023-02-28', 1200.00, false, 150),
  (7, 'amer', 'pro', 'web', '2023-05-17', 199.00, false, 8),
  (8, 'apac', 'pro', 'partner', '2023-03-30', 179.00, false, 9),
  (9, 'apac', 'basic', 'web', '2023-06-02', 49.00, false, 4),
  (10, 'apac', 'enterprise', 'sales', '2023-06-20', 950.00, true, 80),
  (11, 'emea', 'enterprise', 'sales', '2023-07-01', 1500.00, false, 200),
  (12, 'amer', 'pro', 'partner', '2023-07-15', 179.00, false, 11);

-- Subtotals per region and plan, per region, and a grand total
SELECT region, plan, sum(mrr) AS mrr, count(*) AS subs
FROM subscriptions
GROUP BY ROLLUP (region, plan)
ORDER BY region NULLS LAST, plan NULLS LAST;

-- GROUPING() tells subtotal rows apart from real NULLs
SELECT CASE WHEN grouping(region) = 1 THEN 'all regions' ELSE region END AS region,
       CASE WHEN grouping(plan) = 1 THEN 'all plans' ELSE plan END AS plan,
       grouping(region, plan) AS level,
       sum(mrr) AS mrr
FROM subscriptions
GROUP BY ROLLUP (region, plan)
ORDER BY grouping(region, plan), 1, 2;

-- Every combination of plan and channel
SELECT plan, channel, count(*) AS subs, sum(seats) AS seats
FROM subscriptions
GROUP BY CUBE (plan, channel)
ORDER BY plan NULLS FIRST, channel NULLS FIRST;

-- Independent breakdowns in one pass
SELECT region, channel, sum(mrr) AS mrr
FROM subscriptions
GROUP BY GROUPING SETS ((region), (channel), ())
ORDER BY region NULLS LAST, channel NULLS LAST;

-- Grouping sets mixed with a plain grouping column
SELECT date_trunc('quarter', started_on)::date AS quarter, region, plan, count(*)
FROM subscriptions
GROUP BY date_trunc('quarter', started_on), GROUPING SETS ((region), (plan))
ORDER BY 1, 2 NULLS LAST, 3 NULLS LAST;

-- ROLLUP over a composite column
SELECT region, plan, channel, count(*)
FROM subscriptions
WHERE region = 'amer'
GROUP BY ROLLUP (region, (plan, channel))
ORDER BY plan NULLS LAST, channel NULLS LAST;

-- FILTER clauses for pivot-style reports
SELECT region,
       count(*) AS total,
       count(*) FILTER (WHERE churned) AS churned,
       count(*) FILTER (WHERE NOT churned) AS active,
       sum(mrr) FILTER (WHERE NOT churned) AS active_mrr,
       round(100.0 * count(*) FILTER (WHERE churned) / count(*), 1) AS churn_pct
FROM subscriptions
GROUP BY region
ORDER BY region;

SELECT sum(mrr) FILTER (WHERE plan = 'basic') AS basic,
       sum(mrr) FILTER (WHERE plan = 'pro') AS pro,
       sum(mrr) FILTER (WHERE plan = 'enterprise') AS enterprise,
       sum(mrr) FILTER (WHERE plan = 'custom') AS custom
FROM subscriptions WHERE NOT churned;

-- FILTER combined with ROLLUP
SELECT region, plan, count(*) FILTER (WHERE channel = 'web') AS web_signups
FROM subscriptions
GROUP BY ROLLUP (region, plan)
HAVING count(*) FILTER (WHERE channel = 'web') > 0
ORDER BY region NULLS LAST, plan NULLS LAST;

-- Ordered-set aggregates
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY mrr) AS median_mrr,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY mrr) AS median_mrr_disc,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY seats) AS p90_seats,
       mode() WITHIN GROUP (ORDER BY plan) AS most_common_plan
FROM subscriptions;

SELECT region,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY seats) AS median_seats,
       percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY seats) AS quartiles
FROM subscriptions
GROUP BY region
ORDER BY region;

-- Hypothetical-set aggregates: where would a new 250-seat deal rank?
SELECT rank(250) WITHIN GROUP (ORDER BY seats DESC) AS rank_by_seats,
       percent_rank(250) WITHIN GROUP (ORDER BY seats) AS pct_rank,
       cume_dist(250) WITHIN GROUP (ORDER BY seats) AS cume
FROM subscriptions;

-- Ordered string and array aggregation
SELECT plan, string_agg(region || ':' || id, ', ' ORDER BY id DESC) AS subs,
       array_agg(seats ORDER BY seats) AS seat_counts,
       array_agg(DISTINCT channel ORDER BY channel) AS channels
FROM subscriptions
GROUP BY plan
ORDER BY plan;

-- Boolean aggregates
SELECT region, bool_and(NOT churned) AS no_churn, bool_or(churned) AS some_churn, every(seats > 2) AS all_multi_seat
FROM subscriptions GROUP BY region ORDER BY region;

-- Statistical aggregates
SELECT round(stddev_samp(mrr), 4) AS sd, round(var_pop(seats), 4) AS var_seats,
       round(corr(seats, mrr)::numeric, 6) AS corr_seats_mrr,
       round(regr_slope(mrr, seats)::numeric, 6) AS mrr_per_seat
FROM subscriptions;

-- Bit and aggregate edge cases
SELECT bit_or(seats) AS any_bits, bit_and(seats) AS common_bits, count(DISTINCT region) AS regions, sum(seats) / count(*) AS avg_int
FROM subscriptions;
SELECT sum(mrr), avg(mrr), max(mrr), count(*), string_agg(plan, ',') FROM subscriptions WHERE false;
SELECT min(region), max(plan) FROM subscriptions;

-- JSON aggregation grouped by sets
SELECT coalesce(region, 'total') AS region, json_object_agg(plan, n ORDER BY plan) AS plans
FROM (SELECT region, plan, count(*) AS n FROM subscriptions GROUP BY region, plan) t
GROUP BY region
ORDER BY region;

-- Aggregates over a window of grouped rows
SELECT region, sum(mrr) AS mrr, sum(sum(mrr)) OVER () AS total,
       round(sum(mrr) * 100 / sum(sum(mrr)) OVER (), 2) AS share
FROM subscriptions GROUP BY region ORDER BY region;

-- Errors: ordered-set aggregate misuse, bad percentile, FILTER on a non-aggregate
SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY mrr) FROM subscriptions;
SELECT percentile_cont(0.5) FROM subscriptions;
SELECT lower(plan) FILTER (WHERE churned) FROM subscriptions;
SELECT region, plan, sum(mrr) FROM subscriptions GROUP BY region;
