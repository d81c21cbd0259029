-- Assorted less-common features: type casts and formatting, ranges, boolean aggregates,
-- lateral series, conditional expressions, regclass and system functions.

CREATE TABLE items (id int PRIMARY KEY, label text, price numeric(8,2), qty int, tags text[], meta jsonb, seen timestamptz);
INSERT INTO items VALUES
  (1, 'Alpha', 10.50, 3, '{a,b}', '{"color": "red", "size": 3}', '2024-01-01 10:00+00'),
  (2, 'beta', 0.99, 0, '{}', '{"color": "blue"}', '2024-02-15 23:59:59+00'),
  (3, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, 'Gamma ray', 1234.00, 12, '{c}', '{"size": [1, 2]}', '2024-03-31 00:00+00');

SELECT id, label::varchar(3) AS short, price::int AS p_int, price::text AS p_text, qty::numeric / 4 AS quarter, qty::float8 / 4 AS fquarter FROM items ORDER BY id;
SELECT '42'::smallint + 1, '3.14'::real, 'true'::boolean, 'yes'::boolean, 'off'::boolean, '  t '::boolean;
SELECT 'abc'::char(5) || '|', length('abc'::char(5)), 'abc'::char(5) = 'abc  '::char(5), 'abc'::varchar(2);
SELECT CAST('2024-02-29' AS date) + 365, '1 day 2 hours'::interval * 2, '10:00'::time - '08:30'::time;
SELECT 1::bit(4), B'1010' & B'0110', x'FF'::int, 255::bit(8), (5::bit(8))::int;
SELECT int4range(1, 10) @> 5, daterange('2024-01-01', '2024-02-01') && daterange('2024-01-15', '2024-03-01'), numrange(1.5, 2.5, '[]') AS nr, upper(int4range(3, 7)), lower_inc(int4range(3, 7));
SELECT tsrange('2024-01-01 10:00', '2024-01-01 12:00') * tsrange('2024-01-01 11:00', '2024-01-01 13:00') AS overlap, isempty(int4range(5, 5));
SELECT bool_or(qty > 10), bool_and(qty >= 0), count(DISTINCT qty), count(qty), count(*) FROM items;
SELECT id, CASE WHEN qty IS NULL THEN 'unknown' WHEN qty = 0 THEN 'out' WHEN qty < 5 THEN 'low' ELSE 'ok' END, nullif(qty, 0), coalesce(label, '(none)'), greatest(qty, 5), least(price, 100) FROM items ORDER BY id;
SELECT i.id, s.n FROM items i, LATERAL generate_series(1, coalesce(i.qty, 0)) s(n) WHERE i.qty < 5 ORDER BY 1, 2;
SELECT 'items'::regclass, 'items'::regclass::oid > 0, pg_typeof(now()), pg_typeof(1::int2 + 1::int2), pg_typeof(1 + 1.5), pg_typeof('a' || 1);
SELECT current_database() IS NOT NULL, current_user IS NOT NULL, version() LIKE 'PostgreSQL%', current_setting('DateStyle'), current_schema();
SELECT id, meta->>'color' AS color, meta->'size' AS size, jsonb_typeof(meta->'size') FROM items ORDER BY id;
SELECT id, to_char(seen, 'YYYY-MM-DD"T"HH24:MI:SSOF') AS iso, seen::date, extract(epoch FROM seen)::bigint FROM items ORDER BY id;
SELECT id, label, label ILIKE 'a%' AS a_start, label ~ '^[A-Z]' AS capital, upper(label), initcap(label), length(label) FROM items ORDER BY id;
SELECT id, tags, tags[1], array_length(tags, 1), tags || ARRAY['z'] FROM items ORDER BY id;
SELECT sum(price * qty) AS stock_value, round(avg(price), 3), max(label), min(seen) FROM items;
SELECT id FROM items WHERE price IS DISTINCT FROM 0.99 ORDER BY id;
SELECT id FROM items WHERE (qty, price) > (2, 1) ORDER BY id;
SELECT * FROM items WHERE label IN (SELECT label FROM items WHERE qty > 2) ORDER BY id;
SELECT id, row_to_json(i) FROM items i WHERE id = 1;
SELECT json_build_object('id', id, 'label', label) FROM items ORDER BY id;
SELECT jsonb_agg(i ORDER BY id) FROM (SELECT id, label FROM items WHERE id < 3) i;
SELECT to_json(ARRAY[1, 2]), to_jsonb('text'::text), '{"a":1}'::json->'a', json_typeof('[]');
SELECT generate_series(1, 3) AS a, generate_series(1, 2) AS b;
SELECT * FROM generate_series('2024-01-01'::date, '2024-01-03'::date, '1 day') AS d;
SELECT n, n % 3 AS m, n / 3 AS d, -n AS neg, @ -n AS absval, n ^ 2 AS sq, |/ (n * 1.0) AS root FROM generate_series(1, 4) n;
SELECT 7 & 3, 7 | 8, 7 # 2, ~7, 1 << 4, 256 >> 2;
SELECT 'a' < 'B', 'a' < 'b' COLLATE "C", 'Z' < 'a' COLLATE "C", upper('ß'), 'é' > 'e';
SELECT string_agg(label, ',') WITHIN GROUP (ORDER BY label) FROM items;
SELECT id FROM items ORDER BY label COLLATE "C" NULLS FIRST;
SELECT id, label FROM items ORDER BY lower(label) DESC NULLS LAST;
SELECT count(*) FROM items WHERE seen > now() - interval '100 years';
SELECT EXISTS (SELECT 1 FROM items WHERE qty > 100), NOT EXISTS (SELECT 1 FROM items WHERE qty > 100);
SELECT id, qty, sum(qty) OVER w, avg(qty) OVER w FROM items WINDOW w AS (ORDER BY id ROWS 1 PRECEDING) ORDER BY id;
SELECT label FROM items WHERE label SIMILAR TO '(A|G)%';
SELECT id FROM items WHERE tags <@ '{a,b,c}' ORDER BY id;
SELECT num_nonnulls(label, price, qty), num_nulls(label, price, qty) FROM items ORDER BY id;
SELECT id, price::money FROM items WHERE price IS NOT NULL ORDER BY id;
SELECT 'a,b;c'::text, regexp_split_to_table('a,b;c', '[,;]');
SELECT gen_random_uuid() IS NOT NULL, length(md5(random()::text)) = 32;
VALUES (1, 'x'), (2, 'y') ORDER BY 1 DESC;
SELECT * FROM (VALUES (1, 'x'), (2, 'y')) AS t(n, s) WHERE n > 1;
