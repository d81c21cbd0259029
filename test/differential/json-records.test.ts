import { differentialSuite } from "../support/differential.js";

/** json(b)_to_record(set) with column definition lists, and whole-row references in the JSON functions. */
differentialSuite(
  "JSON records match PostgreSQL",
  [
    "CREATE TABLE webhooks (id int PRIMARY KEY, provider text, payload jsonb, received date)",
    `INSERT INTO webhooks VALUES
      (1, 'shop', '{"order": {"items": [{"sku": "b2", "qty": 1, "price": 20.00}, {"sku": "a1", "qty": 2, "price": 19.95}]}}', '2024-05-01'),
      (2, 'payments', '{"amount": 12.5, "ok": true, "tags": ["x", "y"]}', '2024-05-02'),
      (3, 'payments', NULL, NULL)`,
  ],
  [
    "SELECT * FROM jsonb_to_recordset((SELECT payload #> '{order,items}' FROM webhooks WHERE id = 1)) AS x(sku text, qty int, price numeric) ORDER BY sku",
    'SELECT * FROM jsonb_to_record(\'{"id": 7, "name": "widget", "extra": true}\') AS r(id int, name text, price numeric)',
    'SELECT * FROM json_to_record(\'{"a": 1, "a": 2, "t": true, "d": "2024-01-02", "j": {"k": [1, 2]}}\') AS x(a int, t boolean, d date, j json, missing text)',
    "SELECT r.* FROM webhooks w, jsonb_to_record(w.payload) AS r(amount numeric(6, 2), ok boolean, tags text[]) WHERE w.id = 2",
    'SELECT * FROM json_to_recordset(\'[{"a": 1, "b": "x"}, {"a": null}, {}]\') AS x(a int, b varchar(3))',
    "SELECT * FROM jsonb_to_recordset('[]') AS x(a int)",
    "SELECT * FROM jsonb_to_record('[1]') AS x(a int)",
    "SELECT * FROM jsonb_to_recordset('[1]') AS x(a int)",
    'SELECT * FROM jsonb_to_recordset(\'{"not": "an array"}\') AS f(a int)',
    "SELECT * FROM json_to_recordset('{}') AS x(a int)",
    'SELECT * FROM jsonb_to_record(\'{"a": "x"}\') AS x(a int)',
    "SELECT * FROM jsonb_to_record('{\"a\": 1.56}') AS x(a numeric(5, 1))",
    "SELECT * FROM jsonb_to_record('{}')",
    'INSERT INTO webhooks (id, provider, received) SELECT f.id, f.provider, f.received FROM jsonb_to_recordset(\'[{"id": 10, "provider": "x", "received": "2024-06-01"}]\') AS f(id int, provider text, received date) RETURNING *',
    // whole-row references
    "SELECT row_to_json(t) FROM (SELECT 1 AS a, 'two' AS b, NULL::int AS c) t",
    "SELECT to_jsonb(w) - 'payload' AS row_without_payload FROM webhooks w WHERE id = 2",
    "SELECT id, to_json(w), to_json(w.*) FROM webhooks w ORDER BY id",
    "SELECT json_agg(t) FROM (SELECT id, provider FROM webhooks ORDER BY id) t",
    "SELECT jsonb_agg(w ORDER BY w.id DESC) FILTER (WHERE w.id < 3) FROM webhooks w",
    "SELECT provider, json_agg(w.*) FROM webhooks w GROUP BY provider ORDER BY provider",
    "SELECT row_to_json(x) FROM (SELECT 1.50 AS n, true AS b, ARRAY[1, 2] AS a, DATE '2024-01-01' AS d, '{\"k\": 1}'::jsonb AS j) x",
  ],
);
