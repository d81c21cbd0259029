import { differentialSuite } from "../support/differential.js";

/** ROWS FROM (...) in FROM, and several set-returning functions in one select list (lockstep). */
differentialSuite(
  "ROWS FROM and set-returning functions in lockstep match PostgreSQL",
  [
    "CREATE TABLE nums (id int PRIMARY KEY, n int, tags text[])",
    "INSERT INTO nums VALUES (1, 2, '{a,b,c}'), (2, 0, '{}')",
  ],
  [
    "SELECT * FROM ROWS FROM (generate_series(1, 3), generate_series(10, 14)) AS r(a, b)",
    "SELECT * FROM ROWS FROM (generate_series(1, 2), unnest(ARRAY['x', 'y', 'z']), upper('q')) WITH ORDINALITY",
    "SELECT * FROM ROWS FROM (generate_series(1, 2), json_each('{\"a\": 1}')) AS r",
    "SELECT * FROM ROWS FROM (generate_series(1, 2)) AS r",
    "SELECT * FROM ROWS FROM (generate_series(1, 0), generate_series(1, 0)) AS r",
    "SELECT r.a, r.b, r.o FROM ROWS FROM (unnest(ARRAY[1, 2]), unnest(ARRAY['p'])) WITH ORDINALITY AS r(a, b, o) ORDER BY o DESC",
    "SELECT id, a, b FROM nums JOIN ROWS FROM (generate_series(1, 2), unnest(ARRAY['a', 'b', 'c'])) AS r(a, b) ON a = n ORDER BY 1, 2",
    "SELECT * FROM ROWS FROM (generate_series(1, 2), generate_series(1, 3)) AS r(a, b, c, d)",
    "SELECT generate_series(1, 3) AS a, generate_series(1, 2) AS b",
    "SELECT id, unnest(tags), generate_series(1, n) FROM nums ORDER BY 1, 2",
    "SELECT generate_series(1, 2), generate_series(1, 4), unnest(ARRAY['x'])",
  ],
);
