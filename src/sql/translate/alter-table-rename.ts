import { quoteIdentIfNeeded } from "../../catalog/sqlite-schema.js";
import { tokenize } from "../../catalog/table-ddl.js";
import { PgError, unsupported } from "../../errors/pg-error.js";
import type { NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { COMMENTS, DEFAULTS, IDENTITY, ownedByTableSql, SEQUENCES } from "../metadata.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import { TableAlteration } from "./alter-table.js";
import { dependentViews } from "./alter-table-rebuild.js";
import type { Ctx } from "./context.js";
import type { DdlOutput } from "./create-table.js";
import { renameEnumType } from "./enums.js";

/** ALTER TABLE/VIEW/SEQUENCE/INDEX ... RENAME [COLUMN|CONSTRAINT] ... TO, and ALTER TYPE ... RENAME TO. */

const TAGS: Record<string, string> = {
  OBJECT_TABLE: "ALTER TABLE",
  OBJECT_VIEW: "ALTER VIEW",
  OBJECT_SEQUENCE: "ALTER SEQUENCE",
  OBJECT_INDEX: "ALTER INDEX",
  OBJECT_TYPE: "ALTER TYPE",
  OBJECT_TABCONSTRAINT: "ALTER TABLE",
};

export function renameTag(stmt: NodeOf<"RenameStmt">): string {
  if (stmt.renameType === "OBJECT_COLUMN") return TAGS[stmt.relationType ?? ""] ?? "ALTER TABLE";
  return TAGS[stmt.renameType ?? ""] ?? "ALTER";
}

export function translateRename(ctx: Ctx, stmt: NodeOf<"RenameStmt">): DdlOutput {
  ctx.writes = true;
  ctx.changesSchema = true;
  const kind = stmt.renameType ?? "";
  if (kind === "OBJECT_TYPE") {
    const names = stringList(asKind(stmt.object, "List")?.items ?? (stmt.object ? [stmt.object] : []));
    if (names.length <= 2 && ctx.schema.compositeType(names.at(-1)!))
      throw unsupported("ALTER TYPE ... RENAME of composite types");
    return renameEnumType(ctx, names, stmt.newname!);
  }
  if (!TAGS[kind] && kind !== "OBJECT_COLUMN")
    throw unsupported(`ALTER ${kind.replace("OBJECT_", "")} ... RENAME`);
  const rv = stmt.relation!;
  if (rv.schemaname !== undefined && rv.schemaname !== "public")
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${rv.schemaname}" does not exist`);
  const name = rv.relname!;
  const rel = ctx.schema.relation(name);
  const seq = ctx.schema.sequence(name);
  const index = ctx.schema.index(name);
  if (!rel && !seq && !index) {
    if (stmt.missing_ok) return { setup: [], sql: "", notice: `relation "${name}" does not exist, skipping` };
    throw new PgError("UNDEFINED_TABLE", `relation "${name}" does not exist`);
  }
  const statementKind = kind === "OBJECT_COLUMN" ? stmt.relationType : kind;
  if (statementKind === "OBJECT_SEQUENCE" && !seq)
    throw new PgError("WRONG_OBJECT_TYPE", `"${name}" is not a sequence`);
  if (statementKind === "OBJECT_VIEW" && rel?.kind !== "view")
    throw new PgError("WRONG_OBJECT_TYPE", `"${name}" is not a view`);
  const newName = stmt.newname!;
  if (kind === "OBJECT_COLUMN") return renameColumn(ctx, name, stmt.subname!, newName);
  if (kind === "OBJECT_TABCONSTRAINT") {
    if (rel?.kind !== "table") throw new PgError("WRONG_OBJECT_TYPE", `"${name}" is not a table`);
    const alter = new TableAlteration(ctx, rel);
    alter.renameConstraint(stmt.subname!, newName);
    return alter.output();
  }
  if (ctx.schema.relation(newName) || ctx.schema.sequence(newName) || ctx.schema.index(newName))
    throw new PgError("DUPLICATE_TABLE", `relation "${newName}" already exists`);
  if (seq) return renameSequence(ctx, name, newName);
  if (index) return renameIndex(ctx, name, newName);
  if (rel!.kind === "view") return renameView(ctx, name, newName);
  return renameTable(ctx, name, newName);
}

function renameTable(ctx: Ctx, name: string, newName: string): DdlOutput {
  const s = ctx.schema;
  const from = quoteString(name);
  const to = quoteString(newName);
  // SQLite makes foreign keys in other tables, and views, follow the table.
  const setup = [
    "PRAGMA legacy_alter_table = OFF",
    `ALTER TABLE ${quoteIdent(name)} RENAME TO ${quoteIdent(newName)}`,
  ];
  if (s.hasMetadata(DEFAULTS))
    setup.push(`UPDATE ${DEFAULTS} SET table_name = ${to} WHERE table_name = ${from}`);
  if (s.hasMetadata(IDENTITY))
    setup.push(`UPDATE ${IDENTITY} SET table_name = ${to} WHERE table_name = ${from}`);
  if (s.hasMetadata(SEQUENCES)) {
    setup.push(
      `UPDATE ${SEQUENCES} SET owned_by = ${to} || substr(owned_by, ${[...name].length + 1}) WHERE ${ownedByTableSql(name)}`,
    );
  }
  if (s.hasMetadata(COMMENTS)) {
    setup.push(
      `UPDATE ${COMMENTS} SET name = ${to} WHERE kind IN ('relation', 'column', 'constraint') AND name = ${from}`,
    );
  }
  return { setup, sql: "" };
}

function renameColumn(ctx: Ctx, table: string, column: string, newName: string): DdlOutput {
  const rel = ctx.schema.relation(table);
  if (!rel) throw new PgError("WRONG_OBJECT_TYPE", `"${table}" is not a table, view, or foreign table`);
  if (!rel.column(column)) throw new PgError("UNDEFINED_COLUMN", `column "${column}" does not exist`);
  if (rel.column(newName))
    throw new PgError("DUPLICATE_COLUMN", `column "${newName}" of relation "${table}" already exists`);
  const s = ctx.schema;
  const t = quoteString(table);
  const from = quoteString(column);
  const to = quoteString(newName);
  const setup: string[] = [];
  if (rel.kind === "view") {
    if (dependentViews(ctx, table).length > 0)
      throw unsupported("RENAME COLUMN of a view that other views read");
    setup.push(`DROP VIEW ${quoteIdent(table)}`, renameViewColumn(rel.sql ?? "", column, newName));
  } else {
    setup.push(
      "PRAGMA legacy_alter_table = OFF",
      `ALTER TABLE ${quoteIdent(table)} RENAME COLUMN ${quoteIdent(column)} TO ${quoteIdent(newName)}`,
    );
    if (s.hasMetadata(DEFAULTS))
      setup.push(
        `UPDATE ${DEFAULTS} SET column_name = ${to} WHERE table_name = ${t} AND column_name = ${from}`,
      );
    if (s.hasMetadata(IDENTITY))
      setup.push(
        `UPDATE ${IDENTITY} SET column_name = ${to} WHERE table_name = ${t} AND column_name = ${from}`,
      );
    if (s.hasMetadata(SEQUENCES)) {
      setup.push(
        `UPDATE ${SEQUENCES} SET owned_by = ${quoteString(`${table}.${newName}`)} WHERE owned_by = ${quoteString(`${table}.${column}`)}`,
      );
    }
  }
  if (s.hasMetadata(COMMENTS))
    setup.push(`UPDATE ${COMMENTS} SET sub = ${to} WHERE kind = 'column' AND name = ${t} AND sub = ${from}`);
  return { setup, sql: "" };
}

/** A view's CREATE VIEW text with one name of its column list changed. */
function renameViewColumn(sql: string, column: string, newName: string): string {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.text === "(");
  const as = tokens.findIndex((t, i) => i > 2 && t.kind === "word" && t.text.toUpperCase() === "AS");
  if (open < 0 || open > as) throw unsupported("RENAME COLUMN of this view");
  const target = tokens
    .slice(open, as)
    .find((t) => (t.kind === "ident" || t.kind === "word") && t.value === column);
  if (!target) throw unsupported("RENAME COLUMN of this view");
  return `${sql.slice(0, target.start)}${quoteIdent(newName)}${sql.slice(target.end)}`;
}

function renameSequence(ctx: Ctx, name: string, newName: string): DdlOutput {
  const s = ctx.schema;
  const from = quoteString(name);
  const to = quoteString(newName);
  const setup = [`UPDATE ${SEQUENCES} SET name = ${to} WHERE name = ${from}`];
  if (s.hasMetadata(DEFAULTS)) {
    // Defaults name the sequence as regclass prints it: nextval('seq'::regclass).
    const oldRef = quoteString(`${quoteString(quoteIdentIfNeeded(name))}::regclass`);
    const newRef = quoteString(`${quoteString(quoteIdentIfNeeded(newName))}::regclass`);
    setup.push(`UPDATE ${DEFAULTS} SET expr = replace(expr, ${oldRef}, ${newRef})`);
  }
  if (s.hasMetadata(IDENTITY)) setup.push(`UPDATE ${IDENTITY} SET sequence = ${to} WHERE sequence = ${from}`);
  if (s.hasMetadata(COMMENTS))
    setup.push(`UPDATE ${COMMENTS} SET name = ${to} WHERE kind = 'relation' AND name = ${from}`);
  return { setup, sql: "" };
}

function renameIndex(ctx: Ctx, name: string, newName: string): DdlOutput {
  const index = ctx.schema.index(name)!;
  if (index.constraint) {
    const rel = ctx.schema.relation(index.table)!;
    const alter = new TableAlteration(ctx, rel);
    alter.renameConstraint(index.constraint, newName);
    return alter.output();
  }
  if (!index.sql) throw unsupported(`ALTER INDEX ... RENAME of "${name}"`);
  const tokens = tokenize(index.sql);
  const at = tokens.findIndex((t) => t.kind === "word" && t.text.toUpperCase() === "INDEX");
  let nameToken = tokens[at + 1]!;
  if (nameToken.text.toUpperCase() === "IF") nameToken = tokens[at + 4]!;
  const sql = `${index.sql.slice(0, nameToken.start)}${quoteIdent(newName)}${index.sql.slice(nameToken.end)}`;
  const setup = [`DROP INDEX ${quoteIdent(name)}`, sql];
  if (ctx.schema.hasMetadata(COMMENTS))
    setup.push(
      `UPDATE ${COMMENTS} SET name = ${quoteString(newName)} WHERE kind = 'relation' AND name = ${quoteString(name)}`,
    );
  return { setup, sql: "" };
}

/** SQLite cannot rename a view: it is made again under its new name, and the views that read it too. */
function renameView(ctx: Ctx, name: string, newName: string): DdlOutput {
  const setup: string[] = [];
  const rel = ctx.schema.relation(name)!;
  const readers = dependentViews(ctx, name).filter((v) => v !== name);
  for (const v of [name, ...readers]) setup.push(`DROP VIEW ${quoteIdent(v)}`);
  setup.push(replaceName(rel.sql ?? "", name, newName));
  for (const v of readers) setup.push(replaceName(ctx.schema.relation(v)?.sql ?? "", name, newName));
  if (ctx.schema.hasMetadata(COMMENTS)) {
    setup.push(
      `UPDATE ${COMMENTS} SET name = ${quoteString(newName)} WHERE kind IN ('relation', 'column') AND name = ${quoteString(name)}`,
    );
  }
  return { setup, sql: "" };
}

/** SQL with every identifier token naming name replaced by newName (quoted). */
function replaceName(sql: string, name: string, newName: string): string {
  let out = "";
  let at = 0;
  for (const t of tokenize(sql)) {
    if ((t.kind === "ident" || t.kind === "word") && t.value === name) {
      out += sql.slice(at, t.start) + quoteIdent(newName);
      at = t.end;
    }
  }
  return out + sql.slice(at);
}
