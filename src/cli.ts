#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from "commander";
import { type Config, ConfigError, defaults, validateConfig } from "./config.js";
import { startServer } from "./server/server.js";
import { scramVerifier } from "./session/auth/credentials.js";
import { VERSION_STRING } from "./version.js";

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError("not an integer");
  return n;
}

const program = new Command()
  .name("tenantgres")
  .description(
    "A PostgreSQL wire-protocol server that gives every tenant (database name) its own SQLite database.",
  )
  .version(VERSION_STRING, "-V, --version")
  .addOption(
    new Option("--host <address>", "address to listen on").env("TENANTGRES_HOST").default(defaults.host),
  )
  .addOption(
    new Option("-p, --port <port>", "TCP port (0 picks a free one)")
      .env("TENANTGRES_PORT")
      .default(defaults.port)
      .argParser(integer),
  )
  .addOption(
    new Option("-D, --data-dir <dir>", "directory holding one SQLite file per tenant")
      .env("TENANTGRES_DATA_DIR")
      .default(defaults.dataDir),
  )
  .addOption(
    new Option(
      "--auth <method>",
      "authentication: trust, password, md5 or scram-sha-256 (default: trust without passwords, else scram-sha-256)",
    )
      .env("TENANTGRES_AUTH")
      .choices(["trust", "password", "md5", "scram-sha-256"]),
  )
  .addOption(
    new Option("--users-file <file>", "users and passwords, one 'name:secret' per line").env(
      "TENANTGRES_USERS_FILE",
    ),
  )
  .addOption(
    new Option("--password <password>", "password for any user not in the users file").env(
      "TENANTGRES_PASSWORD",
    ),
  )
  .addOption(
    new Option("--insecure-trust", "allow trust authentication on a non-loopback address").env(
      "TENANTGRES_INSECURE_TRUST",
    ),
  )
  .addOption(
    new Option("--tls-cert <file>", "TLS certificate (PEM); enables sslmode=require clients").env(
      "TENANTGRES_TLS_CERT",
    ),
  )
  .addOption(new Option("--tls-key <file>", "TLS private key (PEM)").env("TENANTGRES_TLS_KEY"))
  .addOption(
    new Option("--no-auto-create", "do not create unknown tenants on connect").env(
      "TENANTGRES_NO_AUTO_CREATE",
    ),
  )
  .addOption(
    new Option("--max-connections <n>", "connections served at once; more get 53300")
      .env("TENANTGRES_MAX_CONNECTIONS")
      .default(defaults.maxConnections)
      .argParser(integer),
  )
  .addOption(
    new Option("--max-message-size <bytes>", "largest protocol message accepted")
      .env("TENANTGRES_MAX_MESSAGE_SIZE")
      .default(defaults.maxMessageSize)
      .argParser(integer),
  )
  .addOption(
    new Option("--max-open-tenants <n>", "idle tenants kept open")
      .env("TENANTGRES_MAX_OPEN_TENANTS")
      .default(defaults.maxOpenTenants)
      .argParser(integer),
  )
  .addOption(
    new Option("--tenant-idle-timeout <seconds>", "close an idle tenant's files after this long")
      .env("TENANTGRES_TENANT_IDLE_TIMEOUT")
      .default(defaults.tenantIdleTimeoutMs / 1000)
      .argParser(integer),
  )
  .addOption(
    new Option("--startup-timeout <seconds>", "time a client has to complete startup and authentication")
      .env("TENANTGRES_STARTUP_TIMEOUT")
      .default(defaults.startupTimeoutMs / 1000)
      .argParser(integer),
  )
  .addOption(
    new Option(
      "--durability <level>",
      "full: every COMMIT is on disk before it is acknowledged; normal: faster, may lose the last commits on power loss",
    )
      .env("TENANTGRES_DURABILITY")
      .choices(["full", "normal"])
      .default(defaults.durability),
  )
  .addOption(
    new Option("--workers <n>", "threads that run statements (0: on the socket thread)")
      .env("TENANTGRES_WORKERS")
      .default(defaults.workers)
      .argParser(integer),
  )
  .addOption(
    new Option("--max-tenant-connections <n>", "connections per tenant, 0 for no limit; more get 53300")
      .env("TENANTGRES_MAX_TENANT_CONNECTIONS")
      .default(defaults.maxTenantConnections)
      .argParser(integer),
  )
  .addOption(
    new Option("--shutdown-timeout <seconds>", "on SIGTERM, how long running statements may finish")
      .env("TENANTGRES_SHUTDOWN_TIMEOUT")
      .default(defaults.shutdownTimeoutMs / 1000)
      .argParser(integer),
  )
  .addOption(
    new Option("--log-level <level>", "fatal, error, warn, info, debug or trace")
      .env("TENANTGRES_LOG_LEVEL")
      .default(defaults.logLevel),
  );

program
  .command("hash-password")
  .description("print a SCRAM-SHA-256 verifier for a password read from standard input, for the users file")
  .action(async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const password = Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "");
    process.stdout.write(`${scramVerifier(password)}\n`);
  });

program.action(async (opts) => {
  const hasPasswords = opts.usersFile !== undefined || opts.password !== undefined;
  let config: Config;
  try {
    config = validateConfig({
      host: opts.host,
      port: opts.port,
      dataDir: opts.dataDir,
      auth: opts.auth ?? (hasPasswords ? "scram-sha-256" : "trust"),
      usersFile: opts.usersFile,
      password: opts.password,
      insecureTrust: opts.insecureTrust === true,
      tlsCert: opts.tlsCert,
      tlsKey: opts.tlsKey,
      autoCreate: opts.autoCreate !== false,
      maxConnections: opts.maxConnections,
      maxMessageSize: opts.maxMessageSize,
      maxOpenTenants: opts.maxOpenTenants,
      tenantIdleTimeoutMs: opts.tenantIdleTimeout * 1000,
      startupTimeoutMs: opts.startupTimeout * 1000,
      durability: opts.durability,
      logLevel: opts.logLevel,
      workers: opts.workers,
      maxTenantConnections: opts.maxTenantConnections,
      shutdownTimeoutMs: opts.shutdownTimeout * 1000,
    });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`tenantgres: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  await startServer(config);
});

await program.parseAsync();
