import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { createSecureContext, type SecureContext } from "node:tls";
import pino, { type Logger } from "pino";
import type { Config } from "../config.js";
import { PgError } from "../errors/pg-error.js";
import type { Executor, ExecutorEvents } from "../exec/executor.js";
import { InlineExecutor } from "../exec/inline-executor.js";
import { StopReason } from "../exec/interrupts.js";
import { createSessionTable } from "../exec/session-table.js";
import { createSchemaChangeTable } from "../exec/tenant.js";
import { WorkerExecutor } from "../exec/worker-executor.js";
import { createAdvisoryLockTable } from "../functions/lib/advisory-locks.js";
import { loadUserStore } from "../session/auth/user-store.js";
import { ClientSession, type SessionEnvironment } from "../session/client-session.js";
import { loadParser } from "../sql/parse.js";
import { TenantFiles } from "../tenants/tenant-files.js";
import { VERSION_STRING } from "../version.js";

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** Sessions by process ID: for CancelRequest and the connection limit. */
class SessionRegistry {
  private readonly byPid = new Map<number, ClientSession>();
  private nextPid = 1000 + randomInt(1000);

  constructor(
    private readonly maxConnections: number,
    private readonly maxTenantConnections: number,
  ) {}

  ids(): { pid: number; secret: number } {
    return { pid: this.nextPid++, secret: randomInt(-(2 ** 31), 2 ** 31) };
  }

  register(s: ClientSession): void {
    if (this.byPid.size >= this.maxConnections) {
      throw new PgError("TOO_MANY_CONNECTIONS", "sorry, too many clients already", { severity: "FATAL" });
    }
    if (this.maxTenantConnections > 0) {
      let n = 0;
      for (const other of this.byPid.values()) if (other.database === s.database) n++;
      if (n >= this.maxTenantConnections) {
        throw new PgError("TOO_MANY_CONNECTIONS", `too many connections for database "${s.database}"`, {
          severity: "FATAL",
        });
      }
    }
    this.byPid.set(s.pid, s);
  }

  byId(pid: number): ClientSession | undefined {
    return this.byPid.get(pid);
  }

  unregister(s: ClientSession): void {
    if (this.byPid.get(s.pid) === s) this.byPid.delete(s.pid);
  }

  find(pid: number, secret: number): ClientSession | undefined {
    const s = this.byPid.get(pid);
    return s && s.secret === secret ? s : undefined;
  }

  all(): ClientSession[] {
    return [...this.byPid.values()];
  }
}

/** Starts listening; resolves once the port is bound. */
export async function startServer(
  config: Config,
  log: Logger = pino({ level: config.logLevel }, pino.destination(2)),
): Promise<RunningServer> {
  await loadParser();
  const users = loadUserStore({ usersFile: config.usersFile, password: config.password });
  const tls: SecureContext | undefined =
    config.tlsCert && config.tlsKey
      ? createSecureContext({ cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) })
      : undefined;
  const files = new TenantFiles(config.dataDir);
  const registry = new SessionRegistry(config.maxConnections, config.maxTenantConnections);
  const engineOptions = {
    dataDir: files.root,
    durability: config.durability,
    autoCreate: config.autoCreate,
    // Each thread keeps its share of the idle tenants.
    maxOpenTenants: Math.max(1, Math.ceil(config.maxOpenTenants / Math.max(1, config.workers))),
    tenantIdleMs: config.tenantIdleTimeoutMs,
    sessionTable: createSessionTable(),
    advisoryLocks: createAdvisoryLockTable(),
    schemaChanges: createSchemaChangeTable(),
  };
  const events: ExecutorEvents = {
    terminate: (pid) => registry.byId(pid)?.stop(StopReason.Terminate, true),
    notification: (pid, channel, payload, sender) => registry.byId(pid)?.notify(channel, payload, sender),
  };
  const executor: Executor =
    config.workers > 0
      ? new WorkerExecutor(
          config.workers,
          { ...engineOptions, maxMessageSize: config.maxMessageSize, logLevel: config.logLevel },
          files,
          log,
          events,
        )
      : new InlineExecutor(
          { ...engineOptions, onInternalError: (e) => log.error({ err: e }, "internal error") },
          events,
        );
  const env: SessionEnvironment = {
    executor,
    users,
    auth: config.auth,
    tls,
    maxMessageSize: config.maxMessageSize,
    startupTimeoutMs: config.startupTimeoutMs,
    log,
    register: (s) => registry.register(s),
    unregister: (s) => registry.unregister(s),
    cancel: (pid, secret) => {
      const s = registry.find(pid, secret);
      log.debug({ pid, matched: s !== undefined }, "cancel request");
      s?.cancel();
    },
  };
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    new ClientSession(socket, env, registry.ids());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  process.stdout.write(
    `tenantgres listening on ${config.host}:${port}, serving tenants from ${files.root} (${VERSION_STRING.split(" on ")[0]})\n`,
  );
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= shutdown(server, registry, sockets, executor, config.shutdownTimeoutMs);
    return closing;
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      log.info({ signal }, "shutting down");
      void close().then(() => process.exit(0));
    });
  }
  return { server, port, close };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * SIGTERM: stop accepting, let running statements finish until the deadline, end every session
 * with 57P01, then checkpoint and close every tenant.
 */
async function shutdown(
  server: Server,
  registry: SessionRegistry,
  sockets: Set<Socket>,
  executor: Executor,
  timeoutMs: number,
): Promise<void> {
  server.close();
  const deadline = Date.now() + timeoutMs;
  for (const s of registry.all()) s.stop(StopReason.Shutdown, false);
  while (registry.all().length > 0 && Date.now() < deadline) await sleep(20);
  for (const s of registry.all()) s.stop(StopReason.Shutdown, true);
  for (let i = 0; i < 50 && sockets.size > 0; i++) await sleep(20);
  for (const socket of sockets) socket.destroy();
  await executor.shutdown();
}
