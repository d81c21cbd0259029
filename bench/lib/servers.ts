// Starting the servers a benchmark compares: a Tenantgres build and the reference PostgreSQL.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync, statfsSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const PG_PORT = 55432;

// Interrupted: exit, so that the servers started here are stopped (see startTenantgres).
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

export interface Tenantgres {
  port: number;
  pid: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts dist/cli.js on a free port; resolves once it listens. */
export function startTenantgres(
  dataDir: string,
  args: string[] = [],
  nodeArgs: string[] = [],
): Promise<Tenantgres> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, `${ROOT}dist/cli.js`, "-D", dataDir, "-p", "0", "--log-level", "warn", ...args],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  // A benchmark that fails or is interrupted must not leave servers behind.
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  child.once("exit", () => process.off("exit", kill));
  return new Promise((resolve, reject) => {
    let out = "";
    child.once("exit", (code) => reject(new Error(`tenantgres exited with ${code}: ${out}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on [^:]+:(\d+)/.exec(out);
      if (!m) return;
      child.removeAllListeners("exit");
      let stopping = false;
      // A server that ends on its own ends the benchmark: its figures would be meaningless.
      child.once("exit", (code, signal) => {
        if (stopping) return;
        process.stderr.write(
          `tenantgres (pid ${child.pid}) exited unexpectedly: code ${code}, signal ${signal}\n`,
        );
        process.exit(1);
      });
      resolve({
        port: Number(m[1]),
        pid: child.pid!,
        process: child,
        stop: () =>
          new Promise<void>((done) => {
            stopping = true;
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/** Starts the reference PostgreSQL 15 (127.0.0.1:55432, user postgres) if it is not running. */
export function startReferencePostgres(): void {
  execFileSync(`${ROOT}scripts/reference-postgres.sh`, ["start"], { stdio: ["ignore", "ignore", "inherit"] });
}

/** psql against the reference PostgreSQL. */
export function pgSql(db: string, sql: string): string {
  return execFileSync(
    "psql",
    [
      "-X",
      "-q",
      "-A",
      "-t",
      "-v",
      "ON_ERROR_STOP=1",
      "-h",
      "127.0.0.1",
      "-p",
      String(PG_PORT),
      "-U",
      "postgres",
      "-d",
      db,
    ],
    {
      input: sql,
      encoding: "utf8",
      maxBuffer: 64 << 20,
      env: { ...process.env, PGOPTIONS: "-c client_min_messages=warning" },
    },
  ).trim();
}

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  disk: string;
  kernel: string;
  node: string;
  postgres: string;
}

/** The machine, as /proc and /sys describe it. */
export function machineInfo(dataDir: string): Machine {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? "unknown";
  const mem = /MemTotal:\s+(\d+) kB/.exec(readFileSync("/proc/meminfo", "utf8"));
  const ramGiB = mem ? Number(mem[1]) / 1024 / 1024 : totalmem() / 2 ** 30;
  const fs = statfsSync(dataDir);
  let disk = `${((fs.blocks * fs.bsize) / 1e9).toFixed(0)} GB filesystem`;
  try {
    const mounts = readFileSync("/proc/mounts", "utf8").split("\n");
    const dev = mounts.map((l) => l.split(" ")).find((f) => f[1] === "/")?.[0] ?? "";
    const name = dev.replace(/^\/dev\//, "");
    const rotational = readFileSync(`/sys/block/${name}/queue/rotational`, "utf8").trim();
    disk += ` on ${dev} (${rotational === "1" ? "reported rotational" : "non-rotational"})`;
  } catch {
    // Not every device exposes its queue attributes.
  }
  return {
    cpu: model,
    cores: cpus().length,
    ramGiB: Math.round(ramGiB * 10) / 10,
    disk,
    kernel: readFileSync("/proc/version", "utf8").split(" ").slice(0, 3).join(" "),
    node: process.version,
    postgres: pgSql("postgres", "SHOW server_version"),
  };
}

/** Resident memory and open file descriptors of a process, from /proc. */
export function processUsage(pid: number): { rssMiB: number; fds: number; threads: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  const threads = Number(/Threads:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fds = execFileSync("ls", [`/proc/${pid}/fd`], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean).length;
  return { rssMiB: Math.round(rss * 10) / 10, fds, threads };
}

/** The 1-minute load average: other work on the machine skews every figure. */
export function loadAverage(): number {
  return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
}
