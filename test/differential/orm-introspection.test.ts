import { differentialSuite } from "../support/differential.js";

/**
 * What ORM schema tools (drizzle-kit, TypeORM, Kysely, Knex) ask of the catalogs: index vectors
 * read as arrays, several set-returning functions in one select list, information_schema's
 * domains in expressions, regtype arrays, operator classes, index statistics and column defaults.
 */
differentialSuite(
  "ORM introspection queries match PostgreSQL",
  [
    "CREATE TYPE mood AS ENUM ('sad', 'ok')",
    "CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL, email varchar(80) UNIQUE, feel mood)",
    "CREATE INDEX author_name_email ON author (name DESC, email)",
    "CREATE TABLE d (x numeric(12,2) DEFAULT '0', y numeric DEFAULT 0, z int DEFAULT '5', f float8 DEFAULT '1.5', e numeric(5,1) DEFAULT 1.25)",
  ],
  [
    // int2vector and oidvector: subscripts from 0, unnest, generate_subscripts, = ANY
    `SELECT i.indkey[0], i.indkey[1], i.indkey[2], i.indoption[0], i.indoption[1], array_length(i.indkey, 1),
       array_lower(i.indkey, 1), array_upper(i.indkey, 1)
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'author_name_email'`,
    `SELECT unnest(i.indkey) AS attnum FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE c.relname = 'author_name_email'`,
    `SELECT k.attnum, k.i, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       CROSS JOIN LATERAL (SELECT unnest(i.indkey), generate_subscripts(i.indkey, 1) + 1) AS k(attnum, i)
       LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE c.relname = 'author_name_email' ORDER BY k.i`,
    `SELECT c.relname, opc.opcname, am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_opclass opc ON opc.oid = ANY(i.indclass) JOIN pg_am am ON am.oid = opc.opcmethod
     WHERE i.indrelid = 'author'::regclass ORDER BY 1, 2`,
    `SELECT 2 = ANY(i.indkey), 5 = ANY(i.indkey), 2 = ANY('{1,2}'::int2[]), 3::int8 <> ALL(ARRAY[1, 2]::int4[])
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'author_name_email'`,
    "SELECT opcname, opcintype::regtype, opcdefault FROM pg_opclass WHERE opcname IN ('int4_ops', 'text_ops') ORDER BY oid",
    // several set-returning functions in one select list run in lockstep
    "SELECT unnest(ARRAY[1, 2, 3]) AS a, unnest(ARRAY['x', 'y']) AS b",
    "SELECT generate_series(1, 2) AS g, unnest(ARRAY[10, 20, 30]) + 1 AS u",
    // information_schema's domains behave as their base types
    `SELECT c.column_name, c.ordinal_position + 1, c.is_nullable = 'YES' FROM information_schema.columns c
       JOIN pg_attribute a ON a.attname = c.column_name AND a.attrelid = 'author'::regclass
     WHERE c.table_name = 'author' ORDER BY c.ordinal_position`,
    // regtype arrays and qualified, quoted type names
    "SELECT '{int,int8,int2}'::regtype[], 'int4'::regtype = ANY ('{int,int8,int2}'::regtype[])",
    `SELECT ('"pg_catalog"."int4"')::regtype, ('"public"."mood"')::regtype, 'mood[]'::regtype, ('pg_catalog.varchar')::regtype`,
    // index statistics views
    "SELECT relname, indexrelname, idx_scan FROM pg_stat_user_indexes ORDER BY indexrelname",
    "SELECT relname, indexrelname, idx_blks_read FROM pg_statio_user_indexes ORDER BY indexrelname",
    // column defaults as written: quoted literals of numeric and float columns
    "SELECT column_name, column_default FROM information_schema.columns WHERE table_name = 'd' ORDER BY ordinal_position",
    "INSERT INTO d DEFAULT VALUES RETURNING *",
    // advisory locks
    "SELECT pg_advisory_lock(1), pg_try_advisory_lock(1, 2), pg_advisory_unlock(1), pg_advisory_unlock(1)",
    "SELECT pg_advisory_unlock_all(), pg_try_advisory_xact_lock(5), pg_advisory_xact_lock(6)",
  ],
);
