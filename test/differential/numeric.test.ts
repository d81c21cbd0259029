import { differentialSuite } from "../support/differential.js";

/**
 * Exact numeric: storage of exact decimals, arithmetic with PostgreSQL's result scales,
 * comparisons and ordering through the pg_numeric collation, the exact aggregates.
 */
differentialSuite(
  "numeric",
  [
    "CREATE TABLE prices (id integer PRIMARY KEY, grp integer, price numeric(10,2), exact numeric, qty integer, big bigint)",
    `INSERT INTO prices VALUES
      (1, 1, 1.5, '0.1', 10, 9007199254740993),
      (2, 1, '2.25', '123456789012345678901234567890.123456789', 20, 9223372036854775807),
      (3, 2, '10', '-2.5', NULL, 9223372036854775807),
      (4, 2, '9.99', '0.00000000000000000001', 3, -7),
      (5, 3, NULL, NULL, NULL, NULL),
      (6, 3, '-0.5', '1e-5', 4, 1)`,
    "CREATE TABLE specials (id integer PRIMARY KEY, v numeric)",
    "INSERT INTO specials VALUES (1, 'NaN'), (2, 'Infinity'), (3, '-Infinity'), (4, '1.5'), (5, '-1e10')",
  ],
  [
    // Exact storage and output.
    "SELECT id, price, exact FROM prices ORDER BY id",
    "INSERT INTO prices (id, exact) VALUES (7, '9007199254740993.000000000000000001') RETURNING exact",
    "SELECT exact FROM prices WHERE id = 7",
    "SELECT '0.1'::numeric + '0.2'::numeric, 0.1 + 0.2",
    "SELECT 1/3::numeric, 10::numeric/4, 2/3::numeric, 1.000/7, 100/3::numeric",
    "SELECT '1.10'::numeric * '2.5'::numeric, '0.001'::numeric * '0.001'::numeric, '7.50'::numeric % 2, -'7'::numeric % 3",
    "SELECT price + 1, price - exact, price * qty, price / qty, qty / price, price % 2, -price FROM prices WHERE id < 5 ORDER BY id",
    "SELECT exact * 2, exact / 3, exact + exact FROM prices WHERE id = 2",
    "SELECT v + 1, v * 0, v / 2, -v FROM specials ORDER BY id",
    "SELECT 'Infinity'::numeric - 'Infinity'::numeric, 'Infinity'::numeric * -2, 1 / 'Infinity'::numeric, 'NaN'::numeric + 1",
    // Division by zero.
    "SELECT '1.5'::numeric / 0",
    "SELECT price / 0 FROM prices WHERE id = 1",
    "SELECT '1'::numeric % '0'::numeric",
    "SELECT 'Infinity'::numeric / 0",
    // Comparisons, with integer literals, parameters, mixed integer and numeric.
    "SELECT id FROM prices WHERE price < 5 ORDER BY id",
    "SELECT id FROM prices WHERE price >= 9.99 ORDER BY id",
    "SELECT id FROM prices WHERE price = 10 ORDER BY id",
    "SELECT id FROM prices WHERE price <> 2.25 ORDER BY id",
    ["SELECT id FROM prices WHERE price > $1 ORDER BY id", ["2"]],
    ["SELECT id FROM prices WHERE price = $1 ORDER BY id", ["2.250"]],
    ["SELECT id FROM prices WHERE exact < $1 ORDER BY id", [0]],
    "SELECT id FROM prices WHERE exact > 1000000 ORDER BY id",
    "SELECT id FROM prices WHERE qty > price ORDER BY id",
    "SELECT id FROM prices WHERE price * 2 > 19 ORDER BY id",
    "SELECT '1.0'::numeric = '1.00'::numeric, '9'::numeric < '10.5'::numeric, '-2'::numeric < '-1.5'::numeric, 2 < '10.5'::numeric",
    "SELECT 'NaN'::numeric = 'NaN'::numeric, 'NaN'::numeric > 'Infinity'::numeric, '-Infinity'::numeric < -1e300",
    // Ordering.
    "SELECT id, price FROM prices ORDER BY price, id",
    "SELECT id, price FROM prices ORDER BY price DESC NULLS LAST, id",
    "SELECT id, exact FROM prices ORDER BY exact NULLS FIRST",
    "SELECT id, v FROM specials ORDER BY v",
    // Aggregates.
    "SELECT sum(price), avg(price), sum(exact), avg(exact), min(price), max(price), min(exact), max(exact) FROM prices",
    "SELECT sum(qty), avg(qty), sum(big), avg(big), count(price) FROM prices",
    "SELECT grp, sum(price), avg(price), avg(qty), max(exact) FROM prices GROUP BY grp ORDER BY grp",
    "SELECT sum(price), avg(qty), sum(big) FROM prices WHERE id > 100",
    "SELECT sum(v), avg(v), min(v), max(v) FROM specials",
    "SELECT sum(v), avg(v) FROM specials WHERE id IN (2, 4, 5)",
    "SELECT avg(x) FROM (VALUES (1), (2)) AS t (x)",
    "SELECT count(DISTINCT x), count(x) FROM (VALUES ('1.0'::numeric), ('1.00'::numeric), ('2'::numeric)) AS t (x)",
    "SELECT sum(DISTINCT x), avg(DISTINCT x) FROM (VALUES (1), (1), (2), (4)) AS t (x)",
    "SELECT id, sum(price) OVER (ORDER BY id), avg(qty) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM prices ORDER BY id",
    "SELECT avg(x), sum(x) FROM (VALUES (1::int8), (2::int8), (4::int8)) AS t (x)",
    // Rounding.
    "SELECT round(2.5), round(-2.5), round(0.5), round(-0.5), round(1.45, 1), round(-1.45, 1), round(1234.5678, -2), round(-1250, -2)",
    "SELECT trunc(2.99), trunc(-2.99), trunc(1234.5678, 2), trunc(1234.5678, -2), trunc(-0.5)",
    "SELECT ceil(1.01), ceil(-1.5), ceil(-0.5), ceiling(2.0), floor(1.99), floor(-1.5), floor(-0.5)",
    "SELECT round(price, 1), trunc(price, 1), ceil(price), floor(price), abs(price), sign(price) FROM prices ORDER BY id",
    "SELECT round(v), ceil(v), abs(v), sign(v) FROM specials ORDER BY id",
    // Unique index: 1.0 and 1.00 are the same number.
    "CREATE TABLE uniq (v numeric UNIQUE)",
    "INSERT INTO uniq VALUES ('1.0')",
    "INSERT INTO uniq VALUES ('1.00')",
    "INSERT INTO uniq VALUES ('1.01')",
    "SELECT v FROM uniq ORDER BY v",
    // Assignment to numeric(p,s).
    "INSERT INTO prices (id, price) VALUES (8, '12345678.995')",
    "INSERT INTO prices (id, price) VALUES (9, '99999999.994') RETURNING price",
  ],
);
