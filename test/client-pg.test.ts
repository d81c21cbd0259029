import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./support/server.js";

describe("node-postgres against Tenantgres", () => {
  let server: TestServer;
  const config = () => ({ host: server.host, port: server.port, user: "app", database: "pgclient" });

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("connects, reports server settings and runs a query", async () => {
    const c = new pg.Client(config());
    await c.connect();
    const params = (c as unknown as { connection: { parameters?: Record<string, string> } }).connection;
    void params;
    const r = await c.query("SELECT 1 AS one, 'x' AS t");
    expect(r.rows).toEqual([{ one: 1, t: "x" }]);
    expect(r.fields.map((f) => [f.name, f.dataTypeID])).toEqual([
      ["one", 23],
      ["t", 25],
    ]);
    const v = await c.query("SHOW server_version");
    expect(v.rows[0].server_version).toMatch(/^15\.\d+ \(tenantgres /);
    await c.end();
  });

  it("uses parameters of several types and returns typed values", async () => {
    const c = new pg.Client(config());
    await c.connect();
    await c.query(
      "CREATE TABLE t1 (id serial PRIMARY KEY, name text, n integer, big bigint, ok boolean, at timestamptz, price numeric(8,2))",
    );
    const at = new Date("2024-03-01T12:34:56.789Z");
    const ins = await c.query(
      "INSERT INTO t1 (name, n, big, ok, at, price) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, name, n, big, ok, at, price",
      ["héllo", 42, "9007199254740993", true, at, "12.5"],
    );
    expect(ins.command).toBe("INSERT");
    expect(ins.rowCount).toBe(1);
    expect(ins.rows[0]).toEqual({
      id: 1,
      name: "héllo",
      n: 42,
      big: "9007199254740993",
      ok: true,
      at,
      price: "12.50",
    });
    const sel = await c.query("SELECT name FROM t1 WHERE n = $1 AND ok = $2", [42, true]);
    expect(sel.rows).toEqual([{ name: "héllo" }]);
    const none = await c.query("SELECT name FROM t1 WHERE n = $1", [7]);
    expect(none.rowCount).toBe(0);
    await c.end();
  });

  it("prepares named statements once and executes them many times", async () => {
    const c = new pg.Client(config());
    await c.connect();
    await c.query("CREATE TABLE t2 (k integer PRIMARY KEY, v text)");
    for (let i = 0; i < 20; i++) {
      const r = await c.query({ name: "ins", text: "INSERT INTO t2 VALUES ($1, $2)", values: [i, `v${i}`] });
      expect(r.rowCount).toBe(1);
    }
    const r = await c.query({ name: "get", text: "SELECT v FROM t2 WHERE k = $1", values: [7] });
    expect(r.rows).toEqual([{ v: "v7" }]);
    const again = await c.query({ name: "get", text: "SELECT v FROM t2 WHERE k = $1", values: [19] });
    expect(again.rows).toEqual([{ v: "v19" }]);
    await c.end();
  });

  it("commits and rolls back transactions", async () => {
    const c = new pg.Client(config());
    await c.connect();
    await c.query("CREATE TABLE t3 (x integer)");
    await c.query("BEGIN");
    await c.query("INSERT INTO t3 VALUES (1)");
    await c.query("ROLLBACK");
    await c.query("BEGIN");
    await c.query("INSERT INTO t3 VALUES (2)");
    await c.query("COMMIT");
    const r = await c.query("SELECT x FROM t3");
    expect(r.rows).toEqual([{ x: 2 }]);
    await c.end();
  });

  it("reports errors with SQLSTATE and stays usable", async () => {
    const c = new pg.Client(config());
    await c.connect();
    await c.query("CREATE TABLE t4 (id integer PRIMARY KEY)");
    await c.query("INSERT INTO t4 VALUES (1)");
    await expect(c.query("INSERT INTO t4 VALUES (1)")).rejects.toMatchObject({
      code: "23505",
      constraint: "t4_pkey",
    });
    await expect(c.query("SELECT * FROM missing")).rejects.toMatchObject({ code: "42P01", position: "15" });
    await c.query("BEGIN");
    await expect(c.query("SELECT * FROM missing")).rejects.toMatchObject({ code: "42P01" });
    await expect(c.query("SELECT 1")).rejects.toMatchObject({ code: "25P02" });
    await c.query("ROLLBACK");
    expect((await c.query("SELECT count(*)::int AS n FROM t4")).rows).toEqual([{ n: 1 }]);
    await c.end();
  });

  it("serves a Pool of connections to the same tenant", async () => {
    const pool = new pg.Pool({ ...config(), max: 8 });
    await pool.query("CREATE TABLE t5 (id serial PRIMARY KEY, who integer)");
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => pool.query("INSERT INTO t5 (who) VALUES ($1)", [i])),
    );
    const r = await pool.query("SELECT count(*) AS n, count(DISTINCT id) AS d, max(id) AS top FROM t5");
    expect(r.rows).toEqual([{ n: "40", d: "40", top: 40 }]);
    await pool.end();
  });

  it("keeps tenants apart", async () => {
    const a = new pg.Client({ ...config(), database: "tenant_a" });
    const b = new pg.Client({ ...config(), database: "tenant_b" });
    await a.connect();
    await b.connect();
    await a.query("CREATE TABLE secrets (s text)");
    await a.query("INSERT INTO secrets VALUES ('only a')");
    await expect(b.query("SELECT * FROM secrets")).rejects.toMatchObject({ code: "42P01" });
    expect((await a.query("SELECT current_database() AS db")).rows).toEqual([{ db: "tenant_a" }]);
    expect((await b.query("SELECT current_database() AS db")).rows).toEqual([{ db: "tenant_b" }]);
    await a.end();
    await b.end();
  });
});
