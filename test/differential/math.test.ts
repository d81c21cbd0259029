import { differentialSuite } from "../support/differential.js";

/**
 * The math function library on integers, double precision and numeric: values, result types
 * (overloads as PostgreSQL resolves them) and errors; integer overflow.
 */
differentialSuite(
  "math",
  [
    "CREATE TABLE nums (id integer PRIMARY KEY, i integer, s smallint, b bigint, f double precision, n numeric)",
    `INSERT INTO nums VALUES
      (1, 7, 3, 9007199254740993, 0.5, 2),
      (2, -7, -3, -1, 2.25, '0.25'),
      (3, 0, 0, 0, -1, '1e-10'),
      (4, 2147483647, 32767, 9223372036854775807, 1e300, '12345.6789')`,
  ],
  [
    // Integer arithmetic and its errors.
    "SELECT 2 + 3, 2 - 3, 2 * 3, 7 / 2, -7 / 2, 7 % 3, -7 % 3, 7::int2 * 3::int2, 100000 * 100000::int8",
    "SELECT i + s, i * 2::int8, b - i, s / 2, i % s, s * s FROM nums WHERE id < 3 ORDER BY id",
    "SELECT 2147483647 + 1",
    "SELECT i * 2 FROM nums WHERE id = 4",
    "SELECT 32767::int2 + 1::int2",
    "SELECT s + s FROM nums WHERE id = 4",
    "SELECT 9223372036854775807 + 1",
    "SELECT b * 2 FROM nums WHERE id = 4",
    "SELECT -(-2147483647), -(b) FROM nums WHERE id = 4",
    "SELECT 7 / 0",
    "SELECT i / 0 FROM nums WHERE id = 1",
    "SELECT 5 % 0",
    "SELECT 7.5 / 0",
    "SELECT 1::float8 / 0",
    // abs, sign, rounding on every type.
    "SELECT abs(-5), abs(-5::int2), abs(-5::int8), abs(-5.5), abs(-5.5::float8), abs(-1.5::real), @ -3, @ -3.5",
    "SELECT abs(s) FROM nums WHERE id = 2",
    "SELECT sign(-3), sign(0), sign(2.5), sign(-2.5::float8), sign(n) FROM nums ORDER BY id",
    "SELECT round(2.5::float8), round(3.5::float8), round(-2.5::float8), round(0.5::float8), round(f) FROM nums ORDER BY id",
    "SELECT trunc(-2.7::float8), ceil(-0.5::float8), floor(-0.5::float8), ceil(2.1::float8), floor(2.9::float8)",
    "SELECT round(n, 2), trunc(n, -1), round(n), round(i), trunc(i) FROM nums ORDER BY id",
    // Roots, exponentials, logarithms.
    "SELECT sqrt(2), sqrt(2::numeric), sqrt(16), sqrt(n), cbrt(27), cbrt(-8), |/ 25, ||/ 27 FROM nums WHERE id = 1",
    "SELECT sqrt(n) FROM nums ORDER BY id",
    "SELECT exp(1), exp(1.0), exp(n), ln(10), ln(10.0), ln(n), log(100), log(100.0), log10(1000), log(2, 1024), log(n) FROM nums WHERE id = 1",
    "SELECT exp(n), ln(n), log(n), log(10, n) FROM nums ORDER BY id",
    "SELECT sqrt(-1)",
    "SELECT sqrt(-1::numeric)",
    "SELECT ln(0)",
    "SELECT ln(0::numeric)",
    "SELECT ln(-1)",
    "SELECT log(-1)",
    "SELECT log(-1::numeric)",
    "SELECT log(1, 10)",
    "SELECT log(0, 10)",
    "SELECT exp(1000)",
    "SELECT exp(-1000)",
    "SELECT exp(10000::numeric)",
    // Powers.
    "SELECT power(2, 10), power(2.0, 10), power(2, 0.5), power(2.0, 0.5), pow(10, -2), 2 ^ 10, 2.0 ^ 10, 2 ^ 0.5, (-2) ^ 3, 1.5 ^ -2",
    "SELECT power(n, 2), power(2, n), n ^ 0.5 FROM nums WHERE id < 3 ORDER BY id",
    "SELECT 0 ^ 0, 0.0 ^ 0, 'NaN'::numeric ^ 0, 1 ^ 'NaN'::float8",
    "SELECT 0 ^ -1",
    "SELECT 0.0 ^ -1",
    "SELECT (-8) ^ 0.5",
    "SELECT (-8.0) ^ 0.5",
    "SELECT 10 ^ 400",
    // Integer-valued functions.
    "SELECT mod(7, 3), mod(-7, 3), mod(7::int2, 3::int2), mod(7::int8, -3::int8), mod(7.5, 2), mod(-7.5, 2.25)",
    "SELECT div(7, 2), div(-7, 2), div(7.5, 2.5), div(-7.5, 2)",
    "SELECT mod(7, 0)",
    "SELECT div(1, 0)",
    "SELECT gcd(12, 18), gcd(-12, 18), gcd(0, 0), gcd(12::int8, 18::int8), gcd(1.5, 0.25), lcm(4, 6), lcm(-4, 6), lcm(0, 6), lcm(1.5, 0.25)",
    "SELECT gcd(-2147483647 - 1, 0)",
    "SELECT lcm(2147483647, 2)",
    "SELECT factorial(0), factorial(1), factorial(5), factorial(25)",
    "SELECT factorial(-1)",
    "SELECT width_bucket(5, 0, 10, 4), width_bucket(5.5, 0, 10, 4), width_bucket(-1, 0, 10, 4), width_bucket(10, 0, 10, 4), width_bucket(0.5::float8, 1, 0, 4)",
    "SELECT width_bucket(5, 0, 10, 0)",
    "SELECT width_bucket(5, 3, 3, 2)",
    "SELECT scale(n), min_scale(n), trim_scale(n) FROM nums ORDER BY id",
    "SELECT scale('1.500'::numeric), min_scale('1.500'::numeric), trim_scale('1.500'::numeric), scale('NaN'::numeric)",
    // Trigonometry: float8 results as PostgreSQL prints them.
    "SELECT pi(), degrees(1), radians(180), degrees(pi())",
    "SELECT sin(1), cos(1), tan(1), cot(1), asin(0.5), acos(0.5), atan(1), atan2(1, 2), atan2(-1, -1)",
    "SELECT sin(f), cos(f), tan(f), atan(f), atan2(f, 2) FROM nums ORDER BY id",
    "SELECT sind(30), cosd(60), tand(45), cotd(45), sind(-90), cosd(180), tand(135), asind(0.5), acosd(0.5), atand(1), atan2d(1, -1)",
    "SELECT sinh(1), cosh(1), tanh(1), asinh(1), acosh(2), atanh(0.5)",
    "SELECT asin(2)",
    "SELECT acos(-1.5)",
    "SELECT sin('Infinity'::float8)",
    "SELECT sind('-Infinity'::float8)",
    "SELECT sin('NaN'::float8), sqrt('NaN'::float8), atan2('NaN'::float8, 1)",
    // random() and setseed().
    "SELECT setseed(0.5)",
    "SELECT random(), random()",
    "SELECT setseed(-0.25)",
    "SELECT random()",
    "SELECT setseed(1.5)",
    "SELECT random() >= 0 AND random() < 1",
    // Conversions called as functions.
    "SELECT int4(2.5), int4(3.5), int4(-2.5), int8(1e18), int2(32767.4), float8(1.5), float4(2.25), numeric(1.5::float8), numeric(7)",
    "SELECT int2(32767.5)",
    "SELECT int4('NaN'::numeric)",
  ],
);

differentialSuite(
  "float8 arithmetic with PostgreSQL's overflow, NaN and division by zero",
  [],
  [
    "select 'Infinity'::float8 - 'Infinity'::float8, 'NaN'::float8 + 1, -('NaN'::float8), -(0::float8), 1.5::float8 * 2, 7::float8 / 2",
    "select 1e308::float8 * 10",
    "select 1e-308::float8 * 1e-308::float8",
    "select 1::float8 / 0",
    "select 'NaN'::float8 / 0",
    "select 0.1::float8 + 0.2::float8, 3::float4 * 1.5::float4, sum(x::float8) from (values (0.1), (0.2), (0.3)) v(x)",
    "select 'Infinity'::float8 + 1, 'Infinity'::float8 / 0.5",
  ],
);

differentialSuite(
  "integer bitwise operators",
  [],
  [
    "select 12 & 10, 12 | 10, 12 # 10, 1 << 4, 256 >> 2, ~5, 6::int8 & 3, 5::int2 | 2::int2",
    "select x & 4 from (values (5), (6), (7)) v(x) order by 1",
    "select 'a' & 1",
  ],
);
