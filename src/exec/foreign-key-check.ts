import type { ForeignKeyFailure } from "../errors/sqlite-error.js";
import type { SchemaView } from "../sql/schema.js";
import { quoteIdent } from "../sql/sqlite-text.js";
import { codecFor } from "../types/codecs.js";
import type { FormatContext } from "../types/format-context.js";
import type { Connection } from "./connection.js";

/**
 * SQLite says only "FOREIGN KEY constraint failed". To name the constraint and the key as
 * PostgreSQL does, the failed statement runs again in a savepoint with foreign keys deferred, and
 * PRAGMA foreign_key_check finds the row that breaks one; the savepoint is then rolled back. A
 * failure that deferring cannot delay (ON DELETE RESTRICT) is left undiagnosed.
 */
export function diagnoseForeignKey(
  conn: Connection,
  schema: SchemaView,
  table: string,
  verb: "INSERT" | "UPDATE" | "DELETE" | undefined,
  run: () => void,
  format: FormatContext,
): ForeignKeyFailure | undefined {
  const db = conn.db;
  const wasDeferred = db.pragma("defer_foreign_keys", { simple: true }) === 1;
  db.exec("SAVEPOINT pg_fk_check");
  try {
    db.pragma("defer_foreign_keys = ON");
    run();
    const children = [
      table,
      ...[...schema.relations()]
        .filter((r) => r.foreignKeys?.some((f) => f.table === table))
        .map((r) => r.name),
    ];
    for (const child of new Set(children)) {
      const v = db.prepare(`SELECT * FROM pragma_foreign_key_check(?)`).get(child) as
        | { table: string; rowid: number | bigint | null; parent: string; fkid: number }
        | undefined;
      if (!v || v.rowid === null) continue;
      const rel = schema.relation(child);
      const ids = [
        ...new Set(
          (db.prepare("SELECT id FROM pragma_foreign_key_list(?)").all(child) as { id: number }[]).map(
            (r) => r.id,
          ),
        ),
      ].sort((a, b) => b - a);
      const fk = rel?.foreignKeys?.[ids.indexOf(v.fkid)];
      if (!rel || !fk) return undefined;
      const row = db
        .prepare(`SELECT ${fk.columns.map(quoteIdent).join(", ")} FROM ${quoteIdent(child)} WHERE rowid = ?`)
        .raw(true)
        .get(v.rowid) as unknown[] | undefined;
      const values = fk.columns.map((c, i) => {
        const value = row?.[i];
        const col = rel.column(c);
        if (value === null || value === undefined) return "null";
        return col ? codecFor(col.typeOid).toText(value as never, col.typmod, format) : String(value);
      });
      return {
        constraint: fk.name,
        child,
        parent: fk.table,
        // The row is new (or changed) when it is of the table written; otherwise its parent went
        // (also in a table that refers to itself, when the statement deletes).
        childWritten: child === table && verb !== "DELETE",
        columns: child === table && verb !== "DELETE" ? fk.columns : fk.refColumns,
        values,
      };
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    db.exec("ROLLBACK TO pg_fk_check");
    db.exec("RELEASE pg_fk_check");
    db.pragma(`defer_foreign_keys = ${wasDeferred ? "ON" : "OFF"}`);
  }
}
