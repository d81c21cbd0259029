import knexFactory, { type Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceAndTenant, type Target } from "../support/targets.js";

/**
 * Knex: migrations (knex_migrations and knex_migrations_lock), the schema builder (increments,
 * timestamps, foreign keys, unique, index, enu as a CHECK constraint, jsonb), hasTable/hasColumn,
 * columnInfo (information_schema.columns), the query builder and transactions.
 */

type Migration = { up(k: Knex): Promise<void>; down(k: Knex): Promise<void> };

const migrations: Record<string, Migration> = {
  "001_init": {
    async up(k) {
      await k.schema.createTable("users", (t) => {
        t.increments("id");
        t.string("email", 120).notNullable().unique();
        t.enu("role", ["admin", "user"]).defaultTo("user");
        t.jsonb("prefs");
        t.decimal("balance", 12, 2).defaultTo(0);
        t.boolean("active").defaultTo(true);
        t.timestamps(true, true);
      });
      await k.schema.createTable("posts", (t) => {
        t.bigIncrements("id");
        t.integer("user_id").unsigned().notNullable().references("id").inTable("users").onDelete("CASCADE");
        t.text("body");
        t.specificType("tags", "text[]");
        t.uuid("ref");
        t.date("published_on");
        t.index(["user_id", "published_on"], "posts_user_date");
      });
    },
    async down(k) {
      await k.schema.dropTable("posts");
      await k.schema.dropTable("users");
    },
  },
  "002_more": {
    async up(k) {
      await k.schema.alterTable("users", (t) => {
        t.string("nick").nullable();
        t.dropColumn("active");
      });
    },
    async down(k) {
      await k.schema.alterTable("users", (t) => {
        t.dropColumn("nick");
        t.boolean("active").defaultTo(true);
      });
    },
  },
};

const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (m) => m,
  getMigration: async (m) => migrations[m]!,
};

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => "no error",
    (e: { code?: string; constraint?: string }) => ({ code: e.code, constraint: e.constraint }),
  );
}

async function scenario(t: Target): Promise<Record<string, unknown>> {
  const knex = knexFactory({
    client: "pg",
    connection: { host: t.host, port: t.port, user: t.user, database: t.database },
    pool: { min: 0, max: 2 },
  });
  const out: Record<string, unknown> = {};
  try {
    out.latest = await knex.migrate.latest({ migrationSource });
    out.again = await knex.migrate.latest({ migrationSource });
    out.list = await knex.migrate.list({ migrationSource });
    out.has = [
      await knex.schema.hasTable("users"),
      await knex.schema.hasTable("nope"),
      await knex.schema.hasColumn("users", "nick"),
      await knex.schema.hasColumn("users", "active"),
    ];
    out.columns = await knex("users").columnInfo();
    out.tags = await knex("posts").columnInfo("tags");
    const [user] = await knex("users")
      .insert({ email: "a@example.com", prefs: { dark: true }, balance: "10.50" })
      .returning(["id", "email", "role", "prefs", "balance", "nick"]);
    out.inserted = user;
    await knex("posts").insert([
      {
        user_id: user.id,
        body: "hi",
        tags: ["a", "b"],
        ref: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        published_on: "2024-01-02",
      },
      { user_id: user.id, body: "yo", tags: [] },
    ]);
    out.joined = await knex("posts")
      .join("users", "users.id", "posts.user_id")
      .select("posts.id", "body", "tags", "email", "ref", knex.raw("published_on::text AS day"))
      .orderBy("posts.id");
    out.badRole = await failure(knex("users").insert({ email: "b@example.com", role: "boss" }));
    out.duplicate = await failure(knex("users").insert({ email: "a@example.com" }));
    await knex.transaction(async (trx) => {
      await trx("users")
        .where({ id: user.id })
        .update({ nick: "ann", balance: knex.raw("balance + 1") });
    });
    out.rolledBack = await knex
      .transaction(async (trx) => {
        await trx("users").update({ nick: "zzz" });
        throw new Error("undo");
      })
      .catch((e: Error) => e.message);
    out.users = await knex("users").select("nick", "balance", "role");
    out.count = await knex("posts").count("* as n").first();
    out.contains = await knex("posts").where("tags", "@>", ["a"]).pluck("body");
    await knex("users").where({ id: user.id }).del();
    out.afterCascade = await knex("posts").count("* as n").first();
    out.rollback = await knex.migrate.rollback({ migrationSource }, true);
    out.afterRollback = await knex.schema.hasTable("users");
  } finally {
    await knex.destroy();
  }
  return JSON.parse(JSON.stringify(out));
}

describe("Knex", () => {
  let env: Awaited<ReturnType<typeof referenceAndTenant>>;
  beforeAll(async () => {
    env = await referenceAndTenant("knex");
  });
  afterAll(async () => {
    await env.close();
  });

  it("migrates, introspects and queries a tenant as it does PostgreSQL", async () => {
    const expected = await scenario(env.reference);
    expect(await scenario(env.tenant)).toEqual(expected);
    expect(expected.latest).toEqual([1, ["001_init", "002_more"]]);
    expect(expected.again).toEqual([1, []]);
    expect(expected.has).toEqual([true, false, true, false]);
    expect(expected.badRole).toEqual({ code: "23514", constraint: "users_role_check" });
    expect(expected.duplicate).toEqual({ code: "23505", constraint: "users_email_unique" });
    expect(expected.users).toEqual([{ nick: "ann", balance: "11.50", role: "user" }]);
    expect(expected.afterCascade).toEqual({ n: "0" });
    expect(expected.rollback).toEqual([1, ["002_more", "001_init"]]);
  });
});
