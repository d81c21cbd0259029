import { close, fsync, open } from "node:fs";
import { SqliteSchema } from "../catalog/sqlite-schema.js";
import { SEQUENCES } from "../sql/metadata.js";
import { TranslationCache } from "../sql/translator.js";
import { Connection, type Durability } from "./connection.js";
import { SequenceStore } from "./sequences.js";
import { tenantHash } from "./session-table.js";
import { WriteSlot } from "./write-slot.js";

/** Counters of schema changes shared by the threads, one cell per tenant name hash (a power of two). */
export function createSchemaChangeTable(): SharedArrayBuffer {
  return new SharedArrayBuffer((1 << 16) * Int32Array.BYTES_PER_ELEMENT);
}

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
  /** The tenant's cell in the process-wide schema change counters, and its value when last checked. */
  private readonly changes: { cells: Int32Array; index: number; seen: number };

  constructor(
    readonly name: string,
    readonly path: string,
    private readonly durability: Durability,
    schemaChanges: SharedArrayBuffer,
  ) {
    const cells = new Int32Array(schemaChanges);
    const index = tenantHash(name) & (cells.length - 1);
    this.changes = { cells, index, seen: Atomics.load(cells, index) };
  }

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

  /** Closes a connection instead of pooling it (it holds a session's temporary tables). */
  discard(conn: Connection): void {
    this.all.delete(conn);
    conn.close();
  }

  /** Bumped by every schema change of the tenant. */
  get schemaGeneration(): number {
    return this.generation;
  }

  /** The schema, re-read after the last schema change. */
  schema(conn: Connection): SqliteSchema {
    if (!this.cachedSchema || this.cachedSchema.generation !== this.generation) {
      this.schemaCookie = conn.schemaVersion();
      this.cachedSchema = new SqliteSchema(conn.db, this.generation, (sql) => conn.compile(sql));
      this.sequences.load(conn.db, this.cachedSchema.hasMetadata(SEQUENCES));
    }
    return this.cachedSchema;
  }

  /**
   * A session of the tenant on another thread may have changed the schema: when the tenant's
   * change counter moved, compare SQLite's schema cookie. Called before a session's statements
   * outside a transaction.
   */
  checkExternalChanges(): void {
    if (!this.cachedSchema) return;
    const now = Atomics.load(this.changes.cells, this.changes.index);
    if (now === this.changes.seen) return;
    this.changes.seen = now;
    const conn = this.take();
    try {
      if (conn.schemaVersion() !== this.schemaCookie) this.generation++;
    } finally {
      this.release(conn);
    }
  }

  /** A statement is changing the schema: other threads check their copies from now on. */
  schemaChanging(): void {
    Atomics.add(this.changes.cells, this.changes.index, 1);
  }

  /** Called after DDL committed: schema and translations are read again, here and elsewhere. */
  schemaChanged(): void {
    this.generation++;
    this.schemaChanging();
    this.changes.seen = Atomics.load(this.changes.cells, this.changes.index);
  }

  /** Write transactions (numbered by the write slot) known to be on disk. */
  private synced = 0;
  private syncing: Promise<void> | undefined;

  /**
   * Group commit for durability full: connections commit with synchronous=NORMAL (the WAL is
   * written, not synced), and before a commit is acknowledged the WAL is synced once for every
   * commit made so far. Commits that arrive while a sync runs wait for the next one, so that
   * concurrent writers share syncs as PostgreSQL's backends share WAL flushes.
   */
  async syncTo(n: number): Promise<void> {
    while (this.synced < n) {
      if (this.syncing) {
        await this.syncing;
        continue;
      }
      const target = this.writeSlot.endedCount;
      this.syncing = syncFile(`${this.path}-wal`).finally(() => {
        this.syncing = undefined;
      });
      await this.syncing;
      this.synced = Math.max(this.synced, target);
    }
  }

  /** Frees the page caches of the idle connections (SQLite reads the pages again when needed). */
  releaseMemory(): void {
    for (const conn of this.idle) conn.releaseMemory();
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

/** fsync of a file; a file that is gone (the WAL after the last connection checkpointed it) needs none. */
function syncFile(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    open(path, "r", (e, fd) => {
      if (e) return e.code === "ENOENT" ? resolve() : reject(e);
      fsync(fd, (syncError) => close(fd, () => (syncError ? reject(syncError) : resolve())));
    });
  });
}
