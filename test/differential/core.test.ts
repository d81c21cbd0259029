import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Outcome, outcome, rawClient } from "../support/outcome.js";
import { REFERENCE, referenceDatabase } from "../support/reference.js";
import { startServer, type TestServer } from "../support/server.js";

/**
 * The same statements against the reference PostgreSQL and against Tenantgres, in order, on one
 * connection each: command tags, row counts, column names and type OIDs, rows in text format,
 * and SQLSTATE, message and position of errors must all be equal.
 */
const script: [string, unknown[]?][] = [
  [
    "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, price numeric(10,2), qty integer DEFAULT 0, active boolean DEFAULT true, note varchar(10), big bigint, ratio double precision, created timestamptz DEFAULT now())",
  ],
  [
    "INSERT INTO items (name, price, qty) VALUES ('apple', 1.5, 10), ('pear', 2.25, 5) RETURNING id, name, price, qty, active",
  ],
  [
    "INSERT INTO items (name, note, big, ratio) VALUES ($1, $2, $3, $4)",
    ["plum", "ripe", "9007199254740993", 0.25],
  ],
  ["INSERT INTO items (name) VALUES ('fig')"],
  ["SELECT id, name, price, qty, active, note, big, ratio FROM items ORDER BY id"],
  ["SELECT count(*), sum(qty), max(price), min(name) FROM items"],
  ["SELECT name FROM items WHERE qty > $1 ORDER BY name", [1]],
  ["SELECT name, qty FROM items WHERE name = $1 OR qty IS NULL ORDER BY 1", ["pear"]],
  ["UPDATE items SET qty = qty + 1 WHERE name = 'apple' RETURNING qty, price"],
  ["UPDATE items SET note = 'x' WHERE qty < 100"],
  ["DELETE FROM items WHERE id = 2"],
  ["SELECT id, name FROM items WHERE id = $1", [1]],
  ["SELECT id FROM items WHERE active ORDER BY id DESC LIMIT 2 OFFSET 1"],
  ["SELECT name, CASE WHEN qty > 5 THEN 'many' ELSE 'few' END AS amount FROM items ORDER BY id"],
  ["SELECT COALESCE(note, '-') AS note, qty IS NULL AS missing FROM items ORDER BY id"],
  ["SELECT id, name FROM items WHERE name LIKE 'p%' OR name IN ('fig', 'kiwi') ORDER BY id"],
  ["SELECT i.name, j.name FROM items i JOIN items j ON j.id = i.id + 2 ORDER BY 1"],
  ["SELECT name FROM items WHERE id IN (SELECT id FROM items WHERE qty IS NOT NULL) ORDER BY name"],
  ["SELECT EXISTS (SELECT 1 FROM items WHERE name = 'fig') AS has_fig, (SELECT max(id) FROM items) AS top"],
  [
    "SELECT 1 AS one, 'text' AS t, true AS b, NULL::integer AS n, 2.5 AS num, 10000000000 AS big, -7 / 2 AS div, 7 % 3 AS m",
  ],
  ["SELECT name FROM items UNION SELECT 'zzz' ORDER BY 1"],
  ["SELECT qty, count(*) FROM items GROUP BY qty HAVING count(*) >= 1 ORDER BY qty NULLS FIRST"],
  ["SELECT DISTINCT active FROM items"],
  ["SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v ORDER BY 1 DESC"],
  ["WITH t AS (SELECT id, name FROM items) SELECT name FROM t WHERE id > 1 ORDER BY name"],
  ["INSERT INTO items (id, name) VALUES (1, 'dup')"],
  ["INSERT INTO items (name) VALUES (NULL)"],
  ["INSERT INTO items (name, note) VALUES ('long', 'more than ten characters')"],
  ["SELECT * FROM nope"],
  ["SELECT nope FROM items"],
  ["SELEC 1"],
  ["SELECT 1/0"],
  ["SELECT 'abc'::integer"],
  ["CREATE TABLE items (id int)"],
  ["CREATE TABLE IF NOT EXISTS items (id int)"],
  ["CREATE TABLE parent (id integer PRIMARY KEY, code text UNIQUE)"],
  [
    "CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id), n integer CHECK (n > 0))",
  ],
  ["INSERT INTO parent VALUES (1, 'a')"],
  ["INSERT INTO parent VALUES (2, 'a')"],
  ["INSERT INTO child VALUES (1, 1, 5)"],
  ["INSERT INTO child VALUES (2, 99, 5)"],
  ["INSERT INTO child VALUES (3, 1, -1)"],
  ["DELETE FROM parent WHERE id = 1"],
  ["CREATE INDEX ON items (name)"],
  ["CREATE UNIQUE INDEX items_note_idx ON items (note)"],
  ["DROP TABLE nope"],
  ["DROP TABLE IF EXISTS nope"],
  ["DROP TABLE parent"],
  ["BEGIN"],
  ["INSERT INTO parent VALUES (10, 'ten')"],
  ["SELECT 1/0"],
  ["SELECT 1"],
  ["ROLLBACK"],
  ["SELECT count(*) FROM parent"],
  ["BEGIN"],
  ["INSERT INTO parent VALUES (11, 'eleven')"],
  ["SAVEPOINT s1"],
  ["INSERT INTO parent VALUES (12, 'a')"],
  ["ROLLBACK TO SAVEPOINT s1"],
  ["INSERT INTO parent VALUES (13, 'thirteen')"],
  ["COMMIT"],
  ["SELECT id, code FROM parent ORDER BY id"],
  ["COMMIT"],
  ["SAVEPOINT x"],
  ["SET TimeZone = 'America/New_York'"],
  ["SHOW TimeZone"],
  ["SET application_name = 'differential'"],
  ["SHOW application_name"],
  ["SET no_such_setting = 1"],
  ["SHOW no_such_setting"],
  ["SELECT current_setting('application_name')"],
  ["RESET TimeZone"],
  ["SHOW timezone"],
  ["TRUNCATE child"],
  ["SELECT count(*) FROM child"],
  ["DROP TABLE child, parent"],
  ["DROP TABLE items"],
];

describe("core statements match PostgreSQL", () => {
  let server: TestServer;
  let ref: Awaited<ReturnType<typeof referenceDatabase>>;
  let ours: pg.Client;
  let theirs: pg.Client;
  const results: { sql: string; ours: Outcome; theirs: Outcome }[] = [];

  beforeAll(async () => {
    server = await startServer();
    ref = await referenceDatabase();
    ours = rawClient({ host: server.host, port: server.port, user: "postgres", database: "differential" });
    theirs = rawClient({ ...REFERENCE, database: ref.name });
    await ours.connect();
    await theirs.connect();
    for (const [sql, params] of script) {
      results.push({
        sql,
        theirs: await outcome(theirs, sql, params),
        ours: await outcome(ours, sql, params),
      });
    }
  });

  afterAll(async () => {
    await ours?.end();
    await theirs?.end();
    await ref?.drop();
    await server?.stop();
  });

  it.each(script.map(([sql], i) => [i, sql] as const))("#%i %s", (i) => {
    const r = results[i]!;
    expect(r.ours).toEqual(r.theirs);
  });
});
