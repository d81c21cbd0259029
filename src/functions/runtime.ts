import type { CatalogContext } from "../catalog/catalog.js";
import type { FormatContext } from "../types/format-context.js";

/**
 * What functions evaluated inside SQLite may ask of the session that runs the statement
 * (current_setting, now(), current_user, ...). The executor makes a session current before each
 * step of a statement; SQLite calls the functions synchronously within that step.
 */
export interface SessionRuntime {
  readonly user: string;
  readonly database: string;
  readonly pid: number;
  setting(name: string): string | undefined;
  /** SET from inside a query (set_config); returns the new value. */
  setSetting(name: string, value: string, local: boolean): string;
  formatContext(): FormatContext;
  /** Microseconds since the Unix epoch when the transaction started (now()). */
  transactionStartMicros(): bigint;
  /** Microseconds since the Unix epoch when the statement started (statement_timestamp()). */
  statementStartMicros(): bigint;
  nextval(sequence: string): bigint;
  currval(sequence: string): bigint;
  setval(sequence: string, value: bigint, isCalled: boolean): bigint;
  lastval(): bigint;
  /** txid_current(): the transaction's number, assigned when first asked for. */
  transactionId(): bigint;
  /** pg_notify: queued until the transaction commits. */
  queueNotify(channel: string, payload: string): void;
  /** The tenant's schema and session facts that pg_catalog rows are computed from. */
  catalog(): CatalogContext;
  /** pg_cancel_backend / pg_terminate_backend: whether a session of this tenant has that process ID. */
  signal(pid: number, terminate: boolean): boolean;
  /** pg_stat_activity: the sessions of this tenant that run beside this one, this one included. */
  activity(): SessionActivity[];
}

/** What pg_stat_activity shows of a session. */
export interface SessionActivity {
  pid: number;
  user: string;
  applicationName: string;
  /** Microseconds since the Unix epoch. */
  backendStart: bigint;
  transactionStart: bigint | undefined;
  queryStart: bigint | undefined;
  stateChange: bigint;
  state: "active" | "idle" | "idle in transaction" | "idle in transaction (aborted)";
  query: string;
  /** The connection's TLS protocol, cipher and key bits, when it is encrypted. */
  tls: { version: string; cipher: string; bits: number } | undefined;
}

let current: SessionRuntime | undefined;

export function enterSession(runtime: SessionRuntime): void {
  current = runtime;
}

export function currentSession(): SessionRuntime {
  if (!current) throw new Error("no session is current");
  return current;
}

const epochBase = BigInt(Date.now()) * 1000n - process.hrtime.bigint() / 1000n;

/** Microseconds since the Unix epoch, now, from a monotonic clock anchored at start-up. */
export function clockMicros(): bigint {
  return epochBase + process.hrtime.bigint() / 1000n;
}
