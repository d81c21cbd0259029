-- Sales reporting for a retail chain: a fact table of sales by store, product line and day,
-- and the month-over-month, running-total, top-N and comparison queries of a BI dashboard.

CREATE TABLE stores (
  id integer PRIMARY KEY,
  code text NOT NULL UNIQUE,
  region text NOT NULL,
  opened_on date NOT NULL
);

CREATE TABLE sales (
  id bigserial PRIMARY KEY,
  store_id integer NOT NULL REFERENCES stores (id),
  product_line text NOT NULL,
  sold_on date NOT NULL,
  units integer NOT NULL,
  revenue numeric(12,2) NOT NULL
);

CREATE INDEX sales_sold_on_idx ON sales (sold_on);

INSERT INTO stores (id, code, region, opened_on) VALUES
  (1, 'nyc-01', 'east', '2019-05-01'),
  (2, 'bos-01', 'east', '2021-03-15'),
  (3, 'sfo-01', 'west', '2018-11-20'),
  (4, 'sea-01', 'west', '2023-09-01');

INSERT INTO sales (store_id, product_line, sold_on, units, revenue) VALUES
  (1, 'apparel', '2024-01-03', 40, 1600.00), (1, 'footwear', '2024-01-03', 12, 1080.00),
  (2, 'apparel', '2024-01-04', 25, 1000.00), (3, 'apparel', '2024-01-05', 30, 1290.00),
  (3, 'footwear', '2024-01-05', 20, 1900.00), (4, 'accessories', '2024-01-06', 50, 750.00),
  (1, 'apparel', '2024-02-02', 35, 1400.00), (1, 'accessories', '2024-02-02', 20, 300.00),
  (2, 'footwear', '2024-02-09', 15, 1425.00), (3, 'apparel', '2024-02-10', 45, 1935.00),
  (4, 'apparel', '2024-02-11', 10, 450.00), (4, 'footwear', '2024-02-11', 8, 720.00),
  (1, 'apparel', '2024-03-01', 50, 2000.00), (2, 'apparel', '2024-03-02', 30, 1200.00),
  (2, 'accessories', '2024-03-02', 40, 600.00), (3, 'footwear', '2024-03-08', 25, 2375.00),
  (4, 'accessories', '2024-03-09', 60, 900.00), (4, 'apparel', '2024-03-09', 20, 900.00);

-- Monthly totals
SELECT date_trunc('month', sold_on)::date AS month, sum(units) AS units, sum(revenue) AS revenue
FROM sales GROUP BY 1 ORDER BY 1;

-- Month over month growth
WITH monthly AS (
  SELECT date_trunc('month', sold_on)::date AS month, sum(revenue) AS revenue
  FROM sales GROUP BY 1
)
SELECT month, revenue,
       lag(revenue) OVER (ORDER BY month) AS previous,
       revenue - lag(revenue) OVER (ORDER BY month) AS change,
       round(100.0 * (revenue - lag(revenue) OVER (ORDER BY month)) / lag(revenue) OVER (ORDER BY month), 1) AS pct_change
FROM monthly
ORDER BY month;

-- Running total of revenue by store
SELECT s.code, x.month, x.revenue,
       sum(x.revenue) OVER (PARTITION BY x.store_id ORDER BY x.month) AS running_total
FROM (
  SELECT store_id, to_char(sold_on, 'YYYY-MM') AS month, sum(revenue) AS revenue
  FROM sales GROUP BY store_id, to_char(sold_on, 'YYYY-MM')
) x JOIN stores s ON s.id = x.store_id
ORDER BY s.code, x.month;

-- Share of revenue by region and product line
SELECT st.region, sa.product_line, sum(sa.revenue) AS revenue,
       round(100 * sum(sa.revenue) / sum(sum(sa.revenue)) OVER (PARTITION BY st.region), 1) AS pct_of_region
FROM sales sa JOIN stores st ON st.id = sa.store_id
GROUP BY st.region, sa.product_line
ORDER BY st.region, revenue DESC;

-- Top two product lines per store
SELECT code, product_line, revenue FROM (
  SELECT st.code, sa.product_line, sum(sa.revenue) AS revenue,
         row_number() OVER (PARTITION BY st.code ORDER BY sum(sa.revenue) DESC, sa.product_line) AS rn
  FROM sales sa JOIN stores st ON st.id = sa.store_id
  GROUP BY st.code, sa.product_line
) ranked
WHERE rn <= 2
ORDER BY code, rn;

-- Store ranking
SELECT st.code, sum(sa.revenue) AS revenue,
       rank() OVER (ORDER BY sum(sa.revenue) DESC) AS position,
       ntile(2) OVER (ORDER BY sum(sa.revenue) DESC) AS half
FROM sales sa JOIN stores st ON st.id = sa.store_id
GROUP BY st.code
ORDER BY position;

-- Average revenue per unit by product line
SELECT product_line, round(sum(revenue) / sum(units), 2) AS avg_price, sum(units) AS units
FROM sales GROUP BY product_line ORDER BY product_line;

-- Region totals with a grand total row appended
SELECT region, revenue FROM (
  SELECT st.region, sum(sa.revenue) AS revenue, 0 AS sort_key
  FROM sales sa JOIN stores st ON st.id = sa.store_id GROUP BY st.region
  UNION ALL
  SELECT 'total', sum(revenue), 1 FROM sales
) t
ORDER BY sort_key, region;

-- Stores that sold footwear in both January and March
SELECT store_id FROM sales WHERE product_line = 'footwear' AND sold_on < '2024-02-01'
INTERSECT
SELECT store_id FROM sales WHERE product_line = 'footwear' AND sold_on >= '2024-03-01' AND sold_on < '2024-04-01'
ORDER BY store_id;

-- Stores with sales in January but none in March for apparel
SELECT store_id FROM sales WHERE product_line = 'apparel' AND extract(month FROM sold_on) = 1
EXCEPT
SELECT store_id FROM sales WHERE product_line = 'apparel' AND extract(month FROM sold_on) = 3
ORDER BY 1;

-- Every store and product line that sold anything, deduplicated
SELECT DISTINCT product_line FROM sales ORDER BY product_line;
SELECT product_line FROM sales WHERE store_id = 1 UNION SELECT product_line FROM sales WHERE store_id = 4 ORDER BY 1;

-- Best day per store
SELECT DISTINCT ON (store_id) store_id, sold_on, sum(revenue) AS revenue
FROM sales GROUP BY store_id, sold_on
ORDER BY store_id, sum(revenue) DESC, sold_on;

-- Pivot: revenue per month as columns
SELECT st.code,
       sum(CASE WHEN extract(month FROM sa.sold_on) = 1 THEN sa.revenue ELSE 0 END) AS jan,
       sum(CASE WHEN extract(month FROM sa.sold_on) = 2 THEN sa.revenue ELSE 0 END) AS feb,
       sum(CASE WHEN extract(month FROM sa.sold_on) = 3 THEN sa.revenue ELSE 0 END) AS mar,
       sum(sa.revenue) AS total
FROM sales sa JOIN stores st ON st.id = sa.store_id
GROUP BY st.code
ORDER BY total DESC;

-- Stores above the average store revenue
WITH per_store AS (
  SELECT store_id, sum(revenue) AS revenue FROM sales GROUP BY store_id
)
SELECT st.code, ps.revenue
FROM per_store ps JOIN stores st ON st.id = ps.store_id
WHERE ps.revenue > (SELECT avg(revenue) FROM per_store)
ORDER BY ps.revenue DESC;

-- Store age in months at the end of the quarter
SELECT code, opened_on,
       (extract(year FROM age(DATE '2024-03-31', opened_on)) * 12 + extract(month FROM age(DATE '2024-03-31', opened_on)))::int AS months_open
FROM stores ORDER BY opened_on;

-- Revenue per week number
SELECT extract(week FROM sold_on) AS week, sum(revenue) FROM sales
WHERE sold_on < '2024-02-01' GROUP BY 1 ORDER BY 1;

-- Days between consecutive sales at each store
SELECT store_id, sold_on, sold_on - lag(sold_on) OVER (PARTITION BY store_id ORDER BY sold_on, id) AS gap_days
FROM sales WHERE store_id = 4 ORDER BY sold_on, id;

-- Running count of distinct active days
SELECT sold_on, count(*) AS lines,
       sum(count(*)) OVER (ORDER BY sold_on) AS cumulative_lines
FROM sales WHERE sold_on < '2024-01-07' GROUP BY sold_on ORDER BY sold_on;

-- Lead and first value within each month
SELECT sold_on, revenue,
       first_value(revenue) OVER (PARTITION BY date_trunc('month', sold_on) ORDER BY sold_on, id) AS first_of_month,
       lead(revenue, 2) OVER (ORDER BY sold_on, id) AS two_ahead
FROM sales WHERE store_id = 1 ORDER BY sold_on, id;

-- Materialised summary for the dashboard
CREATE TABLE monthly_summary AS
SELECT date_trunc('month', sold_on)::date AS month, product_line, sum(units) AS units, sum(revenue) AS revenue
FROM sales GROUP BY 1, 2;

SELECT * FROM monthly_summary ORDER BY month, product_line;

-- Report formatting
SELECT to_char(month, 'Mon YYYY') AS label, to_char(sum(revenue), 'FM$999,999.00') AS revenue
FROM monthly_summary GROUP BY month ORDER BY month;

-- Quarter-to-date and empty-period handling
SELECT coalesce(sum(revenue), 0) AS april_revenue, count(*) AS april_lines FROM sales WHERE sold_on >= '2024-04-01';
SELECT max(revenue) IS NULL AS no_data FROM sales WHERE store_id = 99;

-- Division by zero guard in a ratio
SELECT st.code, round(sum(sa.revenue) / NULLIF(sum(CASE WHEN sa.product_line = 'accessories' THEN sa.units END), 0), 2) AS rev_per_accessory_unit
FROM stores st LEFT JOIN sales sa ON sa.store_id = st.id
GROUP BY st.code ORDER BY st.code;

SELECT sum(revenue) / (SELECT count(*) FROM sales WHERE sold_on >= '2024-04-01') AS per_april_line FROM sales;
