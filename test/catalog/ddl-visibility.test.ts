import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawClient } from "../support/outcome.js";
import { startServer, type TestServer } from "../support/server.js";

/** Catalog rows follow DDL at once: the session's own, and other sessions' once committed. */
describe("catalog rows after DDL", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tenantgres-catalog-"));
  let server: TestServer;
  let a: pg.Client;
  let b: pg.Client;
  const rows = async (c: pg.Client, sql: string) =>
    (await c.query({ text: sql, rowMode: "array" })).rows as (string | null)[][];
  const columns = (c: pg.Client, table: string) =>
    rows(
      c,
      `SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute
       WHERE attrelid = (SELECT oid FROM pg_class WHERE relname = '${table}') AND attnum > 0 ORDER BY attnum`,
    );

  const connect = async () => {
    server = await startServer([], { dataDir });
    a = rawClient({ host: server.host, port: server.port, user: "postgres", database: "ddl" });
    b = rawClient({ host: server.host, port: server.port, user: "postgres", database: "ddl" });
    await a.connect();
    await b.connect();
  };

  beforeAll(connect);

  afterAll(async () => {
    await a?.end();
    await b?.end();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows a table created on another connection", async () => {
    expect(await columns(b, "t")).toEqual([]);
    await a.query("CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL)");
    expect(await columns(b, "t")).toEqual([
      ["id", "integer", "t"],
      ["name", "text", "t"],
    ]);
    expect(
      await rows(b, "SELECT conname, contype FROM pg_constraint WHERE conrelid = 't'::regclass"),
    ).toEqual([["t_pkey", "p"]]);
  });

  it("shows ALTER TABLE, CREATE INDEX and COMMENT at once", async () => {
    await a.query("ALTER TABLE t ADD COLUMN price numeric(8,2) DEFAULT 0 CHECK (price >= 0)");
    await a.query("CREATE INDEX t_name ON t (name)");
    await a.query("COMMENT ON COLUMN t.name IS 'who'");
    expect(await columns(b, "t")).toEqual([
      ["id", "integer", "t"],
      ["name", "text", "t"],
      ["price", "numeric(8,2)", "f"],
    ]);
    expect(
      await rows(b, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 't'::regclass"),
    ).toEqual([["0"]]);
    expect(
      await rows(
        b,
        "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 't'::regclass ORDER BY 1",
      ),
    ).toEqual([["t_name"], ["t_pkey"]]);
    expect(await rows(b, "SELECT description FROM pg_description WHERE objoid = 't'::regclass")).toEqual([
      ["who"],
    ]);
  });

  it("shows uncommitted DDL to its own session only", async () => {
    await a.query("BEGIN");
    await a.query("CREATE TABLE pending (x int)");
    expect(await columns(a, "pending")).toEqual([["x", "integer", "f"]]);
    expect(await columns(b, "pending")).toEqual([]);
    await a.query("COMMIT");
    expect(await columns(b, "pending")).toEqual([["x", "integer", "f"]]);
  });

  it("forgets what was dropped", async () => {
    await b.query("DROP TABLE t");
    expect(await columns(a, "t")).toEqual([]);
    expect(await rows(a, "SELECT count(*) FROM pg_constraint WHERE conname = 't_pkey'")).toEqual([["0"]]);
    expect(await rows(a, "SELECT count(*) FROM pg_class WHERE relname IN ('t', 't_name', 't_pkey')")).toEqual(
      [["0"]],
    );
  });

  it("keeps OIDs across restarts", async () => {
    await a.query("CREATE TABLE kept (id serial PRIMARY KEY, v text CHECK (v <> ''))");
    const query = `SELECT 'relation', oid FROM pg_class WHERE relname IN ('kept', 'kept_pkey', 'kept_id_seq')
      UNION ALL SELECT conname, oid FROM pg_constraint WHERE conrelid = 'kept'::regclass
      UNION ALL SELECT 'default', oid FROM pg_attrdef WHERE adrelid = 'kept'::regclass
      UNION ALL SELECT typname, oid FROM pg_type WHERE typname IN ('kept', '_kept') ORDER BY 2`;
    const before = await rows(a, query);
    expect(before).toHaveLength(8);
    await a.end();
    await b.end();
    await server.stop();
    await connect();
    expect(await rows(a, query)).toEqual(before);
  });
});
