-- Webhook ingestion service: JSON payloads from third-party providers are stored as jsonb,
-- inspected, flattened into rows, reshaped and aggregated back into documents.

CREATE TABLE webhooks (
  id serial PRIMARY KEY,
  provider text NOT NULL,
  payload jsonb NOT NULL
);

INSERT INTO webhooks (provider, payload) VALUES
  ('shop', '{"event": "order.created", "order": {"id": 5001, "total": 59.90, "currency": "EUR", "items": [{"sku": "a1", "qty": 2, "price": 19.95}, {"sku": "b2", "qty": 1, "price": 20.00}], "customer": {"email": "x@example.com", "vip": false}}, "note": null}'),
  ('shop', '{"event": "order.created", "order": {"id": 5002, "total": 15, "currency": "USD", "items": [{"sku": "c3", "qty": 3, "price": 5}], "customer": {"email": "y@example.com", "vip": true}}, "tags": ["rush", "gift"]}'),
  ('payments', '{"event": "charge.succeeded", "amount": 5990, "meta": {"order_id": "5001"}, "attempts": 1, "livemode": true}'),
  ('payments', '{"event": "charge.failed", "amount": 1500, "meta": {"order_id": "5002", "reason": "card_declined"}, "attempts": 3, "livemode": true}'),
  ('crm', '{"event": "contact.updated", "changes": {"name": ["Old", "New"], "phone": [null, "+1 555"]}, "version": 2.50}');

-- Path operators
SELECT id, payload #> '{order,customer,email}' AS email_json, payload #>> '{order,customer,email}' AS email_text
FROM webhooks WHERE provider = 'shop' ORDER BY id;
SELECT payload #>> '{order,items,0,sku}' AS first_sku, payload -> 'order' -> 'items' -> -1 ->> 'sku' AS last_sku
FROM webhooks WHERE id = 1;
SELECT payload -> 'missing' IS NULL AS missing_is_null, payload -> 'note' AS json_null, payload ->> 'note' IS NULL AS text_null
FROM webhooks WHERE id = 1;

-- Types of values
SELECT key, jsonb_typeof(value) AS type FROM webhooks, jsonb_each(payload) WHERE id = 1 ORDER BY key;
SELECT jsonb_typeof('1.5'), jsonb_typeof('"s"'), jsonb_typeof('[]'), jsonb_typeof('{}'), jsonb_typeof('null'), jsonb_typeof('true');

-- Key/value expansion
SELECT key, value FROM jsonb_each('{"b": 2, "a": [1, 2], "c": {"d": null}}') ORDER BY key;
SELECT key, value FROM jsonb_each_text((SELECT payload -> 'meta' FROM webhooks WHERE id = 4)) ORDER BY key;
SELECT jsonb_object_keys(payload) AS k FROM webhooks WHERE id = 3 ORDER BY k;

-- Array expansion: one row per order item
SELECT w.payload #>> '{order,id}' AS order_id, item ->> 'sku' AS sku, (item ->> 'qty')::int AS qty,
       (item ->> 'price')::numeric * (item ->> 'qty')::int AS line_total
FROM webhooks w, jsonb_array_elements(w.payload -> 'order' -> 'items') AS item
ORDER BY order_id, sku;

SELECT id, tag FROM webhooks, jsonb_array_elements_text(payload -> 'tags') WITH ORDINALITY AS t(tag, n) ORDER BY id, n;

-- Typed records from JSON
SELECT * FROM jsonb_to_recordset((SELECT payload #> '{order,items}' FROM webhooks WHERE id = 1)) AS x(sku text, qty int, price numeric)
ORDER BY sku;
SELECT * FROM jsonb_to_record('{"id": 7, "name": "widget", "extra": true}') AS r(id int, name text, price numeric);

-- Building documents
SELECT jsonb_build_object('id', 1, 'tags', jsonb_build_array('a', 'b'), 'nested', jsonb_build_object('ok', true)) AS doc;
SELECT to_jsonb(w) - 'payload' AS row_without_payload FROM webhooks w WHERE id = 3;
SELECT row_to_json(t) FROM (SELECT 1 AS a, 'two' AS b, NULL::int AS c) t;
SELECT to_jsonb(ARRAY[1, 2, 3]) AS arr, to_jsonb('text'::text) AS str, to_jsonb(1.50::numeric) AS num, to_jsonb(DATE '2024-01-02') AS dt;

-- Aggregating rows into objects and arrays
SELECT jsonb_object_agg(provider, cnt) AS per_provider
FROM (SELECT provider, count(*) AS cnt FROM webhooks GROUP BY provider) s;
SELECT jsonb_agg(payload ->> 'event' ORDER BY id) AS events FROM webhooks;
SELECT provider, json_agg(id ORDER BY id DESC) FROM webhooks GROUP BY provider ORDER BY provider;

-- Modifying documents
SELECT jsonb_strip_nulls(payload) ? 'note' AS still_has_note FROM webhooks WHERE id = 1;
SELECT jsonb_strip_nulls('{"a": 1, "b": null, "c": {"d": null, "e": 2}, "f": [null]}');
SELECT payload #- '{order,customer}' -> 'order' AS without_customer FROM webhooks WHERE id = 2;
SELECT '{"a": 1, "b": 2}'::jsonb - 'a' AS minus_key, '["x", "y", "z"]'::jsonb - 1 AS minus_index,
       '{"a": 1, "b": 2, "c": 3}'::jsonb - ARRAY['a', 'c'] AS minus_keys;
SELECT '{"a": {"b": 1}}'::jsonb || '{"a": {"c": 2}}'::jsonb AS shallow_merge, '[1, 2]'::jsonb || '[3]'::jsonb AS array_concat;
SELECT jsonb_set('{"a": [1, 2, 3]}', '{a,1}', '"two"') AS set_elem,
       jsonb_set('{"a": 1}', '{b,c}', '1') AS missing_parent,
       jsonb_insert('{"a": [1, 3]}', '{a,1}', '2') AS inserted,
       jsonb_insert('{"a": [1, 3]}', '{a,1}', '2', true) AS inserted_after;

UPDATE webhooks SET payload = jsonb_set(payload, '{processed}', 'true') WHERE provider = 'payments' RETURNING id, payload -> 'processed';

-- Existence and containment operators
SELECT id FROM webhooks WHERE payload ?| ARRAY['tags', 'changes'] ORDER BY id;
SELECT id FROM webhooks WHERE payload ?& ARRAY['amount', 'meta'] ORDER BY id;
SELECT id FROM webhooks WHERE payload -> 'order' -> 'customer' @> '{"vip": true}' ORDER BY id;
SELECT '{"a": 1}'::jsonb <@ '{"a": 1, "b": 2}'::jsonb AS contained, '[1, 2, 3]'::jsonb @> '[3, 1]' AS arr_contains;

-- Equality, ordering and normalisation of jsonb values
SELECT '{"b": 1, "a": 2}'::jsonb = '{"a": 2, "b": 1}'::jsonb AS same, '{"a": 1, "a": 2}'::jsonb AS dup_keys,
       '{"a": 1, "a": 2}'::json AS json_keeps_dups, '1.0'::jsonb = '1'::jsonb AS numeric_eq;
SELECT jsonb_pretty('{"a": [1, {"b": null}]}');
SELECT (payload ->> 'version')::numeric AS version, payload -> 'version' AS raw FROM webhooks WHERE id = 5;

-- Nested change log flattened
SELECT c.key AS field, c.value ->> 0 AS old_value, c.value ->> 1 AS new_value
FROM webhooks, jsonb_each(payload -> 'changes') AS c
WHERE provider = 'crm' ORDER BY field;

-- Errors: invalid JSON, wrong argument type, path on scalar
SELECT '{"a": }'::jsonb;
SELECT jsonb_array_elements('{"a": 1}');
SELECT jsonb_each('[1, 2]');
SELECT '{"a": "x"}'::jsonb ->> 'a' + 1;
