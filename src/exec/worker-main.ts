import { closeSync } from "node:fs";
import { Socket } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import pino from "pino";
import { internalError, PgError } from "../errors/pg-error.js";
import { FrameReader } from "../protocol/frame-reader.js";
import type { FrontendMessage } from "../protocol/messages.js";
import { SessionLoop } from "../session/session-loop.js";
import { loadParser } from "../sql/parse.js";
import { Engine } from "./engine.js";
import type { RunResult } from "./engine-host.js";
import { native } from "./interrupts.js";
import { activityCells } from "./placement.js";
import { installGate } from "./sqlite-gate.js";
import { type FromWorker, Movable, type ToWorker, type WorkerData } from "./worker-protocol.js";

/**
 * A thread that runs tenants: it owns their SQLite connections and serves the connections of
 * their sessions, which the socket thread hands over after authentication (or, for encrypted
 * connections, executes the messages the socket thread sends, sending back protocol bytes).
 * The socket thread never runs SQL.
 */
const port = parentPort!;
const options = workerData as WorkerData;
const { active, gate, beatAt, insideSince } = activityCells(options.activity, options.index);
const log = pino({ level: options.logLevel }, pino.destination(2));
await loadParser();

function send(msg: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
}

function fields(e: unknown) {
  if (e instanceof PgError) return e.fields;
  send({ t: "log", message: String((e as Error)?.message ?? e), stack: (e as Error)?.stack });
  return internalError().fields;
}

let nextRequest = 1;
const drops = new Map<number, { resolve: (v: boolean) => void; reject: (e: Error) => void }>();

const engine = new Engine(
  {
    ...options,
    onInternalError: (e) =>
      send({ t: "log", message: String((e as Error)?.message ?? e), stack: (e as Error)?.stack }),
  },
  {
    dropTenant: (name, ifExists, requester) =>
      new Promise((resolve, reject) => {
        const id = nextRequest++;
        drops.set(id, { resolve, reject });
        send({ t: "drop", id, name, ifExists, requester });
      }),
    signal: (pid, terminate) => send({ t: "signal", pid, terminate }),
    tenantClosed: (name) => send({ t: "tenant-closed", name }),
    listen: (pid, channel, on) => send({ t: "listen", pid, channel, on }),
    unlistenAll: (pid) => send({ t: "listen", pid, channel: undefined, on: false }),
    notify: (tenant, pid, notes) => send({ t: "notify", tenant, pid, notes }),
  },
);

/** Unacknowledged bytes per run; the run waits while its client reads slowly. */
const HIGH_WATER = 1 << 20;
const flows = new Map<number, { outstanding: number; wake?: () => void }>();

/**
 * While runs are in progress, the thread notes the time every 10 ms in memory the socket thread
 * reads: a thread whose time stands still is stuck in a statement (Placement.stuck).
 */
let beat: NodeJS.Timeout | undefined;
function busy(delta: number): void {
  Atomics.add(active, 0, delta);
  beatAt[0] = Date.now();
  // The timer stops itself once the thread is idle, so that short runs do not each set one up.
  beat ??= setInterval(() => {
    beatAt[0] = Date.now();
    if (Atomics.load(active, 0) === 0) {
      clearInterval(beat);
      beat = undefined;
    }
  }, 10);
}

/** Connections this thread serves itself, by session, with their cells in the movable table. */
const loops = new Map<number, { loop: SessionLoop; cell: number }>();
const movable = new Int32Array(options.movable);

/** Back from a long statement during which the socket thread moved connections: let go of them. */
installGate(gate, insideSince, () => {
  for (const [id, { loop, cell }] of loops) {
    if (Atomics.load(movable, cell) !== Movable.Moved) continue;
    loops.delete(id);
    loop.detach();
    // The session's state here goes once the statement that is running returns.
    setImmediate(() => engine.close(id, true));
    send({ t: "detached", session: id, cell });
  }
});

/** Named statements of the sessions served here, for the socket thread to move them. */
const named = new Map<number, Map<string, FrontendMessage>>();

/** After a batch: tells the socket thread what it needs to move the session, when that changed. */
function noteState(id: number, messages: FrontendMessage[], result: RunResult): void {
  const statements = named.get(id) ?? new Map<string, FrontendMessage>();
  named.set(id, statements);
  let changed = result.settings !== undefined;
  for (const m of messages) {
    if (m.type === "Parse" && m.name !== "") {
      statements.set(m.name, m);
      changed = true;
    } else if (m.type === "Close" && m.target === "S") changed = statements.delete(m.name) || changed;
  }
  if (changed)
    send({ t: "state", session: id, settings: result.settings, statements: [...statements.values()] });
}

function adopt(msg: Extract<ToWorker, { t: "adopt" }>): void {
  const id = msg.req.sessionId;
  let socket: Socket;
  try {
    socket = new Socket({ fd: msg.fd, readable: true, writable: true });
  } catch (e) {
    closeSync(msg.fd);
    log.error({ err: e, pid: msg.req.pid }, "could not take over a connection");
    send({ t: "closed", session: id });
    return;
  }
  const reader = new FrameReader(options.maxMessageSize);
  reader.expectTyped();
  reader.push(Buffer.from(msg.pending.buffer, msg.pending.byteOffset, msg.pending.byteLength));
  const ids = { pid: msg.req.pid, secret: msg.secret };
  if (msg.replay) named.set(id, new Map(msg.replay.map((m) => [(m as { name: string }).name, m])));
  const loop = new SessionLoop(
    socket,
    reader,
    {
      open: () => engine.open(msg.req, msg.replay),
      run: async (messages, deliver) => {
        busy(1);
        try {
          const result = await engine.run(id, messages, deliver);
          noteState(id, messages, result);
          return result;
        } finally {
          busy(-1);
        }
      },
      interrupt: (reason) => {
        native.interruptOwner(id, reason);
        engine.cancelWaits(id, reason);
      },
      close: () => engine.close(id),
      armTimeout: (ms) => {
        send({ t: "arm", session: id, ms });
        return () => send({ t: "disarm", session: id });
      },
    },
    ids,
    log,
    () => {
      loops.delete(id);
      named.delete(id);
      send({ t: "closed", session: id });
    },
  );
  loop.onMovable = (yes) => {
    if (Atomics.load(movable, msg.cell) !== Movable.Moved)
      Atomics.store(movable, msg.cell, yes ? Movable.Yes : Movable.No);
  };
  loops.set(id, { loop, cell: msg.cell });
  void loop.start(msg.replay === undefined);
}

function transferable(bytes: Buffer): ArrayBuffer[] {
  return bytes.byteLength >= 4096 && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}

async function run(msg: Extract<ToWorker, { t: "run" }>): Promise<void> {
  const flow = { outstanding: 0, wake: undefined as (() => void) | undefined };
  flows.set(msg.id, flow);
  busy(1);
  try {
    let last: Buffer = Buffer.alloc(0);
    let pendingLast = false;
    const result = await engine.run(msg.session, msg.messages, (bytes) => {
      if (pendingLast) {
        flow.outstanding += last.length;
        send({ t: "data", id: msg.id, bytes: last }, transferable(last));
      }
      last = bytes;
      pendingLast = true;
      if (flow.outstanding < HIGH_WATER) return undefined;
      return new Promise<void>((resolve) => {
        flow.wake = resolve;
      });
    });
    send({ t: "done", id: msg.id, bytes: last, result }, transferable(last));
  } catch (e) {
    const error = fields(e);
    send({ t: "failed", id: msg.id, error });
  } finally {
    flows.delete(msg.id);
    busy(-1);
  }
}

port.on("message", (msg: ToWorker) => {
  switch (msg.t) {
    case "open":
      try {
        send({ t: "opened", id: msg.id, result: engine.open(msg.req, msg.replay) });
      } catch (e) {
        send({ t: "failed", id: msg.id, error: fields(e) });
      }
      return;
    case "run":
      void run(msg);
      return;
    case "ack": {
      const flow = flows.get(msg.id);
      if (!flow) return;
      flow.outstanding -= msg.bytes;
      if (flow.outstanding < HIGH_WATER && flow.wake) {
        const wake = flow.wake;
        flow.wake = undefined;
        wake();
      }
      return;
    }
    case "close":
      engine.close(msg.session, msg.moved === true);
      return;
    case "cancel":
      engine.cancelWaits(msg.session, msg.reason);
      return;
    case "release":
      send({ t: "released", id: msg.id, ok: engine.releaseTenant(msg.name) });
      return;
    case "drop-result": {
      const waiter = drops.get(msg.id);
      drops.delete(msg.id);
      if (msg.error) waiter?.reject(PgError.fromFields(msg.error));
      else waiter?.resolve(msg.dropped === true);
      return;
    }
    case "adopt":
      adopt(msg);
      return;
    case "stop":
      loops.get(msg.session)?.loop.stop(msg.reason, msg.now);
      return;
    case "notification":
      loops.get(msg.session)?.loop.notify(msg.channel, msg.payload, msg.sender);
      return;
    case "shutdown":
      for (const { loop } of loops.values()) loop.destroy();
      engine.shutdown();
      send({ t: "shut", id: msg.id });
      return;
  }
});
