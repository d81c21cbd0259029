-- Online shop backend: customers, products, orders and order lines, with the checkout,
-- order history and sales queries a typical web store sends.

CREATE TABLE customers (
  id bigserial PRIMARY KEY,
  email varchar(255) NOT NULL UNIQUE,
  full_name text NOT NULL,
  country char(2) NOT NULL DEFAULT 'US',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
  id serial PRIMARY KEY,
  sku text NOT NULL UNIQUE,
  name text NOT NULL,
  price numeric(10,2) NOT NULL CHECK (price >= 0),
  active boolean NOT NULL DEFAULT true
);

CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  status varchar(20) NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
  placed_at timestamp NOT NULL,
  shipping_cost numeric(10,2) NOT NULL DEFAULT 0
);

CREATE TABLE order_items (
  id bigserial PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id integer NOT NULL REFERENCES products (id),
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price numeric(10,2) NOT NULL
);

CREATE INDEX idx_orders_customer_id ON orders (customer_id);
CREATE INDEX idx_orders_status_placed_at ON orders (status, placed_at);
CREATE INDEX idx_order_items_order_id ON order_items (order_id);

INSERT INTO customers (email, full_name, country) VALUES
  ('alice@example.com', 'Alice Johnson', 'US'),
  ('bob@example.com', 'Bob Smith', 'GB'),
  ('carol@example.com', 'Carol White', 'US'),
  ('dave@example.com', 'Dave Brown', 'DE')
RETURNING id, email;

INSERT INTO products (sku, name, price) VALUES
  ('tsh-001', 'T-Shirt', 19.99),
  ('mug-002', 'Coffee Mug', 9.50),
  ('cap-003', 'Baseball Cap', 14.00),
  ('bag-004', 'Tote Bag', 24.75),
  ('pen-005', 'Pen', 1.25);

UPDATE products SET active = false WHERE sku = 'pen-005';

INSERT INTO orders (customer_id, status, placed_at, shipping_cost) VALUES
  (1, 'paid', '2024-01-05 10:15:00', 5.00),
  (1, 'shipped', '2024-01-20 16:40:00', 0),
  (2, 'pending', '2024-02-01 09:00:00', 7.50),
  (3, 'paid', '2024-02-03 12:30:00', 5.00),
  (3, 'cancelled', '2024-02-10 08:05:00', 0);

INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES
  (1, 1, 2, 19.99), (1, 2, 1, 9.50),
  (2, 3, 1, 14.00),
  (3, 4, 3, 24.75), (3, 1, 1, 19.99),
  (4, 2, 4, 9.50),
  (5, 5, 10, 1.25);

-- Order list with totals
SELECT o.id, c.email, o.status,
       sum(oi.quantity * oi.unit_price) AS subtotal,
       sum(oi.quantity * oi.unit_price) + o.shipping_cost AS total
FROM orders o
JOIN customers c ON c.id = o.customer_id
JOIN order_items oi ON oi.order_id = o.id
GROUP BY o.id, c.email
ORDER BY o.id;

-- Customers and how many orders they have, including those with none
SELECT c.full_name, count(o.id) AS order_count
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id, c.full_name
ORDER BY order_count DESC, c.id;

-- Customers who never ordered
SELECT c.email FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
WHERE o.id IS NULL;

-- Best sellers by revenue, excluding cancelled orders
SELECT p.sku, p.name, sum(oi.quantity) AS units, sum(oi.quantity * oi.unit_price) AS revenue
FROM order_items oi
JOIN products p ON p.id = oi.product_id
JOIN orders o ON o.id = oi.order_id
WHERE o.status <> 'cancelled'
GROUP BY p.sku, p.name
ORDER BY revenue DESC
LIMIT 3;

-- Big spenders
SELECT o.customer_id, sum(oi.quantity * oi.unit_price) AS spent
FROM orders o JOIN order_items oi ON oi.order_id = o.id
WHERE o.status IN ('paid', 'shipped')
GROUP BY o.customer_id
HAVING sum(oi.quantity * oi.unit_price) > 50
ORDER BY o.customer_id;

-- Products never ordered
SELECT p.name FROM products p
WHERE NOT EXISTS (SELECT 1 FROM order_items oi WHERE oi.product_id = p.id)
ORDER BY p.name;

-- Monthly revenue
SELECT date_trunc('month', o.placed_at) AS month,
       to_char(o.placed_at, 'YYYY-MM') AS label,
       count(DISTINCT o.id) AS orders,
       sum(oi.quantity * oi.unit_price) AS revenue
FROM orders o JOIN order_items oi ON oi.order_id = o.id
WHERE o.status <> 'cancelled'
GROUP BY 1, 2
ORDER BY 1;

-- Average order value
SELECT round(avg(t.total), 2) AS avg_order_value, min(t.total), max(t.total)
FROM (
  SELECT o.id, sum(oi.quantity * oi.unit_price) AS total
  FROM orders o JOIN order_items oi ON oi.order_id = o.id
  GROUP BY o.id
) t;

-- Checkout in a transaction
BEGIN;
INSERT INTO orders (customer_id, placed_at) VALUES (4, '2024-02-15 14:00:00') RETURNING id, status, shipping_cost;
INSERT INTO order_items (order_id, product_id, quantity, unit_price)
SELECT 6, p.id, 2, p.price FROM products p WHERE p.sku IN ('mug-002', 'cap-003');
UPDATE orders SET status = 'paid' WHERE id = 6 RETURNING id, status;
COMMIT;

SELECT o.id, o.status, count(*) AS lines, sum(oi.quantity * oi.unit_price) AS total
FROM orders o JOIN order_items oi ON oi.order_id = o.id
WHERE o.customer_id = 4
GROUP BY o.id, o.status;

-- Price import with upsert
INSERT INTO products (sku, name, price) VALUES
  ('mug-002', 'Coffee Mug', 10.50),
  ('hat-006', 'Winter Hat', 18.00)
ON CONFLICT (sku) DO UPDATE SET price = EXCLUDED.price, name = EXCLUDED.name
RETURNING sku, price;

INSERT INTO products (sku, name, price) VALUES ('tsh-001', 'Duplicate Shirt', 1.00)
ON CONFLICT (sku) DO NOTHING;

-- ORM-style query with quoted, schema-qualified names
SELECT "public"."products"."id", "public"."products"."sku", "public"."products"."price"
FROM "public"."products"
WHERE "public"."products"."active" = true AND "public"."products"."price" < 20
ORDER BY "public"."products"."price" ASC, "public"."products"."id" ASC;

-- Paginated order history
SELECT id, status, placed_at FROM orders ORDER BY placed_at DESC LIMIT 2 OFFSET 2;

SELECT count(*) FROM orders;

-- Shipping
UPDATE orders SET status = 'shipped' WHERE status = 'paid' RETURNING id, status;

SELECT status, count(*) FROM orders GROUP BY status ORDER BY status;

-- Status breakdown with a CASE label
SELECT id,
       CASE status WHEN 'pending' THEN 'Awaiting payment'
                   WHEN 'shipped' THEN 'On its way'
                   ELSE initcap(status) END AS label
FROM orders ORDER BY id;

-- Errors the application has to handle
INSERT INTO customers (email, full_name) VALUES ('alice@example.com', 'Alice Again');
INSERT INTO orders (customer_id, placed_at) VALUES (999, '2024-03-01 00:00:00');
INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES (1, 1, 0, 19.99);
UPDATE orders SET status = 'refunded' WHERE id = 1;
INSERT INTO products (sku, price) VALUES ('nam-008', 3.00);
INSERT INTO products (sku, name, price) VALUES ('neg-007', 'Broken', -1);
SELECT total FROM orders;
SELECT * FROM order_lines;

-- Deleting a customer removes their orders and order lines
DELETE FROM customers WHERE email = 'carol@example.com' RETURNING id, full_name;

SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_items) AS items;

-- A product referenced by order lines cannot be deleted
DELETE FROM products WHERE sku = 'tsh-001';

DELETE FROM products p
WHERE NOT EXISTS (SELECT 1 FROM order_items oi WHERE oi.product_id = p.id)
RETURNING p.sku;

SELECT id, sku, name, price, active FROM products ORDER BY id;
