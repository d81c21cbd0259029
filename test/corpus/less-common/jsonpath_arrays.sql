-- Order documents stored as jsonb queried with SQL/JSON path functions and jsonb operators,
-- and multi-dimensional arrays with array operators and functions.

CREATE TABLE docs (id int PRIMARY KEY, body jsonb NOT NULL);

INSERT INTO docs VALUES
  (1, '{"customer": {"name": "Ana", "tier": "gold"}, "items": [{"sku": "A1", "qty": 2, "price": 9.99}, {"sku": "B2", "qty": 1, "price": 120}], "tags": ["rush", "gift"], "paid": true}'),
  (2, '{"customer": {"name": "Ben"}, "items": [{"sku": "C3", "qty": 10, "price": 1.5}], "tags": [], "paid": false, "notes": null}'),
  (3, '{"customer": {"name": "Cy", "tier": "silver"}, "items": [], "paid": true, "coupon": {"code": "SAVE10", "pct": 10}}');

-- jsonb_path_query and friends
SELECT id, jsonb_path_query(body, '$.items[*].sku') AS sku FROM docs ORDER BY id, sku;
SELECT id, jsonb_path_query_array(body, '$.items[*] ? (@.qty > 1).sku') AS bulk FROM docs ORDER BY id;
SELECT id, jsonb_path_query_first(body, '$.items[0].price') AS first_price FROM docs ORDER BY id;
SELECT id, jsonb_path_exists(body, '$.coupon') AS has_coupon, body @? '$.items[*] ? (@.price > 100)' AS pricey, body @@ '$.paid == true' AS paid FROM docs ORDER BY id;
SELECT jsonb_path_query('{"a": [1, 2, 3, 4]}', '$.a[*] ? (@ >= $min)', '{"min": 3}') AS v;
SELECT jsonb_path_query('{"a": [1, 2, 3]}', '$.a.size()') AS n, jsonb_path_query('{"x": "2024-01-01"}', '$.x.type()') AS t;
SELECT jsonb_path_query_array('[{"a":1},{"a":2},{"b":3}]', '$[*].a') AS arr, jsonb_path_query_first('{}', '$.missing') IS NULL AS none;
SELECT jsonb_path_query('{"a": 1}', 'strict $.b');
SELECT jsonb_path_query('{"a": 1}', 'lax $.b') AS lax_result;

-- Order totals with jsonb_array_elements and a lateral join
SELECT d.id, d.body->'customer'->>'name' AS customer, coalesce(sum((i->>'qty')::int * (i->>'price')::numeric), 0) AS total
FROM docs d LEFT JOIN LATERAL jsonb_array_elements(d.body->'items') i ON true
GROUP BY d.id ORDER BY d.id;

SELECT d.id, x.sku, x.qty, x.price FROM docs d, jsonb_to_recordset(d.body->'items') AS x(sku text, qty int, price numeric) ORDER BY d.id, x.sku;

-- Operators: #>, #>>, -, ||, delete path, containment
SELECT body #> '{customer,name}' AS j, body #>> '{items,0,sku}' AS first_sku, body->'customer' ? 'tier' AS has_tier FROM docs ORDER BY id;
SELECT (body - 'items') - 'tags' AS trimmed FROM docs WHERE id = 1;
SELECT body #- '{customer,tier}' -> 'customer' AS no_tier FROM docs WHERE id = 1;
SELECT '{"a":1}'::jsonb || '{"b":2}'::jsonb AS merged, '[1,2]'::jsonb || '[3]'::jsonb AS cat, '{"a":{"b":1}}'::jsonb @> '{"a":{}}' AS contains;
SELECT jsonb_set(body, '{customer,tier}', '"bronze"', true) -> 'customer' AS upd, jsonb_insert(body->'tags', '{0}', '"first"') AS ins FROM docs WHERE id = 2;
SELECT jsonb_strip_nulls(body) ? 'notes' AS still_has_notes FROM docs WHERE id = 2;
SELECT id, jsonb_array_length(body->'items') AS n_items, jsonb_typeof(body->'notes') AS notes_type, body->'notes' IS NULL AS sql_null FROM docs ORDER BY id;
SELECT jsonb_object_keys(body) AS k FROM docs WHERE id = 3 ORDER BY k;
SELECT jsonb_build_object('id', id, 'n', jsonb_array_length(body->'items')) AS o, jsonb_build_array(id, body->'paid') AS a FROM docs ORDER BY id;
SELECT jsonb_agg(body->'customer'->>'name' ORDER BY id) AS names, jsonb_object_agg(id, body->'paid') AS paid_map FROM docs;
SELECT '{"a": 1, "b": [1, 2]}'::jsonb -> 'b' ->> 1 AS second, '[10, 20, 30]'::jsonb -> -1 AS last;

-- Update inside a document
UPDATE docs SET body = jsonb_set(body, '{paid}', 'true') WHERE id = 2 RETURNING body->'paid';
UPDATE docs SET body = body || jsonb_build_object('tags', (body->'tags') || '["vip"]') WHERE id = 1 RETURNING body->'tags';

-- Errors
SELECT '{"a": }'::jsonb;
SELECT ('{"a": "x"}'::jsonb->>'a')::int;
SELECT jsonb_path_query('{}', '$$.bad');

-- Arrays: multi-dimensional, slices, operators
SELECT ARRAY[[1, 2, 3], [4, 5, 6]] AS m, (ARRAY[[1, 2, 3], [4, 5, 6]])[2][3] AS m23, array_dims(ARRAY[[1, 2, 3], [4, 5, 6]]) AS dims, array_ndims(ARRAY[[1], [2]]) AS nd;
SELECT (ARRAY[10, 20, 30, 40, 50])[2:4] AS slice, (ARRAY[10, 20, 30, 40, 50])[:2] AS head, (ARRAY[10, 20, 30, 40, 50])[4:] AS tail, (ARRAY[1, 2])[5] AS oob;
SELECT ARRAY[1, 2] || ARRAY[3] AS cat, 0 || ARRAY[1, 2] AS prepend, ARRAY[1, 2, 3] @> ARRAY[2] AS contains, ARRAY[1, 2] <@ ARRAY[1, 2, 3] AS contained, ARRAY[1, 2] && ARRAY[2, 9] AS overlaps;
SELECT array_position(ARRAY['a', 'b', 'c', 'b'], 'b') AS pos, array_positions(ARRAY['a', 'b', 'c', 'b'], 'b') AS all_pos, array_replace(ARRAY[1, 2, 1], 1, 9) AS repl, array_cat(ARRAY[1], ARRAY[2, 3]) AS ac;
SELECT array_to_string(ARRAY[1, NULL, 3], ',') AS no_null, array_to_string(ARRAY[1, NULL, 3], ',', '*') AS star, string_to_array('a,b,,c', ',') AS sa, string_to_array('a,b,,c', ',', '') AS sa_null;
SELECT array_upper(ARRAY[[1, 2], [3, 4]], 2) AS up2, array_lower(ARRAY[1, 2], 1) AS lo, cardinality(ARRAY[[1, 2], [3, 4]]) AS card, array_length('{}'::int[], 1) AS empty_len;
SELECT ARRAY[1, 2, 3] = ARRAY[1, 2, 3] AS eq, ARRAY[1, 2] < ARRAY[1, 3] AS lt, ARRAY[1, 2, 3] > ARRAY[1, 2] AS longer, '{1,2,3}'::int[] AS lit, '{{a,b},{c,d}}'::text[] AS lit2;
SELECT unnest(ARRAY[[1, 2], [3, 4]]) AS flat;
SELECT * FROM unnest(ARRAY[1, 2, 3], ARRAY['x', 'y']) AS u(n, s);
SELECT array_agg(x ORDER BY x DESC) AS agg, array_agg(DISTINCT x) AS dist FROM (VALUES (3), (1), (3), (2)) v(x);
SELECT array_agg(ARRAY[x, x * 10]) AS two_d FROM generate_series(1, 3) x;
SELECT 3 = ANY (ARRAY[1, 2, 3]) AS any_eq, 3 > ALL (ARRAY[1, 2]) AS all_gt, NULL = ANY (ARRAY[1]) AS null_any, 5 = ANY ('{}'::int[]) AS empty_any, 2 <> ALL (ARRAY[1, NULL]) AS null_all;
SELECT array_fill(0, ARRAY[2, 3]) AS filled, array_remove(ARRAY['a', NULL, 'b'], NULL) AS no_nulls, trim_array(ARRAY[1, 2, 3, 4], 2) AS trimmed;
SELECT ARRAY[[1, 2], [3]];
SELECT (ARRAY[1, 2, 3])[1.7] AS numeric_sub, ARRAY(SELECT generate_series(1, 4)) AS from_query;

CREATE TABLE grids (id int PRIMARY KEY, cells int[][]);
INSERT INTO grids VALUES (1, '{{1,0},{0,1}}'), (2, ARRAY[[5, 6], [7, 8]]);
UPDATE grids SET cells[1][2] = 9 WHERE id = 1 RETURNING cells;
SELECT id, cells[2][1] AS c21, array_length(cells, 1) AS rows FROM grids ORDER BY id;
SELECT id, sum(v) FROM grids, unnest(cells) v GROUP BY id ORDER BY id;
