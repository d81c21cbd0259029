import { type CatalogContext, defineCatalogRows } from "../catalog.js";
import { builtinNamespaces, catalogDefinitions } from "../definitions.generated.js";

/** The schemas a tenant has: PostgreSQL's built-in ones; user tables live in public. */
export const NAMESPACE_OID = Object.fromEntries(builtinNamespaces) as Record<string, number>;
export const PUBLIC = NAMESPACE_OID.public!;
export const PG_CATALOG = NAMESPACE_OID.pg_catalog!;

/** The bootstrap superuser's OID, owner of everything. */
export const OWNER_OID = 10;

defineCatalogRows("pg_catalog.pg_namespace", () =>
  builtinNamespaces.map(([nspname, oid]) => ({ oid, nspname, nspowner: OWNER_OID, nspacl: null })),
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
