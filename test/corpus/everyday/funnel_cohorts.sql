-- Product analytics: signups, events, conversion funnels, weekly cohorts and retention
-- matrices, as written by a data analyst.

CREATE TABLE signups (
  user_id int PRIMARY KEY,
  signed_up_at timestamp NOT NULL,
  channel text NOT NULL,
  country char(2)
);

CREATE TABLE events (
  user_id int NOT NULL REFERENCES signups,
  name text NOT NULL,
  at timestamp NOT NULL,
  props jsonb NOT NULL DEFAULT '{}'
);

INSERT INTO signups VALUES
  (1, '2024-01-01 10:00', 'organic', 'GB'), (2, '2024-01-02 11:00', 'ads', 'US'), (3, '2024-01-03 09:30', 'ads', 'US'),
  (4, '2024-01-08 14:00', 'referral', 'DE'), (5, '2024-01-09 16:45', 'organic', NULL), (6, '2024-01-10 08:00', 'ads', 'GB'),
  (7, '2024-01-15 12:00', 'organic', 'FR'), (8, '2024-01-16 13:00', 'referral', 'US');

INSERT INTO events VALUES
  (1, 'view_pricing', '2024-01-01 10:05', '{"plan": "pro"}'), (1, 'start_trial', '2024-01-01 10:10', '{"plan": "pro"}'), (1, 'purchase', '2024-01-05 09:00', '{"plan": "pro", "amount": 49}'),
  (2, 'view_pricing', '2024-01-02 11:10', '{}'), (2, 'start_trial', '2024-01-03 08:00', '{"plan": "basic"}'),
  (3, 'view_pricing', '2024-01-03 09:40', '{}'),
  (4, 'view_pricing', '2024-01-08 14:10', '{}'), (4, 'start_trial', '2024-01-08 14:20', '{"plan": "pro"}'), (4, 'purchase', '2024-01-20 10:00', '{"plan": "pro", "amount": 49}'),
  (5, 'login', '2024-01-16 10:00', '{}'), (5, 'login', '2024-01-23 10:00', '{}'),
  (6, 'view_pricing', '2024-01-10 08:30', '{}'), (6, 'start_trial', '2024-01-10 09:00', '{"plan": "basic"}'), (6, 'purchase', '2024-01-11 09:00', '{"plan": "basic", "amount": 19.5}'),
  (7, 'login', '2024-01-22 09:00', '{}'),
  (1, 'login', '2024-01-09 09:00', '{}'), (1, 'login', '2024-01-16 09:00', '{}'), (4, 'login', '2024-01-22 09:00', '{}'), (2, 'login', '2024-01-09 12:00', '{}');

INSERT INTO events VALUES (99, 'login', '2024-01-01', '{}');

-- Funnel: how many users reached each step
SELECT count(DISTINCT user_id) FILTER (WHERE name = 'view_pricing') AS viewed,
       count(DISTINCT user_id) FILTER (WHERE name = 'start_trial') AS trialed,
       count(DISTINCT user_id) FILTER (WHERE name = 'purchase') AS purchased
FROM events;

-- Ordered funnel per user with timestamps
WITH steps AS (
  SELECT s.user_id,
         min(e.at) FILTER (WHERE e.name = 'view_pricing') AS viewed_at,
         min(e.at) FILTER (WHERE e.name = 'start_trial') AS trial_at,
         min(e.at) FILTER (WHERE e.name = 'purchase') AS purchase_at
  FROM signups s LEFT JOIN events e ON e.user_id = s.user_id
  GROUP BY s.user_id
)
SELECT user_id, viewed_at, trial_at - viewed_at AS to_trial, purchase_at - trial_at AS to_purchase
FROM steps ORDER BY user_id;

-- Conversion by channel
SELECT s.channel, count(*) AS users,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM events e WHERE e.user_id = s.user_id AND e.name = 'purchase')) AS buyers,
       round(100.0 * count(*) FILTER (WHERE EXISTS (SELECT 1 FROM events e WHERE e.user_id = s.user_id AND e.name = 'purchase')) / count(*), 1) AS conv_pct
FROM signups s GROUP BY s.channel ORDER BY conv_pct DESC, s.channel;

-- Weekly cohorts (ISO weeks)
SELECT date_trunc('week', signed_up_at)::date AS cohort, count(*) AS size, array_agg(user_id ORDER BY user_id) AS members
FROM signups GROUP BY 1 ORDER BY 1;

-- Retention matrix: week offset of each activity relative to signup week
WITH activity AS (
  SELECT s.user_id, date_trunc('week', s.signed_up_at) AS cohort,
         (date_trunc('week', e.at)::date - date_trunc('week', s.signed_up_at)::date) / 7 AS week_n
  FROM signups s JOIN events e ON e.user_id = s.user_id
)
SELECT cohort::date, week_n, count(DISTINCT user_id) AS active
FROM activity GROUP BY cohort, week_n ORDER BY cohort, week_n;

-- Revenue from JSON props
SELECT props->>'plan' AS plan, count(*), sum((props->>'amount')::numeric) AS revenue
FROM events WHERE name = 'purchase' GROUP BY 1 ORDER BY 1;

SELECT user_id, props, props ? 'amount' AS has_amount, jsonb_typeof(props->'amount') AS t FROM events WHERE name = 'purchase' ORDER BY user_id;

-- Time from signup to first purchase
SELECT s.user_id, min(e.at) - s.signed_up_at AS time_to_buy,
       extract(epoch FROM min(e.at) - s.signed_up_at) / 3600 AS hours
FROM signups s JOIN events e ON e.user_id = s.user_id AND e.name = 'purchase'
GROUP BY s.user_id, s.signed_up_at ORDER BY s.user_id;

-- Daily active users with a 7-day rolling distinct count approximation
SELECT d::date AS day, count(DISTINCT e.user_id) AS dau
FROM generate_series('2024-01-01'::timestamp, '2024-01-10', '1 day') d
LEFT JOIN events e ON e.at >= d AND e.at < d + interval '1 day'
GROUP BY d ORDER BY d;

-- Country breakdown with unknowns
SELECT coalesce(country, '??') AS country, count(*) FROM signups GROUP BY country ORDER BY count(*) DESC, country;

-- Users with no events at all
SELECT s.user_id FROM signups s LEFT JOIN events e ON e.user_id = s.user_id WHERE e.user_id IS NULL;

-- Event counts per user, ranked
SELECT user_id, count(*) AS n, dense_rank() OVER (ORDER BY count(*) DESC) AS rnk,
       round(cume_dist() OVER (ORDER BY count(*))::numeric, 3) AS cd
FROM events GROUP BY user_id ORDER BY n DESC, user_id;

-- Sessions: gaps of more than 30 minutes start a new session
WITH ordered AS (
  SELECT user_id, at, CASE WHEN at - lag(at) OVER (PARTITION BY user_id ORDER BY at) <= interval '30 minutes' THEN 0 ELSE 1 END AS new_session
  FROM events
)
SELECT user_id, at, sum(new_session) OVER (PARTITION BY user_id ORDER BY at) AS session_no
FROM ordered WHERE user_id IN (1, 4) ORDER BY user_id, at;

-- Average purchase amount, numeric and float
SELECT avg((props->>'amount')::numeric) AS avg_num, avg((props->>'amount')::float8) AS avg_float FROM events WHERE props ? 'amount';

-- Day of week distribution
SELECT to_char(at, 'Day') AS dow, count(*) FROM events GROUP BY 1, extract(isodow FROM at) ORDER BY extract(isodow FROM at);

-- Tag purchasers
ALTER TABLE signups ADD COLUMN is_customer boolean DEFAULT false;
UPDATE signups s SET is_customer = true WHERE user_id IN (SELECT user_id FROM events WHERE name = 'purchase');
SELECT is_customer, count(*) FROM signups GROUP BY is_customer ORDER BY is_customer;

SELECT user_id, channel FROM signups WHERE signed_up_at::date = '2024-01-09';
