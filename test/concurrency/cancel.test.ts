import { Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.js";

/** Counts to 10^10: without being stopped it would run for many minutes. */
/**
 * How soon a stopped statement must have ended: far below the minutes it would otherwise run, and
 * loose enough for a loaded machine (the latency itself is measured by the benchmarks, not here).
 */
const STOPPED_WITHIN_MS = 3000;
const RUNAWAY =
  "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000000) SELECT count(*) FROM c";

/** Sends a CancelRequest as libpq does: a new connection carrying the process ID and secret key. */
function sendCancel(port: number, pid: number, secret: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = new Socket();
    const b = Buffer.alloc(16);
    b.writeInt32BE(16, 0);
    b.writeInt32BE(80877102, 4);
    b.writeInt32BE(pid, 8);
    b.writeInt32BE(secret, 12);
    s.on("error", reject);
    s.on("close", () => resolve());
    s.connect(port, "127.0.0.1", () => s.end(b));
  });
}

function keys(c: pg.Client): { pid: number; secret: number } {
  const x = c as unknown as { processID: number; secretKey: number };
  return { pid: x.processID, secret: x.secretKey };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs sql and reports when and how it failed. */
async function failure(c: pg.Client, sql: string): Promise<{ error: pg.DatabaseError; at: number }> {
  try {
    await c.query(sql);
  } catch (e) {
    return { error: e as pg.DatabaseError, at: performance.now() };
  }
  throw new Error("the statement was expected to fail");
}

describe("stopping a running statement", () => {
  let server: TestServer;
  const config = (database = "cancel") => ({ host: server.host, port: server.port, user: "u", database });

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("CancelRequest stops it at once with 57014, and the session stays usable", async () => {
    const c = new pg.Client(config());
    await c.connect();
    const running = failure(c, RUNAWAY);
    await sleep(300);
    const sent = performance.now();
    await sendCancel(server.port, keys(c).pid, keys(c).secret);
    const { error, at } = await running;
    expect(error).toMatchObject({ code: "57014", message: "canceling statement due to user request" });
    expect(at - sent).toBeLessThan(STOPPED_WITHIN_MS);
    expect((await c.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
    await c.end();
  });

  it("a CancelRequest with the wrong secret does nothing", async () => {
    const c = new pg.Client(config());
    await c.connect();
    await c.query("SET statement_timeout = '1s'");
    const running = failure(c, RUNAWAY);
    await sleep(100);
    await sendCancel(server.port, keys(c).pid, keys(c).secret ^ 1);
    const { error } = await running;
    expect(error.message).toBe("canceling statement due to statement timeout");
    await c.end();
  });

  it("statement_timeout stops it with 57014", async () => {
    const c = new pg.Client(config());
    await c.connect();
    await c.query("SET statement_timeout = 200");
    const started = performance.now();
    const { error, at } = await failure(c, RUNAWAY);
    expect(error).toMatchObject({ code: "57014", message: "canceling statement due to statement timeout" });
    expect(at - started).toBeGreaterThanOrEqual(190);
    expect(at - started).toBeLessThan(200 + STOPPED_WITHIN_MS);
    await c.query("RESET statement_timeout");
    expect((await c.query("SELECT 2 AS ok")).rows).toEqual([{ ok: 2 }]);
    await c.end();
  });

  it("statement_timeout from the startup options applies", async () => {
    const c = new pg.Client({ ...config(), options: "-c statement_timeout=150" });
    await c.connect();
    const { error } = await failure(c, RUNAWAY);
    expect(error.code).toBe("57014");
    await c.end();
  });

  it("pg_cancel_backend and pg_terminate_backend reach sessions of the same tenant", async () => {
    const victim = new pg.Client(config());
    const admin = new pg.Client(config());
    await victim.connect();
    await admin.connect();
    victim.on("error", () => undefined);
    const pid = (await victim.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
    const running = failure(victim, RUNAWAY);
    await sleep(200);
    const sent = performance.now();
    expect((await admin.query("SELECT pg_cancel_backend($1) AS ok", [pid])).rows).toEqual([{ ok: true }]);
    const cancelled = await running;
    expect(cancelled.error.code).toBe("57014");
    expect(cancelled.at - sent).toBeLessThan(STOPPED_WITHIN_MS);
    const again = failure(victim, RUNAWAY);
    await sleep(200);
    expect((await admin.query("SELECT pg_terminate_backend($1) AS ok", [pid])).rows).toEqual([{ ok: true }]);
    const terminated = await again;
    expect(terminated.error).toMatchObject({
      code: "57P01",
      message: "terminating connection due to administrator command",
    });
    const other = new pg.Client(config("othertenant"));
    await other.connect();
    expect((await other.query("SELECT pg_cancel_backend($1) AS ok", [keys(admin).pid])).rows).toEqual([
      { ok: false },
    ]);
    await other.end();
    await admin.end();
  });

  it("idle_in_transaction_session_timeout ends an idle transaction with 25P03", async () => {
    const c = new pg.Client(config());
    await c.connect();
    const closed = new Promise<pg.DatabaseError>((resolve) =>
      c.on("error", (e) => resolve(e as pg.DatabaseError)),
    );
    await c.query("SET idle_in_transaction_session_timeout = 150");
    await c.query("BEGIN");
    await c.query("CREATE TABLE idle_tx (x integer)");
    const e = await closed;
    expect(e).toMatchObject({
      code: "25P03",
      message: "terminating connection due to idle-in-transaction timeout",
    });
    const d = new pg.Client(config());
    await d.connect();
    // The transaction rolled back: the table does not exist.
    await expect(d.query("SELECT * FROM idle_tx")).rejects.toMatchObject({ code: "42P01" });
    await d.end();
  });

  it("a waiting writer can be cancelled too", async () => {
    const a = new pg.Client(config());
    const b = new pg.Client(config());
    await a.connect();
    await b.connect();
    await a.query("CREATE TABLE waits (x integer)");
    await a.query("BEGIN");
    await a.query("INSERT INTO waits VALUES (1)");
    const waiting = failure(b, "INSERT INTO waits VALUES (2)");
    await sleep(100);
    await sendCancel(server.port, keys(b).pid, keys(b).secret);
    expect((await waiting).error.code).toBe("57014");
    await a.query("COMMIT");
    expect((await b.query("SELECT count(*)::int AS n FROM waits")).rows).toEqual([{ n: 1 }]);
    await a.end();
    await b.end();
  });

  it("an idle session of the same tenant keeps its settings and prepared statements while another runs away", async () => {
    const heavy = new pg.Client(config("keeps"));
    const idle = new pg.Client(config("keeps"));
    await heavy.connect();
    await idle.connect();
    await idle.query("SET application_name = 'kept'");
    await idle.query("LISTEN kept");
    const notified = new Promise<string | undefined>((r) => idle.once("notification", (n) => r(n.payload)));
    const byName = { name: "twice", text: "SELECT $1::int * 2 AS n", values: [21] };
    expect((await idle.query(byName)).rows).toEqual([{ n: 42 }]);
    const running = failure(heavy, RUNAWAY);
    await sleep(300);
    expect((await idle.query({ ...byName, values: [5] })).rows).toEqual([{ n: 10 }]);
    expect((await idle.query("SHOW application_name")).rows).toEqual([{ application_name: "kept" }]);
    const notifier = new pg.Client(config("keeps"));
    await notifier.connect();
    await notifier.query("NOTIFY kept, 'still listening'");
    expect(await notified).toBe("still listening");
    await notifier.end();
    await sendCancel(server.port, keys(heavy).pid, keys(heavy).secret);
    expect((await running).error.code).toBe("57014");
    expect((await heavy.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    expect((await idle.query({ ...byName, values: [7] })).rows).toEqual([{ n: 14 }]);
    await heavy.end();
    await idle.end();
  });

  it("other tenants keep being served while one runs away", async () => {
    const heavy = new pg.Client(config("heavy"));
    await heavy.connect();
    const running = failure(heavy, RUNAWAY);
    await sleep(100);
    const light = new pg.Client(config("light"));
    await light.connect();
    for (let i = 0; i < 20; i++)
      expect((await light.query("SELECT $1::int AS i", [i])).rows).toEqual([{ i }]);
    await light.end();
    await sendCancel(server.port, keys(heavy).pid, keys(heavy).secret);
    expect((await running).error.code).toBe("57014");
    await heavy.end();
  });
});
