import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname } from "node:path";
import pg from "pg";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REFERENCE, referenceDatabase } from "../support/reference.js";
import { startServer, type TestServer } from "../support/server.js";

/**
 * Adminer as Debian installs it (package adminer: /etc/adminer/conf.php loads
 * /usr/share/adminer/adminer.php with its plugins), served by PHP's built-in server (php-cli with
 * php-pgsql) and driven in headless Chromium. The same flow runs against a fresh tenant and a fresh
 * database on the reference PostgreSQL, and the pages must show the same thing.
 */
const PHP = "/usr/bin/php";
const CHROMIUM = "/usr/bin/chromium";
const ADMINER = "/etc/adminer/conf.php";
const missing = [PHP, CHROMIUM, ADMINER].filter((p) => !existsSync(p));

const SCHEMA = [
  "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
  "CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL, email varchar(100) UNIQUE, mood mood)",
  `CREATE TABLE books (
    id bigserial PRIMARY KEY,
    author_id integer NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    title text NOT NULL,
    price numeric(8,2) DEFAULT 0 CHECK (price >= 0),
    published date,
    tags text[],
    meta jsonb,
    added timestamp with time zone DEFAULT now(),
    in_stock boolean NOT NULL DEFAULT true)`,
  "CREATE INDEX books_title_idx ON books (title)",
  "CREATE UNIQUE INDEX books_author_title ON books (author_id, title DESC)",
  "CREATE TABLE notes (body text, stars integer)",
  "INSERT INTO notes VALUES ('first', 1), ('second', 2), ('third', 2)",
  "CREATE VIEW cheap_books AS SELECT id, title FROM books WHERE price < 10",
  "COMMENT ON TABLE books IS 'Books in the catalog'",
  "COMMENT ON COLUMN books.title IS 'Full title'",
  "INSERT INTO authors (name, email, mood) VALUES ('Ursula', 'ul@example.com', 'happy'), ('Iain', NULL, NULL)",
  `INSERT INTO books (author_id, title, price, published, tags, meta, added) VALUES
    (1, 'The Dispossessed', 9.50, '1974-05-01', '{sf,classic}', '{"pages": 387}', '2024-01-02 03:04:05+00'),
    (2, 'Excession', 12.00, NULL, NULL, NULL, '2024-01-02 03:04:05+00')`,
];

/** The parts of DOM elements read in the page (the project's TypeScript has no DOM library). */
interface Field {
  value: string;
  textContent: string;
}

/** A table of a page: each row's title attribute (Adminer puts index and key names there) and cells. */
type Grid = string[][];

/** What Adminer showed of one database. */
interface Visit {
  databases: string[];
  tables: string[];
  views: string[];
  sequencesAndTypes: string[];
  dump: string[];
  structure: Record<string, Grid[]>;
  edit: { messages: string[]; stored: unknown[] };
  afterEdit: Grid[];
  /** Adminer's error boxes on every page visited. */
  errors: string[];
  /** Warnings and errors PHP logged while serving these pages. */
  phpMessages: string[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Php {
  url: string;
  process: ChildProcess;
  log(): string;
}

async function startPhp(): Promise<Php> {
  const modules = spawnSync(PHP, ["-m"], { encoding: "utf8" }).stdout;
  if (!/^pgsql$/m.test(modules)) throw new Error("PHP lacks the pgsql extension (Debian package php-pgsql)");
  const port = await freePort();
  // display_errors off and log_errors on: PHP's messages go to the server's stderr, collected here.
  const child = spawn(
    PHP,
    ["-d", "display_errors=0", "-d", "log_errors=1", "-S", `127.0.0.1:${port}`, "-t", dirname(ADMINER)],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr!.on("data", (d: Buffer) => {
    log += d.toString();
  });
  const url = `http://127.0.0.1:${port}/conf.php`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch (e) {
      if (i === 100) throw e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, process: child, log: () => log };
}

/** The text of every table in the page's content, row by row. */
function grids(page: Page): Promise<Grid[]> {
  return page.$$eval("#content table", (tables) =>
    tables.map((t) =>
      [...t.querySelectorAll("tr")].map((tr) => [
        tr.getAttribute("title") ?? "",
        ...[...tr.querySelectorAll("th, td")].map((c) =>
          (c as unknown as Field).textContent.replace(/\s+/g, " ").trim(),
        ),
      ]),
    ),
  );
}

function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) =>
    els.map((e) => (e as unknown as Field).textContent.replace(/\s+/g, " ").trim()),
  );
}

function values(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.map((e) => (e as unknown as Field).value));
}

function fill(page: Page, selector: string, value: string): Promise<void> {
  return page.$eval(
    selector,
    (e, v) => {
      (e as unknown as Field).value = v;
    },
    value,
  );
}

/** Logs in, lists databases and tables, shows structures and data, and edits a row. */
async function visit(browser: Browser, php: Php, server: { port: number; database: string }): Promise<Visit> {
  const adminer = php.url;
  const logStart = php.log().length;
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const errors: string[] = [];
  const base = `${adminer}?pgsql=127.0.0.1:${server.port}&username=postgres&db=${server.database}&ns=public`;
  const open = async (query: string) => {
    await page.goto(`${base}&${query}`);
    errors.push(...(await texts(page, ".error")));
  };
  await page.goto(adminer);
  await page.select("select[name='auth[driver]']", "pgsql");
  await fill(page, "input[name='auth[server]']", `127.0.0.1:${server.port}`);
  await fill(page, "input[name='auth[username]']", "postgres");
  // Adminer refuses an empty password; both servers trust local connections and ignore it.
  await page.type("input[name='auth[password]']", "unused");
  await fill(page, "input[name='auth[db]']", server.database);
  await Promise.all([page.waitForNavigation(), page.click("input[type=submit]")]);
  errors.push(...(await texts(page, ".error")));
  const tables = await values(page, "input[name='tables[]']");
  const views = await values(page, "input[name='views[]']");
  const sequencesAndTypes = await texts(page, "#sequences + table a, #user-types + table a");

  const structure: Record<string, Grid[]> = {};
  for (const query of [
    "table=books",
    "table=authors",
    "table=cheap_books",
    "select=books",
    "select=cheap_books",
    "select=notes",
  ]) {
    await open(query);
    structure[query] = await grids(page);
  }

  // Export as SQL text: CREATE statements rebuilt from the catalog, and the rows. Its comment lines
  // name the server's version and the time.
  await open("dump=");
  await Promise.all([page.waitForNavigation(), page.click("input[value=Export]")]);
  const dump = (await page.$eval("body", (e) => (e as unknown as Field).textContent))
    .split("\n")
    .filter((line) => !line.startsWith("-- "));

  /** Opens a row's edit form, changes it and saves: Adminer's message, without its time. */
  const edit = async (query: string, change: () => Promise<void>) => {
    await open(query);
    structure[query] = await grids(page);
    await change();
    await Promise.all([page.waitForNavigation(), page.click("input[value=Save]")]);
    errors.push(...(await texts(page, ".error")));
    return (await texts(page, ".message")).join("\n").replace(/ \d\d:\d\d:\d\d .*/s, "");
  };
  // By primary key: Adminer updates WHERE "id" = '1'.
  const messages = [
    await edit("edit=books&where[id]=1", async () => {
      await fill(page, "textarea[name='fields[title]']", "The Dispossessed: An Ambiguous Utopia");
      await fill(page, "input[name='fields[price]']", "11.25");
      await page.click("input[type=checkbox][name='fields[in_stock]']");
    }),
  ];
  const afterEdit = await grids(page);
  // A table without a key: Adminer updates WHERE ctid = (SELECT ctid FROM ... LIMIT 1).
  messages.push(
    await edit("edit=notes&where[body]=second&where[stars]=2", () =>
      fill(page, "input[name='fields[stars]']", "5"),
    ),
  );

  await open("db=");
  const databases = await values(page, "input[name='db[]']");
  await context.close();

  const client = new pg.Client({
    host: "127.0.0.1",
    port: server.port,
    user: "postgres",
    database: server.database,
  });
  await client.connect();
  const stored = [
    ...(await client.query("SELECT title, price, in_stock FROM books WHERE id = 1")).rows,
    ...(await client.query("SELECT body, stars FROM notes ORDER BY body")).rows,
  ];
  await client.end();
  const phpMessages = php
    .log()
    .slice(logStart)
    .split("\n")
    .filter((l) => /PHP (Warning|Notice|Deprecated|Fatal error|Parse error)/.test(l))
    .map((l) => l.replace(/^\[[^\]]*\] /, ""));
  return {
    databases,
    tables,
    views,
    sequencesAndTypes,
    dump,
    structure,
    edit: { messages, stored },
    afterEdit,
    errors,
    phpMessages,
  };
}

async function createSchema(port: number, database: string): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database });
  await client.connect();
  for (const sql of SCHEMA) await client.query(sql);
  await client.end();
}

describe.skipIf(missing.length > 0)(
  `Adminer in headless Chromium${missing.length ? ` (skipped: ${missing.join(", ")} not installed; .ci/run installs them)` : ""}`,
  () => {
    let server: TestServer;
    // One PHP server for each side, so that the two visits run at once and PHP's logs stay apart.
    let phps: Php[];
    let browser: Browser;
    let reference: Awaited<ReturnType<typeof referenceDatabase>>;
    beforeAll(async () => {
      [server, reference, browser, ...phps] = await Promise.all([
        startServer(),
        referenceDatabase("adminer"),
        puppeteer.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--headless=new"] }),
        startPhp(),
        startPhp(),
      ]);
    });
    afterAll(async () => {
      await browser?.close();
      for (const php of phps ?? []) php.process.kill();
      await server?.stop();
      await reference?.drop();
    });

    it("lists tables, shows structures and data, and saves an edited row as on PostgreSQL", async () => {
      const tenant = "adminer_tenant";
      await createSchema(server.port, tenant);
      await createSchema(REFERENCE.port, reference.name);
      const [ours, theirs] = await Promise.all([
        visit(browser, phps[0]!, { port: server.port, database: tenant }),
        visit(browser, phps[1]!, { port: REFERENCE.port, database: reference.name }),
      ]);

      expect(ours.errors).toEqual([]);
      expect(theirs.errors).toEqual([]);
      // PHP messages Adminer's own code causes on PostgreSQL too are no fault of the server.
      expect(ours.phpMessages.filter((m) => !theirs.phpMessages.includes(m))).toEqual([]);

      expect(ours.tables).toEqual(["authors", "books", "notes"]);
      expect(ours.views).toEqual(["cheap_books"]);
      expect(ours.sequencesAndTypes).toEqual(["authors_id_seq", "books_id_seq", "mood"]);
      expect(ours.sequencesAndTypes).toEqual(theirs.sequencesAndTypes);
      expect(ours.databases).toContain(tenant);
      expect(theirs.databases).toContain(reference.name);
      for (const [query, shown] of Object.entries(ours.structure)) {
        expect(shown.length, query).toBeGreaterThan(0);
        expect(shown, query).toEqual(theirs.structure[query]);
      }
      expect(ours.dump).toEqual(theirs.dump);
      expect(ours.dump).toContain('CREATE TABLE "public"."books" (');
      const columns = ours.structure["table=books"]![0]!.map((row) => row.slice(1, 3).join(" "));
      expect(columns).toContain("price numeric(8,2) NULL [0]");
      expect(columns).toContain("tags text[] NULL");
      expect(columns).toContain("added timestamptz NULL [now()]");

      expect(ours.edit.messages).toEqual(["Item has been updated.", "Item has been updated."]);
      expect(ours.edit).toEqual(theirs.edit);
      expect(ours.edit.stored).toEqual([
        { title: "The Dispossessed: An Ambiguous Utopia", price: "11.25", in_stock: false },
        { body: "first", stars: 1 },
        { body: "second", stars: 5 },
        { body: "third", stars: 2 },
      ]);
      // SELECT * without ORDER BY: PostgreSQL lists the updated row's new version last, so compare rows as a set.
      const sorted = (shown: Grid[]) =>
        shown.map((grid) => [...grid].sort((a, b) => a.join().localeCompare(b.join())));
      expect(sorted(ours.afterEdit)).toEqual(sorted(theirs.afterEdit));
      expect(ours.afterEdit[0]).toContainEqual(
        expect.arrayContaining(["The Dispossessed: An Ambiguous Utopia", "f"]),
      );
    }, 60_000);
  },
);
