import { regNameFromOid } from "../catalog/regtypes.js";
import { PgError } from "../errors/pg-error.js";
import { fromSqliteError, isSqliteError } from "../errors/sqlite-error.js";
import { AdvisoryLockBusy, releaseTransactionLocks } from "../functions/lib/advisory-locks.js";
import { clockMicros, enterSession } from "../functions/runtime.js";
import { BackendCode } from "../protocol/codes.js";
import * as encode from "../protocol/encode.js";
import { INT8, NUMERIC } from "../sql/oids.js";
import type { CopyPlan, QueryPlan, TagSpec } from "../sql/plan.js";
import type { SchemaView } from "../sql/schema.js";
import { quoteIdent } from "../sql/sqlite-text.js";
import type { Connection } from "./connection.js";
import { copyFormat, copyOutRow, copyResponse } from "./copy.js";
import { formatCopyRow } from "./copy-format.js";
import { diagnoseForeignKey } from "./foreign-key-check.js";
import { stopError } from "./interrupts.js";
import { lockDeadline, lockTimeoutMs, waitForLock } from "./lock-wait.js";
import type { Output } from "./output.js";
import { materialize, type Portal } from "./portal.js";
import type { SessionContext } from "./session-state.js";
import { afterTransaction, applyOnCommit, connectionOf } from "./transaction.js";
import { valueEncoders } from "./values.js";

export interface RunOptions {
  /** Rows to send before suspending; 0 for all. */
  maxRows: number;
  /** Autocommit: no transaction is open, and the statement runs as its own. */
  autocommit: boolean;
  /** Open portals of the session, whose rows are read out before the connection runs another statement. */
  openPortals: Iterable<Portal>;
}

function tagOf(spec: TagSpec, count: number): string {
  switch (spec.kind) {
    case "rows":
      return `${spec.verb} ${count}`;
    case "insert":
      return `INSERT 0 ${count}`;
    case "fixed":
      return spec.tag;
  }
}

/** Whether SQLite must hand integers over as BigInt (int8 and numeric may exceed 2^53). */
function needsBigInt(plan: QueryPlan): boolean {
  return plan.columns.some((c) => c.type.oid === INT8 || c.type.oid === NUMERIC);
}

/** Runs SQLite steps on behalf of the session, which may stop them meanwhile (cancel, timeouts). */
function stepping<T>(s: SessionContext, conn: Connection, run: () => T): T {
  conn.running(s.pid);
  try {
    return run();
  } finally {
    conn.idle();
  }
}

/** Runs a constant SELECT now and keeps its rows in the portal (see QueryPlan.constant). */
export function prefetchConstant(s: SessionContext, portal: Portal, plan: QueryPlan): void {
  const { conn, borrowed } = connectionOf(s);
  try {
    enterSession(s);
    s.statementStart = clockMicros();
    const stmt = conn.prepare(plan.sql);
    stmt.raw(true);
    stmt.safeIntegers(needsBigInt(plan));
    const args = plan.paramOrder.map((i) => portal.params[i]);
    const rows = stepping(s, conn, () => stmt.all(...args) as unknown[][]);
    portal.rows = rows[Symbol.iterator]();
  } catch (e) {
    throw translateError(e, s, plan, conn);
  } finally {
    if (borrowed) s.tenant.release(conn);
  }
}

/**
 * Runs a translated statement: takes the tenant's write slot first if it writes, runs SQLite,
 * and writes DataRows and CommandComplete (or PortalSuspended) to out.
 */
export async function runQuery(
  s: SessionContext,
  portal: Portal,
  plan: QueryPlan,
  out: Output,
  opts: RunOptions,
): Promise<void> {
  if (portal.rows) return sendRows(s, portal, plan, out, opts.maxRows);
  if (plan.writes) await acquireWriteSlot(s, plan);
  for (const p of opts.openPortals) if (p !== portal && p.source?.conn === s.conn) materialize(p);
  const acquired = connectionOf(s);
  const conn = acquired.conn;
  let borrowed = acquired.borrowed;
  const ownTransaction = opts.autocommit && plan.writes;
  s.statementStart = clockMicros();
  let count = 0;
  try {
    enterSession(s);
    if (ownTransaction) await retryWhileBusy(s, () => conn.prepare("BEGIN IMMEDIATE").run());
    if (plan.usesSequences) s.tenant.sequences.load(conn.db);
    if (plan.setup.length > 0) {
      await retryWhileBusy(s, () =>
        stepping(s, conn, () => {
          for (const sql of plan.setup) conn.compile(sql).run();
        }),
      );
    }
    if (plan.changesSchema) {
      s.changedSchema = true;
      s.tenant.schemaChanging();
      s.privateSchema = undefined;
    }
    if (plan.captures) await runCaptures(s, conn, plan, portal.params);
    if (plan.sql !== "") {
      const stmt = plan.changesSchema ? conn.compile(plan.sql) : conn.prepare(plan.sql);
      const args = plan.paramOrder.map((i) => portal.params[i]);
      if (!stmt.reader) {
        count = await retryWhileBusy(s, () => stepping(s, conn, () => stmt.run(...args).changes));
      } else {
        stmt.raw(true);
        stmt.safeIntegers(needsBigInt(plan));
        if (plan.writes) {
          // RETURNING: all rows at once, so that a busy lock can be waited for and retried.
          const rows = await retryWhileBusy(s, () =>
            stepping(s, conn, () => stmt.all(...args) as unknown[][]),
          );
          portal.rows = rows[Symbol.iterator]();
        } else {
          portal.rows = stmt.iterate(...args) as Iterator<unknown[]>;
          portal.source = { conn, borrowed, stmt, args };
          if (borrowed && !opts.autocommit) {
            // Rows may be fetched across several Executes: the session keeps the connection meanwhile.
            s.conn = conn;
            portal.source.borrowed = false;
          }
          return sendRows(s, portal, plan, out, opts.maxRows);
        }
      }
    }
    dropCaptures(conn, plan);
    if (plan.onCommit) s.onCommit.set(plan.onCommit.table, plan.onCommit.action);
    finishStatement(s, conn, ownTransaction);
    if (plan.changesSchema && keepForTemporaryTables(s, conn, borrowed)) borrowed = false;
  } catch (e) {
    portal.rows = undefined;
    dropCaptures(conn, plan);
    const rerun =
      plan.captures || plan.setup.length > 0
        ? undefined
        : () => {
            // Running it again must not use up sequence values a second time.
            const positions = s.tenant.sequences.positions();
            try {
              const stmt = conn.prepare(plan.sql);
              const args = plan.paramOrder.map((i) => portal.params[i]);
              if (stmt.reader) stmt.raw(true).all(...args);
              else stmt.run(...args);
            } finally {
              s.tenant.sequences.restorePositions(positions);
            }
          };
    const error = translateError(e, s, plan, conn, rerun);
    if (ownTransaction && conn.inTransaction) conn.db.exec("ROLLBACK");
    if (borrowed) s.tenant.release(conn);
    if (ownTransaction) afterTransaction(s);
    throw error;
  }
  if (borrowed) s.tenant.release(conn);
  if (portal.rows) return sendRows(s, portal, plan, out, opts.maxRows);
  encode.commandComplete(out.w, tagOf(plan.tag, count));
}

/**
 * After DDL: a session that now has temporary tables keeps the connection that holds them; one
 * that dropped its last gives it back. Returns whether a borrowed connection became the session's.
 */
function keepForTemporaryTables(s: SessionContext, conn: Connection, borrowed: boolean): boolean {
  if (conn.hasTemporaryTables()) {
    s.pinned = true;
    if (!borrowed) return false;
    s.conn = conn;
    return true;
  }
  if (s.pinned && !conn.inTransaction) {
    s.pinned = false;
    s.privateSchema = undefined;
    if (s.conn === conn) {
      s.tenant.release(conn);
      s.conn = undefined;
    }
  }
  return false;
}

/** Runs the data-modifying WITH queries, keeping their RETURNING rows in temporary tables. */
async function runCaptures(
  s: SessionContext,
  conn: Connection,
  plan: QueryPlan,
  params: unknown[],
): Promise<void> {
  for (const c of plan.captures ?? []) {
    const table = `temp.${quoteIdent(c.table)}`;
    const columns = Array.from({ length: c.columns }, (_, i) => `c${i}`);
    conn.db.exec(`DROP TABLE IF EXISTS ${table}`);
    conn.db.exec(`CREATE TEMP TABLE ${quoteIdent(c.table)} (${columns.join(", ") || "c0"})`);
    const stmt = conn.compile(c.sql);
    const args = c.paramOrder.map((i) => params[i]);
    if (!stmt.reader) {
      await retryWhileBusy(s, () => stepping(s, conn, () => stmt.run(...args)));
      continue;
    }
    stmt.raw(true);
    stmt.safeIntegers(true);
    const rows = await retryWhileBusy(s, () => stepping(s, conn, () => stmt.all(...args) as unknown[][]));
    const insert = conn.db.prepare(`INSERT INTO ${table} VALUES (${columns.map(() => "?").join(", ")})`);
    for (const row of rows) insert.run(...row);
  }
}

function dropCaptures(conn: Connection, plan: QueryPlan): void {
  for (const c of plan.captures ?? []) conn.db.exec(`DROP TABLE IF EXISTS temp.${quoteIdent(c.table)}`);
}

function isBusy(e: unknown): boolean {
  return (isSqliteError(e) && e.code === "SQLITE_BUSY") || e instanceof AdvisoryLockBusy;
}

/**
 * SQLite's write lock is held by a connection of another thread (the tenant's sessions are split
 * across threads) or another program: wait and try again, without blocking the thread, until
 * lock_timeout. A statement that got SQLITE_BUSY changed nothing; in WAL mode, trying again
 * either succeeds or reports a stale snapshot (40001).
 */
async function retryWhileBusy<T>(s: SessionContext, attempt: () => T): Promise<T> {
  const deadline = lockDeadline(s);
  for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
    try {
      return attempt();
    } catch (e) {
      if (!isBusy(e)) throw e;
      await waitForLock(s, deadline, delay);
    }
  }
}

export async function acquireWriteSlot(s: SessionContext, plan: QueryPlan): Promise<void> {
  if (
    s.setting("transaction_read_only") === "on" ||
    (s.setting("default_transaction_read_only") === "on" && !s.conn?.inTransaction)
  ) {
    throw new PgError(
      "READ_ONLY_SQL_TRANSACTION",
      `cannot execute ${commandName(plan)} in a read-only transaction`,
    );
  }
  const wait = s.tenant.writeSlot.acquire(s.id, lockTimeoutMs(s), plan.lockNowait === true);
  if (wait) await wait;
}

function commandName(plan: QueryPlan): string {
  return plan.tag.kind === "insert" ? "INSERT" : plan.tag.kind === "rows" ? plan.tag.verb : plan.tag.tag;
}

/** After a statement: advanced sequences are written back in its transaction, which ends if it was its own. */
function finishStatement(s: SessionContext, conn: Connection, ownTransaction: boolean): void {
  if (s.tenant.sequences.hasChanges && conn.inTransaction) s.tenant.sequences.flush(conn.db);
  if (ownTransaction) {
    applyOnCommit(s, conn);
    conn.prepare("COMMIT").run();
    afterTransaction(s);
  } else if (!conn.inTransaction) {
    releaseTransactionLocks(s.pid);
    if (s.tenant.writeSlot.heldBy(s.id) && !s.conn?.inTransaction) s.tenant.writeSlot.release(s.id);
    s.flushNotifies();
  }
  if (s.changedSchema && !conn.inTransaction) {
    s.tenant.schemaChanged();
    s.changedSchema = false;
  }
}

async function sendRows(
  s: SessionContext,
  portal: Portal,
  plan: QueryPlan,
  out: Output,
  maxRows: number,
): Promise<void> {
  const encoders = valueEncoders(plan.columns, portal.resultFormats, s.formatContext(), (type, oid) =>
    regNameFromOid(type, oid, s.catalogSchema, s.user),
  );
  const source = portal.source;
  const n = encoders.length;
  let sent = 0;
  let rows = portal.rows!;
  const deadline = lockDeadline(s);
  try {
    for (let delay = 1; ; ) {
      enterSession(s);
      source?.conn.running(s.pid);
      let r: IteratorResult<unknown[]>;
      try {
        r = rows.next();
      } catch (e) {
        source?.conn.idle();
        // pg_advisory_lock held by another session: before any row is sent, wait and run again.
        if (!(e instanceof AdvisoryLockBusy) || !source || portal.rowsSent > 0) throw e;
        await waitForLock(s, deadline, delay);
        delay = Math.min(delay * 2, 50);
        rows = source.stmt.iterate(...source.args) as Iterator<unknown[]>;
        portal.rows = rows;
        continue;
      }
      source?.conn.idle();
      if (r.done) break;
      const row = r.value;
      out.w.begin(BackendCode.DataRow).int16(n);
      for (let i = 0; i < n; i++) encoders[i]!(out.w, row[i] as never);
      out.w.end();
      sent++;
      portal.rowsSent++;
      if (maxRows > 0 && sent >= maxRows) {
        encode.portalSuspended(out.w);
        return;
      }
      const wait = out.maybeDrain();
      if (wait) await wait;
    }
  } catch (e) {
    source?.conn.idle();
    portal.rows = undefined;
    portal.source = undefined;
    portal.done = true;
    const error = translateError(e, s, plan, source?.conn);
    if (source?.borrowed) s.tenant.release(source.conn);
    throw error;
  }
  portal.rows = undefined;
  portal.source = undefined;
  portal.done = true;
  if (source) {
    try {
      finishStatement(s, source.conn, false);
    } finally {
      if (source.borrowed) s.tenant.release(source.conn);
    }
  }
  // A portal resumed after PortalSuspended reports the rows of its last Execute.
  encode.commandComplete(out.w, tagOf(plan.tag, sent));
}

/** The client-visible form of an error raised while running SQLite. */
export function translateError(
  e: unknown,
  s: SessionContext,
  plan: QueryPlan,
  conn?: Connection,
  rerun?: () => void,
): unknown {
  if (e instanceof PgError || !isSqliteError(e)) return e;
  if (e.code === "SQLITE_INTERRUPT") return stopError(conn?.stopReason() ?? 0);
  if (e.code === "SQLITE_BUSY_SNAPSHOT" || e.code === "SQLITE_BUSY") {
    return new PgError("T_R_SERIALIZATION_FAILURE", "could not serialize access due to concurrent update");
  }
  const verb =
    plan.tag.kind === "insert"
      ? "INSERT"
      : plan.tag.kind === "rows" && plan.tag.verb !== "SELECT"
        ? (plan.tag.verb as "UPDATE" | "DELETE")
        : undefined;
  const table = /^(?:INSERT INTO|UPDATE|DELETE FROM) "((?:[^"]|"")+)"/
    .exec(plan.sql)?.[1]
    ?.replaceAll('""', '"');
  const creatingIndex = /^CREATE UNIQUE INDEX "((?:[^"]|"")+)"/.exec(plan.sql)?.[1]?.replaceAll('""', '"');
  const failure = (schema: SchemaView) => {
    const foreignKey =
      rerun && conn && table && isForeignKeyFailure(e)
        ? diagnoseForeignKey(conn, schema, table, verb, rerun, s.formatContext())
        : undefined;
    return fromSqliteError(e, { schema, table, verb, creatingIndex, foreignKey }) ?? e;
  };
  if (s.privateSchema) return failure(s.privateSchema);
  // A connection with temporary tables would show them in the tenant's shared schema.
  const schemaConn = s.conn && !s.pinned ? s.conn : s.tenant.take();
  try {
    return failure(s.tenant.schema(schemaConn));
  } finally {
    if (schemaConn !== s.conn) s.tenant.release(schemaConn);
  }
}

function isForeignKeyFailure(e: { code: string; message: string }): boolean {
  return e.code === "SQLITE_CONSTRAINT_FOREIGNKEY" || e.message === "FOREIGN KEY constraint failed";
}

/** COPY ... TO STDOUT: the plan's rows as CopyData, then CopyDone and "COPY n". */
export async function runCopyOut(s: SessionContext, copy: CopyPlan, out: Output): Promise<void> {
  const plan = copy.plan;
  if (plan.writes) await acquireWriteSlot(s, plan);
  const { conn, borrowed } = connectionOf(s);
  const format = copyFormat(copy);
  const ctx = s.formatContext();
  let n = 0;
  try {
    enterSession(s);
    s.statementStart = clockMicros();
    const stmt = conn.prepare(plan.sql);
    stmt.raw(true);
    stmt.safeIntegers(needsBigInt(plan));
    const rows = stmt.iterate(...plan.paramOrder.map(() => null)) as Iterator<unknown[]>;
    copyResponse(out, copy);
    if (format.header)
      encode.copyData(
        out.w,
        Buffer.from(
          formatCopyRow(
            copy.columns.map((c) => c.name),
            format,
          ),
        ),
      );
    for (;;) {
      conn.running(s.pid);
      const r = rows.next();
      conn.idle();
      if (r.done) break;
      copyOutRow(out, copy.columns, r.value, format, ctx);
      n++;
      const wait = out.maybeDrain();
      if (wait) await wait;
    }
  } catch (e) {
    conn.idle();
    throw translateError(e, s, plan, conn);
  } finally {
    if (borrowed) s.tenant.release(conn);
  }
  encode.copyDone(out.w);
  encode.commandComplete(out.w, `COPY ${n}`);
}

/** The single row of a SELECT of expressions (EXECUTE's parameters), in storage form. */
export function evaluateRow(s: SessionContext, plan: QueryPlan): unknown[] {
  const { conn, borrowed } = connectionOf(s);
  try {
    enterSession(s);
    const stmt = conn.prepare(plan.sql);
    stmt.raw(true);
    stmt.safeIntegers(true);
    return (stepping(s, conn, () => stmt.get()) as unknown[] | undefined) ?? [];
  } catch (e) {
    throw translateError(e, s, plan, conn);
  } finally {
    if (borrowed) s.tenant.release(conn);
  }
}
