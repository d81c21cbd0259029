import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Msg, RawClient, serialize } from "../support/raw-client.js";
import { REFERENCE, referenceDatabase } from "../support/reference.js";
import { startServer, type TestServer } from "../support/server.js";

/**
 * Protocol transcripts: the same frontend messages sent to the reference PostgreSQL and to
 * Tenantgres must produce the same backend messages (names, fields, tags, SQLSTATEs, statuses).
 */
type Transcript = [string, () => Buffer[], number];

const s = serialize;
const transcripts: Transcript[] = [
  ["empty query string", () => [s.query("")], 1],
  [
    "several statements in one query",
    () => [
      s.query(
        "CREATE TABLE p (x int); INSERT INTO p VALUES (1), (2); SELECT x FROM p ORDER BY x; DROP TABLE p",
      ),
    ],
    1,
  ],
  [
    "an error ends a multi-statement query and rolls it back",
    () => [
      s.query("CREATE TABLE q (x int); INSERT INTO q VALUES (1); SELECT 1/0; SELECT 2"),
      s.query("SELECT * FROM q"),
    ],
    2,
  ],
  [
    "BEGIN inside a multi-statement query leaves the block open",
    () => [s.query("SELECT 1; BEGIN; SELECT 2"), s.query("COMMIT")],
    2,
  ],
  [
    "extended query with parameter description and row description",
    () => [
      s.parse({ name: "s1", text: "SELECT $1::int + 1 AS n, $2::text AS t", types: [] }),
      s.describe({ type: "S", name: "s1" }),
      s.bind({ statement: "s1", values: ["41", "x"] }),
      s.describe({ type: "P", name: "" }),
      s.execute({}),
      s.sync(),
    ],
    1,
  ],
  [
    "NoData for a statement without rows",
    () => [
      s.parse({ text: "SET application_name = 'p'" }),
      s.describe({ type: "S", name: "" }),
      s.bind({}),
      s.execute({}),
      s.sync(),
    ],
    1,
  ],
  [
    "row limits suspend the portal",
    () => [
      s.query("CREATE TABLE r (x int); INSERT INTO r SELECT * FROM (VALUES (1),(2),(3),(4),(5)) v"),
      s.query("BEGIN"),
      s.parse({ text: "SELECT x FROM r ORDER BY x" }),
      s.bind({ portal: "c" }),
      s.execute({ portal: "c", rows: 2 }),
      s.execute({ portal: "c", rows: 2 }),
      s.execute({ portal: "c", rows: 2 }),
      s.sync(),
      s.query("COMMIT; DROP TABLE r"),
    ],
    4,
  ],
  [
    "a portal suspended outside a transaction ends at Sync",
    () => [
      s.parse({ text: "SELECT * FROM (VALUES (1), (2), (3)) AS v(x)" }),
      s.bind({}),
      s.execute({ rows: 1 }),
      s.sync(),
      s.execute({ rows: 1 }),
      s.sync(),
      s.query("SELECT 4 AS x"),
    ],
    3,
  ],
  [
    "after an error, messages are discarded until Sync",
    () => [
      s.parse({ text: "SELECT 1/0" }),
      s.bind({}),
      s.execute({}),
      s.parse({ name: "never", text: "SELECT 1" }),
      s.bind({ statement: "never" }),
      s.execute({}),
      s.sync(),
      s.parse({ text: "SELECT 2" }),
      s.bind({}),
      s.execute({}),
      s.sync(),
    ],
    2,
  ],
  [
    "pipelined queries each with their own Sync",
    () =>
      [1, 2, 3].flatMap((i) => [s.parse({ text: `SELECT ${i} AS v` }), s.bind({}), s.execute({}), s.sync()]),
    3,
  ],
  [
    "several executes before one Sync share one transaction",
    () => [
      s.query("CREATE TABLE b (x int PRIMARY KEY)"),
      s.parse({ name: "ins", text: "INSERT INTO b VALUES ($1)" }),
      s.bind({ statement: "ins", values: ["1"] }),
      s.execute({}),
      s.bind({ statement: "ins", values: ["2"] }),
      s.execute({}),
      s.bind({ statement: "ins", values: ["1"] }),
      s.execute({}),
      s.sync(),
      s.query("SELECT count(*) FROM b; DROP TABLE b"),
    ],
    3,
  ],
  [
    "unknown statement and portal names",
    () => [
      s.bind({ statement: "nope" }),
      s.sync(),
      s.describe({ type: "P", name: "nope" }),
      s.sync(),
      s.execute({ portal: "nope" }),
      s.sync(),
    ],
    3,
  ],
  [
    "closing statements and portals",
    () => [
      s.parse({ name: "c1", text: "SELECT 1" }),
      s.close({ type: "S", name: "c1" }),
      s.close({ type: "P", name: "none" }),
      s.bind({ statement: "c1" }),
      s.sync(),
    ],
    1,
  ],
  [
    "a second Parse of a named statement fails",
    () => [s.parse({ name: "d", text: "SELECT 1" }), s.parse({ name: "d", text: "SELECT 2" }), s.sync()],
    1,
  ],
  ["several commands in one Parse fail", () => [s.parse({ text: "SELECT 1; SELECT 2" }), s.sync()], 1],
  [
    "transaction status in ReadyForQuery",
    () => [s.query("BEGIN"), s.query("SELECT 1/0"), s.query("ROLLBACK")],
    3,
  ],
];

async function run(port: number, database: string, t: Transcript): Promise<Msg[]> {
  const c = await RawClient.connect(port, { user: "postgres", database });
  c.send(...t[1]());
  const out = await c.untilReady(t[2]);
  c.end();
  return out;
}

describe("protocol transcripts match PostgreSQL", () => {
  let server: TestServer;
  let ref: Awaited<ReturnType<typeof referenceDatabase>>;

  beforeAll(async () => {
    server = await startServer();
    ref = await referenceDatabase();
  });
  afterAll(async () => {
    await ref?.drop();
    await server?.stop();
  });

  it.each(transcripts.map((t) => [t[0], t] as const))("%s", async (_name, t) => {
    const theirs = await run(REFERENCE.port, ref.name, t);
    const ours = await run(server.port, "transcripts", t);
    expect(ours).toEqual(theirs);
  });
});
