import type { FrontendMessage } from "../protocol/messages.js";
import { Engine, type EngineOptions, type OpenSession } from "./engine.js";
import type { OpenResult, RunResult } from "./engine-host.js";
import type { Executor, ExecutorEvents } from "./executor.js";
import { native, StopReason } from "./interrupts.js";
import { Listeners } from "./listeners.js";
import { SessionTable } from "./session-table.js";

/** Runs statements on the thread that serves the sockets (--workers 0): simple, for debugging and measuring. */
export class InlineExecutor implements Executor {
  readonly engine: Engine;
  private readonly table: SessionTable;

  constructor(options: EngineOptions, events: ExecutorEvents) {
    this.table = new SessionTable(options.sessionTable);
    const listeners = new Listeners(events.notification);
    this.engine = new Engine(options, {
      dropTenant: (name, ifExists, requester) => this.engine.dropLocal(name, ifExists, requester),
      signal: (pid, terminate) => {
        this.engine.cancelWaits(pid, terminate ? StopReason.Terminate : StopReason.Cancel);
        if (terminate) events.terminate(pid);
      },
      tenantClosed: () => undefined,
      listen: (pid, channel, on) => listeners.listen(this.tenants.get(pid) ?? "", pid, channel, on),
      unlistenAll: (pid) => listeners.unlistenAll(pid),
      notify: (tenant, sender, notes) => listeners.notify(tenant, sender, notes),
    });
  }

  /** The tenant of each session, for LISTEN. */
  private readonly tenants = new Map<number, string>();

  async open(req: OpenSession): Promise<OpenResult> {
    const result = this.engine.open(req);
    this.table.add(req.pid, req.database);
    this.tenants.set(req.pid, req.database);
    return result;
  }

  run(
    sessionId: number,
    messages: FrontendMessage[],
    deliver: (bytes: Buffer) => Promise<void> | undefined,
  ): Promise<RunResult> {
    return this.engine.run(sessionId, messages, deliver);
  }

  async close(sessionId: number): Promise<void> {
    this.table.remove(sessionId);
    this.engine.close(sessionId);
    this.tenants.delete(sessionId);
  }

  interrupt(sessionId: number, reason: StopReason): void {
    native.interruptOwner(sessionId, reason);
    this.engine.cancelWaits(sessionId, reason);
  }

  async shutdown(): Promise<void> {
    this.engine.shutdown();
  }
}
