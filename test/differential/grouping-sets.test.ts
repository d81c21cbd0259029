import { differentialSuite } from "../support/differential.js";

/**
 * GROUP BY GROUPING SETS, ROLLUP, CUBE and GROUPING() (grouping-sets.ts) against PostgreSQL.
 * Every ORDER BY is total, since rows that tie come out in an order of PostgreSQL's plan.
 */
differentialSuite(
  "grouping sets match PostgreSQL",
  [
    `CREATE TABLE sales (id integer PRIMARY KEY, region text, product text, channel text, qty integer,
      amount numeric(10,2), sold_on date, price float8)`,
    `INSERT INTO sales VALUES
      (1, 'east', 'apple', 'web', 3, 10.50, '2024-01-05', 1.5), (2, 'east', 'pear', 'store', 1, 4.25, '2024-01-20', 2.25),
      (3, 'west', 'apple', 'store', 5, 20.00, '2024-02-11', 1.5), (4, 'west', 'plum', 'web', 2, 7.10, '2024-02-28', 3.5),
      (5, 'north', 'apple', 'web', 7, 30.00, '2024-03-03', 1.25), (6, NULL, 'pear', 'web', 1, 3.00, '2024-03-15', NULL),
      (7, 'east', 'apple', 'web', 2, 8.00, '2024-03-30', 1.75), (8, 'west', NULL, 'store', 4, 12.00, NULL, 2.0)`,
  ],
  [
    // ROLLUP, CUBE, GROUPING SETS and their combinations
    "SELECT region, product, sum(qty), count(*) FROM sales GROUP BY ROLLUP (region, product) ORDER BY grouping(region, product), 1, 2",
    "SELECT region, product, sum(amount) AS total FROM sales GROUP BY CUBE (region, product) ORDER BY grouping(region, product), region NULLS FIRST, product NULLS FIRST",
    "SELECT region, channel, count(*) FROM sales GROUP BY GROUPING SETS ((region), (channel), ()) ORDER BY grouping(region, channel), 1, 2",
    "SELECT region, product, channel, count(*) FROM sales GROUP BY region, ROLLUP (product, channel) ORDER BY grouping(product, channel), 1, 2, 3",
    "SELECT region, product, channel, count(*) FROM sales GROUP BY ROLLUP (region, (product, channel)) ORDER BY grouping(region, product, channel), 1, 2, 3",
    "SELECT region, sum(qty) FROM sales GROUP BY ROLLUP (region), CUBE (channel) ORDER BY grouping(region, channel), 1, 2",
    "SELECT region, channel, product, count(*) FROM sales GROUP BY GROUPING SETS (ROLLUP (region, channel), CUBE (product)) ORDER BY grouping(region, channel, product), 1, 2, 3, 4",
    "SELECT count(*) FROM sales GROUP BY GROUPING SETS ((), ())",
    "SELECT region, count(*) FROM sales GROUP BY GROUPING SETS ((region), (region)) ORDER BY 1, 2",
    "SELECT region, count(*) FROM sales GROUP BY DISTINCT GROUPING SETS ((region), (region)) ORDER BY 1, 2",
    "SELECT region, product, count(*) FROM sales GROUP BY DISTINCT ROLLUP (region, product), ROLLUP (region) ORDER BY grouping(region, product), 1, 2",
    "SELECT count(*), sum(qty) FROM sales GROUP BY ()",
    "SELECT count(*), sum(qty) FROM sales WHERE false GROUP BY ()",
    "SELECT region, count(*) FROM sales WHERE false GROUP BY ROLLUP (region)",
    "SELECT 1 AS one FROM sales GROUP BY ROLLUP (region) ORDER BY 1",
    // GROUPING()
    "SELECT region, product, grouping(region), grouping(product), grouping(region, product) AS g, sum(qty) FROM sales GROUP BY CUBE (region, product) ORDER BY g, 1, 2",
    "SELECT CASE WHEN grouping(region) = 1 THEN 'ALL' ELSE coalesce(region, '(none)') END AS r, sum(qty) FROM sales GROUP BY ROLLUP (region) ORDER BY 1",
    "SELECT region, grouping(region) FROM sales GROUP BY region ORDER BY 1",
    "SELECT region, grouping(region, channel) FROM sales GROUP BY ROLLUP (region, channel) ORDER BY 2, 1",
    "SELECT grouping(product) FROM sales GROUP BY region",
    "SELECT grouping(region) FROM sales",
    "SELECT grouping(qty) FROM sales GROUP BY ROLLUP (region)",
    // GROUP BY items by position and by output name; expressions; qualified columns
    "SELECT region, count(*) FROM sales GROUP BY ROLLUP (1) ORDER BY grouping(region), 1",
    "SELECT region AS r, count(*) FROM sales GROUP BY ROLLUP (r) ORDER BY grouping(region), 1",
    "SELECT region, count(*) FROM sales GROUP BY ROLLUP (3) ORDER BY 1",
    "SELECT date_trunc('month', sold_on)::date AS m, region, count(*) FROM sales GROUP BY date_trunc('month', sold_on), ROLLUP (region) ORDER BY grouping(region), 1, 2",
    "SELECT extract(month FROM sold_on) AS m, sum(amount) FROM sales GROUP BY ROLLUP (extract(month FROM sold_on)) ORDER BY grouping(extract(month FROM sold_on)), 1",
    "SELECT s.region, sum(s.qty) FROM sales s GROUP BY ROLLUP (region) ORDER BY grouping(s.region), 1",
    "SELECT region, product FROM sales GROUP BY CUBE (region, product) ORDER BY grouping(region, product), 1, 2",
    // HAVING, ORDER BY, LIMIT, DISTINCT on the union
    "SELECT region, sum(qty) FROM sales GROUP BY ROLLUP (region) HAVING sum(qty) > 5 ORDER BY 1",
    "SELECT region, sum(qty) FROM sales GROUP BY ROLLUP (region) HAVING grouping(region) = 0 ORDER BY 1",
    "SELECT region, channel, count(*) FROM sales GROUP BY ROLLUP (region, channel) HAVING count(*) > 1 ORDER BY grouping(region, channel), 1, 2",
    "SELECT region, sum(qty) FROM sales GROUP BY ROLLUP (region) ORDER BY sum(qty) DESC, region LIMIT 3",
    "SELECT region, sum(qty) FROM sales GROUP BY ROLLUP (region) ORDER BY sum(qty) OFFSET 1 LIMIT 2",
    "SELECT DISTINCT region FROM sales GROUP BY ROLLUP (region, product) ORDER BY 1",
    // aggregates with DISTINCT, FILTER and ORDER BY in each set
    "SELECT region, count(DISTINCT product), sum(qty) FILTER (WHERE channel = 'web'), string_agg(product, ',' ORDER BY product), array_agg(id ORDER BY id DESC) FROM sales GROUP BY ROLLUP (region) ORDER BY grouping(region), 1",
    "SELECT region, avg(amount), min(sold_on), max(price) FROM sales GROUP BY ROLLUP (region) ORDER BY grouping(region), 1",
    // window functions over the grouped rows
    "SELECT region, sum(qty), sum(sum(qty)) OVER () AS total, rank() OVER (ORDER BY sum(qty) DESC, region) FROM sales GROUP BY ROLLUP (region) ORDER BY grouping(region), 1",
    "SELECT region, product, sum(qty), row_number() OVER (PARTITION BY grouping(region, product) ORDER BY sum(qty) DESC, region, product) AS rn FROM sales GROUP BY CUBE (region, product) ORDER BY grouping(region, product), rn",
    "SELECT region, sum(qty), round(100.0 * sum(qty) / sum(sum(qty)) OVER w, 2) AS pct FROM sales GROUP BY GROUPING SETS ((region), ()) WINDOW w AS (PARTITION BY grouping(region)) ORDER BY grouping(region), 1",
    "SELECT region, sum(qty) FROM sales GROUP BY ROLLUP (region) HAVING row_number() OVER () > 1",
    // in subqueries and CTEs, with subqueries and parameters in the select list
    "SELECT * FROM (SELECT region, sum(qty) AS q FROM sales GROUP BY ROLLUP (region)) x WHERE q > 3 ORDER BY 2",
    "WITH t AS (SELECT region, product, qty FROM sales) SELECT region, product, sum(qty) FROM t GROUP BY GROUPING SETS (region, product) ORDER BY sum(qty), 1, 2",
    "SELECT region, (SELECT count(*) FROM sales s2) AS n, sum(qty) FROM sales GROUP BY ROLLUP (region) ORDER BY grouping(region), 1",
    [
      "SELECT region, $1::int AS p, count(*) FROM sales GROUP BY ROLLUP (region) ORDER BY grouping(region), 1",
      [7],
    ],
    // errors
    "SELECT region, product, count(*) FROM sales GROUP BY ROLLUP (region) ORDER BY 1",
    "SELECT id, region, count(*) FROM sales GROUP BY id, ROLLUP (product) ORDER BY 1, 3",
    "SELECT region, sum(qty) FROM sales GROUP BY ROLLUP (region) FOR UPDATE",
  ],
);
