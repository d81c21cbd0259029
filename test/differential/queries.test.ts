import { differentialSuite } from "../support/differential.js";

/** Query features beyond the basics: windows, DISTINCT ON, arrays, ANY/ALL, functions in FROM. */
differentialSuite(
  "queries match PostgreSQL",
  [
    "CREATE TABLE emp (id integer PRIMARY KEY, name text NOT NULL, dept text, salary integer, tags text[])",
    "INSERT INTO emp VALUES (1, 'ann', 'eng', 100, '{a,b}'), (2, 'bob', 'eng', 80, '{b}'), (3, 'cid', 'ops', 90, NULL), (4, 'dee', 'ops', 90, '{}'), (5, 'eve', NULL, 70, '{c,\"d e\"}')",
  ],
  [
    "SELECT name, row_number() OVER (ORDER BY salary DESC, id) AS rn FROM emp ORDER BY rn",
    "SELECT name, dept, rank() OVER (PARTITION BY dept ORDER BY salary DESC) AS r, dense_rank() OVER (ORDER BY salary) AS d FROM emp ORDER BY id",
    "SELECT name, sum(salary) OVER (PARTITION BY dept) AS total, count(*) OVER () AS n FROM emp ORDER BY id",
    "SELECT name, lag(name) OVER w AS prev, lead(salary, 1, 0) OVER w AS next FROM emp WINDOW w AS (ORDER BY id) ORDER BY id",
    "SELECT name, sum(salary) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s FROM emp ORDER BY id",
    "SELECT name, first_value(name) OVER (PARTITION BY dept ORDER BY salary) AS low FROM emp ORDER BY id",
    "SELECT DISTINCT ON (dept) dept, name, salary FROM emp ORDER BY dept, salary DESC",
    "SELECT DISTINCT ON (dept) name FROM emp ORDER BY dept NULLS FIRST, id DESC",
    "SELECT ARRAY[1, 2, 3] AS a, ARRAY['x', 'y'] AS b, ARRAY[]::integer[] AS c, ARRAY[ARRAY[1,2],ARRAY[3,4]] AS m",
    "SELECT tags, tags[1] AS first, tags[2] AS second, tags[0] AS zero FROM emp ORDER BY id",
    "SELECT name FROM emp WHERE 'b' = ANY(tags) ORDER BY id",
    "SELECT name FROM emp WHERE id = ANY(ARRAY[2, 4]) ORDER BY id",
    ["SELECT name FROM emp WHERE id = ANY($1) ORDER BY id", [[1, 3, 5]]],
    "SELECT name FROM emp WHERE salary > ALL(ARRAY[80, 85]) ORDER BY id",
    "SELECT name FROM emp WHERE id <> ALL(ARRAY[1, 2]) ORDER BY id",
    "SELECT 1 = ANY(ARRAY[2, NULL]) AS a, 2 = ANY(ARRAY[2, NULL]) AS b, NULL = ANY(ARRAY[1]) AS c, 3 < ALL(ARRAY[]::int[]) AS d",
    "SELECT ARRAY(SELECT name FROM emp WHERE salary >= 90 ORDER BY name) AS names",
    "SELECT ARRAY(SELECT id FROM emp WHERE id > 100) AS none",
    "SELECT (ARRAY[10, 20, 30])[2:3] AS s, (ARRAY[10, 20, 30])[:2] AS t",
    "SELECT x, y FROM (VALUES (1, 'one'), (2, 'two')) AS v(x, y) ORDER BY x DESC",
    "SELECT * FROM upper('abc') AS u",
    "SELECT * FROM upper('abc')",
  ],
);
