-- Product analytics: a page-view and event tracking table with JSONB properties, and the
-- daily-active-user, funnel, sessionisation and retention queries of an analytics dashboard.

CREATE TABLE app_users (
  id bigint PRIMARY KEY,
  signup_at timestamptz NOT NULL,
  plan text NOT NULL DEFAULT 'free'
);

CREATE TABLE events (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES app_users (id),
  name varchar(64) NOT NULL,
  occurred_at timestamptz NOT NULL,
  properties jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX events_user_id_occurred_at_idx ON events (user_id, occurred_at);
CREATE INDEX events_name_occurred_at_idx ON events (name, occurred_at);

INSERT INTO app_users (id, signup_at, plan) VALUES
  (1, '2024-03-01 09:00:00+00', 'pro'),
  (2, '2024-03-01 15:30:00+00', 'free'),
  (3, '2024-03-02 08:10:00+00', 'free'),
  (4, '2024-03-03 22:45:00+00', 'team'),
  (5, '2024-03-08 11:00:00+00', 'free');

INSERT INTO events (user_id, name, occurred_at, properties) VALUES
  (1, 'page_view', '2024-03-01 09:01:00+00', '{"path": "/", "referrer": "google"}'),
  (1, 'page_view', '2024-03-01 09:03:30+00', '{"path": "/pricing"}'),
  (1, 'signup_completed', '2024-03-01 09:05:00+00', '{"method": "email"}'),
  (1, 'page_view', '2024-03-01 10:15:00+00', '{"path": "/dashboard"}'),
  (1, 'purchase', '2024-03-01 10:20:00+00', '{"amount": 49.00, "currency": "USD"}'),
  (2, 'page_view', '2024-03-01 15:31:00+00', '{"path": "/", "referrer": "twitter"}'),
  (2, 'signup_completed', '2024-03-01 15:35:00+00', '{"method": "google"}'),
  (2, 'page_view', '2024-03-02 07:00:00+00', '{"path": "/dashboard"}'),
  (3, 'page_view', '2024-03-02 08:11:00+00', '{"path": "/"}'),
  (3, 'page_view', '2024-03-02 08:12:00+00', '{"path": "/pricing"}'),
  (3, 'signup_completed', '2024-03-02 08:20:00+00', '{"method": "email"}'),
  (1, 'page_view', '2024-03-02 12:00:00+00', '{"path": "/dashboard"}'),
  (4, 'page_view', '2024-03-03 22:46:00+00', '{"path": "/", "referrer": "google"}'),
  (4, 'signup_completed', '2024-03-03 22:50:00+00', '{"method": "github"}'),
  (4, 'purchase', '2024-03-03 23:10:00+00', '{"amount": 199.00, "currency": "USD"}'),
  (1, 'page_view', '2024-03-08 09:00:00+00', '{"path": "/dashboard"}'),
  (3, 'page_view', '2024-03-09 18:30:00+00', '{"path": "/dashboard"}'),
  (5, 'page_view', '2024-03-08 11:01:00+00', '{"path": "/", "referrer": "google"}'),
  (4, 'purchase', '2024-03-10 08:00:00+00', '{"amount": 199.00, "currency": "USD"}'),
  (2, 'page_view', '2024-03-10 20:00:00+00', '{"path": "/pricing"}');

-- Event volume per type
SELECT name, count(*) AS events, count(DISTINCT user_id) AS users
FROM events GROUP BY name ORDER BY events DESC, name;

-- Daily active users
SELECT date_trunc('day', occurred_at) AS day, count(DISTINCT user_id) AS dau
FROM events
GROUP BY 1
ORDER BY 1;

-- Same, as plain dates
SELECT occurred_at::date AS day, count(*) AS events
FROM events
WHERE occurred_at >= '2024-03-01' AND occurred_at < '2024-03-04'
GROUP BY occurred_at::date
ORDER BY day;

-- Weekly active users
SELECT date_trunc('week', occurred_at)::date AS week_start, count(DISTINCT user_id) AS wau
FROM events GROUP BY 1 ORDER BY 1;

-- Activity by hour of day and day of week
SELECT extract(hour FROM occurred_at) AS hour, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3;
SELECT extract(dow FROM occurred_at) AS dow, to_char(occurred_at, 'Dy') AS day_name, count(*)
FROM events GROUP BY 1, 2 ORDER BY 1;

-- Top pages
SELECT properties->>'path' AS path, count(*) AS views
FROM events WHERE name = 'page_view'
GROUP BY 1 ORDER BY views DESC, path;

-- Traffic sources
SELECT coalesce(properties->>'referrer', '(direct)') AS source, count(*) AS visits
FROM events WHERE name = 'page_view'
GROUP BY 1 ORDER BY visits DESC, source;

-- Revenue from purchase events
SELECT sum((properties->>'amount')::numeric) AS revenue,
       count(*) AS purchases,
       round(avg((properties->>'amount')::numeric), 2) AS avg_purchase
FROM events WHERE name = 'purchase';

SELECT user_id, sum((properties->>'amount')::numeric(10,2)) AS ltv
FROM events WHERE properties ? 'amount'
GROUP BY user_id ORDER BY ltv DESC;

-- Signups by method
SELECT properties->>'method' AS method, count(*) FROM events
WHERE name = 'signup_completed' GROUP BY 1 ORDER BY 1;

SELECT count(*) FROM events WHERE properties @> '{"path": "/pricing"}';

-- Funnel: visited, signed up, purchased
SELECT
  count(DISTINCT user_id) AS visitors,
  count(DISTINCT CASE WHEN name = 'signup_completed' THEN user_id END) AS signups,
  count(DISTINCT CASE WHEN name = 'purchase' THEN user_id END) AS buyers
FROM events;

-- Users who signed up but never purchased
SELECT u.id, u.plan FROM app_users u
WHERE EXISTS (SELECT 1 FROM events e WHERE e.user_id = u.id AND e.name = 'signup_completed')
  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.user_id = u.id AND e.name = 'purchase')
ORDER BY u.id;

-- Time from first page view to signup
SELECT e.user_id,
       min(CASE WHEN e.name = 'page_view' THEN e.occurred_at END) AS first_view,
       min(CASE WHEN e.name = 'signup_completed' THEN e.occurred_at END)
         - min(CASE WHEN e.name = 'page_view' THEN e.occurred_at END) AS time_to_signup
FROM events e
GROUP BY e.user_id
ORDER BY e.user_id;

-- First and last seen
SELECT user_id, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen,
       max(occurred_at) - min(occurred_at) AS active_span
FROM events GROUP BY user_id ORDER BY user_id;

-- Sessionisation: a new session starts after 30 minutes of inactivity
WITH ordered AS (
  SELECT user_id, occurred_at,
         lag(occurred_at) OVER (PARTITION BY user_id ORDER BY occurred_at) AS prev_at
  FROM events
), flagged AS (
  SELECT user_id, occurred_at,
         CASE WHEN prev_at IS NULL OR occurred_at - prev_at > interval '30 minutes' THEN 1 ELSE 0 END AS new_session
  FROM ordered
), numbered AS (
  SELECT user_id, occurred_at,
         sum(new_session) OVER (PARTITION BY user_id ORDER BY occurred_at) AS session_no
  FROM flagged
)
SELECT user_id, session_no, count(*) AS events, min(occurred_at) AS started, max(occurred_at) - min(occurred_at) AS duration
FROM numbered
GROUP BY user_id, session_no
ORDER BY user_id, session_no;

-- Seven-day retention: users active again 1-7 days after signup
SELECT u.id,
       EXISTS (
         SELECT 1 FROM events e
         WHERE e.user_id = u.id
           AND e.occurred_at >= u.signup_at + interval '1 day'
           AND e.occurred_at < u.signup_at + interval '8 days'
       ) AS retained
FROM app_users u
ORDER BY u.id;

-- Events in the last 7 days as of a fixed report time
SELECT count(*) FROM events
WHERE occurred_at > TIMESTAMPTZ '2024-03-10 12:00:00+00' - interval '7 days';

-- Hourly buckets for one day, formatted
SELECT to_char(date_trunc('hour', occurred_at), 'YYYY-MM-DD HH24:00') AS hour_bucket, count(*)
FROM events
WHERE occurred_at::date = '2024-03-01'
GROUP BY 1 ORDER BY 1;

-- Cohorts by signup week and plan
SELECT date_trunc('week', signup_at)::date AS cohort, plan, count(*) AS users
FROM app_users GROUP BY 1, 2 ORDER BY 1, 2;

-- Share of events per user
SELECT user_id, count(*) AS events,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct
FROM events GROUP BY user_id ORDER BY user_id;

-- Epoch seconds for charting
SELECT extract(epoch FROM occurred_at)::bigint AS ts, name FROM events WHERE user_id = 4 ORDER BY occurred_at;

-- Building a JSON payload for the dashboard API
SELECT jsonb_build_object('user', user_id, 'events', count(*), 'last', max(occurred_at)) AS payload
FROM events WHERE user_id IN (1, 5) GROUP BY user_id ORDER BY user_id;

-- Tagging events after the fact
UPDATE events SET properties = jsonb_set(properties, '{campaign}', '"spring"')
WHERE name = 'page_view' AND properties->>'referrer' = 'google'
RETURNING id, properties;

-- Bad data from a client
INSERT INTO events (user_id, name, occurred_at) VALUES (1, 'page_view', 'yesterday-ish');
INSERT INTO events (user_id, name, occurred_at) VALUES (42, 'page_view', '2024-03-11 00:00:00+00');
INSERT INTO events (user_id, name, occurred_at, properties) VALUES (1, 'page_view', '2024-03-11 00:00:00+00', '{"path": }');
SELECT sum((properties->>'path')::numeric) FROM events WHERE name = 'page_view';

-- Retention policy: drop page views older than a cutoff
DELETE FROM events WHERE name = 'page_view' AND occurred_at < '2024-03-02 00:00:00+00';
SELECT name, count(*) FROM events GROUP BY name ORDER BY name;
