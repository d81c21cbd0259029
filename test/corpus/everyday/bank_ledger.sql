-- Double-entry bank ledger: accounts, transfers and ledger entries with balances kept in
-- numeric columns, transfers done in transactions, and statement/reconciliation queries.

CREATE TABLE accounts (
  id bigserial PRIMARY KEY,
  iban varchar(34) NOT NULL UNIQUE,
  holder text NOT NULL,
  currency char(3) NOT NULL DEFAULT 'EUR',
  balance numeric(14,2) NOT NULL DEFAULT 0,
  overdraft_limit numeric(14,2) NOT NULL DEFAULT 0,
  closed boolean NOT NULL DEFAULT false,
  CONSTRAINT balance_within_limit CHECK (balance >= -overdraft_limit)
);

CREATE TABLE transfers (
  id bigserial PRIMARY KEY,
  from_account bigint REFERENCES accounts (id),
  to_account bigint REFERENCES accounts (id),
  amount numeric(14,2) NOT NULL CHECK (amount > 0),
  reference text,
  booked_at timestamp NOT NULL,
  CHECK (from_account IS DISTINCT FROM to_account)
);

CREATE TABLE entries (
  id bigserial PRIMARY KEY,
  transfer_id bigint NOT NULL REFERENCES transfers (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id),
  amount numeric(14,2) NOT NULL,
  booked_at timestamp NOT NULL
);

CREATE INDEX entries_account_booked_idx ON entries (account_id, booked_at);

INSERT INTO accounts (iban, holder, balance, overdraft_limit) VALUES
  ('DE89370400440532013000', 'alice', 0, 500),
  ('DE89370400440532013001', 'bob', 0, 0),
  ('DE89370400440532013002', 'carol', 0, 1000),
  ('GB29NWBK60161331926819', 'bank cash', 0, 100000000)
RETURNING id, holder, balance;

-- Opening deposits booked as transfers from the bank's cash account
BEGIN;
INSERT INTO transfers (from_account, to_account, amount, reference, booked_at) VALUES
  (4, 1, 1000.00, 'opening deposit', '2024-01-02 09:00:00'),
  (4, 2, 250.50, 'opening deposit', '2024-01-02 09:05:00'),
  (4, 3, 5000.00, 'opening deposit', '2024-01-02 09:10:00');
INSERT INTO entries (transfer_id, account_id, amount, booked_at)
SELECT id, from_account, -amount, booked_at FROM transfers
UNION ALL
SELECT id, to_account, amount, booked_at FROM transfers;
UPDATE accounts a SET balance = a.balance + e.total
FROM (SELECT account_id, sum(amount) AS total FROM entries GROUP BY account_id) e
WHERE e.account_id = a.id;
COMMIT;

SELECT id, holder, balance FROM accounts ORDER BY id;

-- A transfer from alice to bob
BEGIN;
SELECT balance FROM accounts WHERE id IN (1, 2) ORDER BY id FOR UPDATE;
INSERT INTO transfers (from_account, to_account, amount, reference, booked_at)
VALUES (1, 2, 120.25, 'rent share', '2024-01-05 12:00:00') RETURNING id;
INSERT INTO entries (transfer_id, account_id, amount, booked_at) VALUES
  (4, 1, -120.25, '2024-01-05 12:00:00'),
  (4, 2, 120.25, '2024-01-05 12:00:00');
UPDATE accounts SET balance = balance - 120.25 WHERE id = 1 RETURNING balance;
UPDATE accounts SET balance = balance + 120.25 WHERE id = 2 RETURNING balance;
COMMIT;

-- Bob cannot go overdrawn: the transaction fails and is rolled back
BEGIN;
INSERT INTO transfers (from_account, to_account, amount, reference, booked_at)
VALUES (2, 3, 1000.00, 'too much', '2024-01-06 08:00:00');
UPDATE accounts SET balance = balance - 1000.00 WHERE id = 2;
ROLLBACK;

SELECT (SELECT count(*) FROM transfers) AS transfers, balance FROM accounts WHERE id = 2;

-- Alice may use her overdraft
BEGIN;
INSERT INTO transfers (from_account, to_account, amount, reference, booked_at)
VALUES (1, 3, 1200.00, 'car repair', '2024-01-07 15:30:00') RETURNING id;
INSERT INTO entries (transfer_id, account_id, amount, booked_at) VALUES
  (6, 1, -1200.00, '2024-01-07 15:30:00'),
  (6, 3, 1200.00, '2024-01-07 15:30:00');
UPDATE accounts SET balance = balance - 1200.00 WHERE id = 1;
UPDATE accounts SET balance = balance + 1200.00 WHERE id = 3;
COMMIT;

SELECT holder, balance, overdraft_limit, balance + overdraft_limit AS available
FROM accounts ORDER BY id;

-- Savepoints: keep the fee, drop the failed bonus
BEGIN;
INSERT INTO transfers (from_account, to_account, amount, reference, booked_at)
VALUES (3, 4, 2.50, 'monthly fee', '2024-01-31 23:59:00');
SAVEPOINT bonus;
INSERT INTO transfers (from_account, to_account, amount, reference, booked_at)
VALUES (4, 3, -10.00, 'negative bonus', '2024-01-31 23:59:00');
ROLLBACK TO SAVEPOINT bonus;
INSERT INTO entries (transfer_id, account_id, amount, booked_at)
SELECT id, 3, -2.50, booked_at FROM transfers WHERE reference = 'monthly fee'
UNION ALL
SELECT id, 4, 2.50, booked_at FROM transfers WHERE reference = 'monthly fee';
UPDATE accounts SET balance = balance - 2.50 WHERE id = 3;
UPDATE accounts SET balance = balance + 2.50 WHERE id = 4;
COMMIT;

-- Errors seen inside a transaction put it in a failed state until rollback
BEGIN;
INSERT INTO transfers (from_account, to_account, amount, booked_at) VALUES (1, 1, 5.00, '2024-02-01 00:00:00');
SELECT 1;
ROLLBACK;

-- The books must balance: all entries sum to zero
SELECT sum(amount) AS total, count(DISTINCT transfer_id) AS transfers FROM entries;

-- Balances agree with the entries
SELECT a.holder, a.balance, coalesce(sum(e.amount), 0) AS from_entries,
       a.balance = coalesce(sum(e.amount), 0) AS ok
FROM accounts a LEFT JOIN entries e ON e.account_id = a.id
GROUP BY a.id
ORDER BY a.id;

-- Account statement with running balance
SELECT e.booked_at, t.reference, e.amount,
       sum(e.amount) OVER (ORDER BY e.booked_at, e.id) AS running_balance
FROM entries e JOIN transfers t ON t.id = e.transfer_id
WHERE e.account_id = 1
ORDER BY e.booked_at, e.id;

-- Credits and debits per account
SELECT account_id,
       sum(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS credits,
       sum(CASE WHEN amount < 0 THEN -amount ELSE 0 END) AS debits,
       count(*) AS entries
FROM entries
GROUP BY account_id
ORDER BY account_id;

-- Transfers with both parties' names
SELECT t.id, f.holder AS payer, r.holder AS payee, t.amount, to_char(t.booked_at, 'DD Mon YYYY') AS booked
FROM transfers t
JOIN accounts f ON f.id = t.from_account
JOIN accounts r ON r.id = t.to_account
ORDER BY t.id;

-- Masked IBANs for display
SELECT holder, left(iban, 4) || repeat('*', length(iban) - 8) || right(iban, 4) AS masked
FROM accounts ORDER BY id;

-- Interest at 1.25% a year for 31 days, rounded to cents
SELECT holder, balance, round(balance * 0.0125 * 31 / 365, 2) AS interest
FROM accounts WHERE balance > 0 AND id <> 4 ORDER BY id;

-- Amount formatting and casts
SELECT amount, amount::text, amount::int AS whole, to_char(amount, 'FM999G990D00') AS formatted, CAST(amount AS numeric(10,1)) AS one_decimal
FROM transfers ORDER BY id LIMIT 3;

-- Reporting view
CREATE VIEW account_summary AS
SELECT a.id, a.holder, a.balance, count(e.id) AS entry_count, max(e.booked_at) AS last_activity
FROM accounts a LEFT JOIN entries e ON e.account_id = a.id
GROUP BY a.id;

SELECT holder, balance, entry_count, last_activity FROM account_summary WHERE holder <> 'bank cash' ORDER BY holder;

-- Average balance per customer, guarding against division by zero
SELECT sum(balance) / NULLIF(sum(CASE WHEN closed THEN 1 ELSE 0 END), 0) AS avg_closed_balance FROM accounts;
SELECT sum(balance) / sum(CASE WHEN closed THEN 1 ELSE 0 END) FROM accounts;

-- Closing an account and deleting a bad transfer
UPDATE accounts SET closed = true WHERE holder = 'bob' AND balance > 0 RETURNING id, closed;
DELETE FROM transfers WHERE id = 6;
DELETE FROM accounts WHERE id = 2;
SELECT count(*) FROM entries WHERE transfer_id = 6;
