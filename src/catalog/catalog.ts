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
  /** The tenant's SQLite file (set when rows are read through SQLite). */
  file?: string;
}

export type CatalogRow = Record<string, SqliteValue | undefined>;
type RowSource = (c: CatalogContext) => Iterable<CatalogRow>;

/**
 * What a relation's rows depend on: "schema" rows are computed once per schema (a schema change
 * makes a new SchemaView, so they follow DDL at once, also DDL of other sessions); "user" rows once
 * per schema and user (owner names, ACLs); "session" rows (settings, activity, the data directory)
 * at every read.
 */
export type RowDependency = "schema" | "user" | "session";

const sources = new Map<string, { rows: RowSource; dependsOn: RowDependency }>();
const cache = new WeakMap<SchemaView, Map<string, SqliteValue[][]>>();

/** Declares how a catalog relation's rows are computed; relations never declared are empty. */
export function defineCatalogRows(name: string, rows: RowSource, dependsOn: RowDependency = "schema"): void {
  if (!catalogDefinitions[name]) throw new Error(`no catalog relation ${name}`);
  sources.set(name, { rows, dependsOn });
}

export function catalogDefinition(schema: string, name: string): CatalogDefinition | undefined {
  return catalogDefinitions[`${schema}.${name}`];
}

/** The SQLite name a catalog relation is registered under. */
export function catalogTableName(schema: string, name: string): string {
  return `${schema}.${name}`;
}

/** A relation's rows as SQLite values in its column order (cached per schema where allowed). */
export function catalogRows(name: string, c: CatalogContext): SqliteValue[][] {
  const def = catalogDefinitions[name];
  const source = sources.get(name);
  if (!def || !source) return [];
  const cached = source.dependsOn !== "session";
  const key = source.dependsOn === "user" ? `${name}\u0000${c.user}` : name;
  let perSchema = cached ? cache.get(c.schema) : undefined;
  const hit = perSchema?.get(key);
  if (hit) return hit;
  const columns = def.columns.map((col) => col[0]);
  const rows: SqliteValue[][] = [];
  for (const row of source.rows(c)) rows.push(columns.map((col) => row[col] ?? null));
  if (cached) {
    if (!perSchema) {
      perSchema = new Map();
      cache.set(c.schema, perSchema);
    }
    perSchema.set(key, rows);
  }
  return rows;
}

/** Registers the catalog relation SQLite knows by name ("pg_catalog.pg_class"), if there is one. */
export function registerCatalogTable(
  db: Database.Database,
  name: string,
  context: () => CatalogContext,
): boolean {
  const def = catalogDefinitions[name];
  if (!def) return false;
  db.table(name, {
    columns: def.columns.map((c) => c[0]),
    *rows() {
      yield* catalogRows(name, { ...context(), file: db.name });
    },
  });
  return true;
}

/** The catalog context of the statement being run. */
export function sessionCatalog(): CatalogContext {
  return currentSession().catalog();
}
