// Sequence functions that need the schema (pg_get_serial_sequence), and the internal function DDL
// statements raise PostgreSQL's errors with while they check existing rows.
import { sessionCatalog } from "../../catalog/catalog.js";
import { quoteIdentIfNeeded, splitQualifiedName } from "../../catalog/sqlite-schema.js";
import { PgError } from "../../errors/pg-error.js";
import { SqlState, type SqlStateName } from "../../errors/sqlstate.generated.js";
import { TEXT, t } from "../../sql/oids.js";
import type { SchemaView } from "../../sql/schema.js";
import { internalFunctions } from "../internal.js";
import { defineFunctions } from "../registry.js";

/**
 * pg_get_serial_sequence(table, column): the sequence a serial or identity column (or one made
 * with OWNED BY) draws from, schema-qualified as regclass prints it, or NULL. The table name is
 * read as SQL reads names (lower-cased unless quoted); the column name is taken as it is.
 *
 * It is evaluated when the statement runs, against the schema the statement was translated with
 * (the session's own uncommitted DDL included), so it also works with parameters.
 */
export function serialSequence(schema: SchemaView, tableText: string, column: string): string | null {
  const parts = splitQualifiedName(tableText);
  if (!parts || parts.length > 3) throw new PgError("INVALID_NAME", `invalid name syntax`);
  if (parts.length > 1 && parts.at(-2) !== "public") {
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${parts.at(-2)}" does not exist`);
  }
  const name = parts.at(-1)!;
  const rel = schema.relation(name);
  if (!rel) {
    if (schema.sequence(name)) return null;
    throw new PgError("UNDEFINED_TABLE", `relation "${parts.join(".")}" does not exist`);
  }
  if (!rel.column(column)) {
    throw new PgError("UNDEFINED_COLUMN", `column "${column}" of relation "${name}" does not exist`);
  }
  for (const seq of schema.sequences()) {
    if (seq.ownedBy === `${name}.${column}`) return `public.${quoteIdentIfNeeded(seq.name)}`;
  }
  return null;
}

defineFunctions([
  {
    name: "pg_get_serial_sequence",
    kind: "udf",
    udfName: "pg_get_serial_sequence",
    args: [TEXT, TEXT],
    returns: t(TEXT),
    volatility: "stable",
    impl: (table, column) => serialSequence(sessionCatalog().schema, String(table), String(column)),
  },
]);

const CONDITIONS = new Map<string, SqlStateName>(
  Object.entries(SqlState).map(([name, code]) => [code, name as SqlStateName]),
);

/**
 * pg_raise_error(sqlstate, message, detail, table, column, constraint, hint): raises PostgreSQL's error.
 * DDL that checks existing rows (SET NOT NULL, ADD CHECK, ADD FOREIGN KEY, ADD PRIMARY KEY)
 * calls it from the first row that fails, inside a CASE so that it runs only then.
 */
export const RAISE_ERROR = "pg_raise_error";

if (!internalFunctions.some((f) => f.name === RAISE_ERROR)) {
  internalFunctions.push({
    name: RAISE_ERROR,
    deterministic: false,
    impl: (code, message, detail, table, column, constraint, hint) => {
      const name = CONDITIONS.get(String(code)) ?? "INTERNAL_ERROR";
      const opt = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
      throw new PgError(name, String(message), {
        detail: opt(detail),
        hint: opt(hint),
        table: opt(table),
        column: opt(column),
        constraint: opt(constraint),
        schema: opt(table) === undefined ? undefined : "public",
      });
    },
  });
}
