import { readFileSync } from "node:fs";
import { Socket } from "node:net";
import { serialize } from "pg-protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.js";

const ROWS = 10_000_000;

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? 0) / 1024;
}

/** Counts DataRow messages of a raw stream until ReadyForQuery, reading only when asked to. */
class Counter {
  rows = 0;
  done = false;
  error: string | undefined;
  private pending = Buffer.alloc(0);

  feed(chunk: Buffer): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let i = 0;
    while (buf.length - i >= 5) {
      const len = buf.readInt32BE(i + 1);
      if (buf.length - i < len + 1) break;
      const code = buf[i];
      if (code === 0x44) this.rows++;
      else if (code === 0x45) this.error = buf.subarray(i + 5, i + 1 + len).toString("latin1");
      else if (code === 0x5a && this.rows > 0) this.done = true;
      i += len + 1;
    }
    buf = buf.subarray(i);
    this.pending = Buffer.from(buf);
  }
}

describe("streaming large results", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("sends ten million rows to a slow reader without growing the server's memory", {
    timeout: 180_000,
  }, async () => {
    const socket = new Socket();
    const counter = new Counter();
    await new Promise<void>((resolve) => socket.connect(server.port, "127.0.0.1", () => resolve()));
    const ready = new Promise<void>((resolve) => {
      const onData = (d: Buffer) => {
        if (d.includes(Buffer.from("Z\0\0\0\x05I"))) {
          socket.off("data", onData);
          resolve();
        }
      };
      socket.on("data", onData);
    });
    socket.write(serialize.startup({ user: "u", database: "stream" }));
    await ready;
    const baseline = rssMiB(server.process.pid!);
    socket.pause();
    socket.on("data", (d: Buffer) => counter.feed(d));
    socket.write(
      serialize.query(
        `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${ROWS}) SELECT x, 'padding padding padding' FROM c`,
      ),
    );
    // The client reads nothing for two seconds: the server must wait, not buffer.
    let peak = baseline;
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 100));
      peak = Math.max(peak, rssMiB(server.process.pid!));
    }
    const whilePaused = peak;
    socket.resume();
    while (!counter.done && !counter.error) {
      await new Promise((r) => setTimeout(r, 200));
      peak = Math.max(peak, rssMiB(server.process.pid!));
    }
    socket.destroy();
    expect(counter.error).toBeUndefined();
    expect(counter.rows).toBe(ROWS);
    // The result is about 350 MB of protocol data: buffering it would show here.
    expect(whilePaused - baseline).toBeLessThan(64);
    expect(peak - baseline).toBeLessThan(200);
  });

  it("round-trips a 64 MiB value", { timeout: 60_000 }, async () => {
    const pg = (await import("pg")).default;
    const c = new pg.Client({ host: server.host, port: server.port, user: "u", database: "stream" });
    await c.connect();
    await c.query("CREATE TABLE blobs (id integer PRIMARY KEY, body text, data bytea)");
    const body = "x".repeat(64 * 1024 * 1024);
    await c.query("INSERT INTO blobs VALUES (1, $1, $2)", [body, Buffer.alloc(1024 * 1024, 7)]);
    const r = await c.query("SELECT length(body) AS n, data FROM blobs");
    expect(r.rows[0].n).toBe(body.length);
    expect(Buffer.compare(r.rows[0].data, Buffer.alloc(1024 * 1024, 7))).toBe(0);
    await c.end();
  });
});
