-- Scientific/financial calculation service: exact numeric arithmetic, rounding rules,
-- special values (NaN, Infinity), float output and integer overflow handling.

CREATE TABLE measurements (
  id integer PRIMARY KEY,
  label text NOT NULL,
  exact numeric,
  approx double precision,
  small smallint,
  price numeric(7,3)
);

INSERT INTO measurements VALUES
  (1, 'half-up', 2.5, 2.5, 1, 1.2345),
  (2, 'half-down', -2.5, -2.5, -1, 0.0005),
  (3, 'nan', 'NaN', 'NaN', 0, NULL),
  (4, 'inf', 'Infinity', 'Infinity', 32767, 9999.9994),
  (5, 'neg-inf', '-Infinity', '-Infinity', -32768, -9999.999),
  (6, 'tiny', 0.000000000000000000001, 1e-300, 7, 0.001);

-- Rounding: numeric rounds half away from zero, float rounds half to even
SELECT label, exact, round(exact) AS r_numeric, approx, round(approx) AS r_float FROM measurements WHERE id <= 2 ORDER BY id;
SELECT round(0.5), round(1.5), round(2.5), round(0.5::float8), round(1.5::float8), round(2.5::float8);
SELECT round(1234.5678, 2), round(1234.5678, -2), round(-0.5), trunc(1234.5678, 1), trunc(-1.99), ceil(-1.5), floor(-1.5);
SELECT 2.5::int AS numeric_to_int, (-2.5)::int AS negative, 2.5::float8::int AS float_to_int, 3.5::float8::int AS float_even;

-- Typmod coercion on insert rounds to the declared scale
SELECT id, price FROM measurements ORDER BY id;
SELECT 1.0005::numeric(5,3), 123.45::numeric(4,1), 0.5::numeric(1,0);

-- NaN and infinity semantics
SELECT label FROM measurements ORDER BY exact, id;
SELECT label FROM measurements ORDER BY approx DESC, id;
SELECT 'NaN'::numeric = 'NaN'::numeric AS nan_eq, 'NaN'::float8 > 'Infinity'::float8 AS nan_gt_inf, 'NaN'::numeric + 1 AS nan_plus;
SELECT 'Infinity'::numeric + 1 AS inf_plus, 'Infinity'::float8 - 'Infinity'::float8 AS inf_minus_inf, -('Infinity'::numeric) AS neg;
SELECT max(exact), min(exact), count(*) FROM measurements WHERE exact <> 'NaN';

-- Very large and very small exact values
SELECT 2::numeric ^ 100 AS two_pow_100, power(10::numeric, 30) + 1 AS ten30_plus_1;
SELECT factorial(25) AS f25, 99999999999999999999999999.99 * 1000 AS big_product;
SELECT 1::numeric / 3 AS third, 1::numeric / 7 * 7 AS sevenths, 10::numeric / 3.0 AS scaled;
SELECT exact * 1e21 AS scaled_up, scale(exact) AS scale FROM measurements WHERE id = 6;
SELECT scale(1.500), scale(0.0), min_scale(1.500), trim_scale(1.500), trim_scale(100.000);
SELECT 0.1 + 0.2 = 0.3 AS exact_sum, 0.1::float8 + 0.2::float8 = 0.3::float8 AS float_sum, 0.1::float8 + 0.2::float8 AS float_value;

-- Integer arithmetic
SELECT 7 / 2 AS int_div, -7 / 2 AS neg_div, 7 % 3 AS modulo, -7 % 3 AS neg_mod, mod(-7, 3), div(7.5, 2), 7 / 2.0 AS mixed;
SELECT abs(-32768::int), 2 ^ 10 AS float_power, pg_typeof(2 ^ 10), sqrt(2::numeric), cbrt(27::float8), exp(1::numeric), ln(10);
SELECT gcd(48, 180), lcm(4, 6), width_bucket(42, 0, 100, 5), sign(-3.2), 17 & 5 AS bit_and, 17 | 5 AS bit_or, 1 << 10 AS shifted;

-- Overflow errors
SELECT 2147483647 + 1;
SELECT 2147483647::bigint + 1 AS promoted;
SELECT 9223372036854775807 + 1;
SELECT (-2147483648)::int * -1;
SELECT 32767::smallint + 1::smallint;
UPDATE measurements SET small = small + 1 WHERE id = 4;
SELECT 40000::smallint;
SELECT 12345.678::numeric(7,3);
INSERT INTO measurements (id, label, price) VALUES (7, 'too big', 10000);
SELECT 1e308::float8 * 10;
SELECT '1e400'::float8;
SELECT 1 / 0;
SELECT 1.0 / 0;
SELECT 1::float8 / 0;
SELECT 5 % 0;
SELECT sqrt(-1);
SELECT ln(0);

-- Float output precision
SELECT 1.0::float8 / 3 AS third, 100000000000000000000::float8 AS big, 0.000001::float8 AS small, 1.5e-7::float4 AS real_small,
       3.14159265358979::real AS real_pi;
SET extra_float_digits = 0;
SELECT 1.0::float8 / 3 AS third, 0.1::float8 + 0.2::float8 AS sum, 3.14159265358979::real AS real_pi;
SET extra_float_digits = 3;
SELECT 0.1::float8 AS tenth, 1.0::float8 / 3 AS third;
RESET extra_float_digits;

-- Aggregates keep exactness
SELECT sum(x), avg(x), sum(x::float8) FROM (VALUES (0.1), (0.2), (0.3)) AS v(x);
SELECT sum(v) AS bigint_sum, pg_typeof(sum(v)) FROM (VALUES (2147483647), (2147483647)) AS t(v);
SELECT avg(v) AS int_avg, pg_typeof(avg(v)) FROM (VALUES (1), (2)) AS t(v);

-- Formatting numbers
SELECT to_char(1234567.891, '9,999,999.99') AS grouped, to_char(-0.5, '90.0') AS leading_zero, to_char(42, '000000') AS zero_pad,
       to_char(0.1234, '9.99EEEE') AS sci, to_char(1234.5, 'FM9999.000') AS fm;
SELECT 1e3::numeric AS e_notation, '  12.50  '::numeric AS padded_input, '-0'::numeric AS neg_zero, '.5'::numeric AS leading_dot;
