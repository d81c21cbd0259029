import { differentialSuite } from "../support/differential.js";

/** WITH RECURSIVE: SEARCH DEPTH/BREADTH FIRST, CYCLE, and the checks of the two terms. */
differentialSuite(
  "recursive WITH queries match PostgreSQL",
  [
    "CREATE TABLE edges (src text, dst text, w int)",
    "INSERT INTO edges VALUES ('a', 'b', 1), ('a', 'c', 2), ('b', 'd', 3), ('c', 'd', 4), ('d', 'e', 5), ('b', 'B', 6), ('c', 'a b', 7)",
    "CREATE TABLE loops (src int, dst int)",
    "INSERT INTO loops VALUES (1, 2), (2, 3), (3, 1), (3, 4), (10, 9), (9, 10)",
  ],
  [
    `WITH RECURSIVE t(node, depth) AS (SELECT 'a'::text, 0 UNION ALL SELECT e.dst, t.depth + 1 FROM t JOIN edges e ON e.src = t.node)
       SEARCH DEPTH FIRST BY node SET ord SELECT repeat('.', depth) || node FROM t ORDER BY ord`,
    `WITH RECURSIVE t(node, depth) AS (SELECT 'a'::text, 0 UNION ALL SELECT e.dst, t.depth + 1 FROM t JOIN edges e ON e.src = t.node)
       SEARCH BREADTH FIRST BY node SET ord SELECT depth, node FROM t ORDER BY ord`,
    `WITH RECURSIVE t(node, w) AS (SELECT 'a'::text, 0 UNION ALL SELECT e.dst, e.w FROM t JOIN edges e ON e.src = t.node)
       SEARCH DEPTH FIRST BY w, node SET ord SELECT node, w FROM t ORDER BY ord DESC`,
    `WITH RECURSIVE t(n) AS (SELECT 8 UNION ALL SELECT n - 3 FROM t WHERE n > -8)
       SEARCH BREADTH FIRST BY n SET ord SELECT n FROM t ORDER BY ord`,
    `WITH RECURSIVE t(n, p) AS (SELECT 1, 0 UNION ALL SELECT dst, src FROM t JOIN loops ON loops.src = t.n)
       CYCLE n SET looped USING trail SELECT n, p, looped, trail FROM t ORDER BY trail::text`,
    `WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT dst FROM t JOIN loops ON loops.src = t.n)
       CYCLE n SET looped TO 'Y' DEFAULT 'N' USING trail SELECT n, looped FROM t ORDER BY trail::text`,
    `WITH RECURSIVE t(node) AS (SELECT 'a'::text UNION ALL SELECT dst FROM t JOIN edges ON src = node)
       CYCLE node SET c USING p SELECT * FROM t ORDER BY p::text`,
    `WITH RECURSIVE t(n, p) AS (SELECT 10, 0 UNION SELECT dst, src FROM t JOIN loops ON loops.src = t.n)
       SEARCH DEPTH FIRST BY n SET ord CYCLE n, p SET looped USING trail SELECT n, p, looped FROM t ORDER BY ord`,
    "WITH RECURSIVE bad(n) AS (SELECT n FROM bad UNION ALL SELECT 1) SELECT * FROM bad",
    "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 0.5 FROM t WHERE n < 3) SELECT * FROM t",
    "WITH RECURSIVE t(n) AS (SELECT 'a'::varchar(3) UNION ALL SELECT (n || 'b')::varchar FROM t WHERE length(n) < 3) SELECT * FROM t",
    "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT count(*) FROM t) SELECT * FROM t",
    "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SEARCH DEPTH FIRST BY x SET o SELECT * FROM t",
    "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) CYCLE x SET c USING p SELECT * FROM t",
    "WITH t(n) AS (SELECT 1) SEARCH DEPTH FIRST BY n SET o SELECT * FROM t",
  ],
);
