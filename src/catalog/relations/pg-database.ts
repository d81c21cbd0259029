import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { currentSession } from "../../functions/runtime.js";
import { tenantNameProblem } from "../../tenants/tenant-name.js";
import { type CatalogContext, type CatalogRow, defineCatalogRows } from "../catalog.js";
import { hashOid } from "../stable-oid.js";
import { OWNER_OID } from "./namespaces.js";

/**
 * pg_database: every tenant of the data directory (a database is a tenant's file), the one
 * connected to first. OIDs derive from the names, so they are stable.
 */

const UTF8 = 6;
const DEFAULT_TABLESPACE = 1663;

export function databaseOid(name: string): number {
  return hashOid("database", name);
}

/** The tenants whose files are in the data directory beside the current one. */
export function tenantNames(c: CatalogContext): string[] {
  const names = new Set([c.database]);
  if (c.file) {
    try {
      for (const e of readdirSync(dirname(c.file), { withFileTypes: true })) {
        if (e.isFile() && tenantNameProblem(e.name) === undefined) names.add(e.name);
      }
    } catch {
      // An unreadable directory lists the current tenant only.
    }
  }
  return [...names];
}

function setting(name: string, fallback: string): string {
  try {
    return currentSession().setting(name) ?? fallback;
  } catch {
    return fallback;
  }
}

defineCatalogRows(
  "pg_catalog.pg_database",
  (c) => {
    const collate = setting("lc_collate", "C.UTF-8");
    const ctype = setting("lc_ctype", "C.UTF-8");
    return tenantNames(c).map(
      (datname): CatalogRow => ({
        oid: databaseOid(datname),
        datname,
        datdba: OWNER_OID,
        encoding: UTF8,
        datlocprovider: "c",
        datistemplate: 0,
        datallowconn: 1,
        datconnlimit: -1,
        datfrozenxid: "716",
        datminmxid: "1",
        dattablespace: DEFAULT_TABLESPACE,
        datcollate: collate,
        datctype: ctype,
        daticulocale: null,
        datcollversion: null,
        datacl: null,
      }),
    );
  },
  "session",
);
