import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./support/server.js";

async function connectError(
  server: TestServer,
  database: string,
): Promise<{ code?: string; severity?: string } | undefined> {
  const c = new pg.Client({ host: server.host, port: server.port, user: "u", database });
  try {
    await c.connect();
    await c.end();
    return undefined;
  } catch (e) {
    return e as { code?: string; severity?: string };
  }
}

describe("tenant routing", () => {
  let server: TestServer;
  let outside: string;

  beforeAll(async () => {
    server = await startServer();
    outside = mkdtempSync(join(tmpdir(), "tenantgres-outside-"));
    writeFileSync(join(outside, "victim"), "not a database");
    symlinkSync(join(outside, "victim"), join(server.dataDir, "linked"));
    symlinkSync(outside, join(server.dataDir, "dirlink"));
  });
  afterAll(async () => {
    await server.stop();
  });

  it("creates a tenant on first connect as a plain SQLite file", async () => {
    const c = new pg.Client({ host: server.host, port: server.port, user: "u", database: "acme" });
    await c.connect();
    await c.query("CREATE TABLE notes (id serial PRIMARY KEY, body text)");
    await c.query("INSERT INTO notes (body) VALUES ('hello')");
    await c.end();
    const file = join(server.dataDir, "acme");
    expect(existsSync(file)).toBe(true);
    const out = execFileSync("sqlite3", [file, "SELECT body FROM notes; PRAGMA journal_mode;"]).toString();
    expect(out.trim().split("\n")).toEqual(["hello", "wal"]);
  });

  it.each([
    ["..", "dot-dot"],
    ["../etc", "traversal"],
    ["a/b", "slash"],
    ["/etc/passwd", "absolute path"],
    ["-rf", "leading hyphen"],
    ["a b", "space"],
    ["x".repeat(64), "too long"],
    ["acme-wal", "SQLite companion suffix"],
    ["ünïcode", "non-ASCII"],
    ["linked", "symbolic link to a file outside"],
    ["dirlink", "symbolic link to a directory outside"],
    ["name.db", "dot"],
  ])("refuses %j (%s) with FATAL 3D000 and touches nothing", async (name) => {
    const before = readdirSync(server.dataDir).sort();
    const outsideBefore = readdirSync(outside).sort();
    const err = await connectError(server, name);
    expect(err).toMatchObject({ code: "3D000", severity: "FATAL" });
    expect(readdirSync(server.dataDir).sort()).toEqual(before);
    expect(readdirSync(outside).sort()).toEqual(outsideBefore);
  });

  it("creates and drops tenants with CREATE DATABASE and DROP DATABASE", async () => {
    const c = new pg.Client({ host: server.host, port: server.port, user: "u", database: "admin" });
    await c.connect();
    await c.query("CREATE DATABASE shop");
    expect(existsSync(join(server.dataDir, "shop"))).toBe(true);
    await expect(c.query("CREATE DATABASE shop")).rejects.toMatchObject({
      code: "42P04",
      message: 'database "shop" already exists',
    });
    await expect(c.query('CREATE DATABASE "../x"')).rejects.toMatchObject({ code: "3D000" });
    await expect(c.query("DROP DATABASE admin")).rejects.toMatchObject({ code: "55006" });
    const other = new pg.Client({ host: server.host, port: server.port, user: "u", database: "shop" });
    await other.connect();
    await expect(c.query("DROP DATABASE shop")).rejects.toMatchObject({ code: "55006" });
    await other.end();
    await new Promise((r) => setTimeout(r, 50));
    await c.query("DROP DATABASE shop");
    expect(existsSync(join(server.dataDir, "shop"))).toBe(false);
    await expect(c.query("DROP DATABASE shop")).rejects.toMatchObject({ code: "3D000" });
    const skipped = await c.query("DROP DATABASE IF EXISTS shop");
    expect(skipped.command).toBe("DROP");
    await c.query("BEGIN");
    await expect(c.query("CREATE DATABASE intx")).rejects.toMatchObject({ code: "25001" });
    await c.query("ROLLBACK");
    await c.end();
  });
});

describe("--no-auto-create", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(["--no-auto-create"]);
  });
  afterAll(async () => {
    await server.stop();
  });

  it("refuses unknown tenants and serves created ones", async () => {
    const err = await connectError(server, "unknown");
    expect(err).toMatchObject({ code: "3D000", severity: "FATAL" });
    expect((err as Error).message).toBe('database "unknown" does not exist');
    expect(existsSync(join(server.dataDir, "unknown"))).toBe(false);
    execFileSync("sqlite3", [join(server.dataDir, "known"), "PRAGMA journal_mode=WAL;"]);
    expect(await connectError(server, "known")).toBeUndefined();
  });
});
