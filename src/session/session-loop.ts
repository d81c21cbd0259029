import type { Socket } from "node:net";
import type { Logger } from "pino";
import { type ErrorFields, PgError } from "../errors/pg-error.js";
import type { OpenResult, RunResult } from "../exec/engine-host.js";
import { StopReason } from "../exec/interrupts.js";
import { AuthCode } from "../protocol/codes.js";
import { decodeFrontend } from "../protocol/decode.js";
import * as encode from "../protocol/encode.js";
import type { FrameReader } from "../protocol/frame-reader.js";
import type { FrontendMessage } from "../protocol/messages.js";
import { ProtocolError } from "../protocol/protocol-error.js";
import { Writer } from "../protocol/writer.js";
import { durationMs } from "../sql/settings.js";

/** How a session's statements run: on this thread, or on another reached by messages. */
export interface SessionRunner {
  open(): OpenResult | Promise<OpenResult>;
  run(messages: FrontendMessage[], deliver: (bytes: Buffer) => Promise<void> | undefined): Promise<RunResult>;
  /** Stops the running statement, or its wait for a lock. */
  interrupt(reason: StopReason): void;
  /** Ends the session (called once, only if open succeeded). */
  close(): void | Promise<void>;
  /**
   * Arms statement_timeout on a thread the statement cannot block; returns what disarms it.
   */
  armTimeout(ms: number): () => void;
}

/** Input beyond this many bytes waiting to be processed pauses reading from the socket. */
const INPUT_HIGH_WATER = 1 << 20;

const adminShutdown = () =>
  new PgError("ADMIN_SHUTDOWN", "terminating connection due to administrator command", { severity: "FATAL" });

/**
 * An authenticated connection: AuthenticationOk and the session's greeting, then batches of
 * messages handed to the runner, whose bytes go back to the socket. It runs on whichever thread
 * owns the socket.
 */
export class SessionLoop {
  private phase: "opening" | "ready" | "closed" = "opening";
  private queue: FrontendMessage[] = [];
  private queuedBytes = 0;
  private running = true;
  private opened = false;
  /** The session's non-default settings, as the runner last reported them. */
  private settings = new Map<string, string>();
  private disarm: (() => void) | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Set when the connection is to end once the running batch is done (its error already sent). */
  private ending = false;
  /** Set when the connection is to end with 57P01 as soon as it is idle (shutdown). */
  private endWhenIdle = false;
  /** Notifications waiting for the session to be idle outside a transaction. */
  private notifications: [string, string, number][] = [];
  private transactionStatus: "I" | "T" | "E" = "I";

  constructor(
    private readonly socket: Socket,
    private readonly reader: FrameReader,
    private readonly runner: SessionRunner,
    private readonly ids: { pid: number; secret: number },
    private readonly log: Logger,
    private readonly onClosed: () => void,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (e) => log.debug({ pid: ids.pid, err: e.message }, "socket error"));
    socket.on("close", () => void this.closed());
  }

  /**
   * Sends AuthenticationOk, opens the session, greets the client and starts on what it sent. A
   * connection moved from another thread (greet false) goes on where it was.
   */
  async start(greet = true): Promise<void> {
    const w = new Writer(512);
    if (greet) encode.authentication(w, AuthCode.Ok);
    this.write(w);
    try {
      const opened = await this.runner.open();
      this.settings = new Map(opened.settings);
      this.opened = true;
      if (this.phase === "closed") {
        await this.runner.close();
        return;
      }
      this.phase = "ready";
      if (greet) {
        for (const [name, value] of opened.reported) encode.parameterStatus(w, name, value);
        encode.backendKeyData(w, this.ids.pid, this.ids.secret);
        encode.readyForQuery(w, "I");
        this.write(w);
      }
      this.log.debug({ pid: this.ids.pid }, "session started");
    } catch (e) {
      if (!(e instanceof PgError)) this.log.error({ err: e }, "could not open session");
      this.fatal(
        e instanceof PgError
          ? withSeverity(e, "FATAL")
          : new PgError("INTERNAL_ERROR", "internal error", { severity: "FATAL" }),
      );
      return;
    }
    this.running = false;
    this.processInput();
    this.noteIdle();
  }

  /** Told whether the session could move to another thread now (idle, holding nothing here). */
  onMovable: ((movable: boolean) => void) | undefined;
  private holdsNothing = true;

  private noteIdle(): void {
    const movable =
      this.phase === "ready" &&
      !this.running &&
      this.holdsNothing &&
      this.queue.length === 0 &&
      this.reader.pendingBytes === 0 &&
      this.socket.writableLength === 0;
    if (movable) this.onMovable?.(true);
  }

  private onData(chunk: Buffer): void {
    this.onMovable?.(false);
    this.reader.push(chunk);
    if (this.phase === "ready") this.processInput();
  }

  private processInput(): void {
    try {
      for (
        let frame = this.reader.next();
        frame;
        frame = this.phase === "closed" ? undefined : this.reader.next()
      ) {
        const msg = decodeFrontend(frame.code, frame.body);
        clearTimeout(this.idleTimer);
        this.queue.push(msg);
        this.queuedBytes += frame.body.length;
        if (this.queuedBytes > INPUT_HIGH_WATER) this.socket.pause();
      }
      // All messages of the chunk form one batch: a Bind/Execute/Sync pipeline costs one run and one write.
      if (this.queue.length > 0) void this.pump();
    } catch (e) {
      this.fatal(fatalFor(e, this.log, this.ids.pid));
    }
  }

  /** Hands queued messages to the runner one batch at a time, in order. */
  private async pump(): Promise<void> {
    if (this.running || this.phase !== "ready") return;
    this.running = true;
    try {
      while (this.queue.length > 0 && this.phase === "ready") {
        let batch = this.queue;
        this.queue = [];
        this.queuedBytes = 0;
        if (this.socket.isPaused()) this.socket.resume();
        const end = batch.findIndex((m) => m.type === "Terminate");
        if (end >= 0) batch = batch.slice(0, end);
        const messages = batch.filter((m) => m.type !== "Flush");
        if (messages.length > 0) await this.runBatch(messages);
        if (this.ending || end >= 0) {
          this.phase = "closed";
          this.socket.end();
          return;
        }
      }
    } catch (e) {
      this.log.error({ err: e, pid: this.ids.pid }, "unexpected error while running a batch");
      this.fatal(new PgError("INTERNAL_ERROR", "internal error", { severity: "FATAL" }));
    } finally {
      this.running = false;
    }
    if (this.endWhenIdle) this.fatal(adminShutdown());
    this.noteIdle();
  }

  /** Runs a batch under statement_timeout, then arms idle_in_transaction_session_timeout. */
  private async runBatch(messages: FrontendMessage[]): Promise<void> {
    const timeout = durationMs(this.settings.get("statement_timeout") ?? "0");
    if (timeout > 0 && messages.some((m) => m.type === "Query" || m.type === "Execute")) {
      this.disarm = this.runner.armTimeout(timeout);
    }
    try {
      const result = await this.runner.run(messages, (bytes) => this.deliver(bytes));
      if (result.settings) this.settings = new Map(result.settings);
      if (result.ended) this.ending = true;
      this.holdsNothing = result.movable && result.status === "I";
      this.transactionStatus = result.status;
      if (result.status === "I") this.sendNotifications();
      const idle = durationMs(this.settings.get("idle_in_transaction_session_timeout") ?? "0");
      if (idle > 0 && result.status !== "I") {
        const e = new PgError(
          "IDLE_IN_TRANSACTION_SESSION_TIMEOUT",
          "terminating connection due to idle-in-transaction timeout",
          { severity: "FATAL" },
        );
        this.idleTimer = setTimeout(() => this.fatal(e), idle);
        this.idleTimer.unref();
      }
    } finally {
      this.disarm?.();
      this.disarm = undefined;
    }
  }

  /** Writes bytes, asking the runner to wait while the client does not read (backpressure). */
  private deliver(bytes: Buffer): Promise<void> | undefined {
    if (this.phase === "closed" || this.socket.destroyed) return undefined;
    if (this.socket.write(bytes)) return undefined;
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off("drain", done);
        this.socket.off("close", done);
        resolve();
      };
      this.socket.on("drain", done);
      this.socket.on("close", done);
    });
  }

  /**
   * A NOTIFY of another session reached this one: sent now if the session is idle outside a
   * transaction, else once it is ("not delivered until just after the transaction is completed").
   */
  notify(channel: string, payload: string, sender: number): void {
    this.notifications.push([channel, payload, sender]);
    if (!this.running && this.transactionStatus === "I") this.sendNotifications();
  }

  private sendNotifications(): void {
    if (this.notifications.length === 0 || this.phase !== "ready") return;
    const w = new Writer(256);
    for (const [channel, payload, sender] of this.notifications)
      encode.notificationResponse(w, sender, channel, payload);
    this.notifications = [];
    this.write(w);
  }

  /** CancelRequest: stops the running statement, if any. */
  cancel(): void {
    if (this.opened) this.runner.interrupt(StopReason.Cancel);
  }

  /**
   * Ends the connection from the server side. pg_terminate_backend (now) stops a running statement,
   * which reports the error itself; shutdown first waits for the running batch to end.
   */
  stop(reason: StopReason.Terminate | StopReason.Shutdown, now: boolean): void {
    if (!this.running || !this.opened) this.fatal(adminShutdown());
    else if (now) {
      this.ending = true;
      this.runner.interrupt(reason);
    } else this.endWhenIdle = true;
  }

  private write(w: Writer): void {
    if (w.length > 0 && !this.socket.destroyed) this.socket.write(w.take());
  }

  /** Sends a FATAL error where the protocol allows one and closes the connection. */
  fatal(e: PgError | ErrorFields): void {
    if (this.phase === "closed") return;
    this.phase = "closed";
    sendFatal(this.socket, e);
  }

  /**
   * Lets go of the socket without ending the connection, which another thread now serves: nothing
   * more is read or written here, and the session is not closed as if the client had left.
   */
  detach(): void {
    this.phase = "closed";
    clearTimeout(this.idleTimer);
    this.socket.removeAllListeners();
    this.socket.on("error", () => undefined);
    this.socket.destroy();
  }

  /** Ends the connection at once (the server is going away). */
  destroy(): void {
    this.socket.destroy();
  }

  private async closed(): Promise<void> {
    this.phase = "closed";
    clearTimeout(this.idleTimer);
    this.disarm?.();
    if (this.opened) {
      this.opened = false;
      await this.runner.close();
    }
    this.onClosed();
  }
}

/** Sends a FATAL ErrorResponse and ends the connection. */
export function sendFatal(socket: Socket, e: PgError | ErrorFields): void {
  const fields = e instanceof PgError ? e.fields : e;
  const w = new Writer(256);
  encode.errorResponse(w, { ...fields, severity: "FATAL" });
  if (!socket.destroyed) {
    socket.write(w.take());
    socket.end();
  }
}

/** The FATAL error that ends a connection whose input could not be handled. */
export function fatalFor(e: unknown, log: Logger, pid: number): PgError {
  if (e instanceof ProtocolError) {
    return new PgError(e.kind === "too-large" ? "PROGRAM_LIMIT_EXCEEDED" : "PROTOCOL_VIOLATION", e.message, {
      severity: "FATAL",
    });
  }
  if (e instanceof PgError) return e;
  log.error({ err: e, pid }, "unexpected error");
  return new PgError("INTERNAL_ERROR", "internal error", { severity: "FATAL" });
}

function withSeverity(e: PgError, severity: "FATAL"): PgError {
  e.fields.severity = severity;
  return e;
}
