import { differentialSuite } from "../support/differential.js";
import { CATALOG_SCHEMA, TABLES } from "./schema.js";

/** pg_attribute and pg_attrdef for tables, views, sequences and indexes. */
differentialSuite("catalog: columns and defaults", CATALOG_SCHEMA, [
  `SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnum, a.attnotnull, a.atthasdef,
     a.attidentity, a.attgenerated, a.attlen, a.attbyval, a.attalign, a.attstorage, a.atttypmod, a.attndims,
     a.attcollation, a.attisdropped, a.attislocal, a.attinhcount, a.attstattarget, a.attcacheoff,
     a.atthasmissing, a.attcompression, a.attacl, a.attoptions
   FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
   WHERE a.attrelid IN (${TABLES}) ORDER BY c.relname, a.attnum`,
  "SELECT attname, atttypid::regtype, attnum, attnotnull, atthasdef, attidentity FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attnum > 0 ORDER BY attnum",
  `SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnum, a.attnotnull, a.attlen, a.attcollation
   FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('i', 'S', 'v') ORDER BY c.relname, a.attnum`,
  `SELECT c.relname, d.adnum, pg_get_expr(d.adbin, d.adrelid)
   FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid ORDER BY c.relname, d.adnum`,
  `SELECT c.relname, d.adnum, pg_get_expr(d.adbin, d.adrelid, true)
   FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid ORDER BY c.relname, d.adnum`,
  // psql's \\d: every column with its type and default.
  `SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
     (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) FROM pg_catalog.pg_attrdef d
      WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
     a.attnotnull,
     (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
      WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
     a.attidentity, a.attgenerated
   FROM pg_catalog.pg_attribute a
   WHERE a.attrelid = 'customers'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
  // Every default belongs to a column that says it has one, and only those.
  `SELECT count(*) FROM pg_attribute a WHERE a.attrelid IN (${TABLES}) AND a.attnum > 0
     AND a.atthasdef <> EXISTS (SELECT 1 FROM pg_attrdef d WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum)`,
  "SELECT count(*) FROM pg_attrdef d WHERE NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = d.adrelid)",
  // A catalog relation's columns.
  "SELECT attname, atttypid::regtype, attnum, attlen, attalign FROM pg_attribute WHERE attrelid = 'pg_class'::regclass AND attnum > 0 ORDER BY attnum",
]);
