import { PgError } from "../errors/pg-error.js";
import { releaseTransactionLocks } from "../functions/lib/advisory-locks.js";
import { clockMicros } from "../functions/runtime.js";
import type { TransactionOp } from "../sql/plan.js";
import { quoteIdent } from "../sql/sqlite-text.js";
import type { Connection } from "./connection.js";
import type { SessionContext } from "./session-state.js";

/**
 * Transaction state of a session over its SQLite connection. The status is derived from the
 * connection (SQLite may end a transaction on its own) plus the session's failed flag.
 */

/** The connection a statement runs on: the session's own, or one borrowed until the statement ends. */
export function connectionOf(s: SessionContext): { conn: Connection; borrowed: boolean } {
  if (s.conn) return { conn: s.conn, borrowed: false };
  return { conn: s.tenant.take(), borrowed: true };
}

/** Starts a transaction the client did not ask for (several statements before Sync, or one query string). */
export function beginImplicit(s: SessionContext): void {
  if (s.conn?.inTransaction) return;
  s.conn ??= s.tenant.take();
  s.conn.prepare("BEGIN").run();
  s.implicit = true;
  s.transactionStart = clockMicros();
}

/** Ends the implicit transaction, if any: COMMIT, or ROLLBACK after an error. */
export function endImplicit(s: SessionContext, commit: boolean): void {
  if (!s.implicit) return;
  s.implicit = false;
  finish(s, commit);
}

/**
 * ON COMMIT DROP and ON COMMIT DELETE ROWS of the session's temporary tables, run as the last
 * statements of the committing transaction.
 */
export function applyOnCommit(s: SessionContext, conn: Connection): void {
  if (s.onCommit.size === 0) return;
  const exists = conn.prepare("SELECT 1 FROM temp.sqlite_schema WHERE type = 'table' AND name = ?");
  for (const [table, action] of s.onCommit) {
    if (exists.get(table) === undefined) {
      s.onCommit.delete(table);
      continue;
    }
    if (action === "delete") {
      conn.db.exec(`DELETE FROM temp.${quoteIdent(table)}`);
      continue;
    }
    conn.db.exec(`DROP TABLE temp.${quoteIdent(table)}`);
    s.onCommit.delete(table);
    s.changedSchema = true;
    s.tenant.schemaChanging();
  }
}

/** Ends the current transaction and gives up what it held. */
export function finish(s: SessionContext, commit: boolean): void {
  const conn = s.conn;
  try {
    if (conn?.inTransaction) {
      if (commit) {
        s.tenant.sequences.flush(conn.db);
        applyOnCommit(s, conn);
        conn.prepare("COMMIT").run();
        s.flushNotifies();
      } else {
        conn.prepare("ROLLBACK").run();
      }
    }
  } finally {
    afterTransaction(s, commit);
  }
}

export function afterTransaction(s: SessionContext, committed = true): void {
  s.pendingNotifies = [];
  s.txid = undefined;
  s.failed = false;
  s.implicit = false;
  s.transactionStart = 0n;
  if (!s.pinned) s.privateSchema = undefined;
  s.settings.endTransaction(committed);
  s.tenant.writeSlot.release(s.id);
  releaseTransactionLocks(s.pid);
  if (s.changedSchema) {
    // Other connections see the DDL only now (or never, after a rollback): read the schema again.
    s.tenant.schemaChanged();
    s.changedSchema = false;
    s.privateSchema = undefined;
    if (s.pinned && s.conn && !s.conn.inTransaction) s.pinned = s.conn.hasTemporaryTables();
  }
  if (s.conn && !s.conn.inTransaction && !s.pinned) {
    s.tenant.release(s.conn);
    s.conn = undefined;
  }
}

export interface TransactionResult {
  tag: string;
  warning?: PgError;
}

function warning(name: "ACTIVE_SQL_TRANSACTION" | "NO_ACTIVE_SQL_TRANSACTION", message: string): PgError {
  return new PgError(name, message, { severity: "WARNING" });
}

/** BEGIN, COMMIT, ROLLBACK and savepoints, with PostgreSQL's warnings and errors. */
export function transactionControl(s: SessionContext, op: TransactionOp, tag: string): TransactionResult {
  switch (op.op) {
    case "begin":
      if (s.inBlock)
        return {
          tag,
          warning: warning("ACTIVE_SQL_TRANSACTION", "there is already a transaction in progress"),
        };
      if (s.implicit) {
        // BEGIN inside a multi-statement query turns the implicit transaction into a block.
        s.implicit = false;
        return { tag };
      }
      s.conn ??= s.tenant.take();
      s.conn.prepare("BEGIN").run();
      s.transactionStart = clockMicros();
      return { tag };
    case "commit": {
      if (!s.inBlock && !s.implicit) {
        return { tag, warning: warning("NO_ACTIVE_SQL_TRANSACTION", "there is no transaction in progress") };
      }
      const failed = s.failed;
      finish(s, !failed);
      return { tag: failed ? "ROLLBACK" : tag };
    }
    case "rollback":
      if (!s.inBlock && !s.implicit) {
        return { tag, warning: warning("NO_ACTIVE_SQL_TRANSACTION", "there is no transaction in progress") };
      }
      finish(s, false);
      return { tag };
    case "savepoint":
      requireBlock(s, "SAVEPOINT");
      s.conn!.db.exec(`SAVEPOINT ${quoteIdent(op.name)}`);
      return { tag };
    case "release":
      requireBlock(s, "RELEASE SAVEPOINT");
      savepointCommand(s, `RELEASE SAVEPOINT ${quoteIdent(op.name)}`, op.name);
      return { tag };
    case "rollback-to":
      requireBlock(s, "ROLLBACK TO SAVEPOINT");
      savepointCommand(s, `ROLLBACK TO SAVEPOINT ${quoteIdent(op.name)}`, op.name);
      // Rolling back to a savepoint leaves the failed state, as in PostgreSQL.
      s.failed = false;
      return { tag };
  }
}

function requireBlock(s: SessionContext, what: string): void {
  if (!s.inBlock || !s.conn?.inTransaction) {
    throw new PgError("NO_ACTIVE_SQL_TRANSACTION", `${what} can only be used in transaction blocks`);
  }
}

function savepointCommand(s: SessionContext, sql: string, name: string): void {
  try {
    s.conn!.db.exec(sql);
  } catch (e) {
    if (e instanceof Error && /no such savepoint/.test(e.message)) {
      throw new PgError("S_E_INVALID_SPECIFICATION", `savepoint "${name}" does not exist`);
    }
    throw e;
  }
}
