-- E-commerce shopping carts with inventory reservations: carts, cart lines, stock holds
-- that expire, checkout into orders and stock movement reporting.

CREATE TABLE skus (
  sku varchar(20) PRIMARY KEY,
  title text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents > 0),
  on_hand integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0)
);

CREATE TABLE carts (
  id bigserial PRIMARY KEY,
  customer text,
  created_at timestamptz NOT NULL DEFAULT '2024-03-01 10:00+00',
  checked_out boolean NOT NULL DEFAULT false
);

CREATE TABLE cart_lines (
  cart_id bigint NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
  sku varchar(20) NOT NULL REFERENCES skus(sku),
  qty smallint NOT NULL CHECK (qty BETWEEN 1 AND 99),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (cart_id, sku)
);

CREATE TABLE reservations (
  id serial PRIMARY KEY,
  cart_id bigint NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
  sku varchar(20) NOT NULL REFERENCES skus(sku),
  qty integer NOT NULL,
  expires_at timestamptz NOT NULL
);

INSERT INTO skus VALUES
  ('TSHIRT-S', 'T-shirt small', 1500, 10),
  ('TSHIRT-M', 'T-shirt medium', 1500, 3),
  ('MUG', 'Coffee mug', 900, 25),
  ('CAP', 'Baseball cap', 1250, 0),
  ('POSTER', 'Poster A2', 700, 40);

INSERT INTO carts (customer, created_at) VALUES
  ('alice', '2024-03-01 09:00+00'), ('bob', '2024-03-01 09:30+00'), (NULL, '2024-03-01 11:15+00')
RETURNING id, customer;

INSERT INTO cart_lines VALUES
  (1, 'TSHIRT-S', 2, '2024-03-01 09:01+00'),
  (1, 'MUG', 1, '2024-03-01 09:02+00'),
  (2, 'TSHIRT-M', 3, '2024-03-01 09:31+00'),
  (2, 'POSTER', 4, '2024-03-01 09:35+00'),
  (3, 'MUG', 6, '2024-03-01 11:16+00');

-- Adding the same SKU again bumps the quantity
INSERT INTO cart_lines VALUES (1, 'MUG', 2, '2024-03-01 09:05+00')
ON CONFLICT (cart_id, sku) DO UPDATE SET qty = cart_lines.qty + EXCLUDED.qty, added_at = EXCLUDED.added_at
RETURNING cart_id, sku, qty;

-- Quantity limits are enforced
INSERT INTO cart_lines VALUES (2, 'MUG', 120, '2024-03-01 09:40+00');

-- Unknown SKU
INSERT INTO cart_lines VALUES (2, 'HOODIE', 1, '2024-03-01 09:41+00');

-- Cart totals
SELECT c.id, coalesce(c.customer, '(guest)') AS customer,
       count(l.sku) AS lines, sum(l.qty) AS items,
       sum(l.qty * s.price_cents) / 100.0 AS total
FROM carts c
LEFT JOIN cart_lines l ON l.cart_id = c.id
LEFT JOIN skus s ON s.sku = l.sku
GROUP BY c.id, c.customer
ORDER BY c.id;

-- Reserve stock for every line, holding it for 15 minutes
INSERT INTO reservations (cart_id, sku, qty, expires_at)
SELECT cart_id, sku, qty, added_at + interval '15 minutes' FROM cart_lines ORDER BY cart_id, sku;

SELECT id, cart_id, sku, qty, expires_at FROM reservations ORDER BY id;

-- Available to promise: on hand minus live holds at a given instant
SELECT s.sku, s.on_hand,
       coalesce(sum(r.qty) FILTER (WHERE r.expires_at > '2024-03-01 09:20+00'), 0) AS held,
       s.on_hand - coalesce(sum(r.qty) FILTER (WHERE r.expires_at > '2024-03-01 09:20+00'), 0) AS available
FROM skus s LEFT JOIN reservations r ON r.sku = s.sku
GROUP BY s.sku, s.on_hand
ORDER BY available, s.sku;

-- Lines that cannot be fulfilled
SELECT l.cart_id, l.sku, l.qty, s.on_hand
FROM cart_lines l JOIN skus s USING (sku)
WHERE l.qty > s.on_hand
ORDER BY l.cart_id;

-- Expire stale holds
DELETE FROM reservations WHERE expires_at < '2024-03-01 09:40+00' RETURNING cart_id, sku;

SELECT count(*) AS remaining FROM reservations;

-- Checkout cart 1 inside a transaction
BEGIN;
UPDATE skus s SET on_hand = s.on_hand - l.qty
FROM cart_lines l WHERE l.sku = s.sku AND l.cart_id = 1
RETURNING s.sku, s.on_hand;
UPDATE carts SET checked_out = true WHERE id = 1;
COMMIT;

-- Over-selling fails the check constraint and rolls back
BEGIN;
UPDATE skus s SET on_hand = s.on_hand - l.qty
FROM cart_lines l WHERE l.sku = s.sku AND l.cart_id = 2;
ROLLBACK;

SELECT sku, on_hand FROM skus ORDER BY sku;

-- Abandoned carts: not checked out, oldest line more than an hour before the cutoff
SELECT c.id, c.customer, min(l.added_at) AS first_added,
       '2024-03-01 12:00+00'::timestamptz - min(l.added_at) AS idle_for
FROM carts c JOIN cart_lines l ON l.cart_id = c.id
WHERE NOT c.checked_out
GROUP BY c.id, c.customer
HAVING min(l.added_at) < '2024-03-01 11:00+00'::timestamptz
ORDER BY c.id;

-- Most popular SKUs across carts
SELECT sku, count(*) AS carts, sum(qty)::int AS units,
       rank() OVER (ORDER BY sum(qty) DESC) AS rnk
FROM cart_lines GROUP BY sku ORDER BY rnk, sku;

-- Guest carts get attached to a customer at login
UPDATE carts SET customer = 'carol' WHERE customer IS NULL RETURNING *;

-- Deleting a cart cascades to its lines and holds
DELETE FROM carts WHERE id = 3;
SELECT (SELECT count(*) FROM cart_lines WHERE cart_id = 3) AS lines,
       (SELECT count(*) FROM reservations WHERE cart_id = 3) AS holds;

-- Out-of-stock products cannot be deleted while referenced
DELETE FROM skus WHERE sku = 'MUG';

SELECT sku, title, to_char(price_cents / 100.0, 'FM999990.00') AS price FROM skus WHERE on_hand = 0;

SELECT string_agg(sku, ', ' ORDER BY sku) AS in_stock FROM skus WHERE on_hand > 0;

SELECT * FROM skus WHERE title ILIKE '%t-shirt%' ORDER BY price_cents DESC, sku;
