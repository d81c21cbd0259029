-- Background job queue kept in PostgreSQL (in the style of que, good_job and graphile-worker):
-- enqueueing with dedup keys, claiming with FOR UPDATE SKIP LOCKED, retries with backoff, dead jobs.

CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  queue text NOT NULL DEFAULT 'default',
  task text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  priority smallint NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 3 CHECK (max_attempts > 0),
  run_at timestamp NOT NULL,
  locked_by text,
  locked_at timestamp,
  last_error text,
  job_key text,
  finished_at timestamp
);

CREATE UNIQUE INDEX jobs_job_key_idx ON jobs (job_key) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_fetch_idx ON jobs (queue, priority DESC, run_at, id) WHERE status = 'queued';

CREATE TABLE job_runs (
  job_id bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  worker text NOT NULL,
  started_at timestamp NOT NULL,
  ended_at timestamp,
  outcome text,
  recorded_at timestamp NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, attempt)
);

-- Enqueue
INSERT INTO jobs (task, payload, run_at) VALUES ('send_email', '{"to": "a@example.com", "template": "welcome"}', '2024-07-01 10:00:00') RETURNING id, queue, status, attempts;
INSERT INTO jobs (queue, task, payload, priority, run_at) VALUES
  ('default', 'send_email', '{"to": "b@example.com", "template": "reset"}', 10, '2024-07-01 10:00:00'),
  ('media', 'resize_image', '{"key": "img/1.png", "sizes": [64, 256]}', 0, '2024-07-01 10:00:05'),
  ('default', 'sync_crm', '{"account": 42}', 0, '2024-07-01 10:30:00'),
  ('default', 'send_email', '{"to": "c@example.com", "template": "digest"}', 0, '2024-07-01 09:59:00');

-- Dedup by job key: a second enqueue of the same key is ignored while the first is pending
INSERT INTO jobs (task, payload, run_at, job_key) VALUES ('rebuild_index', '{"index": "products"}', '2024-07-01 10:00:00', 'rebuild:products')
ON CONFLICT (job_key) WHERE status IN ('queued', 'running') DO NOTHING RETURNING id;
INSERT INTO jobs (task, payload, run_at, job_key) VALUES ('rebuild_index', '{"index": "products"}', '2024-07-01 10:01:00', 'rebuild:products')
ON CONFLICT (job_key) WHERE status IN ('queued', 'running') DO NOTHING RETURNING id;
INSERT INTO jobs (task, run_at, job_key) VALUES ('rebuild_index', '2024-07-01 10:02:00', 'rebuild:products');

-- Ready jobs in fetch order
SELECT id, task, priority, run_at FROM jobs
WHERE status = 'queued' AND queue = 'default' AND run_at <= TIMESTAMP '2024-07-01 10:00:00'
ORDER BY priority DESC, run_at, id;

-- Claim one job: worker-1
BEGIN;
SELECT id, task, payload FROM jobs
WHERE status = 'queued' AND queue = 'default' AND run_at <= TIMESTAMP '2024-07-01 10:00:00'
ORDER BY priority DESC, run_at, id
LIMIT 1
FOR UPDATE SKIP LOCKED;
UPDATE jobs SET status = 'running', locked_by = 'worker-1', locked_at = '2024-07-01 10:00:01', attempts = attempts + 1 WHERE id = 2
RETURNING id, status, attempts;
INSERT INTO job_runs (job_id, attempt, worker, started_at) VALUES (2, 1, 'worker-1', '2024-07-01 10:00:01');
COMMIT;

-- Claim in a single statement (the common UPDATE ... WHERE id = (SELECT ... SKIP LOCKED) form)
UPDATE jobs SET status = 'running', locked_by = 'worker-2', locked_at = '2024-07-01 10:00:02', attempts = attempts + 1
WHERE id = (
  SELECT id FROM jobs
  WHERE status = 'queued' AND queue = 'default' AND run_at <= TIMESTAMP '2024-07-01 10:00:02'
  ORDER BY priority DESC, run_at, id
  LIMIT 1
  FOR UPDATE SKIP LOCKED
)
RETURNING id, task, payload->>'to' AS recipient, attempts;

-- Batch claim with a CTE
WITH next_jobs AS (
  SELECT id FROM jobs
  WHERE status = 'queued' AND run_at <= TIMESTAMP '2024-07-01 10:00:10'
  ORDER BY priority DESC, run_at, id
  LIMIT 2
  FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE jobs j SET status = 'running', locked_by = 'worker-3', locked_at = '2024-07-01 10:00:10', attempts = j.attempts + 1
  FROM next_jobs WHERE j.id = next_jobs.id
  RETURNING j.id, j.task
)
SELECT id, task FROM claimed ORDER BY id;

-- Other lock strengths used by workers
BEGIN;
SELECT id FROM jobs WHERE id = 4 FOR NO KEY UPDATE;
SELECT id, status FROM jobs WHERE status = 'running' ORDER BY id FOR SHARE SKIP LOCKED;
SELECT id FROM jobs WHERE id = 4 FOR UPDATE NOWAIT;
COMMIT;

-- Advisory locks guarding a singleton cron task
SELECT pg_try_advisory_lock(727001) AS got_lock;
SELECT pg_try_advisory_lock(727001) AS got_again;
SELECT pg_advisory_unlock(727001) AS released, pg_advisory_unlock(727001) AS released_again;
SELECT pg_advisory_unlock(727001) AS nothing_left;
BEGIN;
SELECT pg_try_advisory_xact_lock(727002) AS xact_lock;
COMMIT;

-- Success path
UPDATE jobs SET status = 'succeeded', finished_at = '2024-07-01 10:00:03', locked_by = NULL, locked_at = NULL WHERE id = 2 AND status = 'running'
RETURNING id, status;
UPDATE job_runs SET ended_at = '2024-07-01 10:00:03', outcome = 'ok' WHERE job_id = 2 AND attempt = 1;

-- Failure path with exponential backoff: run_at = failure time + 2^attempts * 10 seconds
UPDATE jobs SET
  status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
  run_at = TIMESTAMP '2024-07-01 10:00:12' + (power(2, attempts) * INTERVAL '10 seconds'),
  last_error = 'SMTP 421 try again later',
  locked_by = NULL, locked_at = NULL
WHERE id = 5
RETURNING id, status, attempts, run_at, last_error;

-- Fail the same job twice more: the third failure makes it dead
UPDATE jobs SET status = 'running', attempts = attempts + 1 WHERE id = 5;
UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
  run_at = TIMESTAMP '2024-07-01 10:01:00' + (power(2, attempts) * INTERVAL '10 seconds'), last_error = 'SMTP 421 try again later'
WHERE id = 5 RETURNING id, status, attempts, run_at;
UPDATE jobs SET status = 'running', attempts = attempts + 1 WHERE id = 5;
UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
  run_at = TIMESTAMP '2024-07-01 10:02:00' + (power(2, attempts) * INTERVAL '10 seconds'), last_error = 'SMTP 550 mailbox unavailable'
WHERE id = 5 RETURNING id, status, attempts;

-- Invalid transitions are rejected
UPDATE jobs SET status = 'paused' WHERE id = 1;
INSERT INTO jobs (task, run_at, max_attempts) VALUES ('noop', '2024-07-01 10:00:00', 0);
INSERT INTO jobs (task, run_at) VALUES ('noop', 'tomorrow-ish');

-- Recover jobs whose worker died (locked for more than 5 minutes)
WITH recovered AS (
  UPDATE jobs SET status = 'queued', locked_by = NULL, locked_at = NULL
  WHERE status = 'running' AND locked_at < TIMESTAMP '2024-07-01 10:06:00' - INTERVAL '5 minutes'
  RETURNING id, locked_by
)
SELECT id FROM recovered ORDER BY id;

-- Queue dashboard
SELECT queue,
       count(*) FILTER (WHERE status = 'queued') AS queued,
       count(*) FILTER (WHERE status = 'running') AS running,
       count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
       count(*) FILTER (WHERE status = 'dead') AS dead,
       min(run_at) FILTER (WHERE status = 'queued') AS next_run
FROM jobs GROUP BY queue ORDER BY queue;

SELECT task, status, count(*), sum(attempts) AS attempts FROM jobs GROUP BY task, status ORDER BY task, status;

-- Dead-letter inspection and retry
SELECT id, task, attempts, last_error, payload FROM jobs WHERE status = 'dead' ORDER BY id;
UPDATE jobs SET status = 'queued', attempts = 0, max_attempts = 5, run_at = '2024-07-01 11:00:00', last_error = NULL
WHERE status = 'dead' RETURNING id, status, max_attempts;

-- Payload queries
SELECT id, payload->>'template' AS template FROM jobs WHERE task = 'send_email' ORDER BY id;
SELECT id FROM jobs WHERE payload @> '{"template": "reset"}';
SELECT id, jsonb_array_length(payload->'sizes') AS variants FROM jobs WHERE payload ? 'sizes' ORDER BY id;

-- Scheduled jobs due in the next hour, bucketed by 15 minutes
SELECT date_bin(INTERVAL '15 minutes', run_at, TIMESTAMP '2024-07-01') AS slot, count(*)
FROM jobs WHERE status = 'queued' AND run_at < TIMESTAMP '2024-07-01 11:00:00'
GROUP BY 1 ORDER BY 1;

-- Re-enqueue after success is allowed for the same key
UPDATE jobs SET status = 'succeeded', finished_at = '2024-07-01 10:10:00' WHERE job_key = 'rebuild:products' AND status IN ('queued', 'running');
INSERT INTO jobs (task, run_at, job_key) VALUES ('rebuild_index', '2024-07-01 12:00:00', 'rebuild:products') RETURNING id, status;
SELECT job_key, status, count(*) FROM jobs WHERE job_key IS NOT NULL GROUP BY job_key, status ORDER BY status;

-- Run history
SELECT j.id, j.task, r.attempt, r.worker, r.ended_at - r.started_at AS took, r.outcome
FROM jobs j JOIN job_runs r ON r.job_id = j.id ORDER BY j.id, r.attempt;

-- Notify listeners that work is available
NOTIFY jobs_available;
SELECT pg_notify('jobs_available', 'default');

-- Prune finished jobs older than a cutoff
DELETE FROM jobs WHERE status = 'succeeded' AND finished_at < TIMESTAMP '2024-07-01 10:05:00' RETURNING id;
SELECT count(*) AS remaining, count(*) FILTER (WHERE status = 'queued') AS queued FROM jobs;
SELECT count(*) AS runs_left FROM job_runs;
