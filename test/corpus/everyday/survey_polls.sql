-- Survey and polling app: surveys with ordered questions and choices, respondents' answers
-- (single choice, multiple choice as int[], ratings, free text), results, NPS and cross-tabs.

CREATE TABLE surveys (
  id serial PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  title text NOT NULL,
  opens_at timestamp NOT NULL,
  closes_at timestamp,
  anonymous boolean NOT NULL DEFAULT true
);

CREATE TABLE questions (
  id serial PRIMARY KEY,
  survey_id integer NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  position smallint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('single', 'multi', 'rating', 'text')),
  prompt text NOT NULL,
  required boolean NOT NULL DEFAULT true,
  UNIQUE (survey_id, position)
);

CREATE TABLE choices (
  id serial PRIMARY KEY,
  question_id integer NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  label text NOT NULL,
  position smallint NOT NULL
);

CREATE TABLE responses (
  id serial PRIMARY KEY,
  survey_id integer NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  respondent text,
  submitted_at timestamp NOT NULL,
  meta jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE answers (
  response_id integer NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  question_id integer NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  choice_ids integer[],
  rating smallint CHECK (rating BETWEEN 0 AND 10),
  text_value text,
  PRIMARY KEY (response_id, question_id)
);

INSERT INTO surveys (slug, title, opens_at, closes_at) VALUES
  ('product-feedback-q2', 'Product feedback Q2', '2024-04-01 00:00', '2024-06-30 23:59'),
  ('lunch-poll', 'Where should we eat?', '2024-05-10 09:00', '2024-05-10 11:30');

INSERT INTO questions (survey_id, position, kind, prompt, required) VALUES
  (1, 1, 'rating', 'How likely are you to recommend us?', true),
  (1, 2, 'multi', 'Which features do you use?', true),
  (1, 3, 'single', 'How often do you use the app?', true),
  (1, 4, 'text', 'Anything else?', false),
  (2, 1, 'single', 'Pick a place', true);

INSERT INTO choices (question_id, label, position) VALUES
  (2, 'reports', 1), (2, 'exports', 2), (2, 'api', 3), (2, 'mobile app', 4),
  (3, 'daily', 1), (3, 'weekly', 2), (3, 'monthly', 3),
  (5, 'thai', 1), (5, 'pizza', 2), (5, 'salad bar', 3);

INSERT INTO responses (survey_id, respondent, submitted_at, meta) VALUES
  (1, 'r1', '2024-04-02 10:00', '{"source": "email", "device": "desktop"}'),
  (1, 'r2', '2024-04-03 12:30', '{"source": "in_app", "device": "mobile"}'),
  (1, 'r3', '2024-04-05 08:15', '{"source": "email", "device": "mobile"}'),
  (1, 'r4', '2024-04-20 17:45', '{"source": "in_app", "device": "desktop"}'),
  (1, 'r5', '2024-05-02 09:00', '{"source": "email"}'),
  (2, NULL, '2024-05-10 09:05', '{}'), (2, NULL, '2024-05-10 09:07', '{}'),
  (2, NULL, '2024-05-10 09:30', '{}'), (2, NULL, '2024-05-10 10:02', '{}'), (2, NULL, '2024-05-10 11:10', '{}');

INSERT INTO answers (response_id, question_id, choice_ids, rating, text_value) VALUES
  (1, 1, NULL, 10, NULL), (1, 2, '{1,2,3}', NULL, NULL), (1, 3, '{5}', NULL, NULL), (1, 4, NULL, NULL, 'Love the exports.'),
  (2, 1, NULL, 8, NULL), (2, 2, '{4}', NULL, NULL), (2, 3, '{6}', NULL, NULL),
  (3, 1, NULL, 6, NULL), (3, 2, '{1,4}', NULL, NULL), (3, 3, '{5}', NULL, NULL), (3, 4, NULL, NULL, '  '),
  (4, 1, NULL, 9, NULL), (4, 2, '{1}', NULL, NULL), (4, 3, '{7}', NULL, NULL), (4, 4, NULL, NULL, 'API docs are thin'),
  (5, 1, NULL, 3, NULL), (5, 2, '{2}', NULL, NULL),
  (6, 5, '{8}', NULL, NULL), (7, 5, '{9}', NULL, NULL), (8, 5, '{8}', NULL, NULL), (9, 5, '{10}', NULL, NULL), (10, 5, '{8}', NULL, NULL);

-- Survey form: questions with their choices as a JSON array
SELECT q.position, q.kind, q.prompt,
       coalesce(json_agg(json_build_object('id', c.id, 'label', c.label) ORDER BY c.position) FILTER (WHERE c.id IS NOT NULL), '[]'::json) AS choices
FROM questions q LEFT JOIN choices c ON c.question_id = q.id
WHERE q.survey_id = 1
GROUP BY q.id, q.position, q.kind, q.prompt
ORDER BY q.position;

-- Poll results with percentages and the winner
SELECT c.label, count(a.response_id) AS votes,
       round(100.0 * count(a.response_id) / sum(count(a.response_id)) OVER (), 1) AS pct
FROM choices c LEFT JOIN answers a ON a.question_id = c.question_id AND c.id = ANY (a.choice_ids)
WHERE c.question_id = 5
GROUP BY c.id, c.label ORDER BY votes DESC, c.position;

SELECT c.label FROM choices c JOIN answers a ON c.id = ANY (a.choice_ids)
WHERE c.question_id = 5 GROUP BY c.id, c.label ORDER BY count(*) DESC, c.id LIMIT 1;

-- Multi-choice tallies via unnest
SELECT c.label, count(*) AS selected
FROM answers a CROSS JOIN LATERAL unnest(a.choice_ids) AS picked(choice_id) JOIN choices c ON c.id = picked.choice_id
WHERE a.question_id = 2
GROUP BY c.id, c.label ORDER BY selected DESC, c.id;

SELECT cardinality(choice_ids) AS features_used, count(*) FROM answers WHERE question_id = 2 GROUP BY 1 ORDER BY 1;

-- Net promoter score
SELECT count(*) AS responses,
       count(*) FILTER (WHERE rating >= 9) AS promoters,
       count(*) FILTER (WHERE rating BETWEEN 7 AND 8) AS passives,
       count(*) FILTER (WHERE rating <= 6) AS detractors,
       round(100.0 * (count(*) FILTER (WHERE rating >= 9) - count(*) FILTER (WHERE rating <= 6)) / count(*)) AS nps
FROM answers WHERE question_id = 1;

SELECT round(avg(rating), 2) AS mean, percentile_cont(0.5) WITHIN GROUP (ORDER BY rating) AS median, min(rating), max(rating), stddev_samp(rating)::numeric(6,3) AS sd
FROM answers WHERE question_id = 1;

-- Cross-tab: usage frequency by device
SELECT coalesce(r.meta->>'device', 'unknown') AS device,
       count(*) FILTER (WHERE a.choice_ids = '{5}') AS daily,
       count(*) FILTER (WHERE a.choice_ids = '{6}') AS weekly,
       count(*) FILTER (WHERE a.choice_ids = '{7}') AS monthly
FROM responses r JOIN answers a ON a.response_id = r.id AND a.question_id = 3
GROUP BY 1 ORDER BY 1;

-- Rating distribution with empty buckets
SELECT s.score, count(a.rating) AS n
FROM generate_series(0, 10) AS s(score) LEFT JOIN answers a ON a.rating = s.score AND a.question_id = 1
GROUP BY s.score ORDER BY s.score;

-- Incomplete responses: required questions not answered
SELECT r.id AS response_id, q.position, q.prompt
FROM responses r JOIN questions q ON q.survey_id = r.survey_id AND q.required
LEFT JOIN answers a ON a.response_id = r.id AND a.question_id = q.id
WHERE a.response_id IS NULL
ORDER BY r.id, q.position;

-- Completion rate per survey
SELECT s.slug, count(DISTINCT r.id) AS responses,
       count(DISTINCT r.id) FILTER (WHERE NOT EXISTS (
         SELECT 1 FROM questions q WHERE q.survey_id = s.id AND q.required
           AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.response_id = r.id AND a.question_id = q.id))) AS complete
FROM surveys s LEFT JOIN responses r ON r.survey_id = s.id
GROUP BY s.id, s.slug ORDER BY s.id;

-- Free-text answers, ignoring blanks
SELECT a.response_id, trim(a.text_value) AS comment FROM answers a
WHERE a.question_id = 4 AND nullif(trim(a.text_value), '') IS NOT NULL ORDER BY a.response_id;
SELECT count(*) FILTER (WHERE text_value ILIKE '%api%') AS mentions_api, count(*) FILTER (WHERE text_value ILIKE '%export%') AS mentions_exports
FROM answers WHERE question_id = 4;

-- Responses over time
SELECT date_trunc('week', submitted_at)::date AS week, count(*) FROM responses WHERE survey_id = 1 GROUP BY 1 ORDER BY 1;
SELECT to_char(submitted_at, 'HH24:MI') AS t, count(*) OVER (ORDER BY submitted_at, id) AS cumulative
FROM responses WHERE survey_id = 2 ORDER BY submitted_at, id;

-- Only accept votes while the poll is open
INSERT INTO responses (survey_id, submitted_at)
SELECT id, TIMESTAMP '2024-05-10 11:45' FROM surveys WHERE slug = 'lunch-poll' AND TIMESTAMP '2024-05-10 11:45' BETWEEN opens_at AND closes_at
RETURNING id;
INSERT INTO responses (survey_id, submitted_at)
SELECT id, TIMESTAMP '2024-05-10 11:15' FROM surveys WHERE slug = 'lunch-poll' AND TIMESTAMP '2024-05-10 11:15' BETWEEN opens_at AND closes_at
RETURNING id, survey_id;

-- Changing an answer (upsert on the composite key)
INSERT INTO answers (response_id, question_id, choice_ids) VALUES (11, 5, '{9}')
ON CONFLICT (response_id, question_id) DO UPDATE SET choice_ids = EXCLUDED.choice_ids;
INSERT INTO answers (response_id, question_id, choice_ids) VALUES (11, 5, '{10}')
ON CONFLICT (response_id, question_id) DO UPDATE SET choice_ids = EXCLUDED.choice_ids RETURNING response_id, choice_ids;

-- Validation errors
INSERT INTO answers (response_id, question_id, rating) VALUES (5, 3, 11);
INSERT INTO answers (response_id, question_id, rating) VALUES (5, 1, 4);
INSERT INTO questions (survey_id, position, kind, prompt) VALUES (1, 2, 'single', 'duplicate position');
INSERT INTO questions (survey_id, position, kind, prompt) VALUES (1, 5, 'ranking', 'unknown kind');
INSERT INTO answers (response_id, question_id, choice_ids) VALUES (5, 3, '{a}');

-- Reordering questions in a transaction
BEGIN;
UPDATE questions SET position = position + 100 WHERE survey_id = 1;
UPDATE questions SET position = CASE position - 100 WHEN 3 THEN 2 WHEN 2 THEN 3 ELSE position - 100 END WHERE survey_id = 1;
COMMIT;
SELECT position, prompt FROM questions WHERE survey_id = 1 ORDER BY position;

-- Results per source with array aggregation of respondents
SELECT r.meta->>'source' AS source, count(*) AS n, array_agg(r.respondent ORDER BY r.id) AS respondents, round(avg(a.rating), 1) AS avg_rating
FROM responses r JOIN answers a ON a.response_id = r.id AND a.question_id = 1
GROUP BY 1 ORDER BY 1;

-- Closing a survey and deleting it with all its data
UPDATE surveys SET closes_at = '2024-05-31 23:59' WHERE slug = 'product-feedback-q2' RETURNING slug, closes_at;
DELETE FROM surveys WHERE slug = 'lunch-poll';
SELECT (SELECT count(*) FROM questions) AS questions, (SELECT count(*) FROM choices) AS choices, (SELECT count(*) FROM responses) AS responses, (SELECT count(*) FROM answers) AS answers;
