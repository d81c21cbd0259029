-- Supplier feed synchronisation for a marketplace: a JSON feed is unpacked into a staging
-- table, then merged into the catalogue with set-based INSERT/UPDATE/DELETE joins and upserts.

CREATE TABLE suppliers (id integer PRIMARY KEY, code text NOT NULL UNIQUE, active boolean NOT NULL DEFAULT true);

CREATE TABLE products (
  id serial PRIMARY KEY,
  supplier_id integer NOT NULL REFERENCES suppliers (id),
  sku text NOT NULL,
  title text NOT NULL,
  price numeric(10,2) NOT NULL CHECK (price >= 0),
  stock integer NOT NULL DEFAULT 0,
  discontinued boolean NOT NULL DEFAULT false,
  updated_on date NOT NULL,
  CONSTRAINT products_supplier_sku_key UNIQUE (supplier_id, sku)
);

CREATE TABLE price_history (product_id integer NOT NULL REFERENCES products (id) ON DELETE CASCADE, old_price numeric(10,2), new_price numeric(10,2), changed_on date NOT NULL);

CREATE TABLE staging (supplier_code text, sku text, title text, price numeric(10,2), stock integer);

INSERT INTO suppliers VALUES (1, 'northwind', true), (2, 'contoso', true), (3, 'fabrikam', false);

INSERT INTO products (supplier_id, sku, title, price, stock, updated_on) VALUES
  (1, 'nw-100', 'chai', 18.00, 39, '2024-05-01'), (1, 'nw-101', 'chang', 19.00, 17, '2024-05-01'),
  (1, 'nw-102', 'aniseed syrup', 10.00, 13, '2024-05-01'), (2, 'ct-9', 'widget', 4.50, 100, '2024-05-01'),
  (2, 'ct-10', 'gadget', 12.00, 0, '2024-05-01'), (3, 'fb-1', 'gizmo', 7.25, 5, '2024-05-01');

-- Unpack the JSON feed into rows
SELECT * FROM jsonb_to_recordset('[
  {"supplier": "northwind", "sku": "nw-100", "title": "chai tea", "price": 18.50, "stock": 40},
  {"supplier": "northwind", "sku": "nw-103", "title": "cajun seasoning", "price": 22.00, "stock": 53},
  {"supplier": "contoso", "sku": "ct-9", "title": "widget", "price": 4.50, "stock": 80}
]'::jsonb) AS f(supplier text, sku text, title text, price numeric, stock integer)
ORDER BY supplier, sku;

INSERT INTO staging (supplier_code, sku, title, price, stock)
SELECT f.supplier, f.sku, f.title, f.price, f.stock
FROM jsonb_to_recordset('[
  {"supplier": "northwind", "sku": "nw-100", "title": "chai tea", "price": 18.50, "stock": 40},
  {"supplier": "northwind", "sku": "nw-101", "title": "chang", "price": 19.00, "stock": 12},
  {"supplier": "northwind", "sku": "nw-103", "title": "cajun seasoning", "price": 22.00, "stock": 53},
  {"supplier": "contoso", "sku": "ct-9", "title": "widget", "price": 4.25},
  {"supplier": "contoso", "sku": "ct-11", "title": "doohickey", "price": 3.10, "stock": 7},
  {"supplier": "unknown", "sku": "zz-1", "title": "mystery", "price": 1.00, "stock": 1}
]'::jsonb) AS f(supplier text, sku text, title text, price numeric, stock integer);

SELECT supplier_code, sku, price, coalesce(stock, -1) AS stock FROM staging ORDER BY supplier_code, sku;

-- A single typed record from a JSON object
CREATE TYPE feed_row AS (sku text, title text, price numeric, stock integer);
SELECT (jsonb_populate_record(NULL::feed_row, '{"sku": "nw-104", "title": "tofu", "price": "23.25", "extra": true}')).*;

-- Rows that reference unknown suppliers (anti-join) are reported and removed
SELECT s.supplier_code, s.sku FROM staging s LEFT JOIN suppliers sp ON sp.code = s.supplier_code WHERE sp.id IS NULL ORDER BY s.sku;
DELETE FROM staging s WHERE NOT EXISTS (SELECT 1 FROM suppliers sp WHERE sp.code = s.supplier_code);

-- Record price changes before applying them (INSERT ... SELECT with a join)
INSERT INTO price_history (product_id, old_price, new_price, changed_on)
SELECT p.id, p.price, s.price, DATE '2024-06-01'
FROM staging s JOIN suppliers sp ON sp.code = s.supplier_code JOIN products p ON p.supplier_id = sp.id AND p.sku = s.sku
WHERE p.price IS DISTINCT FROM s.price;

SELECT product_id, old_price, new_price FROM price_history ORDER BY product_id;

-- Set-based update from the staging table (UPDATE ... FROM), stock only when supplied
UPDATE products p
SET title = s.title, price = s.price, stock = coalesce(s.stock, p.stock), updated_on = DATE '2024-06-01'
FROM staging s JOIN suppliers sp ON sp.code = s.supplier_code
WHERE p.supplier_id = sp.id AND p.sku = s.sku
  AND (p.title, p.price, p.stock) IS DISTINCT FROM (s.title, s.price, coalesce(s.stock, p.stock));

-- Insert new products with INSERT ... SELECT ... ON CONFLICT on a named constraint
INSERT INTO products (supplier_id, sku, title, price, stock, updated_on)
SELECT sp.id, s.sku, s.title, s.price, coalesce(s.stock, 0), DATE '2024-06-01'
FROM staging s JOIN suppliers sp ON sp.code = s.supplier_code
ON CONFLICT ON CONSTRAINT products_supplier_sku_key DO NOTHING;

SELECT id, supplier_id, sku, title, price, stock, updated_on FROM products ORDER BY id;

-- Re-running the same feed is a no-op thanks to the conditional DO UPDATE
INSERT INTO products AS p (supplier_id, sku, title, price, stock, updated_on)
SELECT sp.id, s.sku, s.title, s.price, coalesce(s.stock, 0), DATE '2024-06-02'
FROM staging s JOIN suppliers sp ON sp.code = s.supplier_code
ON CONFLICT (supplier_id, sku) DO UPDATE
SET title = EXCLUDED.title, price = EXCLUDED.price, updated_on = EXCLUDED.updated_on
WHERE (p.title, p.price) IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.price);

SELECT count(*) FILTER (WHERE updated_on = '2024-06-02') AS touched_again FROM products;

-- Products missing from their supplier's feed are discontinued (UPDATE with NOT EXISTS)
UPDATE products p SET discontinued = true
WHERE p.supplier_id IN (SELECT sp.id FROM suppliers sp WHERE sp.code IN (SELECT DISTINCT supplier_code FROM staging))
  AND NOT EXISTS (SELECT 1 FROM staging s JOIN suppliers sp ON sp.code = s.supplier_code WHERE sp.id = p.supplier_id AND s.sku = p.sku);
SELECT sku FROM products WHERE discontinued ORDER BY sku;

-- UPDATE ... FROM a CTE: restock low items with a computed quantity
WITH low AS (
  SELECT id, greatest(20 - stock, 0) AS reorder FROM products WHERE NOT discontinued AND stock < 20
)
UPDATE products p SET stock = p.stock + low.reorder FROM low WHERE p.id = low.id AND low.reorder > 0;
SELECT sku, stock FROM products ORDER BY sku;

-- DELETE ... USING: remove products of inactive suppliers that were never repriced
DELETE FROM products p USING suppliers sp
WHERE sp.id = p.supplier_id AND NOT sp.active
  AND NOT EXISTS (SELECT 1 FROM price_history h WHERE h.product_id = p.id);
SELECT count(*) AS products_left FROM products;

-- CASE with scalar subqueries for a price-position label
SELECT sku, price,
       CASE WHEN price > (SELECT avg(price) FROM products x WHERE x.supplier_id = p.supplier_id) THEN 'above supplier avg'
            WHEN price = (SELECT min(price) FROM products) THEN 'cheapest overall'
            ELSE 'normal' END AS position,
       (SELECT count(*) FROM price_history h WHERE h.product_id = p.id) AS price_changes
FROM products p ORDER BY sku;

-- Multi-column assignment from a subquery
UPDATE products SET (price, updated_on) = (SELECT max(new_price), max(changed_on) FROM price_history WHERE product_id = products.id)
WHERE id IN (SELECT product_id FROM price_history) AND sku = 'nw-100'
RETURNING sku, price, updated_on;

-- VALUES list joined as an inline table for a bulk price correction
UPDATE products p SET price = v.price
FROM (VALUES ('ct-9', 4.40), ('nw-103', 21.50), ('nope', 1.00)) AS v(sku, price)
WHERE p.sku = v.sku;
SELECT sku, price FROM products WHERE sku IN ('ct-9', 'nw-103') ORDER BY sku;

-- Errors: ambiguous upsert target, duplicate keys within one upsert, negative price from the feed
INSERT INTO products (supplier_id, sku, title, price, updated_on) VALUES (1, 'nw-100', 'x', 1, '2024-06-03') ON CONFLICT (sku) DO NOTHING;
INSERT INTO products (supplier_id, sku, title, price, updated_on) VALUES (1, 'nw-200', 'a', 1, '2024-06-03'), (1, 'nw-200', 'b', 2, '2024-06-03')
ON CONFLICT (supplier_id, sku) DO UPDATE SET title = EXCLUDED.title;
UPDATE products p SET price = s.price - 100 FROM staging s WHERE p.sku = s.sku;
SELECT * FROM jsonb_to_recordset('{"not": "an array"}'::jsonb) AS f(a int);

-- Clean up the staging table
TRUNCATE staging;
SELECT count(*) FROM staging;
