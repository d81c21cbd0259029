-- Subscription billing back office: writable CTEs, MERGE, SELECT INTO / CREATE TABLE AS,
-- prepared statements, generated columns, comments and information_schema introspection.

CREATE TABLE customers (
  id integer PRIMARY KEY,
  email text NOT NULL UNIQUE,
  plan text NOT NULL DEFAULT 'free',
  credits integer NOT NULL DEFAULT 0,
  updated_on date
);

CREATE TABLE usage_events (
  id serial PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  units integer NOT NULL,
  unit_price numeric(8,4) NOT NULL,
  cost numeric(12,4) GENERATED ALWAYS AS (units * unit_price) STORED,
  day date NOT NULL
);

COMMENT ON TABLE customers IS 'Paying and free customers';
COMMENT ON COLUMN customers.credits IS 'Prepaid credit balance in cents';

INSERT INTO customers (id, email, plan, credits) VALUES
  (1, 'a@example.com', 'pro', 500), (2, 'b@example.com', 'free', 0), (3, 'c@example.com', 'team', 1200), (4, 'd@example.com', 'free', 50);

INSERT INTO usage_events (customer_id, units, unit_price, day) VALUES
  (1, 100, 0.0150, '2024-08-01'), (1, 250, 0.0150, '2024-08-02'), (2, 10, 0.0200, '2024-08-01'),
  (3, 1000, 0.0100, '2024-08-01'), (3, 400, 0.0100, '2024-08-03'), (4, 5, 0.0200, '2024-08-02');

-- Generated column
SELECT id, units, unit_price, cost FROM usage_events ORDER BY id;
INSERT INTO usage_events (customer_id, units, unit_price, cost, day) VALUES (1, 1, 1, 99, '2024-08-04');
UPDATE usage_events SET units = 200 WHERE id = 1 RETURNING cost;

-- UPDATE with scalar and multi-column subqueries
UPDATE customers c SET credits = credits - (SELECT (sum(cost) * 100)::int FROM usage_events u WHERE u.customer_id = c.id)
WHERE plan = 'pro' RETURNING id, credits;
UPDATE customers SET (plan, updated_on) = (SELECT 'pro', DATE '2024-08-05') WHERE id IN (SELECT customer_id FROM usage_events GROUP BY customer_id HAVING sum(units) > 1000)
RETURNING id, plan, updated_on;
UPDATE customers SET credits = (SELECT max(credits) FROM customers) WHERE id = 4 RETURNING credits;

-- Writable CTEs: delete and report in one statement
WITH removed AS (
  DELETE FROM usage_events WHERE day = '2024-08-01' RETURNING customer_id, units
)
SELECT customer_id, sum(units) AS units_removed FROM removed GROUP BY customer_id ORDER BY customer_id;

WITH moved AS (
  DELETE FROM usage_events WHERE customer_id = 4 RETURNING *
), archived AS (
  INSERT INTO usage_events (customer_id, units, unit_price, day)
  SELECT 2, units, unit_price, day FROM moved RETURNING id
)
SELECT count(*) AS moved_rows FROM archived;

WITH upd AS (
  UPDATE customers SET credits = credits + 100 WHERE plan = 'free' RETURNING id
)
SELECT array_agg(id ORDER BY id) AS topped_up FROM upd;

SELECT customer_id, count(*), sum(cost) FROM usage_events GROUP BY customer_id ORDER BY customer_id;

-- MERGE (PostgreSQL 15)
CREATE TABLE plan_changes (customer_id integer, new_plan text, bonus integer);
INSERT INTO plan_changes VALUES (2, 'pro', 200), (4, NULL, 0), (5, 'team', 300);
MERGE INTO customers c
USING plan_changes p ON c.id = p.customer_id
WHEN MATCHED AND p.new_plan IS NULL THEN DELETE
WHEN MATCHED THEN UPDATE SET plan = p.new_plan, credits = c.credits + p.bonus
WHEN NOT MATCHED THEN INSERT (id, email, plan, credits) VALUES (p.customer_id, 'new' || p.customer_id || '@example.com', p.new_plan, p.bonus);
SELECT id, email, plan, credits FROM customers ORDER BY id;

-- SELECT INTO and CREATE TABLE AS
SELECT id, email INTO TEMP TABLE pro_customers FROM customers WHERE plan = 'pro';
SELECT * FROM pro_customers ORDER BY id;
CREATE TABLE daily_usage AS SELECT day, sum(units) AS units FROM usage_events GROUP BY day;
CREATE TABLE empty_copy AS SELECT * FROM customers WITH NO DATA;
SELECT (SELECT count(*) FROM daily_usage) AS daily_rows, (SELECT count(*) FROM empty_copy) AS empty_rows;
CREATE TABLE IF NOT EXISTS daily_usage AS SELECT 1 AS x;
CREATE TABLE daily_usage AS SELECT 1 AS x;

-- INSERT ... DEFAULT VALUES and conditional upserts
CREATE TABLE counters (name text PRIMARY KEY DEFAULT 'default', hits integer NOT NULL DEFAULT 0);
INSERT INTO counters DEFAULT VALUES RETURNING *;
INSERT INTO counters (name, hits) VALUES ('default', 5)
ON CONFLICT (name) DO UPDATE SET hits = counters.hits + EXCLUDED.hits WHERE counters.hits < 3 RETURNING *;
INSERT INTO counters (name, hits) VALUES ('default', 5)
ON CONFLICT (name) DO UPDATE SET hits = counters.hits + EXCLUDED.hits WHERE counters.hits < 3 RETURNING *;
INSERT INTO counters VALUES ('a', 1), ('a', 2) ON CONFLICT (name) DO UPDATE SET hits = EXCLUDED.hits;

-- Prepared statements
PREPARE customer_by_plan (text) AS SELECT id, email FROM customers WHERE plan = $1 ORDER BY id;
EXECUTE customer_by_plan('pro');
EXECUTE customer_by_plan('team');
PREPARE add_credits (integer, integer) AS UPDATE customers SET credits = credits + $2 WHERE id = $1 RETURNING credits;
EXECUTE add_credits(1, 25);
EXECUTE add_credits('x', 25);
DEALLOCATE customer_by_plan;
EXECUTE customer_by_plan('pro');

-- Comments and catalog introspection
SELECT obj_description('customers'::regclass, 'pg_class') AS table_comment, col_description('customers'::regclass, 4) AS credits_comment;
SELECT column_name, data_type, is_nullable, column_default
FROM information_schema.columns WHERE table_name = 'customers' ORDER BY ordinal_position;
SELECT column_name, data_type, numeric_precision, numeric_scale, is_generated, generation_expression
FROM information_schema.columns WHERE table_name = 'usage_events' ORDER BY ordinal_position;
SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name;
SELECT constraint_name, constraint_type FROM information_schema.table_constraints
WHERE table_name = 'usage_events' AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY', 'UNIQUE') ORDER BY constraint_name;
SELECT count(*) AS has_column FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'plan';
