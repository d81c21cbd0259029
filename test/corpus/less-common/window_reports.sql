-- Sales league tables built almost entirely from window functions: ntile, percent_rank,
-- first_value/last_value/nth_value with explicit frames, running and moving aggregates.

CREATE TABLE sales (
  rep text NOT NULL,
  region text NOT NULL,
  month date NOT NULL,
  amount numeric(10,2) NOT NULL
);

INSERT INTO sales VALUES
  ('ann', 'north', '2024-01-01', 1200), ('ann', 'north', '2024-02-01', 900), ('ann', 'north', '2024-03-01', 1500), ('ann', 'north', '2024-04-01', 1500),
  ('bo', 'north', '2024-01-01', 700), ('bo', 'north', '2024-02-01', 1100), ('bo', 'north', '2024-03-01', 650), ('bo', 'north', '2024-04-01', 1300),
  ('cy', 'south', '2024-01-01', 2000), ('cy', 'south', '2024-02-01', 400), ('cy', 'south', '2024-03-01', 2100), ('cy', 'south', '2024-04-01', 300),
  ('di', 'south', '2024-01-01', 950), ('di', 'south', '2024-02-01', 950), ('di', 'south', '2024-03-01', 950), ('di', 'south', '2024-04-01', 950),
  ('ed', 'west', '2024-01-01', 0), ('ed', 'west', '2024-02-01', 3000);

-- Totals with quartiles and percent rank
SELECT rep, sum(amount) AS total,
       ntile(4) OVER (ORDER BY sum(amount) DESC) AS quartile,
       percent_rank() OVER (ORDER BY sum(amount)) AS pr,
       cume_dist() OVER (ORDER BY sum(amount)) AS cd,
       round((percent_rank() OVER (ORDER BY sum(amount)))::numeric, 3) AS pr3
FROM sales GROUP BY rep ORDER BY total DESC;

-- ntile with uneven buckets
SELECT rep, month, ntile(3) OVER (PARTITION BY rep ORDER BY month) AS third FROM sales WHERE rep IN ('ann', 'ed') ORDER BY rep, month;

-- first/last/nth values: the default frame vs the whole partition
SELECT rep, month, amount,
       first_value(amount) OVER w AS first_amt,
       last_value(amount) OVER w AS last_default,
       last_value(amount) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_all,
       nth_value(amount, 2) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second_amt
FROM sales WHERE region = 'north'
WINDOW w AS (PARTITION BY rep ORDER BY month)
ORDER BY rep, month;

-- Running totals: RANGE vs ROWS with ties on amount
SELECT rep, month, amount,
       sum(amount) OVER (PARTITION BY rep ORDER BY amount) AS range_sum,
       sum(amount) OVER (PARTITION BY rep ORDER BY amount ROWS UNBOUNDED PRECEDING) AS rows_sum
FROM sales WHERE rep = 'di' ORDER BY month;

-- Month-over-month change and growth percentage
SELECT rep, month, amount,
       amount - lag(amount, 1, 0::numeric) OVER (PARTITION BY rep ORDER BY month) AS delta,
       round(100 * (amount / nullif(lag(amount) OVER (PARTITION BY rep ORDER BY month), 0) - 1), 1) AS growth_pct,
       lead(amount) OVER (PARTITION BY rep ORDER BY month) AS next_month
FROM sales WHERE region = 'south' ORDER BY rep, month;

-- Moving average over three months, centred
SELECT month, round(avg(sum(amount)) OVER (ORDER BY month ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), 2) AS centred_avg, sum(amount) AS total
FROM sales GROUP BY month ORDER BY month;

-- Rank within region per month, top 1 per region/month
SELECT * FROM (
  SELECT region, month, rep, amount, rank() OVER (PARTITION BY region, month ORDER BY amount DESC) AS r
  FROM sales
) x WHERE r = 1 ORDER BY region, month, rep;

-- Share of region total
SELECT rep, region, sum(amount) AS total,
       round(100 * sum(amount) / sum(sum(amount)) OVER (PARTITION BY region), 2) AS region_share,
       round(100 * sum(amount) / sum(sum(amount)) OVER (), 2) AS overall_share
FROM sales GROUP BY rep, region ORDER BY region, rep;

-- row_number vs rank vs dense_rank on ties
SELECT rep, amount, row_number() OVER (ORDER BY amount DESC, rep) AS rn, rank() OVER (ORDER BY amount DESC) AS rk, dense_rank() OVER (ORDER BY amount DESC) AS drk
FROM sales WHERE month = '2024-03-01' ORDER BY rn;

-- GROUPS frame and EXCLUDE
SELECT rep, month, amount,
       sum(amount) OVER (ORDER BY month GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) AS two_months,
       count(*) OVER (ORDER BY month GROUPS BETWEEN CURRENT ROW AND CURRENT ROW EXCLUDE CURRENT ROW) AS others_same_month
FROM sales WHERE region <> 'west' ORDER BY month, rep;

-- Aggregates with FILTER as window functions
SELECT rep, month, count(*) FILTER (WHERE amount > 1000) OVER (PARTITION BY rep ORDER BY month) AS big_months_so_far
FROM sales WHERE rep IN ('ann', 'cy') ORDER BY rep, month;

-- Window over a join with an expression in PARTITION BY
SELECT rep, month, amount, max(amount) OVER (PARTITION BY extract(quarter FROM month)) AS quarter_best
FROM sales WHERE rep = 'cy' ORDER BY month;

-- Percentiles as ordered-set aggregates
SELECT region, percentile_disc(0.5) WITHIN GROUP (ORDER BY amount) AS p50_disc,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY amount) AS p90,
       mode() WITHIN GROUP (ORDER BY amount) AS most_common
FROM sales GROUP BY region ORDER BY region;

SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY amount) AS quartiles FROM sales;

-- Errors: window functions in WHERE, nested windows, bad ntile argument
SELECT rep FROM sales WHERE row_number() OVER () = 1;
SELECT sum(row_number() OVER ()) FROM sales;
SELECT ntile(0) OVER (ORDER BY amount) FROM sales;
SELECT nth_value(amount, 0) OVER () FROM sales;

-- Unordered: just the distinct regions
SELECT DISTINCT region FROM sales ORDER BY 1;

-- Gaps and islands: consecutive months at or above 950
SELECT rep, min(month) AS from_month, max(month) AS to_month, count(*) AS months
FROM (
  SELECT rep, month, amount >= 950 AS good,
         row_number() OVER (PARTITION BY rep ORDER BY month) - row_number() OVER (PARTITION BY rep, amount >= 950 ORDER BY month) AS grp
  FROM sales
) s WHERE good GROUP BY rep, grp HAVING count(*) > 1 ORDER BY rep, from_month;

SELECT rep, string_agg(to_char(month, 'Mon'), '>' ORDER BY amount DESC, month) AS best_to_worst FROM sales GROUP BY rep ORDER BY rep;
