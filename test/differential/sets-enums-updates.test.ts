import { differentialSuite } from "../support/differential.js";

/** unnest of several arrays, string_to_table, width_bucket over thresholds, enum_range/first/last, UPDATE SET (a, b) = (...). */
differentialSuite(
  "set-returning functions, enum functions and multi-column UPDATE match PostgreSQL",
  [
    "CREATE TYPE priority AS ENUM ('low', 'medium', 'high', 'critical')",
    "CREATE TYPE empty_enum AS ENUM ()",
    "CREATE TABLE tasks (id int PRIMARY KEY, title text, p priority, tags text, done date, points int DEFAULT 7)",
    `INSERT INTO tasks VALUES
      (1, 'a', 'high', 'x;y;;z', '2024-01-01', 1),
      (2, 'b', 'low', 'y', NULL, 2),
      (3, 'c', NULL, '', '2024-02-01', 3)`,
  ],
  [
    "SELECT * FROM unnest(ARRAY['a', 'b', 'c'], ARRAY[1, 2]) AS u(letter, num)",
    "SELECT * FROM unnest(ARRAY[1, 2], ARRAY['x'], ARRAY[true, false, NULL]) WITH ORDINALITY AS u(a, b, c, n)",
    "SELECT u.* FROM unnest('{}'::int[], ARRAY[1.5, 2.5]) AS u",
    "SELECT t.id, s.part FROM tasks t, string_to_table(t.tags, ';') AS s(part) ORDER BY t.id, s.part",
    "SELECT * FROM string_to_table('a,b,,c', ',', '') AS x",
    "SELECT string_to_table('a b c', ' ') ORDER BY 1",
    "SELECT width_bucket(5, ARRAY[1, 5, 10]), width_bucket(0, ARRAY[1, 5, 10]), width_bucket(11, ARRAY[1, 5, 10])",
    "SELECT id, width_bucket(points, ARRAY[2, 3]) FROM tasks ORDER BY id",
    "SELECT width_bucket(now(), ARRAY[now() - interval '1 day', now() + interval '1 day'])",
    "SELECT enum_range(NULL::priority)::text[], enum_first(NULL::priority)::text, enum_last(NULL::priority)::text",
    "SELECT enum_range('medium'::priority, 'critical'::priority)::text[], enum_range(NULL, 'medium'::priority)::text[], enum_range('high'::priority, NULL)::text[]",
    "SELECT array_to_string(enum_range(NULL::priority), ', '), array_length(enum_range(NULL::priority), 1)",
    "SELECT x::text FROM unnest(enum_range(NULL::priority)) AS x",
    "SELECT enum_range(NULL::empty_enum)::text[]",
    "SELECT enum_first(NULL::empty_enum)",
    "SELECT id, p::text, enum_range(p, NULL)::text[] FROM tasks ORDER BY id",
    "SELECT enum_first(NULL::int)",
    // UPDATE ... SET (columns) = (...)
    "UPDATE tasks SET (title, done) = ('A', DATE '2024-03-01') WHERE id = 1 RETURNING id, title, tags, done, points",
    "UPDATE tasks SET (title, points) = ('B', DEFAULT), tags = 'q' WHERE id = 2 RETURNING id, title, tags, done, points",
    "UPDATE tasks SET (title, done) = (SELECT 'pro', DATE '2024-08-05') WHERE id = 3 RETURNING id, title, done",
    "UPDATE tasks t SET (title, points) = (SELECT upper(x.title), x.points * 10 FROM tasks x WHERE x.id = t.id) RETURNING id, title, points",
    "UPDATE tasks SET (title, points) = ROW('r', 5) WHERE id = 2 RETURNING id, title, points",
    "UPDATE tasks SET (title, points) = (SELECT 'u', 1 UNION ALL SELECT 'v', 2 ORDER BY 1 DESC LIMIT 1) WHERE id = 1 RETURNING id, title, points",
    "UPDATE tasks SET (title) = ROW('k') WHERE id = 1 RETURNING title",
    "UPDATE tasks SET (title, done) = (1)",
    "UPDATE tasks SET (title, done) = (SELECT 'a')",
    "UPDATE tasks SET (title, points) = ('x', 1, 2)",
    "SELECT id, title, tags, done, points FROM tasks ORDER BY id",
  ],
);
