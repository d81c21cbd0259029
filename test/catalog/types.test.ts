import { differentialSuite } from "../support/differential.js";
import { CATALOG_SCHEMA } from "./schema.js";

const TYPE_COLUMNS = `typname, typnamespace::regnamespace, typowner, typlen, typbyval, typtype, typcategory,
  typispreferred, typisdefined, typdelim, typsubscript, typinput, typoutput, typreceive, typsend, typmodin,
  typmodout, typanalyze, typalign, typstorage, typnotnull, typtypmod, typndims, typcollation, typdefault, typacl`;

/** pg_type (built-in and the tenant's types), pg_enum. */
differentialSuite("catalog: types", CATALOG_SCHEMA, [
  // Built-in types have the same OIDs everywhere.
  `SELECT oid, ${TYPE_COLUMNS}, typrelid, typelem, typarray, typbasetype FROM pg_type
   WHERE typnamespace = 'pg_catalog'::regnamespace ORDER BY oid`,
  `SELECT oid, ${TYPE_COLUMNS}, typelem, typarray, typbasetype FROM pg_type
   WHERE typname IN ('cardinal_number', 'character_data', 'sql_identifier', 'time_stamp', 'yes_or_no',
     '_cardinal_number', '_character_data', '_sql_identifier', '_time_stamp', '_yes_or_no') ORDER BY oid`,
  `SELECT ${TYPE_COLUMNS}, (SELECT relname FROM pg_class c WHERE c.oid = t.typrelid) AS rel,
     (SELECT e.typname FROM pg_type e WHERE e.oid = t.typelem) AS elem,
     (SELECT a.typname FROM pg_type a WHERE a.oid = t.typarray) AS arr
   FROM pg_type t WHERE typnamespace = 'public'::regnamespace ORDER BY typname`,
  // Every relation's row type leads back to it.
  `SELECT c.relname, t.typname, t.typtype FROM pg_class c JOIN pg_type t ON t.oid = c.reltype
   WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1`,
  "SELECT count(*) FROM pg_class c WHERE c.relname IN ('pg_class', 'pg_type', 'pg_proc') AND c.reltype = 0",
  `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
   ORDER BY 1, 3`,
  "SELECT typname, format_type(oid, NULL), typdefault, typnotnull FROM pg_type WHERE typname IN ('mood', '_mood', 'posint', '_posint', 'short_text') ORDER BY 1",
  // psql's \dD.
  `SELECT n.nspname AS "Schema", t.typname AS "Name", pg_catalog.format_type(t.typbasetype, t.typtypmod) AS "Type",
     CASE WHEN t.typnotnull THEN 'not null' END AS "Nullable", t.typdefault AS "Default"
   FROM pg_catalog.pg_type t LEFT JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
   WHERE t.typtype = 'd' AND n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema' ORDER BY 1, 2`,
  // psql's \\dT.
  `SELECT n.nspname AS "Schema", pg_catalog.format_type(t.oid, NULL) AS "Name",
     pg_catalog.obj_description(t.oid, 'pg_type') AS "Description"
   FROM pg_catalog.pg_type t LEFT JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
   WHERE (t.typrelid = 0 OR (SELECT c.relkind = 'c' FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid))
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type el WHERE el.oid = t.typelem AND el.typarray = t.oid)
     AND n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema'
   ORDER BY 1, 2`,
]);
