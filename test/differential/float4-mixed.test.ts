import { differentialSuite } from "../support/differential.js";

differentialSuite(
  "real mixed with other numbers",
  [
    "CREATE TABLE m (r real, i int, n numeric, d double precision)",
    "INSERT INTO m VALUES (0.1, 3, 2.5, 0.2)",
  ],
  [
    "SELECT pg_typeof(1.5::float4 * 2), pg_typeof(1.5::float4 + 1::int8), pg_typeof(1::int2 * 1.5::float4)",
    "SELECT pg_typeof(2::float4 / 3), pg_typeof(1.5::float4 * 2.5), pg_typeof(1.5::float4 * 1.5::float4)",
    "SELECT 1.5::float4 * 2, 0.1::float4 + 1, 1::int2 * 1.5::float4, 0.1::float4 = 0.1::float8",
    "SELECT 0.1::float4::float8, (0.1::float4 * 3)::float8, 1.1::float4",
    "SELECT r * i, r + n, r - d, r * r, pg_typeof(r * r), r::float8, r > 0.1 FROM m",
    "SELECT sum(r), avg(r), pg_typeof(sum(r)), pg_typeof(avg(r)) FROM m",
  ],
);
