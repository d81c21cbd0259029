import { PgError } from "../errors/pg-error.js";

/**
 * The right to write to one tenant. SQLite allows one writer per database; sessions that want to
 * write wait here, asynchronously, so that no session ever blocks the thread its tenant runs on.
 */
export class WriteSlot {
  private holder: number | undefined;
  private readonly paused = new Set<(typeof this.waiters)[number]>();
  private readonly waiters: {
    owner: number;
    resolve: () => void;
    reject: (e: Error) => void;
    timer?: NodeJS.Timeout;
  }[] = [];

  get owner(): number | undefined {
    return this.holder;
  }

  heldBy(owner: number): boolean {
    return this.holder === owner;
  }

  /** Waits for the slot; lockTimeoutMs > 0 bounds the wait (55P03), nowait fails at once. */
  acquire(owner: number, lockTimeoutMs: number, nowait = false): Promise<void> | undefined {
    if (this.holder === owner) return undefined;
    if (this.holder === undefined && this.waiters.length === 0) {
      this.holder = owner;
      return undefined;
    }
    if (nowait) return Promise.reject(lockNotAvailable());
    return new Promise<void>((resolve, reject) => {
      const waiter: (typeof this.waiters)[number] = { owner, resolve, reject };
      if (lockTimeoutMs > 0) {
        waiter.timer = setTimeout(() => {
          this.remove(waiter);
          reject(new PgError("LOCK_NOT_AVAILABLE", "canceling statement due to lock timeout"));
        }, lockTimeoutMs);
      }
      this.waiters.push(waiter);
    });
  }

  /** Stops waiting on behalf of owner (its statement was canceled); the promise rejects with reason. */
  cancelWait(owner: number, reason: Error): void {
    for (const w of [...this.waiters, ...this.paused]) {
      if (w.owner === owner) {
        this.remove(w);
        w.reject(reason);
      }
    }
  }

  /**
   * Waits ms before trying SQLite's write lock again (it is held by another thread or program);
   * cancelWait ends the wait early with the cancellation's error.
   */
  pause(owner: number, ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: (typeof this.waiters)[number] = { owner, resolve, reject };
      waiter.timer = setTimeout(() => {
        this.remove(waiter);
        resolve();
      }, ms);
      this.paused.add(waiter);
    });
  }

  /** Write transactions ended so far, and the number of the last one each owner ended. */
  private ended = 0;
  private readonly endedBy = new Map<number, number>();

  /**
   * The number of the last write transaction owner ended since it last asked, if any: its
   * commit must be on disk before the client hears of it (see Tenant.syncTo).
   */
  takeEnded(owner: number): number | undefined {
    const n = this.endedBy.get(owner);
    if (n !== undefined) this.endedBy.delete(owner);
    return n;
  }

  get endedCount(): number {
    return this.ended;
  }

  release(owner: number): void {
    if (this.holder !== owner) return;
    this.endedBy.set(owner, ++this.ended);
    const next = this.waiters.shift();
    this.holder = next?.owner;
    if (next) {
      clearTimeout(next.timer);
      next.resolve();
    }
  }

  private remove(w: (typeof this.waiters)[number]): void {
    const i = this.waiters.indexOf(w);
    if (i >= 0) this.waiters.splice(i, 1);
    this.paused.delete(w);
    clearTimeout(w.timer);
  }
}

function lockNotAvailable(): PgError {
  return new PgError("LOCK_NOT_AVAILABLE", "could not obtain lock on the tenant's write slot");
}
