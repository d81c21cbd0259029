-- Money and measurement arithmetic: numeric scale rules, rounding half away from zero vs
-- float rounding half to even, division scales, casts between numeric and float, overflow errors.

CREATE TABLE amounts (id int PRIMARY KEY, n numeric, n2 numeric(10,2), f float8, r real, i int, b bigint);

INSERT INTO amounts VALUES
  (1, 2.5, 2.50, 2.5, 2.5, 5, 5000000000),
  (2, -2.5, -2.49, -2.5, -2.5, -7, -1),
  (3, 0.125, 0.13, 0.125, 0.125, 0, 0),
  (4, 1e-10, 12345678.99, 1e-10, 1e-10, 2147483647, 9223372036854775807),
  (5, 100, 0, 1e300, 3.4e38, -2147483648, -9223372036854775808);

-- Rounding: numeric rounds half away from zero, float half to even
SELECT id, round(n) AS rn, round(f) AS rf, round(n, 1) AS rn1, trunc(n, 1) AS tn1, ceil(n) AS cn, floor(n) AS fn FROM amounts WHERE id <= 3 ORDER BY id;
SELECT round(0.5::float8), round(1.5::float8), round(2.5::float8), round(0.5::numeric), round(1.5::numeric), round(2.5::numeric);
SELECT round(1234.5678, -2) AS hundreds, round(-0.5) AS neg_half, trunc(-2.7) AS t, sign(-3.2), abs(-7::smallint);

-- Assignment rounding into numeric(10,2)
INSERT INTO amounts (id, n2) VALUES (6, 1.005), (7, 1.015), (8, -1.005) RETURNING id, n2;
INSERT INTO amounts (id, n2) VALUES (9, 123456789.12);

-- Division result scales
SELECT 1::numeric / 3 AS third, 10::numeric / 4 AS two_half, 2::numeric / 3 * 3 AS back, 1 / 3 AS int_div, 7 / 2 AS seven_half, -7 / 2 AS neg_div, -7 % 3 AS neg_mod;
SELECT 1.0 / 3 AS a, 1.00000 / 3 AS b, 100.0 / 7 AS c, 1 / 3.0 AS d, 22 / 7::numeric(10,4) AS e;
SELECT 12345678901234567890::numeric / 7 AS big_div, 1::numeric / 1000000 AS tiny;
SELECT n2 / 3 AS div3, n2 * 1.1 AS times, n2 + 0.001 AS plus FROM amounts WHERE id IN (1, 2, 3) ORDER BY id;

-- Aggregates and their result types
SELECT sum(i) AS sum_int, sum(b) AS sum_big, avg(i) AS avg_int, sum(n2) AS sum_num, avg(n2) AS avg_num, sum(r) AS sum_real FROM amounts WHERE id <= 5;
SELECT avg(x) FROM (VALUES (1), (2), (2)) v(x);
SELECT stddev(x), variance(x), stddev_pop(x), var_pop(x) FROM (VALUES (1.0), (2.0), (4.0)) v(x);

-- Float display
SELECT 0.1::float8 + 0.2::float8 AS sum, 1e300::float8 * 10 AS big, 1/3::float8 AS third, 100::real / 3 AS real_third, 3.4e38::real AS max_real;
SELECT 'NaN'::float8 AS nan, 'Infinity'::float8 AS inf, '-inf'::float8 AS ninf, 'NaN'::numeric AS nnan, 'NaN'::float8 = 'NaN'::float8 AS nan_eq;
SELECT f, f::numeric AS as_num FROM amounts WHERE id IN (1, 3, 4) ORDER BY id;
SELECT 1e-10::float8, 123456789012345678::float8, 0.000001234::float8, 1.5e15::float8, 1.5e16::float8;

-- Casts
SELECT 3.7::int AS up, 3.5::int AS half, -3.5::int AS neg_half, 2.5::int AS half_even_q, '3.7'::numeric::int AS via_num, 3.7::float8::int AS via_float, 2.5::float8::int AS float_half;
SELECT '  42  '::int AS spaces, '1e3'::numeric AS sci, '1e3'::float8::int AS sci_int, 255::numeric(5,1) AS scaled;
SELECT 12.345::numeric(5,2), 999.995::numeric(5,2);
SELECT '12abc'::int;
SELECT 2147483647 + 1;
SELECT (-2147483648)::int / -1;
SELECT 9223372036854775807::bigint + 1;
SELECT 32767::smallint + 1::smallint;
SELECT 1 / 0;
SELECT 1.0 / 0;
SELECT 1::float8 / 0;
SELECT 5 % 0;
SELECT sqrt(-1);
SELECT ln(0);

-- Math functions
SELECT power(2, 10) AS p, 2 ^ 0.5 AS root2, sqrt(2::numeric) AS sqrt_num, exp(1::numeric) AS e, ln(10) AS ln10, log(1000) AS log10, log(2, 64) AS log2, cbrt(27) AS cbrt;
SELECT mod(17, 5), mod(-17, 5), div(17, 5), div(-17, 5), gcd(12, 18), lcm(4, 6), factorial(10);
SELECT scale(1.2300), min_scale(1.2300), trim_scale(1.2300), 1.2300::text;
SELECT width_bucket(5.35, 0.024, 10.06, 5), width_bucket(-1, 0, 10, 5), width_bucket(11, 0, 10, 5);

-- to_char / to_number
SELECT to_char(1234567.891, '9,999,999.99') AS a, to_char(-42.5, 'S999.9') AS b, to_char(0.5, '0.00') AS c, to_char(1234, '00000') AS d, to_char(12.3, 'FM999.000') AS e, to_char(3, '9th') AS f;
SELECT to_char(1234.5, 'L9G999D99') AS loc, to_char(-5, '999PR') AS pr, to_char(1e6, '9.99EEEE') AS sci;
SELECT to_number('1,234.56', '9G999D99') AS a, to_number('-$45.10', 'S$99.99') AS b, to_number('12,345', '99,999') AS c;

-- Comparisons across types
SELECT 1 = 1.0 AS int_num, 0.1::float4 = 0.1::float8 AS f4f8, 0.1::numeric = 0.1::float8 AS nf, 1.10::numeric = 1.1 AS scale_eq;
SELECT DISTINCT n2 FROM (VALUES (1.10::numeric), (1.1), (1.100)) v(n2);

-- Integer overflow through a column
UPDATE amounts SET i = i + 1 WHERE id = 4;
UPDATE amounts SET b = b * 2 WHERE id = 4;

SELECT id, n, n2, f, r, i, b FROM amounts ORDER BY id;
SELECT greatest(1, 2.5, 3::bigint) AS g, least(1.5::real, 2) AS l, pg_typeof(greatest(1, 2.5));
