import { type CatalogRow, defineCatalogRows } from "../catalog.js";
import { hashOid } from "../stable-oid.js";
import { OWNER_OID, PG_CATALOG, PUBLIC } from "./namespaces.js";

/**
 * The catalog objects every PostgreSQL 15 database has and a tenant never changes: access
 * methods, tablespaces, the collations a tenant can use, and the plpgsql extension. OIDs and
 * values as PostgreSQL 15 has them.
 */

export const PLPGSQL_EXTENSION_OID = 13559;

/** [oid, name, handler, type, description] */
export const ACCESS_METHODS: [number, string, string, string, string][] = [
  [2, "heap", "heap_tableam_handler", "t", "heap table access method"],
  [403, "btree", "bthandler", "i", "b-tree index access method"],
  [405, "hash", "hashhandler", "i", "hash index access method"],
  [783, "gist", "gisthandler", "i", "GiST index access method"],
  [2742, "gin", "ginhandler", "i", "GIN index access method"],
  [4000, "spgist", "spghandler", "i", "SP-GiST index access method"],
  [3580, "brin", "brinhandler", "i", "block range index (BRIN) access method"],
];

defineCatalogRows("pg_catalog.pg_am", () =>
  ACCESS_METHODS.map(([oid, amname, amhandler, amtype]) => ({ oid, amname, amhandler, amtype })),
);

defineCatalogRows("pg_catalog.pg_tablespace", () => [
  { oid: 1663, spcname: "pg_default", spcowner: OWNER_OID, spcacl: null, spcoptions: null },
  { oid: 1664, spcname: "pg_global", spcowner: OWNER_OID, spcacl: null, spcoptions: null },
]);

const collation = (row: CatalogRow): CatalogRow => ({
  collnamespace: PG_CATALOG,
  collowner: OWNER_OID,
  collisdeterministic: 1,
  collencoding: -1,
  colliculocale: null,
  collversion: null,
  ...row,
});

defineCatalogRows("pg_catalog.pg_collation", () => [
  collation({ oid: 100, collname: "default", collprovider: "d", collcollate: null, collctype: null }),
  collation({ oid: 950, collname: "C", collprovider: "c", collcollate: "C", collctype: "C" }),
  collation({ oid: 951, collname: "POSIX", collprovider: "c", collcollate: "POSIX", collctype: "POSIX" }),
  collation({
    oid: 12340,
    collname: "ucs_basic",
    collprovider: "c",
    collencoding: 6,
    collcollate: "C",
    collctype: "C",
  }),
]);

defineCatalogRows("pg_catalog.pg_extension", (c) => [
  {
    oid: PLPGSQL_EXTENSION_OID,
    extname: "plpgsql",
    extowner: OWNER_OID,
    extnamespace: PG_CATALOG,
    extrelocatable: 0,
    extversion: "1.0",
    extconfig: null,
    extcondition: null,
  },
  // CREATE EXTENSION: installed in public, relocatable, as uuid-ossp and pgcrypto are.
  ...[...(c.schema.extensions?.() ?? [])].map((e) => ({
    oid: hashOid("extension", e.name),
    extname: e.name,
    extowner: OWNER_OID,
    extnamespace: PUBLIC,
    extrelocatable: 1,
    extversion: e.version,
    extconfig: null,
    extcondition: null,
  })),
]);

/** [oid, name, procedural, trusted, handler, inline handler, validator] */
const LANGUAGES: [number, string, boolean, boolean, number, number, number][] = [
  [12, "internal", false, false, 0, 0, 2246],
  [13, "c", false, false, 0, 0, 2247],
  [14, "sql", false, true, 0, 0, 2248],
  [13563, "plpgsql", true, true, 13560, 13561, 13562],
];

defineCatalogRows("pg_catalog.pg_language", () =>
  LANGUAGES.map(([oid, lanname, pl, trusted, handler, inline, validator]) => ({
    oid,
    lanname,
    lanowner: OWNER_OID,
    lanispl: pl ? 1 : 0,
    lanpltrusted: trusted ? 1 : 0,
    lanplcallfoid: handler,
    laninline: inline,
    lanvalidator: validator,
    lanacl: null,
  })),
);
