// Advisory locks (pg_advisory_lock and friends, PostgreSQL's lockfuncs.c): exclusive locks on
// application-defined keys, held by a session until released (session level) or until its
// transaction ends (transaction level). Each tenant has its own key space.
import { PgError } from "../../errors/pg-error.js";
import { BOOL, INT4, INT8, t, VOID } from "../../sql/oids.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";
import { currentSession } from "../runtime.js";

/**
 * The process-wide lock table, shared by every thread that runs sessions: a mutex cell and the
 * number of entries in use, then SLOTS entries of [tenant hash, key space, key1, key2, holder pid, session holds, transaction
 * holds, unused]. An entry with tenant hash 0 is free.
 */
const SLOTS = 4096;
const WIDTH = 8;
const BASE = WIDTH;
const [TENANT, SPACE, KEY1, KEY2, PID, SESSION, XACT] = [0, 1, 2, 3, 4, 5, 6] as const;
/** The cell counting entries in use: releasing needs no scan while no lock is held anywhere. */
const IN_USE = 1;

export function createAdvisoryLockTable(): SharedArrayBuffer {
  return new SharedArrayBuffer((SLOTS + 1) * WIDTH * Int32Array.BYTES_PER_ELEMENT);
}

/** Thrown when the lock is held by another session: the statement waits and runs again. */
export class AdvisoryLockBusy extends Error {
  constructor() {
    super("advisory lock held by another session");
  }
}

interface Installed {
  cells: Int32Array;
  tenantHash: (name: string) => number;
  /** Whether pid is a live session of the tenant (a holder that ended holds nothing). */
  isLive: (pid: number, tenant: string) => boolean;
}

let installed: Installed | undefined;

/** Makes the shared table available to this thread's sessions (once per thread). */
export function installAdvisoryLocks(buffer: SharedArrayBuffer, facts: Omit<Installed, "cells">): void {
  installed = { cells: new Int32Array(buffer), ...facts };
}

function table(): Installed {
  if (!installed) throw new Error("advisory locks are not installed");
  return installed;
}

/** Runs f with the table's mutex held (the critical sections are a scan of the entries). */
function locked<T>(cells: Int32Array, f: () => T): T {
  while (Atomics.compareExchange(cells, 0, 0, 1) !== 0) Atomics.wait(cells, 0, 1, 1);
  try {
    return f();
  } finally {
    Atomics.store(cells, 0, 0);
    Atomics.notify(cells, 0);
  }
}

interface Key {
  space: number;
  k1: number;
  k2: number;
}

/** An int8 key, or two int4 keys (a separate key space, as in PostgreSQL's locktag). */
function keyOf(args: SqliteValue[]): Key {
  if (args.length === 1) {
    const v = BigInt(args[0] as bigint | number);
    return { space: 1, k1: Number(BigInt.asIntN(32, v >> 32n)), k2: Number(BigInt.asIntN(32, v)) };
  }
  return { space: 2, k1: Number(args[0]), k2: Number(args[1]) };
}

function find(c: Int32Array, tenant: number, key: Key): number | undefined {
  for (let i = BASE; i < c.length; i += WIDTH) {
    if (
      c[i + TENANT] === tenant &&
      c[i + SPACE] === key.space &&
      c[i + KEY1] === key.k1 &&
      c[i + KEY2] === key.k2
    )
      return i;
  }
  return undefined;
}

function free(c: Int32Array, i: number): void {
  c.fill(0, i, i + WIDTH);
  Atomics.sub(c, IN_USE, 1);
}

/** Takes the lock for the current session; false when another live session holds it. */
function tryLock(args: SqliteValue[], level: typeof SESSION | typeof XACT): boolean {
  const { cells, tenantHash, isLive } = table();
  const s = currentSession();
  const tenant = tenantHash(s.database);
  const key = keyOf(args);
  return locked(cells, () => {
    let i = find(cells, tenant, key);
    if (i !== undefined && cells[i + PID] !== s.pid) {
      if (isLive(cells[i + PID]!, s.database)) return false;
      free(cells, i);
      i = undefined;
    }
    if (i === undefined) {
      for (let j = BASE; j < cells.length && i === undefined; j += WIDTH) if (cells[j + TENANT] === 0) i = j;
      if (i === undefined) {
        throw new PgError("OUT_OF_MEMORY", "out of shared memory", {
          hint: "You might need to increase max_locks_per_transaction.",
        });
      }
      cells.set([tenant, key.space, key.k1, key.k2, s.pid, 0, 0], i);
      Atomics.add(cells, IN_USE, 1);
    }
    cells[i + level]! += 1;
    return true;
  });
}

function lock(args: SqliteValue[], level: typeof SESSION | typeof XACT): string {
  if (!tryLock(args, level)) throw new AdvisoryLockBusy();
  return "";
}

/** Releases one session-level hold; false when the session holds none. */
function unlock(args: SqliteValue[]): boolean {
  const { cells, tenantHash } = table();
  const s = currentSession();
  const key = keyOf(args);
  return locked(cells, () => {
    const i = find(cells, tenantHash(s.database), key);
    if (i === undefined || cells[i + PID] !== s.pid || cells[i + SESSION] === 0) return false;
    cells[i + SESSION]! -= 1;
    if (cells[i + SESSION] === 0 && cells[i + XACT] === 0) free(cells, i);
    return true;
  });
}

/** Gives up the holds of one level that session pid has (all its locks for the session level). */
function releaseLevel(pid: number, level: typeof SESSION | typeof XACT): void {
  if (!installed) return;
  const cells = installed.cells;
  if (Atomics.load(cells, IN_USE) === 0) return;
  locked(cells, () => {
    for (let i = BASE; i < cells.length; i += WIDTH) {
      if (cells[i + TENANT] === 0 || cells[i + PID] !== pid) continue;
      cells[i + level] = 0;
      if (cells[i + SESSION] === 0 && cells[i + XACT] === 0) free(cells, i);
    }
  });
}

/** At the end of a session's transaction: its transaction-level locks are released. */
export function releaseTransactionLocks(pid: number): void {
  releaseLevel(pid, XACT);
}

const b = (x: boolean): number => (x ? 1 : 0);

function family(
  name: string,
  udf: string,
  returns: number,
  impl: (args: SqliteValue[]) => SqliteValue,
): FunctionDef[] {
  const forms: [number[], string][] = [
    [[INT8], udf],
    [[INT4, INT4], `${udf}_2`],
  ];
  return forms.map(([args, udfName]) => ({
    name,
    kind: "udf",
    udfName,
    args,
    returns: t(returns),
    volatility: "volatile",
    impl: (...a: SqliteValue[]) => impl(a),
  }));
}

defineFunctions([
  ...family("pg_advisory_lock", "pg_advisory_lock", VOID, (a) => lock(a, SESSION)),
  ...family("pg_advisory_xact_lock", "pg_advisory_xact_lock", VOID, (a) => lock(a, XACT)),
  ...family("pg_try_advisory_lock", "pg_try_advisory_lock", BOOL, (a) => b(tryLock(a, SESSION))),
  ...family("pg_try_advisory_xact_lock", "pg_try_advisory_xact_lock", BOOL, (a) => b(tryLock(a, XACT))),
  ...family("pg_advisory_unlock", "pg_advisory_unlock", BOOL, (a) => b(unlock(a))),
  {
    name: "pg_advisory_unlock_all",
    kind: "udf",
    udfName: "pg_advisory_unlock_all",
    args: [],
    returns: t(VOID),
    volatility: "volatile",
    impl: () => {
      releaseLevel(currentSession().pid, SESSION);
      return "";
    },
  },
]);
