import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { differentialSuite } from "../support/differential.js";
import { startServer, type TestServer } from "../support/server.js";

differentialSuite(
  "LOCK TABLE",
  ["CREATE TABLE jobs (id int)", "CREATE VIEW vj AS SELECT * FROM jobs"],
  [
    "LOCK TABLE jobs",
    "LOCK TABLE nope",
    "BEGIN",
    "LOCK TABLE jobs IN ACCESS SHARE MODE",
    "LOCK TABLE jobs, vj IN SHARE ROW EXCLUSIVE MODE NOWAIT",
    "INSERT INTO jobs VALUES (1)",
    "COMMIT",
    "BEGIN",
    "LOCK nope",
    "ROLLBACK",
    "SELECT count(*) FROM jobs",
  ],
);

describe("LOCK TABLE between sessions", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("keeps other writers out until the transaction ends; NOWAIT fails at once", async () => {
    const config = { host: server.host, port: server.port, user: "u", database: "locks" };
    const [a, b] = [new pg.Client(config), new pg.Client(config)];
    await Promise.all([a.connect(), b.connect()]);
    await a.query("CREATE TABLE jobs (id int)");
    await a.query("BEGIN");
    await a.query("LOCK TABLE jobs IN EXCLUSIVE MODE");
    await b.query("BEGIN");
    await expect(b.query("LOCK TABLE jobs NOWAIT")).rejects.toMatchObject({ code: "55P03" });
    await b.query("ROLLBACK");
    const order: string[] = [];
    const insert = b.query("INSERT INTO jobs VALUES (2)").then(() => order.push("b inserted"));
    await new Promise((r) => setTimeout(r, 150));
    await a.query("INSERT INTO jobs VALUES (1)");
    order.push("a commits");
    await a.query("COMMIT");
    await insert;
    expect(order).toEqual(["a commits", "b inserted"]);
    expect((await a.query("SELECT id FROM jobs ORDER BY id")).rows).toEqual([{ id: 1 }, { id: 2 }]);
    await Promise.all([a.end(), b.end()]);
  });
});
