import "reflect-metadata";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource, EntitySchema } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.js";
import { referenceAndTenant, type Target } from "../support/targets.js";

/**
 * TypeORM's schema synchronization (it introspects information_schema.columns and .tables,
 * pg_index, pg_constraint, pg_type and more), entities with relations, and a second
 * synchronization after a server restart that must find nothing to change.
 */

interface Author {
  id: number;
  uid: string;
  name: string;
  kind: "staff" | "guest";
  tags: string[] | null;
  profile: Record<string, unknown> | null;
  score: string;
  createdAt: Date;
  books: Book[];
}

interface Book {
  id: string;
  title: string;
  pages: number | null;
  published: boolean;
  author: Author;
}

const AuthorEntity = new EntitySchema<Author>({
  name: "Author",
  tableName: "author",
  columns: {
    id: { type: "int", primary: true, generated: "increment" },
    uid: { type: "uuid", generated: "uuid", unique: true },
    name: { type: "varchar", length: 100 },
    kind: { type: "enum", enum: ["staff", "guest"], default: "guest" },
    tags: { type: "simple-array", nullable: true },
    profile: { type: "jsonb", nullable: true },
    score: { type: "numeric", precision: 8, scale: 2, default: 0 },
    createdAt: { type: "timestamptz", createDate: true },
  },
  relations: { books: { type: "one-to-many", target: "Book", inverseSide: "author" } },
  indices: [{ name: "author_name_idx", columns: ["name"] }],
});

const BookEntity = new EntitySchema<Book>({
  name: "Book",
  tableName: "book",
  columns: {
    id: { type: "uuid", primary: true, generated: "uuid" },
    title: { type: "text" },
    pages: { type: "int", nullable: true },
    published: { type: "boolean", default: false },
  },
  relations: {
    author: {
      type: "many-to-one",
      target: "Author",
      inverseSide: "books",
      onDelete: "CASCADE",
      nullable: false,
      joinColumn: { name: "author_id" },
    },
  },
  uniques: [{ name: "book_title_author_uq", columns: ["title", "author"] }],
});

function dataSource(t: Target, synchronize: boolean): DataSource {
  return new DataSource({
    type: "postgres",
    host: t.host,
    port: t.port,
    username: t.user,
    database: t.database,
    entities: [AuthorEntity, BookEntity],
    synchronize,
    logging: false,
  });
}

/** Synchronizes the entities into an empty database, then saves and loads them. */
async function firstRun(t: Target): Promise<Record<string, unknown>> {
  const ds = await dataSource(t, true).initialize();
  const out: Record<string, unknown> = {};
  try {
    const authors = ds.getRepository(AuthorEntity);
    const books = ds.getRepository(BookEntity);
    const ann = await authors.save({ name: "Ann", tags: ["x", "y"], profile: { bio: "hi" }, kind: "staff" });
    out.saved = { id: ann.id, uid: /^[0-9a-f-]{36}$/.test(ann.uid), kind: ann.kind, score: ann.score };
    await books.save([
      { title: "One", author: ann, pages: 10 },
      { title: "Two", author: ann },
    ]);
    const found = await authors.findOne({
      where: { id: ann.id },
      relations: { books: true },
      order: { books: { title: "ASC" } },
    });
    out.found = {
      name: found?.name,
      tags: found?.tags,
      profile: found?.profile,
      created: found?.createdAt instanceof Date,
      books: found?.books.map((b) => [b.title, b.pages, b.published]),
    };
    out.duplicate = await books.save({ title: "One", author: ann }).then(
      () => "no error",
      (e: { driverError?: { code?: string; constraint?: string } }) => ({
        code: e.driverError?.code,
        constraint: e.driverError?.constraint,
      }),
    );
    await ds.transaction(async (m) => {
      await m.getRepository(AuthorEntity).update({ id: ann.id }, { score: "12.5" });
    });
    out.joined = await books
      .createQueryBuilder("b")
      .innerJoin("b.author", "a")
      .select(["b.title AS title", "a.name AS name", "a.score AS score"])
      .where("a.score > :s", { s: 10 })
      .orderBy("b.title")
      .getRawMany();
  } finally {
    await ds.destroy();
  }
  return JSON.parse(JSON.stringify(out));
}

/** A later start: what synchronize would change (nothing), and a cascading delete. */
async function secondRun(t: Target): Promise<Record<string, unknown>> {
  const ds = await dataSource(t, false).initialize();
  try {
    const pending = (await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);
    await ds.getRepository(AuthorEntity).delete({ name: "Ann" });
    return { pending, booksLeft: await ds.getRepository(BookEntity).count() };
  } finally {
    await ds.destroy();
  }
}

describe("TypeORM", () => {
  let dataDir: string;
  let server: TestServer;
  let env: Awaited<ReturnType<typeof referenceAndTenant>>;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "tenantgres-typeorm-"));
    server = await startServer([], { dataDir });
    env = await referenceAndTenant("typeorm", server);
  });
  afterAll(async () => {
    await env.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("synchronizes entities and saves and loads them as on PostgreSQL", async () => {
    const expected = await firstRun(env.reference);
    expect(await firstRun(env.tenant)).toEqual(expected);
    expect(expected.found).toEqual({
      name: "Ann",
      tags: ["x", "y"],
      profile: { bio: "hi" },
      created: true,
      books: [
        ["One", 10, false],
        ["Two", null, false],
      ],
    });
    expect(expected.duplicate).toEqual({ code: "23505", constraint: "book_title_author_uq" });
  });

  it("finds nothing to synchronize after the server restarts", async () => {
    await server.stop();
    server = await startServer([], { dataDir });
    const expected = await secondRun(env.reference);
    expect(expected).toEqual({ pending: [], booksLeft: 0 });
    expect(await secondRun({ ...env.tenant, port: server.port })).toEqual(expected);
  });
});
