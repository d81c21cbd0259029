/**
 * Records the introspection statements real clients send and writes them, with PostgreSQL's rows
 * for the known schema, to test/fixtures/clients/<client>.json (replayed by
 * test/catalog/client-fixtures.test.ts).
 *
 *   npx tsx scripts/capture-client-queries.ts [client ...]   (default: every client)
 *
 * Each client runs against a fresh database holding test/fixtures/clients/schema.sql, through a
 * recording proxy (scripts/capture/recording-proxy.ts, port CAPTURE_PROXY_PORT or 6615) in front
 * of the reference PostgreSQL (127.0.0.1:55432). What is kept:
 *  - statements that read the catalog: SELECT, WITH or SHOW whose text names a pg_* relation or
 *    function, information_schema, or one of current_schema(s), current_database, current_setting,
 *    version, format_type; BEGIN, SET, the clients' own DML and plain queries are dropped;
 *  - statements whose parameters could all be decoded (binary parameters of other types are not);
 *  - statements that succeed on PostgreSQL;
 *  - not `SELECT version()`, whose text names the server's build;
 *  - statements with the same rows, after OID symbolisation (test/support/client-fixtures.ts), in
 *    two fresh databases created one after the other: results depending on time, backend pids,
 *    other databases or OIDs that are not the schema's are dropped, and listed on stderr;
 *  - each distinct (SQL, parameters) once, in the order first sent.
 * Rows are PostgreSQL's text; the schema's OIDs and the database name are written symbolically, and
 * the rows of a statement without a top-level ORDER BY are sorted (test/support/client-fixtures.ts).
 */
import { writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import {
  connect,
  createSchema,
  type FixtureEntry,
  type ObjectNames,
  objectNames,
  replay,
  symbolize,
} from "../test/support/client-fixtures.js";
import { CLIENTS } from "./capture/clients.js";
import { type Recorded, startProxy } from "./capture/recording-proxy.js";

const REFERENCE_PORT = 55432;
const PROXY_PORT = Number(process.env.CAPTURE_PROXY_PORT ?? 6615);
const OUT = new URL("../test/fixtures/clients/", import.meta.url);

const CATALOG_WORDS =
  /\b(pg_\w+|information_schema|current_schemas?|current_database|current_setting|version|format_type)\b/i;

function isIntrospection(sql: string): boolean {
  const body = sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, "");
  if (/^show\b/i.test(body)) return true;
  if (/^select\s+(pg_catalog\.)?version\(\)\s*;?\s*$/i.test(body)) return false;
  return /^(select|with|\()/i.test(body) && CATALOG_WORDS.test(body);
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({
    host: "127.0.0.1",
    port: REFERENCE_PORT,
    user: "postgres",
    database: "postgres",
  });
  await c.connect();
  await c.query(sql);
  await c.end();
}

/** A fresh reference database with the schema; returns its name and its objects' names. */
async function freshDatabase(prefix: string): Promise<{ name: string; names: ObjectNames }> {
  const name = `${prefix}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(`CREATE DATABASE ${name}`);
  const c = await connect(REFERENCE_PORT, name);
  await createSchema(c);
  const names = await objectNames(c, name);
  c.end();
  return { name, names };
}

const drop = (name: string) => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);

async function answers(entries: FixtureEntry[], db: { name: string; names: ObjectNames }) {
  const c = await connect(REFERENCE_PORT, db.name);
  const out = [];
  for (const e of entries) out.push(await replay(c, e, db.names));
  c.end();
  return out;
}

/** JSON with one line per field and per row, so that fixture changes read well in a diff. */
function fixtureText(entries: FixtureEntry[]): string {
  const entry = (e: FixtureEntry) => {
    const fields = Object.entries(e)
      .filter(([k]) => k !== "rows")
      .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    const rows = e.rows.map((r) => `    ${JSON.stringify(r)}`).join(",\n");
    return ` {\n${fields.join(",\n")},\n  "rows": [${rows ? `\n${rows}\n  ` : ""}]\n }`;
  };
  return `[\n${entries.map(entry).join(",\n")}\n]\n`;
}

async function capture(client: string): Promise<void> {
  const recorded: Recorded[] = [];
  const proxy = await startProxy(PROXY_PORT, REFERENCE_PORT, (r) => recorded.push(r));
  const first = await freshDatabase(`fx_${client.replace(/\W/g, "_")}`);
  try {
    await CLIENTS[client]!(PROXY_PORT, first.name);
  } finally {
    await new Promise((resolve) => proxy.close(resolve));
  }
  const seen = new Set<string>();
  const entries: FixtureEntry[] = [];
  for (const r of recorded) {
    if (!isIntrospection(r.sql) || r.undecodable) continue;
    const entry: FixtureEntry = { sql: symbolize(r.sql, first.names, false), columns: [], rows: [] };
    if (r.params) {
      entry.params = r.params.map((p) => (p === null ? null : symbolize(p, first.names, false)));
      entry.paramTypes = r.paramTypes ?? [];
    }
    const key = JSON.stringify([entry.sql, entry.params]);
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
  }
  const second = await freshDatabase(`fx_${client.replace(/\W/g, "_")}`);
  const a = await answers(entries, first);
  const b = await answers(entries, second);
  await drop(first.name);
  await drop(second.name);
  const kept: FixtureEntry[] = [];
  for (const [i, e] of entries.entries()) {
    const x = a[i]!;
    if (x.error) {
      process.stderr.write(`${client}: dropped (fails on PostgreSQL: ${x.error.message}): ${e.sql}\n`);
    } else if (!isDeepStrictEqual(x, b[i])) {
      process.stderr.write(`${client}: dropped (rows differ between databases): ${e.sql}\n`);
    } else {
      kept.push({ ...e, columns: x.columns, rows: x.rows });
    }
  }
  writeFileSync(new URL(`${client}.json`, OUT), fixtureText(kept));
  process.stdout.write(`${client}: ${recorded.length} statements sent, ${kept.length} kept\n`);
}

const wanted = process.argv.slice(2);
for (const client of wanted.length > 0 ? wanted : Object.keys(CLIENTS)) {
  if (!CLIENTS[client]) throw new Error(`unknown client ${client}`);
  await capture(client);
}
