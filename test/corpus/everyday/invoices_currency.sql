-- Invoicing for a multi-currency B2B business: clients, invoices and invoice lines in
-- numeric(12,2), exchange rates, tax, payments and accounts-receivable reports.

CREATE TABLE currencies (
  code char(3) PRIMARY KEY,
  name text NOT NULL,
  minor_units smallint NOT NULL DEFAULT 2
);

CREATE TABLE exchange_rates (
  currency char(3) NOT NULL REFERENCES currencies (code),
  rate_date date NOT NULL,
  rate_to_eur numeric(12,6) NOT NULL CHECK (rate_to_eur > 0),
  PRIMARY KEY (currency, rate_date)
);

CREATE TABLE clients (
  id serial PRIMARY KEY,
  name text NOT NULL,
  vat_rate numeric(5,4) NOT NULL DEFAULT 0.2000,
  currency char(3) NOT NULL REFERENCES currencies (code)
);

CREATE TABLE invoices (
  id serial PRIMARY KEY,
  number varchar(20) NOT NULL UNIQUE,
  client_id integer NOT NULL REFERENCES clients (id),
  currency char(3) NOT NULL REFERENCES currencies (code),
  issued_on date NOT NULL,
  due_on date NOT NULL,
  status varchar(10) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'paid', 'void'))
);

CREATE TABLE invoice_lines (
  id serial PRIMARY KEY,
  invoice_id integer NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  description text NOT NULL,
  quantity numeric(10,3) NOT NULL DEFAULT 1,
  unit_price numeric(12,2) NOT NULL,
  discount_pct numeric(5,2) NOT NULL DEFAULT 0 CHECK (discount_pct BETWEEN 0 AND 100)
);

CREATE TABLE payments (
  id serial PRIMARY KEY,
  invoice_id integer NOT NULL REFERENCES invoices (id),
  amount numeric(12,2) NOT NULL CHECK (amount > 0),
  paid_on date NOT NULL
);

INSERT INTO currencies (code, name, minor_units) VALUES
  ('EUR', 'Euro', 2), ('USD', 'US Dollar', 2), ('GBP', 'Pound Sterling', 2), ('JPY', 'Yen', 0);

INSERT INTO exchange_rates (currency, rate_date, rate_to_eur) VALUES
  ('EUR', '2024-01-01', 1),
  ('USD', '2024-01-01', 0.905797), ('USD', '2024-02-01', 0.924556), ('USD', '2024-03-01', 0.922169),
  ('GBP', '2024-01-01', 1.152074), ('GBP', '2024-03-01', 1.168224),
  ('JPY', '2024-01-01', 0.006418);

INSERT INTO clients (name, vat_rate, currency) VALUES
  ('acme gmbh', 0.19, 'EUR'),
  ('globex inc', 0, 'USD'),
  ('initech ltd', 0.2, 'GBP'),
  ('umbrella kk', 0.1, 'JPY');

INSERT INTO invoices (number, client_id, currency, issued_on, due_on, status) VALUES
  ('INV-2024-001', 1, 'EUR', '2024-01-15', '2024-02-14', 'paid'),
  ('INV-2024-002', 2, 'USD', '2024-02-03', '2024-03-04', 'sent'),
  ('INV-2024-003', 3, 'GBP', '2024-03-10', '2024-04-09', 'sent'),
  ('INV-2024-004', 4, 'JPY', '2024-03-12', '2024-04-11', 'draft'),
  ('INV-2024-005', 1, 'EUR', '2024-03-20', '2024-04-19', 'sent');

INSERT INTO invoice_lines (invoice_id, description, quantity, unit_price, discount_pct) VALUES
  (1, 'consulting (hours)', 12.5, 120.00, 0),
  (1, 'travel expenses', 1, 342.18, 0),
  (2, 'software licence', 3, 1999.99, 10),
  (2, 'support plan', 1, 499.00, 0),
  (3, 'workshop', 2, 850.00, 5),
  (3, 'materials', 15, 12.35, 0),
  (4, 'translation', 1, 250000, 0),
  (5, 'consulting (hours)', 7.25, 120.00, 0);

-- Line totals with discount, rounded to cents
SELECT id, invoice_id, quantity * unit_price AS gross,
       round(quantity * unit_price * (1 - discount_pct / 100), 2) AS net
FROM invoice_lines ORDER BY id;

-- Invoice totals with VAT
SELECT i.number, i.currency,
       sum(round(l.quantity * l.unit_price * (1 - l.discount_pct / 100), 2)) AS net,
       round(sum(round(l.quantity * l.unit_price * (1 - l.discount_pct / 100), 2)) * c.vat_rate, 2) AS vat,
       sum(round(l.quantity * l.unit_price * (1 - l.discount_pct / 100), 2))
         + round(sum(round(l.quantity * l.unit_price * (1 - l.discount_pct / 100), 2)) * c.vat_rate, 2) AS total
FROM invoices i
JOIN clients c ON c.id = i.client_id
JOIN invoice_lines l ON l.invoice_id = i.id
GROUP BY i.id, c.vat_rate
ORDER BY i.number;

-- A view for the totals, used by the rest of the reports
CREATE VIEW invoice_totals AS
SELECT i.id, i.number, i.client_id, i.currency, i.issued_on, i.due_on, i.status,
       sum(round(l.quantity * l.unit_price * (1 - l.discount_pct / 100), 2))::numeric(12,2) AS net,
       (sum(round(l.quantity * l.unit_price * (1 - l.discount_pct / 100), 2)) * (1 + c.vat_rate))::numeric(12,2) AS gross
FROM invoices i
JOIN clients c ON c.id = i.client_id
JOIN invoice_lines l ON l.invoice_id = i.id
GROUP BY i.id, c.vat_rate;

SELECT number, net, gross FROM invoice_totals ORDER BY number;

-- Convert every invoice to EUR with the latest rate on or before the issue date
SELECT t.number, t.currency, t.gross,
       (SELECT r.rate_to_eur FROM exchange_rates r
        WHERE r.currency = t.currency AND r.rate_date <= t.issued_on
        ORDER BY r.rate_date DESC LIMIT 1) AS rate,
       round(t.gross * (SELECT r.rate_to_eur FROM exchange_rates r
                        WHERE r.currency = t.currency AND r.rate_date <= t.issued_on
                        ORDER BY r.rate_date DESC LIMIT 1), 2) AS gross_eur
FROM invoice_totals t
ORDER BY t.number;

-- Totals per currency
SELECT currency, count(*) AS invoices, sum(gross) AS gross FROM invoice_totals GROUP BY currency ORDER BY currency;

-- Yen has no minor units
SELECT t.number, round(t.gross, cu.minor_units) AS amount, cu.minor_units
FROM invoice_totals t JOIN currencies cu ON cu.code = t.currency
WHERE t.currency = 'JPY';

-- Payments
INSERT INTO payments (invoice_id, amount, paid_on) VALUES
  (1, 2192.19, '2024-02-10'),
  (2, 3000.00, '2024-03-01'),
  (2, 2898.97, '2024-03-15'),
  (3, 500.00, '2024-03-30');

-- Outstanding balance per invoice
SELECT t.number, t.gross, coalesce(sum(p.amount), 0) AS paid, t.gross - coalesce(sum(p.amount), 0) AS outstanding
FROM invoice_totals t LEFT JOIN payments p ON p.invoice_id = t.id
WHERE t.status <> 'draft'
GROUP BY t.number, t.gross
ORDER BY t.number;

-- Mark fully paid invoices
UPDATE invoices i SET status = 'paid'
FROM (SELECT invoice_id, sum(amount) AS paid FROM payments GROUP BY invoice_id) p, invoice_totals t
WHERE p.invoice_id = i.id AND t.id = i.id AND p.paid >= t.gross AND i.status <> 'paid'
RETURNING i.number, i.status;

-- Ageing report as of 2024-04-15
SELECT t.number,
       DATE '2024-04-15' - t.due_on AS days_past_due,
       CASE
         WHEN DATE '2024-04-15' <= t.due_on THEN 'current'
         WHEN DATE '2024-04-15' - t.due_on <= 30 THEN '1-30'
         WHEN DATE '2024-04-15' - t.due_on <= 60 THEN '31-60'
         ELSE '60+'
       END AS bucket
FROM invoice_totals t
JOIN invoices i ON i.id = t.id
WHERE i.status = 'sent'
ORDER BY t.number;

-- Formatting amounts for PDFs
SELECT number, to_char(gross, 'FM999,999,990.00') AS formatted, gross::text || ' ' || currency AS label
FROM invoice_totals ORDER BY number;

-- Casts used by importers
SELECT '1234.565'::numeric(12,2) AS rounded, CAST('19.999' AS numeric(12,2)) AS rounded_up, '42'::numeric(12,2) AS padded;
SELECT 7.5::numeric / 2, 7::numeric / 3, (10::numeric / 4)::numeric(12,2), 1.10 * 3;
SELECT sum(amount)::numeric(12,2), avg(amount), avg(amount)::numeric(12,2) FROM payments;

-- Numbering: next invoice number
SELECT 'INV-2024-' || lpad((max(split_part(number, '-', 3))::int + 1)::text, 3, '0') AS next_number FROM invoices;

-- Credit notes are numbered from their own sequence
CREATE SEQUENCE credit_note_seq START WITH 1000 INCREMENT BY 10;
SELECT nextval('credit_note_seq') AS first, nextval('credit_note_seq') AS second;
SELECT 'CN-' || currval('credit_note_seq') AS current_number;
SELECT setval('credit_note_seq', 5000, false);
SELECT nextval('credit_note_seq');
SELECT currval('credit_notes_seq');
SELECT pg_get_serial_sequence('invoices', 'id') AS serial_sequence;

-- Invalid data
INSERT INTO invoice_lines (invoice_id, description, unit_price) VALUES (1, 'too big', 12345678901.00);
INSERT INTO invoice_lines (invoice_id, description, unit_price) VALUES (1, 'bad number', '12,50');
INSERT INTO invoice_lines (invoice_id, description, unit_price, discount_pct) VALUES (1, 'discount', 10, 150);
INSERT INTO invoices (number, client_id, currency, issued_on, due_on) VALUES ('INV-2024-006', 1, 'XXX', '2024-04-01', '2024-05-01');
INSERT INTO payments (invoice_id, amount, paid_on) VALUES (5, 0, '2024-04-01');
INSERT INTO exchange_rates VALUES ('USD', '2024-03-01', 0.93);

-- Exchange rate upsert from a daily feed
INSERT INTO exchange_rates (currency, rate_date, rate_to_eur) VALUES
  ('USD', '2024-03-01', 0.921500), ('USD', '2024-04-01', 0.927300)
ON CONFLICT (currency, rate_date) DO UPDATE SET rate_to_eur = EXCLUDED.rate_to_eur;

SELECT currency, rate_date, rate_to_eur FROM exchange_rates WHERE currency = 'USD' ORDER BY rate_date;

-- Void a draft and remove it
UPDATE invoices SET status = 'void' WHERE status = 'draft' RETURNING number;
DELETE FROM invoices WHERE status = 'void';
SELECT count(*) FROM invoice_lines;

-- Deleting an invoice with payments is refused
DELETE FROM invoices WHERE number = 'INV-2024-001';

-- Revenue by client and quarter
SELECT c.name, extract(quarter FROM t.issued_on) AS quarter, sum(t.net) AS net
FROM invoice_totals t JOIN clients c ON c.id = t.client_id
GROUP BY c.name, 2
ORDER BY c.name, quarter;
