import type { ErrorFields } from "../errors/pg-error.js";
import type { FrontendMessage } from "../protocol/messages.js";
import type { EngineOptions, OpenSession } from "./engine.js";
import type { OpenResult, RunResult } from "./engine-host.js";
import type { StopReason } from "./interrupts.js";

/** Messages between the socket thread and the threads that run tenants. */

export type WorkerOptions = Omit<EngineOptions, "onInternalError"> & {
  maxMessageSize: number;
  logLevel: string;
};

/** What each thread gets at start: the options, its number and the activity cells (placement.ts). */
export type WorkerData = WorkerOptions & {
  index: number;
  activity: SharedArrayBuffer;
  /** One Int32 cell per served session (see Movable). */
  movable: SharedArrayBuffer;
};

/** The cell of a session served by a thread: written by that thread, except Moved. */
export const Movable = { No: 0, Yes: 1, Moved: 2 } as const;

export type ToWorker =
  | { t: "open"; id: number; req: OpenSession; replay: FrontendMessage[] }
  | { t: "run"; id: number; session: number; messages: FrontendMessage[] }
  | { t: "ack"; id: number; bytes: number }
  | { t: "close"; session: number; moved?: boolean }
  | { t: "cancel"; session: number; reason: StopReason }
  | { t: "release"; id: number; name: string }
  | { t: "drop-result"; id: number; dropped?: boolean; error?: ErrorFields }
  | { t: "shutdown"; id: number }
  | {
      t: "adopt";
      req: OpenSession;
      fd: number;
      pending: Uint8Array;
      secret: number;
      /** The session's cell in the table of movable sessions. */
      cell: number;
      /** Named statements of a session moved from another thread, which goes on without a greeting. */
      replay?: FrontendMessage[];
    }
  | { t: "stop"; session: number; reason: StopReason.Terminate | StopReason.Shutdown; now: boolean }
  | { t: "notification"; session: number; channel: string; payload: string; sender: number };

export type FromWorker =
  | { t: "opened"; id: number; result: OpenResult }
  | { t: "failed"; id: number; error: ErrorFields }
  | { t: "data"; id: number; bytes: Uint8Array }
  | { t: "done"; id: number; bytes: Uint8Array; result: RunResult }
  | { t: "released"; id: number; ok: boolean }
  | { t: "closed"; session: number }
  /** A session served here let go of its connection, which another thread now serves. */
  | { t: "detached"; session: number; cell: number }
  /** What a move needs to re-create a session served here: its settings and named statements. */
  | { t: "state"; session: number; settings?: [string, string][]; statements: FrontendMessage[] }
  | { t: "arm"; session: number; ms: number }
  | { t: "disarm"; session: number }
  | {
      t: "drop";
      id: number;
      name: string;
      ifExists: boolean;
      requester: { sessionId: number; database: string };
    }
  | { t: "signal"; pid: number; terminate: boolean }
  | { t: "tenant-closed"; name: string }
  | { t: "listen"; pid: number; channel: string | undefined; on: boolean }
  | { t: "notify"; tenant: string; pid: number; notes: [string, string][] }
  | { t: "log"; message: string; stack?: string }
  | { t: "shut"; id: number };
