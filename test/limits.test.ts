import { Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawClient, serialize } from "./support/raw-client.js";
import { startServer, type TestServer } from "./support/server.js";

/** Opens a socket, sends bytes, and returns everything received until the server closes it. */
function exchange(port: number, bytes: Buffer[], timeoutMs = 5000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = new Socket();
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`connection still open; got ${Buffer.concat(chunks).toString("latin1")}`));
    }, timeoutMs);
    s.on("data", (d) => chunks.push(d));
    s.on("close", () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    s.on("error", () => undefined);
    s.connect(port, "127.0.0.1", () => {
      for (const b of bytes) s.write(b);
    });
  });
}

/** The SQLSTATE of the first ErrorResponse in a byte stream. */
function sqlstate(bytes: Buffer): string | undefined {
  const i = bytes.indexOf(Buffer.from([0x45]));
  if (i < 0) return undefined;
  const m = /C([0-9A-Z]{5})\0/.exec(bytes.subarray(i).toString("latin1"));
  return m?.[1];
}

describe("limits and hostile input", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer([
      "--max-connections",
      "3",
      "--max-message-size",
      "65536",
      "--startup-timeout",
      "1",
    ]);
  });
  afterAll(async () => {
    await server.stop();
  });

  it("refuses connections beyond the limit with 53300", async () => {
    const clients = Array.from(
      { length: 3 },
      () => new pg.Client({ host: server.host, port: server.port, user: "u", database: "lim" }),
    );
    for (const c of clients) await c.connect();
    const extra = new pg.Client({ host: server.host, port: server.port, user: "u", database: "lim" });
    await expect(extra.connect()).rejects.toMatchObject({
      code: "53300",
      message: "sorry, too many clients already",
    });
    await clients[0]!.end();
    await new Promise((r) => setTimeout(r, 100));
    const again = new pg.Client({ host: server.host, port: server.port, user: "u", database: "lim" });
    await again.connect();
    await again.end();
    for (const c of clients.slice(1)) await c.end();
  });

  it("closes a connection that sends an oversized message, with an error", async () => {
    const startup = serialize.startup({ user: "u", database: "lim" });
    const huge = serialize.query(`SELECT '${"x".repeat(70_000)}'`);
    const got = await exchange(server.port, [startup, huge]);
    expect(sqlstate(got.subarray(got.indexOf(Buffer.from("Z")) + 1))).toBe("54000");
  });

  it("closes a connection that sends an unknown message type, with 08P01", async () => {
    const startup = serialize.startup({ user: "u", database: "lim" });
    const bogus = Buffer.from([0x21, 0, 0, 0, 4]);
    const got = await exchange(server.port, [startup, bogus]);
    expect(sqlstate(got.subarray(got.lastIndexOf(Buffer.from("Z")) + 1))).toBe("08P01");
  });

  it("closes a connection with a bad startup packet", async () => {
    const got = await exchange(server.port, [Buffer.from([0, 0, 0, 8, 0, 2, 0, 0])]);
    expect(sqlstate(got)).toBe("08P01");
    const negative = await exchange(server.port, [Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 3, 0, 0])]);
    expect(sqlstate(negative)).toBe("08P01");
  });

  it("closes a connection that does not finish startup in time", async () => {
    const started = Date.now();
    const got = await exchange(server.port, [Buffer.from([0, 0, 0])], 5000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(got.length).toBeGreaterThanOrEqual(0);
  });

  it("keeps serving other sessions while one misbehaves", async () => {
    const good = await RawClient.connect(server.port, { user: "u", database: "lim" });
    const startup = serialize.startup({ user: "u", database: "lim" });
    await exchange(server.port, [startup, Buffer.from("garbage that is not a message at all")]);
    good.send(serialize.query("SELECT 5 AS five"));
    const msgs = await good.untilReady();
    expect(msgs.find((m) => m.name === "dataRow")).toEqual({ name: "dataRow", fields: ["5"] });
    good.end();
  });

  it("rejects a user-less startup packet with 28000", async () => {
    const got = await exchange(server.port, [
      serialize.startup({ database: "lim" } as unknown as Record<string, string>),
    ]);
    expect(sqlstate(got)).toBe("28000");
  });
});
