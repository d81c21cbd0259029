-- Small-business accounting package: chart of accounts, journal entries with balanced
-- debit/credit lines, fiscal periods that can be closed, trial balance and P&L reports.

CREATE TABLE fiscal_periods (
  id serial PRIMARY KEY,
  code varchar(7) NOT NULL UNIQUE,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  closed boolean NOT NULL DEFAULT false,
  CHECK (ends_on > starts_on)
);

CREATE TABLE accounts (
  code varchar(10) PRIMARY KEY,
  name text NOT NULL,
  kind varchar(10) NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'income', 'expense')),
  parent_code varchar(10) REFERENCES accounts (code)
);

CREATE TABLE journal_entries (
  id serial PRIMARY KEY,
  period_id integer NOT NULL REFERENCES fiscal_periods (id),
  entry_date date NOT NULL,
  memo text NOT NULL,
  reference varchar(20),
  posted boolean NOT NULL DEFAULT false
);

CREATE TABLE journal_lines (
  id serial PRIMARY KEY,
  entry_id integer NOT NULL REFERENCES journal_entries (id) ON DELETE CASCADE,
  account_code varchar(10) NOT NULL REFERENCES accounts (code),
  debit numeric(14,2) NOT NULL DEFAULT 0 CHECK (debit >= 0),
  credit numeric(14,2) NOT NULL DEFAULT 0 CHECK (credit >= 0),
  CHECK ((debit = 0) <> (credit = 0))
);

INSERT INTO fiscal_periods (code, starts_on, ends_on)
SELECT to_char(m, 'YYYY-MM'), m::date, (m + INTERVAL '1 month' - INTERVAL '1 day')::date
FROM generate_series(DATE '2024-01-01', DATE '2024-04-01', INTERVAL '1 month') AS m;

SELECT id, code, starts_on, ends_on, ends_on - starts_on + 1 AS days FROM fiscal_periods ORDER BY id;

INSERT INTO accounts (code, name, kind, parent_code) VALUES
  ('1000', 'assets', 'asset', NULL), ('1010', 'bank', 'asset', '1000'), ('1200', 'receivables', 'asset', '1000'),
  ('2000', 'payables', 'liability', NULL), ('2100', 'vat payable', 'liability', '2000'),
  ('3000', 'owner equity', 'equity', NULL),
  ('4000', 'sales', 'income', NULL),
  ('5000', 'rent', 'expense', NULL), ('5100', 'software', 'expense', NULL), ('5200', 'bank fees', 'expense', NULL);

INSERT INTO journal_entries (period_id, entry_date, memo, reference, posted) VALUES
  (1, '2024-01-02', 'owner investment', 'cap-001', true),
  (1, '2024-01-05', 'january rent', 'inv-r01', true),
  (1, '2024-01-20', 'invoice 1001 to acme', 'inv-1001', true),
  (2, '2024-02-05', 'payment from acme', 'pay-1001', true),
  (2, '2024-02-06', 'february rent', 'inv-r02', true),
  (2, '2024-02-29', 'software subscription', NULL, true),
  (3, '2024-03-15', 'invoice 1002 to globex', 'inv-1002', false);

INSERT INTO journal_lines (entry_id, account_code, debit, credit) VALUES
  (1, '1010', 10000.00, 0), (1, '3000', 0, 10000.00),
  (2, '5000', 1200.00, 0), (2, '1010', 0, 1200.00),
  (3, '1200', 2380.00, 0), (3, '4000', 0, 2000.00), (3, '2100', 0, 380.00),
  (4, '1010', 2380.00, 0), (4, '1200', 0, 2380.00),
  (5, '5000', 1200.00, 0), (5, '1010', 0, 1200.00),
  (6, '5100', 49.99, 0), (6, '5200', 0.50, 0), (6, '1010', 0, 50.49),
  (7, '1200', 595.00, 0), (7, '4000', 0, 500.00), (7, '2100', 0, 95.00);

-- Every entry must balance
SELECT e.id, sum(l.debit) AS debits, sum(l.credit) AS credits, sum(l.debit) = sum(l.credit) AS balanced
FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id
GROUP BY e.id ORDER BY e.id;

SELECT entry_id FROM journal_lines GROUP BY entry_id HAVING sum(debit) <> sum(credit);

-- Trial balance of posted entries
SELECT a.code, a.name, a.kind,
       coalesce(sum(l.debit), 0) AS debit, coalesce(sum(l.credit), 0) AS credit,
       coalesce(sum(l.debit - l.credit), 0) AS net
FROM accounts a
LEFT JOIN journal_lines l ON l.account_code = a.code AND l.entry_id IN (SELECT id FROM journal_entries WHERE posted)
GROUP BY a.code, a.name, a.kind
ORDER BY a.code;

-- Balances with the natural sign of each account kind
SELECT a.code, a.name,
       CASE WHEN a.kind IN ('asset', 'expense') THEN sum(l.debit - l.credit) ELSE sum(l.credit - l.debit) END AS balance
FROM accounts a JOIN journal_lines l ON l.account_code = a.code
JOIN journal_entries e ON e.id = l.entry_id AND e.posted
GROUP BY a.code, a.name, a.kind
HAVING sum(l.debit - l.credit) <> 0
ORDER BY a.code;

-- Roll-up to parent accounts
SELECT coalesce(a.parent_code, a.code) AS group_code, sum(l.debit - l.credit) AS net
FROM journal_lines l JOIN accounts a ON a.code = l.account_code
GROUP BY coalesce(a.parent_code, a.code) ORDER BY group_code;

-- Profit and loss per fiscal period
SELECT p.code AS period,
       coalesce(sum(l.credit - l.debit) FILTER (WHERE a.kind = 'income'), 0) AS income,
       coalesce(sum(l.debit - l.credit) FILTER (WHERE a.kind = 'expense'), 0) AS expenses,
       coalesce(sum(l.credit - l.debit) FILTER (WHERE a.kind IN ('income', 'expense')), 0) AS profit
FROM fiscal_periods p
LEFT JOIN journal_entries e ON e.period_id = p.id AND e.posted
LEFT JOIN journal_lines l ON l.entry_id = e.id
LEFT JOIN accounts a ON a.code = l.account_code
GROUP BY p.id, p.code ORDER BY p.id;

-- Bank account ledger with running balance
SELECT e.entry_date, e.memo, l.debit, l.credit,
       sum(l.debit - l.credit) OVER (ORDER BY e.entry_date, l.id) AS running_balance
FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
WHERE l.account_code = '1010'
ORDER BY e.entry_date, l.id;

-- Quarter and year-to-date totals
SELECT date_trunc('quarter', e.entry_date)::date AS quarter, extract(quarter FROM e.entry_date) AS q,
       sum(l.credit) FILTER (WHERE l.account_code = '4000') AS sales
FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id
GROUP BY 1, 2 ORDER BY 1;

-- Entries dated outside their period (should be none), and period lookup by date
SELECT e.id FROM journal_entries e JOIN fiscal_periods p ON p.id = e.period_id
WHERE e.entry_date NOT BETWEEN p.starts_on AND p.ends_on;

SELECT code FROM fiscal_periods WHERE DATE '2024-02-29' BETWEEN starts_on AND ends_on;

-- Posting a new balanced entry in a transaction
BEGIN;
INSERT INTO journal_entries (period_id, entry_date, memo, reference, posted) VALUES (3, '2024-03-05', 'march rent', 'inv-r03', true) RETURNING id;
INSERT INTO journal_lines (entry_id, account_code, debit, credit) VALUES (8, '5000', 1200.00, 0), (8, '1010', 0, 1200.00);
SELECT sum(debit) - sum(credit) AS imbalance FROM journal_lines WHERE entry_id = 8;
COMMIT;

-- An invalid line aborts the whole entry
BEGIN;
INSERT INTO journal_entries (period_id, entry_date, memo, posted) VALUES (3, '2024-03-20', 'broken entry', true);
INSERT INTO journal_lines (entry_id, account_code, debit, credit) VALUES (currval(pg_get_serial_sequence('journal_entries', 'id')), '5100', 10.00, 10.00);
ROLLBACK;
SELECT count(*) FROM journal_entries WHERE memo = 'broken entry';

-- Constraint violations
INSERT INTO journal_lines (entry_id, account_code, debit) VALUES (1, '9999', 5);
INSERT INTO journal_lines (entry_id, account_code, debit) VALUES (1, '1010', -5);
INSERT INTO accounts (code, name, kind) VALUES ('6000', 'misc', 'other');
INSERT INTO fiscal_periods (code, starts_on, ends_on) VALUES ('2024-01', '2024-01-01', '2024-01-31');

-- Closing a period: only when all its entries are posted
SELECT p.code, count(e.id) FILTER (WHERE NOT e.posted) AS unposted
FROM fiscal_periods p LEFT JOIN journal_entries e ON e.period_id = p.id
GROUP BY p.id, p.code ORDER BY p.id;

UPDATE fiscal_periods p SET closed = true
WHERE p.ends_on < DATE '2024-03-31'
  AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.period_id = p.id AND NOT e.posted);

SELECT code, closed FROM fiscal_periods ORDER BY id;

-- Closing entry: move income and expense balances of Q1 to equity
CREATE TEMP TABLE closing AS
SELECT a.code, sum(l.credit - l.debit) AS amount
FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id AND e.posted JOIN accounts a ON a.code = l.account_code
WHERE a.kind IN ('income', 'expense') AND e.entry_date < '2024-04-01'
GROUP BY a.code;

SELECT code, amount FROM closing ORDER BY code;
SELECT sum(amount) AS retained_earnings FROM closing;

-- VAT report: output tax per period
SELECT p.code, sum(l.credit - l.debit) AS vat_due
FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN fiscal_periods p ON p.id = e.period_id
WHERE l.account_code = '2100'
GROUP BY p.id, p.code ORDER BY p.id;

-- Open receivables: invoices without a matching payment reference
SELECT e.reference, e.entry_date, sum(l.debit) AS amount
FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id AND l.account_code = '1200'
WHERE e.reference LIKE 'inv-1%'
  AND NOT EXISTS (SELECT 1 FROM journal_entries pay WHERE pay.reference = replace(e.reference, 'inv-', 'pay-'))
GROUP BY e.id, e.reference, e.entry_date ORDER BY e.entry_date;

-- Monthly expense breakdown formatted for a report
SELECT to_char(e.entry_date, 'Mon YYYY') AS month, a.name, to_char(sum(l.debit), 'FM999,990.00') AS amount
FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.code = l.account_code
WHERE a.kind = 'expense'
GROUP BY date_trunc('month', e.entry_date), to_char(e.entry_date, 'Mon YYYY'), a.name
ORDER BY date_trunc('month', e.entry_date), a.name;

-- Reversing an entry creates mirrored lines
INSERT INTO journal_entries (period_id, entry_date, memo, reference, posted) VALUES (3, '2024-03-31', 'reversal of 6', 'rev-6', true) RETURNING id;
INSERT INTO journal_lines (entry_id, account_code, debit, credit)
SELECT (SELECT id FROM journal_entries WHERE reference = 'rev-6'), account_code, credit, debit FROM journal_lines WHERE entry_id = 6 ORDER BY id;
SELECT account_code, sum(debit - credit) AS net FROM journal_lines
WHERE entry_id IN (SELECT id FROM journal_entries WHERE id = 6 OR reference = 'rev-6')
GROUP BY account_code ORDER BY account_code;

-- Adding a cost-centre dimension later
ALTER TABLE journal_lines ADD COLUMN cost_centre varchar(8);
UPDATE journal_lines SET cost_centre = CASE WHEN account_code LIKE '5%' THEN 'ops' ELSE NULL END;
SELECT coalesce(cost_centre, '(none)') AS cost_centre, count(*), sum(debit) FROM journal_lines GROUP BY cost_centre ORDER BY cost_centre NULLS FIRST;
