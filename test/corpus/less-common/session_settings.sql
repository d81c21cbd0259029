-- Multi-region booking backend that sets per-request session options: time zone, DateStyle,
-- IntervalStyle, search_path and transaction-local settings.

CREATE TABLE bookings (
  id integer PRIMARY KEY,
  guest text NOT NULL,
  check_in timestamptz NOT NULL,
  nights interval NOT NULL
);

INSERT INTO bookings VALUES
  (1, 'ana', '2024-09-01 12:00:00+00', '2 days'),
  (2, 'ben', '2024-09-02 08:30:15.5+00', '1 day 12 hours'),
  (3, 'cai', '2024-12-24 18:45:00+00', '7 days');

-- Time zone changes how timestamptz values are displayed and parsed
SHOW TimeZone;
SET TIME ZONE 'Asia/Kolkata';
SELECT check_in, check_in::date AS local_date, to_char(check_in, 'YYYY-MM-DD HH24:MI TZ') AS formatted
FROM bookings ORDER BY id;
INSERT INTO bookings VALUES (4, 'dee', '2024-09-03 09:00:00', '3 days');
SET timezone = 'America/Los_Angeles';
SELECT id, check_in, extract(hour FROM check_in) AS local_hour, check_in + nights AS check_out FROM bookings ORDER BY id;
SET TIME ZONE 'UTC+2';
SELECT TIMESTAMPTZ '2024-01-01 12:00:00+00' AS posix_offset_is_west;
SET timezone TO DEFAULT;
SELECT check_in FROM bookings WHERE id = 4;

-- DateStyle controls date output and the interpretation of ambiguous input
SET DateStyle = 'SQL, DMY';
SELECT DATE '2024-09-02' AS d, TIMESTAMP '2024-09-02 08:30:15' AS ts, '03/04/2024'::date AS parsed_dmy;
SET DateStyle = 'German';
SELECT DATE '2024-09-02' AS d, check_in AS ts FROM bookings WHERE id = 1;
SET DateStyle = 'Postgres, MDY';
SELECT DATE '2024-09-02' AS d, TIMESTAMP '2024-09-02 08:30:15' AS ts, '03/04/2024'::date AS parsed_mdy;
SET DateStyle = 'ISO, YMD';
SELECT '24/03/04'::date AS ymd_input;
RESET DateStyle;
SHOW DateStyle;

-- IntervalStyle
SET IntervalStyle = 'iso_8601';
SELECT nights FROM bookings ORDER BY id;
SET IntervalStyle = 'sql_standard';
SELECT INTERVAL '1 year 2 months 3 days 04:05:06' AS std, INTERVAL '-1 day' AS neg;
RESET IntervalStyle;

-- search_path decides which schema an unqualified name resolves to
CREATE SCHEMA tenant_a;
CREATE TABLE tenant_a.bookings (id integer PRIMARY KEY, guest text);
INSERT INTO tenant_a.bookings VALUES (100, 'zed');
SET search_path = tenant_a, public;
SELECT id, guest FROM bookings ORDER BY id;
SHOW search_path;
RESET search_path;
SELECT count(*) FROM bookings;

-- Transaction-scoped settings
BEGIN;
SET LOCAL timezone = 'Europe/London';
SELECT current_setting('TimeZone') AS inside, check_in FROM bookings WHERE id = 1;
COMMIT;
SELECT current_setting('TimeZone') AS after;
BEGIN;
SET timezone = 'Asia/Tokyo';
ROLLBACK;
SHOW timezone;

-- Other settings applications touch
SELECT set_config('statement_timeout', '5s', false) AS set_to, current_setting('statement_timeout') AS now_set;
SET no_such_setting = 1;
SHOW no_such_setting;
SELECT current_setting('no_such_setting', true) IS NULL AS missing_ok;
SET TIME ZONE 'Mars/Olympus_Mons';
