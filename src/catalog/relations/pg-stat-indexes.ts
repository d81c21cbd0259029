import { type CatalogContext, type CatalogRow, defineCatalogRows } from "../catalog.js";

/**
 * pg_stat_all_indexes, pg_stat_user_indexes and their pg_statio_ forms: one row per index of the
 * tenant's tables. Tenantgres keeps no access statistics, so every counter is zero, as on a freshly
 * started PostgreSQL.
 */

function* indexRows(c: CatalogContext, counters: Record<string, number>): Generator<CatalogRow> {
  for (const ix of c.schema.indexes?.() ?? []) {
    const rel = c.schema.relation(ix.table);
    if (!rel || ix.oid === undefined) continue;
    yield {
      relid: rel.oid,
      indexrelid: ix.oid,
      schemaname: "public",
      relname: rel.name,
      indexrelname: ix.name,
      ...counters,
    };
  }
}

const ACCESS = { idx_scan: 0, idx_tup_read: 0, idx_tup_fetch: 0 };
const IO = { idx_blks_read: 0, idx_blks_hit: 0 };

defineCatalogRows("pg_catalog.pg_stat_all_indexes", (c) => indexRows(c, ACCESS));
defineCatalogRows("pg_catalog.pg_stat_user_indexes", (c) => indexRows(c, ACCESS));
defineCatalogRows("pg_catalog.pg_statio_all_indexes", (c) => indexRows(c, IO));
defineCatalogRows("pg_catalog.pg_statio_user_indexes", (c) => indexRows(c, IO));
