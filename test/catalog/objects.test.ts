import { differentialSuite } from "../support/differential.js";
import { CATALOG_SCHEMA } from "./schema.js";

/** pg_class, pg_namespace, pg_description, sequences and the system views over them. */
differentialSuite("catalog: relations, sequences, comments", CATALOG_SCHEMA, [
  `SELECT relname, relnamespace::regnamespace, relowner, relam, relkind, relnatts, relchecks, relhasindex,
     relhasrules, relhastriggers, relhassubclass, relpersistence, relreplident, relispopulated, relispartition,
     relrowsecurity, relforcerowsecurity, reltablespace, reloftype, relisshared, relacl, reloptions,
     relpartbound, reltype <> 0 AS has_type
   FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY relname`,
  "SELECT relname, relkind, relacl FROM pg_class WHERE relname IN ('pg_class', 'pg_authid', 'pg_settings', 'tables') ORDER BY 1",
  "SELECT oid, nspname, nspowner, nspacl FROM pg_namespace ORDER BY oid",
  `SELECT d.classoid::regclass,
     CASE d.classoid
       WHEN 'pg_class'::regclass THEN (SELECT relname FROM pg_class WHERE oid = d.objoid)
       WHEN 'pg_constraint'::regclass THEN (SELECT conname FROM pg_constraint WHERE oid = d.objoid)
       WHEN 'pg_type'::regclass THEN (SELECT typname FROM pg_type WHERE oid = d.objoid)
       WHEN 'pg_namespace'::regclass THEN (SELECT nspname FROM pg_namespace WHERE oid = d.objoid)
     END AS object,
     d.objsubid, d.description
   FROM pg_description d
   WHERE d.classoid IN ('pg_class'::regclass, 'pg_constraint'::regclass, 'pg_type'::regclass, 'pg_namespace'::regclass)
     AND (d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass)
   ORDER BY 2, 3`,
  "SELECT obj_description('customers'::regclass, 'pg_class'), col_description('customers'::regclass, 2)",
  `SELECT d.objoid, d.classoid::regclass, d.description FROM pg_description d
   WHERE d.classoid IN ('pg_am'::regclass, 'pg_extension'::regclass) ORDER BY 1`,
  `SELECT seqrelid::regclass, seqtypid::regtype, seqstart, seqincrement, seqmax, seqmin, seqcache, seqcycle
   FROM pg_sequence ORDER BY seqrelid::regclass::text`,
  "SELECT * FROM pg_sequences ORDER BY sequencename",
  "SELECT * FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  "SELECT schemaname, viewname, viewowner FROM pg_views WHERE schemaname = 'public' ORDER BY viewname",
  `SELECT r.rulename, r.ev_class::regclass, r.ev_type, r.ev_enabled, r.is_instead FROM pg_rewrite r
   WHERE r.ev_class = 'big_orders'::regclass`,
  // psql's \\dt, \\di, \\dv, \\ds without the visibility test.
  `SELECT n.nspname AS "Schema", c.relname AS "Name",
     CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
       WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table'
       WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END AS "Type",
     c2.relname AS "Table"
   FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
     LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
     LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'i', '')
     AND n.nspname <> 'pg_catalog' AND n.nspname !~ '^pg_toast' AND n.nspname <> 'information_schema'
   ORDER BY 1, 2`,
  "SELECT count(*) FROM pg_inherits",
  "SELECT count(*) FROM pg_partitioned_table",
  "SELECT count(*) FROM pg_locks WHERE relation = 'customers'::regclass",
]);
