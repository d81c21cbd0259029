-- Time-sheets for a consultancy: projects with hourly rates, time entries with start and end
-- times, weekly approvals, overtime and invoicing summaries.

CREATE TABLE consultants (id int PRIMARY KEY, name text NOT NULL, weekly_hours numeric(4,1) NOT NULL DEFAULT 40);

CREATE TABLE projects (
  code text PRIMARY KEY,
  client text NOT NULL,
  rate numeric(8,2) NOT NULL,
  budget_hours int,
  closed boolean NOT NULL DEFAULT false
);

CREATE TABLE entries (
  id serial PRIMARY KEY,
  consultant_id int NOT NULL REFERENCES consultants,
  project text NOT NULL REFERENCES projects,
  work_date date NOT NULL,
  started time NOT NULL,
  ended time NOT NULL,
  billable boolean NOT NULL DEFAULT true,
  notes varchar(200),
  CHECK (ended > started)
);

CREATE TABLE approvals (
  consultant_id int REFERENCES consultants,
  week_start date CHECK (extract(isodow FROM week_start) = 1),
  approved_by text NOT NULL,
  PRIMARY KEY (consultant_id, week_start)
);

INSERT INTO consultants VALUES (1, 'Maya', 40), (2, 'Nils', 32), (3, 'Odette', 40);

INSERT INTO projects VALUES
  ('ACME-WEB', 'Acme', 120, 80, false), ('GLX-DATA', 'Globex', 150.50, 40, false), ('INT-ADMIN', 'Internal', 0, NULL, false);

INSERT INTO entries (consultant_id, project, work_date, started, ended, billable, notes) VALUES
  (1, 'ACME-WEB', '2024-04-01', '09:00', '12:30', true, 'kickoff'),
  (1, 'ACME-WEB', '2024-04-01', '13:15', '18:00', true, NULL),
  (1, 'GLX-DATA', '2024-04-02', '08:30', '17:45', true, 'ETL'),
  (1, 'INT-ADMIN', '2024-04-03', '09:00', '10:00', false, 'timesheets'),
  (1, 'ACME-WEB', '2024-04-04', '09:00', '19:30', true, NULL),
  (1, 'ACME-WEB', '2024-04-05', '09:00', '17:00', true, NULL),
  (1, 'GLX-DATA', '2024-04-06', '10:00', '14:00', true, 'weekend fix'),
  (2, 'GLX-DATA', '2024-04-01', '10:00', '16:00', true, NULL),
  (2, 'GLX-DATA', '2024-04-02', '10:00', '16:20', true, NULL),
  (2, 'ACME-WEB', '2024-04-03', '09:45', '12:00', true, 'review'),
  (2, 'GLX-DATA', '2024-04-08', '09:00', '17:00', true, NULL),
  (3, 'INT-ADMIN', '2024-04-02', '09:00', '09:30', false, NULL);

INSERT INTO entries (consultant_id, project, work_date, started, ended) VALUES (3, 'ACME-WEB', '2024-04-02', '17:00', '09:00');
INSERT INTO entries (consultant_id, project, work_date, started, ended) VALUES (3, 'ACME-WEB', '2024-04-02', '25:00', '26:00');

-- Duration per entry
SELECT id, work_date, started, ended, ended - started AS duration,
       extract(epoch FROM ended - started) / 3600 AS hours
FROM entries ORDER BY id;

-- Hours per consultant per ISO week
SELECT c.name, date_trunc('week', e.work_date)::date AS week,
       sum(extract(epoch FROM e.ended - e.started)) / 3600 AS hours,
       to_char(date_trunc('week', e.work_date), 'IYYY-"W"IW') AS iso_week
FROM entries e JOIN consultants c ON c.id = e.consultant_id
GROUP BY c.name, week, iso_week ORDER BY c.name, week;

-- Overtime beyond contracted hours
SELECT c.name, w.week, w.hours, greatest(w.hours - c.weekly_hours, 0) AS overtime
FROM consultants c
JOIN (SELECT consultant_id, date_trunc('week', work_date)::date AS week, round(sum(extract(epoch FROM ended - started)) / 3600, 2) AS hours
      FROM entries GROUP BY 1, 2) w ON w.consultant_id = c.id
ORDER BY c.name, w.week;

-- Billable value per project
SELECT p.code, p.client,
       round(sum(extract(epoch FROM e.ended - e.started) / 3600) FILTER (WHERE e.billable), 2) AS billable_hours,
       round(sum(extract(epoch FROM e.ended - e.started) / 3600 * p.rate) FILTER (WHERE e.billable), 2) AS amount,
       p.budget_hours
FROM projects p LEFT JOIN entries e ON e.project = p.code
GROUP BY p.code ORDER BY p.code;

-- Budget burn as a percentage
SELECT p.code, sum(e.ended - e.started) AS spent, p.budget_hours * interval '1 hour' AS budget,
       round(100 * extract(epoch FROM sum(e.ended - e.started)) / (p.budget_hours * 3600), 1) AS burn_pct
FROM projects p JOIN entries e ON e.project = p.code
WHERE p.budget_hours IS NOT NULL
GROUP BY p.code, p.budget_hours ORDER BY p.code;

-- Overlapping entries for the same person (should be none)
SELECT a.id, b.id FROM entries a JOIN entries b ON a.consultant_id = b.consultant_id AND a.work_date = b.work_date AND a.id < b.id
WHERE (a.started, a.ended) OVERLAPS (b.started, b.ended);

-- Add one that overlaps and find it
INSERT INTO entries (consultant_id, project, work_date, started, ended, notes) VALUES (1, 'GLX-DATA', '2024-04-01', '17:30', '18:30', 'call') RETURNING id;
SELECT a.id, b.id, a.ended, b.started FROM entries a JOIN entries b ON a.consultant_id = b.consultant_id AND a.work_date = b.work_date AND a.id < b.id
WHERE (a.started, a.ended) OVERLAPS (b.started, b.ended);

-- Weekend work
SELECT id, work_date, to_char(work_date, 'FMDay') AS day FROM entries WHERE extract(dow FROM work_date) IN (0, 6);

-- Approve weeks; a non-Monday fails
INSERT INTO approvals VALUES (1, '2024-04-01', 'boss'), (2, '2024-04-01', 'boss');
INSERT INTO approvals VALUES (2, '2024-04-03', 'boss');

-- Unapproved weeks with entries
SELECT DISTINCT e.consultant_id, date_trunc('week', e.work_date)::date AS week
FROM entries e
WHERE NOT EXISTS (SELECT 1 FROM approvals a WHERE a.consultant_id = e.consultant_id AND a.week_start = date_trunc('week', e.work_date)::date)
ORDER BY 1, 2;

-- First and last entry times per day
SELECT consultant_id, work_date, min(started) AS first_in, max(ended) AS last_out, max(ended) - min(started) AS span
FROM entries GROUP BY consultant_id, work_date ORDER BY consultant_id, work_date;

-- Time arithmetic
SELECT time '09:00' + interval '90 minutes' AS plus, time '23:30' + interval '1 hour' AS wraps, time '17:45' - time '08:30' AS diff;

-- Close a project and stop new entries via a check on the app side
UPDATE projects SET closed = true WHERE code = 'ACME-WEB' RETURNING code, closed;
SELECT code FROM projects WHERE NOT closed ORDER BY code;

-- Notes length limit
INSERT INTO entries (consultant_id, project, work_date, started, ended, notes) VALUES (2, 'GLX-DATA', '2024-04-09', '09:00', '10:00', repeat('x', 201));

-- Monthly summary with rollup
SELECT c.name, e.project, round(sum(extract(epoch FROM e.ended - e.started)) / 3600, 1) AS hours
FROM entries e JOIN consultants c ON c.id = e.consultant_id
GROUP BY ROLLUP (c.name, e.project)
ORDER BY c.name NULLS LAST, e.project NULLS LAST;

SELECT * FROM approvals;
SELECT name FROM consultants WHERE weekly_hours < 40;
