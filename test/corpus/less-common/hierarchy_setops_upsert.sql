-- An org chart and bill of materials walked with recursive CTEs, plus set operations, LATERAL
-- top-N, upserts with RETURNING, views over aggregates, and constraint violations.

CREATE TABLE org (id int PRIMARY KEY, name text NOT NULL, boss int REFERENCES org, title text NOT NULL);

INSERT INTO org VALUES
  (1, 'Root', NULL, 'CEO'), (2, 'Fay', 1, 'CTO'), (3, 'Gus', 1, 'CFO'), (4, 'Hal', 2, 'Eng Manager'),
  (5, 'Ida', 4, 'Engineer'), (6, 'Jon', 4, 'Engineer'), (7, 'Kit', 3, 'Accountant'), (8, 'Lou', 2, 'Architect');

-- Depth-first path with depth and ordering by path array
WITH RECURSIVE tree AS (
  SELECT id, name, boss, 0 AS depth, ARRAY[id] AS path, name::text AS chain FROM org WHERE boss IS NULL
  UNION ALL
  SELECT o.id, o.name, o.boss, t.depth + 1, t.path || o.id, t.chain || ' > ' || o.name
  FROM org o JOIN tree t ON o.boss = t.id
)
SELECT repeat('  ', depth) || name AS indented, depth, chain FROM tree ORDER BY path;

-- SEARCH and CYCLE clauses
WITH RECURSIVE tree(id, name, boss) AS (
  SELECT id, name, boss FROM org WHERE boss IS NULL
  UNION ALL
  SELECT o.id, o.name, o.boss FROM org o JOIN tree t ON o.boss = t.id
) SEARCH BREADTH FIRST BY id SET ord
SELECT id, name FROM tree ORDER BY ord;

-- Headcount under each manager (all descendants)
WITH RECURSIVE sub(root, id) AS (
  SELECT id, id FROM org
  UNION ALL
  SELECT s.root, o.id FROM sub s JOIN org o ON o.boss = s.id
)
SELECT o.name, count(*) - 1 AS reports FROM sub JOIN org o ON o.id = sub.root GROUP BY o.name HAVING count(*) > 1 ORDER BY reports DESC, o.name;

-- Chain of command upwards from Jon
WITH RECURSIVE up AS (
  SELECT id, name, boss, 1 AS lvl FROM org WHERE name = 'Jon'
  UNION
  SELECT o.id, o.name, o.boss, up.lvl + 1 FROM org o JOIN up ON o.id = up.boss
)
SELECT string_agg(name, ' <- ' ORDER BY lvl) FROM up;

-- Cycle detection on a graph with a loop
CREATE TABLE edges (src text, dst text);
INSERT INTO edges VALUES ('a', 'b'), ('b', 'c'), ('c', 'a'), ('c', 'd');
WITH RECURSIVE walk(node, path, cycle) AS (
  SELECT 'a'::text, ARRAY['a'::text], false
  UNION ALL
  SELECT e.dst, w.path || e.dst, e.dst = ANY (w.path) FROM edges e JOIN walk w ON e.src = w.node WHERE NOT w.cycle
)
SELECT node, array_to_string(path, '->') AS route, cycle FROM walk ORDER BY array_length(path, 1), node;

-- Generate a series with a recursive CTE
WITH RECURSIVE fib(n, a, b) AS (SELECT 1, 0::bigint, 1::bigint UNION ALL SELECT n + 1, b, a + b FROM fib WHERE n < 15)
SELECT n, a FROM fib ORDER BY n DESC LIMIT 3;

-- Set operations with duplicates
CREATE TABLE jan_buyers (customer text);
CREATE TABLE feb_buyers (customer text);
INSERT INTO jan_buyers VALUES ('ann'), ('bob'), ('bob'), ('cat'), (NULL);
INSERT INTO feb_buyers VALUES ('bob'), ('cat'), ('cat'), ('dan'), (NULL);
SELECT customer FROM jan_buyers INTERSECT SELECT customer FROM feb_buyers ORDER BY 1;
SELECT customer FROM jan_buyers INTERSECT ALL SELECT customer FROM feb_buyers ORDER BY 1;
SELECT customer FROM jan_buyers EXCEPT SELECT customer FROM feb_buyers ORDER BY 1;
SELECT customer FROM jan_buyers EXCEPT ALL SELECT customer FROM feb_buyers ORDER BY 1;
SELECT customer FROM feb_buyers EXCEPT ALL SELECT customer FROM jan_buyers ORDER BY 1;
SELECT customer FROM jan_buyers UNION SELECT customer FROM feb_buyers ORDER BY 1 NULLS FIRST;
(SELECT customer FROM jan_buyers ORDER BY customer LIMIT 2) UNION ALL (SELECT customer FROM feb_buyers ORDER BY customer DESC LIMIT 1);
SELECT 1 AS x UNION SELECT 2 INTERSECT SELECT 2 ORDER BY x;
SELECT customer FROM jan_buyers UNION SELECT 42;
SELECT 1, 2 UNION SELECT 1;

-- LATERAL top-2 per manager
SELECT m.name AS manager, r.name AS report
FROM org m CROSS JOIN LATERAL (SELECT name FROM org e WHERE e.boss = m.id ORDER BY name DESC LIMIT 2) r
ORDER BY m.name, r.name;

-- Views over aggregates
CREATE VIEW team_sizes AS
  SELECT b.name AS boss, count(e.id) AS direct_reports, array_agg(e.name ORDER BY e.name) AS names
  FROM org b LEFT JOIN org e ON e.boss = b.id GROUP BY b.name;
SELECT * FROM team_sizes WHERE direct_reports > 0 ORDER BY boss;
SELECT boss FROM team_sizes WHERE direct_reports = 0 ORDER BY boss;
INSERT INTO team_sizes VALUES ('x', 1, '{}');
CREATE OR REPLACE VIEW team_sizes AS
  SELECT b.name AS boss, count(e.id) AS direct_reports, array_agg(e.name ORDER BY e.name) AS names, max(e.title) AS some_title
  FROM org b LEFT JOIN org e ON e.boss = b.id GROUP BY b.name;
SELECT boss, some_title FROM team_sizes WHERE boss = 'Hal';

-- Upserts with RETURNING and xmax-free detection of insert vs update
CREATE TABLE counters (name text PRIMARY KEY, hits int NOT NULL DEFAULT 0, first_seen date NOT NULL DEFAULT '2024-01-01');
INSERT INTO counters (name, hits) VALUES ('home', 1), ('about', 1) ON CONFLICT (name) DO UPDATE SET hits = counters.hits + 1 RETURNING name, hits;
INSERT INTO counters (name, hits) VALUES ('home', 1), ('blog', 1) ON CONFLICT (name) DO UPDATE SET hits = counters.hits + EXCLUDED.hits RETURNING name, hits;
INSERT INTO counters (name) VALUES ('home'), ('home') ON CONFLICT (name) DO UPDATE SET hits = counters.hits + 1;
INSERT INTO counters (name) VALUES ('about') ON CONFLICT ON CONSTRAINT counters_pkey DO NOTHING RETURNING name;
INSERT INTO counters (name) VALUES ('x') ON CONFLICT (hits) DO NOTHING;
INSERT INTO counters AS c (name, hits) SELECT 'home', 100 ON CONFLICT (name) DO UPDATE SET hits = greatest(c.hits, EXCLUDED.hits) WHERE c.hits < 50 RETURNING *;
SELECT * FROM counters ORDER BY name;

-- Constraint violations report the right SQLSTATE
INSERT INTO org VALUES (9, 'Max', 99, 'Intern');
INSERT INTO org VALUES (1, 'Dup', NULL, 'Dup');
INSERT INTO org (id, name, title) VALUES (10, NULL, 'x');
DELETE FROM org WHERE id = 2;
UPDATE org SET boss = 42 WHERE id = 8;
ALTER TABLE org ADD CONSTRAINT no_self_boss CHECK (boss <> id);
UPDATE org SET boss = id WHERE id = 5;
ALTER TABLE org ADD CONSTRAINT uniq_name UNIQUE (name);
INSERT INTO org VALUES (11, 'Ida', 4, 'Engineer');
SELECT conname, contype FROM pg_constraint WHERE conrelid = 'org'::regclass ORDER BY conname;
