import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceAndTenant, type Target } from "../support/targets.js";

/**
 * postgres.js with its defaults: it fetches the array types from pg_type when it connects,
 * prepares every statement, and reads results in text format with its own type parsers.
 */

function connect(t: Target) {
  return postgres({ host: t.host, port: t.port, user: t.user, database: t.database, onnotice: () => {} });
}

/** Values as JSON text: dates as ISO strings, bytes as hex, bigints as strings. */
function plain(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(v, (_k, x) => {
      if (typeof x === "bigint") return `${x}n`;
      if (x && typeof x === "object" && x.type === "Buffer" && Array.isArray(x.data))
        return `\\x${Buffer.from(x.data).toString("hex")}`;
      return x;
    }),
  );
}

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
    return "no error";
  } catch (e) {
    const err = e as Record<string, unknown>;
    return { code: err.code, message: err.message, constraint: err.constraint_name, table: err.table_name };
  }
}

/** One session's view of parameters, arrays, JSON, transactions and errors. */
async function scenario(t: Target): Promise<Record<string, unknown>> {
  const setup = connect(t);
  await setup`CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')`;
  await setup`CREATE TABLE item (
    id serial PRIMARY KEY, name text NOT NULL UNIQUE, tags text[], data jsonb, price numeric(10,2),
    qty int8, ratio float8, raw bytea, at timestamptz DEFAULT now(), day date, feel mood
  )`;
  await setup.end();
  // A new connection: its type fetch at connect now sees the tenant's types.
  const sql = connect(t);
  const out: Record<string, unknown> = {};
  out.params = await sql`SELECT ${"text"} AS s, ${42} AS i, ${2.5} AS f, ${true} AS b, ${null} AS n,
    ${new Date(Date.UTC(2024, 1, 29, 12, 30))} AS d, ${Buffer.from([0, 255, 16])} AS bytes,
    ${sql.json({ a: [1, { b: null }] })} AS j, ${[1, 2, 3]}::int4[] AS ia, ${["a", "b c", 'q"']}::text[] AS ta,
    ${"9007199254740993"}::int8 AS big, ${"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}::uuid AS u`;
  out.inserted = await sql`INSERT INTO item ${sql({
    name: "first",
    tags: ["x", "y"],
    data: { k: [1, 2], s: "é" },
    price: "12.50",
    qty: "10000000000",
    ratio: 0.25,
    raw: Buffer.from("hi"),
    day: "2024-03-01",
    feel: "happy",
  })} RETURNING id, name, tags, data, price, qty, ratio, raw, day::text, feel`;
  await sql`INSERT INTO item (name, feel) VALUES ('second', ${"sad"}), ('third', NULL)`;
  out.anyArray = await sql`SELECT name FROM item WHERE id = ANY(${[1, 3]}) ORDER BY id`;
  out.enums = await sql`SELECT feel, feel::text AS label, feel < 'ok' AS lt FROM item ORDER BY feel, id`;
  out.arrays = await sql`SELECT ARRAY[[1,2],[3,4]] AS m, '{}'::int[] AS e, ARRAY[1.5, NULL]::float8[] AS f,
    ARRAY[true, false] AS b, ARRAY['2024-01-01'::date] AS d`;
  out.json =
    await sql`SELECT data->'k' AS k, data->>'s' AS s, jsonb_build_object('n', 1) AS o FROM item WHERE id = 1`;
  await sql.begin(async (tx) => {
    await tx`UPDATE item SET price = price + 1 WHERE id = 1`;
    // A failed savepoint rolls back to it; the transaction goes on.
    await tx
      .savepoint(async (sp) => {
        await sp`UPDATE item SET price = 0 WHERE id = 1`;
        await sp`SELECT nope`;
      })
      .catch(() => undefined);
  });
  out.rolledBack = await errorOf(
    sql.begin(async (tx) => {
      await tx`DELETE FROM item`;
      await tx`SELECT 1/0`;
    }),
  );
  out.afterTransactions = await sql`SELECT name, price FROM item ORDER BY id`;
  out.unique = await errorOf(sql`INSERT INTO item (name) VALUES ('first')`);
  out.notNull = await errorOf(sql`INSERT INTO item (name) VALUES (${null})`);
  out.syntax = await errorOf(sql`SELEC 1`);
  out.undefinedTable = await errorOf(sql`SELECT * FROM nope`);
  out.badEnum = await errorOf(sql`SELECT 'angry'::mood`);
  out.badInput = await errorOf(sql`SELECT ${"x"}::int`);
  const chunks: unknown[] = [];
  for await (const rows of sql`SELECT g FROM generate_series(1, 5) AS g`.cursor(2)) chunks.push(rows);
  out.cursor = chunks;
  out.unsafe = await sql.unsafe("SELECT $1::text || $2::text AS c", ["a", "b"]);
  await sql.end();
  return plain(out) as Record<string, unknown>;
}

describe("postgres.js", () => {
  let env: Awaited<ReturnType<typeof referenceAndTenant>>;
  beforeAll(async () => {
    env = await referenceAndTenant("pgjs");
  });
  afterAll(async () => {
    await env.close();
  });

  it("sees on a tenant what it sees on PostgreSQL", async () => {
    const expected = await scenario(env.reference);
    const actual = await scenario(env.tenant);
    expect(actual).toEqual(expected);
    // The values themselves, so that a scenario failing alike on both cannot pass.
    expect(actual.enums).toEqual([
      { feel: "sad", label: "sad", lt: true },
      { feel: "happy", label: "happy", lt: false },
      { feel: null, label: null, lt: null },
    ]);
    expect(actual.afterTransactions).toEqual([
      { name: "first", price: "13.50" },
      { name: "second", price: null },
      { name: "third", price: null },
    ]);
    expect(actual.unique).toMatchObject({ code: "23505", constraint: "item_name_key", table: "item" });
    expect(actual.rolledBack).toMatchObject({ code: "22012" });
    expect(actual.cursor).toEqual([[{ g: 1 }, { g: 2 }], [{ g: 3 }, { g: 4 }], [{ g: 5 }]]);
  });
});
