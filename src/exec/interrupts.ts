import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { PgError } from "../errors/pg-error.js";

/**
 * Stopping running SQLite statements from any thread, through the native addon built at install
 * (native/interrupt.c): it is also a SQLite extension that each connection loads.
 */
interface NativeInterrupts {
  allocSlot(): number;
  freeSlot(slot: number): void;
  setOwner(slot: number, owner: number): void;
  interrupt(slot: number, owner: number, reason: number): boolean;
  interruptOwner(owner: number, reason: number): boolean;
  takeReason(slot: number): number;
  /** A second descriptor for the same open file (close-on-exec), or -1. */
  dupFd(fd: number): number;
}

/** Why a statement was stopped; each has PostgreSQL's SQLSTATE and wording. */
export enum StopReason {
  Cancel = 1,
  StatementTimeout = 2,
  Terminate = 3,
  Shutdown = 4,
  LockTimeout = 5,
}

export const NATIVE_PATH = fileURLToPath(
  new URL("../../build/Release/tenantgres_native.node", import.meta.url),
);

export const native: NativeInterrupts = createRequire(import.meta.url)(NATIVE_PATH) as NativeInterrupts;

export function stopError(reason: number): PgError {
  switch (reason) {
    case StopReason.StatementTimeout:
      return new PgError("QUERY_CANCELED", "canceling statement due to statement timeout");
    case StopReason.LockTimeout:
      return new PgError("LOCK_NOT_AVAILABLE", "canceling statement due to lock timeout");
    case StopReason.Terminate:
    case StopReason.Shutdown:
      return new PgError("ADMIN_SHUTDOWN", "terminating connection due to administrator command", {
        severity: "FATAL",
      });
    default:
      return new PgError("QUERY_CANCELED", "canceling statement due to user request");
  }
}
