import { typeByName } from "../../types/registry.js";
import { type CatalogRow, defineCatalogRows } from "../catalog.js";
import { tableConstraints } from "./column-facts.js";
import { builtinRelations, OWNER_OID, PG_CATALOG, PG_TEMP, PUBLIC } from "./namespaces.js";
import { rowTypeOid } from "./user-types.js";

/** Access method OIDs (pg_am). */
export const ACCESS_METHOD: Record<string, number> = {
  heap: 2,
  btree: 403,
  hash: 405,
  gist: 783,
  gin: 2742,
  spgist: 4000,
  brin: 3580,
};

const base = (row: CatalogRow): CatalogRow => ({
  reltype: 0,
  reloftype: 0,
  relowner: OWNER_OID,
  relam: 0,
  relfilenode: row.oid,
  reltablespace: 0,
  relpages: 0,
  reltuples: -1,
  relallvisible: 0,
  reltoastrelid: 0,
  relhasindex: 0,
  relisshared: 0,
  relpersistence: "p",
  relchecks: 0,
  relhasrules: 0,
  relhastriggers: 0,
  relhassubclass: 0,
  relrowsecurity: 0,
  relforcerowsecurity: 0,
  relispopulated: 1,
  relreplident: "n",
  relispartition: 0,
  relrewrite: 0,
  relfrozenxid: "0",
  relminmxid: "0",
  relacl: null,
  reloptions: null,
  relpartbound: null,
  ...row,
});

/** Catalog relations anyone may read, except those holding secrets; information_schema's are not listed. */
const PRIVATE_CATALOGS = new Set(
  [
    "pg_statistic",
    "pg_authid",
    "pg_shadow",
    "pg_statistic_ext_data",
    "pg_file_settings",
    "pg_hba_file_rules",
    "pg_ident_file_mappings",
    "pg_config",
    "pg_user_mapping",
    "pg_replication_origin_status",
    "pg_subscription",
    "pg_largeobject",
  ].map((n) => `pg_catalog.${n}`),
);
const UNLISTED = new Set(
  [
    "sql_parts",
    "transforms",
    "_pg_foreign_table_columns",
    "_pg_foreign_data_wrappers",
    "_pg_foreign_servers",
    "_pg_foreign_tables",
    "_pg_user_mappings",
  ].map((n) => `information_schema.${n}`),
);

function catalogAcl(name: string, user: string): string | null {
  if (UNLISTED.has(name)) return null;
  const owner = `${user}=arwdDxt/${user}`;
  if (PRIVATE_CATALOGS.has(name)) return JSON.stringify([owner]);
  if (name === "pg_catalog.pg_settings") return JSON.stringify([owner, `=rw/${user}`]);
  if (name === "pg_catalog.pg_shmem_allocations" || name === "pg_catalog.pg_backend_memory_contexts")
    return JSON.stringify([owner, `pg_read_all_stats=r/${user}`]);
  return JSON.stringify([owner, `=r/${user}`]);
}

defineCatalogRows(
  "pg_catalog.pg_class",
  function* (c) {
    const constraints = tableConstraints(c.schema);
    // Foreign keys are enforced by triggers on both tables in PostgreSQL.
    const withTriggers = new Set(
      constraints.filter((k) => k.type === "f").flatMap((k) => [k.table.name, k.refTable]),
    );
    for (const rel of c.schema.relations()) {
      const table = rel.kind === "table";
      const indexes = c.schema.indexesOf?.(rel.name) ?? [];
      yield base({
        oid: rel.oid,
        relname: rel.name,
        relnamespace: rel.temp ? PG_TEMP : PUBLIC,
        relpersistence: rel.temp ? "t" : "p",
        reltype: rowTypeOid(rel),
        relkind: !table ? "v" : c.schema.materializedView?.(rel.name) !== undefined ? "m" : "r",
        relam: table ? ACCESS_METHOD.heap : 0,
        relfilenode: table ? rel.oid : 0,
        relnatts: rel.columns.length,
        relhasindex: indexes.length > 0 ? 1 : 0,
        relchecks: constraints.filter((k) => k.type === "c" && k.table === rel).length,
        // A view is a _RETURN rule (pg_rewrite).
        relhasrules: table ? 0 : 1,
        relhastriggers: withTriggers.has(rel.name) ? 1 : 0,
        relreplident: table ? "d" : "n",
        relfrozenxid: table ? "1" : "0",
        relminmxid: table ? "1" : "0",
      });
    }
    for (const ix of c.schema.indexes?.() ?? []) {
      yield base({
        oid: ix.oid,
        relname: ix.name,
        relnamespace: c.schema.relation(ix.table)?.temp ? PG_TEMP : PUBLIC,
        relpersistence: c.schema.relation(ix.table)?.temp ? "t" : "p",
        relkind: "i",
        relam: ACCESS_METHOD[ix.method ?? "btree"] ?? ACCESS_METHOD.btree,
        relnatts: ix.columns.length,
        relpages: 1,
        reltuples: 0,
      });
    }
    // A composite type's pg_class row (relkind 'c'), as its pg_type.typrelid names it.
    for (const ct of c.schema.compositeTypes()) {
      yield base({
        oid: ct.relOid,
        relname: ct.name,
        relnamespace: PUBLIC,
        reltype: ct.oid,
        relkind: "c",
        relnatts: ct.fields.length,
      });
    }
    for (const seq of c.schema.sequences()) {
      yield base({
        oid: seq.oid,
        relname: seq.name,
        relnamespace: PUBLIC,
        relkind: "S",
        relnatts: 3,
        relpages: 1,
        reltuples: 1,
      });
    }
    for (const rel of builtinRelations(c)) {
      const table = rel.relkind === "r";
      const name = `${rel.relnamespace === PUBLIC ? "public" : rel.relnamespace === PG_CATALOG ? "pg_catalog" : "information_schema"}.${rel.relname}`;
      yield base({
        ...rel,
        relacl: catalogAcl(name, c.user),
        reltype: typeByName(`pg_catalog.${rel.relname}`)?.oid ?? 0,
        relam: table ? ACCESS_METHOD.heap : 0,
        relfilenode: table ? rel.oid : 0,
        relhasindex: table ? 1 : 0,
      });
    }
  },
  "user",
);
