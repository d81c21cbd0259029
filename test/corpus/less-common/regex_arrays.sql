-- Log-processing and permissions service: parsing log lines with regular expressions and
-- managing role/permission sets stored as PostgreSQL arrays.

CREATE TABLE log_lines (id serial PRIMARY KEY, line text NOT NULL);

INSERT INTO log_lines (line) VALUES
  ('2024-07-01T10:00:01Z INFO  [api] GET /users/42 200 12ms ip=10.0.0.7'),
  ('2024-07-01T10:00:02Z WARN  [api] GET /users/abc 400 3ms ip=10.0.0.8'),
  ('2024-07-01T10:00:05Z ERROR [db] timeout after 5000ms on query=SELECT'),
  ('2024-07-01T10:01:00Z info  [worker] job 7781 done in 950ms'),
  ('2024-07-01T10:02:30Z INFO  [api] POST /orders 201 48ms ip=192.168.1.20');

-- Regex match operators, case-sensitive and insensitive
SELECT id FROM log_lines WHERE line ~ ' (WARN|ERROR) ' ORDER BY id;
SELECT id FROM log_lines WHERE line ~* ' info ' ORDER BY id;
SELECT id FROM log_lines WHERE line !~ 'ip=' ORDER BY id;
SELECT id FROM log_lines WHERE line !~* '\[API\]' ORDER BY id;
SELECT id, line SIMILAR TO '%(GET|POST)%' AS is_http FROM log_lines ORDER BY id;

-- Extracting fields
SELECT id, substring(line FROM '\[(\w+)\]') AS component,
       substring(line FROM ' (\d+)ms') AS millis,
       substring(line FROM 'ip=([0-9.]+)') AS ip
FROM log_lines ORDER BY id;

SELECT id, regexp_match(line, '(GET|POST) (\S+) (\d{3})') AS http FROM log_lines ORDER BY id;
SELECT id, (regexp_match(line, '(GET|POST) (\S+) (\d{3})'))[3]::int AS status FROM log_lines WHERE line ~ '(GET|POST)' ORDER BY id;

-- All numbers in a line, one row per match
SELECT id, m[1] AS number FROM log_lines, regexp_matches(line, '(\d+)ms', 'g') AS m ORDER BY id;
SELECT regexp_matches('a1b22c333', '\d+', 'g') AS runs;
SELECT regexp_matches('Key=Value; key=other', 'key=(\w+)', 'gi');

-- Replacing
SELECT regexp_replace(line, 'ip=[0-9.]+', 'ip=[redacted]') FROM log_lines WHERE id = 1;
SELECT regexp_replace('2024-07-01', '(\d{4})-(\d{2})-(\d{2})', '\3/\2/\1') AS european;
SELECT regexp_replace('aaa bbb aaa', 'a+', 'x') AS first_only, regexp_replace('aaa bbb aaa', 'a+', 'x', 'g') AS all_matches;
SELECT regexp_replace('Hello World', 'o', '0', 'gi'), regexp_replace('HELLO', 'l', '_', 'i');
SELECT regexp_replace('  too   many    spaces ', '\s+', ' ', 'g');

-- Splitting
SELECT regexp_split_to_array('a, b,c ,  d', '\s*,\s*') AS parts;
SELECT word, length(word) FROM regexp_split_to_table('the quick  brown fox', '\s+') AS word;
SELECT string_to_array('a,b,,c', ',') AS with_empty, string_to_array('a,b,,c', ',', '') AS empty_as_null;
SELECT string_to_array('1 2 3', ' ')::int[] AS ints, array_to_string(ARRAY['x', NULL, 'z'], '-') AS skip_null,
       array_to_string(ARRAY['x', NULL, 'z'], '-', '?') AS null_marker;

-- Level counts via regexp
SELECT upper((regexp_match(line, '^\S+ (\w+)'))[1]) AS level, count(*)
FROM log_lines GROUP BY 1 ORDER BY 1;

-- Permissions stored as arrays
CREATE TABLE roles (name text PRIMARY KEY, permissions text[] NOT NULL, parent_roles text[] NOT NULL DEFAULT '{}');

INSERT INTO roles VALUES
  ('viewer', '{read}', '{}'),
  ('editor', '{read,write,comment}', '{viewer}'),
  ('admin', ARRAY['read', 'write', 'delete', 'manage_users'], ARRAY['editor']),
  ('auditor', '{read,export}', '{viewer}');

-- Containment and overlap
SELECT name FROM roles WHERE permissions @> '{write}' ORDER BY name;
SELECT name FROM roles WHERE permissions <@ '{read,write,comment,export}' ORDER BY name;
SELECT name FROM roles WHERE permissions && ARRAY['delete', 'export'] ORDER BY name;
SELECT name FROM roles WHERE 'viewer' = ANY (parent_roles) ORDER BY name;
SELECT name FROM roles WHERE 'read' = ALL (permissions) ORDER BY name;

-- Concatenation, slices and positions
SELECT ARRAY[1, 2] || ARRAY[3, 4] AS cat, 0 || ARRAY[1, 2] AS prepend, ARRAY[1, 2] || 3 AS append,
       ARRAY[[1, 2], [3, 4]] || ARRAY[5, 6] AS grow_2d;
SELECT permissions[1] AS first, permissions[2:3] AS middle, permissions[:2] AS head, permissions[3:] AS tail,
       permissions[10] AS out_of_range
FROM roles WHERE name = 'admin';
SELECT array_position(permissions, 'delete') AS pos, array_positions(ARRAY[1, 2, 1, 3, 1], 1) AS positions,
       array_replace(permissions, 'write', 'edit') AS replaced
FROM roles WHERE name = 'admin';
SELECT array_dims(ARRAY[[1, 2, 3], [4, 5, 6]]) AS dims, array_ndims(ARRAY[[1], [2]]) AS ndims,
       array_length(ARRAY[[1, 2, 3], [4, 5, 6]], 2) AS len2, array_upper(ARRAY[5, 6, 7], 1) AS upper,
       ('[0:2]={a,b,c}'::text[])[0] AS zero_based;
SELECT ARRAY[[1, 2], [3, 4]] AS matrix, (ARRAY[[1, 2], [3, 4]])[2][1] AS cell, array_cat(ARRAY[1], ARRAY[2, 3]) AS catted;

-- Set operations on arrays
SELECT array_agg(DISTINCT p ORDER BY p) AS all_permissions FROM roles, unnest(permissions) AS p;
SELECT ARRAY(SELECT unnest(a.permissions) EXCEPT SELECT unnest(v.permissions) ORDER BY 1) AS extra_for_editor
FROM roles a, roles v WHERE a.name = 'editor' AND v.name = 'viewer';
SELECT ARRAY(SELECT x FROM unnest(ARRAY[3, 1, 2, 3, 1]) AS x GROUP BY x ORDER BY x DESC) AS uniq_desc;

-- Effective permissions through role inheritance
WITH RECURSIVE chain AS (
  SELECT name, permissions, parent_roles FROM roles WHERE name = 'admin'
  UNION ALL
  SELECT r.name, r.permissions, r.parent_roles FROM roles r JOIN chain c ON r.name = ANY (c.parent_roles)
)
SELECT array_agg(DISTINCT p ORDER BY p) FROM chain, unnest(permissions) AS p;

-- Updating arrays in place
UPDATE roles SET permissions = array_append(permissions, 'export') WHERE name = 'editor' RETURNING permissions;
UPDATE roles SET permissions[1] = 'read_all' WHERE name = 'auditor' RETURNING permissions;
UPDATE roles SET permissions = array_remove(permissions, 'comment') WHERE name = 'editor' RETURNING permissions;

-- Array comparison and ordering
SELECT ARRAY[1, 2, 3] < ARRAY[1, 3] AS lt, ARRAY[1, 2] = ARRAY[1, 2] AS eq, '{}'::int[] IS NULL AS empty_is_null,
       cardinality('{}'::int[]) AS card, array_length('{}'::int[], 1) AS len;
SELECT name, cardinality(permissions) FROM roles ORDER BY cardinality(permissions) DESC, name;

-- Errors: invalid regex, bad flags, mismatched dimensions
SELECT 'abc' ~ '(unclosed';
SELECT regexp_replace('abc', 'b', 'x', 'z');
SELECT ARRAY[[1, 2], [3]];
SELECT ARRAY[1, 2] || ARRAY['a'];
