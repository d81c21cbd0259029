import { SqliteSchema } from "../catalog/sqlite-schema.js";
import { SEQUENCES } from "../sql/metadata.js";
import { TranslationCache } from "../sql/translator.js";
import { Connection, type Durability } from "./connection.js";
import { SequenceStore } from "./sequences.js";
import { WriteSlot } from "./write-slot.js";

/**
 * An open tenant on the thread that runs it: a pool of SQLite connections to its file, the write
 * slot its sessions queue on, its schema as last read, cached translations and sequences.
 */
export class Tenant {
  readonly writeSlot = new WriteSlot();
  readonly translations = new TranslationCache();
  readonly sequences = new SequenceStore();
  /** Sessions attached to this tenant. */
  sessions = 0;
  lastUsed = Date.now();
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private cachedSchema: SqliteSchema | undefined;
  private generation = 0;
  /** SQLite's schema cookie when the schema was last read. */
  private schemaCookie = -1;

  constructor(
    readonly name: string,
    readonly path: string,
    private readonly durability: Durability,
  ) {}

  /** Opens a first connection, creating the file when allowed; throws if it cannot be opened. */
  open(create: boolean): void {
    const conn = new Connection(this.path, { durability: this.durability, create });
    this.all.add(conn);
    this.idle.push(conn);
  }

  /** A connection for one statement or transaction; give it back with release(). */
  take(): Connection {
    const conn = this.idle.pop() ?? new Connection(this.path, { durability: this.durability, create: false });
    this.all.add(conn);
    return conn;
  }

  release(conn: Connection): void {
    if (this.idle.includes(conn) || !this.all.has(conn)) return;
    if (conn.inTransaction) conn.db.exec("ROLLBACK");
    if (this.idle.length < 4) this.idle.push(conn);
    else {
      this.all.delete(conn);
      conn.close();
    }
  }

  /** The schema, re-read after the last schema change. */
  schema(conn: Connection): SqliteSchema {
    if (!this.cachedSchema || this.cachedSchema.generation !== this.generation) {
      this.schemaCookie = conn.db.pragma("schema_version", { simple: true }) as number;
      this.cachedSchema = new SqliteSchema(conn.db, this.generation, (sql) => conn.compile(sql));
      this.sequences.load(conn.db, this.cachedSchema.hasMetadata(SEQUENCES));
    }
    return this.cachedSchema;
  }

  /**
   * Another thread may have changed the schema while this one held the tenant open (the tenant
   * moved away and back): compare SQLite's schema cookie. Called when a session attaches.
   */
  checkExternalChanges(): void {
    if (!this.cachedSchema) return;
    const conn = this.take();
    try {
      if ((conn.db.pragma("schema_version", { simple: true }) as number) !== this.schemaCookie)
        this.schemaChanged();
    } finally {
      this.release(conn);
    }
  }

  /** Called after DDL: schema and translations are read again. */
  schemaChanged(): void {
    this.generation++;
  }

  get inUse(): boolean {
    return this.sessions > 0 || this.idle.length < this.all.size;
  }

  /** Closes every connection; with checkpoint, first moves the WAL into the database file. */
  close(checkpoint = false): void {
    if (checkpoint) {
      const conn = this.idle[0];
      try {
        conn?.db.pragma("wal_checkpoint(TRUNCATE)");
      } catch {
        // A checkpoint is an optimisation: SQLite recovers from the WAL at the next open.
      }
    }
    for (const conn of this.all) conn.close();
    this.all.clear();
    this.idle.length = 0;
  }
}
