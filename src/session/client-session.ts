import type { Socket } from "node:net";
import { type SecureContext, TLSSocket } from "node:tls";
import type { Logger } from "pino";
import { type ErrorFields, PgError } from "../errors/pg-error.js";
import type { Executor } from "../exec/executor.js";
import { StopReason } from "../exec/interrupts.js";
import { AuthCode } from "../protocol/codes.js";
import { decodeFrontend, decodeStartup } from "../protocol/decode.js";
import * as encode from "../protocol/encode.js";
import { FrameReader } from "../protocol/frame-reader.js";
import type { FrontendMessage, StartupRequest } from "../protocol/messages.js";
import { ProtocolError } from "../protocol/protocol-error.js";
import { Writer } from "../protocol/writer.js";
import { durationMs } from "../sql/settings.js";
import {
  type Authenticator,
  type AuthMethod,
  createAuthenticator,
  writeAuthRequest,
} from "./auth/authenticator.js";
import type { UserStore } from "./auth/user-store.js";
import { startupSettings } from "./startup-options.js";

export interface SessionEnvironment {
  executor: Executor;
  users: UserStore;
  auth: AuthMethod;
  tls?: SecureContext;
  maxMessageSize: number;
  startupTimeoutMs: number;
  log: Logger;
  /** Registers the session for CancelRequest and connection limits; throws 53300 when full. */
  register(session: ClientSession): void;
  unregister(session: ClientSession): void;
  cancel(pid: number, secret: number): void;
}

type Phase = "startup" | "auth" | "ready" | "closed";

/** Input beyond this many bytes waiting to be processed pauses reading from the socket. */
const INPUT_HIGH_WATER = 1 << 20;

/**
 * One client connection: startup, TLS, authentication, then batches of messages handed to the
 * executor, whose bytes go back to the socket. "Message Flow" in PostgreSQL's protocol docs.
 */
export class ClientSession {
  readonly pid: number;
  readonly secret: number;
  user = "";
  database = "";
  applicationName = "";
  private socket: Socket;
  private phase: Phase = "startup";
  private readonly reader: FrameReader;
  private authenticator: Authenticator | undefined;
  private startupParams = new Map<string, string>();
  private queue: FrontendMessage[] = [];
  private queuedBytes = 0;
  private running = false;
  private opened = false;
  private readonly startupTimer: NodeJS.Timeout;
  /** The session's non-default settings, as its executor last reported them. */
  private settings = new Map<string, string>();
  private statementTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Set when the connection is to end once the running batch is done. */
  private ending = false;

  constructor(
    socket: Socket,
    private readonly env: SessionEnvironment,
    ids: { pid: number; secret: number },
  ) {
    this.socket = socket;
    this.pid = ids.pid;
    this.secret = ids.secret;
    this.reader = new FrameReader(env.maxMessageSize);
    this.startupTimer = setTimeout(
      () =>
        this.fatal(
          new PgError("PROTOCOL_VIOLATION", "timeout expired during startup", { severity: "FATAL" }),
        ),
      env.startupTimeoutMs,
    );
    this.startupTimer.unref();
    this.attach(socket);
  }

  private attach(socket: Socket): void {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (e) => this.env.log.debug({ pid: this.pid, err: e.message }, "socket error"));
    socket.on("close", () => void this.closed());
  }

  private onData(chunk: Buffer): void {
    this.reader.push(chunk);
    try {
      for (
        let frame = this.reader.next();
        frame;
        frame = this.phase === "closed" ? undefined : this.reader.next()
      ) {
        if (this.phase === "startup") {
          this.onStartup(decodeStartup(frame.body));
          if (this.upgrading) {
            // The client must wait for the answer before its TLS handshake; plain bytes queued
            // behind an SSLRequest would be read as if they had been encrypted (CVE-2021-23214).
            if (this.reader.pendingBytes > 0) {
              throw new PgError("PROTOCOL_VIOLATION", "received unencrypted data after SSL request", {
                severity: "FATAL",
              });
            }
            this.startTls();
            return;
          }
        } else {
          const msg = decodeFrontend(frame.code, frame.body);
          if (this.phase === "auth") this.onAuth(msg);
          else this.enqueue(msg, frame.body.length);
        }
      }
      // All messages of the chunk form one batch: a Bind/Execute/Sync pipeline costs one run and one write.
      if (this.queue.length > 0) void this.pump();
    } catch (e) {
      if (e instanceof ProtocolError) {
        this.fatal(
          new PgError(e.kind === "too-large" ? "PROGRAM_LIMIT_EXCEEDED" : "PROTOCOL_VIOLATION", e.message, {
            severity: "FATAL",
          }),
        );
      } else if (e instanceof PgError) {
        this.fatal(e);
      } else {
        this.env.log.error({ err: e, pid: this.pid }, "unexpected error");
        this.fatal(new PgError("INTERNAL_ERROR", "internal error", { severity: "FATAL" }));
      }
    }
  }

  private upgrading = false;

  private onStartup(req: StartupRequest): void {
    switch (req.type) {
      case "SSLRequest":
        if (this.env.tls && !(this.socket instanceof TLSSocket)) {
          this.upgrading = true;
          this.socket.write("S");
        } else {
          this.socket.write("N");
        }
        return;
      case "GSSENCRequest":
        this.socket.write("N");
        return;
      case "CancelRequest":
        this.env.cancel(req.pid, req.secret);
        this.phase = "closed";
        this.socket.end();
        return;
      case "Startup":
        this.startup(req);
        return;
    }
  }

  private startTls(): void {
    const plain = this.socket;
    plain.removeAllListeners("data");
    plain.removeAllListeners("close");
    plain.removeAllListeners("error");
    const secure = new TLSSocket(plain, { isServer: true, secureContext: this.env.tls });
    this.socket = secure;
    this.upgrading = false;
    this.attach(secure);
  }

  private startup(req: Extract<StartupRequest, { type: "Startup" }>): void {
    this.reader.expectTyped();
    const w = new Writer(256);
    // "NegotiateProtocolVersion ... if the client requested a newer minor version or unrecognized protocol options."
    if (req.minor > 0 || req.protocolOptions.length > 0)
      encode.negotiateProtocolVersion(w, 0, req.protocolOptions);
    this.startupParams = req.params;
    this.user = req.params.get("user") ?? "";
    if (this.user === "") {
      this.write(w);
      throw new PgError(
        "INVALID_AUTHORIZATION_SPECIFICATION",
        "no PostgreSQL user name specified in startup packet",
        { severity: "FATAL" },
      );
    }
    this.database = req.params.get("database") || this.user;
    this.applicationName = req.params.get("application_name") ?? "";
    this.env.register(this);
    this.phase = "auth";
    this.authenticator = createAuthenticator(this.env.auth, this.user, this.env.users);
    const step = this.authenticator.start();
    if (step.send) writeAuthRequest(w, step.send);
    this.write(w);
    if (step.done) this.authenticated();
  }

  private onAuth(msg: FrontendMessage): void {
    if (msg.type !== "Password") {
      throw new PgError("PROTOCOL_VIOLATION", `expected password response, got message type ${msg.type}`, {
        severity: "FATAL",
      });
    }
    const step = this.authenticator!.receive(msg.body);
    const w = new Writer(256);
    if (step.send) writeAuthRequest(w, step.send);
    this.write(w);
    if (step.done) this.authenticated();
  }

  private authenticated(): void {
    this.phase = "ready";
    clearTimeout(this.startupTimer);
    const w = new Writer(512);
    encode.authentication(w, AuthCode.Ok);
    this.write(w);
    this.running = true;
    void this.openSession();
  }

  private async openSession(): Promise<void> {
    try {
      const settings = startupSettings(this.startupParams);
      const opened = await this.env.executor.open({
        sessionId: this.pid,
        pid: this.pid,
        user: this.user,
        database: this.database,
        settings,
        ...(this.socket instanceof TLSSocket ? { tls: tlsFacts(this.socket) } : {}),
      });
      const reported = opened.reported;
      this.settings = new Map(opened.settings);
      this.opened = true;
      const w = new Writer(512);
      for (const [name, value] of reported) encode.parameterStatus(w, name, value);
      encode.backendKeyData(w, this.pid, this.secret);
      encode.readyForQuery(w, "I");
      this.write(w);
      this.env.log.debug({ pid: this.pid, user: this.user, database: this.database }, "session started");
    } catch (e) {
      this.fatal(
        e instanceof PgError
          ? withSeverity(e, "FATAL")
          : new PgError("INTERNAL_ERROR", "internal error", { severity: "FATAL" }),
      );
      if (!(e instanceof PgError)) this.env.log.error({ err: e }, "could not open session");
      return;
    }
    this.running = false;
    void this.pump();
  }

  private enqueue(msg: FrontendMessage, size: number): void {
    clearTimeout(this.idleTimer);
    this.queue.push(msg);
    this.queuedBytes += size;
    if (this.queuedBytes > INPUT_HIGH_WATER) this.socket.pause();
  }

  /** Hands queued messages to the executor one batch at a time, in order. */
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
        if (this.ending) {
          this.phase = "closed";
          this.socket.end();
          return;
        }
        if (end >= 0) {
          this.phase = "closed";
          this.socket.end();
        }
      }
    } catch (e) {
      this.env.log.error({ err: e, pid: this.pid }, "unexpected error while running a batch");
      this.fatal(new PgError("INTERNAL_ERROR", "internal error", { severity: "FATAL" }));
    } finally {
      this.running = false;
    }
  }

  /** Runs a batch under statement_timeout, then arms idle_in_transaction_session_timeout. */
  private async runBatch(messages: FrontendMessage[]): Promise<void> {
    const timeout = durationMs(this.settings.get("statement_timeout") ?? "0");
    if (timeout > 0 && messages.some((m) => m.type === "Query" || m.type === "Execute")) {
      this.statementTimer = setTimeout(
        () => this.env.executor.interrupt(this.pid, StopReason.StatementTimeout),
        timeout,
      );
    }
    try {
      const result = await this.env.executor.run(this.pid, messages, (bytes) => this.deliver(bytes));
      if (result.settings) this.settings = new Map(result.settings);
      this.transactionStatus = result.status;
      if (result.status === "I") this.sendNotifications();
      const idle = durationMs(this.settings.get("idle_in_transaction_session_timeout") ?? "0");
      if (idle > 0 && result.status !== "I") {
        const e = new PgError(
          "IDLE_IN_TRANSACTION_SESSION_TIMEOUT",
          "terminating connection due to idle-in-transaction timeout",
          {
            severity: "FATAL",
          },
        );
        this.idleTimer = setTimeout(() => this.fatal(e), idle);
        this.idleTimer.unref();
      }
    } finally {
      clearTimeout(this.statementTimer);
    }
  }

  /** Writes bytes, asking the executor to wait while the client does not read (backpressure). */
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

  /** Notifications waiting for the session to be idle outside a transaction. */
  private notifications: [string, string, number][] = [];
  private transactionStatus: "I" | "T" | "E" = "I";

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
    if (this.opened) this.env.executor.interrupt(this.pid, StopReason.Cancel);
  }

  /**
   * Ends the connection from the server side (shutdown, pg_terminate_backend): a running statement
   * is stopped and reports the error itself; an idle session is told here.
   */
  stop(reason: StopReason.Terminate | StopReason.Shutdown): void {
    const e = new PgError("ADMIN_SHUTDOWN", "terminating connection due to administrator command", {
      severity: "FATAL",
    });
    if (this.running && this.opened) {
      this.ending = true;
      this.env.executor.interrupt(this.pid, reason);
    } else {
      this.fatal(e);
    }
  }

  /** Whether a batch is being executed. */
  get busy(): boolean {
    return this.running;
  }

  private write(w: Writer): void {
    if (w.length > 0 && !this.socket.destroyed) this.socket.write(w.take());
  }

  /** Sends a FATAL error where the protocol allows one and closes the connection. */
  fatal(e: PgError | ErrorFields): void {
    if (this.phase === "closed") return;
    const fields = e instanceof PgError ? e.fields : e;
    const w = new Writer(256);
    encode.errorResponse(w, { ...fields, severity: "FATAL" });
    this.phase = "closed";
    if (!this.socket.destroyed) {
      this.socket.write(w.take());
      this.socket.end();
    }
  }

  private async closed(): Promise<void> {
    this.phase = "closed";
    clearTimeout(this.startupTimer);
    clearTimeout(this.idleTimer);
    clearTimeout(this.statementTimer);
    this.env.unregister(this);
    if (this.opened) {
      this.opened = false;
      await this.env.executor.close(this.pid);
    }
  }
}

function withSeverity(e: PgError, severity: "FATAL"): PgError {
  e.fields.severity = severity;
  return e;
}

/** The protocol and cipher of an encrypted connection, as pg_stat_ssl shows them. */
function tlsFacts(socket: TLSSocket): { version: string; cipher: string; bits: number } {
  const cipher = socket.getCipher();
  const bits = /(\d{3})/.exec(cipher.name)?.[1];
  return { version: socket.getProtocol() ?? "", cipher: cipher.name, bits: Number(bits ?? 0) };
}
