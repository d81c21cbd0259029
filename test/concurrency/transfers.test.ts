import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.js";

const ACCOUNTS = 10;
const START = 1000;
const SESSIONS = 32;
const TRANSFERS = 25;

function random(n: number): number {
  return Math.floor(Math.random() * n);
}

describe("32 sessions on one tenant", () => {
  let server: TestServer;
  const config = () => ({ host: server.host, port: server.port, user: "u", database: "bank" });

  beforeAll(async () => {
    server = await startServer();
    const c = new pg.Client(config());
    await c.connect();
    await c.query("CREATE TABLE accounts (id integer PRIMARY KEY, balance integer NOT NULL)");
    await c.query("CREATE TABLE transfers (id serial PRIMARY KEY, src integer, dst integer, amount integer)");
    for (let i = 1; i <= ACCOUNTS; i++) await c.query("INSERT INTO accounts VALUES ($1, $2)", [i, START]);
    await c.end();
  });
  afterAll(async () => {
    await server.stop();
  });

  /** Read-modify-write through SELECT ... FOR UPDATE: a lost update would change the total. */
  async function transferWithRowLocks(c: pg.Client): Promise<void> {
    const src = 1 + random(ACCOUNTS);
    const dst = 1 + ((src + random(ACCOUNTS - 1)) % ACCOUNTS);
    const amount = 1 + random(50);
    await c.query("BEGIN");
    const a = await c.query("SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", [src]);
    const b = await c.query("SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", [dst]);
    await c.query("UPDATE accounts SET balance = $2 WHERE id = $1", [src, a.rows[0].balance - amount]);
    await c.query("UPDATE accounts SET balance = $2 WHERE id = $1", [dst, b.rows[0].balance + amount]);
    await c.query("INSERT INTO transfers (src, dst, amount) VALUES ($1, $2, $3)", [src, dst, amount]);
    await c.query("COMMIT");
  }

  it("moves money without losing an update or deadlocking", async () => {
    const clients = await Promise.all(
      Array.from({ length: SESSIONS }, async () => {
        const c = new pg.Client(config());
        await c.connect();
        return c;
      }),
    );
    const failures: unknown[] = [];
    await Promise.all(
      clients.map(async (c) => {
        for (let i = 0; i < TRANSFERS; i++) {
          try {
            await transferWithRowLocks(c);
          } catch (e) {
            failures.push(e);
            await c.query("ROLLBACK");
          }
        }
      }),
    );
    expect(failures).toEqual([]);
    const check = clients[0]!;
    const total = await check.query("SELECT sum(balance)::int AS total, count(*)::int AS n FROM accounts");
    expect(total.rows[0]).toEqual({ total: ACCOUNTS * START, n: ACCOUNTS });
    const moved = await check.query("SELECT count(*)::int AS n FROM transfers");
    expect(moved.rows[0].n).toBe(SESSIONS * TRANSFERS);
    // Every balance is the start plus what the committed transfers moved.
    const expected = await check.query(
      `SELECT a.id, a.balance,
              ${START} + COALESCE((SELECT sum(amount) FROM transfers WHERE dst = a.id), 0)
                       - COALESCE((SELECT sum(amount) FROM transfers WHERE src = a.id), 0) AS computed
       FROM accounts a ORDER BY a.id`,
    );
    for (const row of expected.rows) expect(Number(row.computed)).toBe(row.balance);
    await Promise.all(clients.map((c) => c.end()));
  });

  it("serializes read-modify-write in one statement across sessions", async () => {
    const pool = new pg.Pool({ ...config(), max: SESSIONS });
    await pool.query("CREATE TABLE counter (id integer PRIMARY KEY, n integer NOT NULL)");
    await pool.query("INSERT INTO counter VALUES (1, 0)");
    await Promise.all(
      Array.from({ length: 400 }, () => pool.query("UPDATE counter SET n = n + 1 WHERE id = 1")),
    );
    const r = await pool.query("SELECT n FROM counter");
    expect(r.rows).toEqual([{ n: 400 }]);
    await pool.end();
  });

  it("reports a serialization failure instead of a lost update when a stale snapshot writes", async () => {
    const a = new pg.Client(config());
    const b = new pg.Client(config());
    await a.connect();
    await b.connect();
    await a.query("CREATE TABLE snap (id integer PRIMARY KEY, v integer)");
    await a.query("INSERT INTO snap VALUES (1, 0)");
    await a.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    expect((await a.query("SELECT v FROM snap")).rows).toEqual([{ v: 0 }]);
    await b.query("UPDATE snap SET v = 1");
    // a's snapshot still sees 0 and must not overwrite b's committed change.
    expect((await a.query("SELECT v FROM snap")).rows).toEqual([{ v: 0 }]);
    await expect(a.query("UPDATE snap SET v = v + 10")).rejects.toMatchObject({ code: "40001" });
    await a.query("ROLLBACK");
    expect((await b.query("SELECT v FROM snap")).rows).toEqual([{ v: 1 }]);
    await a.end();
    await b.end();
  });

  it("makes a waiting writer give up after lock_timeout with 55P03", async () => {
    const a = new pg.Client(config());
    const b = new pg.Client(config());
    await a.connect();
    await b.connect();
    await a.query("CREATE TABLE lt (x integer)");
    await a.query("BEGIN");
    await a.query("INSERT INTO lt VALUES (1)");
    await b.query("SET lock_timeout = '100ms'");
    await expect(b.query("INSERT INTO lt VALUES (2)")).rejects.toMatchObject({
      code: "55P03",
      message: "canceling statement due to lock timeout",
    });
    // Readers are not blocked by the writer.
    expect((await b.query("SELECT count(*)::int AS n FROM lt")).rows).toEqual([{ n: 0 }]);
    await a.query("COMMIT");
    await b.query("INSERT INTO lt VALUES (2)");
    expect((await b.query("SELECT count(*)::int AS n FROM lt")).rows).toEqual([{ n: 2 }]);
    await a.end();
    await b.end();
  });
});
