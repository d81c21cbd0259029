-- Public library system: books, authors, members and loans, plus meeting-room bookings with
-- overlap checks, due dates and late fees.

CREATE TABLE authors (
  id serial PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE books (
  id serial PRIMARY KEY,
  isbn varchar(13) NOT NULL UNIQUE CHECK (length(isbn) IN (10, 13)),
  title text NOT NULL,
  published_year smallint,
  copies integer NOT NULL DEFAULT 1 CHECK (copies >= 0)
);

CREATE TABLE book_authors (
  book_id integer NOT NULL REFERENCES books (id) ON DELETE CASCADE,
  author_id integer NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  PRIMARY KEY (book_id, author_id)
);

CREATE TABLE members (
  id serial PRIMARY KEY,
  card_number varchar(12) NOT NULL UNIQUE,
  name text NOT NULL,
  joined_on date NOT NULL
);

CREATE TABLE loans (
  id serial PRIMARY KEY,
  book_id integer NOT NULL REFERENCES books (id),
  member_id integer NOT NULL REFERENCES members (id),
  loaned_on date NOT NULL,
  due_on date NOT NULL,
  returned_on date,
  CHECK (due_on > loaned_on)
);

CREATE INDEX loans_open_idx ON loans (book_id) WHERE returned_on IS NULL;

CREATE TABLE rooms (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  capacity integer NOT NULL
);

CREATE TABLE bookings (
  id serial PRIMARY KEY,
  room_id integer NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  member_id integer NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  starts_at timestamp NOT NULL,
  ends_at timestamp NOT NULL,
  CHECK (ends_at > starts_at)
);

INSERT INTO authors (name) VALUES ('Ursula K. Le Guin'), ('Terry Pratchett'), ('Neil Gaiman'), ('Octavia E. Butler');

INSERT INTO books (isbn, title, published_year, copies) VALUES
  ('9780441478125', 'The Left Hand of Darkness', 1969, 2),
  ('9780060853983', 'Good Omens', 1990, 1),
  ('9780552166591', 'Guards! Guards!', 1989, 3),
  ('9780807083697', 'Kindred', 1979, 1),
  ('0441172717', 'Dune', 1965, 0);

INSERT INTO book_authors VALUES (1, 1), (2, 2), (2, 3), (3, 2), (4, 4);

INSERT INTO members (card_number, name, joined_on) VALUES
  ('lib-0001', 'Priya', '2020-01-15'),
  ('lib-0002', 'Tom', '2021-06-01'),
  ('lib-0003', 'Mei', '2023-09-10');

-- Lending: due in 21 days
INSERT INTO loans (book_id, member_id, loaned_on, due_on)
VALUES (1, 1, '2024-03-01', DATE '2024-03-01' + 21) RETURNING id, due_on;

INSERT INTO loans (book_id, member_id, loaned_on, due_on, returned_on) VALUES
  (2, 1, '2024-02-01', '2024-02-22', '2024-02-20'),
  (2, 2, '2024-02-25', '2024-03-17', NULL),
  (3, 2, '2024-03-02', '2024-03-23', NULL),
  (4, 3, '2024-01-10', '2024-01-31', '2024-02-09'),
  (3, 3, '2024-03-05', '2024-03-26', NULL);

-- Book list with authors
SELECT b.title, string_agg(a.name, ' & ' ORDER BY a.name) AS authors, b.published_year
FROM books b
LEFT JOIN book_authors ba ON ba.book_id = b.id
LEFT JOIN authors a ON a.id = ba.author_id
GROUP BY b.id
ORDER BY b.published_year;

-- Availability: copies minus open loans
SELECT b.title, b.copies, count(l.id) AS on_loan, b.copies - count(l.id) AS available
FROM books b LEFT JOIN loans l ON l.book_id = b.id AND l.returned_on IS NULL
GROUP BY b.id
ORDER BY b.id;

-- Books that can be borrowed right now
SELECT b.isbn, b.title FROM books b
WHERE b.copies > (SELECT count(*) FROM loans l WHERE l.book_id = b.id AND l.returned_on IS NULL)
ORDER BY b.title;

-- Overdue loans and fees at 0.25 per day, as of 2024-03-20
SELECT m.name, b.title, l.due_on,
       DATE '2024-03-20' - l.due_on AS days_late,
       (DATE '2024-03-20' - l.due_on) * 0.25 AS fee
FROM loans l
JOIN members m ON m.id = l.member_id
JOIN books b ON b.id = l.book_id
WHERE l.returned_on IS NULL AND l.due_on < DATE '2024-03-20'
ORDER BY days_late DESC;

-- Loans returned late
SELECT l.id, l.returned_on - l.due_on AS days_late
FROM loans l WHERE l.returned_on > l.due_on;

-- Returning a book
UPDATE loans SET returned_on = '2024-03-18' WHERE book_id = 2 AND member_id = 2 AND returned_on IS NULL
RETURNING id, returned_on, returned_on - due_on AS days_late;

-- Renewal: extend due date by two weeks
UPDATE loans SET due_on = due_on + 14 WHERE id = 4 RETURNING due_on;

-- Loan history per member
SELECT m.name, count(l.id) AS loans, count(l.returned_on) AS returned,
       max(l.loaned_on) AS last_loan
FROM members m LEFT JOIN loans l ON l.member_id = m.id
GROUP BY m.id ORDER BY m.name;

-- Most borrowed authors
SELECT a.name, count(*) AS loans
FROM loans l
JOIN book_authors ba ON ba.book_id = l.book_id
JOIN authors a ON a.id = ba.author_id
GROUP BY a.name
ORDER BY loans DESC, a.name
LIMIT 3;

-- Members who have borrowed every Pratchett book
SELECT m.name FROM members m
WHERE NOT EXISTS (
  SELECT 1 FROM book_authors ba JOIN authors a ON a.id = ba.author_id
  WHERE a.name = 'Terry Pratchett'
    AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.member_id = m.id AND l.book_id = ba.book_id)
)
ORDER BY m.name;

-- Membership anniversaries
SELECT name, joined_on, extract(year FROM age(DATE '2024-03-20', joined_on)) AS years_member
FROM members ORDER BY joined_on;

-- Bad data
INSERT INTO books (isbn, title) VALUES ('12345', 'Short ISBN');
INSERT INTO loans (book_id, member_id, loaned_on, due_on) VALUES (1, 2, '2024-03-10', '2024-03-01');
INSERT INTO loans (book_id, member_id, loaned_on, due_on) VALUES (1, 99, '2024-03-10', '2024-03-31');
INSERT INTO members (card_number, name, joined_on) VALUES ('lib-0004', 'Ola', '2024-02-30');
DELETE FROM members WHERE card_number = 'lib-0002';

-- Room bookings
INSERT INTO rooms (name, capacity) VALUES ('study-a', 4), ('study-b', 6), ('hall', 40);

INSERT INTO bookings (room_id, member_id, starts_at, ends_at) VALUES
  (1, 1, '2024-03-21 09:00', '2024-03-21 11:00'),
  (1, 2, '2024-03-21 11:00', '2024-03-21 12:30'),
  (2, 3, '2024-03-21 10:00', '2024-03-21 12:00'),
  (3, 1, '2024-03-22 18:00', '2024-03-22 21:00');

-- Is study-a free from 10:30 to 11:30?
SELECT EXISTS (
  SELECT 1 FROM bookings
  WHERE room_id = 1 AND starts_at < '2024-03-21 11:30' AND ends_at > '2024-03-21 10:30'
) AS conflict;

-- Conflict-free insert: only book if nothing overlaps
INSERT INTO bookings (room_id, member_id, starts_at, ends_at)
SELECT 2, 2, '2024-03-21 12:00', '2024-03-21 13:00'
WHERE NOT EXISTS (
  SELECT 1 FROM bookings WHERE room_id = 2 AND starts_at < '2024-03-21 13:00' AND ends_at > '2024-03-21 12:00'
)
RETURNING id;

INSERT INTO bookings (room_id, member_id, starts_at, ends_at)
SELECT 1, 3, '2024-03-21 10:00', '2024-03-21 10:30'
WHERE NOT EXISTS (
  SELECT 1 FROM bookings WHERE room_id = 1 AND starts_at < '2024-03-21 10:30' AND ends_at > '2024-03-21 10:00'
)
RETURNING id;

-- Daily schedule
SELECT r.name, to_char(b.starts_at, 'HH24:MI') AS start_time, to_char(b.ends_at, 'HH24:MI') AS end_time,
       b.ends_at - b.starts_at AS duration, m.name AS booked_by
FROM bookings b JOIN rooms r ON r.id = b.room_id JOIN members m ON m.id = b.member_id
WHERE b.starts_at::date = '2024-03-21'
ORDER BY r.name, b.starts_at;

-- Hours booked per room
SELECT r.name, coalesce(sum(extract(epoch FROM b.ends_at - b.starts_at) / 3600), 0) AS hours
FROM rooms r LEFT JOIN bookings b ON b.room_id = r.id
GROUP BY r.name ORDER BY r.name;

-- End before start is rejected
INSERT INTO bookings (room_id, member_id, starts_at, ends_at) VALUES (3, 2, '2024-03-23 10:00', '2024-03-23 09:00');

-- Cancel a member's future bookings
DELETE FROM bookings b USING members m
WHERE b.member_id = m.id AND m.card_number = 'lib-0001' AND b.starts_at > '2024-03-22 00:00'
RETURNING b.id, b.room_id;

SELECT count(*) FROM bookings;
