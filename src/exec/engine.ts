import { PgError } from "../errors/pg-error.js";
import type { FrontendMessage } from "../protocol/messages.js";
import { TenantFiles } from "../tenants/tenant-files.js";
import type { Durability } from "./connection.js";
import { EngineSession } from "./engine-session.js";
import type { ErrorReporter } from "./errors.js";
import { Output } from "./output.js";
import { SessionContext, Settings } from "./session-state.js";
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
  onInternalError: ErrorReporter;
}

export interface OpenSession {
  sessionId: number;
  pid: number;
  user: string;
  database: string;
  /** Settings from the startup message (application_name, DateStyle, options' -c ...). */
  settings: [string, string][];
}

/**
 * Runs sessions against tenants: opens tenant files, keeps them in a bounded cache, and executes
 * each session's messages. It knows nothing of sockets; what it produces is protocol bytes.
 */
export class Engine implements TenantAdmin {
  readonly files: TenantFiles;
  private readonly tenants = new Map<string, Tenant>();
  private readonly sessions = new Map<number, EngineSession>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: EngineOptions) {
    this.files = new TenantFiles(options.dataDir);
    this.sweeper = setInterval(() => this.closeIdleTenants(), Math.min(options.tenantIdleMs, 10_000));
    this.sweeper.unref();
  }

  /** Attaches a session to its tenant; FATAL 3D000 for a bad or unknown name. */
  open(req: OpenSession): void {
    const tenant = this.tenant(req.database, this.options.autoCreate, "FATAL");
    const settings = new Settings(new Map([["session_authorization", req.user]]));
    for (const [name, value] of req.settings) settings.set(name, value, false, false);
    settings.changedReported.clear();
    const ctx = new SessionContext(req.sessionId, req.user, req.database, req.pid, tenant, settings);
    tenant.sessions++;
    this.sessions.set(req.sessionId, new EngineSession(ctx, this, this.options.onInternalError));
  }

  /** Runs messages of a session; returns the transaction status for ReadyForQuery bookkeeping. */
  async run(
    sessionId: number,
    messages: FrontendMessage[],
    deliver: (bytes: Buffer) => Promise<void> | undefined,
  ): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    const out = new Output(deliver);
    await session.run(messages, out);
    const last = out.drain();
    if (last) await last;
  }

  /** Current settings a session reports (ParameterStatus at startup). */
  reportedSettings(sessionId: number): [string, string][] {
    const session = this.sessions.get(sessionId);
    return session ? session.ctx.settings.reported() : [];
  }

  close(sessionId: number): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    session.close();
    session.ctx.tenant.sessions--;
    session.ctx.tenant.lastUsed = Date.now();
  }

  async create(name: string): Promise<void> {
    const path = this.files.pathOf(name, "ERROR");
    if (this.files.exists(name)) throw new PgError("DUPLICATE_DATABASE", `database "${name}" already exists`);
    const tenant = new Tenant(name, path, this.options.durability);
    tenant.open(true);
    tenant.close();
  }

  async drop(
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
    const tenant = this.tenants.get(name);
    if (tenant && tenant.sessions > 0) {
      const n = tenant.sessions;
      throw new PgError("OBJECT_IN_USE", `database "${name}" is being accessed by other users`, {
        detail: `There ${n === 1 ? "is 1 other session" : `are ${n} other sessions`} using the database.`,
      });
    }
    tenant?.close();
    this.tenants.delete(name);
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
    if (!this.files.exists(name) && !create) {
      throw new PgError("UNDEFINED_DATABASE", `database "${name}" does not exist`, { severity });
    }
    tenant = new Tenant(name, path, this.options.durability);
    tenant.open(create);
    this.tenants.set(name, tenant);
    this.evict();
    return tenant;
  }

  /** Closes least recently used tenants beyond the bound; a tenant in use is never closed. */
  private evict(): void {
    if (this.tenants.size <= this.options.maxOpenTenants) return;
    for (const [name, tenant] of this.tenants) {
      if (this.tenants.size <= this.options.maxOpenTenants) break;
      if (tenant.inUse) continue;
      tenant.close();
      this.tenants.delete(name);
    }
  }

  private closeIdleTenants(): void {
    const cutoff = Date.now() - this.options.tenantIdleMs;
    for (const [name, tenant] of this.tenants) {
      if (tenant.inUse || tenant.lastUsed > cutoff) continue;
      tenant.close();
      this.tenants.delete(name);
    }
  }

  get openTenants(): number {
    return this.tenants.size;
  }

  shutdown(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.sessions.keys()]) this.close(id);
    for (const tenant of this.tenants.values()) tenant.close();
    this.tenants.clear();
  }
}
