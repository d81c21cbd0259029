import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./support/server.js";

describe("LISTEN and NOTIFY", () => {
  let server: TestServer;
  const config = (database = "chat") => ({ host: server.host, port: server.port, user: "u", database });
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("delivers committed notifications to the tenant's listeners only", async () => {
    const listener = new pg.Client(config());
    const sender = new pg.Client(config());
    const stranger = new pg.Client(config("elsewhere"));
    await Promise.all([listener.connect(), sender.connect(), stranger.connect()]);
    const got: { channel: string; payload?: string; processId: number }[] = [];
    const strangerGot: unknown[] = [];
    listener.on("notification", (n) =>
      got.push({ channel: n.channel, payload: n.payload, processId: n.processId }),
    );
    stranger.on("notification", (n) => strangerGot.push(n));
    await listener.query("LISTEN jobs");
    await stranger.query("LISTEN jobs");
    const senderPid = (await sender.query("SELECT pg_backend_pid() AS pid")).rows[0].pid;
    await sender.query("NOTIFY jobs, 'first'");
    await sender.query("BEGIN");
    await sender.query("NOTIFY jobs, 'rolled back'");
    await sender.query("ROLLBACK");
    await sender.query("BEGIN");
    await sender.query("SELECT pg_notify('jobs', 'second')");
    await sender.query("NOTIFY other, 'not listened'");
    await sender.query("COMMIT");
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toEqual([
      { channel: "jobs", payload: "first", processId: senderPid },
      { channel: "jobs", payload: "second", processId: senderPid },
    ]);
    expect(strangerGot).toEqual([]);
    await listener.query("UNLISTEN jobs");
    await sender.query("NOTIFY jobs, 'after unlisten'");
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toHaveLength(2);
    await Promise.all([listener.end(), sender.end(), stranger.end()]);
  });
});
