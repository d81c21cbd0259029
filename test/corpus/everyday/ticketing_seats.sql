-- Event ticketing: venues with seat maps generated from rows and numbers, events, price tiers,
-- seat holds and sold tickets, occupancy reports.

CREATE TABLE venues (id serial PRIMARY KEY, name text NOT NULL, city text NOT NULL);

CREATE TABLE seats (
  venue_id int NOT NULL REFERENCES venues,
  row_label char(1) NOT NULL,
  seat_no int NOT NULL,
  section text NOT NULL,
  PRIMARY KEY (venue_id, row_label, seat_no)
);

CREATE TABLE events (
  id serial PRIMARY KEY,
  venue_id int NOT NULL REFERENCES venues,
  title text NOT NULL,
  starts_at timestamp NOT NULL,
  doors interval NOT NULL DEFAULT '30 minutes'
);

CREATE TABLE price_tiers (
  event_id int REFERENCES events,
  section text,
  price numeric(8,2) NOT NULL,
  PRIMARY KEY (event_id, section)
);

CREATE TABLE tickets (
  id bigserial PRIMARY KEY,
  event_id int NOT NULL REFERENCES events,
  venue_id int NOT NULL,
  row_label char(1) NOT NULL,
  seat_no int NOT NULL,
  buyer text NOT NULL,
  paid numeric(8,2) NOT NULL,
  UNIQUE (event_id, row_label, seat_no),
  FOREIGN KEY (venue_id, row_label, seat_no) REFERENCES seats
);

INSERT INTO venues (name, city) VALUES ('Blue Hall', 'Leeds'), ('The Cellar', 'York');

-- Seat map: rows A-E, 8 seats each; rows A-B are "stalls", the rest "circle"
INSERT INTO seats
SELECT 1, chr(64 + r), s, CASE WHEN r <= 2 THEN 'stalls' ELSE 'circle' END
FROM generate_series(1, 5) AS r, generate_series(1, 8) AS s;

INSERT INTO seats SELECT 2, 'A', s, 'floor' FROM generate_series(1, 4) s;

SELECT venue_id, section, count(*) FROM seats GROUP BY venue_id, section ORDER BY venue_id, section;

INSERT INTO events (venue_id, title, starts_at) VALUES
  (1, 'String Quartet', '2024-09-14 19:30'),
  (1, 'Comedy Night', '2024-09-20 20:00'),
  (2, 'Jazz Trio', '2024-09-21 21:00');

INSERT INTO price_tiers VALUES (1, 'stalls', 45), (1, 'circle', 30.50), (2, 'stalls', 20), (2, 'circle', 15), (3, 'floor', 12.75);

INSERT INTO tickets (event_id, venue_id, row_label, seat_no, buyer, paid)
SELECT 1, 1, 'A', s, 'fan' || s, 45 FROM generate_series(3, 6) s;

INSERT INTO tickets (event_id, venue_id, row_label, seat_no, buyer, paid) VALUES
  (1, 1, 'C', 1, 'ivy', 30.50), (1, 1, 'C', 2, 'ivy', 30.50), (2, 1, 'B', 8, 'jo', 20), (3, 2, 'A', 2, 'kai', 12.75);

-- Double booking
INSERT INTO tickets (event_id, venue_id, row_label, seat_no, buyer, paid) VALUES (1, 1, 'A', 4, 'late', 45);

-- Seat that does not exist
INSERT INTO tickets (event_id, venue_id, row_label, seat_no, buyer, paid) VALUES (1, 1, 'F', 1, 'ghost', 45);

-- Doors open time
SELECT title, starts_at - doors AS doors_open, to_char(starts_at, 'Dy DD Mon HH24:MI') AS label FROM events ORDER BY starts_at;

-- Occupancy per event and section
SELECT e.title, s.section, count(t.id) AS sold, count(*) AS capacity,
       round(100.0 * count(t.id) / count(*), 1) AS pct
FROM events e
JOIN seats s ON s.venue_id = e.venue_id
LEFT JOIN tickets t ON t.event_id = e.id AND t.row_label = s.row_label AND t.seat_no = s.seat_no
GROUP BY e.id, e.title, s.section
ORDER BY e.id, s.section;

-- Seat map row strings for event 1: X = sold, . = free
SELECT s.row_label,
       string_agg(CASE WHEN t.id IS NULL THEN '.' ELSE 'X' END, '' ORDER BY s.seat_no) AS map
FROM seats s
LEFT JOIN tickets t ON t.event_id = 1 AND (t.row_label, t.seat_no) = (s.row_label, s.seat_no)
WHERE s.venue_id = 1
GROUP BY s.row_label
ORDER BY s.row_label;

-- Find two adjacent free seats in the stalls for event 1
SELECT a.row_label, a.seat_no, b.seat_no AS next_seat
FROM seats a JOIN seats b ON b.venue_id = a.venue_id AND b.row_label = a.row_label AND b.seat_no = a.seat_no + 1
WHERE a.venue_id = 1 AND a.section = 'stalls'
  AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.event_id = 1 AND t.row_label = a.row_label AND t.seat_no IN (a.seat_no, b.seat_no))
ORDER BY a.row_label, a.seat_no
LIMIT 3;

-- Revenue per event with tier check
SELECT e.title, sum(t.paid) AS revenue, count(*) AS tickets,
       bool_and(t.paid = p.price) AS all_full_price
FROM tickets t JOIN events e ON e.id = t.event_id
JOIN seats s ON (s.venue_id, s.row_label, s.seat_no) = (t.venue_id, t.row_label, t.seat_no)
JOIN price_tiers p ON p.event_id = t.event_id AND p.section = s.section
GROUP BY e.title ORDER BY revenue DESC;

-- Buyers with multiple tickets
SELECT buyer, array_agg(row_label || seat_no ORDER BY row_label, seat_no) AS seats FROM tickets GROUP BY buyer HAVING count(*) > 1;

-- Refund: delete and report
DELETE FROM tickets WHERE buyer = 'ivy' RETURNING row_label, seat_no, paid;

-- Reschedule an event by a week
UPDATE events SET starts_at = starts_at + interval '1 week' WHERE title = 'Comedy Night' RETURNING title, starts_at, extract(dow FROM starts_at) AS dow;

-- Events on weekends
SELECT title FROM events WHERE extract(isodow FROM starts_at) IN (6, 7) ORDER BY title;

-- Price list as a cross-tab
SELECT e.title,
       max(p.price) FILTER (WHERE p.section = 'stalls') AS stalls,
       max(p.price) FILTER (WHERE p.section = 'circle') AS circle,
       max(p.price) FILTER (WHERE p.section = 'floor') AS floor
FROM events e JOIN price_tiers p ON p.event_id = e.id GROUP BY e.title ORDER BY e.title;

-- Deleting a venue with events fails
DELETE FROM venues WHERE id = 2;

SELECT count(*), min(seat_no), max(seat_no) FROM seats WHERE venue_id = 1 AND row_label = 'C';

SELECT * FROM price_tiers WHERE price > 15;
