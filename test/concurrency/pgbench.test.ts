import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.js";

/** pgbench's TPC-B-like transaction, as its built-in script runs it. */
const TPCB = `\\set aid random(1, 100000 * :scale)
\\set bid random(1, 1 * :scale)
\\set tid random(1, 10 * :scale)
\\set delta random(-5000, 5000)
BEGIN;
UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
UPDATE pgbench_tellers SET tbalance = tbalance + :delta WHERE tid = :tid;
UPDATE pgbench_branches SET bbalance = bbalance + :delta WHERE bid = :bid;
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid, :delta, CURRENT_TIMESTAMP);
END;
`;

const SCHEMA = [
  "CREATE TABLE pgbench_branches (bid integer NOT NULL PRIMARY KEY, bbalance integer, filler char(88))",
  "CREATE TABLE pgbench_tellers (tid integer NOT NULL PRIMARY KEY, bid integer, tbalance integer, filler char(84))",
  "CREATE TABLE pgbench_accounts (aid integer NOT NULL PRIMARY KEY, bid integer, abalance integer, filler char(84))",
  "CREATE TABLE pgbench_history (tid integer, bid integer, aid integer, delta integer, mtime timestamp, filler char(22))",
  "INSERT INTO pgbench_branches (bid, bbalance) VALUES (1, 0)",
  "INSERT INTO pgbench_tellers (tid, bid, tbalance) WITH RECURSIVE t(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM t WHERE i < 10) SELECT i, 1, 0 FROM t",
  "INSERT INTO pgbench_accounts (aid, bid, abalance, filler) WITH RECURSIVE a(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM a WHERE i < 100000) SELECT i, 1, 0, '' FROM a",
];

describe("pgbench TPC-B-like, 32 clients on one tenant", () => {
  let server: TestServer;
  let script: string;

  beforeAll(async () => {
    server = await startServer();
    const c = new pg.Client({ host: server.host, port: server.port, user: "u", database: "bench" });
    await c.connect();
    for (const sql of SCHEMA) await c.query(sql);
    await c.end();
    script = join(mkdtempSync(join(tmpdir(), "tenantgres-pgbench-")), "tpcb.sql");
    writeFileSync(script, TPCB);
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each(["simple", "extended", "prepared"])(
    "runs with -M %s, no failures, balances consistent",
    async (mode) => {
      const r = spawnSync(
        "pgbench",
        [
          "-h",
          "127.0.0.1",
          "-p",
          String(server.port),
          "-U",
          "u",
          "-n",
          "-c",
          "32",
          "-j",
          "4",
          "-t",
          "20",
          "-M",
          mode,
          "-f",
          script,
          "bench",
        ],
        { encoding: "utf8" },
      );
      expect(r.stderr).not.toMatch(/error|aborted/i);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/number of transactions actually processed: 640\/640/);
      expect(r.stdout).toMatch(/number of failed transactions: 0 /);
      const c = new pg.Client({ host: server.host, port: server.port, user: "u", database: "bench" });
      await c.connect();
      const sums = await c.query(`SELECT
      (SELECT sum(abalance) FROM pgbench_accounts) AS a,
      (SELECT sum(tbalance) FROM pgbench_tellers) AS t,
      (SELECT sum(bbalance) FROM pgbench_branches) AS b,
      (SELECT sum(delta) FROM pgbench_history) AS h,
      (SELECT count(*) FROM pgbench_history) AS n`);
      const s = sums.rows[0];
      expect(s.a).toBe(s.h);
      expect(s.t).toBe(s.h);
      expect(s.b).toBe(s.h);
      await c.end();
    },
  );
});
