import { quoteString } from "./sqlite-text.js";

/**
 * What a tenant's SQLite file holds beyond the user's own tables: only what PostgreSQL semantics
 * need and SQLite cannot express, in tables named `_tenantgres_*` that catalogs never show.
 * Each is created the first time it is needed, so a new tenant's file holds nothing extra.
 */

export const METADATA_PREFIX = "_tenantgres_";

/** Sequences (CREATE SEQUENCE, serial and identity columns). */
export const SEQUENCES = "_tenantgres_sequences";
/** Column defaults SQLite cannot evaluate per row (nextval, gen_random_uuid(), now()): PostgreSQL SQL text. */
export const DEFAULTS = "_tenantgres_defaults";

export const CREATE_SEQUENCES = `CREATE TABLE IF NOT EXISTS ${SEQUENCES} (
  name TEXT PRIMARY KEY,
  type_oid INTEGER NOT NULL,
  start_value INTEGER NOT NULL,
  increment INTEGER NOT NULL,
  min_value INTEGER NOT NULL,
  max_value INTEGER NOT NULL,
  cache INTEGER NOT NULL,
  cycle INTEGER NOT NULL,
  last_value INTEGER NOT NULL,
  is_called INTEGER NOT NULL,
  owned_by TEXT
)`;

export const CREATE_DEFAULTS = `CREATE TABLE IF NOT EXISTS ${DEFAULTS} (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  expr TEXT NOT NULL,
  PRIMARY KEY (table_name, column_name)
)`;

export function isMetadataTable(name: string): boolean {
  return name.startsWith(METADATA_PREFIX);
}

export interface SequenceOptions {
  typeOid: number;
  start: bigint;
  increment: bigint;
  min: bigint;
  max: bigint;
  cache: bigint;
  cycle: boolean;
  ownedBy?: string;
}

export function insertSequenceSql(name: string, o: SequenceOptions): string {
  const v = [o.typeOid, o.start, o.increment, o.min, o.max, o.cache, o.cycle ? 1 : 0, o.start, 0].join(", ");
  const owner = o.ownedBy === undefined ? "NULL" : quoteString(o.ownedBy);
  return `INSERT INTO ${SEQUENCES} VALUES (${quoteString(name)}, ${v}, ${owner})`;
}

export function insertDefaultSql(table: string, column: string, expr: string): string {
  return `INSERT OR REPLACE INTO ${DEFAULTS} VALUES (${quoteString(table)}, ${quoteString(column)}, ${quoteString(expr)})`;
}
