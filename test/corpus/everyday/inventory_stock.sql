-- Warehouse inventory system: items, warehouses, per-warehouse stock levels and stock
-- movements, with receiving, picking, transfers and low-stock reports.

CREATE TABLE warehouses (
  id serial PRIMARY KEY,
  code varchar(10) NOT NULL UNIQUE,
  city text NOT NULL
);

CREATE TABLE items (
  id serial PRIMARY KEY,
  sku varchar(32) NOT NULL UNIQUE,
  description text NOT NULL,
  unit_cost numeric(10,2) NOT NULL,
  reorder_point integer NOT NULL DEFAULT 10,
  discontinued boolean NOT NULL DEFAULT false
);

CREATE TABLE stock_levels (
  warehouse_id integer NOT NULL REFERENCES warehouses (id),
  item_id integer NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  quantity integer NOT NULL DEFAULT 0 CHECK (quantity >= 0),
  PRIMARY KEY (warehouse_id, item_id)
);

CREATE TABLE movements (
  id bigserial PRIMARY KEY,
  warehouse_id integer NOT NULL REFERENCES warehouses (id),
  item_id integer NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  delta integer NOT NULL CHECK (delta <> 0),
  reason varchar(20) NOT NULL,
  moved_at timestamp NOT NULL
);

CREATE INDEX movements_item_moved_at_idx ON movements (item_id, moved_at);

INSERT INTO warehouses (code, city) VALUES ('north', 'Leeds'), ('south', 'Bristol'), ('east', 'Norwich');

INSERT INTO items (sku, description, unit_cost, reorder_point) VALUES
  ('bolt-m6', 'M6 bolt, zinc', 0.12, 500),
  ('nut-m6', 'M6 nut, zinc', 0.05, 500),
  ('washer-m6', 'M6 washer', 0.02, 1000),
  ('drill-18v', '18V cordless drill', 89.00, 5),
  ('saw-hand', 'Hand saw', 14.50, 8);

-- Goods received: upsert into stock levels
INSERT INTO stock_levels (warehouse_id, item_id, quantity) VALUES
  (1, 1, 1200), (1, 2, 800), (1, 4, 12), (2, 1, 300), (2, 3, 2500), (2, 5, 6), (3, 4, 2);

INSERT INTO stock_levels (warehouse_id, item_id, quantity) VALUES (1, 1, 300), (3, 5, 4)
ON CONFLICT (warehouse_id, item_id) DO UPDATE SET quantity = stock_levels.quantity + EXCLUDED.quantity
RETURNING warehouse_id, item_id, quantity;

INSERT INTO movements (warehouse_id, item_id, delta, reason, moved_at) VALUES
  (1, 1, 1200, 'receive', '2024-04-01 08:00:00'),
  (1, 1, 300, 'receive', '2024-04-03 09:00:00'),
  (1, 1, -250, 'pick', '2024-04-04 14:10:00'),
  (1, 2, 800, 'receive', '2024-04-01 08:05:00'),
  (1, 2, -90, 'pick', '2024-04-05 11:00:00'),
  (2, 3, 2500, 'receive', '2024-04-02 10:00:00'),
  (2, 3, -1700, 'pick', '2024-04-06 16:30:00'),
  (1, 4, 12, 'receive', '2024-04-02 13:00:00'),
  (1, 4, -9, 'pick', '2024-04-07 15:45:00');

-- Apply the picks to the stock levels
UPDATE stock_levels sl
SET quantity = sl.quantity + m.total
FROM (SELECT warehouse_id, item_id, sum(delta) AS total
      FROM movements WHERE reason = 'pick' GROUP BY warehouse_id, item_id) m
WHERE sl.warehouse_id = m.warehouse_id AND sl.item_id = m.item_id;

SELECT w.code, i.sku, sl.quantity
FROM stock_levels sl
JOIN warehouses w ON w.id = sl.warehouse_id
JOIN items i ON i.id = sl.item_id
ORDER BY w.code, i.sku;

-- Total stock and stock value per item across warehouses
SELECT i.sku, coalesce(sum(sl.quantity), 0) AS on_hand,
       coalesce(sum(sl.quantity), 0) * i.unit_cost AS stock_value
FROM items i LEFT JOIN stock_levels sl ON sl.item_id = i.id
GROUP BY i.id, i.sku, i.unit_cost
ORDER BY i.sku;

-- Low stock report
SELECT i.sku, i.reorder_point, sum(sl.quantity) AS on_hand,
       CASE WHEN sum(sl.quantity) = 0 THEN 'out of stock'
            WHEN sum(sl.quantity) < i.reorder_point THEN 'reorder'
            ELSE 'ok' END AS state
FROM items i JOIN stock_levels sl ON sl.item_id = i.id
GROUP BY i.id
HAVING sum(sl.quantity) < i.reorder_point
ORDER BY i.sku;

-- Items with no stock anywhere
SELECT sku FROM items WHERE id NOT IN (SELECT item_id FROM stock_levels WHERE quantity > 0) ORDER BY sku;

-- Inventory value per warehouse, with share of total
SELECT w.code, sum(sl.quantity * i.unit_cost) AS value,
       round(100 * sum(sl.quantity * i.unit_cost) / sum(sum(sl.quantity * i.unit_cost)) OVER (), 1) AS pct
FROM stock_levels sl
JOIN warehouses w ON w.id = sl.warehouse_id
JOIN items i ON i.id = sl.item_id
GROUP BY w.code
ORDER BY w.code;

-- Picking more than is available violates the check
UPDATE stock_levels SET quantity = quantity - 100 WHERE warehouse_id = 3 AND item_id = 4;

-- Stock transfer between warehouses in one transaction
BEGIN;
UPDATE stock_levels SET quantity = quantity - 5 WHERE warehouse_id = 1 AND item_id = 2 RETURNING quantity;
INSERT INTO stock_levels (warehouse_id, item_id, quantity) VALUES (3, 2, 5)
ON CONFLICT (warehouse_id, item_id) DO UPDATE SET quantity = stock_levels.quantity + EXCLUDED.quantity;
INSERT INTO movements (warehouse_id, item_id, delta, reason, moved_at) VALUES
  (1, 2, -5, 'transfer', '2024-04-08 09:00:00'),
  (3, 2, 5, 'transfer', '2024-04-08 09:00:00');
COMMIT;

-- A failed transfer is rolled back as a whole
BEGIN;
UPDATE stock_levels SET quantity = quantity + 50 WHERE warehouse_id = 3 AND item_id = 5;
UPDATE stock_levels SET quantity = quantity - 50 WHERE warehouse_id = 2 AND item_id = 5;
ROLLBACK;

SELECT warehouse_id, quantity FROM stock_levels WHERE item_id = 5 ORDER BY warehouse_id;

-- Partial work kept with a savepoint
BEGIN;
INSERT INTO movements (warehouse_id, item_id, delta, reason, moved_at) VALUES (2, 5, -1, 'damaged', '2024-04-09 10:00:00');
SAVEPOINT before_adjust;
INSERT INTO movements (warehouse_id, item_id, delta, reason, moved_at) VALUES (2, 5, 0, 'count', '2024-04-09 10:05:00');
ROLLBACK TO SAVEPOINT before_adjust;
UPDATE stock_levels SET quantity = quantity - 1 WHERE warehouse_id = 2 AND item_id = 5;
RELEASE SAVEPOINT before_adjust;
COMMIT;

SELECT count(*) AS movements, sum(CASE WHEN delta < 0 THEN -delta ELSE 0 END) AS units_out FROM movements;

-- Movement history with a running balance
SELECT m.moved_at, m.reason, m.delta,
       sum(m.delta) OVER (PARTITION BY m.warehouse_id, m.item_id ORDER BY m.moved_at, m.id) AS balance
FROM movements m
WHERE m.item_id = 1
ORDER BY m.moved_at, m.id;

-- Daily picks
SELECT m.moved_at::date AS day, count(*) AS picks, -sum(m.delta) AS units
FROM movements m WHERE m.reason = 'pick'
GROUP BY m.moved_at::date
ORDER BY day;

-- Movement for an unknown warehouse
INSERT INTO movements (warehouse_id, item_id, delta, reason, moved_at) VALUES (9, 1, 5, 'receive', '2024-04-10 00:00:00');

-- Discontinue an item and remove its stock records
UPDATE items SET discontinued = true WHERE sku = 'saw-hand' RETURNING id, sku, discontinued;
DELETE FROM stock_levels sl USING items i
WHERE sl.item_id = i.id AND i.discontinued;

SELECT i.sku, count(sl.item_id) AS locations
FROM items i LEFT JOIN stock_levels sl ON sl.item_id = i.id
GROUP BY i.sku ORDER BY i.sku;

-- Warehouses stocking both bolts and nuts
SELECT warehouse_id FROM stock_levels WHERE item_id = 1
INTERSECT
SELECT warehouse_id FROM stock_levels WHERE item_id = 2
ORDER BY 1;

-- Warehouses stocking bolts but not nuts
SELECT warehouse_id FROM stock_levels WHERE item_id = 1
EXCEPT
SELECT warehouse_id FROM stock_levels WHERE item_id = 2
ORDER BY 1;

-- Price increase of 5% on fasteners, rounded to cents
UPDATE items SET unit_cost = round(unit_cost * 1.05, 2) WHERE sku LIKE '%-m6' RETURNING sku, unit_cost;

-- Deleting an item cascades to stock levels and movements
DELETE FROM items WHERE sku = 'washer-m6';
SELECT (SELECT count(*) FROM stock_levels) AS stock_rows, (SELECT count(*) FROM movements) AS movement_rows;

-- A warehouse with stock cannot be removed
DELETE FROM warehouses WHERE code = 'north';

SELECT w.code, w.city, count(sl.item_id) AS skus, coalesce(sum(sl.quantity), 0) AS units
FROM warehouses w LEFT JOIN stock_levels sl ON sl.warehouse_id = w.id
GROUP BY w.id ORDER BY w.id;
