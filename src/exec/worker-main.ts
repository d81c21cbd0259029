import { parentPort, workerData } from "node:worker_threads";
import { internalError, PgError } from "../errors/pg-error.js";
import { loadParser } from "../sql/parse.js";
import { Engine } from "./engine.js";
import type { FromWorker, ToWorker, WorkerOptions } from "./worker-protocol.js";

/**
 * A thread that runs tenants: it owns their SQLite connections and executes the messages of
 * their sessions, sending back protocol bytes. The socket thread never runs SQL.
 */
const port = parentPort!;
const options = workerData as WorkerOptions;
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

/** While requests are in progress, a heartbeat tells the socket thread this thread is not stuck. */
let active = 0;
let beat: NodeJS.Timeout | undefined;
function busy(delta: number): void {
  active += delta;
  // The timer stops itself once the thread is idle, so that short runs do not each set one up.
  beat ??= setInterval(() => {
    if (active > 0) send({ t: "beat" });
    else {
      clearInterval(beat);
      beat = undefined;
    }
  }, 10);
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
      engine.close(msg.session);
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
    case "shutdown":
      engine.shutdown();
      send({ t: "shut", id: msg.id });
      return;
  }
});
