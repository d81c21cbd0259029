import type { SqliteValue } from "../types/sqlite-value.js";

/** SQLite SQL text for identifiers and values: the only place the translator quotes anything. */

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** A SQLite literal for a stored value; `real` keeps an integral float a REAL (1.0, not 1). */
export function sqliteLiteral(v: SqliteValue, real = false): string {
  if (v === null) return "NULL";
  switch (typeof v) {
    case "number":
      if (Number.isNaN(v)) return "'NaN'";
      if (!Number.isFinite(v)) return v > 0 ? "9e999" : "-9e999";
      if (Object.is(v, -0)) return "-0.0";
      // SQLite reads "1.0" as REAL and "1" as INTEGER.
      if (real && Number.isInteger(v) && Math.abs(v) < 1e21) return `${v}.0`;
      return String(v);
    case "bigint":
      return String(v);
    case "string":
      return quoteString(v);
    default:
      return `X'${Buffer.from(v).toString("hex")}'`;
  }
}
