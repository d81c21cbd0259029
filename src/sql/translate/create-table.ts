import { PgError, unsupported } from "../../errors/pg-error.js";
import { declaredTypeName } from "../../types/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { CREATE_DEFAULTS, CREATE_SEQUENCES, insertDefaultSql, insertSequenceSql } from "../metadata.js";
import { BOOL, INT2, INT4, INT8, t } from "../oids.js";
import type { SqlType } from "../plan.js";
import { quoteIdent } from "../sqlite-text.js";
import { coerce } from "./coerce.js";
import { constraintName, foreignKeySql, sequenceRange, uniqueName } from "./constraints.js";
import type { Ctx } from "./context.js";
import { deparseExpression } from "./deparse.js";
import { translateExpr } from "./expr.js";
import { Scope } from "./scope.js";
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

interface ColumnPlan {
  name: string;
  type: SqlType;
  parts: string[];
}

/** CREATE TABLE: PostgreSQL types as declared types, named constraints, sequences for serial and identity. */
export function translateCreateTable(ctx: Ctx, stmt: NodeOf<"CreateStmt">): DdlOutput {
  const rv = stmt.relation!;
  const table = rv.relname!;
  const position = ctx.pos(rv.location);
  if (rv.schemaname !== undefined && rv.schemaname !== "public") {
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${rv.schemaname}" does not exist`, { position });
  }
  if (rv.relpersistence === "t") throw unsupported("temporary tables", position);
  if (stmt.inhRelations?.length) throw unsupported("INHERITS", position);
  if (stmt.partspec || stmt.partbound) throw unsupported("partitioned tables", position);
  if (stmt.ofTypename) throw unsupported("CREATE TABLE ... OF type", position);
  if (stmt.oncommit && stmt.oncommit !== "ONCOMMIT_NOOP") throw unsupported("ON COMMIT", position);
  ctx.writes = true;
  ctx.changesSchema = true;
  if (ctx.schema.relation(table) || ctx.schema.sequence(table) || ctx.schema.index(table)) {
    if (stmt.if_not_exists)
      return { setup: [], sql: "", notice: `relation "${table}" already exists, skipping` };
    throw new PgError("DUPLICATE_TABLE", `relation "${table}" already exists`);
  }
  const setup: string[] = [];
  const columns: ColumnPlan[] = [];
  const tableConstraints: string[] = [];
  const usedNames = new Set<string>();
  const defs = (stmt.tableElts ?? []).filter((e) => asKind(e, "ColumnDef"));
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
    const plan: ColumnPlan = {
      name,
      type,
      parts: [quoteIdent(name), declaredTypeName(type.oid, type.typmod)],
    };
    const serial = serialType(def);
    if (def.identity) throw unsupported("identity columns", ctx.pos(def.location));
    if (serial !== undefined) {
      const seq = uniqueName(ctx, `${table}_${name}_seq`, usedNames);
      setup.push(CREATE_SEQUENCES, insertSequenceSql(seq, sequenceRange(serial, `${table}.${name}`)));
      setup.push(
        CREATE_DEFAULTS,
        insertDefaultSql(table, name, `nextval('${seq.replaceAll("'", "''")}'::regclass)`),
      );
      plan.parts.push("NOT NULL");
    }
    for (const c of def.constraints ?? []) {
      columnConstraint(ctx, table, plan, asKind(c, "Constraint")!, scope, setup, usedNames, tableConstraints);
    }
    if (def.collClause) {
      const coll = stringList(def.collClause.collname).at(-1);
      if (!["C", "POSIX", "default"].includes(coll ?? ""))
        throw unsupported(`COLLATE "${coll}"`, ctx.pos(def.location));
    }
    columns.push(plan);
  }
  for (const e of stmt.tableElts ?? []) {
    const c = asKind(e, "Constraint");
    if (c) tableConstraints.push(tableConstraint(ctx, table, c, scope, columns, usedNames));
    else if (!asKind(e, "ColumnDef")) throw unsupported("this table element", position);
  }
  const body = [...columns.map((c) => c.parts.join(" ")), ...tableConstraints].join(", ");
  return { setup, sql: `CREATE TABLE ${quoteIdent(table)} (${body})` };
}

function serialType(def: NodeOf<"ColumnDef">): number | undefined {
  const names = stringList(def.typeName?.names);
  return names.length === 1 && !def.typeName?.arrayBounds?.length ? SERIAL_TYPES[names[0]!] : undefined;
}

function columnType(ctx: Ctx, def: NodeOf<"ColumnDef">): SqlType {
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
      col.parts.push("NOT NULL");
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
      col.parts.push("NOT NULL");
      tableConstraints.unshift(
        `CONSTRAINT ${quoteIdent(constraintName(ctx, c, `${table}_pkey`, used))} PRIMARY KEY (${quoteIdent(col.name)})`,
      );
      return;
    case "CONSTR_UNIQUE":
      tableConstraints.push(
        `CONSTRAINT ${quoteIdent(constraintName(ctx, c, `${table}_${col.name}_key`, used))} UNIQUE (${quoteIdent(col.name)})`,
      );
      return;
    case "CONSTR_CHECK": {
      const name = constraintName(ctx, c, `${table}_${col.name}_check`, used);
      tableConstraints.push(`CONSTRAINT ${quoteIdent(name)} CHECK (${checkSql(ctx, c, scope)})`);
      return;
    }
    case "CONSTR_FOREIGN": {
      const name = constraintName(ctx, c, `${table}_${col.name}_fkey`, used);
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
      throw unsupported("identity columns", position);
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

function tableConstraint(
  ctx: Ctx,
  table: string,
  c: NodeOf<"Constraint">,
  scope: Scope,
  columns: ColumnPlan[],
  used: Set<string>,
): string {
  const keys = stringList(c.keys);
  const position = ctx.pos(c.location);
  for (const k of [...keys, ...stringList(c.fk_attrs)]) {
    if (!columns.some((col) => col.name === k)) {
      throw new PgError("UNDEFINED_COLUMN", `column "${k}" named in key does not exist`, { position });
    }
  }
  if (c.including?.length) throw unsupported("INCLUDE in constraints", position);
  switch (c.contype) {
    case "CONSTR_PRIMARY":
      for (const k of keys) columns.find((col) => col.name === k)!.parts.push("NOT NULL");
      return `CONSTRAINT ${quoteIdent(constraintName(ctx, c, `${table}_pkey`, used))} PRIMARY KEY (${keys.map(quoteIdent).join(", ")})`;
    case "CONSTR_UNIQUE":
      return `CONSTRAINT ${quoteIdent(constraintName(ctx, c, `${table}_${keys.join("_")}_key`, used))} UNIQUE (${keys.map(quoteIdent).join(", ")})`;
    case "CONSTR_CHECK": {
      const first = firstColumnOf(c.raw_expr) ?? "";
      const name = constraintName(ctx, c, first ? `${table}_${first}_check` : `${table}_check`, used);
      return `CONSTRAINT ${quoteIdent(name)} CHECK (${checkSql(ctx, c, scope)})`;
    }
    case "CONSTR_FOREIGN": {
      const attrs = stringList(c.fk_attrs);
      const name = constraintName(ctx, c, `${table}_${attrs.join("_")}_fkey`, used);
      const types = attrs.map((a) => ({ name: a, type: columns.find((col) => col.name === a)!.type }));
      return foreignKeySql(ctx, name, attrs, c, table, types);
    }
    case "CONSTR_EXCLUSION":
      throw unsupported("EXCLUDE constraints", position);
    default:
      throw unsupported(`constraint ${c.contype}`, position);
  }
}

function checkSql(ctx: Ctx, c: NodeOf<"Constraint">, scope: Scope): string {
  if (c.is_no_inherit) throw unsupported("NO INHERIT", ctx.pos(c.location));
  const e = translateExpr(ctx, c.raw_expr!, scope);
  return coerce(ctx, e, t(BOOL), "implicit", ctx.pos(c.raw_expr)).sql;
}

function firstColumnOf(node: Node | undefined): string | undefined {
  const json = JSON.stringify(node ?? {});
  const m = /"ColumnRef":\{"fields":\[\{"String":\{"sval":"([^"]+)"/.exec(json);
  return m?.[1];
}

/**
 * A column default: a constant goes into SQLite's DEFAULT clause (so plain SQLite tools see it);
 * anything else is stored as PostgreSQL text and supplied by the translator on INSERT.
 */
function defaultClause(ctx: Ctx, expr: Node, type: SqlType): { sqlite?: string; stored?: string } {
  const e = translateExpr(ctx, expr, new Scope());
  const value = coerce(ctx, e, type, "assignment", ctx.pos(expr));
  if (/^(NULL|-?\d+(\.\d+)?(e[+-]?\d+)?|'([^']|'')*'|X'[0-9a-f]*')$/i.test(value.sql))
    return { sqlite: value.sql };
  return { stored: deparseExpression(expr) };
}
