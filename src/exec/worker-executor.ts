import { closeSync } from "node:fs";
import type { Logger } from "pino";
import { PgError } from "../errors/pg-error.js";
import type { FrontendMessage } from "../protocol/messages.js";
import { checkDroppable } from "../tenants/drop-checks.js";
import type { TenantFiles } from "../tenants/tenant-files.js";
import type { OpenSession } from "./engine.js";
import type { OpenResult, RunResult } from "./engine-host.js";
import type { Executor, ExecutorEvents, SessionTarget } from "./executor.js";
import { native, StopReason } from "./interrupts.js";
import { Listeners } from "./listeners.js";
import { MovableCells } from "./movable-cells.js";
import { Placement, type WorkerHandle } from "./placement.js";
import { SessionTable } from "./session-table.js";
import { holdInside } from "./sqlite-gate.js";
import { type WorkerEvent, WorkerPool } from "./worker-pool.js";
import type { ToWorker, WorkerOptions } from "./worker-protocol.js";

/** What the socket thread keeps of a session to move it to another thread. */
interface SessionRecord {
  req: OpenSession;
  settings: [string, string][];
  /** Named statements, as the Parse messages that made them. */
  statements: Map<string, FrontendMessage>;
  movable: boolean;
  /** For a connection its tenant's thread serves itself. */
  served?: {
    /** Called when the connection ends. */
    onClosed: () => void;
    /** A descriptor of the connection kept here, from which a move gives another thread its own. */
    spare: number;
    secret: number;
    /** The session's cell in the movable table. */
    cell: number;
  };
}

/** How often threads are checked for being stuck with idle sessions to move. */
const RESCUE_EVERY_MS = 25;

const internal = () => new PgError("INTERNAL_ERROR", "internal error").fields;

/**
 * Runs sessions on a pool of worker threads. A tenant's sessions go to its home thread, so that
 * they normally share one writer; a session whose thread is stuck in another session's long
 * statement moves to a free thread if it holds nothing there. SQLite's own locking (waited on
 * asynchronously) keeps writers of a tenant whose sessions are on two threads apart.
 */
export class WorkerExecutor implements Executor {
  private readonly placement: Placement;
  private readonly pool: WorkerPool;
  private readonly sessions = new Map<number, SessionRecord>();
  /** statement_timeout of sessions served by other threads, armed here where no statement blocks. */
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly table: SessionTable;
  private readonly listeners: Listeners;

  constructor(
    count: number,
    options: WorkerOptions,
    private readonly files: TenantFiles,
    private readonly log: Logger,
    private readonly events: ExecutorEvents,
  ) {
    this.table = new SessionTable(options.sessionTable);
    this.listeners = new Listeners(events.notification);
    this.pool = new WorkerPool(count, options, this.cells.buffer, log, (h, event) => this.onEvent(h, event));
    this.placement = new Placement(this.pool.handles);
    this.rescuer = setInterval(() => this.rescue(), RESCUE_EVERY_MS);
    this.rescuer.unref();
  }

  private readonly cells = new MovableCells();
  private readonly rescuer: NodeJS.Timeout;

  /**
   * Moves the idle sessions of threads stuck in a long statement to other threads, so that a
   * runaway statement delays no other session (its own tenant's included).
   */
  private rescue(): void {
    const now = Date.now();
    for (const h of this.placement.all()) {
      if (!this.placement.stuckInside(h, now)) continue;
      const to = this.placement.leastBusy(h);
      if (!to) continue;
      const moving: SessionRecord[] = [];
      holdInside(h.gate, () => {
        for (const record of this.sessions.values()) {
          const served = record.served;
          if (served && this.placement.workerOf(record.req.sessionId) === h && this.cells.claim(served.cell))
            moving.push(record);
        }
        return moving.length;
      });
      for (const record of moving) this.serve(record, to, true);
    }
  }

  /** Hands a session (new, or moved off a stuck thread) to thread h, which serves it from then on. */
  private serve(
    record: SessionRecord,
    h: WorkerHandle,
    moved: boolean,
    pending: Buffer = Buffer.alloc(0),
  ): void {
    const served = record.served!;
    const id = record.req.sessionId;
    const fd = native.dupFd(served.spare);
    if (fd < 0) throw new Error("could not duplicate a socket descriptor");
    if (moved) this.placement.move(record.req.database, id, h);
    const cell = this.cells.take();
    served.cell = cell;
    this.pool.send(h, {
      t: "adopt",
      req: moved ? { ...record.req, settings: record.settings } : record.req,
      fd,
      pending,
      secret: served.secret,
      cell,
      ...(moved ? { replay: [...record.statements.values()] } : {}),
    });
    if (moved) {
      this.log.debug(
        { session: id, tenant: record.req.database, to: h.index },
        "session moved off a busy worker",
      );
    }
  }

  private onEvent(h: WorkerHandle, msg: WorkerEvent): void {
    switch (msg.t) {
      case "closed":
        this.forget(msg.session);
        return;
      case "detached":
        this.cells.give(msg.cell);
        return;
      case "state": {
        const record = this.sessions.get(msg.session);
        if (!record) return;
        if (msg.settings) record.settings = msg.settings;
        record.statements = new Map(msg.statements.map((m) => [(m as { name: string }).name, m]));
        return;
      }
      case "arm":
        this.timers.set(
          msg.session,
          setTimeout(() => this.interrupt(msg.session, StopReason.StatementTimeout), msg.ms),
        );
        return;
      case "disarm":
        clearTimeout(this.timers.get(msg.session));
        this.timers.delete(msg.session);
        return;
      case "drop":
        void this.drop(msg.name, msg.ifExists, msg.requester).then(
          (dropped) => this.pool.send(h, { t: "drop-result", id: msg.id, dropped }),
          (e) =>
            this.pool.send(h, {
              t: "drop-result",
              id: msg.id,
              error: e instanceof PgError ? e.fields : internal(),
            }),
        );
        return;
      case "signal":
        this.interrupt(msg.pid, msg.terminate ? StopReason.Terminate : StopReason.Cancel);
        if (msg.terminate) this.events.terminate(msg.pid);
        return;
      case "listen": {
        const tenant = this.sessions.get(msg.pid)?.req.database;
        if (msg.channel === undefined) this.listeners.unlistenAll(msg.pid);
        else if (tenant !== undefined) this.listeners.listen(tenant, msg.pid, msg.channel, msg.on);
        return;
      }
      case "notify":
        this.listeners.notify(msg.tenant, msg.pid, msg.notes);
        return;
      case "tenant-closed":
        this.placement.closed(h, msg.name);
        return;
      case "log":
        this.log.error({ worker: h.index, stack: msg.stack }, msg.message);
        return;
    }
  }

  /** A tenant being dropped takes no new sessions: FATAL 3D000, as if it were gone already. */
  private refuseIfDropping(name: string): void {
    if (this.placement.isDropping(name)) {
      throw new PgError("UNDEFINED_DATABASE", `database "${name}" does not exist`, { severity: "FATAL" });
    }
  }

  async open(req: OpenSession): Promise<OpenResult> {
    this.refuseIfDropping(req.database);
    const h = this.placement.assign(req.database, req.sessionId);
    try {
      const result = await this.pool.request<OpenResult>(h, (id) => ({ t: "open", id, req, replay: [] }));
      this.sessions.set(req.sessionId, {
        req,
        settings: result.settings,
        statements: new Map(),
        movable: true,
      });
      this.table.add(req.pid, req.database);
      return result;
    } catch (e) {
      this.placement.detach(req.database, req.sessionId);
      throw e;
    }
  }

  async run(
    sessionId: number,
    messages: FrontendMessage[],
    deliver: (bytes: Buffer) => Promise<void> | undefined,
  ): Promise<RunResult> {
    const record = this.sessions.get(sessionId);
    if (!record) throw new Error(`no session ${sessionId}`);
    // A move replays the statements made before this batch: the batch makes its own again.
    const h = await this.moveIfStuck(record);
    for (const m of messages) {
      if (m.type === "Parse" && m.name !== "") record.statements.set(m.name, m);
      else if (m.type === "Close" && m.target === "S") record.statements.delete(m.name);
    }
    record.movable = false;
    const result = await this.pool.request<RunResult>(
      h,
      (id) => ({ t: "run", id, session: sessionId, messages }),
      deliver,
    );
    record.movable = result.movable;
    if (result.settings) record.settings = result.settings;
    return result;
  }

  /** A session whose thread is stuck moves to a free thread when it holds nothing where it is. */
  private async moveIfStuck(record: SessionRecord): Promise<WorkerHandle> {
    const id = record.req.sessionId;
    const from = this.placement.workerOf(id)!;
    if (!record.movable || !this.placement.stuck(from)) return from;
    const to = this.placement.leastBusy(from);
    if (!to) return from;
    const req = { ...record.req, settings: record.settings };
    await this.pool.request<OpenResult>(to, (rid) => ({
      t: "open",
      id: rid,
      req,
      replay: [...record.statements.values()],
    }));
    this.pool.send(from, { t: "close", session: id, moved: true });
    this.placement.move(record.req.database, id, to);
    this.log.debug(
      { session: id, tenant: record.req.database, from: from.index, to: to.index },
      "session moved off a busy worker",
    );
    return to;
  }

  async close(sessionId: number): Promise<void> {
    const h = this.placement.workerOf(sessionId);
    if (this.forget(sessionId) && h) this.pool.send(h, { t: "close", session: sessionId });
  }

  /** A session ended: whether it was known. */
  private forget(sessionId: number): boolean {
    const record = this.sessions.get(sessionId);
    if (!record) return false;
    this.sessions.delete(sessionId);
    this.table.remove(record.req.pid);
    this.listeners.unlistenAll(record.req.pid);
    clearTimeout(this.timers.get(sessionId));
    this.timers.delete(sessionId);
    this.placement.detach(record.req.database, sessionId);
    if (record.served) {
      closeSync(record.served.spare);
      this.cells.give(record.served.cell);
      record.served.onClosed();
    }
    return true;
  }

  adopt(req: OpenSession, fd: number, pending: Buffer, secret: number, onClosed: () => void): SessionTarget {
    this.refuseIfDropping(req.database);
    const spare = native.dupFd(fd);
    if (spare < 0) throw new Error("could not duplicate a socket descriptor");
    const id = req.sessionId;
    const record: SessionRecord = {
      req,
      settings: req.settings,
      statements: new Map(),
      movable: false,
      served: { onClosed, spare, secret, cell: -1 },
    };
    this.sessions.set(id, record);
    this.table.add(req.pid, req.database);
    this.serve(record, this.placement.assign(req.database, id), false, pending);
    const to = (msg: ToWorker) => {
      const h = this.placement.workerOf(id);
      if (h) this.pool.send(h, msg);
    };
    return {
      notify: (channel, payload, sender) => to({ t: "notification", session: id, channel, payload, sender }),
      cancel: () => this.interrupt(id, StopReason.Cancel),
      stop: (reason, now) => {
        if (now) native.interruptOwner(id, reason);
        to({ t: "stop", session: id, reason, now });
      },
    };
  }

  interrupt(sessionId: number, reason: StopReason): void {
    native.interruptOwner(sessionId, reason);
    const h = this.placement.workerOf(sessionId);
    if (h) this.pool.send(h, { t: "cancel", session: sessionId, reason });
  }

  /** DROP DATABASE: refused while any session uses the tenant; every thread closes its files first. */
  private async drop(
    name: string,
    ifExists: boolean,
    requester: { sessionId: number; database: string },
  ): Promise<boolean> {
    if (!checkDroppable(this.files, name, ifExists, requester, this.placement.sessionsOf(name).length))
      return false;
    this.placement.setDropping(name, true);
    try {
      for (const h of this.placement.holders(name)) {
        const ok = await this.pool.request<boolean>(h, (id) => ({ t: "release", id, name }));
        if (!ok) throw new PgError("OBJECT_IN_USE", `database "${name}" is being accessed by other users`);
      }
      this.files.remove(name);
      return true;
    } finally {
      this.placement.setDropping(name, false);
    }
  }

  async shutdown(): Promise<void> {
    clearInterval(this.rescuer);
    await this.pool.shutdown();
  }
}
