import { PgError } from "../errors/pg-error.js";
import { installAdvisoryLocks } from "../functions/lib/advisory-locks.js";
import type { FrontendMessage } from "../protocol/messages.js";
import { checkDroppable } from "../tenants/drop-checks.js";
import { TenantFiles } from "../tenants/tenant-files.js";
import type { Durability } from "./connection.js";
import type { EngineHost, OpenResult, RunResult } from "./engine-host.js";
import { EngineSession } from "./engine-session.js";
import type { ErrorReporter } from "./errors.js";
import { native, StopReason, stopError } from "./interrupts.js";
import { Output } from "./output.js";
import { SessionContext, type SessionTls, Settings } from "./session-state.js";
import { SessionTable, tenantHash } from "./session-table.js";
import { Tenant } from "./tenant.js";
import type { TenantAdmin } from "./tenant-admin.js";

export interface EngineOptions {
  dataDir: string;
  durability: Durability;
  autoCreate: boolean;
  /** Open tenants kept while idle; the least recently used idle tenant is closed beyond it. */
  maxOpenTenants: number;
  /** Milliseconds after which an idle tenant's files are closed. */
  tenantIdleMs: number;
  /** The process-wide table of sessions (see SessionTable). */
  sessionTable: SharedArrayBuffer;
  /** The process-wide table of advisory locks (see createAdvisoryLockTable). */
  advisoryLocks: SharedArrayBuffer;
  /** The process-wide counters of schema changes (see createSchemaChangeTable). */
  schemaChanges: SharedArrayBuffer;
  onInternalError: ErrorReporter;
}

export interface OpenSession {
  sessionId: number;
  pid: number;
  user: string;
  database: string;
  /** Settings from the startup packet (application_name, DateStyle, options' -c ...). */
  settings: [string, string][];
  /** The TLS protocol and cipher when the connection is encrypted (pg_stat_ssl). */
  tls?: SessionTls;
}

type Requester = { sessionId: number; database: string };

/**
 * Runs sessions against tenants on one thread: opens tenant files, keeps them in a bounded cache,
 * and executes each session's messages. It knows nothing of sockets; it produces protocol bytes.
 */
export class Engine implements TenantAdmin {
  readonly files: TenantFiles;
  private readonly tenants = new Map<string, Tenant>();
  private readonly sessions = new Map<number, EngineSession>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly sessionTable: SessionTable;

  constructor(
    private readonly options: EngineOptions,
    private readonly host: EngineHost,
  ) {
    this.files = new TenantFiles(options.dataDir);
    this.sessionTable = new SessionTable(options.sessionTable);
    installAdvisoryLocks(options.advisoryLocks, {
      tenantHash,
      isLive: (pid, tenant) => this.sessionTable.belongsTo(pid, tenant),
    });
    this.sweeper = setInterval(() => this.closeIdleTenants(), Math.min(options.tenantIdleMs, 10_000));
    this.sweeper.unref();
  }

  /**
   * Attaches a session to its tenant; FATAL 3D000 for a bad or unknown name. A session moved from
   * another thread brings its settings and replays its named statements.
   */
  open(req: OpenSession, replay: FrontendMessage[] = []): OpenResult {
    const tenant = this.tenant(req.database, this.options.autoCreate, "FATAL");
    tenant.checkExternalChanges();
    const settings = new Settings(new Map([["session_authorization", req.user]]));
    for (const [name, value] of req.settings) settings.set(name, value, false, false);
    settings.changedReported.clear();
    const ctx = new SessionContext(req.sessionId, req.user, req.database, req.pid, tenant, settings);
    ctx.tls = req.tls;
    ctx.lister = () => {
      const same: SessionContext[] = [];
      for (const s of this.sessions.values()) if (s.ctx.database === req.database) same.push(s.ctx);
      return same;
    };
    ctx.signaller = (pid, terminate) => this.signal(pid, terminate, { database: req.database });
    ctx.notifier = (notes) => this.host.notify(req.database, req.pid, notes);
    ctx.listener = (channel, on) =>
      channel === undefined ? this.host.unlistenAll(req.pid) : this.host.listen(req.pid, channel, on);
    const session = new EngineSession(ctx, this, this.options.onInternalError);
    tenant.sessions++;
    this.sessions.set(req.sessionId, session);
    if (replay.length > 0) session.replay(replay);
    return { reported: settings.reported(), settings: settings.snapshot() };
  }

  /** Runs a batch of messages of a session, delivering the protocol bytes it produces. */
  async run(
    sessionId: number,
    messages: FrontendMessage[],
    deliver: (bytes: Buffer) => Promise<void> | undefined,
  ): Promise<RunResult> {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    const tenant = session.ctx.tenant;
    const durable = (): Promise<void> | undefined => {
      if (this.options.durability !== "full") return undefined;
      const ended = tenant.writeSlot.takeEnded(session.ctx.id);
      return ended === undefined ? undefined : tenant.syncTo(ended);
    };
    const out = new Output(deliver, undefined, durable);
    const version = session.ctx.settings.version;
    // A session on another thread may have changed the schema since this one read it.
    if (!session.ctx.conn) session.ctx.tenant.checkExternalChanges();
    await session.run(messages, out);
    const last = out.drain() ?? durable();
    if (last) await last;
    const settings = session.ctx.settings;
    return {
      status: session.ctx.status,
      movable: session.movable,
      ...(session.ended ? { ended: true } : {}),
      ...(settings.version !== version ? { settings: settings.snapshot() } : {}),
    };
  }

  /** Ends a session here; one that moved to another thread keeps what it has elsewhere (LISTEN). */
  close(sessionId: number, moved = false): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    session.close();
    if (!moved) this.host.unlistenAll(session.ctx.pid);
    const tenant = session.ctx.tenant;
    // Its transaction, if any, was rolled back just now: nothing of it is acknowledged.
    tenant.writeSlot.takeEnded(session.ctx.id);
    tenant.sessions--;
    tenant.lastUsed = Date.now();
    // An idle tenant keeps its files open but not its page cache: many open tenants stay cheap.
    if (tenant.sessions === 0) tenant.releaseMemory();
  }

  /** Stops what a session waits for (the write slot) with the error for reason. */
  cancelWaits(sessionId: number, reason: StopReason): void {
    const session = this.sessions.get(sessionId);
    session?.ctx.tenant.writeSlot.cancelWait(session.ctx.id, stopError(reason));
  }

  /**
   * pg_cancel_backend / pg_terminate_backend: only sessions of the caller's own tenant can be
   * reached, on whatever thread they run.
   */
  signal(pid: number, terminate: boolean, requester: { database: string }): boolean {
    if (!this.sessionTable.belongsTo(pid, requester.database)) return false;
    native.interruptOwner(pid, terminate ? StopReason.Terminate : StopReason.Cancel);
    this.host.signal(pid, terminate);
    return true;
  }

  async create(name: string): Promise<void> {
    if (!this.files.createEmpty(name))
      throw new PgError("DUPLICATE_DATABASE", `database "${name}" already exists`);
  }

  drop(name: string, ifExists: boolean, requester: Requester): Promise<boolean> {
    return this.host.dropTenant(name, ifExists, requester);
  }

  /** Closes a tenant's files if no session of this thread uses it; returns whether it is closed. */
  releaseTenant(name: string): boolean {
    const tenant = this.tenants.get(name);
    if (!tenant) return true;
    if (tenant.sessions > 0) return false;
    this.closeTenant(name, tenant);
    return true;
  }

  /** DROP DATABASE when every session runs on this thread. */
  async dropLocal(name: string, ifExists: boolean, requester: Requester): Promise<boolean> {
    if (!checkDroppable(this.files, name, ifExists, requester, this.tenants.get(name)?.sessions ?? 0))
      return false;
    this.releaseTenant(name);
    this.files.remove(name);
    return true;
  }

  private tenant(name: string, create: boolean, severity: "FATAL" | "ERROR"): Tenant {
    const path = this.files.pathOf(name, severity);
    let tenant = this.tenants.get(name);
    if (tenant) {
      // Most recently used last: the map's order is the eviction order.
      this.tenants.delete(name);
      this.tenants.set(name, tenant);
      return tenant;
    }
    if (!this.files.exists(name)) {
      if (!create) throw new PgError("UNDEFINED_DATABASE", `database "${name}" does not exist`, { severity });
      this.files.createEmpty(name);
    }
    tenant = new Tenant(name, path, this.options.durability, this.options.schemaChanges);
    tenant.open(false);
    this.tenants.set(name, tenant);
    this.evict();
    return tenant;
  }

  private closeTenant(name: string, tenant: Tenant): void {
    tenant.close();
    this.tenants.delete(name);
    this.host.tenantClosed(name);
  }

  /** Closes least recently used tenants beyond the bound; a tenant in use is never closed. */
  private evict(): void {
    if (this.tenants.size <= this.options.maxOpenTenants) return;
    for (const [name, tenant] of this.tenants) {
      if (this.tenants.size <= this.options.maxOpenTenants) break;
      if (!tenant.inUse) this.closeTenant(name, tenant);
    }
  }

  private closeIdleTenants(): void {
    const cutoff = Date.now() - this.options.tenantIdleMs;
    for (const [name, tenant] of this.tenants) {
      if (!tenant.inUse && tenant.lastUsed <= cutoff) this.closeTenant(name, tenant);
    }
  }

  get openTenants(): number {
    return this.tenants.size;
  }

  /** Ends every session (rolling back), checkpoints each tenant's WAL and closes its files. */
  shutdown(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.sessions.keys()]) this.close(id);
    for (const tenant of this.tenants.values()) tenant.close(true);
    this.tenants.clear();
  }
}
