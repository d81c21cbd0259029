-- Issue tracker using custom types: enum statuses and priorities with their declared ordering,
-- a domain for story points, NULL-safe comparisons, row-value keyset pagination and VALUES lists.

CREATE TYPE issue_status AS ENUM ('open', 'in_progress', 'review', 'done');
CREATE TYPE priority AS ENUM ('low', 'medium', 'high', 'critical');
CREATE DOMAIN story_points AS integer CHECK (VALUE IN (1, 2, 3, 5, 8, 13));

CREATE TABLE issues (
  id integer PRIMARY KEY,
  title text NOT NULL,
  status issue_status NOT NULL DEFAULT 'open',
  prio priority NOT NULL,
  points story_points,
  assignee text,
  reviewer text
);

INSERT INTO issues VALUES
  (1, 'login fails', 'in_progress', 'critical', 3, 'ann', 'bob'),
  (2, 'typo on homepage', 'done', 'low', 1, 'bob', NULL),
  (3, 'slow search', 'review', 'high', 8, 'ann', 'ann'),
  (4, 'add dark mode', 'open', 'medium', 13, NULL, NULL),
  (5, 'export to csv', 'open', 'medium', 5, 'cid', 'bob'),
  (6, 'crash on upload', 'open', 'critical', NULL, 'bob', 'cid');

-- Enums sort by declaration order, not alphabetically
SELECT id, status::text AS status_name, prio::text AS priority_name FROM issues ORDER BY prio DESC, status, id;
SELECT id FROM issues WHERE prio >= 'high' ORDER BY id;
SELECT status::text AS status_name, count(*) FROM issues GROUP BY status ORDER BY status;
SELECT min(prio)::text AS lowest, max(prio)::text AS highest FROM issues;
SELECT enum_range(NULL::priority)::text[] AS all_priorities, enum_first(NULL::issue_status)::text AS first_status,
       enum_range('medium'::priority, 'critical'::priority)::text[] AS medium_up;

-- Enum values can be added later, in a chosen position
ALTER TYPE issue_status ADD VALUE 'blocked' AFTER 'in_progress';
ALTER TYPE priority ADD VALUE IF NOT EXISTS 'trivial' BEFORE 'low';
UPDATE issues SET status = 'blocked' WHERE id = 5;
SELECT id, status::text AS status_name FROM issues WHERE status > 'in_progress' ORDER BY status, id;
SELECT 'trivial'::priority < 'low'::priority AS trivial_lowest;

-- Invalid enum and domain values
INSERT INTO issues (id, title, prio) VALUES (7, 'bad priority', 'urgent');
UPDATE issues SET points = 4 WHERE id = 4;
SELECT 21::story_points;
SELECT 8::story_points + 5 AS plain_int_arithmetic;

-- Domain columns compare and aggregate like their base type
SELECT assignee, sum(points) AS points FROM issues WHERE assignee IS NOT NULL GROUP BY assignee ORDER BY assignee;

-- NULL-safe comparisons
SELECT id FROM issues WHERE assignee IS DISTINCT FROM reviewer ORDER BY id;
SELECT id FROM issues WHERE assignee IS NOT DISTINCT FROM reviewer ORDER BY id;
SELECT id FROM issues WHERE assignee <> reviewer ORDER BY id;
SELECT NULL = NULL AS eq, NULL IS NOT DISTINCT FROM NULL AS not_distinct, 1 IS DISTINCT FROM NULL AS distinct_from_null;
SELECT id, (points > 3) IS TRUE AS big, (points > 3) IS UNKNOWN AS unknown FROM issues ORDER BY id;

-- Row-value comparisons for keyset pagination on (priority, id)
SELECT id, prio::text AS priority_name FROM issues WHERE (prio, id) < ('critical'::priority, 6) ORDER BY prio DESC, id DESC LIMIT 3;
SELECT (1, 2) < (1, 3) AS lt, (1, 2, 3) = (1, 2, 3) AS eq, (2, 0) > (1, 99) AS gt, (1, NULL) = (1, 2) AS null_eq,
       (1, NULL) < (2, NULL) AS decided_early;
SELECT id FROM issues WHERE (assignee, reviewer) = ('ann', 'ann');
SELECT id FROM issues WHERE (assignee, reviewer) IN (('ann', 'bob'), ('bob', 'cid')) ORDER BY id;

-- VALUES lists as tables
SELECT * FROM (VALUES (1, 'one'), (2, 'two'), (3, 'three')) AS t(n, word) ORDER BY n DESC;
VALUES (1, 'a'), (2, 'b') ORDER BY 1 DESC LIMIT 1;
SELECT i.id, w.weight FROM issues i JOIN (VALUES ('critical', 10), ('high', 5), ('medium', 2)) AS w(p, weight) ON w.p = i.prio::text ORDER BY i.id;
SELECT column1, column2 FROM (VALUES (1, true), (2, NULL)) AS v ORDER BY column1;

-- TABLE shorthand
CREATE TABLE labels (name text PRIMARY KEY, color text);
INSERT INTO labels VALUES ('bug', 'red'), ('feature', 'green');
TABLE labels ORDER BY name;
SELECT count(*) FROM (TABLE labels) t;

-- Composite types
CREATE TYPE money_amount AS (currency char(3), cents bigint);
CREATE TABLE estimates (issue_id integer REFERENCES issues (id), cost money_amount);
INSERT INTO estimates VALUES (1, ('EUR', 12050)), (3, ROW('USD', 99));
SELECT issue_id, (cost).currency, (cost).cents, cost::text FROM estimates ORDER BY issue_id;

-- Casting enums to text and back
SELECT id FROM issues WHERE status::text LIKE 'in%';
SELECT 'done'::issue_status::text || '!' AS shout;
DROP TYPE priority;
