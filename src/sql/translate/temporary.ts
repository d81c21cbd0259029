import { PgError, unsupported } from "../../errors/pg-error.js";
import type { NodeOf } from "../ast.js";
import type { Ctx } from "./context.js";

/**
 * Where a new table goes: the tenant's schema (public), or the session's temporary tables
 * (TEMP/TEMPORARY, or the pg_temp schema). Temporary tables live in SQLite's per-connection temp
 * database; the session keeps that connection for as long as it has any.
 */
export function tableTarget(
  ctx: Ctx,
  rv: NodeOf<"RangeVar">,
  onCommit: string | undefined,
): { temp: boolean } {
  const position = ctx.pos(rv.location);
  const schema = rv.schemaname;
  const temp = rv.relpersistence === "t" || schema === "pg_temp";
  if (schema !== undefined && schema !== "public" && schema !== "pg_temp")
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${schema}" does not exist`, { position });
  if (temp && schema === "public")
    throw new PgError(
      "INVALID_TABLE_DEFINITION",
      "cannot create temporary relation in non-temporary schema",
      {
        position,
      },
    );
  if (onCommit && onCommit !== "ONCOMMIT_NOOP" && onCommit !== "ONCOMMIT_PRESERVE_ROWS") {
    if (!temp)
      throw new PgError("INVALID_TABLE_DEFINITION", "ON COMMIT can only be used on temporary tables");
    ctx.onCommit = { table: rv.relname!, action: onCommit === "ONCOMMIT_DROP" ? "drop" : "delete" };
  }
  return { temp };
}

/** Whether a relation of that name already exists where the new one would go. */
export function relationExists(ctx: Ctx, name: string, temp: boolean): boolean {
  const rel = ctx.schema.relation(name);
  if (rel) return (rel.temp === true) === temp;
  return !temp && (ctx.schema.sequence(name) !== undefined || ctx.schema.index(name) !== undefined);
}

/** CREATE TABLE's SQLite keyword: a temporary table goes to the connection's temp database. */
export function createTableKeyword(temp: boolean): string {
  return temp ? "CREATE TEMP TABLE" : "CREATE TABLE";
}

/** Temporary tables hold no metadata rows (sequences, stored defaults): those live in the tenant's file. */
export function checkTemporarySetup(temp: boolean, setup: string[], position: number | undefined): void {
  if (temp && setup.length > 0)
    throw unsupported(
      "serial and identity columns, and defaults other than constants, in temporary tables",
      position,
    );
}
