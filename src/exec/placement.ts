import type { Worker } from "node:worker_threads";

export interface WorkerHandle {
  index: number;
  worker: Worker;
  /** Requests sent and not answered yet. */
  inflight: number;
  /** Shared with the thread: [0] how many runs are in progress there. */
  active: Int32Array;
  /** Shared with the thread: [0] its SQLite gate (sqlite-gate.ts), and when it went inside. */
  gate: Int32Array;
  insideSince: Float64Array;
  /** Shared with the thread: [0] when it last made progress; a busy thread updates it every 10 ms. */
  beatAt: Float64Array;
  /** Tenants whose files the thread has open. */
  tenants: Set<string>;
}

/**
 * Bytes of activity cells per thread: an Int32 count of runs in progress, the Int32 SQLite gate
 * (sqlite-gate.ts), the Float64 time of the last progress, the Float64 time it entered SQLite.
 */
export const ACTIVITY_BYTES = 24;

/** The views of a thread's activity cells. */
export function activityCells(
  buffer: SharedArrayBuffer,
  index: number,
): { active: Int32Array; gate: Int32Array; beatAt: Float64Array; insideSince: Float64Array } {
  return {
    active: new Int32Array(buffer, index * ACTIVITY_BYTES, 1),
    gate: new Int32Array(buffer, index * ACTIVITY_BYTES + 4, 1),
    beatAt: new Float64Array(buffer, index * ACTIVITY_BYTES + 8, 1),
    insideSince: new Float64Array(buffer, index * ACTIVITY_BYTES + 16, 1),
  };
}

/** A thread that has work but has not made progress for this long is stuck in a statement. */
const STUCK_AFTER_MS = 100;
/** A thread inside one SQLite call for this long has its idle sessions moved elsewhere. */
const MOVE_AFTER_MS = 500;

/**
 * Which thread runs which session. This is the single-machine form of "which node owns this
 * tenant": each tenant has a home thread where its new sessions go, chosen as the least loaded
 * thread when it gets its first session. A session whose thread is stuck in a long statement of
 * another session may move, and the tenant's home moves with it.
 */
export class Placement {
  private readonly home = new Map<string, WorkerHandle>();
  private readonly sessionWorker = new Map<number, WorkerHandle>();
  private readonly members = new Map<string, Set<number>>();
  private readonly dropping = new Set<string>();

  constructor(private readonly handles: WorkerHandle[]) {}

  all(): WorkerHandle[] {
    return this.handles;
  }

  workerOf(session: number): WorkerHandle | undefined {
    return this.sessionWorker.get(session);
  }

  sessionsOf(tenant: string): number[] {
    return [...(this.members.get(tenant) ?? [])];
  }

  /** The thread for a new session of tenant: the tenant's home, or the least loaded thread. */
  assign(tenant: string, session: number): WorkerHandle {
    let h = this.home.get(tenant);
    if (!h || this.stuck(h)) {
      h = this.leastBusy(h) ?? h ?? this.handles[0]!;
      this.home.set(tenant, h);
    }
    h.tenants.add(tenant);
    this.sessionWorker.set(session, h);
    const set = this.members.get(tenant) ?? new Set<number>();
    this.members.set(tenant, set);
    set.add(session);
    return h;
  }

  detach(tenant: string, session: number): void {
    this.sessionWorker.delete(session);
    const set = this.members.get(tenant);
    set?.delete(session);
    if (set && set.size === 0) this.members.delete(tenant);
  }

  move(tenant: string, session: number, to: WorkerHandle): void {
    this.sessionWorker.set(session, to);
    this.home.set(tenant, to);
    to.tenants.add(tenant);
  }

  /** A thread closed a tenant's files; without sessions, the tenant is placed afresh next time. */
  closed(h: WorkerHandle, tenant: string): void {
    h.tenants.delete(tenant);
    if (this.home.get(tenant) === h && !this.members.has(tenant)) this.home.delete(tenant);
  }

  /** Threads that may have the tenant's files open. */
  holders(tenant: string): WorkerHandle[] {
    return this.handles.filter((h) => h.tenants.has(tenant));
  }

  /**
   * Whether the thread has been inside one SQLite call for long: its idle sessions may move. The
   * bar is higher than for placing new sessions, since a move spreads a tenant's sessions over
   * two threads, whose writers then meet at SQLite's lock rather than in the tenant's queue.
   */
  stuckInside(h: WorkerHandle, now = Date.now()): boolean {
    return Atomics.load(h.gate, 0) === 1 && now - h.insideSince[0]! > MOVE_AFTER_MS;
  }

  stuck(h: WorkerHandle, now = Date.now()): boolean {
    return Atomics.load(h.active, 0) > 0 && now - h.beatAt[0]! > STUCK_AFTER_MS;
  }

  /** The thread with the fewest open tenants among those not stuck, other than except. */
  leastBusy(except?: WorkerHandle): WorkerHandle | undefined {
    const now = Date.now();
    let best: WorkerHandle | undefined;
    for (const h of this.handles) {
      if (h === except || this.stuck(h, now)) continue;
      const better =
        !best ||
        h.tenants.size < best.tenants.size ||
        (h.tenants.size === best.tenants.size && h.inflight < best.inflight);
      if (better) best = h;
    }
    return best;
  }

  isDropping(tenant: string): boolean {
    return this.dropping.has(tenant);
  }

  setDropping(tenant: string, on: boolean): void {
    if (on) this.dropping.add(tenant);
    else this.dropping.delete(tenant);
  }
}
