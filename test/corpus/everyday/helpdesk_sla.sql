-- Helpdesk ticketing system: customers, tickets with priorities and SLA policies, threaded
-- replies, status history, assignment queues and breach reports for support managers.

CREATE TABLE sla_policies (
  priority text PRIMARY KEY,
  first_response interval NOT NULL,
  resolution interval NOT NULL
);

CREATE TABLE agents (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  team text NOT NULL,
  max_open integer NOT NULL DEFAULT 5
);

CREATE TABLE tickets (
  id serial PRIMARY KEY,
  subject text NOT NULL,
  requester_email text NOT NULL,
  priority text NOT NULL DEFAULT 'normal' REFERENCES sla_policies (priority),
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'open', 'pending', 'solved', 'closed')),
  assignee_id integer REFERENCES agents (id) ON DELETE SET NULL,
  tags text[] NOT NULL DEFAULT '{}',
  opened_at timestamp NOT NULL,
  first_response_at timestamp,
  solved_at timestamp
);

CREATE TABLE ticket_comments (
  id serial PRIMARY KEY,
  ticket_id integer NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  author_agent_id integer REFERENCES agents (id) ON DELETE SET NULL,
  public boolean NOT NULL DEFAULT true,
  body text NOT NULL,
  created_at timestamp NOT NULL
);

CREATE TABLE status_changes (
  ticket_id integer NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  from_status text,
  to_status text NOT NULL,
  changed_at timestamp NOT NULL
);

INSERT INTO sla_policies VALUES
  ('urgent', '30 minutes', '4 hours'), ('high', '2 hours', '1 day'), ('normal', '8 hours', '3 days'), ('low', '1 day', '7 days');

INSERT INTO agents (email, team, max_open) VALUES
  ('amy@help.test', 'tier1', 5), ('raj@help.test', 'tier1', 3), ('zoe@help.test', 'tier2', 4);

INSERT INTO tickets (subject, requester_email, priority, status, assignee_id, tags, opened_at, first_response_at, solved_at) VALUES
  ('Cannot log in', 'kim@corp.test', 'urgent', 'solved', 1, '{login,sso}', '2024-06-03 09:00', '2024-06-03 09:20', '2024-06-03 11:00'),
  ('Invoice shows wrong VAT', 'lee@shop.test', 'normal', 'open', 2, '{billing}', '2024-06-03 10:30', '2024-06-03 16:00', NULL),
  ('Export to CSV times out', 'max@corp.test', 'high', 'pending', 3, '{export,bug}', '2024-06-03 14:00', '2024-06-03 17:30', NULL),
  ('Feature request: dark mode', 'noa@home.test', 'low', 'new', NULL, '{feature}', '2024-06-04 08:00', NULL, NULL),
  ('API returns 500', 'ops@corp.test', 'urgent', 'open', 3, '{api,bug}', '2024-06-04 09:15', '2024-06-04 10:05', NULL),
  ('Password reset email missing', 'kim@corp.test', 'high', 'solved', 1, '{login,email}', '2024-06-04 11:00', '2024-06-04 11:30', '2024-06-05 15:00'),
  ('Refund request', 'lee@shop.test', 'normal', 'closed', 2, '{billing,refund}', '2024-06-01 12:00', '2024-06-01 13:00', '2024-06-02 09:00');

INSERT INTO ticket_comments (ticket_id, author_agent_id, public, body, created_at) VALUES
  (1, NULL, true, 'I cannot log in since this morning', '2024-06-03 09:00'),
  (1, 1, true, 'Looking into your SSO settings', '2024-06-03 09:20'),
  (1, 1, false, 'IdP certificate expired', '2024-06-03 10:40'),
  (1, 1, true, 'Fixed, please try again', '2024-06-03 11:00'),
  (2, 2, true, 'Which invoice number?', '2024-06-03 16:00'),
  (3, 3, true, 'Can you share the export size?', '2024-06-03 17:30'),
  (5, 3, false, 'Escalated to engineering', '2024-06-04 10:05'),
  (6, 1, true, 'Resent the email', '2024-06-04 11:30');

INSERT INTO status_changes VALUES
  (1, NULL, 'new', '2024-06-03 09:00'), (1, 'new', 'open', '2024-06-03 09:20'), (1, 'open', 'solved', '2024-06-03 11:00'),
  (3, NULL, 'new', '2024-06-03 14:00'), (3, 'new', 'open', '2024-06-03 17:30'), (3, 'open', 'pending', '2024-06-03 17:31'),
  (6, NULL, 'new', '2024-06-04 11:00'), (6, 'new', 'open', '2024-06-04 11:30'), (6, 'open', 'pending', '2024-06-04 12:00'),
  (6, 'pending', 'open', '2024-06-05 09:00'), (6, 'open', 'solved', '2024-06-05 15:00');

-- Agent queue: my open tickets, most urgent first
SELECT t.id, t.subject, t.priority, t.opened_at + p.resolution AS due_at
FROM tickets t JOIN sla_policies p ON p.priority = t.priority
WHERE t.assignee_id = 3 AND t.status IN ('new', 'open', 'pending')
ORDER BY CASE t.priority WHEN 'urgent' THEN 1 WHEN 'high' THEN 2 WHEN 'normal' THEN 3 ELSE 4 END, t.opened_at, t.id;

-- SLA status of every ticket as of a fixed "now"
SELECT t.id, t.priority,
       coalesce(t.first_response_at, TIMESTAMP '2024-06-05 12:00') - t.opened_at AS response_time,
       CASE
         WHEN t.first_response_at IS NULL AND TIMESTAMP '2024-06-05 12:00' > t.opened_at + p.first_response THEN 'breached'
         WHEN t.first_response_at > t.opened_at + p.first_response THEN 'breached'
         WHEN t.first_response_at IS NULL THEN 'pending'
         ELSE 'met' END AS first_response_sla,
       CASE
         WHEN coalesce(t.solved_at, TIMESTAMP '2024-06-05 12:00') > t.opened_at + p.resolution THEN 'breached'
         WHEN t.solved_at IS NULL THEN 'running'
         ELSE 'met' END AS resolution_sla
FROM tickets t JOIN sla_policies p USING (priority)
ORDER BY t.id;

-- Breach rate per priority
SELECT t.priority,
       count(*) AS tickets,
       count(*) FILTER (WHERE t.first_response_at - t.opened_at > p.first_response) AS late_responses,
       round(100.0 * count(*) FILTER (WHERE t.first_response_at - t.opened_at > p.first_response) / count(*), 1) AS late_pct,
       avg(t.first_response_at - t.opened_at) AS avg_response
FROM tickets t JOIN sla_policies p ON p.priority = t.priority
GROUP BY t.priority, p.first_response
ORDER BY p.first_response;

-- Time remaining until resolution is due, in minutes
SELECT id, subject, floor(extract(epoch FROM (opened_at + (SELECT resolution FROM sla_policies s WHERE s.priority = t.priority)) - TIMESTAMP '2024-06-04 12:00') / 60)::int AS minutes_left
FROM tickets t WHERE solved_at IS NULL ORDER BY minutes_left, id;

-- Agent workload and capacity
SELECT a.email, a.team, count(t.id) AS open_tickets, a.max_open - count(t.id) AS free_slots
FROM agents a LEFT JOIN tickets t ON t.assignee_id = a.id AND t.status IN ('new', 'open', 'pending')
GROUP BY a.id, a.email, a.team, a.max_open
ORDER BY free_slots DESC, a.id;

-- Auto-assign the unassigned ticket to the least busy tier1 agent
UPDATE tickets SET assignee_id = (
  SELECT a.id FROM agents a LEFT JOIN tickets t ON t.assignee_id = a.id AND t.status IN ('new', 'open', 'pending')
  WHERE a.team = 'tier1' GROUP BY a.id ORDER BY count(t.id), a.id LIMIT 1),
  status = 'open'
WHERE id = 4 AND assignee_id IS NULL
RETURNING id, assignee_id, status;

-- Reply flow: add a public comment and stamp first response if missing
BEGIN;
INSERT INTO ticket_comments (ticket_id, author_agent_id, body, created_at) VALUES (4, 1, 'Thanks, noted for the roadmap', '2024-06-05 09:45') RETURNING id, ticket_id;
UPDATE tickets SET first_response_at = coalesce(first_response_at, '2024-06-05 09:45') WHERE id = 4 RETURNING first_response_at;
INSERT INTO status_changes (ticket_id, from_status, to_status, changed_at) VALUES (4, 'new', 'open', '2024-06-05 09:45');
COMMIT;

-- Conversation thread for the customer (internal notes hidden)
SELECT c.created_at, coalesce(a.email, t.requester_email) AS author, c.body
FROM ticket_comments c JOIN tickets t ON t.id = c.ticket_id LEFT JOIN agents a ON a.id = c.author_agent_id
WHERE c.ticket_id = 1 AND c.public
ORDER BY c.created_at, c.id;

-- Time spent in each status, from the history table
SELECT ticket_id, to_status AS status,
       coalesce(lead(changed_at) OVER (PARTITION BY ticket_id ORDER BY changed_at), TIMESTAMP '2024-06-06 12:00') - changed_at AS duration
FROM status_changes WHERE ticket_id IN (3, 6)
ORDER BY ticket_id, changed_at;

SELECT ticket_id, sum(next_at - changed_at) AS pending_time FROM (
  SELECT ticket_id, to_status, changed_at, lead(changed_at) OVER (PARTITION BY ticket_id ORDER BY changed_at) AS next_at FROM status_changes
) s WHERE to_status = 'pending' AND next_at IS NOT NULL GROUP BY ticket_id ORDER BY ticket_id;

-- Reopened tickets
SELECT DISTINCT ticket_id FROM status_changes WHERE from_status IN ('pending', 'solved') AND to_status = 'open' ORDER BY ticket_id;

-- Tag reports
SELECT tag, count(*) AS tickets, count(*) FILTER (WHERE status IN ('solved', 'closed')) AS done
FROM tickets, unnest(tags) AS tag GROUP BY tag ORDER BY tickets DESC, tag;
SELECT id FROM tickets WHERE tags @> '{bug}' AND NOT tags @> '{api}' ORDER BY id;
UPDATE tickets SET tags = array_append(tags, 'vip') WHERE requester_email LIKE '%@corp.test' AND NOT 'vip' = ANY (tags);
UPDATE tickets SET tags = array_remove(tags, 'sso') WHERE id = 1 RETURNING tags;

-- Repeat requesters
SELECT requester_email, count(*) AS tickets, min(opened_at) AS first, max(opened_at) AS last
FROM tickets GROUP BY requester_email HAVING count(*) > 1 ORDER BY requester_email;

-- Search by subject or comment text
SELECT DISTINCT t.id, t.subject FROM tickets t LEFT JOIN ticket_comments c ON c.ticket_id = t.id
WHERE t.subject ILIKE '%login%' OR t.subject ILIKE '%log in%' OR c.body ILIKE '%sso%'
ORDER BY t.id;

-- Tickets without any agent reply (anti-join on comments)
SELECT t.id, t.subject FROM tickets t
WHERE NOT EXISTS (SELECT 1 FROM ticket_comments c WHERE c.ticket_id = t.id AND c.author_agent_id IS NOT NULL AND c.public)
ORDER BY t.id;

-- Daily volume and median resolution
SELECT opened_at::date AS day, count(*) AS opened, count(solved_at) AS solved
FROM tickets GROUP BY 1 ORDER BY 1;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY solved_at - opened_at) AS median_resolution FROM tickets WHERE solved_at IS NOT NULL;

-- Auto-close solved tickets after 48 hours
WITH closed AS (
  UPDATE tickets SET status = 'closed'
  WHERE status = 'solved' AND solved_at < TIMESTAMP '2024-06-05 12:00' - INTERVAL '48 hours'
  RETURNING id
)
SELECT array_agg(id ORDER BY id) AS closed_ids FROM closed;

-- Invalid operations
UPDATE tickets SET status = 'escalated' WHERE id = 2;
INSERT INTO tickets (subject, requester_email, priority, opened_at) VALUES ('x', 'y@z.test', 'critical', '2024-06-05 10:00');
INSERT INTO tickets (subject, requester_email, opened_at) VALUES (NULL, 'y@z.test', '2024-06-05 10:00');
INSERT INTO agents (email, team) VALUES ('amy@help.test', 'tier2');

-- Changing an SLA policy and removing an agent
UPDATE sla_policies SET first_response = first_response / 2 WHERE priority = 'high' RETURNING priority, first_response;
DELETE FROM agents WHERE email = 'raj@help.test';
SELECT id, assignee_id FROM tickets WHERE id IN (2, 7) ORDER BY id;
SELECT count(*) FILTER (WHERE author_agent_id IS NULL) AS customer_or_removed, count(author_agent_id) AS by_agents FROM ticket_comments;
SELECT status, count(*), count(assignee_id) AS assigned FROM tickets GROUP BY status ORDER BY status;
