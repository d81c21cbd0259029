-- Multi-tenant SaaS billing: tenants on plans, metered usage, invoices and invoice lines,
-- credits, dunning and MRR reporting.

CREATE TYPE plan_interval AS ENUM ('month', 'year');
CREATE TYPE invoice_status AS ENUM ('draft', 'open', 'paid', 'void', 'uncollectible');

CREATE TABLE plans (
  code text PRIMARY KEY,
  name text NOT NULL,
  billing plan_interval NOT NULL,
  base_price numeric(10,2) NOT NULL,
  included_units int NOT NULL DEFAULT 0,
  unit_price numeric(10,4) NOT NULL DEFAULT 0
);

CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug = lower(slug)),
  plan text NOT NULL REFERENCES plans,
  trial_ends date,
  created date NOT NULL
);

CREATE TABLE usage_events (
  tenant_id uuid NOT NULL REFERENCES tenants,
  day date NOT NULL,
  units int NOT NULL CHECK (units >= 0)
);

CREATE TABLE invoices (
  id serial PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants,
  period_start date NOT NULL,
  period_end date NOT NULL,
  status invoice_status NOT NULL DEFAULT 'draft',
  due date,
  EXCLUDE USING btree (tenant_id WITH =, period_start WITH =)
);

CREATE TABLE invoices2 (
  id serial PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants,
  period_start date NOT NULL,
  period_end date NOT NULL,
  status invoice_status NOT NULL DEFAULT 'draft',
  due date,
  UNIQUE (tenant_id, period_start)
);

CREATE TABLE invoice_lines (
  invoice_id int NOT NULL REFERENCES invoices2 ON DELETE CASCADE,
  description text NOT NULL,
  quantity numeric NOT NULL DEFAULT 1,
  unit_amount numeric(10,4) NOT NULL,
  amount numeric(12,2) GENERATED ALWAYS AS (round(quantity * unit_amount, 2)) STORED
);

INSERT INTO plans VALUES
  ('starter', 'Starter', 'month', 29, 1000, 0.0100),
  ('growth', 'Growth', 'month', 99, 10000, 0.0080),
  ('scale-yr', 'Scale (annual)', 'year', 2400, 200000, 0.0050);

INSERT INTO tenants VALUES
  ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'acme', 'growth', NULL, '2023-01-15'),
  ('b1ffcd00-0d1c-4ef8-bb6d-6bb9bd380a22', 'globex', 'starter', '2024-02-14', '2024-01-31'),
  ('c2aade11-1e2d-4ef8-bb6d-6bb9bd380a33', 'initech', 'scale-yr', NULL, '2022-06-01');

INSERT INTO tenants VALUES ('d3bbef22-2f3e-4ef8-bb6d-6bb9bd380a44', 'Umbrella', 'starter', NULL, '2024-01-01');
INSERT INTO tenants VALUES ('not-a-uuid', 'hooli', 'starter', NULL, '2024-01-01');
INSERT INTO tenants VALUES ('e4ccf033-3a4f-4ef8-bb6d-6bb9bd380a55', 'hooli', 'enterprise', NULL, '2024-01-01');

INSERT INTO usage_events
SELECT t.id, d::date, (extract(day FROM d)::int * m)
FROM tenants t
CROSS JOIN generate_series(DATE '2024-02-01', DATE '2024-02-29', interval '1 day') d
CROSS JOIN (VALUES ('acme', 400), ('globex', 50), ('initech', 7000)) AS mult(slug, m)
WHERE mult.slug = t.slug;

SELECT t.slug, count(*) AS days, sum(u.units) AS units, min(u.day), max(u.day)
FROM usage_events u JOIN tenants t ON t.id = u.tenant_id
GROUP BY t.slug ORDER BY t.slug;

-- Draft February invoices for monthly plans
INSERT INTO invoices2 (tenant_id, period_start, period_end, due)
SELECT id, '2024-02-01', '2024-02-29', DATE '2024-02-29' + 14 FROM tenants t WHERE plan IN (SELECT code FROM plans WHERE billing = 'month')
RETURNING id, period_end, due;

INSERT INTO invoice_lines (invoice_id, description, quantity, unit_amount)
SELECT i.id, p.name || ' plan', 1, p.base_price
FROM invoices2 i JOIN tenants t ON t.id = i.tenant_id JOIN plans p ON p.code = t.plan;

INSERT INTO invoice_lines (invoice_id, description, quantity, unit_amount)
SELECT i.id, 'Overage (' || (sum(u.units) - p.included_units) || ' units)', sum(u.units) - p.included_units, p.unit_price
FROM invoices2 i
JOIN tenants t ON t.id = i.tenant_id
JOIN plans p ON p.code = t.plan
JOIN usage_events u ON u.tenant_id = t.id AND u.day BETWEEN i.period_start AND i.period_end
GROUP BY i.id, p.included_units, p.unit_price
HAVING sum(u.units) > p.included_units;

SELECT i.id, t.slug, l.description, l.quantity, l.unit_amount, l.amount
FROM invoice_lines l JOIN invoices2 i ON i.id = l.invoice_id JOIN tenants t ON t.id = i.tenant_id
ORDER BY i.id, l.amount DESC;

-- Trial tenants get their base fee waived via a negative line
INSERT INTO invoice_lines (invoice_id, description, quantity, unit_amount)
SELECT i.id, 'Trial credit', -1, p.base_price
FROM invoices2 i JOIN tenants t ON t.id = i.tenant_id JOIN plans p ON p.code = t.plan
WHERE t.trial_ends >= i.period_start;

SELECT i.id, t.slug, sum(l.amount) AS total, i.status
FROM invoices2 i JOIN tenants t ON t.id = i.tenant_id JOIN invoice_lines l ON l.invoice_id = i.id
GROUP BY i.id, t.slug ORDER BY i.id;

-- Finalise invoices
UPDATE invoices2 SET status = 'open' WHERE status = 'draft' RETURNING id, status;
UPDATE invoices2 SET status = 'paid' WHERE tenant_id = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
UPDATE invoices2 SET status = 'refunded' WHERE id = 1;

-- Enum ordering and comparisons
SELECT id, status, status > 'open' AS past_open FROM invoices2 ORDER BY status, id;
SELECT unnest(enum_range(NULL::invoice_status)) AS s;

-- Overdue as of March 20
SELECT t.slug, i.due, DATE '2024-03-20' - i.due AS days_overdue
FROM invoices2 i JOIN tenants t ON t.id = i.tenant_id
WHERE i.status = 'open' AND i.due < DATE '2024-03-20';

-- MRR: annual plans divided by 12
SELECT t.slug, p.billing,
       CASE p.billing WHEN 'year' THEN round(p.base_price / 12, 2) ELSE p.base_price END AS mrr
FROM tenants t JOIN plans p ON p.code = t.plan ORDER BY mrr DESC;

SELECT sum(CASE p.billing WHEN 'year' THEN p.base_price / 12 ELSE p.base_price END)::numeric(10,2) AS total_mrr
FROM tenants t JOIN plans p ON p.code = t.plan;

-- Tenant id formatting
SELECT slug, upper(id::text) AS id_upper, left(id::text, 8) AS short_id FROM tenants ORDER BY slug;

-- Plan change: upsert with conflict on slug
INSERT INTO tenants (id, slug, plan, created) VALUES ('b1ffcd00-0d1c-4ef8-bb6d-6bb9bd380a22', 'globex', 'growth', '2024-01-31')
ON CONFLICT (id) DO UPDATE SET plan = EXCLUDED.plan RETURNING slug, plan;

-- Void and delete a draft invoice
DELETE FROM invoices2 WHERE id = 2 RETURNING id;
SELECT count(*) FROM invoice_lines WHERE invoice_id = 2;

-- Daily usage peak per tenant
SELECT DISTINCT ON (t.slug) t.slug, u.day, u.units
FROM usage_events u JOIN tenants t ON t.id = u.tenant_id
ORDER BY t.slug, u.units DESC, u.day;

-- Weekly usage
SELECT t.slug, date_trunc('week', u.day)::date AS week, sum(u.units)
FROM usage_events u JOIN tenants t ON t.id = u.tenant_id
WHERE t.slug = 'globex'
GROUP BY 1, 2 ORDER BY 2;

SELECT * FROM plans WHERE billing = 'month';
