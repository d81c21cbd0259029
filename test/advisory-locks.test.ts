import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REFERENCE, referenceDatabase } from "./support/reference.js";
import { startServer, type TestServer } from "./support/server.js";

/**
 * Advisory locks between two connections to the same tenant (and a third to another tenant): the
 * same scenario runs against the reference PostgreSQL and against Tenantgres, on worker threads
 * and inline, and what each connection sees, in order, must be the same.
 */
type Connect = (which: "main" | "other") => Promise<pg.Client>;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function value(c: pg.Client, sql: string): Promise<string> {
  try {
    const r = await c.query({ text: sql, rowMode: "array" });
    return String(r.rows[0]?.[0] ?? "");
  } catch (e) {
    return `error ${(e as pg.DatabaseError).code}`;
  }
}

async function scenario(connect: Connect): Promise<string[]> {
  const log: string[] = [];
  const a = await connect("main");
  const b = await connect("main");
  const other = await connect("other");
  const step = async (who: string, c: pg.Client, sql: string) =>
    log.push(`${who}: ${sql} -> ${await value(c, sql)}`);

  await step("a", a, "SELECT pg_advisory_lock(42)");
  await step("b", b, "SELECT pg_try_advisory_lock(42)");
  await step("other tenant", other, "SELECT pg_try_advisory_lock(42)");
  // b blocks until a releases the lock. Its answer is logged after a's: the two connections'
  // answers arrive at nearly the same moment, and which one this process reads first is a race.
  let granted = false;
  const waiting = value(b, "SELECT pg_advisory_lock(42)").then((v) => {
    granted = true;
    return v;
  });
  await pause(300);
  log.push(granted ? "a: unlocking, b already has the lock" : "a: unlocking");
  await step("a", a, "SELECT pg_advisory_unlock(42)");
  log.push(`b: lock granted -> ${await waiting}`);
  await step("a", a, "SELECT pg_try_advisory_lock(42)");
  await step("a", a, "SELECT pg_advisory_unlock(42)");

  // Transaction-level locks last until the transaction ends.
  await step("b", b, "BEGIN");
  await step("b", b, "SELECT pg_advisory_xact_lock(7, 8)");
  await step("a", a, "SELECT pg_try_advisory_xact_lock(7, 8)");
  await step("a", a, "SELECT pg_try_advisory_lock(7)");
  await step("b", b, "COMMIT");
  await step("a", a, "SELECT pg_try_advisory_xact_lock(7, 8)");

  // Locks are counted: taken twice, released twice.
  await step("a", a, "SELECT pg_advisory_lock(5)");
  await step("a", a, "SELECT pg_advisory_lock(5)");
  await step("a", a, "SELECT pg_advisory_unlock(5)");
  await step("b", b, "SELECT pg_try_advisory_lock(5)");
  await step("a", a, "SELECT pg_advisory_unlock(5)");
  await step("b", b, "SELECT pg_try_advisory_lock(5)");

  // lock_timeout bounds the wait; a session's locks end with it.
  await step("a", a, "SET lock_timeout = '150ms'");
  await step("a", a, "SELECT pg_advisory_lock(5)");
  await b.end();
  await pause(100);
  await step("a", a, "SELECT pg_try_advisory_lock(5)");
  await step("a", a, "SELECT pg_advisory_unlock_all()");
  await Promise.all([a.end(), other.end()]);
  return log;
}

describe("advisory locks between sessions of a tenant", () => {
  let reference: string[];
  const servers: TestServer[] = [];
  const refs: Awaited<ReturnType<typeof referenceDatabase>>[] = [];

  beforeAll(async () => {
    const main = await referenceDatabase();
    const other = await referenceDatabase();
    refs.push(main, other);
    reference = await scenario(async (which) => {
      const c = new pg.Client({ ...REFERENCE, database: which === "main" ? main.name : other.name });
      await c.connect();
      return c;
    });
  });

  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const r of refs) await r.drop();
  });

  it.each([[[]], [["--workers", "0"]]])("excludes as PostgreSQL does (server args %j)", async (args) => {
    const server = await startServer(args);
    servers.push(server);
    const log = await scenario(async (which) => {
      const c = new pg.Client({ host: server.host, port: server.port, user: "postgres", database: which });
      await c.connect();
      return c;
    });
    expect(log).toEqual(reference);
    expect(log).toContain("b: SELECT pg_try_advisory_lock(42) -> false");
    expect(log.indexOf("a: unlocking")).toBeLessThan(log.indexOf("b: lock granted -> "));
  });
});
