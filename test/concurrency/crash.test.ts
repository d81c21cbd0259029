import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "../support/server.js";

const ROUNDS = 5;
const WRITERS = 8;

/**
 * kill -9 under a write load, repeatedly: every COMMIT the server acknowledged must survive, and
 * every tenant file must pass SQLite's integrity check.
 */
describe("crash safety", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tenantgres-crash-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps every acknowledged commit across kill -9", { timeout: 120_000 }, async () => {
    const acknowledged = new Map<string, Set<number>>();
    let next = 1;
    for (let round = 0; round < ROUNDS; round++) {
      const server = await startServer([], { dataDir });
      const tenants = ["crash_a", "crash_b"];
      const setup = new pg.Client({ host: server.host, port: server.port, user: "u", database: "crash_a" });
      await setup.connect();
      await setup.query(
        "CREATE TABLE IF NOT EXISTS ledger (id integer PRIMARY KEY, note text, amount bigint)",
      );
      await setup.end();
      const setupB = new pg.Client({ host: server.host, port: server.port, user: "u", database: "crash_b" });
      await setupB.connect();
      await setupB.query(
        "CREATE TABLE IF NOT EXISTS ledger (id integer PRIMARY KEY, note text, amount bigint)",
      );
      await setupB.end();
      let stop = false;
      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        const tenant = tenants[w % tenants.length]!;
        const set = acknowledged.get(tenant) ?? new Set<number>();
        acknowledged.set(tenant, set);
        const c = new pg.Client({ host: server.host, port: server.port, user: "u", database: tenant });
        c.on("error", () => undefined);
        try {
          await c.connect();
          while (!stop) {
            const id = next++;
            if (w % 2 === 0) {
              await c.query("INSERT INTO ledger VALUES ($1, $2, $3)", [id, `row ${id}`, id * 10]);
            } else {
              await c.query("BEGIN");
              await c.query("INSERT INTO ledger VALUES ($1, $2, $3)", [id, `row ${id}`, id * 10]);
              await c.query("COMMIT");
            }
            set.add(id);
          }
        } catch {
          // The server was killed: statements without an answer are not acknowledged.
        }
      });
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 400));
      const exited = new Promise((r) => server.process.once("exit", r));
      server.process.kill("SIGKILL");
      stop = true;
      await Promise.all(writers);
      await exited;
    }
    const server = await startServer([], { dataDir });
    for (const [tenant, ids] of acknowledged) {
      const c = new pg.Client({ host: server.host, port: server.port, user: "u", database: tenant });
      await c.connect();
      const present = new Set((await c.query("SELECT id FROM ledger")).rows.map((r) => r.id as number));
      const lost = [...ids].filter((id) => !present.has(id));
      expect(lost).toEqual([]);
      expect(ids.size).toBeGreaterThan(10);
      await c.end();
    }
    await server.stop();
    for (const tenant of acknowledged.keys()) {
      const check = execFileSync("sqlite3", [join(dataDir, tenant), "PRAGMA integrity_check;"])
        .toString()
        .trim();
      expect(check).toBe("ok");
    }
  });
});
