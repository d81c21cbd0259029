import { differentialSuite } from "../support/differential.js";
import { SCHEMA } from "./schema.js";

/**
 * Privilege checks, sizes, comments, visibility and the other small catalog functions, against
 * PostgreSQL. Sizes differ by storage (SQLite pages, PostgreSQL blocks), so only their types and
 * what PostgreSQL guarantees of them are compared.
 */
differentialSuite("catalog functions match PostgreSQL", SCHEMA, [
  // has_*_privilege: every privilege is held; unknown objects, roles and privileges are errors.
  "SELECT has_table_privilege('books', 'select'), has_table_privilege('books', 'SELECT, INSERT'), " +
    "has_table_privilege('books', ' select with grant option '), has_table_privilege('books', 'rule')",
  "SELECT has_table_privilege('BOOKS', 'delete'), has_table_privilege('public.books', 'truncate'), " +
    "has_table_privilege('pg_class', 'select'), has_table_privilege('information_schema.tables', 'select')",
  "SELECT has_table_privilege('cheap_books', 'select'), has_table_privilege('books_pkey', 'select'), " +
    "has_table_privilege('counter', 'select'), has_table_privilege('books'::regclass, 'update')",
  "SELECT has_table_privilege(current_user, 'books', 'select'), has_table_privilege(1, 'select')",
  "SELECT has_table_privilege('nope', 'select')",
  "SELECT has_table_privilege('other.books', 'select')",
  "SELECT has_table_privilege('books', 'bogus')",
  "SELECT has_table_privilege('books', 'select,')",
  "SELECT has_table_privilege('nobody', 'books', 'select')",
  "SELECT has_sequence_privilege('counter', 'usage'), has_sequence_privilege('counter', 'select'), " +
    "has_sequence_privilege('counter', 'UPDATE')",
  "SELECT has_sequence_privilege('books', 'usage')",
  "SELECT has_sequence_privilege('counter', 'insert')",
  "SELECT has_schema_privilege('public', 'create'), has_schema_privilege('pg_catalog', 'usage'), " +
    "has_schema_privilege(current_user, 'public', 'usage')",
  "SELECT has_schema_privilege('nope', 'usage')",
  "SELECT has_schema_privilege('public', 'select')",
  "SELECT has_database_privilege(current_database(), 'connect'), has_database_privilege(current_database(), 'temp'), " +
    "has_database_privilege(current_database(), 'TEMPORARY, create')",
  "SELECT has_database_privilege('no_such_database', 'connect')",
  "SELECT has_column_privilege('books', 'title', 'select'), has_column_privilege('books', 1::int2, 'update'), " +
    "has_column_privilege('books', 99::int2, 'select')",
  "SELECT has_column_privilege('books', 'nope', 'select')",
  "SELECT has_column_privilege('books', 'title', 'delete')",
  // Sizes.
  "SELECT pg_typeof(pg_relation_size('books')), pg_relation_size('books') >= 0, pg_relation_size('books', 'fsm'), " +
    "pg_relation_size('cheap_books'), pg_relation_size(1) IS NULL",
  "SELECT pg_relation_size('counter'), pg_indexes_size('counter'), pg_table_size('cheap_books')",
  "SELECT pg_total_relation_size('books') >= pg_relation_size('books'), pg_indexes_size('books') > 0, " +
    "pg_relation_size('books_pkey') > 0, pg_table_size('books') >= 0",
  "SELECT pg_relation_size('books', 'bogus')",
  "SELECT pg_typeof(pg_database_size(current_database())), pg_database_size(current_database()) > 0",
  "SELECT pg_database_size('no_such_database')",
  "SELECT pg_size_pretty(0::bigint), pg_size_pretty(10239::bigint), pg_size_pretty(10240::bigint), " +
    "pg_size_pretty(-10240::bigint), pg_size_pretty(20971519::bigint), pg_size_pretty(4611686018427387904)",
  "SELECT pg_size_pretty(1023487::bigint), pg_size_pretty(1048575::bigint), pg_size_pretty(-1048575::bigint), " +
    "pg_size_pretty(10995116277760::bigint), pg_size_pretty(9223372036854775807::bigint)",
  "SELECT pg_size_pretty(1000.5::numeric), pg_size_pretty(20480.9::numeric), pg_size_pretty('NaN'::numeric), " +
    "pg_size_pretty(-123456789012345678901234567890::numeric), pg_size_pretty(10240.5::numeric)",
  // Users, visibility, encodings, server state.
  "SELECT pg_get_userbyid(10) = current_user, pg_get_userbyid(12345), pg_typeof(pg_get_userbyid(10))",
  "SELECT pg_table_is_visible('books'::regclass), pg_table_is_visible('books_pkey'::regclass), " +
    "pg_table_is_visible('pg_class'::regclass), pg_table_is_visible('information_schema.tables'::regclass), " +
    "pg_table_is_visible(1) IS NULL",
  "SELECT pg_type_is_visible(23), pg_type_is_visible(1) IS NULL, pg_function_is_visible(1242)",
  "SELECT pg_type_is_visible(oid) FROM pg_type WHERE typname = 'mood'",
  "SELECT pg_encoding_to_char(6), pg_encoding_to_char(0), pg_encoding_to_char(41), pg_encoding_to_char(-1) = '', " +
    "pg_typeof(pg_encoding_to_char(6))",
  "SELECT pg_is_in_recovery(), pg_typeof(pg_postmaster_start_time()), pg_postmaster_start_time() <= now()",
  // Comments.
  "SELECT obj_description('authors'::regclass, 'pg_class'), obj_description('authors'::regclass), " +
    "col_description('authors'::regclass, 3), col_description('authors'::regclass, 2)",
  "SELECT obj_description('books'::regclass, 'pg_class'), obj_description(2200, 'pg_namespace'), " +
    "obj_description('authors'::regclass, 'no_such_catalog')",
  "SELECT shobj_description(10, 'pg_authid')",
  // Keywords and search path.
  "SELECT word, catcode, barelabel, catdesc, baredesc FROM pg_get_keywords() " +
    "WHERE word IN ('select', 'abort', 'between', 'authorization', 'zone', 'as', 'year') ORDER BY word",
  "SELECT count(*), count(*) FILTER (WHERE catcode = 'R'), count(*) FILTER (WHERE barelabel) FROM pg_get_keywords()",
  "SELECT current_schemas(true), current_schemas(false)",
]);
