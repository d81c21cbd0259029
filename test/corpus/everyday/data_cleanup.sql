-- CRM data cleanup job: contacts imported from spreadsheets into a staging table are
-- normalised (trimming, casing, phone and country fixes), validated, deduplicated and merged.

CREATE TABLE staging_contacts (
  id serial PRIMARY KEY,
  full_name text,
  email text,
  phone text,
  country text,
  signup_date text,
  score text
);

CREATE TABLE contacts (
  id serial PRIMARY KEY,
  full_name text NOT NULL,
  email text NOT NULL UNIQUE,
  phone text,
  country_code char(2),
  signup_date date,
  score integer CHECK (score BETWEEN 0 AND 100)
);

CREATE TABLE country_aliases (alias text PRIMARY KEY, code char(2) NOT NULL);

INSERT INTO country_aliases (alias, code) VALUES
  ('us', 'US'), ('usa', 'US'), ('united states', 'US'), ('uk', 'GB'), ('united kingdom', 'GB'),
  ('gb', 'GB'), ('germany', 'DE'), ('deutschland', 'DE'), ('de', 'DE');

INSERT INTO staging_contacts (full_name, email, phone, country, signup_date, score) VALUES
  ('  alice   smith ', 'Alice.Smith@Example.COM ', '(555) 123-4567', 'USA', '2023-01-15', '88'),
  ('Alice Smith', 'alice.smith@example.com', '555.123.4567', 'us', '2023-01-20', '90'),
  ('BOB JONES', ' bob@example.org', '', 'United Kingdom', '2023-02-01', ''),
  ('carla diaz', 'carla@example', '+49 30 1234567', 'Deutschland', '2023-13-01', '75'),
  ('Dan Brown', NULL, '555-999-0000', 'usa', '2023-03-05', '60'),
  (NULL, 'eve@example.net', '   ', NULL, '', 'n/a'),
  ('frank o''neil', 'frank@example.com', '555 222 3333', 'UK', '2023-04-10', '101'),
  ('Gina Lee', 'gina@example.com', NULL, 'Canada', '2023-05-12', '45'),
  ('gina lee', 'GINA@example.com', '555-444-1111', 'canada', '2023-05-13', '47');

-- Profile the raw data
SELECT count(*) AS total,
       count(email) AS with_email,
       count(NULLIF(trim(phone), '')) AS with_phone,
       count(DISTINCT lower(trim(email))) AS distinct_emails
FROM staging_contacts;

-- Trim and normalise whitespace and case
UPDATE staging_contacts
SET full_name = initcap(regexp_replace(trim(full_name), '\s+', ' ', 'g')),
    email = lower(trim(email)),
    phone = NULLIF(trim(phone), ''),
    country = lower(trim(country)),
    signup_date = NULLIF(trim(signup_date), ''),
    score = NULLIF(trim(score), '');

SELECT id, full_name, email, phone, country FROM staging_contacts ORDER BY id;

-- Keep only digits in phone numbers
UPDATE staging_contacts SET phone = replace(replace(replace(replace(replace(phone, '(', ''), ')', ''), '-', ''), '.', ''), ' ', '')
WHERE phone IS NOT NULL
RETURNING id, phone;

SELECT id, phone, length(phone) AS digits,
       CASE WHEN phone LIKE '+%' THEN 'international' WHEN length(phone) = 10 THEN 'domestic' ELSE 'unknown' END AS kind
FROM staging_contacts WHERE phone IS NOT NULL ORDER BY id;

-- Format domestic numbers for display
SELECT id, '(' || substr(phone, 1, 3) || ') ' || substr(phone, 4, 3) || '-' || right(phone, 4) AS pretty
FROM staging_contacts WHERE length(phone) = 10 ORDER BY id;

-- Email domains
SELECT split_part(email, '@', 2) AS domain, count(*) FROM staging_contacts
WHERE email IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1;

-- Invalid emails
SELECT id, email FROM staging_contacts
WHERE email IS NULL OR email NOT LIKE '%_@_%._%'
ORDER BY id;

-- Map countries through the alias table; unknown ones stay NULL
SELECT s.id, s.country, a.code FROM staging_contacts s LEFT JOIN country_aliases a ON a.alias = s.country ORDER BY s.id;

-- Which values fail to cast
SELECT id, score FROM staging_contacts WHERE score !~ '^[0-9]+$' ORDER BY id;
SELECT id, signup_date FROM staging_contacts WHERE signup_date IS NOT NULL ORDER BY id;
SELECT '2023-13-01'::date;
SELECT 'n/a'::integer;
SELECT ' 42 '::integer AS padded, '007'::int AS leading_zeros, '3.0'::numeric::int AS via_numeric;
SELECT '3.5'::integer;

-- Duplicates by email: keep the earliest row
SELECT email, count(*), array_agg(id ORDER BY id) AS ids
FROM staging_contacts WHERE email IS NOT NULL
GROUP BY email HAVING count(*) > 1
ORDER BY email;

DELETE FROM staging_contacts a
USING staging_contacts b
WHERE a.email = b.email AND a.id > b.id;

SELECT count(*) AS remaining, string_agg(id::text, ',' ORDER BY id) AS ids FROM staging_contacts;

-- Rows that cannot be imported
DELETE FROM staging_contacts WHERE email IS NULL OR full_name IS NULL;
SELECT id FROM staging_contacts ORDER BY id;

-- Load the clean rows; bad dates and scores become NULL
INSERT INTO contacts (full_name, email, phone, country_code, signup_date, score)
SELECT s.full_name, s.email, s.phone, a.code,
       CASE WHEN s.signup_date ~ '^\d{4}-(0[1-9]|1[0-2])-\d{2}$' THEN s.signup_date::date END,
       CASE WHEN s.score ~ '^\d+$' AND s.score::int BETWEEN 0 AND 100 THEN s.score::int END
FROM staging_contacts s
LEFT JOIN country_aliases a ON a.alias = s.country
WHERE s.email LIKE '%_@_%._%'
ORDER BY s.id
RETURNING id, full_name, email, country_code, signup_date, score;

-- Loading a second time hits the unique constraint unless conflicts are skipped
INSERT INTO contacts (full_name, email) SELECT full_name, email FROM staging_contacts WHERE email = 'bob@example.org';
INSERT INTO contacts (full_name, email) SELECT full_name, email FROM staging_contacts WHERE email LIKE '%_@_%._%'
ON CONFLICT (email) DO NOTHING;

-- Upsert a corrected record
INSERT INTO contacts (full_name, email, phone, country_code, score)
VALUES ('Gina Lee', 'gina@example.com', '5554441111', 'CA', 47)
ON CONFLICT (email) DO UPDATE
SET phone = coalesce(contacts.phone, EXCLUDED.phone),
    country_code = EXCLUDED.country_code,
    score = greatest(contacts.score, EXCLUDED.score)
RETURNING id, email, phone, country_code, score;

-- Out-of-range score is rejected by the check constraint
UPDATE contacts SET score = 101 WHERE email = 'frank@example.com';

-- Name parts
SELECT id, split_part(full_name, ' ', 1) AS first_name,
       substring(full_name FROM position(' ' IN full_name) + 1) AS last_name,
       upper(left(full_name, 1)) || '.' AS initial
FROM contacts ORDER BY id;

-- Remaining contacts missing data, with placeholders
SELECT id, email, coalesce(phone, 'n/a') AS phone, coalesce(country_code, '??') AS country,
       coalesce(signup_date::text, 'unknown') AS signup
FROM contacts ORDER BY id;

-- Padding, concatenation and overlay helpers used in export files
SELECT lpad(id::text, 6, '0') AS contact_no, rpad(coalesce(country_code, ''), 4, '.') AS cc,
       concat(full_name, ' <', email, '>') AS mailbox,
       concat_ws(' | ', full_name, phone, country_code) AS line
FROM contacts ORDER BY id;

-- Orphan cleanup: aliases never used
DELETE FROM country_aliases ca
WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.country_code = ca.code)
RETURNING alias;

-- Empty the staging table for the next run
TRUNCATE staging_contacts RESTART IDENTITY;
INSERT INTO staging_contacts (full_name) VALUES ('next batch') RETURNING id;

SELECT count(*) FROM contacts;
SELECT full_name FROM contact;
