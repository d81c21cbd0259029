import Database from "better-sqlite3";
import { registerCatalogTable, sessionCatalog } from "../catalog/catalog.js";
import "../catalog/relations/index.js";
import { registerFunctionNamed, registerInternalFunctions } from "../functions/sqlite-functions.js";
import { NATIVE_PATH, native } from "./interrupts.js";
import { enterSqlite, leaveSqlite } from "./sqlite-gate.js";

export type Durability = "full" | "normal";

export interface ConnectionOptions {
  durability: Durability;
  /** Create the file if it does not exist. */
  create: boolean;
}

/**
 * One SQLite connection to a tenant's file, with its prepared statements. A tenant has several:
 * each session in a transaction holds one, others share the idle ones.
 */
export class Connection {
  readonly db: Database.Database;
  /** This connection's place in the native interrupt table. */
  readonly slot: number;
  private readonly statements = new Map<string, Database.Statement>();
  /** JavaScript functions and catalog relations registered on this connection so far. */
  private readonly registered = new Set<string>();
  private readonly tried = new Set<string>();

  constructor(path: string, options: ConnectionOptions) {
    this.db = new Database(path, { fileMustExist: !options.create });
    // First, while SQLite has allocated nothing for the connection (native/interrupt.c).
    this.db.loadExtension(NATIVE_PATH);
    // WAL lets readers proceed while one writer writes. A commit writes the WAL without syncing
    // it (NORMAL); with durability full the tenant syncs the WAL before the commit is
    // acknowledged, once for all the commits made meanwhile (Tenant.syncTo), so that an
    // acknowledged COMMIT survives power loss as it does in PostgreSQL.
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    // PostgreSQL's LIKE is case-sensitive.
    this.db.pragma("case_sensitive_like = ON");
    // Waiting happens in the tenant's write queue, never inside SQLite, which would block the thread.
    this.db.pragma("busy_timeout = 0");
    registerInternalFunctions(this.db);
    this.slot = native.allocSlot();
    if (this.slot < 0) throw new Error("no interrupt slot left for a new SQLite connection");
    this.db.prepare("SELECT tenantgres_attach(?)").get(this.slot);
  }

  /** Marks the statement about to step as belonging to a session, which may then be interrupted. */
  running(owner: number): void {
    native.setOwner(this.slot, owner);
    enterSqlite();
  }

  idle(): void {
    native.setOwner(this.slot, 0);
    leaveSqlite();
  }

  /** Why the last statement was interrupted (a StopReason), clearing it. */
  stopReason(): number {
    return native.takeReason(this.slot);
  }

  /**
   * Prepares SQLite SQL, registering the JavaScript functions and catalog relations it uses the
   * first time SQLite reports them missing (a table's CHECK constraints may use functions too).
   */
  compile(sql: string): Database.Statement {
    for (;;) {
      try {
        return this.db.prepare(sql);
      } catch (e) {
        const m = /^no such (function|table): (.+)$/.exec((e as Error).message);
        const name = m?.[2];
        if (!name || this.tried.has(name)) throw e;
        this.tried.add(name);
        // A missing "table" may be a set-returning function (a table-valued function) or a catalog relation.
        const found =
          registerFunctionNamed(this.db, name, this.registered) ||
          (m[1] === "table" && registerCatalogTable(this.db, name, sessionCatalog));
        if (!found) throw e;
      }
    }
  }

  /** A prepared statement for SQLite SQL, cached per connection. */
  prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.compile(sql);
      if (this.statements.size >= 500) this.statements.delete(this.statements.keys().next().value as string);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private schemaVersionStatement: Database.Statement | undefined;

  /** SQLite's schema cookie, read with a statement prepared once (db.pragma() prepares every time). */
  schemaVersion(): number {
    this.schemaVersionStatement ??= this.db.prepare("PRAGMA schema_version").pluck();
    return this.schemaVersionStatement.get() as number;
  }

  /** sqlite3_db_release_memory: drops the cached pages that are not in use. */
  releaseMemory(): void {
    if (!this.db.inTransaction) this.db.pragma("shrink_memory");
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** Whether the connection holds temporary tables of its session (not those of WITH queries). */
  hasTemporaryTables(): boolean {
    return (
      this.prepare(
        "SELECT 1 FROM temp.sqlite_schema WHERE type = 'table' AND name NOT LIKE '?with%' LIMIT 1",
      ).get() !== undefined
    );
  }

  close(): void {
    this.statements.clear();
    native.freeSlot(this.slot);
    if (this.db.open) this.db.close();
  }
}
