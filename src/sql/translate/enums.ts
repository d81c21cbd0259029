import { PgError, unsupported } from "../../errors/pg-error.js";
import { RAISE_ERROR } from "../../functions/lib/sequences.js";
import { formatType, typeByName } from "../../types/registry.js";
import type { NodeOf } from "../ast.js";
import { stringList } from "../ast.js";
import { COMMENTS, CREATE_ENUM_LABELS, CREATE_TYPES, ENUM_LABELS, TYPES } from "../metadata.js";
import type { EnumInfo } from "../schema.js";
import { quoteString } from "../sqlite-text.js";
import { cascadeNotice, TableAlteration } from "./alter-table.js";
import type { Ctx } from "./context.js";
import type { DdlOutput } from "./create-table.js";

/**
 * Enum types: CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD VALUE / RENAME VALUE / RENAME TO,
 * DROP TYPE. Labels and their sort order live in _tenantgres_enum_labels; a column of an enum
 * type stores the label as TEXT, under the declared type "<name> text".
 *
 * The helpers at the end are what expressions need: the label check on input (22P02) and the
 * sort key that orders by the enum's order rather than alphabetically.
 */

/** NAMEDATALEN - 1: the longest label, in bytes. */
const MAX_LABEL = 63;

function typeNameOf(ctx: Ctx, names: string[]): string {
  if (names.length > 1 && names.at(-2) !== "public" && names.at(-2) !== "pg_catalog")
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${names.at(-2)}" does not exist`);
  if (names.length > 2) throw unsupported("cross-database references");
  void ctx;
  return names.at(-1)!;
}

/** Whether a type of that name exists in the tenant's schema (an enum, or a table's row type). */
function typeExists(ctx: Ctx, name: string): boolean {
  const s = ctx.schema;
  return !!(s.enumType(name) || s.relation(name) || s.sequence(name) || s.compositeType(name));
}

function checkLabel(label: string): void {
  if (Buffer.byteLength(label) > MAX_LABEL || label === "") {
    throw new PgError("INVALID_NAME", `invalid enum label "${label}"`, {
      detail: `Labels must be ${MAX_LABEL} bytes or less.`,
    });
  }
}

export function translateCreateEnum(ctx: Ctx, stmt: NodeOf<"CreateEnumStmt">): DdlOutput {
  const name = typeNameOf(ctx, stringList(stmt.typeName));
  ctx.writes = true;
  ctx.changesSchema = true;
  if (typeExists(ctx, name)) throw new PgError("DUPLICATE_OBJECT", `type "${name}" already exists`);
  const labels = stringList(stmt.vals);
  const seen = new Set<string>();
  for (const l of labels) {
    checkLabel(l);
    if (seen.has(l)) {
      throw new PgError(
        "UNIQUE_VIOLATION",
        'duplicate key value violates unique constraint "pg_enum_typid_label_index"',
        {
          schema: "pg_catalog",
          table: "pg_enum",
          constraint: "pg_enum_typid_label_index",
        },
      );
    }
    seen.add(l);
  }
  const setup = [CREATE_TYPES, `INSERT INTO ${TYPES} VALUES (${quoteString(name)}, 'e')`, CREATE_ENUM_LABELS];
  labels.forEach((l, i) => {
    setup.push(`INSERT INTO ${ENUM_LABELS} VALUES (${quoteString(name)}, ${quoteString(l)}, ${i + 1})`);
  });
  return { setup, sql: "" };
}

function enumOf(ctx: Ctx, names: string[]): EnumInfo {
  const name = typeNameOf(ctx, names);
  const e = ctx.schema.enumType(name);
  if (e) return e;
  if (ctx.schema.relation(name) || typeByName(name))
    throw new PgError("WRONG_OBJECT_TYPE", `${name} is not an enum`);
  throw new PgError("UNDEFINED_OBJECT", `type "${names.join(".")}" does not exist`);
}

export function translateAlterEnum(ctx: Ctx, stmt: NodeOf<"AlterEnumStmt">): DdlOutput {
  ctx.writes = true;
  ctx.changesSchema = true;
  const e = enumOf(ctx, stringList(stmt.typeName));
  const t = quoteString(e.name);
  const labels = e.labels;
  const find = (label: string) => labels.findIndex((l) => l.label === label);
  if (stmt.oldVal !== undefined) {
    // RENAME VALUE: the label changes, and so does every value stored with it.
    const from = stmt.oldVal;
    const to = stmt.newVal!;
    if (find(from) < 0)
      throw new PgError("INVALID_PARAMETER_VALUE", `"${from}" is not an existing enum label`);
    if (find(to) >= 0) throw new PgError("DUPLICATE_OBJECT", `enum label "${to}" already exists`);
    checkLabel(to);
    const setup = [
      `UPDATE ${ENUM_LABELS} SET label = ${quoteString(to)} WHERE type_name = ${t} AND label = ${quoteString(from)}`,
    ];
    for (const { table, column } of enumColumns(ctx, e)) {
      setup.push(
        `UPDATE "${table.replaceAll('"', '""')}" SET "${column.replaceAll('"', '""')}" = ${quoteString(to)} WHERE "${column.replaceAll('"', '""')}" = ${quoteString(from)}`,
      );
    }
    return { setup, sql: "" };
  }
  const label = stmt.newVal!;
  if (find(label) >= 0) {
    if (stmt.skipIfNewValExists)
      return { setup: [], sql: "", notice: `enum label "${label}" already exists, skipping` };
    throw new PgError("DUPLICATE_OBJECT", `enum label "${label}" already exists`);
  }
  checkLabel(label);
  let order: number;
  if (stmt.newValNeighbor !== undefined) {
    const i = find(stmt.newValNeighbor);
    if (i < 0)
      throw new PgError("INVALID_PARAMETER_VALUE", `"${stmt.newValNeighbor}" is not an existing enum label`);
    const here = labels[i]!.sortOrder;
    if (stmt.newValIsAfter) order = i + 1 < labels.length ? (here + labels[i + 1]!.sortOrder) / 2 : here + 1;
    else order = i > 0 ? (labels[i - 1]!.sortOrder + here) / 2 : here - 1;
  } else {
    order = labels.length ? labels.at(-1)!.sortOrder + 1 : 1;
  }
  return {
    setup: [CREATE_ENUM_LABELS, `INSERT INTO ${ENUM_LABELS} VALUES (${t}, ${quoteString(label)}, ${order})`],
    sql: "",
  };
}

/** The columns of every table that hold values of an enum type. */
export function enumColumns(ctx: Ctx, e: EnumInfo): { table: string; column: string }[] {
  const out: { table: string; column: string }[] = [];
  for (const r of ctx.schema.relations()) {
    if (r.kind !== "table") continue;
    for (const c of r.columns) if (c.typeOid === e.oid) out.push({ table: r.name, column: c.name });
  }
  return out;
}

/** ALTER TYPE ... RENAME TO: the columns' declared types name the type, so their tables are rebuilt. */
export function renameEnumType(ctx: Ctx, names: string[], newName: string): DdlOutput {
  const e = enumOf(ctx, names);
  if (typeExists(ctx, newName)) throw new PgError("DUPLICATE_OBJECT", `type "${newName}" already exists`);
  const from = quoteString(e.name);
  const to = quoteString(newName);
  const setup = [
    `UPDATE ${TYPES} SET name = ${to} WHERE name = ${from}`,
    `UPDATE ${ENUM_LABELS} SET type_name = ${to} WHERE type_name = ${from}`,
  ];
  if (ctx.schema.hasMetadata(COMMENTS))
    setup.push(`UPDATE ${COMMENTS} SET name = ${to} WHERE kind = 'type' AND name = ${from}`);
  const tables = [...new Set(enumColumns(ctx, e).map((c) => c.table))];
  for (const table of tables) {
    const alter = new TableAlteration(ctx, ctx.schema.relation(table)!);
    for (const c of enumColumns(ctx, e)) if (c.table === table) alter.renameColumnType(c.column, newName);
    setup.push(...alter.output().setup);
  }
  return { setup, sql: "" };
}

/** DROP TYPE of an enum (with CASCADE, the columns of that type go too). */
export function dropEnumType(
  ctx: Ctx,
  names: string[],
  cascade: boolean,
  setup: string[],
  notices: string[],
): boolean {
  const name = typeNameOf(ctx, names);
  const e = names.at(-2) === "pg_catalog" ? undefined : ctx.schema.enumType(name);
  if (!e) {
    const builtin = names.at(-2) === "public" ? undefined : typeByName(name);
    if (builtin) {
      throw new PgError(
        "DEPENDENT_OBJECTS_STILL_EXIST",
        `cannot drop type ${formatType(builtin.oid, -1)} because it is required by the database system`,
      );
    }
    const rel = ctx.schema.relation(name);
    if (rel) {
      throw new PgError(
        "DEPENDENT_OBJECTS_STILL_EXIST",
        `cannot drop type ${name} because ${rel.kind} ${name} requires it`,
        {
          hint: `You can drop ${rel.kind} ${name} instead.`,
        },
      );
    }
    return false;
  }
  const columns = enumColumns(ctx, e);
  if (columns.length > 0) {
    const dependents = columns.map((c) => `column ${c.column} of table ${c.table}`);
    if (!cascade) {
      throw new PgError(
        "DEPENDENT_OBJECTS_STILL_EXIST",
        `cannot drop type ${e.name} because other objects depend on it`,
        {
          detail: dependents.map((d) => `${d} depends on type ${e.name}`).join("\n"),
          hint: "Use DROP ... CASCADE to drop the dependent objects too.",
        },
      );
    }
    notices.push(cascadeNotice(dependents));
    for (const table of new Set(columns.map((c) => c.table))) {
      const alter = new TableAlteration(ctx, ctx.schema.relation(table)!);
      for (const c of columns) {
        if (c.table !== table) continue;
        alter.apply({ subtype: "AT_DropColumn", name: c.column, behavior: "DROP_CASCADE" });
      }
      setup.push(...alter.output().setup);
    }
  }
  const t = quoteString(e.name);
  setup.push(`DELETE FROM ${TYPES} WHERE name = ${t}`, `DELETE FROM ${ENUM_LABELS} WHERE type_name = ${t}`);
  if (ctx.schema.hasMetadata(COMMENTS))
    setup.push(`DELETE FROM ${COMMENTS} WHERE kind = 'type' AND name = ${t}`);
  return true;
}

// -----------------------------------------------------------------------------------------------
// What expressions on enum values need (for the translator's casts, comparisons and ORDER BY).

/** The enum type of an OID, if it is one. */
export function enumTypeOf(ctx: Ctx, oid: number): EnumInfo | undefined {
  return ctx.schema.enumByOid(oid);
}

/** An enum value's position in its type's order (1-based), as SQLite SQL: for ORDER BY and <, >. */
export function enumSortKeySql(e: EnumInfo, sql: string): string {
  if (e.labels.length === 0) return "NULL";
  return `CASE ${sql} ${e.labels.map((l, i) => `WHEN ${quoteString(l.label)} THEN ${i + 1}`).join(" ")} END`;
}

/** The label at a position of enumSortKeySql (SQL), as SQLite SQL. */
export function enumFromSortKeySql(e: EnumInfo, sql: string): string {
  if (e.labels.length === 0) return "NULL";
  return `CASE ${sql} ${e.labels.map((l, i) => `WHEN ${i + 1} THEN ${quoteString(l.label)}`).join(" ")} END`;
}

/** Constant text read as a label of the enum (the literal), or PostgreSQL's 22P02 error. */
export function enumLiteral(e: EnumInfo, text: string, position?: number): string {
  if (!e.labels.some((l) => l.label === text)) {
    throw new PgError("INVALID_TEXT_REPRESENTATION", `invalid input value for enum ${e.name}: "${text}"`, {
      position,
    });
  }
  return quoteString(text);
}

/** Text (SQL of a non-constant value) checked as a label of the enum when the statement runs. */
export function enumInputSql(e: EnumInfo, sql: string): string {
  const labels = e.labels.map((l) => quoteString(l.label)).join(", ");
  const message = `'invalid input value for enum ${e.name.replaceAll("'", "''")}: "' || ${sql} || '"'`;
  return `CASE WHEN ${sql} IS NULL${labels ? ` OR ${sql} IN (${labels})` : ""} THEN ${sql} ELSE ${RAISE_ERROR}('22P02', ${message}) END`;
}
