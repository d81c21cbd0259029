import { differentialSuite } from "../support/differential.js";

/** LATERAL VALUES, generated-column and ON CONFLICT errors, and SET undone by ROLLBACK. */
differentialSuite(
  "assorted dialect fixes match PostgreSQL",
  [
    "CREATE TABLE tickets (id int PRIMARY KEY, first_response_min int, resolution_min int)",
    "INSERT INTO tickets VALUES (101, 10, 105), (104, 45, NULL)",
    "CREATE TABLE orders (id int PRIMARY KEY, net numeric(8, 2), gross numeric(8, 2) GENERATED ALWAYS AS (net * 1.2) STORED)",
    "INSERT INTO orders (id, net) VALUES (1, 10)",
    "CREATE TABLE skus (id int, sku text)",
  ],
  [
    "SELECT t.id, m.metric, m.minutes FROM tickets t CROSS JOIN LATERAL (VALUES ('first_response', t.first_response_min), ('resolution', t.resolution_min)) AS m(metric, minutes) ORDER BY t.id, m.metric",
    "SELECT t.id, v.x FROM tickets t, LATERAL (VALUES (t.id * 2), (t.id * 3)) AS v(x) ORDER BY 1, 2",
    "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s) ORDER BY n",
    "INSERT INTO orders (id, net, gross) VALUES (2, 1.00, 2.00)",
    "UPDATE orders SET gross = 0 WHERE id = 1",
    "SELECT id, net, gross FROM orders",
    "INSERT INTO skus VALUES (1, 'x') ON CONFLICT (sku) DO NOTHING",
    "SHOW TimeZone",
    "BEGIN",
    "SET TimeZone = 'Asia/Tokyo'",
    "SET LOCAL DateStyle = 'German'",
    "SELECT current_setting('TimeZone'), current_setting('DateStyle')",
    "ROLLBACK",
    "SELECT current_setting('TimeZone'), current_setting('DateStyle')",
    "BEGIN",
    "SET TimeZone = 'Europe/Paris'",
    "COMMIT",
    "SHOW TimeZone",
    "SET TimeZone = 'UTC'",
  ],
);
