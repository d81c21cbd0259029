import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export interface TestServer {
  host: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server wrote to stderr (its log). */
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the built server (dist/cli.js) on a free port in a fresh data directory, as a user would
 * start it, and waits for its startup line.
 */
export async function startServer(
  args: string[] = [],
  options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "tenantgres-test-"));
  const child = spawn(
    process.execPath,
    [CLI, "--port", "0", "--data-dir", dataDir, "--log-level", "warn", ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    },
  );
  let err = "";
  child.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on [^\s]+:(\d+)/.exec(out);
      if (m) {
        child.stdout!.off("data", onData);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
  return {
    host: "127.0.0.1",
    port,
    dataDir,
    process: child,
    stderr: () => err,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => {
          if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
          resolve(code);
        });
        child.kill(signal);
      }),
  };
}
