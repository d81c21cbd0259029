import { PgError, unsupported } from "../../errors/pg-error.js";
import { recordFields } from "../../functions/lib/composite-records.js";
import { formatType } from "../../types/registry.js";
import type { NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { COMMENTS, COMPOSITES, CREATE_COMPOSITES, CREATE_TYPES, TYPES } from "../metadata.js";
import { BOOL, RECORD, STRING_TYPES, TEXT, t, UNKNOWN } from "../oids.js";
import type { SqlType } from "../plan.js";
import type { CompositeInfo } from "../schema.js";
import { quoteString } from "../sqlite-text.js";
import { type CoercionContext, castSql, coerce, isUnknown } from "./coerce.js";
import type { Ctx, Expr } from "./context.js";
import type { DdlOutput } from "./create-table.js";
import { dropUserType } from "./domains.js";
import { translateExpr } from "./expr.js";
import { recordField } from "./records.js";
import type { Scope } from "./scope.js";
import { typeFromTypeName } from "./type-names.js";

/**
 * Composite types (CREATE TYPE name AS (field type, ...)) and row constructors. A composite value
 * is record_out's text of its fields, "(EUR,12050)" (pg_row_out), stored and sent as that text; the
 * type carries the fields so that (value).field reads one back by position (pg_row_field).
 */

type Field = { name: string; type: SqlType };

export function compositeOf(ctx: Ctx, type: SqlType): CompositeInfo | undefined {
  return ctx.schema.compositeByOid(type.oid);
}

/** The fields of a composite or known record value, with the type that says them attached. */
export function withFields(ctx: Ctx, e: Expr): Expr {
  if (e.type.fields) return e;
  const c = compositeOf(ctx, e.type);
  return c ? { ...e, type: { ...e.type, fields: c.fields } } : e;
}

/** (value).name of a composite value; undefined for a value of another type. */
export function compositeField(ctx: Ctx, value: Expr, name: string, position?: number): Expr | undefined {
  const c = compositeOf(ctx, value.type);
  if (!c) return undefined;
  if (!c.fields.some((f) => f.name === name)) {
    throw new PgError("UNDEFINED_COLUMN", `column "${name}" not found in data type ${c.name}`, { position });
  }
  return recordField(withFields(ctx, value), name, position);
}

/** value IS [NOT] NULL of a composite or known record value: true when every field is (not) NULL. */
export function rowNullTest(ctx: Ctx, value: Expr, not: boolean): Expr | undefined {
  const fields = withFields(ctx, value).type.fields;
  if (!fields) return undefined;
  const tests = fields.map((_, i) => `pg_row_field(${value.sql}, ${i}) IS ${not ? "NOT " : ""}NULL`);
  const sql = not
    ? `(${[`${value.sql} IS NOT NULL`, ...tests].join(" AND ")})`
    : `(${value.sql} IS NULL OR (${tests.join(" AND ") || "1"}))`;
  return { sql, type: t(BOOL) };
}

/** A composite value's key in record_cmp's order (composite-sort-key.ts). */
export function compositeSortKeySql(fields: readonly Field[], sql: string): string {
  return `pg_record_sortkey(${sql}, '${fields.map((f) => f.type.oid).join(",")}')`;
}

/** A value of type oid (typmod -1) with fields, the record_out text of the fields' SQL. */
export function rowOf(oid: number, fields: readonly Field[], sqls: string[]): Expr {
  const texts = fields.map((f, i) => {
    const sql = sqls[i]!;
    if (f.type.oid === BOOL) return `(CASE ${sql} WHEN 1 THEN 't' WHEN 0 THEN 'f' END)`;
    if (f.type.oid === UNKNOWN || f.type.fields || f.type.oid === RECORD) return sql;
    return castSql(sql, f.type.oid, TEXT);
  });
  return { sql: `pg_row_out(${texts.join(", ")})`, type: { oid, typmod: -1, fields } };
}

export function translateCreateComposite(ctx: Ctx, stmt: NodeOf<"CompositeTypeStmt">): DdlOutput {
  const rv = stmt.typevar!;
  if (rv.schemaname && rv.schemaname !== "public")
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${rv.schemaname}" does not exist`);
  const name = rv.relname!;
  ctx.writes = true;
  ctx.changesSchema = true;
  const s = ctx.schema;
  if (s.compositeType(name) || s.domainType(name) || s.enumType(name) || s.relation(name) || s.sequence(name))
    throw new PgError("DUPLICATE_OBJECT", `type "${name}" already exists`);
  if (s.index(name)) throw new PgError("DUPLICATE_TABLE", `relation "${name}" already exists`);
  const fields: { name: string; oid: number; typmod: number }[] = [];
  for (const node of stmt.coldeflist ?? []) {
    const def = asKind(node, "ColumnDef")!;
    if (def.constraints?.length)
      throw unsupported("constraints on composite type fields", ctx.pos(def.location));
    if (def.collClause) throw unsupported("COLLATE on composite type fields", ctx.pos(def.location));
    if (fields.some((f) => f.name === def.colname))
      throw new PgError("DUPLICATE_COLUMN", `column "${def.colname}" specified more than once`);
    const type = typeFromTypeName(ctx, def.typeName!);
    fields.push({ name: def.colname!, oid: type.oid, typmod: type.typmod });
  }
  return {
    setup: [
      CREATE_TYPES,
      `INSERT INTO ${TYPES} VALUES (${quoteString(name)}, 'c')`,
      CREATE_COMPOSITES,
      `INSERT INTO ${COMPOSITES} VALUES (${quoteString(name)}, ${quoteString(JSON.stringify(fields))})`,
    ],
    sql: "",
  };
}

/** DROP TYPE of a composite type: refused while columns or other types use it; false if there is none. */
export function dropComposite(ctx: Ctx, names: string[], cascade: boolean, setup: string[]): boolean {
  const c = names.length <= 2 ? ctx.schema.compositeType(names.at(-1)!) : undefined;
  if (!c) return false;
  const users = [
    ...[...ctx.schema.relations()].flatMap((r) =>
      r.columns.filter((col) => col.typeOid === c.oid).map((col) => `column ${col.name} of table ${r.name}`),
    ),
    ...[...ctx.schema.compositeTypes()].flatMap((o) =>
      o.fields.filter((f) => f.type.oid === c.oid).map((f) => `column ${f.name} of composite type ${o.name}`),
    ),
  ];
  const refusal = "DROP TYPE ... CASCADE of a composite type that columns use";
  dropUserType(c.name, COMPOSITES, users, cascade ? refusal : undefined, setup);
  if (ctx.schema.hasMetadata(COMMENTS))
    setup.push(`DELETE FROM ${COMMENTS} WHERE kind = 'type' AND name = ${quoteString(c.name)}`);
  return true;
}

/** ROW(a, b) and (a, b): an anonymous record whose fields are f1, f2, ... */
export function translateRowExpr(ctx: Ctx, r: NodeOf<"RowExpr">, scope: Scope): Expr {
  // Untyped literals and NULLs stay unknown until a cast to a composite type types them.
  const args = (r.args ?? []).map((a) => translateExpr(ctx, a, scope));
  const fields = args.map((a, i) => ({ name: `f${i + 1}`, type: a.type }));
  return rowOf(
    RECORD,
    fields,
    args.map((a) => a.sql),
  );
}

const CAST_DETAIL = { fewer: "Input has too few columns.", more: "Input has too many columns." };

/**
 * Casts to and from composite types: a record of as many fields converts field by field, text is
 * read as record_in reads it, and a composite value's text is its output. Undefined when neither
 * side is a composite type.
 */
export function coerceComposite(
  ctx: Ctx,
  e: Expr,
  target: SqlType,
  how: CoercionContext,
  position?: number,
): Expr | undefined {
  const to = compositeOf(ctx, target);
  const from = compositeOf(ctx, e.type);
  if (!to && !from) return undefined;
  if (from && to?.oid === from.oid) return withFields(ctx, e);
  if (from) {
    if (target.oid === RECORD) return withFields(ctx, e);
    if (STRING_TYPES.has(target.oid) && how !== "implicit")
      return coerce(ctx, { sql: e.sql, type: t(TEXT) }, target, how);
    throw cannotCastComposite(ctx, e.type.oid, target.oid, how, position);
  }
  const c = to!;
  const value = e.literal !== undefined ? quoteString(e.literal) : e.sql;
  const fieldHow: CoercionContext = how === "explicit" ? "explicit" : "assignment";
  if (e.type.oid === RECORD && e.type.fields) {
    const src = e.type.fields;
    if (src.length !== c.fields.length) {
      throw new PgError("CANNOT_COERCE", `cannot cast type record to ${c.name}`, {
        position,
        detail: src.length < c.fields.length ? CAST_DETAIL.fewer : CAST_DETAIL.more,
      });
    }
    const sqls = c.fields.map((f, i) => {
      const s = src[i]!;
      const raw = `pg_row_field(${value}, ${i})`;
      const typed = s.type.oid === UNKNOWN ? raw : castSql(raw, TEXT, s.type.oid);
      return coerce(ctx, { sql: typed, type: s.type }, f.type, fieldHow, position).sql;
    });
    return nullable(value, rowOf(c.oid, c.fields, sqls));
  }
  if (isUnknown(e) || (STRING_TYPES.has(e.type.oid) && how === "explicit")) {
    if (e.literal !== undefined) {
      // A constant is read now, so that its errors point at it.
      const at = e.position ?? position;
      let texts: (string | null)[];
      try {
        texts = recordFields(e.literal, c.fields.length);
      } catch (err) {
        throw err instanceof PgError ? err.withPosition(at) : err;
      }
      const sqls = c.fields.map((f, i) => {
        const text = texts[i];
        if (text === null || text === undefined) return "NULL";
        const field: Expr = { sql: quoteString(text), type: t(UNKNOWN), literal: text, position: at };
        return coerce(ctx, field, f.type, "assignment", at).sql;
      });
      return rowOf(c.oid, c.fields, sqls);
    }
    const checked = `pg_record_in(${value}, ${c.fields.length})`;
    const sqls = c.fields.map(
      (f, i) =>
        coerce(ctx, { sql: `pg_row_field(${checked}, ${i})`, type: t(UNKNOWN) }, f.type, "assignment").sql,
    );
    return nullable(value, rowOf(c.oid, c.fields, sqls));
  }
  throw cannotCastComposite(ctx, e.type.oid, target.oid, how, position);
}

/** A row built from value's fields is NULL where value is. */
function nullable(value: string, row: Expr): Expr {
  return { ...row, sql: `(CASE WHEN ${value} IS NULL THEN NULL ELSE ${row.sql} END)` };
}

function cannotCastComposite(ctx: Ctx, from: number, to: number, how: CoercionContext, position?: number) {
  const name = (oid: number) => ctx.schema.compositeByOid(oid)?.name ?? formatType(oid, -1);
  if (how === "assignment") {
    return new PgError(
      "DATATYPE_MISMATCH",
      `expression is of type ${name(from)}, but the target is of type ${name(to)}`,
      { position, hint: "You will need to rewrite or cast the expression." },
    );
  }
  return new PgError("CANNOT_COERCE", `cannot cast type ${name(from)} to ${name(to)}`, { position });
}

/** A composite type named by a type name, as the first argument of the populate functions names it. */
export function compositeOfTypeName(ctx: Ctx, tn: NodeOf<"TypeName"> | undefined): CompositeInfo | undefined {
  const names = stringList(tn?.names);
  if (names.length === 0 || names[0] === "pg_catalog" || names.length > 2) return undefined;
  return ctx.schema.compositeType(names.at(-1)!);
}
