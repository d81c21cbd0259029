-- Cleaning messy imported contact data with string and regular-expression functions:
-- trimming, case folding, splitting, padding, translate, regexp_* with flags.

CREATE TABLE raw_contacts (
  id int PRIMARY KEY,
  full_name text,
  phone text,
  email text,
  address text,
  tags text
);

INSERT INTO raw_contacts VALUES
  (1, '  john   SMITH ', '(0113) 496-0000', ' John.Smith@Example.COM ', '12 high st,  leeds , LS1 1AA', 'vip; retail ;;'),
  (2, 'Mary-Jane O''Neil', '+44 113 496 0001', 'mj@example.co.uk', 'Flat 2, 5 Mill Lane, York,YO1 7AB', 'Retail,Wholesale'),
  (3, 'dr. a. b. jones', '0113.496.0002 ext 7', 'ab.jones@@example.com', NULL, ''),
  (4, NULL, '', 'not-an-email', '1 Main Street', NULL),
  (5, 'ÉMILE ZOLA', '07700 900123', 'emile@example.fr', '3 Rue de la Paix, Paris', 'press|vip');

-- Normalise names: collapse whitespace, trim, initcap
SELECT id, full_name, initcap(trim(regexp_replace(full_name, '\s+', ' ', 'g'))) AS clean_name FROM raw_contacts ORDER BY id;

-- Digits only, and the last 4
SELECT id, regexp_replace(phone, '\D', '', 'g') AS digits, right(regexp_replace(phone, '[^0-9]', '', 'g'), 4) AS last4,
       length(regexp_replace(phone, '\D', '', 'g')) AS n FROM raw_contacts ORDER BY id;

-- Emails: lower-case, trimmed, validity check
SELECT id, lower(btrim(email)) AS email, btrim(email) ~* '^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$' AS valid FROM raw_contacts ORDER BY id;

-- Domain with substring and regexp_match
SELECT id, substring(lower(email) FROM '@(.*)$') AS domain, (regexp_match(lower(btrim(email)), '@([^.]+)\.'))[1] AS org FROM raw_contacts ORDER BY id;

-- Split address into parts
SELECT id, address, split_part(address, ',', 1) AS line1, trim(split_part(address, ',', -1)) AS last_part,
       array_length(string_to_array(address, ','), 1) AS parts
FROM raw_contacts ORDER BY id;

SELECT id, trim(x) AS part, ord FROM raw_contacts, unnest(string_to_array(address, ',')) WITH ORDINALITY AS u(x, ord) WHERE id IN (1, 2) ORDER BY id, ord;

-- Tags with mixed separators into a clean sorted array
SELECT id, array(SELECT DISTINCT lower(trim(t)) FROM regexp_split_to_table(tags, '[;,|]') AS t WHERE trim(t) <> '' ORDER BY 1) AS tag_list
FROM raw_contacts ORDER BY id;

SELECT id, regexp_split_to_array(coalesce(tags, ''), '\s*[;,|]\s*') AS raw_split FROM raw_contacts ORDER BY id;

-- Count matches
SELECT id, (SELECT count(*) FROM regexp_matches(coalesce(address, ''), '\d+', 'g')) AS number_groups FROM raw_contacts ORDER BY id;

-- Case-insensitive flag and first match only
SELECT regexp_replace('Foo foo FOO', 'foo', 'bar') AS first_only, regexp_replace('Foo foo FOO', 'foo', 'bar', 'gi') AS all_ci;
SELECT regexp_replace('2024-05-06', '(\d+)-(\d+)-(\d+)', '\3/\2/\1') AS swapped;
SELECT regexp_matches('key1=val1, key2=val2', '(\w+)=(\w+)', 'g');
SELECT regexp_match('no digits here', '\d+') IS NULL AS no_match;

-- Padding and formatting
SELECT lpad(id::text, 5, '0') AS code, rpad(coalesce(full_name, '?'), 12, '.') AS padded, lpad('abcdef', 3) AS truncated FROM raw_contacts ORDER BY id;

-- translate, replace, reverse, repeat
SELECT translate('(0113) 496-0000', '()- ', '') AS t, replace('a.b.c', '.', '::') AS r, reverse('stressed') AS rev, repeat('ab', 3) AS rep;

-- Position, strpos, overlay
SELECT strpos('hello world', 'o') AS sp, position('world' IN 'hello world') AS pos, overlay('hello world' PLACING 'there' FROM 7 FOR 5) AS ov;

-- starts_with and LIKE escapes
SELECT starts_with('prefix_rest', 'prefix') AS sw, 'a_b' LIKE 'a\_b' AS escaped, 'axb' LIKE 'a\_b' AS not_escaped, '50%' LIKE '50!%' ESCAPE '!' AS custom;

-- SIMILAR TO
SELECT id, phone SIMILAR TO '[0-9 ]+' AS plain_digits FROM raw_contacts ORDER BY id;

-- concat and concat_ws with NULLs
SELECT concat('a', NULL, 'b') AS c, concat_ws('-', 'a', NULL, 'b') AS cw, 'a' || NULL AS pipe;

-- format()
SELECT format('%s <%s>', initcap(trim(full_name)), lower(trim(email))) FROM raw_contacts WHERE id <= 2 ORDER BY id;
SELECT format('%I.%L = %s', 'My Table', 'it''s', 42);
SELECT format('%-8s|%8s|', 'left', 'right');

-- Update in place
UPDATE raw_contacts SET email = lower(btrim(email)), phone = nullif(regexp_replace(phone, '\D', '', 'g'), '') RETURNING id, email, phone;

-- Duplicate detection by normalised email
SELECT lower(btrim(email)) AS e, count(*) FROM raw_contacts GROUP BY 1 HAVING count(*) > 1;

-- ASCII helpers
SELECT ascii('A'), chr(97), to_hex(255), upper('straße'), lower('ÉMILE'), length('ÉMILE');
SELECT md5('hello'), encode(sha256('hello'::bytea), 'hex') AS sha;

-- Quote helpers
SELECT quote_ident('Mixed Case'), quote_literal('O''Neil'), quote_nullable(NULL);

-- Errors: bad regex, negative repeat length argument type
SELECT 'abc' ~ '(';
SELECT regexp_replace('abc', 'b', 'x', 'z');
SELECT substring('hello', 2, -1);

SELECT left('hello', -2), right('hello', -2), substr('hello', 0, 3), substring('hello' FROM 2);
