import { quoteIdentIfNeeded } from "../../catalog/sqlite-schema.js";
import { PgError, unsupported } from "../../errors/pg-error.js";
import { declaredTypeName } from "../../types/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import {
  CREATE_DEFAULTS,
  CREATE_IDENTITY,
  CREATE_SEQUENCES,
  insertDefaultSql,
  insertIdentitySql,
  insertSequenceSql,
  type SequenceOptions,
} from "../metadata.js";
import { BOOL, FLOAT_TYPES, INT2, INT4, INT8, NUMERIC, t } from "../oids.js";
import type { SqlType } from "../plan.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import { coerce } from "./coerce.js";
import {
  constraintName,
  foreignKeySql,
  resolveSelfReferences,
  sequenceRange,
  uniqueName,
} from "./constraints.js";
import type { Ctx } from "./context.js";
import { deparseExpression } from "./deparse.js";
import { domainColumnConstraints, domainDeclaredType, domainOfTypeName } from "./domains.js";
import { enumLiteral } from "./enums.js";
import { translateExpr } from "./expr.js";
import { Scope } from "./scope.js";
import { parseSequenceOptions } from "./sequences.js";
import { checkTemporarySetup, createTableKeyword, relationExists, tableTarget } from "./temporary.js";
import { typeFromTypeName } from "./type-names.js";

export interface DdlOutput {
  /** Statements run first, in order. */
  setup: string[];
  sql: string;
  notice?: string;
}

const SERIAL_TYPES: Record<string, number> = {
  serial: INT4,
  serial4: INT4,
  bigserial: INT8,
  serial8: INT8,
  smallserial: INT2,
  serial2: INT2,
};

/** A column definition being written: its SQLite text is parts joined by spaces. */
export interface ColumnPlan {
  name: string;
  type: SqlType;
  parts: string[];
  /** The sequence a serial or identity column draws from. */
  sequence?: { name: string; options: SequenceOptions };
}

/** CREATE TABLE: PostgreSQL types as declared types, named constraints, sequences for serial and identity. */
export function translateCreateTable(ctx: Ctx, stmt: NodeOf<"CreateStmt">): DdlOutput {
  const rv = stmt.relation!;
  const table = rv.relname!;
  const position = ctx.pos(rv.location);
  const { temp } = tableTarget(ctx, rv, stmt.oncommit);
  if (stmt.inhRelations?.length) throw unsupported("INHERITS", position);
  if (stmt.partspec || stmt.partbound) throw unsupported("partitioned tables", position);
  if (stmt.ofTypename) throw unsupported("CREATE TABLE ... OF type", position);
  ctx.writes = true;
  ctx.changesSchema = true;
  if (relationExists(ctx, table, temp) || (!temp && ctx.schema.compositeType(table))) {
    if (stmt.if_not_exists)
      return { setup: [], sql: "", notice: `relation "${table}" already exists, skipping` };
    throw new PgError("DUPLICATE_TABLE", `relation "${table}" already exists`);
  }
  if (ctx.schema.enumType(table)) {
    throw new PgError("DUPLICATE_OBJECT", `type "${table}" already exists`, {
      hint: "A relation has an associated type of the same name, so you must use a name that doesn't conflict with any existing type.",
    });
  }
  const setup: string[] = [];
  const columns: ColumnPlan[] = [];
  const tableConstraints: string[] = [];
  const usedNames = new Set<string>();
  const defs = (stmt.tableElts ?? []).filter((e) => asKind(e, "ColumnDef"));
  resolveSelfReferences(table, stmt.tableElts ?? []);
  const scope = new Scope();
  const scopeColumns = defs.map((e) => {
    const def = asKind(e, "ColumnDef")!;
    return { def, type: columnType(ctx, def) };
  });
  scope.add({
    alias: table,
    columns: scopeColumns.map(({ def, type }, i) => ({
      name: def.colname!,
      type,
      ref: quoteIdent(def.colname!),
      tableOid: 0,
      attnum: i + 1,
    })),
  });
  const seenColumns = new Set<string>();
  for (const { def, type } of scopeColumns) {
    const name = def.colname!;
    if (seenColumns.has(name)) {
      throw new PgError("DUPLICATE_COLUMN", `column "${name}" specified more than once`, {
        position: ctx.pos(def.location),
      });
    }
    seenColumns.add(name);
    columns.push(translateColumnDef(ctx, table, def, type, scope, setup, usedNames, tableConstraints));
  }
  for (const e of stmt.tableElts ?? []) {
    const c = asKind(e, "Constraint");
    if (c) {
      const out = tableConstraint(ctx, table, c, scope, columns, usedNames);
      for (const k of out.notNull) addNotNull(columns.find((col) => col.name === k)!);
      tableConstraints.push(out.sql);
    } else if (!asKind(e, "ColumnDef")) throw unsupported("this table element", position);
  }
  checkTemporarySetup(temp, setup, position);
  const body = [...columns.map((c) => c.parts.join(" ")), ...tableConstraints].join(", ");
  return { setup, sql: `${createTableKeyword(temp)} ${quoteIdent(table)} (${body})` };
}

/**
 * One column definition of CREATE TABLE or ALTER TABLE ... ADD COLUMN: its SQLite text, the
 * table constraints it declares (appended to tableConstraints, a primary key first), and the
 * metadata it needs (sequences of serial and identity columns, defaults SQLite cannot hold).
 */
export function translateColumnDef(
  ctx: Ctx,
  table: string,
  def: NodeOf<"ColumnDef">,
  type: SqlType,
  scope: Scope,
  setup: string[],
  usedNames: Set<string>,
  tableConstraints: string[],
): ColumnPlan {
  const name = def.colname!;
  const domain = domainOfTypeName(ctx, def.typeName);
  const declared = domain ? domainDeclaredType(domain, declaredType(ctx, type)) : declaredType(ctx, type);
  const plan: ColumnPlan = { name, type, parts: [quoteIdent(name), declared] };
  const serial = serialType(def);
  const constraints = (def.constraints ?? []).map((c) => asKind(c, "Constraint")!);
  // A domain's default applies when the column has none of its own.
  if (domain?.defaultExpr !== undefined && !constraints.some((c) => c.contype === "CONSTR_DEFAULT"))
    constraints.push({ contype: "CONSTR_DEFAULT", raw_expr: ctx.parseExpression(domain.defaultExpr) });
  const identities = constraints.filter((c) => c.contype === "CONSTR_IDENTITY");
  if (identities.length > 1) {
    throw new PgError(
      "SYNTAX_ERROR",
      `multiple identity specifications for column "${name}" of table "${table}"`,
      {
        position: ctx.pos(identities[1]!.location),
      },
    );
  }
  const defaults = constraints.filter((c) => c.contype === "CONSTR_DEFAULT");
  if (identities.length > 0 && (serial !== undefined || defaults.length > 0)) {
    // PostgreSQL reports the second of the two.
    const later =
      defaults.length > 0 && constraints.indexOf(defaults[0]!) > constraints.indexOf(identities[0]!)
        ? defaults[0]!
        : identities[0]!;
    throw new PgError(
      "SYNTAX_ERROR",
      `both default and identity specified for column "${name}" of table "${table}"`,
      {
        position: ctx.pos(later.location),
      },
    );
  }
  if (serial !== undefined) {
    const seq = uniqueName(ctx, `${table}_${name}_seq`, usedNames);
    const options = sequenceRange(serial, `${table}.${name}`);
    plan.sequence = { name: seq, options };
    setup.push(CREATE_SEQUENCES, insertSequenceSql(seq, options));
    setup.push(
      CREATE_DEFAULTS,
      insertDefaultSql(table, name, `nextval(${quoteString(quoteIdentIfNeeded(seq))}::regclass)`),
    );
    addNotNull(plan);
  }
  for (const c of constraints) {
    columnConstraint(ctx, table, plan, c, scope, setup, usedNames, tableConstraints);
  }
  if (domain) {
    if (domain.notNull) addNotNull(plan);
    plan.parts.push(...domainColumnConstraints(ctx, domain, name));
  }
  if (def.collClause) {
    const coll = stringList(def.collClause.collname).at(-1);
    if (!["C", "POSIX", "default"].includes(coll ?? ""))
      throw unsupported(`COLLATE "${coll}"`, ctx.pos(def.location));
  }
  return plan;
}

/** GENERATED ALWAYS|BY DEFAULT AS IDENTITY [(sequence options)]: a sequence owned by the column. */
export function identityColumn(
  ctx: Ctx,
  table: string,
  col: { name: string; type: SqlType },
  c: NodeOf<"Constraint">,
  setup: string[],
  usedNames: Set<string>,
): { name: string; options: SequenceOptions } {
  if (![INT2, INT4, INT8].includes(col.type.oid)) {
    throw new PgError("INVALID_PARAMETER_VALUE", "identity column type must be smallint, integer, or bigint");
  }
  const parsed = parseSequenceOptions(ctx, c.options, undefined, {
    forIdentity: true,
    identityType: col.type.oid,
  });
  if (parsed.ownedBy !== undefined) throw new PgError("SYNTAX_ERROR", "invalid sequence option OWNED BY");
  const seq = parsed.sequenceName ?? uniqueName(ctx, `${table}_${col.name}_seq`, usedNames);
  if (parsed.sequenceName) {
    if (usedNames.has(seq) || ctx.schema.relation(seq) || ctx.schema.sequence(seq) || ctx.schema.index(seq))
      throw new PgError("DUPLICATE_TABLE", `relation "${seq}" already exists`);
    usedNames.add(seq);
  }
  const options = { ...parsed.options, ownedBy: `${table}.${col.name}` };
  setup.push(
    CREATE_SEQUENCES,
    insertSequenceSql(seq, options),
    CREATE_IDENTITY,
    insertIdentitySql(table, col.name, c.generated_when === "a" ? "a" : "d", seq),
  );
  return { name: seq, options };
}

/** Adds NOT NULL to a column definition unless it has it. */
export function addNotNull(col: ColumnPlan): void {
  if (!col.parts.includes("NOT NULL")) col.parts.push("NOT NULL");
}

/**
 * A column's SQLite declared type: PostgreSQL's type name and typmod (see docs/storage.md); an
 * enum column is its type's name followed by "text" (its labels are stored as TEXT); a numeric
 * column carries the pg_numeric collation.
 */
export function declaredType(ctx: Ctx, type: SqlType): string {
  const e = ctx.schema.enumByOid(type.oid);
  if (e) return `${quoteIdentIfNeeded(e.name)} text`;
  const composite = ctx.schema.compositeByOid(type.oid);
  if (composite) return `${quoteIdentIfNeeded(composite.name)} record`;
  // numeric's exact decimal text compares by value in the pg_numeric collation (1.0 = 1.00), so
  // that unique indexes, DISTINCT, GROUP BY and index lookups on the column agree with PostgreSQL.
  if (type.oid === NUMERIC) return `${declaredTypeName(type.oid, type.typmod)} COLLATE pg_numeric`;
  return declaredTypeName(type.oid, type.typmod);
}

function serialType(def: NodeOf<"ColumnDef">): number | undefined {
  const names = stringList(def.typeName?.names);
  return names.length === 1 && !def.typeName?.arrayBounds?.length ? SERIAL_TYPES[names[0]!] : undefined;
}

export function columnType(ctx: Ctx, def: NodeOf<"ColumnDef">): SqlType {
  const serial = serialType(def);
  if (serial !== undefined) return t(serial);
  return typeFromTypeName(ctx, def.typeName!);
}

function columnConstraint(
  ctx: Ctx,
  table: string,
  col: ColumnPlan,
  c: NodeOf<"Constraint">,
  scope: Scope,
  setup: string[],
  used: Set<string>,
  tableConstraints: string[],
): void {
  const position = ctx.pos(c.location);
  switch (c.contype) {
    case "CONSTR_NOTNULL":
      addNotNull(col);
      return;
    case "CONSTR_NULL":
      return;
    case "CONSTR_DEFAULT": {
      const d = defaultClause(ctx, c.raw_expr!, col.type);
      if (d.sqlite !== undefined) col.parts.push(`DEFAULT ${d.sqlite}`);
      else setup.push(CREATE_DEFAULTS, insertDefaultSql(table, col.name, d.stored!));
      return;
    }
    case "CONSTR_PRIMARY":
      addNotNull(col);
      tableConstraints.unshift(
        `CONSTRAINT ${quoteIdent(constraintName(ctx, c, `${table}_pkey`, used, table))} PRIMARY KEY (${quoteIdent(col.name)})`,
      );
      return;
    case "CONSTR_UNIQUE":
      if (c.nulls_not_distinct) throw unsupported("NULLS NOT DISTINCT", ctx.pos(c.location));
      tableConstraints.push(
        `CONSTRAINT ${quoteIdent(constraintName(ctx, c, `${table}_${col.name}_key`, used, table))} UNIQUE (${quoteIdent(col.name)})`,
      );
      return;
    case "CONSTR_CHECK": {
      const only = soleColumnOf(c.raw_expr);
      const name = constraintName(ctx, c, only ? `${table}_${only}_check` : `${table}_check`, used, table);
      tableConstraints.push(`CONSTRAINT ${quoteIdent(name)} CHECK (${checkSql(ctx, c, scope)})`);
      return;
    }
    case "CONSTR_FOREIGN": {
      const name = constraintName(ctx, c, `${table}_${col.name}_fkey`, used, table);
      tableConstraints.push(
        foreignKeySql(ctx, name, [col.name], c, table, [{ name: col.name, type: col.type }]),
      );
      return;
    }
    case "CONSTR_GENERATED": {
      const e = translateExpr(ctx, c.raw_expr!, scope);
      col.parts.push(`GENERATED ALWAYS AS (${coerce(ctx, e, col.type, "assignment").sql}) STORED`);
      return;
    }
    case "CONSTR_IDENTITY":
      col.sequence = identityColumn(ctx, table, col, c, setup, used);
      addNotNull(col);
      return;
    case "CONSTR_ATTR_DEFERRABLE":
    case "CONSTR_ATTR_DEFERRED":
      throw unsupported("DEFERRABLE constraints", position);
    case "CONSTR_ATTR_NOT_DEFERRABLE":
    case "CONSTR_ATTR_IMMEDIATE":
      return;
    default:
      throw unsupported(`constraint ${c.contype}`, position);
  }
}

/**
 * A table constraint's SQLite text, and the columns it makes NOT NULL (a primary key's).
 * columns are the table's columns as they will be (for key columns and foreign key types).
 */
export function tableConstraint(
  ctx: Ctx,
  table: string,
  c: NodeOf<"Constraint">,
  scope: Scope,
  columns: { name: string; type: SqlType }[],
  used: Set<string>,
): { sql: string; notNull: string[] } {
  const sql = tableConstraintSql(ctx, table, c, scope, columns, used);
  return { sql, notNull: c.contype === "CONSTR_PRIMARY" ? stringList(c.keys) : [] };
}

function tableConstraintSql(
  ctx: Ctx,
  table: string,
  c: NodeOf<"Constraint">,
  scope: Scope,
  columns: { name: string; type: SqlType }[],
  used: Set<string>,
): string {
  const keys = stringList(c.keys);
  const position = ctx.pos(c.location);
  for (const k of stringList(c.fk_attrs)) {
    if (!columns.some((col) => col.name === k))
      throw new PgError(
        "UNDEFINED_COLUMN",
        `column "${k}" referenced in foreign key constraint does not exist`,
      );
  }
  for (const k of keys) {
    if (!columns.some((col) => col.name === k)) {
      throw new PgError("UNDEFINED_COLUMN", `column "${k}" named in key does not exist`, { position });
    }
  }
  if (c.including?.length) throw unsupported("INCLUDE in constraints", position);
  // SQLite's unique indexes always treat NULLs as distinct.
  if (c.nulls_not_distinct) throw unsupported("NULLS NOT DISTINCT", position);
  switch (c.contype) {
    case "CONSTR_PRIMARY":
      return `CONSTRAINT ${quoteIdent(constraintName(ctx, c, `${table}_pkey`, used, table))} PRIMARY KEY (${keys.map(quoteIdent).join(", ")})`;
    case "CONSTR_UNIQUE":
      return `CONSTRAINT ${quoteIdent(constraintName(ctx, c, `${table}_${keys.join("_")}_key`, used, table))} UNIQUE (${keys.map(quoteIdent).join(", ")})`;
    case "CONSTR_CHECK": {
      const only = soleColumnOf(c.raw_expr);
      const name = constraintName(ctx, c, only ? `${table}_${only}_check` : `${table}_check`, used, table);
      return `CONSTRAINT ${quoteIdent(name)} CHECK (${checkSql(ctx, c, scope)})`;
    }
    case "CONSTR_FOREIGN": {
      const attrs = stringList(c.fk_attrs);
      const name = constraintName(ctx, c, `${table}_${attrs.join("_")}_fkey`, used, table);
      const types = attrs.map((a) => ({ name: a, type: columns.find((col) => col.name === a)!.type }));
      return foreignKeySql(ctx, name, attrs, c, table, types);
    }
    case "CONSTR_EXCLUSION":
      throw unsupported("EXCLUDE constraints", position);
    default:
      throw unsupported(`constraint ${c.contype}`, position);
  }
}

export function checkSql(ctx: Ctx, c: NodeOf<"Constraint">, scope: Scope): string {
  if (c.is_no_inherit) throw unsupported("NO INHERIT", ctx.pos(c.location));
  const e = translateExpr(ctx, c.raw_expr!, scope);
  return coerce(ctx, e, t(BOOL), "implicit", ctx.pos(c.raw_expr)).sql;
}

/** The column a CHECK's generated name takes: the only one it refers to, as PostgreSQL names it. */
export function soleColumnOf(node: Node | undefined): string | undefined {
  const json = JSON.stringify(node ?? {});
  const names = new Set(
    [...json.matchAll(/"ColumnRef":\{"fields":\[\{"String":\{"sval":"([^"]+)"/g)].map((m) => m[1]),
  );
  return names.size === 1 ? [...names][0] : undefined;
}

/**
 * A column default: a constant goes into SQLite's DEFAULT clause (so plain SQLite tools see it);
 * anything else is stored as PostgreSQL text and supplied by the translator on INSERT.
 */
export function defaultClause(ctx: Ctx, expr: Node, type: SqlType): { sqlite?: string; stored?: string } {
  const e = translateExpr(ctx, expr, new Scope());
  const enumType = ctx.schema.enumByOid(type.oid);
  if (enumType && e.literal !== undefined) return { sqlite: enumLiteral(enumType, e.literal, ctx.pos(expr)) };
  const value = coerce(ctx, e, type, "assignment", ctx.pos(expr));
  // A quoted literal for a numeric or float column: PostgreSQL shows it as written ('0'::numeric),
  // which the stored value (0.00) no longer tells.
  if (e.literal !== undefined && (type.oid === NUMERIC || FLOAT_TYPES.has(type.oid)))
    return { stored: deparseExpression(expr) };
  if (/^(NULL|-?\d+(\.\d+)?(e[+-]?\d+)?|'([^']|'')*'|X'[0-9a-f]*')$/i.test(value.sql))
    return { sqlite: value.sql };
  return { stored: deparseExpression(expr) };
}
