import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { python } from "../support/python.js";
import { REFERENCE, referenceDatabase } from "../support/reference.js";
import { startServer, type TestServer } from "../support/server.js";

/**
 * Each program creates its own schema in a fresh database, then prints what the library sees of it
 * (reflection, introspected types, fetched values). The output for a tenant must be PostgreSQL's
 * output, line for line: nothing in it names the database.
 */
describe("Python libraries that read the catalog", () => {
  let server: TestServer;
  const references: Awaited<ReturnType<typeof referenceDatabase>>[] = [];
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
    for (const r of references) await r.drop();
  });

  async function compare(script: string, tenant: string): Promise<string[]> {
    const reference = await referenceDatabase(tenant);
    references.push(reference);
    const expected = python(script, REFERENCE.port, reference.name).split("\n");
    expect(python(script, server.port, tenant).split("\n")).toEqual(expected);
    return expected;
  }

  it("SQLAlchemy creates, reflects and uses a model through psycopg2 as on PostgreSQL", async () => {
    const lines = await compare("sqlalchemy_reflect.py", "sqlalchemy");
    // What PostgreSQL itself answered, so that the comparison above is not between two failures.
    expect(lines).toContain("tables ['author', 'book']");
    expect(lines.find((l) => l.startsWith("fks book"))).toContain("'referred_table': 'author'");
    expect(lines).toContain("after delete 0");
  }, 30_000);

  it("asyncpg introspects enums and domains and decodes values as on PostgreSQL", async () => {
    const lines = await compare("asyncpg_types.py", "asyncpg_types");
    expect(lines).toContain("custom codec HAPPY ok");
    expect(lines).toContain("error 22P02 InvalidTextRepresentationError");
  }, 30_000);
});
