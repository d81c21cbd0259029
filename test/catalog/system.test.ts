import { differentialSuite } from "../support/differential.js";

/** The objects every database has: roles, access methods, collations, functions, settings, ... */
differentialSuite(
  "catalog: built-in objects and the session",
  [],
  [
    "SELECT * FROM pg_am ORDER BY oid",
    "SELECT * FROM pg_tablespace ORDER BY oid",
    "SELECT * FROM pg_collation WHERE oid IN (100, 950, 951) OR collname = 'ucs_basic' ORDER BY oid",
    "SELECT * FROM pg_extension",
    "SELECT * FROM pg_language ORDER BY oid",
    `SELECT oid, rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,
     rolconnlimit, rolpassword, rolvaliduntil, rolbypassrls, rolconfig FROM pg_roles ORDER BY oid`,
    "SELECT * FROM pg_user",
    "SELECT oid, rolname, rolsuper, rolcanlogin, rolconnlimit, rolvaliduntil FROM pg_authid ORDER BY oid",
    // psql's \\du.
    `SELECT r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin, r.rolconnlimit,
     r.rolvaliduntil, r.rolreplication, r.rolbypassrls
   FROM pg_catalog.pg_roles r WHERE r.rolname !~ '^pg_' ORDER BY 1`,
    `SELECT oid, proname, pronamespace::regnamespace, proowner, prolang, procost, prorows, provariadic, prokind,
     prosecdef, proleakproof, proisstrict, proretset, provolatile, proparallel, pronargs, pronargdefaults,
     prorettype::regtype, proargtypes
   FROM pg_proc
   WHERE (proname, proargtypes::text) IN (('lower', '25'), ('upper', '25'), ('length', '25'), ('abs', '23'),
     ('now', ''), ('count', ''), ('count', '2276'), ('sum', '23'), ('nextval', '2205'), ('row_number', ''),
     ('generate_series', '23 23'), ('string_agg', '25 25'), ('jsonb_build_object', '2276'))
   ORDER BY oid`,
    `SELECT datdba, encoding, datlocprovider, datistemplate, datallowconn, datconnlimit, dattablespace,
     datcollate, datctype, daticulocale, datacl
   FROM pg_database WHERE datname = current_database()`,
    "SELECT count(*) FROM pg_database WHERE oid = (SELECT oid FROM pg_database WHERE datname = current_database())",
    `SELECT name, setting, unit, category, short_desc, extra_desc, context, vartype, min_val, max_val, enumvals,
     boot_val, pending_restart
   FROM pg_settings
   WHERE name IN ('statement_timeout', 'lock_timeout', 'work_mem', 'bytea_output', 'extra_float_digits',
     'IntervalStyle', 'client_min_messages', 'standard_conforming_strings', 'max_index_keys', 'block_size',
     'max_identifier_length', 'integer_datetimes')
   ORDER BY name`,
    "SET statement_timeout = '5s'",
    "SET work_mem = '8MB'",
    "SELECT name, setting, unit, source FROM pg_settings WHERE name IN ('statement_timeout', 'work_mem') ORDER BY name",
    "RESET statement_timeout",
    "SELECT setting FROM pg_settings WHERE name = 'statement_timeout'",
    `SELECT datname = current_database(), usename, application_name, state, backend_type, pid = pg_backend_pid(),
     query_start IS NOT NULL, backend_start <= query_start
   FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
    "SELECT name, abbrev, utc_offset, is_dst FROM pg_timezone_names WHERE name IN ('UTC', 'Asia/Tokyo', 'Asia/Kolkata') ORDER BY name",
    "SELECT count(*) > 300 FROM pg_timezone_names",
  ],
);
