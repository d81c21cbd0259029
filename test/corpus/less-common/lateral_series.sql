-- Support-ticket dashboard: gap-free daily/hourly reports built with generate_series, and
-- top-N-per-group and unpivot queries written with LATERAL joins.

CREATE TABLE agents (id integer PRIMARY KEY, name text NOT NULL, team text NOT NULL);

CREATE TABLE tickets (
  id integer PRIMARY KEY,
  agent_id integer REFERENCES agents (id),
  opened_at timestamp NOT NULL,
  closed_at timestamp,
  priority integer NOT NULL,
  first_response_min integer,
  resolution_min integer
);

INSERT INTO agents VALUES (1, 'kim', 'billing'), (2, 'lee', 'billing'), (3, 'max', 'tech'), (4, 'noa', 'tech');

INSERT INTO tickets VALUES
  (101, 1, '2024-06-03 09:15', '2024-06-03 11:00', 2, 10, 105),
  (102, 3, '2024-06-03 10:40', '2024-06-04 09:00', 1, 5, 1340),
  (103, 3, '2024-06-03 14:05', '2024-06-03 15:30', 3, 30, 85),
  (104, 2, '2024-06-05 08:00', NULL, 2, 45, NULL),
  (105, 4, '2024-06-05 16:20', '2024-06-06 10:00', 1, 3, 1060),
  (106, 1, '2024-06-06 12:00', '2024-06-06 12:30', 3, 12, 30),
  (107, 3, '2024-06-06 12:45', NULL, 2, NULL, NULL),
  (108, 1, '2024-06-08 10:00', '2024-06-08 10:20', 2, 8, 20);

-- Plain series
SELECT * FROM generate_series(1, 5);
SELECT generate_series(10, 0, -3) AS countdown;
SELECT x FROM generate_series(0.5, 2.0, 0.5) AS g(x);
SELECT count(*), sum(n) FROM generate_series(1, 1000) AS n;

-- Date and timestamp series
SELECT d::date AS day FROM generate_series(DATE '2024-06-01', DATE '2024-06-05', INTERVAL '1 day') AS d;
SELECT generate_series(TIMESTAMP '2024-06-03 08:00', TIMESTAMP '2024-06-03 12:00', INTERVAL '90 minutes') AS slot;
SELECT to_char(m, 'YYYY-MM') AS month FROM generate_series(TIMESTAMP '2023-11-30', TIMESTAMP '2024-03-01', INTERVAL '1 month') AS m;

-- Daily ticket counts with zero-filled days
SELECT d::date AS day, count(t.id) AS opened
FROM generate_series(TIMESTAMP '2024-06-03', TIMESTAMP '2024-06-09', INTERVAL '1 day') AS d
LEFT JOIN tickets t ON t.opened_at >= d AND t.opened_at < d + INTERVAL '1 day'
GROUP BY d
ORDER BY d;

-- Open backlog at the end of each day
SELECT d::date AS day,
       (SELECT count(*) FROM tickets t
        WHERE t.opened_at < d + INTERVAL '1 day' AND (t.closed_at IS NULL OR t.closed_at >= d + INTERVAL '1 day')) AS backlog
FROM generate_series(TIMESTAMP '2024-06-03', TIMESTAMP '2024-06-08', INTERVAL '1 day') AS d
ORDER BY d;

-- Hour-of-day histogram including empty hours during business hours
SELECT h AS hour, count(t.id) AS tickets
FROM generate_series(8, 17) AS h
LEFT JOIN tickets t ON extract(hour FROM t.opened_at) = h
GROUP BY h ORDER BY h;

-- Series with ordinality and multiple set-returning functions in FROM
SELECT * FROM generate_series(1, 3) WITH ORDINALITY AS g(val, idx);
SELECT * FROM ROWS FROM (generate_series(1, 3), generate_series(10, 14)) AS r(a, b);
SELECT * FROM unnest(ARRAY['a', 'b', 'c'], ARRAY[1, 2]) AS u(letter, num);

-- Two set-returning functions in the select list run in lockstep
SELECT generate_series(1, 3) AS a, generate_series(1, 2) AS b;

-- Latest two tickets per agent (top-N per group)
SELECT a.name, t.id, t.opened_at
FROM agents a
CROSS JOIN LATERAL (
  SELECT id, opened_at FROM tickets WHERE agent_id = a.id ORDER BY opened_at DESC LIMIT 2
) t
ORDER BY a.name, t.opened_at DESC;

-- LEFT JOIN LATERAL keeps agents without tickets
INSERT INTO agents VALUES (5, 'ola', 'tech');
SELECT a.name, last.id AS last_ticket, last.opened_at
FROM agents a
LEFT JOIN LATERAL (
  SELECT id, opened_at FROM tickets t WHERE t.agent_id = a.id ORDER BY opened_at DESC LIMIT 1
) last ON true
ORDER BY a.id;

-- Per-agent statistics computed in a lateral subquery
SELECT a.name, s.*
FROM agents a,
LATERAL (SELECT count(*) AS total, count(closed_at) AS closed, avg(resolution_min)::int AS avg_resolution
         FROM tickets t WHERE t.agent_id = a.id) s
ORDER BY a.name;

-- Unpivot columns into rows with LATERAL VALUES
SELECT t.id, m.metric, m.minutes
FROM tickets t
CROSS JOIN LATERAL (VALUES ('first_response', t.first_response_min), ('resolution', t.resolution_min)) AS m(metric, minutes)
WHERE t.id IN (101, 104)
ORDER BY t.id, m.metric;

-- Lateral function call depending on the outer row: one row per hour a ticket was open
SELECT t.id, count(*) AS hours_touched
FROM tickets t
CROSS JOIN LATERAL generate_series(date_trunc('hour', t.opened_at), date_trunc('hour', t.closed_at), INTERVAL '1 hour') AS h
WHERE t.closed_at IS NOT NULL
GROUP BY t.id
ORDER BY t.id;

-- Calendar of SLA deadlines: business days only
SELECT d::date AS day, to_char(d, 'Dy') AS dow
FROM generate_series(TIMESTAMP '2024-06-06', TIMESTAMP '2024-06-12', INTERVAL '1 day') AS d
WHERE extract(isodow FROM d) < 6
ORDER BY d;

-- Team by team, the ticket with the longest resolution
SELECT team, worst.id, worst.resolution_min
FROM (SELECT DISTINCT team FROM agents) teams
CROSS JOIN LATERAL (
  SELECT t.id, t.resolution_min FROM tickets t JOIN agents a ON a.id = t.agent_id
  WHERE a.team = teams.team AND t.resolution_min IS NOT NULL
  ORDER BY t.resolution_min DESC LIMIT 1
) worst
ORDER BY team;

-- Generating test data
CREATE TABLE load_test AS
SELECT n AS id, 'user_' || n AS username, (n % 7) AS bucket, TIMESTAMP '2024-01-01' + n * INTERVAL '1 hour' AS created_at
FROM generate_series(1, 200) AS n;
SELECT bucket, count(*), min(created_at), max(created_at) FROM load_test GROUP BY bucket ORDER BY bucket;

-- Errors: zero step and LATERAL reference without LATERAL
SELECT * FROM generate_series(1, 10, 0);
SELECT * FROM agents a, (SELECT count(*) FROM tickets t WHERE t.agent_id = a.id) s;
SELECT * FROM generate_series(TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-02', INTERVAL '0 hours');
