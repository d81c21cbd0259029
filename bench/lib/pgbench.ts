// Running pgbench and reading its summary.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";

/** pgbench itself: Debian's /usr/bin/pgbench is a Perl wrapper that costs a process start of its own. */
const PGBENCH = ["/usr/lib/postgresql/15/bin/pgbench"].find((p) => existsSync(p)) ?? "pgbench";

export interface PgbenchResult {
  tps: number;
  latencyMs: number;
  transactions: number;
  failed: number;
}

export interface PgbenchRun {
  port: number;
  db: string;
  args: string[];
  /** Extra environment, such as PGOPTIONS for per-connection settings. */
  env?: Record<string, string>;
}

function pgbenchProcess(run: PgbenchRun): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      PGBENCH,
      ["-h", "127.0.0.1", "-p", String(run.port), "-U", "postgres", ...run.args, run.db],
      { env: { ...process.env, ...run.env }, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(`pgbench ${run.args.join(" ")} on ${run.port}/${run.db}: ${stderr || error.message}`),
          );
        else resolve(stdout + stderr);
      },
    );
  });
}

/** Runs pgbench; rejects when it aborts or any transaction failed. */
export async function pgbench(run: PgbenchRun): Promise<PgbenchResult> {
  const out = await pgbenchProcess(run);
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? Number.NaN);
  const result = {
    tps: num(/tps = ([\d.]+) \(without initial connection time\)/),
    latencyMs: num(/latency average = ([\d.]+) ms/),
    transactions: num(/number of transactions actually processed: (\d+)/),
    failed: num(/number of failed transactions: (\d+)/),
  };
  if (!(result.failed === 0)) throw new Error(`pgbench reported failures on ${run.port}/${run.db}:\n${out}`);
  return result;
}

/** pgbench -i; resolves with its wall-clock seconds. */
export async function pgbenchInit(port: number, db: string, scale: number): Promise<number> {
  const start = performance.now();
  await pgbenchProcess({ port, db, args: ["-i", "-q", "-s", String(scale)] });
  return (performance.now() - start) / 1000;
}
