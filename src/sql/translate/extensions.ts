import { PgError, unsupported } from "../../errors/pg-error.js";
import type { NodeOf } from "../ast.js";
import { CREATE_EXTENSIONS, EXTENSIONS } from "../metadata.js";
import { quoteString } from "../sqlite-text.js";
import type { Ctx } from "./context.js";
import type { DdlOutput } from "./create-table.js";

/**
 * The extensions CREATE EXTENSION accepts, with the version PostgreSQL 15 installs: those whose
 * functions the function library implements (uuid-ossp fully; of pgcrypto digest, hmac,
 * gen_random_bytes and gen_random_uuid, not crypt and gen_salt). Their functions are available
 * whether or not the extension was created; the extension itself is what pg_extension lists.
 */
export const AVAILABLE_EXTENSIONS: Record<string, { version: string; comment: string }> = {
  "uuid-ossp": { version: "1.1", comment: "generate universally unique identifiers (UUIDs)" },
  pgcrypto: { version: "1.3", comment: "cryptographic functions" },
};

/** plpgsql is always installed, as in every PostgreSQL database. */
const BUILT_IN = "plpgsql";

export function translateCreateExtension(ctx: Ctx, stmt: NodeOf<"CreateExtensionStmt">): DdlOutput {
  const name = stmt.extname!;
  for (const o of stmt.options ?? []) {
    const d = (o as { DefElem: NodeOf<"DefElem"> }).DefElem;
    const value = (d.arg as { String?: { sval?: string } } | undefined)?.String?.sval;
    if (d.defname === "schema" && value !== "public" && value !== "pg_catalog")
      throw new PgError("INVALID_SCHEMA_NAME", `schema "${value}" does not exist`);
    if (
      d.defname === "new_version" &&
      AVAILABLE_EXTENSIONS[name] &&
      value !== AVAILABLE_EXTENSIONS[name].version
    )
      throw unsupported(`version "${value}" of extension "${name}"`);
    if (d.defname === "old_version") throw unsupported("CREATE EXTENSION ... FROM");
  }
  const installed = name === BUILT_IN || [...(ctx.schema.extensions?.() ?? [])].some((e) => e.name === name);
  if (installed) {
    if (stmt.if_not_exists)
      return { setup: [], sql: "", notice: `extension "${name}" already exists, skipping` };
    throw new PgError("DUPLICATE_OBJECT", `extension "${name}" already exists`);
  }
  const available = AVAILABLE_EXTENSIONS[name];
  if (!available) throw unsupported(`extension "${name}"`);
  ctx.writes = true;
  ctx.changesSchema = true;
  return {
    setup: [CREATE_EXTENSIONS],
    sql: `INSERT INTO ${EXTENSIONS} (name, version) VALUES (${quoteString(name)}, ${quoteString(available.version)})`,
  };
}

export function translateDropExtension(ctx: Ctx, stmt: NodeOf<"DropStmt">): DdlOutput {
  const names = (stmt.objects ?? []).map((o) => (o as { String: { sval: string } }).String.sval);
  const setup: string[] = [];
  const notices: string[] = [];
  const installed = new Set([...(ctx.schema.extensions?.() ?? [])].map((e) => e.name));
  for (const name of names) {
    if (name === BUILT_IN) throw unsupported(`DROP EXTENSION ${BUILT_IN}`);
    if (!installed.has(name)) {
      if (!stmt.missing_ok) throw new PgError("UNDEFINED_OBJECT", `extension "${name}" does not exist`);
      notices.push(`extension "${name}" does not exist, skipping`);
      continue;
    }
    setup.push(`DELETE FROM ${EXTENSIONS} WHERE name = ${quoteString(name)}`);
  }
  if (setup.length) {
    ctx.writes = true;
    ctx.changesSchema = true;
  }
  return { setup, sql: "", notice: notices.join("\n") || undefined };
}
