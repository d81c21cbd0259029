import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import { PgError } from "../errors/pg-error.js";
import type { FrontendMessage } from "../protocol/messages.js";
import type { TenantFiles } from "../tenants/tenant-files.js";
import type { OpenSession } from "./engine.js";
import type { OpenResult, RunResult } from "./engine-host.js";
import type { Executor, TerminateHandler } from "./executor.js";
import { native, type StopReason } from "./interrupts.js";
import { Placement, type WorkerHandle } from "./placement.js";
import type { FromWorker, ToWorker, WorkerOptions } from "./worker-protocol.js";

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  deliver?: (bytes: Buffer) => Promise<void> | undefined;
}

/** What the socket thread keeps of a session to move it to another thread. */
interface SessionRecord {
  req: OpenSession;
  settings: [string, string][];
  /** Named statements, as the Parse messages that made them. */
  statements: Map<string, FrontendMessage>;
  movable: boolean;
  running: boolean;
}

/**
 * Runs tenants on a pool of worker threads, each tenant on one of them so that all its sessions
 * share one writer. A tenant whose thread is stuck in a long statement of another tenant moves to
 * another thread, when none of its sessions holds state there.
 */
export class WorkerExecutor implements Executor {
  private readonly placement: Placement;
  private readonly pending = new Map<number, Pending>();
  private readonly sessions = new Map<number, SessionRecord>();
  private nextId = 1;

  constructor(
    count: number,
    options: WorkerOptions,
    private readonly files: TenantFiles,
    private readonly log: Logger,
    private readonly onTerminate: TerminateHandler,
  ) {
    const url = new URL("./worker-main.js", import.meta.url);
    const handles: WorkerHandle[] = Array.from({ length: count }, (_, index) => {
      const worker = new Worker(url, { workerData: options });
      const handle: WorkerHandle = { index, worker, inflight: 0, lastHeard: Date.now(), tenants: new Set() };
      worker.on("message", (msg: FromWorker) => this.onMessage(handle, msg));
      worker.on("error", (e) => this.log.error({ err: e, worker: index }, "worker failed"));
      return handle;
    });
    this.placement = new Placement(handles);
  }

  private send(h: WorkerHandle, msg: ToWorker): void {
    h.worker.postMessage(msg);
  }

  private request<T>(
    h: WorkerHandle,
    make: (id: number) => ToWorker,
    deliver?: Pending["deliver"],
  ): Promise<T> {
    const id = this.nextId++;
    h.inflight++;
    h.lastHeard = Date.now();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (v) => {
          h.inflight--;
          resolve(v as T);
        },
        reject: (e) => {
          h.inflight--;
          reject(e);
        },
        deliver,
      });
      this.send(h, make(id));
    });
  }

  private onMessage(h: WorkerHandle, msg: FromWorker): void {
    h.lastHeard = Date.now();
    switch (msg.t) {
      case "opened":
        this.settle(msg.id, msg.result);
        return;
      case "failed":
        this.settle(msg.id, undefined, PgError.fromFields(msg.error));
        return;
      case "data": {
        const p = this.pending.get(msg.id);
        const bytes = Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength);
        const wait = p?.deliver?.(bytes);
        if (wait) void wait.then(() => this.send(h, { t: "ack", id: msg.id, bytes: bytes.length }));
        else this.send(h, { t: "ack", id: msg.id, bytes: bytes.length });
        return;
      }
      case "done": {
        const p = this.pending.get(msg.id);
        const bytes = Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength);
        const wait = bytes.length > 0 ? p?.deliver?.(bytes) : undefined;
        if (wait) void wait.then(() => this.settle(msg.id, msg.result));
        else this.settle(msg.id, msg.result);
        return;
      }
      case "released":
        this.settle(msg.id, msg.ok);
        return;
      case "shut":
        this.settle(msg.id, undefined);
        return;
      case "beat":
        return;
      case "drop":
        void this.drop(msg.name, msg.ifExists, msg.requester).then(
          (dropped) => this.send(h, { t: "drop-result", id: msg.id, dropped }),
          (e) =>
            this.send(h, {
              t: "drop-result",
              id: msg.id,
              error: e instanceof PgError ? e.fields : new PgError("INTERNAL_ERROR", "internal error").fields,
            }),
        );
        return;
      case "terminate":
        this.onTerminate(msg.pid);
        return;
      case "tenant-closed":
        this.placement.closed(h, msg.name);
        return;
      case "log":
        this.log.error({ worker: h.index, stack: msg.stack }, msg.message);
        return;
    }
  }

  private settle(id: number, value: unknown, error?: Error): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (error) p.reject(error);
    else p.resolve(value);
  }

  async open(req: OpenSession): Promise<OpenResult> {
    if (this.placement.isDropping(req.database)) {
      throw new PgError("UNDEFINED_DATABASE", `database "${req.database}" does not exist`, {
        severity: "FATAL",
      });
    }
    const h = this.placement.assign(req.database, req.sessionId);
    try {
      const result = await this.request<OpenResult>(h, (id) => ({ t: "open", id, req, replay: [] }));
      this.sessions.set(req.sessionId, {
        req,
        settings: result.settings,
        statements: new Map(),
        movable: true,
        running: false,
      });
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
    for (const m of messages) {
      if (m.type === "Parse" && m.name !== "") record.statements.set(m.name, m);
      else if (m.type === "Close" && m.target === "S") record.statements.delete(m.name);
    }
    await this.moveIfStuck(record.req.database);
    const h = this.placement.workerOf(record.req.database)!;
    record.running = true;
    try {
      const result = await this.request<RunResult>(
        h,
        (id) => ({ t: "run", id, session: sessionId, messages }),
        deliver,
      );
      record.movable = result.movable;
      if (result.settings) record.settings = result.settings;
      return result;
    } finally {
      record.running = false;
    }
  }

  /**
   * A tenant whose thread has been silent while busy (a long statement of some session there) moves
   * to the least busy thread if none of its sessions holds a transaction, portal or request there.
   */
  private async moveIfStuck(tenant: string): Promise<void> {
    const from = this.placement.workerOf(tenant);
    if (!from || !this.placement.stuck(from)) return;
    const members = this.placement.sessionsOf(tenant).map((id) => this.sessions.get(id));
    if (members.some((r) => !r?.movable || r.running)) return;
    const to = this.placement.leastBusy(from);
    if (!to) return;
    this.placement.move(tenant, to);
    for (const r of members as SessionRecord[]) {
      this.send(from, { t: "close", session: r.req.sessionId });
      const req = { ...r.req, settings: r.settings };
      await this.request<OpenResult>(to, (id) => ({
        t: "open",
        id,
        req,
        replay: [...r.statements.values()],
      }));
    }
    this.log.debug({ tenant, from: from.index, to: to.index }, "tenant moved off a busy worker");
  }

  async close(sessionId: number): Promise<void> {
    const record = this.sessions.get(sessionId);
    if (!record) return;
    this.sessions.delete(sessionId);
    const h = this.placement.workerOf(record.req.database);
    if (h) this.send(h, { t: "close", session: sessionId });
    this.placement.detach(record.req.database, sessionId);
  }

  interrupt(sessionId: number, reason: StopReason): void {
    native.interruptOwner(sessionId, reason);
    const record = this.sessions.get(sessionId);
    const h = record && this.placement.workerOf(record.req.database);
    if (h) this.send(h, { t: "cancel", session: sessionId, reason });
  }

  /** DROP DATABASE: refused while any session uses the tenant; every thread closes its files first. */
  private async drop(
    name: string,
    ifExists: boolean,
    requester: { sessionId: number; database: string },
  ): Promise<boolean> {
    this.files.pathOf(name, "ERROR");
    if (!this.files.exists(name)) {
      if (ifExists) return false;
      throw new PgError("UNDEFINED_DATABASE", `database "${name}" does not exist`);
    }
    if (name === requester.database)
      throw new PgError("OBJECT_IN_USE", "cannot drop the currently open database");
    const users = this.placement.sessionsOf(name).length;
    if (users > 0) {
      throw new PgError("OBJECT_IN_USE", `database "${name}" is being accessed by other users`, {
        detail: `There ${users === 1 ? "is 1 other session" : `are ${users} other sessions`} using the database.`,
      });
    }
    this.placement.setDropping(name, true);
    try {
      for (const h of this.placement.holders(name)) {
        const ok = await this.request<boolean>(h, (id) => ({ t: "release", id, name }));
        if (!ok) throw new PgError("OBJECT_IN_USE", `database "${name}" is being accessed by other users`);
      }
      this.files.remove(name);
      return true;
    } finally {
      this.placement.setDropping(name, false);
    }
  }

  async shutdown(): Promise<void> {
    await Promise.all(this.placement.all().map((h) => this.request(h, (id) => ({ t: "shutdown", id }))));
    await Promise.all(this.placement.all().map((h) => h.worker.terminate()));
  }
}
