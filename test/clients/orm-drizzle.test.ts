import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { asc, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceAndTenant, type Target, targetUrl } from "../support/targets.js";
import * as schema from "./programs/drizzle-schema.js";

const KIT = fileURLToPath(new URL("../../node_modules/drizzle-kit/bin.cjs", import.meta.url));
const SCHEMA = fileURLToPath(new URL("./programs/drizzle-schema.ts", import.meta.url));

/** Runs drizzle-kit (which introspects through pg_catalog and information_schema); its last lines. */
function kit(args: string[]): string[] {
  const r = spawnSync(process.execPath, [KIT, ...args], { encoding: "utf8", timeout: 60_000 });
  const lines = `${r.stdout}\n${r.stderr}`
    .split(/[\r\n]+/)
    .map((l) => l.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "").trim())
    .filter((l) => l !== "" && !l.includes("Pulling schema") && !l.includes("Unknown user config"));
  if (r.status !== 0) throw new Error(`drizzle-kit ${args[0]} failed: ${lines.join("\n")}`);
  return lines;
}

const push = (t: Target) =>
  kit(["push", "--dialect", "postgresql", "--schema", SCHEMA, "--url", targetUrl(t), "--force", "--verbose"]);

/** drizzle-kit pull: the schema and relations it writes from what the database reports. */
function pull(t: Target): Record<string, string> {
  const out = mkdtempSync(join(tmpdir(), "tenantgres-drizzle-"));
  try {
    kit(["pull", "--dialect", "postgresql", "--url", targetUrl(t), "--out", out]);
    return Object.fromEntries(
      ["schema.ts", "relations.ts"].map((f) => [f, readFileSync(join(out, f), "utf8")]),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** CRUD and relational queries through drizzle-orm's node-postgres driver. */
async function queries(t: Target): Promise<Record<string, unknown>> {
  const pool = new pg.Pool({ host: t.host, port: t.port, user: t.user, database: t.database, max: 2 });
  const db = drizzle(pool, { schema });
  const out: Record<string, unknown> = {};
  try {
    const [ann] = await db
      .insert(schema.authors)
      .values({ name: "Ann", email: "ann@example.com", mood: "happy" })
      .returning({ id: schema.authors.id, mood: schema.authors.mood });
    const [bob] = await db
      .insert(schema.authors)
      .values({ name: "Bob", email: "bob@example.com" })
      .returning();
    out.inserted = [ann, { id: bob!.id, mood: bob!.mood, created: bob!.createdAt instanceof Date }];
    await db.insert(schema.posts).values([
      { authorId: ann!.id, title: "one", meta: { tags: ["a"] }, price: "9.99" },
      { authorId: ann!.id, title: "two", published: true },
      { authorId: bob!.id, title: "one" },
    ]);
    out.relational = await db.query.authors.findMany({
      columns: { name: true, mood: true },
      orderBy: [asc(schema.authors.name)],
      with: {
        posts: { columns: { title: true, meta: true, price: true }, orderBy: [asc(schema.posts.title)] },
      },
    });
    out.firstWithAuthor = await db.query.posts.findFirst({
      columns: { title: true, published: true },
      where: eq(schema.posts.title, "two"),
      with: { author: { columns: { email: true } } },
    });
    await db.update(schema.posts).set({ price: sql`coalesce(${schema.posts.price}, 0) + 1` });
    out.joined = await db
      .select({ name: schema.authors.name, n: sql<number>`count(*)::int`, total: sql<string>`sum(price)` })
      .from(schema.posts)
      .innerJoin(schema.authors, eq(schema.posts.authorId, schema.authors.id))
      .groupBy(schema.authors.name)
      .orderBy(schema.authors.name);
    const duplicate = await db
      .insert(schema.posts)
      .values({ authorId: ann!.id, title: "one" })
      .then(
        () => undefined,
        (e: { cause?: { code?: string; constraint?: string } }) => e.cause,
      );
    out.duplicate = { code: duplicate?.code, constraint: duplicate?.constraint };
    await db.transaction(async (tx) => {
      await tx.delete(schema.authors).where(eq(schema.authors.id, bob!.id));
    });
    out.afterCascade = await db
      .select({ title: schema.posts.title })
      .from(schema.posts)
      .orderBy(schema.posts.id);
  } finally {
    await pool.end();
  }
  return JSON.parse(JSON.stringify(out));
}

describe("Drizzle (drizzle-orm with node-postgres, drizzle-kit)", () => {
  let env: Awaited<ReturnType<typeof referenceAndTenant>>;
  beforeAll(async () => {
    env = await referenceAndTenant("drizzle");
  });
  afterAll(async () => {
    await env.close();
  });

  it("drizzle-kit push creates the schema, and a second push finds nothing to change", () => {
    const expected = push(env.reference);
    expect(expected).toContain("[✓] Changes applied");
    expect(expected).toContain("CREATE TYPE \"public\".\"mood\" AS ENUM('sad', 'ok', 'happy');");
    expect(push(env.tenant)).toEqual(expected);
    expect(push(env.tenant).at(-1)).toBe("[i] No changes detected");
  });

  it("drizzle-kit pull writes the same schema from a tenant as from PostgreSQL", () => {
    const expected = pull(env.reference);
    expect(expected["schema.ts"]).toContain('uniqueIndex("posts_title_uq")');
    expect(pull(env.tenant)).toEqual(expected);
  });

  it("drizzle-orm queries, relational queries included, see what they see on PostgreSQL", async () => {
    const expected = await queries(env.reference);
    expect(await queries(env.tenant)).toEqual(expected);
    expect(expected.relational).toEqual([
      {
        name: "Ann",
        mood: "happy",
        posts: [
          { title: "one", meta: { tags: ["a"] }, price: "9.99" },
          { title: "two", meta: null, price: null },
        ],
      },
      { name: "Bob", mood: "ok", posts: [{ title: "one", meta: null, price: null }] },
    ]);
    expect(expected.joined).toEqual([
      { name: "Ann", n: 2, total: "11.99" },
      { name: "Bob", n: 1, total: "1.00" },
    ]);
    expect(expected.duplicate).toEqual({ code: "23505", constraint: "posts_title_uq" });
  });
});
