// Workloads that are not a plain pgbench run: many tenants, tenant creation, cold tenants and the
// in-process SQLite floor.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { pgbench } from "./pgbench.js";
import { percentile } from "./report.js";
import { PG_PORT, pgSql } from "./servers.js";

export const tenantName = (i: number) => `mt${String(i).padStart(4, "0")}`;

const KV_ROWS = 100;
const KV_SETUP = [
  "CREATE TABLE kv (k integer PRIMARY KEY, v text NOT NULL)",
  `INSERT INTO kv SELECT g, 'value ' || g FROM generate_series(1, ${KV_ROWS}) AS g`,
];

async function withClient<T>(
  port: number,
  database: string,
  f: (c: pg.Client) => Promise<T>,
  options?: string,
) {
  const c = new pg.Client({
    host: "127.0.0.1",
    port,
    user: "postgres",
    database,
    ...(options ? { options } : {}),
  });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** Tenants mt0001.. on Tenantgres, each with a kv table; on PostgreSQL, one schema per tenant. */
export async function createManyTenants(port: number, count: number, pgDb: string): Promise<void> {
  let next = 1;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next <= count) {
        const i = next++;
        await withClient(port, tenantName(i), async (c) => {
          for (const sql of KV_SETUP) await c.query(sql);
        });
      }
    }),
  );
  pgSql("postgres", `DROP DATABASE IF EXISTS ${pgDb}`);
  pgSql("postgres", `CREATE DATABASE ${pgDb}`);
  pgSql(
    pgDb,
    `DO $$ BEGIN FOR i IN 1..${count} LOOP
       EXECUTE format('CREATE SCHEMA %I', 'mt' || lpad(i::text, 4, '0'));
       EXECUTE format('CREATE TABLE %I.kv (k integer PRIMARY KEY, v text NOT NULL)', 'mt' || lpad(i::text, 4, '0'));
       EXECUTE format('INSERT INTO %I.kv SELECT g, ''value '' || g FROM generate_series(1, ${KV_ROWS}) AS g', 'mt' || lpad(i::text, 4, '0'));
     END LOOP; END $$`,
  );
}

/**
 * Clients spread over many tenants: `lanes` pgbench processes run at once; each visits its share
 * of the given tenants in turn, connecting to the tenant and running `perVisit` transactions of the
 * script there. On PostgreSQL the tenant is a schema, picked by search_path at connect. Returns
 * transactions per second of wall-clock time, connections and process starts included.
 */
export async function multiTenant(
  target: { port: number; pgDb?: string },
  tenants: number[],
  lanes: number,
  perVisit: number,
  scriptDir: string,
): Promise<number> {
  const script = join(scriptDir, "multi-tenant.sql");
  writeFileSync(script, `\\set k random(1, ${KV_ROWS})\nSELECT v FROM kv WHERE k = :k;\n`);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let j = lane; j < tenants.length; j += lanes) {
        const name = tenantName(tenants[j]!);
        await pgbench({
          port: target.port,
          db: target.pgDb ?? name,
          args: ["-n", "-M", "prepared", "-c", "1", "-t", String(perVisit), "-f", script],
          env: target.pgDb ? { PGOPTIONS: `-c search_path=${name}` } : {},
        });
      }
    }),
  );
  return (tenants.length * perVisit) / ((performance.now() - start) / 1000);
}

/** CREATE DATABASE, one after another in one psql session: databases per second. */
export function creationRate(port: number, via: string, names: string[]): number {
  const script = names.map((n) => `CREATE DATABASE ${n};`).join("\n");
  const start = performance.now();
  execFileSync(
    "psql",
    ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", via],
    {
      input: script,
    },
  );
  return names.length / ((performance.now() - start) / 1000);
}

/** Connect and run a first point query, `samples` times on the given targets: p50 and p99 in ms. */
export async function connectAndFirstQuery(
  port: number,
  targets: { database: string; options?: string }[],
): Promise<{ p50: number; p99: number; samples: number }> {
  const times: number[] = [];
  for (const t of targets) {
    const start = performance.now();
    await withClient(port, t.database, (c) => c.query("SELECT v FROM kv WHERE k = 1"), t.options);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), samples: times.length };
}

/** Random distinct tenant numbers. */
export function sample(count: number, of: number): number[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(count, of)) picked.add(1 + Math.floor(Math.random() * of));
  return [...picked];
}

/** Point selects on pgbench_accounts in this process through better-sqlite3: per second. */
export function sqlitePointSelects(file: string, seconds: number, rows: number): number {
  const db = new Database(file, { readonly: true });
  const stmt = db.prepare("SELECT abalance FROM pgbench_accounts WHERE aid = ?").pluck();
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) stmt.get(1 + Math.floor(Math.random() * rows));
    n += 1000;
  }
  db.close();
  return n / seconds;
}

/** pgbench's TPC-B-like transaction in this process through better-sqlite3, synchronous=FULL. */
export function sqliteTpcb(file: string, seconds: number, scale: number): number {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  const upA = db.prepare("UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?");
  const selA = db.prepare("SELECT abalance FROM pgbench_accounts WHERE aid = ?").pluck();
  const upT = db.prepare("UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?");
  const upB = db.prepare("UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?");
  const ins = db.prepare(
    "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, strftime('%Y-%m-%d %H:%M:%f', 'now'))",
  );
  const txn = db.transaction((aid: number, tid: number, bid: number, delta: number) => {
    upA.run(delta, aid);
    selA.get(aid);
    upT.run(delta, tid);
    upB.run(delta, bid);
    ins.run(tid, bid, aid, delta);
  });
  const rnd = (n: number) => 1 + Math.floor(Math.random() * n);
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    txn.immediate(rnd(100_000 * scale), rnd(10 * scale), rnd(scale), rnd(10_001) - 5001);
    n++;
  }
  db.close();
  return n / seconds;
}

/** PostgreSQL's CREATE DATABASE, measured on a few databases, then dropped: rate and bytes each. */
export async function pgCreationRate(count: number): Promise<{ rate: number; bytes: number }> {
  const names = Array.from({ length: count }, (_, i) => `tg_bench_create_${i}`);
  for (const n of names) pgSql("postgres", `DROP DATABASE IF EXISTS ${n}`);
  const rate = creationRate(PG_PORT, "postgres", names);
  const bytes = Number(pgSql("postgres", `SELECT pg_database_size('${names[0]}')`));
  for (const n of names) pgSql("postgres", `DROP DATABASE ${n}`);
  return { rate, bytes };
}

export { pgbench };
