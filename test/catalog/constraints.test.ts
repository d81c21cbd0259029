import { differentialSuite } from "../support/differential.js";
import { CATALOG_SCHEMA } from "./schema.js";

/** pg_constraint, pg_index and pg_indexes. OIDs are compared through the names they lead to. */
differentialSuite("catalog: constraints and indexes", CATALOG_SCHEMA, [
  `SELECT conname, contype, condeferrable, condeferred, convalidated, conrelid::regclass, contypid,
     (SELECT relname FROM pg_class WHERE oid = conindid) AS conindex, conparentid,
     (SELECT relname FROM pg_class WHERE oid = confrelid) AS confrel, confupdtype, confdeltype, confmatchtype,
     conislocal, coninhcount, connoinherit, conkey, confkey, conpfeqop, conppeqop, conffeqop, confdelsetcols,
     conexclop, connamespace::regnamespace
   FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid <> 0
   ORDER BY conrelid::regclass::text, conname`,
  `SELECT conrelid::regclass, conname, pg_get_expr(conbin, conrelid) FROM pg_constraint
   WHERE contype = 'c' AND conrelid <> 0 ORDER BY conrelid::regclass::text, conname`,
  `SELECT conrelid::regclass, conname, pg_get_expr(conbin, conrelid, true) FROM pg_constraint
   WHERE contype = 'c' AND conrelid <> 0 ORDER BY conrelid::regclass::text, conname`,
  // Domains' constraints.
  `SELECT (SELECT typname FROM pg_type t WHERE t.oid = c.contypid), conname, contype, connamespace::regnamespace,
     convalidated, connoinherit, conislocal, conkey, pg_get_expr(conbin, 0)
   FROM pg_constraint c WHERE contypid <> 0 ORDER BY 1, 2`,
  `SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
   WHERE connamespace = 'public'::regnamespace AND conrelid <> 0 ORDER BY conrelid::regclass::text, conname`,
  `SELECT c.relname AS index, t.relname AS table, i.indnatts, i.indnkeyatts, i.indisunique, i.indnullsnotdistinct,
     i.indisprimary, i.indisexclusion, i.indimmediate, i.indisclustered, i.indisvalid, i.indcheckxmin,
     i.indisready, i.indislive, i.indisreplident, i.indkey, i.indcollation, i.indclass, i.indoption,
     pg_get_expr(i.indexprs, i.indrelid), pg_get_expr(i.indpred, i.indrelid)
   FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
   WHERE t.relnamespace = 'public'::regnamespace ORDER BY c.relname`,
  "SELECT * FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname",
  `SELECT c.relname, am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam
   WHERE c.relnamespace = 'public'::regnamespace ORDER BY c.relname`,
  // Every key constraint's index is an index of its table.
  `SELECT count(*) FROM pg_constraint k WHERE k.contype IN ('p', 'u')
     AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indexrelid = k.conindid AND i.indrelid = k.conrelid)`,
  // psql's \\d: indexes with their constraints, check and foreign key constraints.
  `SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid,
     pg_catalog.pg_get_indexdef(i.indexrelid, 0, true), pg_catalog.pg_get_constraintdef(con.oid, true),
     contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace
   FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i
     LEFT JOIN pg_catalog.pg_constraint con
       ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p', 'u', 'x'))
   WHERE c.oid = 'orders'::regclass AND c.oid = i.indrelid AND i.indexrelid = c2.oid
   ORDER BY i.indisprimary DESC, c2.relname`,
  `SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true) FROM pg_catalog.pg_constraint r
   WHERE r.conrelid = 'items'::regclass AND r.contype = 'c' ORDER BY 1`,
  `SELECT true AS sametable, conname, pg_catalog.pg_get_constraintdef(r.oid, true) AS condef,
     conrelid::pg_catalog.regclass AS ontable
   FROM pg_catalog.pg_constraint r WHERE r.conrelid = 'pair_refs'::regclass AND r.contype = 'f' AND conparentid = 0
   ORDER BY conname`,
]);
