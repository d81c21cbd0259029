import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REFERENCE, referenceDatabase } from "../support/reference.js";
import { startServer, type TestServer } from "../support/server.js";

/**
 * What a table rebuild leaves in the tenant's file, as the sqlite3 tool reads it, and what the
 * server reads back after a restart; NOTICEs of DDL compared with PostgreSQL's.
 */

const rawText = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

function sqlite(file: string, sql: string): string {
  return execFileSync("sqlite3", [file, sql]).toString().trim();
}

async function query(c: pg.Client, sql: string): Promise<unknown[][]> {
  return (await c.query({ text: sql, rowMode: "array" })).rows as unknown[][];
}

async function errorOf(c: pg.Client, sql: string): Promise<{ code?: string; message: string } | undefined> {
  try {
    await c.query(sql);
    return undefined;
  } catch (e) {
    const err = e as pg.DatabaseError;
    return { code: err.code, message: err.message };
  }
}

describe("a rebuilt table in the tenant's file", () => {
  let server: TestServer;
  let c: pg.Client;
  let file: string;
  // The server is restarted on the same directory, which is removed at the end.
  const dataDir = mkdtempSync(join(tmpdir(), "tenantgres-ddl-"));

  beforeAll(async () => {
    server = await startServer([], { dataDir });
    file = join(dataDir, "files");
    c = new pg.Client({ host: server.host, port: server.port, user: "u", database: "files", types: rawText });
    await c.connect();
    for (const sql of [
      "CREATE TABLE parent (id int PRIMARY KEY, code text UNIQUE, qty int)",
      "CREATE TABLE child (id serial PRIMARY KEY, pid int REFERENCES parent ON DELETE CASCADE, note text)",
      "CREATE INDEX child_note_idx ON child (note)",
      "CREATE VIEW parent_codes AS SELECT id, code FROM parent",
      "INSERT INTO parent VALUES (1, 'a', 10), (2, 'b', 20)",
      "INSERT INTO child (pid, note) VALUES (1, 'x'), (2, 'y'), (1, 'z')",
      "ALTER TABLE parent ALTER COLUMN qty TYPE bigint, ALTER COLUMN code SET NOT NULL, ADD CONSTRAINT qty_pos CHECK (qty > 0)",
      "ALTER TABLE child ADD COLUMN made timestamptz NOT NULL DEFAULT now(), ALTER COLUMN note TYPE varchar(5)",
      "COMMENT ON TABLE parent IS 'the parents'",
      "COMMENT ON COLUMN parent.code IS 'their code'",
      "CREATE TYPE mood AS ENUM ('sad', 'ok')",
      "ALTER TABLE parent ADD COLUMN m mood DEFAULT 'ok'",
      "CREATE TABLE ident (id int GENERATED ALWAYS AS IDENTITY, v text)",
      "INSERT INTO ident (v) VALUES ('one')",
    ]) {
      await c.query(sql);
    }
  });

  afterAll(async () => {
    await c?.end();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("stays a valid SQLite database with its foreign keys intact", () => {
    expect(sqlite(file, "PRAGMA integrity_check;")).toBe("ok");
    expect(sqlite(file, "PRAGMA foreign_key_check;")).toBe("");
    expect(sqlite(file, "SELECT count(*) FROM sqlite_schema WHERE name LIKE '%rebuild%';")).toBe("0");
    expect(sqlite(file, "SELECT id, code, qty, m FROM parent ORDER BY id;")).toBe("1|a|10|ok\n2|b|20|ok");
    expect(sqlite(file, "SELECT pid, note FROM child ORDER BY id;")).toBe("1|x\n2|y\n1|z");
    expect(sqlite(file, "SELECT id, code FROM parent_codes ORDER BY id;")).toBe("1|a\n2|b");
  });

  it("keeps PostgreSQL's types and constraint names in the table's definition", () => {
    const ddl = sqlite(file, "SELECT sql FROM sqlite_schema WHERE name = 'parent';");
    expect(ddl).toBe(
      'CREATE TABLE "parent" ("id" int4 NOT NULL, "code" text NOT NULL, "qty" int8, "m" mood text DEFAULT \'ok\', ' +
        'CONSTRAINT "parent_pkey" PRIMARY KEY ("id"), CONSTRAINT "parent_code_key" UNIQUE ("code"), ' +
        'CONSTRAINT "qty_pos" CHECK (("qty" > 0)))',
    );
    expect(sqlite(file, "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL;")).toBe(
      "child_note_idx",
    );
    expect(sqlite(file, "SELECT sql FROM sqlite_schema WHERE name = 'child';")).toContain(
      'CONSTRAINT "child_pid_fkey" FOREIGN KEY ("pid") REFERENCES "parent" ("id") ON DELETE CASCADE',
    );
  });

  it("stores comments, enum labels and identity columns in its metadata tables", () => {
    expect(sqlite(file, "SELECT kind, name, sub, comment FROM _tenantgres_comments ORDER BY kind;")).toBe(
      "column|parent|code|their code\nrelation|parent||the parents",
    );
    expect(sqlite(file, "SELECT label FROM _tenantgres_enum_labels ORDER BY sort_order;")).toBe("sad\nok");
    expect(sqlite(file, "SELECT table_name, column_name, kind, sequence FROM _tenantgres_identity;")).toBe(
      "ident|id|a|ident_id_seq",
    );
  });

  it("enforces the foreign keys of a rebuilt parent, actions included", async () => {
    expect(await errorOf(c, "INSERT INTO child (pid) VALUES (99)")).toEqual({
      code: "23503",
      message: 'insert or update on table "child" violates foreign key constraint "child_pid_fkey"',
    });
    await c.query("DELETE FROM parent WHERE id = 2");
    expect(await query(c, "SELECT pid, note FROM child ORDER BY id")).toEqual([
      ["1", "x"],
      ["1", "z"],
    ]);
    expect(await errorOf(c, "INSERT INTO parent VALUES (3, 'c', 0)")).toEqual({
      code: "23514",
      message: 'new row for relation "parent" violates check constraint "qty_pos"',
    });
    expect(await errorOf(c, "INSERT INTO parent VALUES (3, 'a', 1)")).toEqual({
      code: "23505",
      message: 'duplicate key value violates unique constraint "parent_code_key"',
    });
    expect(await errorOf(c, "INSERT INTO child (pid, note) VALUES (1, 'toolong')")).toEqual({
      code: "22001",
      message: "value too long for type character varying(5)",
    });
  });

  it("reads the altered schema back after a restart", async () => {
    await c.end();
    await server.stop();
    server = await startServer([], { dataDir });
    c = new pg.Client({ host: server.host, port: server.port, user: "u", database: "files", types: rawText });
    await c.connect();
    expect(await errorOf(c, "INSERT INTO parent VALUES (1, 'q', 1)")).toEqual({
      code: "23505",
      message: 'duplicate key value violates unique constraint "parent_pkey"',
    });
    expect(await query(c, "INSERT INTO ident (v) VALUES ('two') RETURNING id, v")).toEqual([["2", "two"]]);
    const r = await c.query({ text: "SELECT qty, m::text FROM parent WHERE id = 1", rowMode: "array" });
    expect(r.fields.map((f) => f.dataTypeID)).toEqual([20, 25]);
    expect(r.rows).toEqual([["10", "ok"]]);
    expect(
      await query(c, "SELECT pg_get_serial_sequence('child', 'id'), pg_get_serial_sequence('ident', 'id')"),
    ).toEqual([["public.child_id_seq", "public.ident_id_seq"]]);
  });
});

describe("NOTICEs of DDL match PostgreSQL", () => {
  let server: TestServer;
  let ref: Awaited<ReturnType<typeof referenceDatabase>>;
  let ours: pg.Client;
  let theirs: pg.Client;
  const notices = new Map<pg.Client, string[]>();

  beforeAll(async () => {
    server = await startServer();
    ref = await referenceDatabase();
    ours = new pg.Client({ host: server.host, port: server.port, user: "postgres", database: "notices" });
    theirs = new pg.Client({ ...REFERENCE, database: ref.name });
    for (const client of [ours, theirs]) {
      notices.set(client, []);
      client.on("notice", (n) => notices.get(client)!.push(n.message ?? ""));
      await client.connect();
    }
  });

  afterAll(async () => {
    await ours?.end();
    await theirs?.end();
    await ref?.drop();
    await server?.stop();
  });

  const statements = [
    "CREATE TABLE p (id int PRIMARY KEY)",
    "CREATE TABLE c (x int REFERENCES p)",
    "CREATE VIEW cv AS SELECT x FROM c",
    "ALTER TABLE c ADD COLUMN IF NOT EXISTS x int",
    "ALTER TABLE c DROP COLUMN IF EXISTS nope",
    "ALTER TABLE c DROP CONSTRAINT IF EXISTS nope",
    "ALTER TABLE IF EXISTS nope ADD COLUMN y int",
    "ALTER SEQUENCE IF EXISTS nope RESTART",
    "CREATE SEQUENCE s",
    "CREATE SEQUENCE IF NOT EXISTS s",
    "CREATE TYPE mood AS ENUM ('a')",
    "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'a'",
    "DROP TYPE IF EXISTS nope",
    "CREATE SCHEMA IF NOT EXISTS public",
    "DROP SCHEMA IF EXISTS nope",
    "ALTER TABLE p DROP CONSTRAINT p_pkey CASCADE",
    "ALTER TABLE c ADD COLUMN y int",
    "ALTER TABLE c DROP COLUMN x CASCADE",
    "ALTER TABLE p ADD PRIMARY KEY (id)",
    "ALTER TABLE c ADD CONSTRAINT c_y_fkey FOREIGN KEY (y) REFERENCES p",
    "DROP TABLE p CASCADE",
  ];

  it.each(statements.map((s, i) => [i, s] as const))("#%i %s", async (_i, sql) => {
    const outcomes: { notices: string[]; error?: string }[] = [];
    for (const client of [theirs, ours]) {
      notices.set(client, []);
      const error = await errorOf(client, sql);
      outcomes.push({ notices: notices.get(client)!, error: error?.code });
    }
    expect(outcomes[1]).toEqual(outcomes[0]);
  });
});
