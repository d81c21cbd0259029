import type { SqlType } from "../sql/plan.js";

// What SQLite's schema cannot say is carried in comments in the CREATE text, which SQLite keeps
// as written (also through renames), so the tenant file stays a plain SQLite database.

/**
 * A view's column types. SQLite knows no types for a view's computed columns:
 * `CREATE VIEW v (a, b) AS /*pg-types 1700:-1,20:-1*\/ SELECT ...`.
 */
const MARKER = /\/\*pg-types ([0-9:,-]*)\*\//;

export function viewTypesComment(types: SqlType[]): string {
  return `/*pg-types ${types.map((t) => `${t.oid}:${t.typmod}`).join(",")}*/`;
}

/** The column types a view's CREATE VIEW text records, in column order. */
export function viewTypes(sql: string | null): SqlType[] | undefined {
  const m = sql ? MARKER.exec(sql) : null;
  if (!m) return undefined;
  return m[1]!
    .split(",")
    .filter((p) => p !== "")
    .map((p) => {
      const [oid, typmod] = p.split(":").map(Number);
      return { oid: oid!, typmod: typmod! };
    });
}

/** An index's PostgreSQL access method, when not btree: `CREATE INDEX i ON t /*pg-using gin*\/ (c)`. */
const METHOD = /\/\*pg-using (\w+)\*\//;

export function indexMethodComment(method: string): string {
  return method === "btree" ? "" : `/*pg-using ${method}*/ `;
}

export function indexMethod(sql: string | null | undefined): string {
  return (sql ? METHOD.exec(sql)?.[1] : undefined) ?? "btree";
}

/**
 * An index key's NULLS FIRST or NULLS LAST, which SQLite's CREATE INDEX does not take:
 * `CREATE INDEX i ON t ("a" DESC /*pg-nulls last*\/)`.
 */
export function nullsOrderingComment(nulls: string | undefined): string {
  if (nulls === "SORTBY_NULLS_FIRST") return " /*pg-nulls first*/";
  return nulls === "SORTBY_NULLS_LAST" ? " /*pg-nulls last*/" : "";
}

/** CREATE INDEX text with its keys' NULLS FIRST / NULLS LAST written out, as PostgreSQL reads them. */
export function withNullsOrdering(sql: string): string {
  return sql.replace(/ \/\*pg-nulls (first|last)\*\//g, (_, w: string) => ` NULLS ${w.toUpperCase()}`);
}
