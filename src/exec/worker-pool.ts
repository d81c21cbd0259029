import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import { PgError } from "../errors/pg-error.js";
import { ACTIVITY_BYTES, activityCells, type WorkerHandle } from "./placement.js";
import type { FromWorker, ToWorker, WorkerData, WorkerOptions } from "./worker-protocol.js";

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  deliver?: (bytes: Buffer) => Promise<void> | undefined;
}

/** Replies to requests, which the pool matches with their requests; the rest are events. */
type Reply = Extract<FromWorker, { t: "opened" | "failed" | "data" | "done" | "released" | "shut" }>;
export type WorkerEvent = Exclude<FromWorker, Reply>;

/**
 * The threads that run tenants, and requests to them: each request has an id its replies carry,
 * and a run's result bytes come back in chunks that are acknowledged once delivered, so that a
 * thread waits while its client reads slowly.
 */
export class WorkerPool {
  readonly handles: WorkerHandle[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    count: number,
    options: WorkerOptions,
    movable: SharedArrayBuffer,
    log: Logger,
    private readonly onEvent: (h: WorkerHandle, event: WorkerEvent) => void,
  ) {
    const url = new URL("./worker-main.js", import.meta.url);
    const activity = new SharedArrayBuffer(count * ACTIVITY_BYTES);
    this.handles = Array.from({ length: count }, (_, index) => {
      const workerData: WorkerData = { ...options, index, activity, movable };
      const worker = new Worker(url, { workerData });
      const handle: WorkerHandle = {
        index,
        worker,
        inflight: 0,
        ...activityCells(activity, index),
        tenants: new Set(),
      };
      worker.on("message", (msg: FromWorker) => this.onMessage(handle, msg));
      worker.on("error", (e) => log.error({ err: e, worker: index }, "worker failed"));
      return handle;
    });
  }

  send(h: WorkerHandle, msg: ToWorker): void {
    h.worker.postMessage(msg);
  }

  request<T>(h: WorkerHandle, make: (id: number) => ToWorker, deliver?: Pending["deliver"]): Promise<T> {
    const id = this.nextId++;
    h.inflight++;
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        h.inflight--;
        this.pending.delete(id);
      };
      this.pending.set(id, {
        resolve: (v) => {
          done();
          resolve(v as T);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        deliver,
      });
      this.send(h, make(id));
    });
  }

  private onMessage(h: WorkerHandle, msg: FromWorker): void {
    switch (msg.t) {
      case "opened":
        this.pending.get(msg.id)?.resolve(msg.result);
        return;
      case "failed":
        this.pending.get(msg.id)?.reject(PgError.fromFields(msg.error));
        return;
      case "data": {
        const wait = this.pending.get(msg.id)?.deliver?.(bytesOf(msg.bytes));
        const ack = () => this.send(h, { t: "ack", id: msg.id, bytes: msg.bytes.byteLength });
        if (wait) void wait.then(ack);
        else ack();
        return;
      }
      case "done": {
        const p = this.pending.get(msg.id);
        const wait = msg.bytes.byteLength > 0 ? p?.deliver?.(bytesOf(msg.bytes)) : undefined;
        if (wait) void wait.then(() => p?.resolve(msg.result));
        else p?.resolve(msg.result);
        return;
      }
      case "released":
        this.pending.get(msg.id)?.resolve(msg.ok);
        return;
      case "shut":
        this.pending.get(msg.id)?.resolve(undefined);
        return;
      default:
        this.onEvent(h, msg);
    }
  }

  /** Asks every thread to close its tenants, then ends the threads. */
  async shutdown(): Promise<void> {
    await Promise.all(this.handles.map((h) => this.request(h, (id) => ({ t: "shutdown", id }))));
    await Promise.all(this.handles.map((h) => h.worker.terminate()));
  }
}

function bytesOf(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
