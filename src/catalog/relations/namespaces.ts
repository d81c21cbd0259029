import { type CatalogContext, defineCatalogRows } from "../catalog.js";
import { builtinNamespaces, catalogDefinitions } from "../definitions.generated.js";

/** The schemas a tenant has: PostgreSQL's built-in ones; user tables live in public. */
export const NAMESPACE_OID = Object.fromEntries(builtinNamespaces) as Record<string, number>;
export const PUBLIC = NAMESPACE_OID.public!;
export const PG_CATALOG = NAMESPACE_OID.pg_catalog!;

/** The bootstrap superuser's OID, owner of everything. */
export const OWNER_OID = 10;

/** The role that owns public in PostgreSQL 15: whoever owns the database. */
const DATABASE_OWNER_ROLE = 6171;

defineCatalogRows(
  "pg_catalog.pg_namespace",
  (c) =>
    builtinNamespaces.map(([nspname, oid]) => {
      const owner = nspname === "public" ? "pg_database_owner" : c.user;
      const acl = nspname === "pg_toast" ? null : JSON.stringify([`${owner}=UC/${owner}`, `=U/${owner}`]);
      return { oid, nspname, nspowner: nspname === "public" ? DATABASE_OWNER_ROLE : OWNER_OID, nspacl: acl };
    }),
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
