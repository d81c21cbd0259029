// Noisy neighbours and use of every core, measured against a running build of the server.
// Usage: npx tsx bench/concurrency.ts   (after npm run build)
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import pg from "pg";
import { startServer } from "../test/support/server.js";

const LIGHT_TENANTS = 4;
const SAMPLE_SECONDS = 5;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

/** Point queries on light tenants, one closed-loop client each, for `seconds`: latencies in ms. */
async function lightLoad(port: number, seconds: number): Promise<number[]> {
  const clients = await Promise.all(
    Array.from({ length: LIGHT_TENANTS }, async (_, i) => {
      const c = new pg.Client({ host: "127.0.0.1", port, user: "bench", database: `light${i}` });
      await c.connect();
      await c.query("CREATE TABLE IF NOT EXISTS kv (k integer PRIMARY KEY, v text)");
      await c.query(
        "INSERT INTO kv SELECT x, 'value ' || x FROM (WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 1000) SELECT x FROM s) AS t ON CONFLICT DO NOTHING",
      );
      return c;
    }),
  );
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        const t = performance.now();
        await c.query({
          name: "get",
          text: "SELECT v FROM kv WHERE k = $1",
          values: [1 + Math.floor(Math.random() * 1000)],
        });
        latencies.push(performance.now() - t);
      }
    }),
  );
  await Promise.all(clients.map((c) => c.end()));
  return latencies.sort((a, b) => a - b);
}

async function noisyNeighbour(workers: number) {
  const server = await startServer(["--workers", String(workers)]);
  const idle = await lightLoad(server.port, SAMPLE_SECONDS);
  const heavy = new pg.Client({ host: "127.0.0.1", port: server.port, user: "bench", database: "heavy" });
  await heavy.connect();
  await heavy.query("SET statement_timeout = '10s'");
  const running = heavy
    .query(
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000000) SELECT count(*) FROM c",
    )
    .catch((e: Error) => e);
  await new Promise((r) => setTimeout(r, 200));
  const loaded = await lightLoad(server.port, SAMPLE_SECONDS);
  await running;
  await heavy.end();
  await server.stop();
  const row = (l: number[]) => ({
    queries: l.length,
    p50: percentile(l, 50),
    p99: percentile(l, 99),
    max: l.at(-1)!,
  });
  return {
    workers,
    idle: row(idle),
    duringHeavyQuery: row(loaded),
    p99Ratio: percentile(loaded, 99) / percentile(idle, 99),
  };
}

/** CPU-bound queries on several tenants at once: queries per second with `workers` threads. */
async function cpuThroughput(workers: number, seconds = 5) {
  const server = await startServer(["--workers", String(workers)]);
  const clients = await Promise.all(
    Array.from({ length: 4 }, async (_, i) => {
      const c = new pg.Client({ host: "127.0.0.1", port: server.port, user: "bench", database: `cpu${i}` });
      await c.connect();
      return c;
    }),
  );
  let done = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        await c.query(
          "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT sum(x) FROM c",
        );
        done++;
      }
    }),
  );
  await Promise.all(clients.map((c) => c.end()));
  await server.stop();
  return { workers, queriesPerSecond: done / seconds };
}

const cores = availableParallelism();
const noisy = await noisyNeighbour(cores);
const cpu = [await cpuThroughput(1), await cpuThroughput(cores)];
const report = {
  date: new Date().toISOString(),
  machine: { cores, cpu: cpus()[0]?.model, node: process.version },
  noisyNeighbour: noisy,
  cpuBound: { results: cpu, speedup: cpu[1]!.queriesPerSecond / cpu[0]!.queriesPerSecond },
};
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
const file = new URL(`./results/concurrency-${report.date.slice(0, 10)}.json`, import.meta.url);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
const fmt = (x: number) => x.toFixed(2);
console.log(`noisy neighbour (${cores} workers, ${LIGHT_TENANTS} light tenants, point selects):`);
console.log(
  `  idle:             p50 ${fmt(noisy.idle.p50)} ms  p99 ${fmt(noisy.idle.p99)} ms  (${noisy.idle.queries} queries)`,
);
console.log(
  `  during 10 s query: p50 ${fmt(noisy.duringHeavyQuery.p50)} ms  p99 ${fmt(noisy.duringHeavyQuery.p99)} ms  max ${fmt(noisy.duringHeavyQuery.max)} ms  (${noisy.duringHeavyQuery.queries} queries)`,
);
console.log(`  p99 ratio: ${fmt(noisy.p99Ratio)} (goal: at most 2)`);
console.log(
  `cpu-bound queries on 4 tenants: ${fmt(cpu[0]!.queriesPerSecond)} q/s with 1 worker, ${fmt(cpu[1]!.queriesPerSecond)} q/s with ${cores}: ${fmt(report.cpuBound.speedup)}x`,
);
