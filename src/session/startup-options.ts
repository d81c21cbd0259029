import { PgError } from "../errors/pg-error.js";

/** Startup packet keys that are not settings. */
const NOT_SETTINGS = new Set(["user", "database", "options", "replication"]);

/**
 * The settings a startup packet asks for: its other keys, and `-c name=value` or `--name=value`
 * in options (backslash escapes a space, as libpq's PGOPTIONS does).
 */
export function startupSettings(params: Map<string, string>): [string, string][] {
  if (
    params.has("replication") &&
    !["false", "off", "no", "0"].includes(params.get("replication")!.toLowerCase())
  ) {
    throw new PgError("FEATURE_NOT_SUPPORTED", "replication connections are not supported", {
      severity: "FATAL",
    });
  }
  const out: [string, string][] = [];
  for (const [key, value] of params) if (!NOT_SETTINGS.has(key)) out.push([key, value]);
  const options = splitOptions(params.get("options") ?? "");
  for (let i = 0; i < options.length; i++) {
    const opt = options[i]!;
    let assignment: string | undefined;
    if (opt === "-c") assignment = options[++i];
    else if (opt.startsWith("-c")) assignment = opt.slice(2);
    else if (opt.startsWith("--")) assignment = opt.slice(2);
    else
      throw new PgError(
        "INVALID_PARAMETER_VALUE",
        `invalid command-line argument for server process: ${opt}`,
        { severity: "FATAL" },
      );
    const eq = assignment?.indexOf("=") ?? -1;
    if (!assignment || eq <= 0) {
      throw new PgError("SYNTAX_ERROR", `-c ${assignment ?? ""} requires a value`, { severity: "FATAL" });
    }
    out.push([assignment.slice(0, eq).replaceAll("-", "_"), assignment.slice(eq + 1)]);
  }
  return out;
}

function splitOptions(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let escaped = false;
  for (const ch of s) {
    if (escaped) {
      cur += ch;
      escaped = false;
    } else if (ch === "\\") escaped = true;
    else if (/\s/.test(ch)) {
      if (cur) out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}
