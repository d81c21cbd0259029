import { PgError } from "../../errors/pg-error.js";
import { BOOL, RECORD, TEXT } from "../oids.js";
import type { SqlType } from "../plan.js";
import { castSql } from "./coerce.js";
import type { Expr } from "./context.js";

/**
 * Anonymous records whose fields the translator knows: the row of a set-returning function of
 * several columns in a select list. The value is record_out's text (pg_row_out); the fields ride
 * along in the type, through subqueries, so that (r).field reads one back (pg_row_field).
 */

/** A record built from its fields' SQL. */
export function rowValue(fields: { name: string; type: SqlType; sql: string }[]): Expr {
  // Each field as its output function prints it (boolean as t/f, not the cast's true/false).
  const texts = fields.map((f) =>
    f.type.oid === BOOL
      ? `(CASE ${f.sql} WHEN 1 THEN 't' WHEN 0 THEN 'f' END)`
      : castSql(f.sql, f.type.oid, TEXT),
  );
  return {
    sql: `pg_row_out(${texts.join(", ")})`,
    type: { oid: RECORD, typmod: -1, fields: fields.map(({ name, type }) => ({ name, type })) },
  };
}

/** (value).name of a record whose fields are known; undefined for a value of another type. */
export function recordField(value: Expr, name: string, position?: number): Expr | undefined {
  const fields = value.type.fields;
  if (!fields) return undefined;
  const index = fields.findIndex((f) => f.name === name);
  const field = fields[index];
  if (!field) {
    throw new PgError("UNDEFINED_COLUMN", `could not identify column "${name}" in record data type`, {
      position,
    });
  }
  return { sql: castSql(`pg_row_field(${value.sql}, ${index})`, TEXT, field.type.oid), type: field.type };
}
