import type { CatalogContext } from "../catalog/catalog.js";
import type { SqliteSchema } from "../catalog/sqlite-schema.js";
import { PgError } from "../errors/pg-error.js";
import { clockMicros, type SessionActivity, type SessionRuntime } from "../functions/runtime.js";
import type { SchemaView } from "../sql/schema.js";
import { allSettings, isCustomSetting, normaliseSetting, settingDef } from "../sql/settings.js";
import type { FormatContext } from "../types/format-context.js";
import type { Connection } from "./connection.js";
import type { Tenant } from "./tenant.js";

/** A session's settings: values set, SET LOCAL values to undo at transaction end, and derived formats. */
export class Settings {
  private readonly values = new Map<string, string>();
  private localUndo: Map<string, string | undefined> | undefined;
  /** Values before the transaction's first SET of each setting, restored if it rolls back. */
  private transactionUndo: Map<string, string | undefined> | undefined;
  private format: FormatContext | undefined;
  /** Names of reported settings changed since last taken, for ParameterStatus. */
  readonly changedReported = new Set<string>();
  /** The transaction's start, for 'now' and friends in date/time input. */
  now: (() => number) | undefined;

  constructor(initial: Map<string, string>) {
    for (const [name, value] of initial) this.values.set(name, value);
  }

  get(name: string): string | undefined {
    const def = settingDef(name);
    const key = def?.name ?? name.toLowerCase();
    return this.values.get(key) ?? def?.default;
  }

  /** SET name = value (value undefined: RESET). */
  set(name: string, value: string | undefined, local: boolean, inTransaction: boolean): void {
    const normal =
      value === undefined
        ? { name: settingDef(name)?.name ?? name.toLowerCase(), value: undefined }
        : normaliseSetting(name, value);
    if (value === undefined && !settingDef(name) && !isCustomSetting(name)) {
      throw new PgError("UNDEFINED_OBJECT", `unrecognized configuration parameter "${name}"`);
    }
    if (local && !inTransaction) return;
    if (local) {
      this.localUndo ??= new Map();
      if (!this.localUndo.has(normal.name)) this.localUndo.set(normal.name, this.values.get(normal.name));
    } else {
      if (inTransaction) {
        this.transactionUndo ??= new Map();
        if (!this.transactionUndo.has(normal.name)) {
          const before = this.localUndo?.has(normal.name)
            ? this.localUndo.get(normal.name)
            : this.values.get(normal.name);
          this.transactionUndo.set(normal.name, before);
        }
      }
      this.localUndo?.delete(normal.name);
    }
    this.assign(normal.name, normal.value);
  }

  /** The reported settings and their values, for ParameterStatus at startup. */
  reported(): [string, string][] {
    return allSettings()
      .filter((d) => d.report)
      .map((d) => [d.name, this.get(d.name) ?? ""]);
  }

  resetAll(): void {
    for (const def of allSettings())
      if (!def.readOnly && this.values.has(def.name)) this.assign(def.name, undefined);
  }

  /** At transaction end, SET LOCAL values lapse; after a rollback, so do the transaction's SETs. */
  endTransaction(committed = true): void {
    for (const [name, value] of this.localUndo ?? []) this.assign(name, value);
    this.localUndo = undefined;
    if (!committed) for (const [name, value] of this.transactionUndo ?? []) this.assign(name, value);
    this.transactionUndo = undefined;
  }

  formatContext(): FormatContext {
    this.format ??= {
      dateStyle: this.get("DateStyle")!,
      timeZone: this.get("TimeZone")!,
      intervalStyle: this.get("IntervalStyle")!,
      extraFloatDigits: Number(this.get("extra_float_digits")),
      byteaOutput: this.get("bytea_output")!,
      now: this.now,
    };
    return this.format;
  }

  /** Settings that differ from their defaults, to carry a session to another thread. */
  snapshot(): [string, string][] {
    return [...this.values].filter(([name]) => !settingDef(name)?.readOnly);
  }

  /** Bumped by every change, so that callers can tell whether to take a new snapshot. */
  version = 0;

  private assign(name: string, value: string | undefined): void {
    this.version++;
    const before = this.get(name);
    if (value === undefined) this.values.delete(name);
    else this.values.set(name, value);
    this.format = undefined;
    if (settingDef(name)?.report && this.get(name) !== before) this.changedReported.add(name);
  }
}

/** The SessionRuntime functions inside SQLite see while a statement of this session runs. */
/**
 * Transaction numbers: increasing across sessions and, being seeded from the clock, across
 * restarts too (SQLite has no transaction IDs of its own).
 */
let lastTransactionId = BigInt(Date.now()) * 1000n;
function nextTransactionId(): bigint {
  lastTransactionId += 1n;
  return lastTransactionId;
}

/** What pg_stat_ssl shows of an encrypted connection. */
export interface SessionTls {
  version: string;
  cipher: string;
  bits: number;
}

export class SessionContext implements SessionRuntime {
  transactionStart = 0n;
  statementStart = 0n;
  /** The connection the session holds while in a transaction or with an open portal. */
  conn: Connection | undefined;
  /** Set when the current SQLite transaction was begun implicitly (multi-statement query, extended batch). */
  implicit = false;
  /** The transaction failed; only ROLLBACK (or COMMIT) is accepted until it ends. */
  failed = false;
  /** A statement of this transaction changed the schema. */
  changedSchema = false;
  /** The schema as this session's uncommitted DDL left it; other sessions do not see it yet. */
  privateSchema: SqliteSchema | undefined;
  /** The tenant's schema generation privateSchema was read at. */
  privateGeneration = -1;
  /**
   * The session has temporary tables: they live in its connection's temp database, so it keeps
   * that connection (s.conn) until it has none left or ends.
   */
  pinned = false;
  /** Temporary tables created ON COMMIT DROP or DELETE ROWS (see applyOnCommit). */
  readonly onCommit = new Map<string, "drop" | "delete">();
  readonly currvals = new Map<string, bigint>();
  lastSequence: string | undefined;
  readonly backendStart = clockMicros();
  tls: SessionTls | undefined;
  /** The statement text running now, or the last one run (pg_stat_activity.query). */
  lastQuery = "";
  running = false;
  stateChange = clockMicros();

  constructor(
    readonly id: number,
    readonly user: string,
    readonly database: string,
    readonly pid: number,
    readonly tenant: Tenant,
    readonly settings: Settings,
  ) {
    settings.now = () => Number(this.transactionStartMicros());
  }

  /** In an explicit transaction block (BEGIN ... COMMIT). */
  get inBlock(): boolean {
    return this.failed || (this.conn?.inTransaction === true && !this.implicit);
  }

  get status(): "I" | "T" | "E" {
    if (this.failed) return "E";
    return this.conn?.inTransaction && !this.implicit ? "T" : "I";
  }

  setting(name: string): string | undefined {
    return this.settings.get(name);
  }

  setSetting(name: string, value: string, local: boolean): string {
    this.settings.set(name, value, local, this.conn?.inTransaction === true);
    return this.settings.get(name) ?? value;
  }

  formatContext(): FormatContext {
    return this.settings.formatContext();
  }

  transactionStartMicros(): bigint {
    return this.transactionStart || this.statementStart || clockMicros();
  }

  statementStartMicros(): bigint {
    return this.statementStart || clockMicros();
  }

  nextval(name: string): bigint {
    name = this.tenant.sequences.resolve(name);
    const v = this.tenant.sequences.nextval(name);
    this.currvals.set(name, v);
    this.lastSequence = name;
    return v;
  }

  currval(name: string): bigint {
    name = this.tenant.sequences.resolve(name);
    const v = this.currvals.get(name);
    if (v === undefined) {
      if (!this.tenant.sequences.has(name))
        throw new PgError("UNDEFINED_TABLE", `relation "${name}" does not exist`);
      throw new PgError(
        "OBJECT_NOT_IN_PREREQUISITE_STATE",
        `currval of sequence "${name}" is not yet defined in this session`,
      );
    }
    return v;
  }

  setval(name: string, value: bigint, isCalled: boolean): bigint {
    name = this.tenant.sequences.resolve(name);
    const v = this.tenant.sequences.setval(name, value, isCalled);
    if (isCalled) this.currvals.set(name, v);
    return v;
  }

  /** The schema the current statement was translated against, for the catalog relations. */
  catalogSchema: SchemaView | undefined;

  catalog(): CatalogContext {
    if (!this.catalogSchema) throw new Error("no schema for the catalog");
    return { schema: this.catalogSchema, database: this.database, user: this.user, file: this.tenant.path };
  }

  /** The number txid_current() reported in this transaction. */
  txid: bigint | undefined;

  transactionId(): bigint {
    if (this.txid !== undefined) return this.txid;
    const id = nextTransactionId();
    if (this.conn?.inTransaction) this.txid = id;
    return id;
  }

  /** NOTIFYs of the current transaction, delivered when it commits. */
  pendingNotifies: [string, string][] = [];
  /** Set by the engine: hands committed NOTIFYs on. */
  notifier: ((notes: [string, string][]) => void) | undefined;
  /** Set by the engine: LISTEN and UNLISTEN (channel undefined: all). */
  listener: ((channel: string | undefined, on: boolean) => void) | undefined;

  /** NOTIFY or pg_notify: delivered when the transaction commits (at once outside one). */
  queueNotify(channel: string, payload: string): void {
    if (!this.pendingNotifies.some(([c, p]) => c === channel && p === payload))
      this.pendingNotifies.push([channel, payload]);
  }

  /** Delivers the transaction's NOTIFYs (at commit, or at once outside a transaction). */
  flushNotifies(): void {
    if (this.pendingNotifies.length === 0) return;
    const notes = this.pendingNotifies;
    this.pendingNotifies = [];
    this.notifier?.(notes);
  }

  /** Set by the engine: the sessions of this tenant on this thread. */
  lister: (() => SessionContext[]) | undefined;

  activity(): SessionActivity[] {
    return (this.lister?.() ?? [this]).map((s) => s.describeActivity());
  }

  /** Marks the session running a statement, or back to idle. */
  markRunning(running: boolean, query?: string): void {
    if (query !== undefined) this.lastQuery = query;
    if (running === this.running) return;
    this.running = running;
    this.stateChange = clockMicros();
  }

  private describeActivity(): SessionActivity {
    const status = this.status;
    return {
      pid: this.pid,
      user: this.user,
      applicationName: this.settings.get("application_name") ?? "",
      backendStart: this.backendStart,
      transactionStart: status !== "I" || this.running ? this.transactionStartMicros() : undefined,
      queryStart: this.lastQuery ? this.statementStartMicros() : undefined,
      stateChange: this.stateChange,
      state: this.running
        ? "active"
        : status === "E"
          ? "idle in transaction (aborted)"
          : status === "T"
            ? "idle in transaction"
            : "idle",
      query: this.lastQuery,
      tls: this.tls,
    };
  }

  /** Set by the engine: delivers pg_cancel_backend and pg_terminate_backend. */
  signaller: ((pid: number, terminate: boolean) => boolean) | undefined;

  signal(pid: number, terminate: boolean): boolean {
    return this.signaller?.(pid, terminate) ?? false;
  }

  lastval(): bigint {
    if (!this.lastSequence)
      throw new PgError("OBJECT_NOT_IN_PREREQUISITE_STATE", "lastval is not yet defined in this session");
    return this.currval(this.lastSequence);
  }
}
