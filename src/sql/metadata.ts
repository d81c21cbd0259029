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

/** Enum and other user-defined types (CREATE TYPE): kind "e" for enums, "c" for composite types. */
export const TYPES = "_tenantgres_types";
/** The labels of enum types, with PostgreSQL's float sort order (ALTER TYPE ... ADD VALUE BEFORE/AFTER). */
export const ENUM_LABELS = "_tenantgres_enum_labels";
/** Identity columns (GENERATED ALWAYS / BY DEFAULT AS IDENTITY): kind "a" or "d", and their sequence. */
export const IDENTITY = "_tenantgres_identity";
/** COMMENT ON: kind "relation", "column", "constraint", "type" or "schema"; sub is the column or constraint. */
export const COMMENTS = "_tenantgres_comments";

/** Domains (CREATE DOMAIN): base type, NOT NULL, default and CHECK constraints (JSON [{name, expr}], PostgreSQL SQL). */
export const DOMAINS = "_tenantgres_domains";

export const CREATE_DOMAINS = `CREATE TABLE IF NOT EXISTS ${DOMAINS} (
  name TEXT PRIMARY KEY,
  base_oid INTEGER NOT NULL,
  base_typmod INTEGER NOT NULL,
  not_null INTEGER NOT NULL,
  default_expr TEXT,
  checks TEXT NOT NULL
)`;

/** Composite types (CREATE TYPE ... AS (...)): their fields as JSON [{name, oid, typmod}], in order. */
export const COMPOSITES = "_tenantgres_composites";

export const CREATE_COMPOSITES = `CREATE TABLE IF NOT EXISTS ${COMPOSITES} (
  name TEXT PRIMARY KEY,
  fields TEXT NOT NULL
)`;

export const CREATE_TYPES = `CREATE TABLE IF NOT EXISTS ${TYPES} (
  name TEXT PRIMARY KEY,
  kind TEXT NOT NULL
)`;

export const CREATE_ENUM_LABELS = `CREATE TABLE IF NOT EXISTS ${ENUM_LABELS} (
  type_name TEXT NOT NULL,
  label TEXT NOT NULL,
  sort_order REAL NOT NULL,
  PRIMARY KEY (type_name, label)
)`;

export const CREATE_IDENTITY = `CREATE TABLE IF NOT EXISTS ${IDENTITY} (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  sequence TEXT NOT NULL,
  PRIMARY KEY (table_name, column_name)
)`;

export const CREATE_COMMENTS = `CREATE TABLE IF NOT EXISTS ${COMMENTS} (
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  sub TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL,
  PRIMARY KEY (kind, name, sub)
)`;

/**
 * A sequence row's rowid is its epoch: a random number given when the row is made and again when
 * the sequence is restarted (ALTER SEQUENCE RESTART, TRUNCATE RESTART IDENTITY). The in-memory
 * sequence state keeps values that are ahead of the table (nextval is not undone by a rollback)
 * only while the epoch is unchanged, so a restart, or a sequence dropped and made again, is seen.
 */
export const NEW_SEQUENCE_EPOCH = "(abs(random() % 9000000000000000000) + 1)";

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
  return `INSERT INTO ${SEQUENCES} (rowid, name, type_oid, start_value, increment, min_value, max_value, cache, cycle, last_value, is_called, owned_by) VALUES (${NEW_SEQUENCE_EPOCH}, ${quoteString(name)}, ${v}, ${owner})`;
}

export function insertIdentitySql(table: string, column: string, kind: "a" | "d", sequence: string): string {
  return `INSERT OR REPLACE INTO ${IDENTITY} VALUES (${quoteString(table)}, ${quoteString(column)}, '${kind}', ${quoteString(sequence)})`;
}

/** A condition on owned_by: the sequences owned by a column of table ("table.column", binary comparison). */
export function ownedByTableSql(table: string): string {
  return `(owned_by >= ${quoteString(`${table}.`)} AND owned_by < ${quoteString(`${table}/`)})`;
}

export function insertDefaultSql(table: string, column: string, expr: string): string {
  return `INSERT OR REPLACE INTO ${DEFAULTS} VALUES (${quoteString(table)}, ${quoteString(column)}, ${quoteString(expr)})`;
}

/** Extensions made with CREATE EXTENSION (their functions are built in; this is what pg_extension lists). */
export const EXTENSIONS = "_tenantgres_extensions";

export const CREATE_EXTENSIONS = `CREATE TABLE IF NOT EXISTS ${EXTENSIONS} (
  name TEXT PRIMARY KEY,
  version TEXT NOT NULL
)`;

/** Materialized views: a table of the view's name holds the rows; this keeps its query for REFRESH. */
export const MATVIEWS = "_tenantgres_matviews";

export const CREATE_MATVIEWS = `CREATE TABLE IF NOT EXISTS ${MATVIEWS} (
  name TEXT PRIMARY KEY,
  query TEXT NOT NULL
)`;
