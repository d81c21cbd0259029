-- File-storage API: objects keyed by uuid with bytea contents and checksums, plus the
-- string functions used to build SQL and object names safely.

CREATE TABLE stored_objects (
  id uuid PRIMARY KEY,
  bucket text NOT NULL,
  object_key text NOT NULL,
  content bytea NOT NULL,
  uploaded_at timestamptz NOT NULL,
  UNIQUE (bucket, object_key)
);

INSERT INTO stored_objects VALUES
  ('123e4567-e89b-12d3-a456-426614174000', 'avatars', 'ann.png', '\x89504e470d0a1a0a', '2024-09-01 12:00:00+00'),
  ('{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', 'docs', 'report q3.pdf', 'hello world', '2024-09-02 08:30:15.5+00'),
  ('A0EEBC999C0B4EF8BB6D6BB9BD380A12', 'docs', 'notes.txt', E'line1\nline2', '2024-12-24 18:45:00+00');

-- uuid normalisation and ordering
SELECT id, object_key FROM stored_objects ORDER BY id;
SELECT id FROM stored_objects WHERE id = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11';
SELECT id::text, length(id::text), upper(id::text) FROM stored_objects WHERE bucket = 'avatars';
SELECT '123e4567-e89b-12d3-a456-42661417400'::uuid;

-- Server-generated ids: only their shape is checked
CREATE TABLE upload_sessions (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), object_id uuid REFERENCES stored_objects (id));
INSERT INTO upload_sessions (object_id) SELECT id FROM stored_objects;
SELECT count(*) AS sessions, count(DISTINCT id) AS distinct_ids, bool_and(id::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$') AS v4_format
FROM upload_sessions;

-- bytea output formats, lengths and encodings
SELECT object_key, content, length(content) AS bytes, octet_length(content) FROM stored_objects ORDER BY object_key;
SET bytea_output = 'escape';
SELECT content FROM stored_objects ORDER BY object_key;
RESET bytea_output;
SELECT encode(content, 'hex') AS hex, encode(content, 'base64') AS b64, encode(content, 'escape') AS esc
FROM stored_objects WHERE object_key = 'report q3.pdf';
SELECT decode('aGVsbG8gd29ybGQ=', 'base64') AS from_b64, convert_from(decode('68656c6c6f', 'hex'), 'UTF8') AS text_value;
SELECT convert_to('héllo', 'UTF8') AS utf8_bytes, length('héllo') AS chars, octet_length('héllo') AS octets;
SELECT get_byte(content, 0), set_byte('\x0000'::bytea, 1, 255), substring(content FROM 2 FOR 3) FROM stored_objects WHERE bucket = 'avatars';
SELECT '\x0102'::bytea || '\x03'::bytea AS concatenated, '\x'::bytea = ''::bytea AS empty_forms;
SELECT '\xzz'::bytea;

-- Hashes used as ETags
SELECT object_key, md5(content) AS etag FROM stored_objects ORDER BY object_key;
SELECT md5('hello world') = md5('hello world'::bytea) AS same, encode(sha256('hello world'::bytea), 'hex') AS sha256;

-- Building SQL safely with format() and quoting helpers
SELECT format('SELECT * FROM %I WHERE key = %L', 'stored objects', object_key) FROM stored_objects WHERE bucket = 'avatars';
SELECT format('%s has %s bytes', object_key, length(content)) FROM stored_objects ORDER BY object_key;
SELECT format('%1$s-%1$s-%2$s', 'a', 'b') AS positional, format('[%10s|%-10s]', 'right', 'left') AS padded, format('%L', NULL) AS null_literal;
SELECT quote_ident('select') AS reserved, quote_ident('Mixed Case') AS mixed, quote_ident('plain') AS plain,
       quote_literal('O''Reilly') AS literal, quote_literal(E'back\\slash') AS backslash, quote_nullable(NULL) AS nullable;
SELECT format('%s', ARRAY[1, 2]) AS arr, format('%I.%I', 'public', 'Objects') AS qualified;
SELECT format('%z', 1);

-- Misc string helpers
SELECT initcap('hello wORLD-example'), reverse('abc'), repeat('ab', 3), translate('2024-09-02', '-', '/'),
       ascii('A'), chr(66), position('lo' IN 'hello'), strpos('hello', 'l'), starts_with('avatars/ann.png', 'avatars/');
SELECT btrim('xxhixx', 'x'), ltrim('  left'), rtrim('right  ') || '|', overlay('Txxxxas' PLACING 'hom' FROM 2 FOR 4), to_hex(255), lpad('7', 3, '0');
