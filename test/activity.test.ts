import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./support/server.js";

/** pg_sleep, and what pg_stat_activity and pg_stat_ssl show of a tenant's sessions. */
describe("session activity", () => {
  let server: TestServer;
  const clients: pg.Client[] = [];
  async function connect(database: string, applicationName = "tests"): Promise<pg.Client> {
    const c = new pg.Client({
      host: server.host,
      port: server.port,
      user: "u",
      database,
      application_name: applicationName,
    });
    c.on("error", () => {});
    await c.connect();
    clients.push(c);
    return c;
  }
  const errorOf = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }),
    );

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await server.stop();
  });

  it("pg_sleep waits, returns void, and ends at statement_timeout or on cancel", async () => {
    const c = await connect("sleepy");
    const started = Date.now();
    const r = await c.query("SELECT pg_sleep(0.2) AS s, pg_typeof(pg_sleep(0)) AS t");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(r.rows).toEqual([{ s: "", t: "void" }]);
    expect(r.fields.map((f) => f.dataTypeID)).toEqual([2278, 2206]);

    await c.query("SET statement_timeout = 100");
    expect(await errorOf(c.query("SELECT pg_sleep(30)"))).toEqual({
      code: "57014",
      message: "canceling statement due to statement timeout",
    });
    await c.query("RESET statement_timeout");

    const other = await connect("sleepy");
    const pid = (await c.query("SELECT pg_backend_pid() AS pid")).rows[0].pid;
    const sleeping = errorOf(c.query("SELECT pg_sleep(30)"));
    await new Promise((r) => setTimeout(r, 100));
    expect((await other.query("SELECT pg_cancel_backend($1) AS ok", [pid])).rows).toEqual([{ ok: true }]);
    expect(await sleeping).toEqual({ code: "57014", message: "canceling statement due to user request" });
  });

  it("pg_stat_activity lists the tenant's sessions with their state and last query", async () => {
    const reader = await connect("watched", "reader");
    const busy = await connect("watched", "worker");
    const stranger = await connect("elsewhere", "stranger");
    await busy.query("BEGIN");
    await busy.query("SELECT 42");
    await stranger.query("SELECT 1");
    const pids = {
      reader: (await reader.query("SELECT pg_backend_pid() AS p")).rows[0].p,
      busy: (await busy.query("SELECT pg_backend_pid() AS p")).rows[0].p,
    };
    const r = await reader.query(
      `SELECT pid, datname, usename, application_name, state, query, xact_start IS NOT NULL AS in_xact,
              backend_start <= now() AS started, backend_type
         FROM pg_stat_activity ORDER BY application_name`,
    );
    expect(r.rows).toEqual([
      {
        pid: pids.reader,
        datname: "watched",
        usename: "u",
        application_name: "reader",
        state: "active",
        query: expect.stringContaining("FROM pg_stat_activity"),
        in_xact: true,
        started: true,
        backend_type: "client backend",
      },
      {
        pid: pids.busy,
        datname: "watched",
        usename: "u",
        application_name: "worker",
        state: "idle in transaction",
        query: "SELECT pg_backend_pid() AS p",
        in_xact: true,
        started: true,
        backend_type: "client backend",
      },
    ]);
    await busy.query("COMMIT");
    const after = await reader.query("SELECT state, xact_start FROM pg_stat_activity WHERE pid = $1", [
      pids.busy,
    ]);
    expect(after.rows).toEqual([{ state: "idle", xact_start: null }]);
  });

  it("pg_stat_ssl has a row for each session, unencrypted here", async () => {
    const c = await connect("watched", "ssl");
    const r = await c.query(
      "SELECT pid = pg_backend_pid() AS me, ssl, version, cipher, bits FROM pg_stat_ssl ORDER BY me DESC",
    );
    expect(r.rows[0]).toEqual({ me: true, ssl: false, version: null, cipher: null, bits: null });
    expect(r.rowCount).toBeGreaterThan(1);
  });
});
