import { type CatalogContext, defineCatalogRows } from "../catalog.js";
import { builtinNamespaces, catalogDefinitions } from "../definitions.generated.js";
import { hashOid } from "../stable-oid.js";

/** The schemas a tenant has: PostgreSQL's built-in ones; user tables live in public. */
export const NAMESPACE_OID = Object.fromEntries(builtinNamespaces) as Record<string, number>;
export const PUBLIC = NAMESPACE_OID.public!;
export const PG_CATALOG = NAMESPACE_OID.pg_catalog!;

/** The schema of the session's temporary tables, and its TOAST twin, as PostgreSQL names them. */
export const TEMP_SCHEMA = "pg_temp_3";
export const PG_TEMP = hashOid("namespace", TEMP_SCHEMA);
const PG_TOAST_TEMP = hashOid("namespace", "pg_toast_temp_3");

/** The bootstrap superuser's OID, owner of everything. */
export const OWNER_OID = 10;

/** The role that owns public in PostgreSQL 15: whoever owns the database. */
const DATABASE_OWNER_ROLE = 6171;

defineCatalogRows(
  "pg_catalog.pg_namespace",
  (c) => {
    const rows = builtinNamespaces.map(([nspname, oid]) => {
      const owner = nspname === "public" ? "pg_database_owner" : c.user;
      const acl = nspname === "pg_toast" ? null : JSON.stringify([`${owner}=UC/${owner}`, `=U/${owner}`]);
      return { oid, nspname, nspowner: nspname === "public" ? DATABASE_OWNER_ROLE : OWNER_OID, nspacl: acl };
    });
    // A session's temporary schema exists once it has temporary tables.
    if ([...c.schema.relations()].some((r) => r.temp)) {
      rows.push({ oid: PG_TEMP, nspname: TEMP_SCHEMA, nspowner: OWNER_OID, nspacl: null });
      rows.push({ oid: PG_TOAST_TEMP, nspname: "pg_toast_temp_3", nspowner: OWNER_OID, nspacl: null });
    }
    return rows;
  },
  "user",
);

/** pg_class rows of the catalog relations themselves, so that psql can describe them. */
export function* builtinRelations(_c: CatalogContext) {
  for (const [name, def] of Object.entries(catalogDefinitions)) {
    const [schema, relname] = name.split(".") as [string, string];
    yield {
      oid: def.oid,
      relname,
      relnamespace: NAMESPACE_OID[schema] ?? PG_CATALOG,
      relkind: def.kind,
      relnatts: def.columns.length,
    };
  }
}
