import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { python } from "../support/python.js";
import { startServer, type TestServer } from "../support/server.js";

describe("Python drivers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("psycopg2", () => {
    expect(python("psycopg2_smoke.py", server.port, "psycopg").split("\n")).toEqual([
      "inserted 1",
      "rows [(1, 'x', Decimal('1.25'), True)]",
      "error 23505",
      "count 1",
      "",
    ]);
  });

  it("asyncpg", () => {
    expect(python("asyncpg_smoke.py", server.port, "asyncpg").split("\n")).toEqual([
      "fetchrow {'name': 'a', 'qty': 1}",
      "fetchval 6",
      "fetch [(2, 'b'), (3, 'c')]",
      "error 23502",
      "",
    ]);
  });
});
