import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.js";

const program = (name: string) => fileURLToPath(new URL(`./programs/${name}`, import.meta.url));

/** Debian's python3 with python3-psycopg2 and python3-asyncpg (installed by .ci/run). */
function python(script: string, port: number, database: string): string {
  const r = spawnSync("/usr/bin/python3", [program(script), String(port), database], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout;
}

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
