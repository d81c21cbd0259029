import type { ErrorFields } from "../errors/pg-error.js";
import type { FrontendMessage } from "../protocol/messages.js";
import type { EngineOptions, OpenSession } from "./engine.js";
import type { OpenResult, RunResult } from "./engine-host.js";
import type { StopReason } from "./interrupts.js";

/** Messages between the socket thread and the threads that run tenants. */

export type WorkerOptions = Omit<EngineOptions, "onInternalError">;

export type ToWorker =
  | { t: "open"; id: number; req: OpenSession; replay: FrontendMessage[] }
  | { t: "run"; id: number; session: number; messages: FrontendMessage[] }
  | { t: "ack"; id: number; bytes: number }
  | { t: "close"; session: number }
  | { t: "cancel"; session: number; reason: StopReason }
  | { t: "release"; id: number; name: string }
  | { t: "drop-result"; id: number; dropped?: boolean; error?: ErrorFields }
  | { t: "shutdown"; id: number };

export type FromWorker =
  | { t: "opened"; id: number; result: OpenResult }
  | { t: "failed"; id: number; error: ErrorFields }
  | { t: "data"; id: number; bytes: Uint8Array }
  | { t: "done"; id: number; bytes: Uint8Array; result: RunResult }
  | { t: "released"; id: number; ok: boolean }
  | { t: "beat" }
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
