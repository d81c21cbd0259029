/** What the translator knows of a tenant's relations: read from SQLite, never from sockets. */

export interface ColumnInfo {
  name: string;
  /** 1-based position, as pg_attribute.attnum. */
  attnum: number;
  typeOid: number;
  typmod: number;
  notNull: boolean;
  /**
   * A default SQLite cannot hold in the table definition (nextval, gen_random_uuid, now(), ...),
   * as PostgreSQL SQL text; the translator supplies it for INSERTs that omit the column.
   */
  defaultExpr?: string;
  /** SQLite's own DEFAULT clause text (constants), if any. */
  sqliteDefault?: string;
  /** An identity column: GENERATED ALWAYS ("a") or BY DEFAULT ("d"); defaultExpr is its nextval. */
  identity?: "a" | "d";
  /** The identity column's sequence. */
  identitySequence?: string;
  /** A stored generated column (GENERATED ALWAYS AS (...) STORED). */
  generated?: boolean;
  /** The column's domain, if its type is one (typeOid is then the domain's base type). */
  domain?: string;
}

export interface RelationInfo {
  name: string;
  kind: "table" | "view";
  /** Stable across restarts. */
  oid: number;
  columns: ColumnInfo[];
  column(name: string): ColumnInfo | undefined;
  /** Primary key columns, if any. */
  primaryKey?: string[];
  /** Column sets with a unique constraint or unique index (the primary key included). */
  uniqueKeys: string[][];
  foreignKeys?: { name: string; table: string; columns: string[]; refColumns: string[] }[];
  /** The SQLite CREATE TABLE / CREATE VIEW text. */
  sql?: string;
  /** A temporary table of the session (schema pg_temp). */
  temp?: boolean;
}

export interface SchemaView {
  /** Bumped by every schema change; translations are cached per generation. */
  readonly generation: number;
  relation(name: string): RelationInfo | undefined;
  relations(): Iterable<RelationInfo>;
  index(name: string): IndexInfo | undefined;
  indexesOf?(table: string): IndexInfo[];
  indexes?(): Iterable<IndexInfo>;
  /** Whether a metadata table exists in this tenant. */
  hasMetadata(table: string): boolean;
  /** A materialized view's query (PostgreSQL SQL), if name is one. */
  materializedView?(name: string): string | undefined;
  /** Extensions made with CREATE EXTENSION. */
  extensions?(): Iterable<{ name: string; version: string }>;
  sequence(name: string): SequenceInfo | undefined;
  sequences(): Iterable<SequenceInfo>;
  /** User-defined types (CREATE TYPE ... AS ENUM), by name or OID. */
  enumType(name: string): EnumInfo | undefined;
  enumByOid(oid: number): EnumInfo | undefined;
  enumTypes(): Iterable<EnumInfo>;
  domainType(name: string): DomainInfo | undefined;
  domainByOid(oid: number): DomainInfo | undefined;
  domainTypes(): Iterable<DomainInfo>;
  /** Composite types (CREATE TYPE ... AS (...)), by name or OID. */
  compositeType(name: string): CompositeInfo | undefined;
  compositeByOid(oid: number): CompositeInfo | undefined;
  compositeTypes(): Iterable<CompositeInfo>;
  /** COMMENT ON: every stored comment. */
  comments(): Iterable<CommentInfo>;
}

/**
 * A domain: its values are its base type's (RowDescription reports the base type), checked against
 * NOT NULL and CHECK constraints whenever a value becomes the domain's.
 */
export interface DomainInfo {
  name: string;
  oid: number;
  arrayOid: number;
  base: { oid: number; typmod: number };
  notNull: boolean;
  /** PostgreSQL SQL text. */
  defaultExpr?: string;
  /** PostgreSQL SQL text of each CHECK, over VALUE. */
  checks: { name: string; expr: string }[];
}

/**
 * A composite type: a value is record_out's text of its fields ("(EUR,12050)"), stored and sent
 * as that text; the translator reads a field back by its position (see translate/composites.ts).
 */
export interface CompositeInfo {
  name: string;
  oid: number;
  arrayOid: number;
  /** Its pg_class row (relkind 'c'), as pg_type.typrelid names it. */
  relOid: number;
  fields: { name: string; type: { oid: number; typmod: number } }[];
}

/** An enum type: labels in their sort order. */
export interface EnumInfo {
  name: string;
  /** Stable across restarts. */
  oid: number;
  /** Its array type (`_name`), as PostgreSQL creates one. */
  arrayOid: number;
  /** In sort order (pg_enum.enumsortorder ascending). */
  labels: { label: string; sortOrder: number; oid: number }[];
}

/**
 * A COMMENT ON comment. kind "relation" (table, view, sequence or index: name), "column" (name is
 * the table, sub the column), "constraint" (name is the table, sub the constraint), "type", "schema".
 */
export interface CommentInfo {
  kind: "relation" | "column" | "constraint" | "type" | "schema";
  name: string;
  sub?: string;
  comment: string;
}

export interface SequenceInfo {
  name: string;
  oid: number;
  /** The column that owns it (serial), as "table.column". */
  ownedBy?: string;
  /** CREATE SEQUENCE options (pg_sequence). */
  typeOid?: number;
  start?: bigint;
  increment?: bigint;
  min?: bigint;
  max?: bigint;
  cache?: bigint;
  cycle?: boolean;
}

export interface IndexInfo {
  name: string;
  /** Stable across restarts (0 until assigned). */
  oid?: number;
  table: string;
  unique: boolean;
  columns: string[];
  /** Set when the index implements a PRIMARY KEY or UNIQUE constraint of that name. */
  constraint?: string;
  /** The CREATE INDEX text (indexes made by CREATE INDEX; not constraint indexes). */
  sql?: string;
  /** PostgreSQL's access method: btree, hash, brin or gin (all SQLite indexes). */
  method: string;
}
