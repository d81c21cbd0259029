import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { createSecureContext, type SecureContext } from "node:tls";
import pino, { type Logger } from "pino";
import type { Config } from "../config.js";
import { PgError } from "../errors/pg-error.js";
import { Engine } from "../exec/engine.js";
import { type Executor, InlineExecutor } from "../exec/executor.js";
import { loadUserStore } from "../session/auth/user-store.js";
import { ClientSession, type SessionEnvironment } from "../session/client-session.js";
import { loadParser } from "../sql/parse.js";
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

  constructor(private readonly maxConnections: number) {}

  ids(): { pid: number; secret: number } {
    return { pid: this.nextPid++, secret: randomInt(-(2 ** 31), 2 ** 31) };
  }

  register(s: ClientSession): void {
    if (this.byPid.size >= this.maxConnections) {
      throw new PgError("TOO_MANY_CONNECTIONS", "sorry, too many clients already", { severity: "FATAL" });
    }
    this.byPid.set(s.pid, s);
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
  const engine = new Engine({
    dataDir: config.dataDir,
    durability: config.durability,
    autoCreate: config.autoCreate,
    maxOpenTenants: config.maxOpenTenants,
    tenantIdleMs: config.tenantIdleTimeoutMs,
    onInternalError: (e) => log.error({ err: e }, "internal error"),
  });
  const executor: Executor = new InlineExecutor(engine);
  const registry = new SessionRegistry(config.maxConnections);
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
      log.info({ pid, matched: s !== undefined }, "cancel request");
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
    `tenantgres listening on ${config.host}:${port}, serving tenants from ${engine.files.root} (${VERSION_STRING.split(" on ")[0]})\n`,
  );
  const close = async () => {
    server.close();
    for (const s of registry.all()) {
      s.terminate(
        new PgError("ADMIN_SHUTDOWN", "terminating connection due to administrator command", {
          severity: "FATAL",
        }),
      );
    }
    for (const socket of sockets) socket.destroy();
    await executor.shutdown();
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      log.info({ signal }, "shutting down");
      void close().then(() => process.exit(0));
    });
  }
  return { server, port, close };
}
