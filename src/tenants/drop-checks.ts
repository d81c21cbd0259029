import { PgError } from "../errors/pg-error.js";
import type { TenantFiles } from "./tenant-files.js";

/**
 * DROP DATABASE's checks, as PostgreSQL makes them: the tenant must exist (unless IF EXISTS, then
 * false), must not be the requester's own, and no other session may be using it.
 */
export function checkDroppable(
  files: TenantFiles,
  name: string,
  ifExists: boolean,
  requester: { database: string },
  sessionsUsing: number,
): boolean {
  files.pathOf(name, "ERROR");
  if (!files.exists(name)) {
    if (ifExists) return false;
    throw new PgError("UNDEFINED_DATABASE", `database "${name}" does not exist`);
  }
  if (name === requester.database)
    throw new PgError("OBJECT_IN_USE", "cannot drop the currently open database");
  if (sessionsUsing > 0) {
    throw new PgError("OBJECT_IN_USE", `database "${name}" is being accessed by other users`, {
      detail: `There ${sessionsUsing === 1 ? "is 1 other session" : `are ${sessionsUsing} other sessions`} using the database.`,
    });
  }
  return true;
}
