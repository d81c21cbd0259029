import { differentialSuite } from "../support/differential.js";

/** get_byte/set_byte, get_bit/set_bit, convert_to/convert_from/convert, to_number, integer casts of floats. */
differentialSuite(
  "byte, encoding and number conversion functions match PostgreSQL",
  [
    "CREATE TABLE blobs (id int PRIMARY KEY, b bytea, s text, f float8, n numeric)",
    `INSERT INTO blobs VALUES
      (1, '\\x89504e470d0a', 'héllo', 2.5, 2.5),
      (2, '\\x00ff', 'plain', -3.5, -3.5),
      (3, '\\x', '', 0.4999, 1e3),
      (4, NULL, NULL, NULL, NULL)`,
  ],
  [
    "SELECT id, get_byte(b, 0), get_bit(b, 1), set_byte(b, 0, 255), set_bit(b, 0, 0) FROM blobs WHERE id IN (1, 2) ORDER BY id",
    "SELECT get_byte(b, 6) FROM blobs WHERE id = 1",
    "SELECT get_byte(b, -1) FROM blobs WHERE id = 2",
    "SELECT set_bit('\\x00'::bytea, 9, 1)",
    "SELECT set_bit('\\x00'::bytea, 1, 2)",
    "SELECT get_byte(NULL, 0), set_byte('\\x00'::bytea, 0, 256), set_byte('\\x00'::bytea, 0, -1)",
    "SELECT convert_to('héllo', 'UTF8'), convert_to('héllo', 'LATIN1'), convert_from('\\x68c3a96c6c6f', 'utf8')",
    "SELECT convert_from('\\x68e96c6c6f', 'latin1'), convert('\\x68c3a96c6c6f'::bytea, 'UTF8', 'LATIN1'), convert('\\xe9'::bytea, 'LATIN1', 'UTF8')",
    "SELECT id, convert_to(s, 'UTF8'), convert_from(convert_to(s, 'UTF8'), 'UTF8') FROM blobs ORDER BY id",
    "SELECT convert_from('\\xff'::bytea, 'UTF8')",
    "SELECT convert_to('x', 'NOPE')",
    "SELECT convert_from('\\x41', 'no-such')",
    "SELECT convert_to('日本', 'LATIN1')",
    "SELECT encode(convert_to('héllo', 'UTF8'), 'base64'), decode('aGVsbG8gd29ybGQ=', 'base64'), convert_from(decode('68656c6c6f', 'hex'), 'UTF8')",
    // to_number
    "SELECT to_number('12,345.67', '99G999D99'), to_number('$1,000', 'L9G999'), to_number('-42.5', 'S99.9'), to_number('12.3', '99.99')",
    "SELECT to_number('1234', '99'), to_number('  42', '9999'), to_number('0042.10', '9999.99'), to_number('-1,234', '9,999')",
    "SELECT to_number('12,454.8-', '99G999D9S'), to_number('5.01', '9.99'), to_number('007', '000')",
    // integer casts of numeric and float values round
    "SELECT 2.5::int, (-2.5)::int, 2.5::float8::int, 3.5::float8::int, 1.5::smallint, 2.5::bigint, '2.5'::numeric::int",
    "SELECT id, f::int, f::bigint, f::smallint, n::int, (f * 3)::int FROM blobs ORDER BY id",
    "SELECT 1e10::float8::int",
    "SELECT 'NaN'::float8::bigint",
    // POSIX time zone forms count hours west of UTC
    "SET TIME ZONE 'UTC+2'",
    "SELECT TIMESTAMPTZ '2024-01-01 12:00:00+00', current_setting('TimeZone')",
    "SET TIME ZONE '<+03>-3'",
    "SELECT TIMESTAMPTZ '2024-01-01 12:00:00+00'",
    "SET TimeZone = 'EST5'",
    "SELECT TIMESTAMPTZ '2024-07-01 12:00:00+00'",
    "SET TIME ZONE 'UTC'",
    "SELECT (case when true then 1 end)::text, array[1]::text, 1::int8::int4, 'a'::text::varchar, (select 1)::text, x::int::text FROM (SELECT 1 AS x) s",
  ],
);
