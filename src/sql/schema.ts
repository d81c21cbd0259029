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
  sequence(name: string): SequenceInfo | undefined;
  sequences(): Iterable<SequenceInfo>;
}

export interface SequenceInfo {
  name: string;
  oid: number;
  /** The column that owns it (serial), as "table.column". */
  ownedBy?: string;
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
}
