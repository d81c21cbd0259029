import type { FrontendMessage } from "../protocol/messages.js";
import type { Engine, OpenSession } from "./engine.js";

/**
 * What a client connection asks of statement execution. It is asynchronous and message-shaped,
 * so that execution can run on other threads: results come back as protocol bytes.
 */
export interface Executor {
  /** Attaches a session to its tenant and returns the settings to report (ParameterStatus). */
  open(req: OpenSession): Promise<[string, string][]>;
  /** Runs a batch of messages; bytes go to deliver, which may ask to wait (backpressure). */
  run(
    sessionId: number,
    messages: FrontendMessage[],
    deliver: (bytes: Buffer) => Promise<void> | undefined,
  ): Promise<void>;
  close(sessionId: number): Promise<void>;
  shutdown(): Promise<void>;
}

/** Runs the engine on the calling thread. */
export class InlineExecutor implements Executor {
  constructor(readonly engine: Engine) {}

  async open(req: OpenSession): Promise<[string, string][]> {
    this.engine.open(req);
    return this.engine.reportedSettings(req.sessionId);
  }

  run(
    sessionId: number,
    messages: FrontendMessage[],
    deliver: (bytes: Buffer) => Promise<void> | undefined,
  ): Promise<void> {
    return this.engine.run(sessionId, messages, deliver);
  }

  async close(sessionId: number): Promise<void> {
    this.engine.close(sessionId);
  }

  async shutdown(): Promise<void> {
    this.engine.shutdown();
  }
}
