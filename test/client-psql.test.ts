import { execFileSync, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionArgs } from "./support/libpq-args.js";
import { REFERENCE, referenceDatabase } from "./support/reference.js";
import { startServer, type TestServer } from "./support/server.js";

function psql(
  port: number,
  database: string,
  args: string[],
  input?: string,
): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync("psql", [...connectionArgs(port, database), "-X", "-v", "ON_ERROR_STOP=0", ...args], {
    input,
    env: { ...process.env, PGCONNECT_TIMEOUT: "5", PGAPPNAME: "psql" },
  });
  return { stdout: r.stdout.toString(), stderr: r.stderr.toString(), status: r.status };
}

const SESSION = `
CREATE TABLE books (id serial PRIMARY KEY, title text NOT NULL, pages integer, published date, price numeric(6,2));
INSERT INTO books (title, pages, published, price) VALUES ('Dune', 412, '1965-08-01', 9.99), ('Emma', 474, '1815-12-23', 5.5);
SELECT id, title, pages, published, price FROM books ORDER BY id;
UPDATE books SET pages = pages + 1 WHERE title = 'Emma';
SELECT title, pages FROM books WHERE pages > 400 ORDER BY pages DESC;
BEGIN;
DELETE FROM books;
ROLLBACK;
SELECT count(*) FROM books;
SELECT * FROM nowhere;
\\echo done
`;

describe("psql against Tenantgres", () => {
  let server: TestServer;
  let ref: Awaited<ReturnType<typeof referenceDatabase>>;
  beforeAll(async () => {
    server = await startServer();
    ref = await referenceDatabase();
  });
  afterAll(async () => {
    await ref?.drop();
    await server?.stop();
  });

  it("prints what PostgreSQL prints for the same session", () => {
    const theirs = psql(REFERENCE.port, ref.name, ["-f", "-"], SESSION);
    const ours = psql(server.port, "library", ["-f", "-"], SESSION);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stderr.replaceAll(/psql:<stdin>:\d+: /g, "")).toBe(
      theirs.stderr.replaceAll(/psql:<stdin>:\d+: /g, ""),
    );
    expect(ours.stdout).toContain("Dune");
  });

  it("connects with -c and reports the connection", () => {
    const r = psql(server.port, "acme", [
      "-c",
      "\\conninfo",
      "-c",
      "SELECT current_database(), current_user",
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('You are connected to database "acme" as user "postgres"');
    expect(r.stdout).toMatch(/acme\s+\|\s+postgres/);
  });

  it("exits non-zero on errors with ON_ERROR_STOP", () => {
    const r = spawnSync("psql", [
      ...connectionArgs(server.port, "acme"),
      "-X",
      "-v",
      "ON_ERROR_STOP=1",
      "-c",
      "SELECT 1/0",
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr.toString()).toContain("ERROR:  division by zero");
  });

  it("has psql on the machine", () => {
    expect(execFileSync("psql", ["--version"]).toString()).toMatch(/PostgreSQL/);
  });
});
