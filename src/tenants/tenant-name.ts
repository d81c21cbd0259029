import { PgError } from "../errors/pg-error.js";

/** PostgreSQL's identifier limit (NAMEDATALEN - 1), applied to tenant names. */
export const MAX_TENANT_NAME_LENGTH = 63;

const ALLOWED = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/**
 * SQLite keeps companion files beside a database: `<name>-wal`, `<name>-shm` and, outside WAL
 * mode, `<name>-journal`. A tenant whose name ends so would share a file with another tenant.
 */
const RESERVED_SUFFIXES = ["-wal", "-shm", "-journal"];

/** Why a name is not a valid tenant name, or undefined if it is valid. */
export function tenantNameProblem(name: string): string | undefined {
  if (name.length === 0) return "the name is empty";
  if (name.length > MAX_TENANT_NAME_LENGTH)
    return `the name is longer than ${MAX_TENANT_NAME_LENGTH} characters`;
  if (!ALLOWED.test(name)) {
    return "names may contain only letters, digits, underscores and hyphens, and may not start with a hyphen";
  }
  const lower = name.toLowerCase();
  for (const suffix of RESERVED_SUFFIXES) {
    if (lower.endsWith(suffix)) return `names may not end in "${suffix}"`;
  }
  return undefined;
}

/** Throws `3D000` unless name is a valid tenant name. */
export function assertTenantName(name: string, severity: "FATAL" | "ERROR" = "FATAL"): void {
  const problem = tenantNameProblem(name);
  if (problem === undefined) return;
  // Control characters and the like are not echoed back verbatim.
  const shown = JSON.stringify(name).slice(1, -1);
  throw new PgError("INVALID_CATALOG_NAME", `invalid database name "${shown}"`, {
    severity,
    detail: problem,
  });
}
