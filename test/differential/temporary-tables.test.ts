import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { differentialSuite } from "../support/differential.js";
import { startServer, type TestServer } from "../support/server.js";

differentialSuite(
  "temporary tables",
  ["CREATE TABLE t (a int, b text)", "INSERT INTO t VALUES (1, 'main')"],
  [
    "CREATE TEMP TABLE t (a int PRIMARY KEY, c numeric(5,2))",
    "INSERT INTO t VALUES (7, 1.5), (8, 2)",
    "SELECT * FROM t ORDER BY a",
    "INSERT INTO t VALUES (7, 0)",
    "CREATE TEMPORARY TABLE s AS SELECT a * 2 AS dbl, 'x'::varchar(3) AS v FROM t",
    "SELECT * FROM s ORDER BY dbl",
    "SELECT id, email INTO TEMP TABLE p FROM (VALUES (1, 'a@b')) v(id, email)",
    "SELECT * FROM p",
    "CREATE TEMP TABLE q (x int DEFAULT 5, y text NOT NULL, CHECK (x > 0))",
    "INSERT INTO q (y) VALUES ('hi') RETURNING *",
    "INSERT INTO q VALUES (-1, 'no')",
    "INSERT INTO q (x) VALUES (1)",
    "CREATE INDEX q_y ON q (y)",
    "CREATE TABLE pg_temp.w (x int)",
    "INSERT INTO w VALUES (1), (2)",
    "SELECT sum(x) FROM w",
    "SELECT w.x, q.y FROM w JOIN q ON q.x - 4 = w.x",
    "UPDATE w SET x = x * 10 RETURNING x",
    "DELETE FROM w WHERE x > 10",
    "BEGIN",
    "CREATE TEMP TABLE r (x int)",
    "INSERT INTO r VALUES (1)",
    "ROLLBACK",
    "SELECT * FROM r",
    "CREATE TEMP TABLE q (z int)",
    "CREATE TEMP TABLE IF NOT EXISTS q (z int)",
    "CREATE TEMP TABLE public_not (x int) ON COMMIT PRESERVE ROWS",
    "CREATE TABLE nt (x int) ON COMMIT DELETE ROWS",
    "CREATE TEMP TABLE public.nt (x int)",
    "SELECT relname, relpersistence, relkind FROM pg_class WHERE relname IN ('t', 's', 'p', 'q', 'w', 'q_y') ORDER BY 1, 2",
    "DROP TABLE t",
    "SELECT * FROM t",
    "DROP TABLE t",
    "SELECT * FROM t",
    "CREATE TEMP TABLE gone (x int) ON COMMIT DROP",
    "SELECT * FROM gone",
    "BEGIN",
    "CREATE TEMP TABLE gone (x int) ON COMMIT DROP",
    "INSERT INTO gone VALUES (1)",
    "SELECT * FROM gone",
    "COMMIT",
    "SELECT * FROM gone",
    "CREATE TEMP TABLE emptied (x int) ON COMMIT DELETE ROWS",
    "INSERT INTO emptied VALUES (1)",
    "SELECT count(*) FROM emptied",
    "BEGIN",
    "INSERT INTO emptied VALUES (2), (3)",
    "SELECT count(*) FROM emptied",
    "COMMIT",
    "SELECT count(*) FROM emptied",
  ],
);

describe("temporary tables across sessions", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });
  const connect = async () => {
    const c = new pg.Client({ host: server.host, port: server.port, user: "u", database: "temps" });
    await c.connect();
    return c;
  };

  it("are the session's own and end with it", async () => {
    const a = await connect();
    const b = await connect();
    await a.query("CREATE TABLE shared (x int)");
    await a.query("INSERT INTO shared VALUES (1)");
    await a.query("CREATE TEMP TABLE mine (x int)");
    await a.query("INSERT INTO mine VALUES (42)");
    await b.query("CREATE TEMP TABLE mine (y text)");
    await b.query("INSERT INTO mine VALUES ('b')");
    expect((await a.query("SELECT * FROM mine")).rows).toEqual([{ x: 42 }]);
    expect((await b.query("SELECT * FROM mine")).rows).toEqual([{ y: "b" }]);
    // DDL by another session is seen while the temporary table stays.
    await b.query("ALTER TABLE shared ADD COLUMN z int DEFAULT 7");
    expect((await a.query("SELECT * FROM shared")).rows).toEqual([{ x: 1, z: 7 }]);
    expect((await a.query("SELECT x FROM mine")).rows).toEqual([{ x: 42 }]);
    await a.end();
    const c = await connect();
    await expect(c.query("SELECT * FROM mine")).rejects.toMatchObject({ code: "42P01" });
    expect((await b.query("SELECT * FROM mine")).rows).toEqual([{ y: "b" }]);
    await b.query("DROP TABLE mine");
    await expect(b.query("SELECT * FROM mine")).rejects.toMatchObject({ code: "42P01" });
    expect((await b.query("SELECT count(*)::int AS n FROM shared")).rows).toEqual([{ n: 1 }]);
    await Promise.all([b.end(), c.end()]);
  });
});
