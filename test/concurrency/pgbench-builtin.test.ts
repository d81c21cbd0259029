import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.js";

function pgbench(
  server: TestServer,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    "pgbench",
    ["-h", "127.0.0.1", "-p", String(server.port), "-U", "u", ...args, "bench"],
    {
      encoding: "utf8",
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("pgbench -i -s 10, then the built-in scripts", () => {
  let server: TestServer;
  let client: pg.Client;

  beforeAll(async () => {
    server = await startServer();
    const init = pgbench(server, ["-i", "-s", "10", "-q"]);
    expect(init.stderr).not.toMatch(/error/i);
    expect(init.status).toBe(0);
    client = new pg.Client({ host: server.host, port: server.port, user: "u", database: "bench" });
    await client.connect();
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  it("initialised the tables as PostgreSQL's pgbench does", async () => {
    const r = await client.query(`SELECT
      (SELECT count(*) FROM pgbench_accounts) AS accounts,
      (SELECT count(*) FROM pgbench_branches) AS branches,
      (SELECT count(*) FROM pgbench_tellers) AS tellers,
      (SELECT count(*) FROM pgbench_history) AS history,
      (SELECT sum(abalance) FROM pgbench_accounts) AS balance`);
    expect(r.rows[0]).toEqual({
      accounts: "1000000",
      branches: "10",
      tellers: "100",
      history: "0",
      balance: "0",
    });
    // The primary keys pgbench adds with ALTER TABLE after loading the rows hold.
    const duplicate = await client
      .query("INSERT INTO pgbench_accounts (aid, bid, abalance) VALUES (1, 1, 0)")
      .catch((e: pg.DatabaseError) => e);
    expect(duplicate).toMatchObject({ code: "23505", constraint: "pgbench_accounts_pkey" });
  });

  it.each([
    ["simple", "select-only"],
    ["extended", "select-only"],
    ["prepared", "select-only"],
    ["simple", "tpcb-like"],
    ["extended", "tpcb-like"],
    ["prepared", "tpcb-like"],
  ])(
    "-M %s -b %s: no failures, balances consistent",
    async (mode, script) => {
      // -n keeps pgbench_history across runs, so the invariant covers every run so far.
      const r = pgbench(server, ["-n", "-c", "8", "-j", "2", "-t", "100", "-M", mode, "-b", script]);
      expect(r.stderr).not.toMatch(/error|aborted/i);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/number of transactions actually processed: 800\/800/);
      expect(r.stdout).toMatch(/number of failed transactions: 0 /);
      const s = (
        await client.query(`SELECT
        (SELECT sum(abalance) FROM pgbench_accounts) AS a,
        (SELECT sum(tbalance) FROM pgbench_tellers) AS t,
        (SELECT sum(bbalance) FROM pgbench_branches) AS b,
        (SELECT coalesce(sum(delta), 0) FROM pgbench_history) AS h`)
      ).rows[0];
      expect([s.a, s.t, s.b]).toEqual([s.h, s.h, s.h]);
    },
    60_000,
  );
});
