import type { Socket } from "node:net";
import { type SecureContext, TLSSocket } from "node:tls";
import type { Logger } from "pino";
import { type ErrorFields, PgError } from "../errors/pg-error.js";
import type { OpenSession } from "../exec/engine.js";
import type { Executor, SessionTarget } from "../exec/executor.js";
import { StopReason } from "../exec/interrupts.js";
import { decodeFrontend, decodeStartup } from "../protocol/decode.js";
import * as encode from "../protocol/encode.js";
import { FrameReader } from "../protocol/frame-reader.js";
import type { FrontendMessage, StartupRequest } from "../protocol/messages.js";
import { Writer } from "../protocol/writer.js";
import {
  type Authenticator,
  type AuthMethod,
  createAuthenticator,
  writeAuthRequest,
} from "./auth/authenticator.js";
import type { UserStore } from "./auth/user-store.js";
import { fatalFor, SessionLoop, type SessionRunner, sendFatal } from "./session-loop.js";
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

/**
 * One client connection: startup, TLS and authentication ("Message Flow" in PostgreSQL's protocol
 * docs); then a SessionLoop serves it, on this thread or on the thread that runs its tenant.
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
  private readonly startupTimer: NodeJS.Timeout;

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
        frame = this.phase === "startup" || this.phase === "auth" ? this.reader.next() : undefined
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
          // Messages after authentication stay in the reader for the session's loop.
          this.onAuth(decodeFrontend(frame.code, frame.body));
        }
      }
    } catch (e) {
      this.fatal(fatalFor(e, this.env.log, this.pid));
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
    const socket = this.socket;
    socket.removeAllListeners("data");
    socket.removeAllListeners("close");
    socket.removeAllListeners("error");
    const req: OpenSession = {
      sessionId: this.pid,
      pid: this.pid,
      user: this.user,
      database: this.database,
      settings: startupSettings(this.startupParams),
      ...(socket instanceof TLSSocket ? { tls: tlsFacts(socket) } : {}),
    };
    const executor = this.env.executor;
    const adopt = executor.adopt?.bind(executor);
    if (adopt && !(socket instanceof TLSSocket) && typeof socketFd(socket) === "number") {
      void this.handOver(adopt, req);
      return;
    }
    const pid = this.pid;
    const runner: SessionRunner = {
      open: () => executor.open(req),
      run: (messages, deliver) => executor.run(pid, messages, deliver),
      interrupt: (reason) => executor.interrupt(pid, reason),
      close: () => executor.close(pid),
      armTimeout: (ms) => {
        const timer = setTimeout(() => executor.interrupt(pid, StopReason.StatementTimeout), ms);
        return () => clearTimeout(timer);
      },
    };
    const loop = new SessionLoop(socket, this.reader, runner, this, this.env.log, () => this.closed());
    this.target = loop;
    void loop.start();
  }

  /**
   * Gives the connection to the thread that runs its tenant, which serves it from then on without
   * a hop between threads per message. What the client has sent meanwhile goes along.
   */
  private async handOver(adopt: NonNullable<Executor["adopt"]>, req: OpenSession): Promise<void> {
    const socket = this.socket;
    socket.on("error", (e) => this.env.log.debug({ pid: this.pid, err: e.message }, "socket error"));
    socket.pause();
    await this.flushed;
    const pending: Buffer[] = [this.reader.takeAll()];
    for (let c = socket.read() as Buffer | null; c !== null; c = socket.read() as Buffer | null)
      pending.push(c);
    if (socket.destroyed) {
      this.closed();
      return;
    }
    try {
      this.target = adopt(req, socketFd(socket)!, Buffer.concat(pending), this.secret, () => this.closed());
    } catch (e) {
      this.fatal(fatalFor(e, this.env.log, this.pid));
      socket.once("close", () => this.closed());
      return;
    }
    socket.destroy();
  }

  /** Where messages for an authenticated session go: its loop here, or the thread serving it. */
  private target: SessionTarget | undefined;

  /** A NOTIFY of another session reached this one. */
  notify(channel: string, payload: string, sender: number): void {
    this.target?.notify(channel, payload, sender);
  }

  /** CancelRequest: stops the running statement, if any. */
  cancel(): void {
    this.target?.cancel();
  }

  /**
   * Ends the connection from the server side: pg_terminate_backend (now), or shutdown, which
   * lets a running batch finish first.
   */
  stop(reason: StopReason.Terminate | StopReason.Shutdown, now: boolean): void {
    if (this.target) this.target.stop(reason, now);
    else
      this.fatal(
        new PgError("ADMIN_SHUTDOWN", "terminating connection due to administrator command", {
          severity: "FATAL",
        }),
      );
  }

  /** Resolves once everything written so far has reached the socket. */
  private flushed: Promise<void> = Promise.resolve();

  private write(w: Writer): void {
    if (w.length === 0 || this.socket.destroyed) return;
    this.flushed = new Promise((resolve) => this.socket.write(w.take(), () => resolve()));
  }

  /** Sends a FATAL error where the protocol allows one and closes the connection. */
  fatal(e: PgError | ErrorFields): void {
    if (this.phase === "closed") return;
    this.phase = "closed";
    sendFatal(this.socket, e);
  }

  private closedOnce = false;

  private closed(): void {
    if (this.closedOnce) return;
    this.closedOnce = true;
    this.phase = "closed";
    clearTimeout(this.startupTimer);
    this.env.unregister(this);
  }
}

/** The descriptor of a plain TCP socket, which another thread can serve. */
function socketFd(socket: Socket): number | undefined {
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  return typeof fd === "number" && fd >= 0 ? fd : undefined;
}

/** The protocol and cipher of an encrypted connection, as pg_stat_ssl shows them. */
function tlsFacts(socket: TLSSocket): { version: string; cipher: string; bits: number } {
  const cipher = socket.getCipher();
  const bits = /(\d{3})/.exec(cipher.name)?.[1];
  return { version: socket.getProtocol() ?? "", cipher: cipher.name, bits: Number(bits ?? 0) };
}
