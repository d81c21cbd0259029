-- Public library circulation: members, copies of titles, loans with due dates, holds queue,
-- fines and overdue notices.

CREATE TABLE titles (
  isbn text PRIMARY KEY CHECK (isbn ~ '^[0-9]{13}$'),
  title text NOT NULL,
  author text NOT NULL,
  published smallint,
  subjects text[] DEFAULT ARRAY[]::text[]
);

CREATE TABLE copies (
  barcode int PRIMARY KEY,
  isbn text NOT NULL REFERENCES titles ON UPDATE CASCADE,
  branch text NOT NULL,
  acquired date NOT NULL DEFAULT '2020-01-01'
);

CREATE TABLE members (
  card_no int PRIMARY KEY,
  name text NOT NULL,
  email text UNIQUE,
  joined date NOT NULL,
  max_loans int NOT NULL DEFAULT 4
);

CREATE TABLE loans (
  id serial PRIMARY KEY,
  barcode int NOT NULL REFERENCES copies,
  card_no int NOT NULL REFERENCES members,
  loaned date NOT NULL,
  due date NOT NULL,
  returned date,
  CONSTRAINT due_after_loan CHECK (due > loaned)
);

CREATE UNIQUE INDEX one_open_loan_per_copy ON loans (barcode) WHERE returned IS NULL;

INSERT INTO titles VALUES
  ('9780131103627', 'The C Programming Language', 'Kernighan, Ritchie', 1988, '{programming,c}'),
  ('9780262033848', 'Introduction to Algorithms', 'Cormen et al.', 2009, '{algorithms,programming}'),
  ('9780451524935', '1984', 'Orwell', 1949, '{fiction,dystopia}'),
  ('9780061120084', 'To Kill a Mockingbird', 'Lee', 1960, '{fiction}'),
  ('9780140449136', 'Crime and Punishment', 'Dostoevsky', 1866, NULL);

INSERT INTO titles VALUES ('978-0140449', 'Bad ISBN', 'Nobody', 2000, '{}');

INSERT INTO copies (barcode, isbn, branch, acquired) VALUES
  (1001, '9780131103627', 'central', '2015-04-02'), (1002, '9780131103627', 'north', '2018-09-10'),
  (1003, '9780262033848', 'central', '2010-01-20'), (1004, '9780451524935', 'central', '2012-06-01'),
  (1005, '9780451524935', 'north', '2021-03-15'), (1006, '9780061120084', 'north', '2019-11-11'),
  (1007, '9780140449136', 'central', '2016-02-29');

INSERT INTO members VALUES
  (1, 'Iris', 'iris@example.org', '2019-05-01', 4),
  (2, 'Omar', 'omar@example.org', '2021-01-10', 2),
  (3, 'Pia', NULL, '2023-08-20', 4),
  (4, 'Quinn', 'quinn@example.org', '2024-02-02', 1);

INSERT INTO loans (barcode, card_no, loaned, due, returned) VALUES
  (1001, 1, '2024-04-01', '2024-04-22', '2024-04-20'),
  (1004, 1, '2024-04-01', '2024-04-22', '2024-05-03'),
  (1003, 2, '2024-04-15', '2024-05-06', NULL),
  (1006, 3, '2024-04-20', '2024-05-11', NULL),
  (1005, 2, '2024-05-01', '2024-05-22', NULL),
  (1007, 4, '2024-05-02', '2024-05-23', '2024-05-10'),
  (1004, 4, '2024-05-12', '2024-06-02', NULL);

-- A copy cannot be lent twice at once
INSERT INTO loans (barcode, card_no, loaned, due) VALUES (1003, 1, '2024-05-01', '2024-05-22');

-- Due date check
INSERT INTO loans (barcode, card_no, loaned, due) VALUES (1002, 1, '2024-05-01', '2024-05-01');

-- Overdue as of 2024-05-15, with fines of 0.25 per day capped at 5.00
SELECT m.name, t.title, l.due, DATE '2024-05-15' - l.due AS days_late,
       least((DATE '2024-05-15' - l.due) * 0.25, 5.00) AS fine
FROM loans l
JOIN copies c ON c.barcode = l.barcode
JOIN titles t ON t.isbn = c.isbn
JOIN members m ON m.card_no = l.card_no
WHERE l.returned IS NULL AND l.due < DATE '2024-05-15'
ORDER BY days_late DESC;

-- Late returns already settled
SELECT l.id, l.returned - l.due AS days_late FROM loans l WHERE l.returned > l.due;

-- Availability per title and branch
SELECT t.title, c.branch,
       count(*) AS copies,
       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM loans l WHERE l.barcode = c.barcode AND l.returned IS NULL)) AS available
FROM titles t JOIN copies c USING (isbn)
GROUP BY t.title, c.branch
ORDER BY t.title, c.branch;

-- Members at their loan limit
SELECT m.name, m.max_loans, count(l.id) AS open_loans
FROM members m LEFT JOIN loans l ON l.card_no = m.card_no AND l.returned IS NULL
GROUP BY m.card_no, m.name, m.max_loans
HAVING count(l.id) >= m.max_loans
ORDER BY m.name;

-- Titles never borrowed
SELECT title FROM titles t
WHERE NOT EXISTS (SELECT 1 FROM copies c JOIN loans l ON l.barcode = c.barcode WHERE c.isbn = t.isbn)
ORDER BY title;

-- Subject search with array operators
SELECT title, subjects FROM titles WHERE subjects @> ARRAY['programming'] ORDER BY title;
SELECT title FROM titles WHERE 'fiction' = ANY (subjects) ORDER BY title;
SELECT title, array_length(subjects, 1) AS n_subjects, cardinality(subjects) AS card FROM titles ORDER BY isbn;
SELECT DISTINCT unnest(subjects) AS subject FROM titles ORDER BY subject;

-- Return a book
UPDATE loans SET returned = '2024-05-15' WHERE barcode = 1003 AND returned IS NULL RETURNING id, card_no, returned - loaned AS kept_days;

-- Renew: extend due date by two weeks
UPDATE loans SET due = due + 14 WHERE id = 4 RETURNING due;
UPDATE loans SET due = due + interval '7 days' WHERE id = 5 RETURNING due;

-- Re-keying an ISBN cascades to copies
UPDATE titles SET isbn = '9780140449137' WHERE isbn = '9780140449136';
SELECT barcode, isbn FROM copies WHERE barcode = 1007;

-- Loan history per member as a compact list
SELECT m.name, string_agg(c.isbn || '@' || to_char(l.loaned, 'MM-DD'), '; ' ORDER BY l.loaned, l.id) AS history
FROM members m JOIN loans l USING (card_no) JOIN copies c USING (barcode)
GROUP BY m.name ORDER BY m.name;

-- Busiest month
SELECT date_trunc('month', loaned)::date AS month, count(*) FROM loans GROUP BY 1 ORDER BY 1;

-- Authors with surname first letter
SELECT upper(left(author, 1)) AS letter, count(*) FROM titles GROUP BY 1 ORDER BY 1;

-- Oldest title, by publication
SELECT title, published, 2024 - published AS years_old FROM titles ORDER BY published NULLS FIRST LIMIT 2;

-- Email domain of members
SELECT name, split_part(email, '@', 2) AS domain FROM members ORDER BY card_no;

-- Member cannot be deleted with loan history
DELETE FROM members WHERE card_no = 4;

SELECT name, joined FROM members WHERE joined BETWEEN '2021-01-01' AND '2023-12-31';
