import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import type { AuthMethod } from "./session/auth/authenticator.js";

/** Everything the server needs to start, validated. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  auth: AuthMethod;
  usersFile?: string;
  password?: string;
  insecureTrust: boolean;
  tlsCert?: string;
  tlsKey?: string;
  autoCreate: boolean;
  maxConnections: number;
  maxMessageSize: number;
  maxOpenTenants: number;
  tenantIdleTimeoutMs: number;
  startupTimeoutMs: number;
  durability: "full" | "normal";
  logLevel: string;
  /** Threads that run statements; 0 runs them on the socket thread. */
  workers: number;
  maxTenantConnections: number;
  shutdownTimeoutMs: number;
}

export const defaults = {
  host: "127.0.0.1",
  port: 5432,
  dataDir: "./data",
  maxConnections: 100,
  maxMessageSize: 256 * 1024 * 1024,
  maxOpenTenants: 1000,
  tenantIdleTimeoutMs: 60_000,
  startupTimeoutMs: 60_000,
  durability: "full" as const,
  logLevel: "info",
  workers: Math.max(1, availableParallelism()),
  maxTenantConnections: 0,
  shutdownTimeoutMs: 30_000,
};

export class ConfigError extends Error {}

/** Whether every address host may resolve to is a loopback address. */
export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1";
  return false;
}

/** Checks combinations that would be unsafe or cannot work. */
export function validateConfig(c: Config): Config {
  if (!Number.isInteger(c.port) || c.port < 0 || c.port > 65535)
    throw new ConfigError(`invalid port: ${c.port}`);
  if ((c.tlsCert === undefined) !== (c.tlsKey === undefined)) {
    throw new ConfigError("--tls-cert and --tls-key must be given together");
  }
  if (c.auth === "trust" && !isLoopback(c.host) && !c.insecureTrust) {
    throw new ConfigError(
      `refusing to accept connections on ${c.host} without passwords: trust authentication is allowed only on loopback addresses. ` +
        "Give --users-file or --password, or --insecure-trust if every client that can reach the address is trusted.",
    );
  }
  if (c.auth !== "trust" && c.usersFile === undefined && c.password === undefined) {
    throw new ConfigError(`--auth ${c.auth} needs --users-file or --password`);
  }
  for (const [name, v] of [
    ["max-connections", c.maxConnections],
    ["max-message-size", c.maxMessageSize],
    ["max-open-tenants", c.maxOpenTenants],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(`--${name} must be a positive integer`);
  }
  for (const [name, v] of [
    ["workers", c.workers],
    ["max-tenant-connections", c.maxTenantConnections],
    ["shutdown-timeout", c.shutdownTimeoutMs],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new ConfigError(`--${name} must be zero or a positive integer`);
  }
  return c;
}
