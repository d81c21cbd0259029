import { PgError } from "../errors/pg-error.js";
import type { SessionContext } from "./session-state.js";

/** Waiting for locks (SQLite's write lock, the write slot, advisory locks) within lock_timeout. */

export function lockTimeoutMs(s: SessionContext): number {
  const v = s.setting("lock_timeout") ?? "0";
  const m = /^(\d+)(ms|s|min|h|d)?$/.exec(v);
  if (!m) return 0;
  const unit = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? "ms"] ?? 1;
  return Number(m[1]) * unit;
}

/** When a statement that waits for a lock from now on fails: at lock_timeout (never when 0). */
export function lockDeadline(s: SessionContext): number {
  const timeout = lockTimeoutMs(s);
  return timeout > 0 ? Date.now() + timeout : Number.POSITIVE_INFINITY;
}

/** Waits delay ms before trying a lock again (a cancel ends the wait), or fails at the deadline. */
export async function waitForLock(s: SessionContext, deadline: number, delay: number): Promise<void> {
  if (Date.now() >= deadline)
    throw new PgError("LOCK_NOT_AVAILABLE", "canceling statement due to lock timeout");
  await s.tenant.writeSlot.pause(s.id, delay);
}
