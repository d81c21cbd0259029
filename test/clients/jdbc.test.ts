import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.js";

/** Debian's libpostgresql-jdbc-java: the driver DBeaver and DataGrip are built on. */
const JAR = "/usr/share/java/postgresql.jar";

describe("pgJDBC", () => {
  let server: TestServer;
  let classes: string;
  beforeAll(async () => {
    server = await startServer();
    classes = mkdtempSync(join(tmpdir(), "tenantgres-jdbc-"));
    const source = fileURLToPath(new URL("./programs/JdbcSmoke.java", import.meta.url));
    execFileSync("javac", ["-cp", JAR, "-d", classes, source]);
  });
  afterAll(async () => {
    await server.stop();
  });

  it("connects, prepares, batches, fetches with a fetch size and reports errors", () => {
    const r = spawnSync("java", ["-cp", `${JAR}:${classes}`, "JdbcSmoke", String(server.port)], {
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^1 n0 1\.50 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ true 10000000000$/);
    expect(lines.slice(1)).toEqual([
      "rows 9",
      "error 22012 ERROR: division by zero",
      "PostgreSQL 15.0 (tenantgres 0.1.0)",
    ]);
  });
});
