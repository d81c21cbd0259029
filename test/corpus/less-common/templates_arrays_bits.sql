-- Notification and feature-flag service: message templates rendered with format(), CSV-ish
-- inputs split with regexp_split_to_table, array slicing and ordinality, and permission bitmasks.

CREATE TABLE templates (
  key text PRIMARY KEY,
  body text NOT NULL,
  channels text[] NOT NULL
);

CREATE TABLE recipients (
  id integer PRIMARY KEY,
  name text NOT NULL,
  locale text NOT NULL,
  tags text NOT NULL,
  scores integer[] NOT NULL,
  perms integer NOT NULL DEFAULT 0,
  flags bit(8) NOT NULL DEFAULT B'00000000'
);

INSERT INTO templates VALUES
  ('welcome', 'Hi %1$s, welcome to %2$s! Your plan: %3$s.', '{email,push}'),
  ('reminder', '%2$s: %1$s has %3$s unread messages', '{push,sms,email}'),
  ('digest', 'Weekly digest for %s', '{email}');

INSERT INTO recipients VALUES
  (1, 'ana', 'en-GB', 'beta; vip ;early-adopter', '{10,20,30,40,50}', 7, B'10100001'),
  (2, 'ben', 'de-DE', 'beta', '{5,15}', 1, B'00000001'),
  (3, 'cleo', 'fr-FR', '', '{}', 12, B'11110000'),
  (4, 'dev', 'en-US', 'staff;beta;;vip', '{100}', 15, B'00001111');

-- Rendering with positional format() arguments
SELECT r.name, format(t.body, r.name, 'Acme', 'pro') AS message
FROM recipients r CROSS JOIN templates t WHERE t.key = 'welcome' ORDER BY r.id;

SELECT format((SELECT body FROM templates WHERE key = 'reminder'), 'ana', 'Inbox', 3) AS reminder;
SELECT format('%s|%s|%s', 'a', NULL, 3) AS nulls_as_empty, format('%L and %L', 'it''s', NULL) AS literals, format('%I.%I', 'public', 'Order Items') AS idents;
SELECT format('[%10s][%-10s][%3$s]', 'right', 'left', 'third') AS padding, format('%1$s-%1$s-%2$s', 'x', 'y') AS reuse, format('%%done %s', 100) AS percent;
SELECT format('UPDATE %I SET %I = %L WHERE id = %s', 'recipients', 'name', 'O''Brien', 4) AS dynamic_sql;
SELECT format('%s %s', 'only one');
SELECT format('%z', 1);

-- Splitting messy tag strings
SELECT r.id, trim(t.tag) AS tag
FROM recipients r, regexp_split_to_table(r.tags, '\s*;\s*') AS t(tag)
WHERE trim(t.tag) <> ''
ORDER BY r.id, tag;

SELECT tag, count(*) AS recipients
FROM recipients r, LATERAL unnest(string_to_array(replace(r.tags, ' ', ''), ';')) AS tag
WHERE tag <> '' GROUP BY tag ORDER BY recipients DESC, tag;

SELECT regexp_split_to_array('2024-06-01T10:15:30', '[-T:]') AS parts, regexp_split_to_table('a1b22c333', '\d+') AS piece ORDER BY piece;
SELECT split_part(locale, '-', 1) AS lang, split_part(locale, '-', 2) AS region, split_part(locale, '-', -1) AS last_part FROM recipients ORDER BY id;

-- Array slicing, positions and ordinality
SELECT id, scores[1] AS first, scores[array_length(scores, 1)] AS last, scores[2:3] AS second_third, scores[:2] AS head, scores[4:] AS tail, scores[10] AS out_of_range
FROM recipients ORDER BY id;

SELECT r.id, s.score, s.pos FROM recipients r, unnest(r.scores) WITH ORDINALITY AS s(score, pos) WHERE r.id IN (1, 2) ORDER BY r.id, s.pos;
SELECT t.channel, t.priority FROM templates, unnest(channels) WITH ORDINALITY AS t(channel, priority) WHERE key = 'reminder' ORDER BY t.priority;

SELECT array_position(channels, 'email') AS email_pos, array_positions(ARRAY[1, 2, 1, 3, 1], 1) AS ones, array_remove(channels, 'sms') AS no_sms, array_replace(channels, 'push', 'webpush') AS renamed
FROM templates WHERE key = 'reminder';

SELECT array_cat(ARRAY[1, 2], ARRAY[3]) AS cat, ARRAY[1, 2] || 3 AS append, 0 || ARRAY[1, 2] AS prepend, array_prepend(0, ARRAY[1]) AS prepend_fn,
       array_length('{}'::int[], 1) AS empty_len, cardinality('{}'::int[]) AS empty_card, array_ndims(ARRAY[[1, 2], [3, 4]]) AS dims, array_dims(ARRAY[[1, 2], [3, 4]]) AS dim_text;

SELECT (ARRAY[[1, 2, 3], [4, 5, 6]])[2][3] AS cell, (ARRAY[[1, 2, 3], [4, 5, 6]])[1:2][2:3] AS sub, array_to_string(ARRAY['a', NULL, 'c'], ',', '*') AS with_null_marker, array_to_string(ARRAY['a', NULL, 'c'], ',') AS skip_null;

-- Aggregating scores back into arrays and comparing arrays
SELECT id, (SELECT sum(s) FROM unnest(scores) s) AS total, (SELECT array_agg(s ORDER BY s DESC) FROM unnest(scores) s) AS sorted_desc FROM recipients ORDER BY id;
SELECT ARRAY[1, 2, 3] = ARRAY[1, 2, 3] AS eq, ARRAY[1, 2] < ARRAY[1, 3] AS lt, ARRAY[1, 2, 3] @> ARRAY[3, 1] AS contains, ARRAY[1, 2] && ARRAY[5, 2] AS overlaps, ARRAY[2, 1] <@ ARRAY[1, 2, 3] AS contained;
SELECT array_agg(DISTINCT c ORDER BY c) AS all_channels FROM templates, unnest(channels) c;
SELECT (ARRAY[1, 2])[3] AS past_end, ('{1,2,3}'::int[])[0] AS index_zero, ('[0:2]={7,8,9}'::int[])[0] AS custom_lower_bound;
SELECT ARRAY[[1, 2], [3]];

-- Permission bitmasks: read=1, write=2, delete=4, admin=8
SELECT id, name, perms,
       perms & 1 <> 0 AS can_read, perms & 2 <> 0 AS can_write, perms & 4 <> 0 AS can_delete, perms & 8 <> 0 AS is_admin
FROM recipients ORDER BY id;

SELECT id, perms | 2 AS grant_write, perms & ~4 AS revoke_delete, perms # 1 AS toggle_read, perms << 1 AS shifted_left, perms >> 2 AS shifted_right
FROM recipients ORDER BY id;

SELECT bit_or(perms) AS any_perm, bit_and(perms) AS common_perms, bit_xor(perms) AS parity FROM recipients;
SELECT id FROM recipients WHERE perms & (2 | 4) = (2 | 4) ORDER BY id;
UPDATE recipients SET perms = perms | 8 WHERE id = 2 RETURNING id, perms;

-- Bit strings
SELECT id, flags, flags & B'00000001' AS low_bit, get_bit(flags, 0) AS first_bit, length(flags) AS bits, bit_count(flags) AS set_bits, flags::integer AS as_int
FROM recipients ORDER BY id;
SELECT B'1010' | B'0101' AS bor, B'1100' # B'1010' AS bxor, ~ B'1100' AS bnot, B'1001' << 1 AS shl, 10::bit(8) AS from_int, set_bit(B'0000', 2, 1) AS set2, B'10' || B'01' AS concat;
SELECT id, to_hex(perms) AS hex, lpad((perms::bit(4))::text, 4, '0') AS binary_text FROM recipients ORDER BY id;
SELECT B'101' & B'11';
SELECT B'102';
