-- Build system and route planner: package dependency graphs, bills of materials and a flight
-- network walked with recursive CTEs, path arrays for cycle detection, SEARCH and CYCLE clauses.

CREATE TABLE packages (name text PRIMARY KEY, version text NOT NULL);
CREATE TABLE deps (pkg text NOT NULL REFERENCES packages (name), needs text NOT NULL REFERENCES packages (name), PRIMARY KEY (pkg, needs));

INSERT INTO packages VALUES ('app', '1.0.0'), ('web', '2.1.0'), ('auth', '0.9.1'), ('db', '3.2.0'), ('log', '1.4.2'), ('crypto', '5.0.0'), ('json', '2.0.0'), ('orphan', '0.0.1');
INSERT INTO deps VALUES ('app', 'web'), ('app', 'auth'), ('web', 'json'), ('web', 'log'), ('auth', 'crypto'), ('auth', 'db'), ('db', 'log'), ('crypto', 'log');

-- Transitive dependencies with depth and path
WITH RECURSIVE closure(pkg, depth, path) AS (
  SELECT needs, 1, ARRAY['app', needs] FROM deps WHERE pkg = 'app'
  UNION ALL
  SELECT d.needs, c.depth + 1, c.path || d.needs FROM closure c JOIN deps d ON d.pkg = c.pkg
)
SELECT pkg, depth, array_to_string(path, ' -> ') AS via FROM closure ORDER BY depth, via;

-- Distinct dependency set using UNION (set semantics)
WITH RECURSIVE closure(pkg) AS (
  SELECT needs FROM deps WHERE pkg = 'app'
  UNION
  SELECT d.needs FROM closure c JOIN deps d ON d.pkg = c.pkg
)
SELECT string_agg(pkg, ',' ORDER BY pkg) AS all_deps, count(*) FROM closure;

-- Reverse dependencies: who breaks if log changes?
WITH RECURSIVE rdeps(pkg, depth) AS (
  SELECT pkg, 1 FROM deps WHERE needs = 'log'
  UNION ALL
  SELECT d.pkg, r.depth + 1 FROM rdeps r JOIN deps d ON d.needs = r.pkg
)
SELECT pkg, min(depth) AS nearest, count(*) AS paths FROM rdeps GROUP BY pkg ORDER BY nearest, pkg;

-- Topological build order: longest distance from a leaf
WITH RECURSIVE lvl(pkg, level) AS (
  SELECT name, 0 FROM packages p WHERE NOT EXISTS (SELECT 1 FROM deps d WHERE d.pkg = p.name)
  UNION ALL
  SELECT d.pkg, l.level + 1 FROM lvl l JOIN deps d ON d.needs = l.pkg
)
SELECT level, string_agg(pkg, ' ' ORDER BY pkg) AS packages
FROM (SELECT pkg, max(level) AS level FROM lvl GROUP BY pkg) x
GROUP BY level ORDER BY level;

-- Introduce a cycle and detect it with a path array
INSERT INTO deps VALUES ('log', 'auth');

WITH RECURSIVE walk(pkg, path, is_cycle) AS (
  SELECT needs, ARRAY['app', needs], false FROM deps WHERE pkg = 'app'
  UNION ALL
  SELECT d.needs, w.path || d.needs, d.needs = ANY (w.path)
  FROM walk w JOIN deps d ON d.pkg = w.pkg
  WHERE NOT w.is_cycle
)
SELECT array_to_string(path, '>') AS cycle_path FROM walk WHERE is_cycle ORDER BY cycle_path;

-- The same with the SQL-standard CYCLE clause
WITH RECURSIVE walk(pkg, depth) AS (
  SELECT needs, 1 FROM deps WHERE pkg = 'app'
  UNION ALL
  SELECT d.needs, w.depth + 1 FROM walk w JOIN deps d ON d.pkg = w.pkg
) CYCLE pkg SET looped USING trail
SELECT pkg, depth, looped FROM walk WHERE looped ORDER BY depth, pkg;

DELETE FROM deps WHERE pkg = 'log' AND needs = 'auth';

-- SEARCH DEPTH FIRST and BREADTH FIRST orderings
WITH RECURSIVE tree(pkg, depth) AS (
  SELECT 'app'::text, 0
  UNION ALL
  SELECT d.needs, t.depth + 1 FROM tree t JOIN deps d ON d.pkg = t.pkg
) SEARCH DEPTH FIRST BY pkg SET ord
SELECT repeat('  ', depth) || pkg AS outline FROM tree ORDER BY ord;

WITH RECURSIVE tree(pkg, depth) AS (
  SELECT 'app'::text, 0
  UNION ALL
  SELECT d.needs, t.depth + 1 FROM tree t JOIN deps d ON d.pkg = t.pkg
) SEARCH BREADTH FIRST BY pkg SET ord
SELECT depth, pkg FROM tree ORDER BY ord;

-- Packages unreachable from app
WITH RECURSIVE reach(pkg) AS (SELECT 'app'::text UNION SELECT d.needs FROM reach r JOIN deps d ON d.pkg = r.pkg)
SELECT p.name FROM packages p LEFT JOIN reach r ON r.pkg = p.name WHERE r.pkg IS NULL ORDER BY p.name;

-- Bill of materials: quantities multiply down the tree
CREATE TABLE parts (id text PRIMARY KEY, unit_cost numeric(8,2));
CREATE TABLE bom (assembly text NOT NULL REFERENCES parts (id), component text NOT NULL REFERENCES parts (id), qty integer NOT NULL CHECK (qty > 0), PRIMARY KEY (assembly, component));
INSERT INTO parts VALUES ('bike', NULL), ('wheel', NULL), ('frame', 120.00), ('spoke', 0.35), ('rim', 18.50), ('hub', 22.00), ('tire', 15.00), ('bolt', 0.10);
INSERT INTO bom VALUES ('bike', 'wheel', 2), ('bike', 'frame', 1), ('bike', 'bolt', 6), ('wheel', 'spoke', 32), ('wheel', 'rim', 1), ('wheel', 'hub', 1), ('wheel', 'tire', 1), ('hub', 'bolt', 2);

WITH RECURSIVE explode(component, qty, level) AS (
  SELECT component, qty, 1 FROM bom WHERE assembly = 'bike'
  UNION ALL
  SELECT b.component, e.qty * b.qty, e.level + 1 FROM explode e JOIN bom b ON b.assembly = e.component
)
SELECT e.component, sum(e.qty) AS total_qty, p.unit_cost, sum(e.qty) * p.unit_cost AS cost
FROM explode e JOIN parts p ON p.id = e.component
WHERE p.unit_cost IS NOT NULL
GROUP BY e.component, p.unit_cost ORDER BY e.component;

WITH RECURSIVE explode(component, qty) AS (
  SELECT component, qty FROM bom WHERE assembly = 'bike'
  UNION ALL
  SELECT b.component, e.qty * b.qty FROM explode e JOIN bom b ON b.assembly = e.component
)
SELECT sum(e.qty * p.unit_cost) AS bike_cost FROM explode e JOIN parts p ON p.id = e.component;

-- Flight network: cheapest route with at most two stops
CREATE TABLE flights (src char(3), dst char(3), price integer, PRIMARY KEY (src, dst));
INSERT INTO flights VALUES ('ams', 'lhr', 90), ('ams', 'cdg', 80), ('cdg', 'lhr', 40), ('lhr', 'jfk', 400), ('cdg', 'jfk', 450),
  ('ams', 'jfk', 600), ('jfk', 'ams', 550), ('lhr', 'ams', 95), ('cdg', 'mad', 70), ('mad', 'jfk', 380);

WITH RECURSIVE routes(dst, stops, cost, route) AS (
  SELECT dst, 0, price, ARRAY['ams'::text, dst::text] FROM flights WHERE src = 'ams'
  UNION ALL
  SELECT f.dst, r.stops + 1, r.cost + f.price, r.route || f.dst::text
  FROM routes r JOIN flights f ON f.src = r.dst
  WHERE r.stops < 2 AND NOT f.dst::text = ANY (r.route)
)
SELECT array_to_string(route, '-') AS route, stops, cost FROM routes WHERE dst = 'jfk' ORDER BY cost, route LIMIT 4;

WITH RECURSIVE routes(dst, cost, route) AS (
  SELECT dst, price, ARRAY['ams'::text, dst::text] FROM flights WHERE src = 'ams'
  UNION ALL
  SELECT f.dst, r.cost + f.price, r.route || f.dst::text
  FROM routes r JOIN flights f ON f.src = r.dst
  WHERE NOT f.dst::text = ANY (r.route)
)
SELECT DISTINCT ON (dst) dst, cost, array_to_string(route, '-') AS route FROM routes ORDER BY dst, cost, route;

-- Number sequences and string building with recursion
WITH RECURSIVE fib(n, a, b) AS (SELECT 1, 0::numeric, 1::numeric UNION ALL SELECT n + 1, b, a + b FROM fib WHERE n < 90)
SELECT n, a FROM fib WHERE n IN (1, 2, 10, 50, 90) ORDER BY n;

WITH RECURSIVE s(i, acc) AS (SELECT 1, 'a'::text UNION ALL SELECT i + 1, acc || chr(ascii('a') + i) FROM s WHERE i < 6)
SELECT i, acc FROM s ORDER BY i;

-- Recursive CTE feeding an UPDATE: mark everything app depends on as required
ALTER TABLE packages ADD COLUMN required boolean NOT NULL DEFAULT false;
WITH RECURSIVE reach(pkg) AS (SELECT 'app'::text UNION SELECT d.needs FROM reach r JOIN deps d ON d.pkg = r.pkg)
UPDATE packages SET required = true WHERE name IN (SELECT pkg FROM reach);
SELECT name, required FROM packages ORDER BY name;

-- Errors: non-recursive term referencing itself, and type mismatch between terms
WITH RECURSIVE bad(n) AS (SELECT n FROM bad UNION ALL SELECT 1) SELECT * FROM bad;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 0.5 FROM t WHERE n < 3) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT count(*) FROM t) SELECT * FROM t;
