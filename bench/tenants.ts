// Many tenants on one machine: creation, cold connect + first query, memory and file descriptors.
// Usage: npm run bench:tenants [-- --tenants 10000 --max-open-tenants 1000 --samples 500]
// The first tenant gets its schema through SQL; the others are copies of its file (a tenant is a
// file in the data directory, so a copy is a tenant). Creation through SQL is measured too.
import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { median, percentile } from "./lib/report.js";
import { machineInfo, processUsage, startReferencePostgres, startTenantgres } from "./lib/servers.js";
import { sample } from "./lib/workloads.js";

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TENANTS = flag("tenants", 10_000);
const MAX_OPEN = flag("max-open-tenants", 1000);
const SAMPLES = flag("samples", 500);
const TOUCH = flag("touch", Math.min(TENANTS, 10_000));
const LANES = 4;
const SCHEMA = [
  "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, created timestamptz NOT NULL DEFAULT now())",
  "CREATE TABLE notes (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id), body text, created timestamptz DEFAULT now())",
  "CREATE INDEX notes_user ON notes (user_id)",
  "INSERT INTO users (email) VALUES ('a@example.com'), ('b@example.com')",
  "INSERT INTO notes (user_id, body) VALUES (1, 'hello'), (2, 'world')",
];
const FIRST_QUERY =
  "SELECT u.email, count(n.id) FROM users u LEFT JOIN notes n ON n.user_id = u.id GROUP BY u.email";
const name = (i: number) => `t${String(i).padStart(7, "0")}`;
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

async function session(port: number, database: string, statements: string[]): Promise<void> {
  const c = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database });
  await c.connect();
  try {
    for (const sql of statements) await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Runs f over items with `lanes` at a time. */
async function lanes<T>(items: T[], f: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      while (next < items.length) {
        const i = next++;
        await f(items[i]!, i);
      }
    }),
  );
}

/** Open SQLite database files of a process (not counting -wal and -shm), from /proc/<pid>/fd. */
function openTenantFiles(pid: number, dataDir: string): number {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith(dataDir) && !/-(wal|shm|journal)$/.test(target)) n++;
    } catch {
      // The descriptor closed meanwhile.
    }
  }
  return n;
}

startReferencePostgres();
const dir = mkdtempSync(join(tmpdir(), "tenantgres-tenants-"));
const dataDir = join(dir, "data");
mkdirSync(dataDir);

// 1. Creation through SQL: CREATE DATABASE, then the schema in a session of the new tenant.
log("tenants through SQL");
let server = await startTenantgres(dataDir);
const viaSql = Math.min(500, TENANTS);
const sqlStart = performance.now();
await session(server.port, name(0), SCHEMA);
await lanes(
  Array.from({ length: viaSql - 1 }, (_, i) => i + 1),
  async (i) => session(server.port, name(i), SCHEMA),
);
const sqlRate = viaSql / ((performance.now() - sqlStart) / 1000);
const createOnly = Array.from({ length: 1000 }, (_, i) => `CREATE DATABASE created${i};`).join("\n");
const createStart = performance.now();
execFileSync(
  "psql",
  ["-X", "-q", "-h", "127.0.0.1", "-p", String(server.port), "-U", "postgres", "-d", name(0)],
  {
    input: createOnly,
  },
);
const createDatabaseRate = 1000 / ((performance.now() - createStart) / 1000);
await server.stop(); // Checkpoints every tenant into its file.
for (let i = 0; i < 1000; i++) rmSync(join(dataDir, `created${i}`));

// 2. The rest are copies of the first tenant's file.
log(`copying to ${TENANTS} tenants`);
const image = readFileSync(join(dataDir, name(0)));
const copyStart = performance.now();
for (let i = viaSql; i < TENANTS; i++) writeFileSync(join(dataDir, name(i)), image, { flag: "wx" });
const copyRate = (TENANTS - viaSql) / ((performance.now() - copyStart) / 1000);
const duKiB = Number(execFileSync("du", ["-sk", dataDir], { encoding: "utf8" }).split("\t")[0]);

// 3. A fresh server: every tenant is cold.
server = await startTenantgres(dataDir, [
  "--max-open-tenants",
  String(MAX_OPEN),
  "--tenant-idle-timeout",
  "3600",
]);
const usage = () => ({ ...processUsage(server.pid), openTenantFiles: openTenantFiles(server.pid, dataDir) });
const atStart = usage();
// The server's own first use (module loading on each thread) is not a tenant's cost.
for (let i = 0; i < 8; i++) await session(server.port, name(i), [FIRST_QUERY]);
log(`connect + first query on ${SAMPLES} random cold tenants`);
// Tenants t0000008 to the last, t<TENANTS - 1>.
const picks = sample(SAMPLES, TENANTS - 8).map((i) => i + 7);
const times: number[] = [];
for (const i of picks) {
  const start = performance.now();
  await session(server.port, name(i), [FIRST_QUERY]);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);

// 4. Touch tenants one after another; memory and descriptors as they accumulate.
log(`touching ${TOUCH} tenants`);
const series: (ReturnType<typeof usage> & { touched: number; seconds: number })[] = [];
const touchStart = performance.now();
const step = Math.max(1, Math.floor(TOUCH / 10));
await lanes(
  Array.from({ length: TOUCH }, (_, i) => i),
  async (i) => {
    await session(server.port, name(i), [FIRST_QUERY]);
    if ((i + 1) % step === 0)
      series.push({ touched: i + 1, seconds: (performance.now() - touchStart) / 1000, ...usage() });
  },
);
const touchRate = TOUCH / ((performance.now() - touchStart) / 1000);
const atEnd = usage();
await server.stop();

const result = {
  date: new Date().toISOString(),
  machine: machineInfo(dataDir),
  settings: { tenants: TENANTS, maxOpenTenants: MAX_OPEN, samples: SAMPLES, touched: TOUCH, lanes: LANES },
  creation: {
    sqlTenantsWithSchemaPerSecond: sqlRate,
    createDatabasePerSecond: createDatabaseRate,
    fileCopiesPerSecond: copyRate,
    bytesPerTenant: image.length,
    diskKiBPerTenant: duKiB / TENANTS,
  },
  coldConnectFirstQueryMs: {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: times.at(-1),
    mean: median(times),
  },
  server: { atStart, atEnd, series, touchedPerSecond: touchRate },
};
const resultsDir = new URL("./results/", import.meta.url);
mkdirSync(resultsDir, { recursive: true });
const file = `tenants-${TENANTS}-${result.date.slice(0, 10)}.json`;
writeFileSync(new URL(file, resultsDir), `${JSON.stringify(result, null, 2)}\n`);
rmSync(dir, { recursive: true, force: true });

const f = (x: number | undefined) => (x === undefined ? "–" : x.toFixed(x >= 100 ? 0 : 2));
console.log(
  `${TENANTS} tenants (${viaSql} through SQL, the rest file copies), --max-open-tenants ${MAX_OPEN}`,
);
console.log(
  `creation: ${f(sqlRate)}/s through SQL with schema (${LANES} connections), ${f(createDatabaseRate)}/s CREATE DATABASE (psql, one connection), ${f(copyRate)}/s as file copies`,
);
console.log(`disk: ${image.length} bytes per tenant file, ${f(duKiB / TENANTS)} KiB per tenant allocated`);
console.log(
  `cold connect + first query (${SAMPLES} random tenants): p50 ${f(times[Math.floor(times.length / 2)])} ms, p99 ${f(percentile(times, 99))} ms, max ${f(times.at(-1))} ms`,
);
console.log("touched | s | RSS MiB | fds | open tenant files | threads");
for (const s of [{ touched: 0, seconds: 0, ...atStart }, ...series])
  console.log(
    `${s.touched} | ${f(s.seconds)} | ${f(s.rssMiB)} | ${s.fds} | ${s.openTenantFiles} | ${s.threads}`,
  );
console.log(`(${f(touchRate)} tenants/s connect + first query + disconnect, ${LANES} at a time)`);
console.log(`Wrote bench/results/${file}`);
