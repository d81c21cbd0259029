import type { FrontendMessage } from "../protocol/messages.js";
import type { OpenSession } from "./engine.js";
import type { OpenResult, RunResult } from "./engine-host.js";
import type { StopReason } from "./interrupts.js";

/**
 * What a client connection asks of statement execution. It is asynchronous and message-shaped:
 * execution runs on other threads and results come back as protocol bytes.
 */
export interface Executor {
  /** Attaches a session to its tenant. */
  open(req: OpenSession): Promise<OpenResult>;
  /** Runs a batch of messages; bytes go to deliver, which may ask to wait (backpressure). */
  run(
    sessionId: number,
    messages: FrontendMessage[],
    deliver: (bytes: Buffer) => Promise<void> | undefined,
  ): Promise<RunResult>;
  close(sessionId: number): Promise<void>;
  /** Stops the session's running statement, or its wait for the write slot. */
  interrupt(sessionId: number, reason: StopReason): void;
  /** Ends every session, checkpoints and closes every tenant. */
  shutdown(): Promise<void>;
}

/** Called when a statement asks for a connection to end (pg_terminate_backend). */
export type TerminateHandler = (pid: number) => void;

/** What executors tell the connections: terminations and notifications. */
export interface ExecutorEvents {
  terminate: TerminateHandler;
  notification(pid: number, channel: string, payload: string, sender: number): void;
}
