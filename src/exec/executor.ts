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
  /**
   * Where it can, gives an authenticated plain connection (its descriptor, duplicated here, and the
   * bytes the client sent after authenticating) to the thread that runs its tenant, which serves
   * it from then on; the caller then closes its own socket. onClosed is called when the connection
   * ends.
   */
  adopt?(req: OpenSession, fd: number, pending: Buffer, secret: number, onClosed: () => void): SessionTarget;
  /** Ends every session, checkpoints and closes every tenant. */
  shutdown(): Promise<void>;
}

/** What the server asks of an authenticated session, wherever it runs. */
export interface SessionTarget {
  notify(channel: string, payload: string, sender: number): void;
  cancel(): void;
  /** pg_terminate_backend (now), or shutdown, which lets a running batch finish first. */
  stop(reason: StopReason.Terminate | StopReason.Shutdown, now: boolean): void;
}

/** Called when a statement asks for a connection to end (pg_terminate_backend). */
export type TerminateHandler = (pid: number) => void;

/** What executors tell the connections: terminations and notifications. */
export interface ExecutorEvents {
  terminate: TerminateHandler;
  notification(pid: number, channel: string, payload: string, sender: number): void;
}
