import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import Database from "better-sqlite3";
import { PgError } from "../errors/pg-error.js";
import { assertTenantName } from "./tenant-name.js";

/** Where tenants live on disk. Every path it returns is inside the data directory. */
export class TenantFiles {
  readonly root: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.root = realpathSync(dataDir);
  }

  /**
   * The database file of a tenant. The name must pass the allow-list, and the resolved path must
   * lie directly in the data directory; a symbolic link in its place is refused, as is anything
   * that is not a regular file.
   */
  pathOf(name: string, severity: "FATAL" | "ERROR" = "FATAL"): string {
    assertTenantName(name, severity);
    const path = join(this.root, name);
    if (dirname(path) !== this.root || !path.startsWith(this.root + sep)) {
      throw new PgError("INVALID_CATALOG_NAME", `invalid database name "${name}"`, { severity });
    }
    const stat = lstatOrUndefined(path);
    if (stat && !stat.isFile()) {
      throw new PgError("INVALID_CATALOG_NAME", `database "${name}" is not accessible`, {
        severity,
        detail: "The tenant's path is not a regular file.",
      });
    }
    return path;
  }

  exists(name: string): boolean {
    return lstatOrUndefined(this.pathOf(name, "ERROR"))?.isFile() === true;
  }

  /**
   * Writes the file of a new tenant: an empty SQLite database already in WAL mode, so that neither
   * creating it nor opening it the first time converts the journal (which costs several syncs).
   * False if it exists. O_EXCL makes two concurrent creations of one name impossible.
   */
  createEmpty(name: string): boolean {
    const path = this.pathOf(name, "ERROR");
    try {
      writeFileSync(path, emptyDatabase(), { flag: "wx", mode: 0o600 });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw e;
    }
  }

  /** Removes a tenant's database file and SQLite's companion files. */
  remove(name: string): void {
    const path = this.pathOf(name, "ERROR");
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path + suffix, { force: true });
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

let emptyImage: Buffer | undefined;

/** The bytes of an empty SQLite database in WAL mode, made once by SQLite itself. */
function emptyDatabase(): Buffer {
  if (emptyImage) return emptyImage;
  const dir = mkdtempSync(join(tmpdir(), "tenantgres-empty-"));
  try {
    const db = new Database(join(dir, "empty"));
    db.pragma("journal_mode = WAL");
    db.close();
    emptyImage = readFileSync(join(dir, "empty"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return emptyImage;
}
