import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Answer,
  connect,
  createSchema,
  type FixtureEntry,
  type ObjectNames,
  objectNames,
  replay,
} from "../support/client-fixtures.js";
import type { RawClient } from "../support/raw-client.js";
import { REFERENCE, referenceDatabase } from "../support/reference.js";
import { startServer, type TestServer } from "../support/server.js";

/**
 * The introspection statements real clients send (recorded by scripts/capture-client-queries.ts),
 * replayed on a fresh tenant and a fresh PostgreSQL database holding the same schema: Tenantgres
 * must return PostgreSQL's columns (names, type OIDs) and rows (as text), and PostgreSQL must still
 * return the recorded rows (so a stale fixture fails too). OIDs of the schema's objects and the
 * database name are compared by what they name (see test/support/client-fixtures.ts).
 */
const DIR = new URL("../fixtures/clients/", import.meta.url);

/** Fixtures not replayed, with the reason (Tenantgres does not match PostgreSQL yet). */
const LEFT_OUT: Record<string, string> = {
  "postgres-js":
    "its only statement, the array-type query run at connect, differs: pg_type lacks the row types " +
    "(and their arrays) of information_schema's views and tables, and pg_class.reltype is 0 for them",
};

/** Single statements not replayed, by client and the start of their text, with the reason. */
const LEFT_OUT_STATEMENTS: { client: string; startsWith: string; reason: string }[] = [
  {
    client: "pgcli",
    startsWith: "SELECT n.nspname schema_name, p.proname func_name",
    reason:
      "casts oidvector to regtype[] (PostgreSQL: [0:1]={bigint,bigint}; Tenantgres: 22P02) and lists " +
      "every function of pg_proc",
  },
];

const leftOut = (client: string, sql: string) =>
  LEFT_OUT_STATEMENTS.find(
    (l) => l.client === client && sql.replace(/\s+/g, " ").trim().startsWith(l.startsWith),
  )?.reason;

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .filter((client) => !(client in LEFT_OUT))
  .sort();

/** The first difference between two answers, described briefly (deep diffs of large results are slow). */
function difference(ours: Answer, theirs: Answer): string | undefined {
  const show = (v: unknown) => JSON.stringify(v);
  if (show(ours.error) !== show(theirs.error)) return `error: ${show(ours.error)} vs ${show(theirs.error)}`;
  for (let i = 0; i < Math.max(ours.columns.length, theirs.columns.length); i++) {
    if (show(ours.columns[i]) !== show(theirs.columns[i]))
      return `column ${i} of ${ours.columns.length} vs ${theirs.columns.length}: ${show(ours.columns[i])} vs ${show(theirs.columns[i])}`;
  }
  for (let i = 0; i < Math.max(ours.rows.length, theirs.rows.length); i++) {
    if (show(ours.rows[i]) !== show(theirs.rows[i]))
      return `row ${i} of ${ours.rows.length} vs ${theirs.rows.length}: ${show(ours.rows[i])} vs ${show(theirs.rows[i])}`;
  }
  return undefined;
}

const load = (client: string): FixtureEntry[] =>
  JSON.parse(readFileSync(new URL(`${client}.json`, DIR), "utf8")) as FixtureEntry[];

describe("client fixtures", () => {
  let server: TestServer;
  let ref: Awaited<ReturnType<typeof referenceDatabase>>;
  const sides: {
    ours?: { c: RawClient; names: ObjectNames };
    theirs?: { c: RawClient; names: ObjectNames };
  } = {};

  beforeAll(async () => {
    server = await startServer();
    ref = await referenceDatabase("fx");
    for (const [side, port] of [
      ["theirs", REFERENCE.port],
      ["ours", server.port],
    ] as const) {
      const c = await connect(port, ref.name);
      await createSchema(c);
      sides[side] = { c, names: await objectNames(c, ref.name) };
    }
  });

  afterAll(async () => {
    for (const s of [sides.ours, sides.theirs]) s?.c.end();
    await ref?.drop();
    await server?.stop();
  });

  for (const client of fixtures) {
    const entries = load(client);
    describe(client, () => {
      for (const [i, e] of entries.entries()) {
        const reason = leftOut(client, e.sql);
        if (reason) it.skip(`#${i} left out: ${reason}`, () => {});
      }
      const replayed = entries.flatMap((e, i) => (leftOut(client, e.sql) ? [] : [[i, e] as const]));
      it.each(replayed.map(([i, e]) => [i, e.sql.replace(/\s+/g, " ").slice(0, 100), e] as const))(
        "#%i %s",
        async (_i, _title, entry) => {
          const theirs = await replay(sides.theirs!.c, entry, sides.theirs!.names);
          const ours = await replay(sides.ours!.c, entry, sides.ours!.names);
          const recorded: Answer = { columns: entry.columns, rows: entry.rows };
          const stale = difference(theirs, recorded);
          if (stale !== undefined) expect.fail(`PostgreSQL vs the fixture: ${stale}`);
          const wrong = difference(ours, theirs);
          if (wrong !== undefined) expect.fail(`Tenantgres vs PostgreSQL: ${wrong}`);
        },
      );
    });
  }
});
