import type Database from "better-sqlite3";
import { currentSession } from "../functions/runtime.js";
import type { SchemaView } from "../sql/schema.js";
import type { SqliteValue } from "../types/sqlite-value.js";
import { type CatalogDefinition, catalogDefinitions } from "./definitions.generated.js";

/**
 * pg_catalog and information_schema: their shapes are generated from a real PostgreSQL
 * (definitions.generated.ts); their rows are computed from the tenant's schema when a query
 * reads them. Each relation is a SQLite table-valued function named "schema.relation".
 */

/** What catalog rows are computed from. */
export interface CatalogContext {
  schema: SchemaView;
  database: string;
  user: string;
}

export type CatalogRow = Record<string, SqliteValue | undefined>;
type RowSource = (c: CatalogContext) => Iterable<CatalogRow>;

const sources = new Map<string, RowSource>();

/** Declares how a catalog relation's rows are computed; relations never declared are empty. */
export function defineCatalogRows(name: string, rows: RowSource): void {
  if (!catalogDefinitions[name]) throw new Error(`no catalog relation ${name}`);
  sources.set(name, rows);
}

export function catalogDefinition(schema: string, name: string): CatalogDefinition | undefined {
  return catalogDefinitions[`${schema}.${name}`];
}

/** The SQLite name a catalog relation is registered under. */
export function catalogTableName(schema: string, name: string): string {
  return `${schema}.${name}`;
}

/** Registers the catalog relation SQLite knows by name ("pg_catalog.pg_class"), if there is one. */
export function registerCatalogTable(
  db: Database.Database,
  name: string,
  context: () => CatalogContext,
): boolean {
  const def = catalogDefinitions[name];
  if (!def) return false;
  const columns = def.columns.map((c) => c[0]);
  db.table(name, {
    columns,
    *rows() {
      const source = sources.get(name);
      if (!source) return;
      for (const row of source(context())) yield columns.map((c) => row[c] ?? null);
    },
  });
  return true;
}

/** The catalog context of the statement being run. */
export function sessionCatalog(): CatalogContext {
  return currentSession().catalog();
}
