import { Kysely, type Migration, Migrator, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceAndTenant, type Target } from "../support/targets.js";

/**
 * Kysely's Migrator (its kysely_migration tables, and pg_advisory_lock around the run), its
 * introspection of tables and columns, and the query builder.
 */

// biome-ignore lint/suspicious/noExplicitAny: the test's database has no declared row types.
type Db = Kysely<any>;

const migrations: Record<string, Migration> = {
  "001_people": {
    async up(db: Db) {
      await db.schema.createType("species").asEnum(["dog", "cat"]).execute();
      await db.schema
        .createTable("person")
        .addColumn("id", "serial", (c) => c.primaryKey())
        .addColumn("first_name", "varchar(50)", (c) => c.notNull())
        .addColumn("last_name", "text")
        .addColumn("created_at", "timestamptz", (c) => c.defaultTo(sql`now()`).notNull())
        .addColumn("meta", "jsonb")
        .execute();
      await db.schema
        .createTable("pet")
        .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("owner_id", "integer", (c) => c.references("person.id").onDelete("cascade").notNull())
        .addColumn("species", sql`species`, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("pet_owner_idx").on("pet").column("owner_id").execute();
      await db.schema
        .createView("pet_names")
        .as(db.selectFrom("pet").select(["id", "name"]))
        .execute();
    },
  },
  "002_age": {
    async up(db: Db) {
      await db.schema.alterTable("person").addColumn("age", "int2").execute();
    },
  },
};

function open(t: Target): Db {
  const pool = new pg.Pool({ host: t.host, port: t.port, user: t.user, database: t.database, max: 3 });
  return new Kysely({ dialect: new PostgresDialect({ pool }) });
}

async function scenario(t: Target): Promise<Record<string, unknown>> {
  const db = open(t);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const out: Record<string, unknown> = {};
  try {
    const first = await migrator.migrateToLatest();
    out.migrated = { error: String(first.error ?? ""), results: first.results };
    out.again = (await migrator.migrateToLatest()).results;
    out.migrations = (await migrator.getMigrations()).map((m) => [m.name, m.executedAt instanceof Date]);
    const tables = await db.introspection.getTables();
    out.tables = tables.sort((a, b) => a.name.localeCompare(b.name));
    const ann = await db
      .insertInto("person")
      .values({ first_name: "Ann", meta: JSON.stringify({ a: [1] }) })
      .returning(["id", "first_name", "meta"])
      .executeTakeFirstOrThrow();
    out.inserted = ann;
    await db.insertInto("pet").values({ name: "Rex", owner_id: ann.id, species: "dog" }).execute();
    out.joined = await db
      .selectFrom("pet")
      .innerJoin("person", "person.id", "pet.owner_id")
      .select(["pet.name", "person.first_name", "pet.species"])
      .execute();
    await db.updateTable("person").set({ age: 30 }).where("id", "=", ann.id).execute();
    out.updated = await db.selectFrom("person").select(["age", "last_name"]).execute();
    out.duplicate = await db
      .insertInto("pet")
      .values({ name: "Rex", owner_id: ann.id, species: "cat" })
      .execute()
      .then(
        () => "no error",
        (e: { code?: string; constraint?: string }) => ({ code: e.code, constraint: e.constraint }),
      );
    out.badEnum = await db
      .insertInto("pet")
      .values({ name: "Tom", owner_id: ann.id, species: "cow" })
      .execute()
      .then(
        () => "no error",
        (e: { code?: string }) => e.code,
      );
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom("person").execute();
    });
    out.left = await db.selectFrom("pet").select(db.fn.countAll<string>().as("n")).executeTakeFirst();
  } finally {
    await db.destroy();
  }
  return JSON.parse(JSON.stringify(out));
}

/**
 * Two sessions and one advisory lock: the second waits for the first to release it, and
 * pg_try_advisory_lock does not wait.
 */
async function advisoryLocks(t: Target): Promise<string[]> {
  const a = new pg.Client({ host: t.host, port: t.port, user: t.user, database: t.database });
  const b = new pg.Client({ host: t.host, port: t.port, user: t.user, database: t.database });
  await a.connect();
  await b.connect();
  const events: string[] = [];
  const value = async (c: pg.Client, q: string) => Object.values((await c.query(q)).rows[0] ?? {})[0];
  try {
    await a.query("SELECT pg_advisory_lock(3853314791062309107)");
    events.push(`b tries: ${await value(b, "SELECT pg_try_advisory_lock(3853314791062309107)")}`);
    events.push(`b tries the int4 pair: ${await value(b, "SELECT pg_try_advisory_lock(1, 2)")}`);
    const waiting = b
      .query("SELECT pg_advisory_lock(3853314791062309107)")
      .then(() => events.push("b locked"));
    await new Promise((r) => setTimeout(r, 200));
    events.push("a unlocks");
    events.push(`a unlocked: ${await value(a, "SELECT pg_advisory_unlock(3853314791062309107)")}`);
    await waiting;
    events.push(`a unlocks again: ${await value(a, "SELECT pg_advisory_unlock(3853314791062309107)")}`);
    await b.query("BEGIN");
    await b.query("SELECT pg_advisory_xact_lock(7)");
    events.push(`a tries a transaction's lock: ${await value(a, "SELECT pg_try_advisory_lock(7)")}`);
    await b.query("COMMIT");
    events.push(`a tries after commit: ${await value(a, "SELECT pg_try_advisory_lock(7)")}`);
  } finally {
    await a.end();
    await b.end();
  }
  return events;
}

describe("Kysely", () => {
  let env: Awaited<ReturnType<typeof referenceAndTenant>>;
  beforeAll(async () => {
    env = await referenceAndTenant("kysely");
  });
  afterAll(async () => {
    await env.close();
  });

  it("migrates, introspects and queries a tenant as it does PostgreSQL", async () => {
    const expected = await scenario(env.reference);
    expect(await scenario(env.tenant)).toEqual(expected);
    expect(expected.migrated).toEqual({
      error: "",
      results: [
        { migrationName: "001_people", direction: "Up", status: "Success" },
        { migrationName: "002_age", direction: "Up", status: "Success" },
      ],
    });
    expect(expected.again).toEqual([]);
    expect((expected.tables as { name: string }[]).map((x) => x.name)).toEqual([
      "person",
      "pet",
      "pet_names",
    ]);
    expect(expected.duplicate).toEqual({ code: "23505", constraint: "pet_name_key" });
  });

  it("advisory locks wait for each other as on PostgreSQL", async () => {
    const expected = await advisoryLocks(env.reference);
    expect(expected).toEqual([
      "b tries: false",
      "b tries the int4 pair: true",
      "a unlocks",
      "a unlocked: true",
      "b locked",
      "a unlocks again: false",
      "a tries a transaction's lock: false",
      "a tries after commit: true",
    ]);
    expect(await advisoryLocks(env.tenant)).toEqual(expected);
  });
});
