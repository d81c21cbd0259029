import { createHash } from "node:crypto";

/**
 * The sessions of the whole process, shared between threads: process ID and a hash of the tenant
 * of each live session, so that pg_cancel_backend and pg_terminate_backend, running on any
 * thread, can check that the target is a session of the caller's own tenant.
 */
const SLOTS = 1 << 16;

export function createSessionTable(): SharedArrayBuffer {
  return new SharedArrayBuffer(SLOTS * 2 * Int32Array.BYTES_PER_ELEMENT);
}

export function tenantHash(name: string): number {
  return createHash("sha256").update(name).digest().readInt32BE(0) | 1;
}

export class SessionTable {
  private readonly cells: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.cells = new Int32Array(buffer);
  }

  add(pid: number, tenant: string): void {
    const i = (pid % SLOTS) * 2;
    Atomics.store(this.cells, i + 1, tenantHash(tenant));
    Atomics.store(this.cells, i, pid);
  }

  remove(pid: number): void {
    const i = (pid % SLOTS) * 2;
    if (Atomics.load(this.cells, i) === pid) Atomics.store(this.cells, i, 0);
  }

  /** Whether pid is a live session of tenant. */
  belongsTo(pid: number, tenant: string): boolean {
    if (pid <= 0) return false;
    const i = (pid % SLOTS) * 2;
    return Atomics.load(this.cells, i) === pid && Atomics.load(this.cells, i + 1) === tenantHash(tenant);
  }
}
