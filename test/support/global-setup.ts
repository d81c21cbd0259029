import { execFileSync } from "node:child_process";
import { Socket } from "node:net";
import { fileURLToPath } from "node:url";

const REFERENCE_PORT = 55432;

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(1000);
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
    s.once("timeout", () => {
      s.destroy();
      resolve(false);
    });
    s.connect(port, "127.0.0.1");
  });
}

/** The differential tests need the reference PostgreSQL: start it if it is not running. */
export default async function setup(): Promise<void> {
  if (await reachable(REFERENCE_PORT)) return;
  const script = fileURLToPath(new URL("../../scripts/reference-postgres.sh", import.meta.url));
  execFileSync(script, ["start"], { stdio: "inherit" });
}
