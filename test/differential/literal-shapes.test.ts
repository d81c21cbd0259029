import { differentialSuite } from "../support/differential.js";

/**
 * Simple queries that differ only in integer literals share one translation, with the literals as
 * parameters, once two of them (with all literals different) translated the same. Each shape
 * here runs three times with new values: the first and second are translated, the third uses the
 * shared translation. Shapes whose translation depends on a value (positions, type modifiers,
 * scales) must still answer for their own values.
 */
const shapes: ((n: number, m: number) => string)[] = [
  (n) => `SELECT name FROM kv WHERE id = ${n}`,
  (n, m) => `SELECT id, name FROM kv WHERE id BETWEEN ${n} AND ${m} ORDER BY id`,
  (n) => `SELECT id FROM kv ORDER BY id LIMIT ${n}`,
  (n, m) => `SELECT id FROM kv ORDER BY id LIMIT ${n} OFFSET ${m}`,
  (n) => `SELECT id, name FROM kv ORDER BY ${n}`,
  (n) => `SELECT name, count(*) FROM kv GROUP BY ${n} ORDER BY 1`,
  (n) => `SELECT round(1234.5678, ${n}) AS r, round(v, ${n}) AS s FROM kv WHERE id = 1`,
  (n) => `SELECT 'abcdefghij'::varchar(${n}) AS v, 12.345::numeric(10, ${n}) AS w`,
  (n, m) =>
    `SELECT substring('abcdefghijkl', ${n}, ${m}) AS s, left('abcdef', ${m}) AS l, repeat('xy', ${n}) AS r`,
  (n) => `SELECT ${n} AS a, ${n} + 1 AS b, ${n} * 2147483647 AS c`,
  (n) => `SELECT 2147483600 + ${n} AS sum`,
  (n, m) => `SELECT ${n} / ${m} AS q, ${n} % ${m} AS r, ${n}::numeric / ${m} AS d`,
  (n) => `SELECT id / ${n % 2} AS x FROM kv WHERE id = 1`,
  (n) => `SELECT x FROM generate_series(1, ${n}) AS x ORDER BY x DESC`,
  (n, m) => `SELECT (ARRAY[10, 20, 30, 40])[${n}] AS a, (ARRAY[10, 20, 30, 40])[${n}:${m}] AS b`,
  (n) => `SELECT interval '1 day' * ${n} AS i, date '2024-01-31' + ${n} AS d`,
  (n) => `SELECT to_char(${n}, '999') AS c, ${n}::text || 'x' AS t, lpad('7', ${n}, '0') AS p`,
  (n, m) => `SELECT CASE WHEN ${n} > ${m} THEN 'gt' ELSE 'le' END AS c, ${n} IN (1, 2, ${m}) AS i`,
  (n) => `SELECT ${n} << 2 AS s, ${n} & 6 AS a, power(2, ${n}) AS p, ${n}::bit(8) AS b`,
  (n) => `SELECT pg_typeof(${n}) AS t, pg_typeof(${n} * 3000000000) AS u`,
  (n, m) =>
    `SELECT ${n}::boolean AS b, (${n} - ${m} - 1)::boolean AS c, id::boolean AS d FROM kv WHERE id < ${m}`,
  (n) => `SELECT name FROM kv WHERE id IN (SELECT id FROM kv WHERE id > ${n}) ORDER BY 1`,
  (n) =>
    `SELECT id, name, sum(id) OVER (ORDER BY id ROWS BETWEEN ${n} PRECEDING AND CURRENT ROW) AS s FROM kv ORDER BY id`,
  (n) => `SELECT -${n} AS neg, - ${n} AS neg2, 1-${n} AS diff`,
  (n) => `INSERT INTO log VALUES (${n}, 'x${n}') RETURNING id, note`,
  (n) => `INSERT INTO nums VALUES (${n}, ${n}, ${n}, ${n}) RETURNING *`,
  (n) => `SELECT n / 3 AS a, f / 3 AS b, t || 'x' AS c FROM nums WHERE i = ${n}`,
  (n, m) => `UPDATE log SET id = id + ${m} WHERE id = ${n} RETURNING id`,
  (n) => `DELETE FROM log WHERE id > ${n} RETURNING id`,
  (n) => `WITH t AS (SELECT ${n} AS x) SELECT x, x + 1 AS y FROM t`,
  (n) => `SELECT name FROM kv WHERE name = 'v${n}' OR id = ${n} ORDER BY 1`,
];

const values: [number, number][] = [
  [2, 3],
  [1, 4],
  [3, 2],
];

differentialSuite(
  "simple queries that differ in integer literals match PostgreSQL",
  [
    "CREATE TABLE kv (id integer PRIMARY KEY, name text, v numeric)",
    "INSERT INTO kv VALUES (1, 'v1', 3.14159), (2, 'v2', 2.71828), (3, 'v3', 1.41421), (4, 'v2', 1.73205), (5, NULL, 0.5)",
    "CREATE TABLE log (id integer, note text)",
    "CREATE TABLE nums (i integer, n numeric, f float8, t text)",
  ],
  values.flatMap(([n, m]) => shapes.map((shape) => shape(n, m))),
);
