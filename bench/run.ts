// Tenantgres side by side with the reference PostgreSQL 15 and with SQLite in-process.
// Usage: npm run bench [-- --seconds 5 --rounds 3]
// Every pgbench workload runs on both servers in each round, alternating which goes first; the
// table shows the median of the rounds and Tenantgres' ratio to PostgreSQL (>1: Tenantgres faster).
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pgbench, pgbenchInit } from "./lib/pgbench.js";
import { median, type Row, ratio, svgChart, table } from "./lib/report.js";
import {
  loadAverage,
  machineInfo,
  PG_PORT,
  pgSql,
  startReferencePostgres,
  startTenantgres,
} from "./lib/servers.js";
import {
  connectAndFirstQuery,
  createManyTenants,
  creationRate,
  multiTenant,
  pgCreationRate,
  sample,
  sqlitePointSelects,
  sqliteTpcb,
  tenantName,
} from "./lib/workloads.js";

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = flag("seconds", 5);
const ROUNDS = flag("rounds", 3);
const SCALE = flag("scale", 10);
const TENANTS = flag("tenants", 1000);
const PG_DB = "tg_bench";
const PG_MT_DB = "tg_bench_mt";

startReferencePostgres();
const dir = mkdtempSync(join(tmpdir(), "tenantgres-bench-"));
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
let full = await startTenantgres(join(dir, "full"));
const normal = await startTenantgres(join(dir, "normal"), ["--durability", "normal"]);
const machine = machineInfo(dir);
const loadAtStart = loadAverage();

log(`pgbench -i -s ${SCALE} on both`);
pgSql("postgres", `DROP DATABASE IF EXISTS ${PG_DB}`);
pgSql("postgres", `CREATE DATABASE ${PG_DB}`);
const initOurs = await pgbenchInit(full.port, "bench", SCALE);
const initPg = await pgbenchInit(PG_PORT, PG_DB, SCALE);
await pgbenchInit(normal.port, "bench", SCALE);

interface Workload {
  row: Row;
  args: string[];
  ours: { port: number };
  pgEnv?: Record<string, string>;
  /** Also report the average latency of the same runs. */
  latency?: Row;
}
const T = String(SECONDS);
const workloads: Workload[] = [];
for (const mode of ["simple", "extended", "prepared"]) {
  for (const clients of [1, 8]) {
    const goal = clients === 8 ? ({ simple: 1.2, prepared: 1.5 } as Record<string, number>)[mode] : undefined;
    workloads.push({
      row: {
        workload: `select-only -M ${mode}, ${clients} client${clients > 1 ? "s" : ""}`,
        unit: "tps",
        better: "higher",
        tenantgres: [],
        postgres: [],
        goal,
      },
      args: ["-S", "-M", mode, "-c", String(clients), "-j", String(Math.min(clients, 2)), "-T", T],
      ours: full,
      latency:
        clients === 1
          ? {
              workload: `point-select latency -M ${mode}, 1 client`,
              unit: "ms",
              better: "lower",
              tenantgres: [],
              postgres: [],
              goal: mode === "prepared" ? 1 : undefined,
            }
          : undefined,
    });
  }
}
workloads.push({
  row: {
    workload: "TPC-B-like, 8 clients, equal durability (FULL vs PG defaults)",
    unit: "tps",
    better: "higher",
    tenantgres: [],
    postgres: [],
    goal: 1,
  },
  args: ["-M", "prepared", "-c", "8", "-j", "2", "-T", T],
  ours: full,
});
workloads.push({
  row: {
    workload: "TPC-B-like, 8 clients, --durability normal vs PG synchronous_commit=off",
    unit: "tps",
    better: "higher",
    tenantgres: [],
    postgres: [],
  },
  args: ["-M", "prepared", "-c", "8", "-j", "2", "-T", T],
  ours: normal,
  pgEnv: { PGOPTIONS: "-c synchronous_commit=off" },
});

log(`${TENANTS} tenants for the multi-tenant workload`);
await createManyTenants(full.port, TENANTS, PG_MT_DB);
const multiRow: Row = {
  workload: `multi-tenant: 8 lanes over ${TENANTS} tenants, connect + 20 point selects per visit`,
  unit: "tps",
  better: "higher",
  tenantgres: [],
  postgres: [],
  note: "PostgreSQL: one schema per tenant in one database, chosen by search_path at connect",
};

for (let round = 0; round < ROUNDS; round++) {
  for (const w of workloads) {
    log(`round ${round + 1}/${ROUNDS}: ${w.row.workload}`);
    const runOurs = async () => {
      const r = await pgbench({ port: w.ours.port, db: "bench", args: w.args });
      w.row.tenantgres.push(r.tps);
      w.latency?.tenantgres.push(r.latencyMs);
    };
    const runPg = async () => {
      const r = await pgbench({ port: PG_PORT, db: PG_DB, args: w.args, env: w.pgEnv });
      w.row.postgres.push(r.tps);
      w.latency?.postgres.push(r.latencyMs);
    };
    if (round % 2 === 0) {
      await runOurs();
      await runPg();
    } else {
      await runPg();
      await runOurs();
    }
  }
  log(`round ${round + 1}/${ROUNDS}: multi-tenant`);
  // Each round visits a different third of the tenants (process starts are slow): all of them in three rounds.
  const visited = Array.from({ length: TENANTS }, (_, i) => i + 1).filter((i) => i % ROUNDS === round);
  multiRow.tenantgres.push(await multiTenant({ port: full.port }, visited, 8, 20, dir));
  multiRow.postgres.push(await multiTenant({ port: PG_PORT, pgDb: PG_MT_DB }, visited, 8, 20, dir));
}

log("SQLite in-process floor");
const benchFile = join(dir, "normal", "bench");
const floor = {
  pointSelectsPerSecond: sqlitePointSelects(benchFile, SECONDS, 100_000 * SCALE),
  tpcbPerSecondFull: sqliteTpcb(benchFile, SECONDS, SCALE),
};

log("tenant creation and cold tenants");
const created = Array.from({ length: 1000 }, (_, i) => `created${i}`);
const creation = {
  tenantgresPerSecond: creationRate(full.port, "bench", created),
  tenantgresBytes: statSync(join(dir, "full", created[0]!)).size,
  postgres: await pgCreationRate(5),
};
// Cold: a restart closes every tenant; each sampled tenant is then opened by its first connection.
await full.stop();
full = await startTenantgres(join(dir, "full"));
// The server's own first use (module loading on each thread) is not a tenant's cost.
const WARM = 8;
await connectAndFirstQuery(
  full.port,
  Array.from({ length: WARM }, (_, i) => ({ database: tenantName(i + 1) })),
);
const coldPicks = sample(200, TENANTS - WARM).map((i) => i + WARM);
const cold = {
  tenantgres: await connectAndFirstQuery(
    full.port,
    coldPicks.map((i) => ({ database: tenantName(i) })),
  ),
  postgres: await connectAndFirstQuery(
    PG_PORT,
    coldPicks.map((i) => ({ database: PG_MT_DB, options: `-c search_path=${tenantName(i)}` })),
  ),
};

const rows: Row[] = [];
for (const w of workloads) {
  rows.push(w.row);
  if (w.latency) rows.push(w.latency);
}
rows.push(multiRow);
rows.push({
  workload: `pgbench -i -s ${SCALE}`,
  unit: "s",
  better: "lower",
  tenantgres: [initOurs],
  postgres: [initPg],
});
rows.push({
  workload: "tenant creation (CREATE DATABASE, one connection)",
  unit: "per s",
  better: "higher",
  tenantgres: [creation.tenantgresPerSecond],
  postgres: [creation.postgres.rate],
});
rows.push({
  workload: "cold tenant: connect + first query, p50",
  unit: "ms",
  better: "lower",
  tenantgres: [cold.tenantgres.p50],
  postgres: [cold.postgres.p50],
});
rows.push({
  workload: "cold tenant: connect + first query, p99",
  unit: "ms",
  better: "lower",
  tenantgres: [cold.tenantgres.p99],
  postgres: [cold.postgres.p99],
});

const selectPrepared1 = median(
  workloads.find((w) => w.row.workload === "select-only -M prepared, 1 client")!.row.tenantgres,
);
const tpcbFull = median(
  workloads.find((w) => w.row.workload.startsWith("TPC-B-like, 8 clients, equal"))!.row.tenantgres,
);
const floorLines = [
  "| SQLite in-process (better-sqlite3, one thread) | per s | Tenantgres over the wire | share |",
  "| --- | ---: | ---: | ---: |",
  `| point select on pgbench_accounts vs select-only -M prepared, 1 client | ${floor.pointSelectsPerSecond.toFixed(0)} | ${selectPrepared1.toFixed(0)} | ${((100 * selectPrepared1) / floor.pointSelectsPerSecond).toFixed(1)}% |`,
  `| TPC-B-like transaction, synchronous=FULL vs TPC-B-like 8 clients | ${floor.tpcbPerSecondFull.toFixed(0)} | ${tpcbFull.toFixed(0)} | ${((100 * tpcbFull) / floor.tpcbPerSecondFull).toFixed(1)}% |`,
].join("\n");
const extra = [
  `Disk per new tenant: Tenantgres ${creation.tenantgresBytes} bytes, PostgreSQL ${(creation.postgres.bytes / 1e6).toFixed(1)} MB (CREATE DATABASE measured on 5 databases).`,
  "Multi-tenant on PostgreSQL: one schema per tenant in one database, chosen by search_path at connect; each visit is a new pgbench process and connection on both.",
  `Cold tenants: ${cold.tenantgres.samples} random tenants of ${TENANTS} after a Tenantgres restart; on PostgreSQL a new connection (a new backend) to the tenant's schema.`,
].join("\n");

const date = new Date().toISOString();
const result = {
  date,
  machine,
  settings: { seconds: SECONDS, rounds: ROUNDS, scale: SCALE, tenants: TENANTS },
  loadAverage: { start: loadAtStart, end: loadAverage() },
  rows: rows.map((r) => ({
    ...r,
    medianTenantgres: median(r.tenantgres),
    medianPostgres: median(r.postgres),
    ratio: ratio(r),
  })),
  floor,
  creation,
  cold,
};
const resultsDir = new URL("./results/", import.meta.url);
mkdirSync(resultsDir, { recursive: true });
const stem = date.slice(0, 10);
writeFileSync(new URL(`${stem}.json`, resultsDir), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  new URL(`${stem}.svg`, resultsDir),
  svgChart(rows, `Tenantgres / PostgreSQL ${machine.postgres}, ${stem}`),
);

await full.stop();
await normal.stop();
pgSql("postgres", `DROP DATABASE IF EXISTS ${PG_MT_DB}`);
pgSql("postgres", `DROP DATABASE IF EXISTS ${PG_DB}`);
rmSync(dir, { recursive: true, force: true });

const machineLine = `${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, ${machine.disk}; ${machine.kernel}; Node ${machine.node}; PostgreSQL ${machine.postgres}`;
console.log(`Machine: ${machineLine}`);
console.log(`Load average (1 min) at start ${result.loadAverage.start}, at end ${result.loadAverage.end}.`);
console.log(
  `${SECONDS} s per run, median of ${ROUNDS} interleaved rounds, pgbench scale ${SCALE}. Ratio: Tenantgres relative to PostgreSQL, above 1 is faster.\n`,
);
console.log(table(rows));
console.log(`\n${floorLines}\n\n${extra}`);
console.log(`\nWrote bench/results/${stem}.json and bench/results/${stem}.svg`);
