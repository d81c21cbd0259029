import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const program = (name: string) => fileURLToPath(new URL(`../clients/programs/${name}`, import.meta.url));

/** Runs a program of test/clients/programs with Debian's python3 (packages installed by .ci/run). */
export function python(script: string, port: number, database: string): string {
  const r = spawnSync("/usr/bin/python3", [program(script), String(port), database], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout;
}
