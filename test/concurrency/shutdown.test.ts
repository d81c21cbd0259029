import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startServer } from "../support/server.js";

const count = (n: number) =>
  `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${n}) SELECT count(*) AS n FROM c`;

/** The first error the client reports; later ones (the closed connection) are expected. */
function nextError(c: pg.Client): Promise<pg.DatabaseError> {
  return new Promise((resolve) => c.on("error", (e) => resolve(e as pg.DatabaseError)));
}

describe("graceful shutdown", () => {
  it("lets a running statement finish, ends every session with 57P01, checkpoints and exits 0", async () => {
    const server = await startServer(["--shutdown-timeout", "20"]);
    const config = { host: server.host, port: server.port, user: "u", database: "shut" };
    const busy = new pg.Client(config);
    const idle = new pg.Client(config);
    await busy.connect();
    await idle.connect();
    await idle.query("CREATE TABLE kept (x integer)");
    await idle.query("INSERT INTO kept VALUES (1), (2), (3)");
    const idleEnded = nextError(idle);
    const busyEnded = nextError(busy);
    const running = busy.query(count(3_000_000));
    await new Promise((r) => setTimeout(r, 150));
    const exited = new Promise<number | null>((r) => server.process.once("exit", (code) => r(code)));
    server.process.kill("SIGTERM");
    expect(await idleEnded).toMatchObject({
      code: "57P01",
      message: "terminating connection due to administrator command",
    });
    expect((await running).rows).toEqual([{ n: "3000000" }]);
    expect(await busyEnded).toMatchObject({ code: "57P01" });
    expect(await exited).toBe(0);
    const wal = join(server.dataDir, "shut-wal");
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    const again = await startServer([], { dataDir: server.dataDir });
    const c = new pg.Client({ ...config, port: again.port });
    await c.connect();
    expect((await c.query("SELECT count(*)::int AS n FROM kept")).rows).toEqual([{ n: 3 }]);
    await c.end();
    await again.stop();
  });

  it("stops statements still running at the deadline", async () => {
    const server = await startServer(["--shutdown-timeout", "1"]);
    const c = new pg.Client({ host: server.host, port: server.port, user: "u", database: "shut" });
    await c.connect();
    c.on("error", () => undefined);
    const running = c.query(count(10_000_000_000)).then(
      () => undefined,
      (e: pg.DatabaseError) => e,
    );
    await new Promise((r) => setTimeout(r, 150));
    const exited = new Promise<number | null>((r) => server.process.once("exit", (code) => r(code)));
    const started = Date.now();
    server.process.kill("SIGTERM");
    expect(await running).toMatchObject({ code: "57P01" });
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("connection limits and open tenants", () => {
  it("limits connections per tenant with 53300", async () => {
    const server = await startServer(["--max-tenant-connections", "2"]);
    const config = { host: server.host, port: server.port, user: "u", database: "limited" };
    const a = new pg.Client(config);
    const b = new pg.Client(config);
    await a.connect();
    await b.connect();
    const c = new pg.Client(config);
    await expect(c.connect()).rejects.toMatchObject({
      code: "53300",
      message: 'too many connections for database "limited"',
    });
    const other = new pg.Client({ ...config, database: "other" });
    await other.connect();
    await other.end();
    await a.end();
    await b.end();
    await server.stop();
  });

  it("keeps serving tenants in use beyond the open-tenant bound", async () => {
    const server = await startServer(["--max-open-tenants", "2", "--workers", "1"]);
    const clients = await Promise.all(
      ["t1", "t2", "t3", "t4", "t5"].map(async (database) => {
        const c = new pg.Client({ host: server.host, port: server.port, user: "u", database });
        await c.connect();
        await c.query("CREATE TABLE IF NOT EXISTS x (v text)");
        await c.query("INSERT INTO x VALUES ($1)", [database]);
        return c;
      }),
    );
    for (let round = 0; round < 3; round++) {
      for (const [i, c] of clients.entries()) {
        expect((await c.query("SELECT v FROM x")).rows).toEqual(
          Array.from({ length: round + 1 }, () => ({ v: `t${i + 1}` })),
        );
        await c.query("INSERT INTO x VALUES ($1)", [`t${i + 1}`]);
      }
    }
    await Promise.all(clients.map((c) => c.end()));
    // Closed idle tenants open again on demand.
    for (const database of ["t1", "t5"]) {
      const c = new pg.Client({ host: server.host, port: server.port, user: "u", database });
      await c.connect();
      expect((await c.query("SELECT count(*)::int AS n FROM x")).rows).toEqual([{ n: 4 }]);
      await c.end();
    }
    await server.stop();
  });
});
