import { quoteIdentIfNeeded } from "../../catalog/sqlite-schema.js";
import {
  type ColumnClause,
  type DdlElement,
  parseTableDdl,
  type TableDdl,
  tokenize,
} from "../../catalog/table-ddl.js";
import { PgError, unsupported } from "../../errors/pg-error.js";
import { RAISE_ERROR } from "../../functions/lib/sequences.js";
import { codecFor } from "../../types/codecs.js";
import { formatType } from "../../types/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { COMMENTS, CREATE_DEFAULTS, DEFAULTS, IDENTITY, insertDefaultSql, SEQUENCES } from "../metadata.js";
import { INT2, INT4, INT8 } from "../oids.js";
import type { SqlType } from "../plan.js";
import type { ColumnInfo, RelationInfo } from "../schema.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import { checkStorageOptions } from "./alter-table-options.js";
import {
  dependentViews,
  foreignKeyCheckSql,
  keepsRowid,
  type RebuildSpec,
  rebuildSql,
} from "./alter-table-rebuild.js";
import { coerce, literalOf } from "./coerce.js";
import type { Ctx } from "./context.js";
import {
  type ColumnPlan,
  columnType,
  type DdlOutput,
  declaredType,
  defaultClause,
  identityColumn,
  tableConstraint,
  translateColumnDef,
} from "./create-table.js";
import { deparseExpression } from "./deparse.js";
import { translateExpr } from "./expr.js";
import { Scope } from "./scope.js";
import { alterSequenceSql, parseSequenceOptions, storedOptions } from "./sequences.js";
import { typeFromTypeName } from "./type-names.js";

/**
 * ALTER TABLE: each subcommand edits a model of the table (its columns and constraints as the
 * CREATE TABLE text has them, and where each new value comes from). What SQLite can do in place
 * (ADD COLUMN of a plain column, DROP COLUMN of an unconstrained one, metadata changes) is done in
 * place; anything else rebuilds the table (see alter-table-rebuild.ts) from its edited text, in
 * which unchanged columns and constraints keep their text as it was.
 */

interface ColState {
  name: string;
  /** Its name in the table as it is; undefined for a column this statement adds. */
  old?: string;
  type: SqlType;
  declared: string;
  clauses: ColumnClause[];
  /** The definition as written; used as it is unless edited. */
  text: string;
  edited: boolean;
  /** SQL computing the value from a row of the table as it is (default: the old column). */
  expr?: string;
  /** The value may be NULL and must not be: PostgreSQL's "contains null values" check. */
  checkNotNull: boolean;
  /** The value is converted to an enum: its label must be checked. */
  checkEnum: boolean;
  /** expr is volatile (nextval, random(), now()): it must be computed only once per row. */
  volatile?: boolean;
  generated: boolean;
  info?: ColumnInfo;
}

const PLAIN_LITERAL = /^(NULL|-?\d+(\.\d+)?(e[+-]?\d+)?|'([^']|'')*'|X'[0-9a-f]*')$/i;

/** Subcommands that only tune storage or planning: accepted, no effect on results. */
const NO_EFFECT = new Set([
  "AT_SetRelOptions",
  "AT_ResetRelOptions",
  "AT_ReplaceRelOptions",
  "AT_ChangeOwner",
  "AT_SetStatistics",
  "AT_SetStorage",
  "AT_SetCompression",
  "AT_SetOptions",
  "AT_ResetOptions",
  "AT_ClusterOn",
  "AT_DropCluster",
  "AT_SetLogged",
  "AT_SetUnLogged",
]);

/** PostgreSQL's names of subcommands, for errors on relations they do not apply to. */
const ACTION_NAMES: Record<string, string> = {
  AT_AddColumn: "ADD COLUMN",
  AT_DropColumn: "DROP COLUMN",
  AT_ColumnDefault: "ALTER COLUMN ... SET DEFAULT",
  AT_SetNotNull: "ALTER COLUMN ... SET NOT NULL",
  AT_DropNotNull: "ALTER COLUMN ... DROP NOT NULL",
  AT_AlterColumnType: "ALTER COLUMN TYPE",
  AT_AddConstraint: "ADD CONSTRAINT",
  AT_DropConstraint: "DROP CONSTRAINT",
  AT_ValidateConstraint: "VALIDATE CONSTRAINT",
  AT_AddIdentity: "ALTER COLUMN ... ADD IDENTITY",
  AT_SetIdentity: "ALTER COLUMN ... SET",
  AT_DropIdentity: "ALTER COLUMN ... DROP IDENTITY",
};

export function translateAlterTable(ctx: Ctx, stmt: NodeOf<"AlterTableStmt">): DdlOutput {
  const rv = stmt.relation!;
  const name = rv.relname!;
  const position = ctx.pos(rv.location);
  if (rv.schemaname !== undefined && rv.schemaname !== "public")
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${rv.schemaname}" does not exist`);
  ctx.writes = true;
  ctx.changesSchema = true;
  const cmds = (stmt.cmds ?? []).map((c) => asKind(c, "AlterTableCmd")!);
  const objtype = stmt.objtype ?? "OBJECT_TABLE";
  if (objtype !== "OBJECT_TABLE") {
    const noun = objtype.replace("OBJECT_", "").toLowerCase();
    const found = ctx.schema.relation(name) ?? ctx.schema.sequence(name) ?? ctx.schema.index(name);
    if (!found) {
      if (stmt.missing_ok)
        return { setup: [], sql: "", notice: `relation "${name}" does not exist, skipping` };
      throw new PgError("UNDEFINED_TABLE", `relation "${name}" does not exist`);
    }
    if (cmds.every((c) => NO_EFFECT.has(c.subtype ?? ""))) return { setup: [], sql: "" };
    throw unsupported(`ALTER ${noun.toUpperCase()} ${cmds.map((c) => c.subtype).join(", ")}`, position);
  }
  const rel = ctx.schema.relation(name);
  if (!rel) {
    if (ctx.schema.sequence(name) || ctx.schema.index(name)) {
      if (cmds.every((c) => NO_EFFECT.has(c.subtype ?? ""))) return { setup: [], sql: "" };
      throw new PgError("WRONG_OBJECT_TYPE", `"${name}" is not a table`);
    }
    if (stmt.missing_ok) return { setup: [], sql: "", notice: `relation "${name}" does not exist, skipping` };
    throw new PgError("UNDEFINED_TABLE", `relation "${name}" does not exist`);
  }
  if (rel.kind !== "table") {
    const effective = cmds.find((c) => !NO_EFFECT.has(c.subtype ?? ""));
    if (!effective) return { setup: [], sql: "" };
    throw new PgError(
      "WRONG_OBJECT_TYPE",
      `ALTER action ${ACTION_NAMES[effective.subtype ?? ""] ?? effective.subtype} cannot be performed on relation "${name}"`,
      { detail: "This operation is not supported for views." },
    );
  }
  const alter = new TableAlteration(ctx, rel);
  for (const cmd of cmds) alter.apply(cmd);
  return alter.output();
}

/** The text inside CHECK (...) of a constraint's text. */
export function checkExpression(text: string): string {
  const i = text.search(/\bCHECK\s*\(/i);
  const start = text.indexOf("(", i) + 1;
  return text.slice(start, text.lastIndexOf(")")).trim();
}

/** A table constraint's text read as an element (its kind, name and columns). */
function constraintElement(sql: string): DdlElement {
  return parseTableDdl(`CREATE TABLE x (${sql})`)!.elements[0]!;
}

/** Runs a translation and tells whether what it translated calls a volatile function. */
function volatileIn<T>(ctx: Ctx, f: () => T): { value: T; volatile: boolean } {
  const before = ctx.notConstant;
  ctx.notConstant = false;
  try {
    const value = f();
    return { value, volatile: ctx.notConstant };
  } finally {
    ctx.notConstant ||= before;
  }
}

/** Errors whose position PostgreSQL reports in ALTER TABLE. */
const positioned = new WeakSet<PgError>();

function keepPosition<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof PgError) positioned.add(e);
    throw e;
  }
}

export class TableAlteration {
  readonly table: string;
  private readonly ddl: TableDdl;
  private readonly cols: ColState[];
  /** Table constraints and anything else that is not a column, in order. */
  private cons: DdlElement[];
  /** Constraint names in use on the table. */
  private readonly used = new Set<string>();
  private rebuild = false;
  /** What SQLite can do in place, if nothing needs a rebuild. */
  private readonly native: string[] = [];
  /** Metadata changes, run first. */
  private readonly meta: string[] = [];
  /** Run after the table is in its new form. */
  private readonly post: string[] = [];
  /** New unique keys, checked for duplicates. */
  private readonly uniqueKeys: { name: string; columns: string[] }[] = [];
  /** New foreign keys, checked against the referenced rows. */
  private readonly foreignKeys: {
    name: string;
    columns: string[];
    refTable: string;
    refColumns: string[];
  }[] = [];
  /** New CHECK constraints to check on the rows. */
  private readonly checks: { name: string; sql: string }[] = [];
  private readonly notices: string[] = [];
  private readonly droppedIndexes = new Set<string>();
  private readonly dropViews: string[] = [];
  /** Foreign keys of other tables dropped by CASCADE. */
  private readonly cascadeFks = new Map<string, Set<string>>();

  constructor(
    private readonly ctx: Ctx,
    private readonly rel: RelationInfo,
  ) {
    this.table = rel.name;
    const ddl = rel.sql ? parseTableDdl(rel.sql) : undefined;
    if (!ddl) throw unsupported(`ALTER TABLE of "${rel.name}", whose definition was not made here`);
    this.ddl = ddl;
    this.cols = ddl.elements
      .filter((e) => e.kind === "column")
      .map((e) => {
        const info = rel.column(e.name!);
        return {
          name: e.name!,
          old: e.name!,
          type: info ? { oid: info.typeOid, typmod: info.typmod } : { oid: 25, typmod: -1 },
          declared: e.declaredType ?? "",
          clauses: e.clauses ?? [],
          text: e.text,
          edited: false,
          checkNotNull: false,
          checkEnum: false,
          generated: info?.generated === true,
          info,
        };
      });
    this.cons = ddl.elements.filter((e) => e.kind !== "column");
    for (const e of this.cons) if (e.name) this.used.add(e.name);
    for (const c of this.cols) for (const cl of c.clauses) if (cl.name) this.used.add(cl.name);
  }

  apply(cmd: NodeOf<"AlterTableCmd">): void {
    try {
      this.applyCommand(cmd);
    } catch (e) {
      // PostgreSQL reports positions only for the type of an added column and USING expressions.
      if (e instanceof PgError && !positioned.has(e)) e.fields.position = undefined;
      throw e;
    }
  }

  private applyCommand(cmd: NodeOf<"AlterTableCmd">): void {
    const subtype = cmd.subtype ?? "";
    if (NO_EFFECT.has(subtype)) {
      const items = asKind(cmd.def, "List")?.items ?? [];
      if (subtype.endsWith("RelOptions")) checkStorageOptions(items, false, subtype === "AT_ResetRelOptions");
      if (subtype === "AT_SetOptions" || subtype === "AT_ResetOptions")
        checkStorageOptions(items, true, subtype === "AT_ResetOptions");
      if (subtype === "AT_ClusterOn") {
        const ix = this.ctx.schema.index(cmd.name ?? "");
        if (ix?.table !== this.table)
          throw new PgError(
            "UNDEFINED_OBJECT",
            `index "${cmd.name}" for table "${this.table}" does not exist`,
          );
      } else if (cmd.name) this.column(cmd.name);
      return;
    }
    switch (subtype) {
      case "AT_AddColumn":
      case "AT_AddColumnRecurse":
        this.addColumn(asKind(cmd.def, "ColumnDef")!, cmd.missing_ok === true);
        return;
      case "AT_DropColumn":
      case "AT_DropColumnRecurse":
        this.dropColumn(cmd.name!, cmd.missing_ok === true, cmd.behavior === "DROP_CASCADE");
        return;
      case "AT_ColumnDefault":
        this.setDefault(cmd.name!, cmd.def);
        return;
      case "AT_SetNotNull":
        this.setNotNull(cmd.name!);
        return;
      case "AT_DropNotNull":
        this.dropNotNull(cmd.name!);
        return;
      case "AT_AlterColumnType":
        this.alterType(cmd.name!, asKind(cmd.def, "ColumnDef")!);
        return;
      case "AT_AddConstraint":
      case "AT_AddConstraintRecurse":
        this.addConstraint(asKind(cmd.def, "Constraint")!);
        return;
      case "AT_DropConstraint":
      case "AT_DropConstraintRecurse":
        this.dropConstraint(cmd.name!, cmd.missing_ok === true, cmd.behavior === "DROP_CASCADE");
        return;
      case "AT_ValidateConstraint":
      case "AT_ValidateConstraintRecurse":
        this.validateConstraint(cmd.name!);
        return;
      case "AT_AddIdentity":
        this.addIdentity(cmd.name!, asKind(cmd.def, "Constraint")!);
        return;
      case "AT_SetIdentity":
        this.setIdentity(cmd.name!, asKind(cmd.def, "List")?.items ?? []);
        return;
      case "AT_DropIdentity":
        this.dropIdentity(cmd.name!, cmd.missing_ok === true);
        return;
      default:
        throw unsupported(`ALTER TABLE ${subtype.replace(/^AT_/, "")}`);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // columns

  private column(name: string): ColState {
    const col = this.cols.find((c) => c.name === name);
    if (!col)
      throw new PgError("UNDEFINED_COLUMN", `column "${name}" of relation "${this.table}" does not exist`);
    return col;
  }

  /** The table's columns as they are now, referred to by name (for CHECK and defaults). */
  private scope(): Scope {
    const scope = new Scope();
    scope.add({
      alias: this.table,
      columns: this.cols.map((c, i) => ({
        name: c.name,
        type: c.type,
        ref: quoteIdent(c.name),
        tableOid: this.rel.oid,
        attnum: i + 1,
      })),
    });
    return scope;
  }

  /** The table's columns as they are before this statement (for USING expressions). */
  private oldScope(): Scope {
    const scope = new Scope();
    scope.add({
      alias: this.table,
      columns: this.rel.columns.map((c) => ({
        name: c.name,
        type: { oid: c.typeOid, typmod: c.typmod },
        ref: quoteIdent(c.name),
        tableOid: this.rel.oid,
        attnum: c.attnum,
      })),
    });
    return scope;
  }

  private edit(col: ColState): void {
    col.edited = true;
    this.rebuild = true;
  }

  private addColumn(def: NodeOf<"ColumnDef">, ifNotExists: boolean): void {
    const name = def.colname!;
    if (this.cols.some((c) => c.name === name)) {
      if (ifNotExists) {
        this.notices.push(`column "${name}" of relation "${this.table}" already exists, skipping`);
        return;
      }
      throw new PgError("DUPLICATE_COLUMN", `column "${name}" of relation "${this.table}" already exists`);
    }
    const ctx = this.ctx;
    const type = keepPosition(() => columnType(ctx, def));
    const constraints: string[] = [];
    const setup: string[] = [];
    const scope = this.scope();
    scope.items[0]!.columns.push({
      name,
      type,
      ref: quoteIdent(name),
      tableOid: this.rel.oid,
      attnum: this.cols.length + 1,
    });
    const usedBefore = new Set(this.used);
    const plan = translateColumnDef(ctx, this.table, def, type, scope, setup, this.used, constraints);
    this.meta.push(...setup);
    const text = plan.parts.join(" ");
    const parsed = parseTableDdl(`CREATE TABLE x (${text})`)!.elements[0]!;
    const notNull = plan.parts.includes("NOT NULL");
    const col: ColState = {
      name,
      type,
      declared: parsed.declaredType ?? "",
      clauses: parsed.clauses ?? [],
      text,
      edited: false,
      checkNotNull: notNull,
      checkEnum: false,
      generated: plan.parts.some((p) => p.startsWith("GENERATED ALWAYS AS")),
    };
    const v = volatileIn(ctx, () => this.newColumnValue(def, plan));
    col.expr = v.value;
    col.volatile = v.volatile || plan.sequence !== undefined;
    this.cols.push(col);
    for (const c of constraints) this.addConstraintText(c, usedBefore);
    if (ctx.schema.enumByOid(type.oid) && col.expr !== "NULL" && !PLAIN_LITERAL.test(col.expr))
      col.checkEnum = true;
    // SQLite adds a column in place when it needs no new constraint and no value per row.
    const sqliteDefault = plan.parts.find((p) => p.startsWith("DEFAULT "));
    const inPlace =
      constraints.length === 0 &&
      !col.generated &&
      plan.sequence === undefined &&
      !(notNull && (sqliteDefault === undefined || sqliteDefault === "DEFAULT NULL"));
    if (!inPlace) {
      this.rebuild = true;
      return;
    }
    this.native.push(`ALTER TABLE ${quoteIdent(this.table)} ADD COLUMN ${text}`);
    if (sqliteDefault === undefined && col.expr !== "NULL")
      this.native.push(`UPDATE ${quoteIdent(this.table)} SET ${quoteIdent(name)} = ${col.expr}`);
  }

  /** The value an added column gets in existing rows: its default, evaluated per row. */
  private newColumnValue(def: NodeOf<"ColumnDef">, plan: ColumnPlan): string {
    if (plan.sequence) {
      // The sequence is made by this statement: rows are numbered here, and the sequence set after.
      const { name, options } = plan.sequence;
      const order = keepsRowid(this.ddl) ? "ORDER BY rowid" : "";
      const n = `(SELECT count(*) FROM ${quoteIdent(this.table)})`;
      this.post.push(
        `UPDATE ${SEQUENCES} SET last_value = CASE WHEN ${n} > 0 THEN ${options.start} + (${n} - 1) * ${options.increment} ELSE ${options.start} END, is_called = ${n} > 0 WHERE name = ${quoteString(name)}`,
      );
      return `(${options.start} + (row_number() OVER (${order}) - 1) * ${options.increment})`;
    }
    const sqliteDefault = plan.parts.find((p) => p.startsWith("DEFAULT "));
    if (sqliteDefault) return sqliteDefault.slice("DEFAULT ".length);
    const d = (def.constraints ?? [])
      .map((c) => asKind(c, "Constraint")!)
      .find((c) => c.contype === "CONSTR_DEFAULT");
    if (!d) return "NULL";
    const e = translateExpr(this.ctx, d.raw_expr!, new Scope());
    return coerce(this.ctx, e, plan.type, "assignment", this.ctx.pos(d.raw_expr)).sql;
  }

  private dropColumn(name: string, ifExists: boolean, cascade: boolean): void {
    const col = this.cols.find((c) => c.name === name);
    if (!col) {
      if (ifExists) {
        this.notices.push(`column "${name}" of relation "${this.table}" does not exist, skipping`);
        return;
      }
      throw new PgError("UNDEFINED_COLUMN", `column "${name}" of relation "${this.table}" does not exist`);
    }
    if (this.cols.length === 1) throw unsupported("tables without columns");
    // Objects outside the table that depend on the column need CASCADE.
    const dependents: string[] = [];
    const keys = this.cons.filter((e) => (e.type === "p" || e.type === "u") && e.columns.includes(name));
    for (const fk of this.referencingForeignKeys(keys)) {
      dependents.push(`constraint ${fk.name} on table ${fk.table}`);
      this.cascadeFk(fk.table, fk.name);
    }
    const generated = this.cols.filter(
      (c) =>
        c !== col &&
        c.clauses.some(
          (cl) =>
            cl.kind === "generated" &&
            tokenize(cl.text).some((t) => (t.kind === "ident" || t.kind === "word") && t.value === name),
        ),
    );
    for (const g of generated) dependents.push(`column ${g.name} of table ${this.table}`);
    const views = dependentViews(this.ctx, this.table, name);
    for (const v of views) dependents.push(`view ${v}`);
    if (dependents.length > 0)
      this.requireCascade(
        cascade,
        `column ${name} of table ${this.table}`,
        dependents,
        `column ${name} of table ${this.table}`,
      );
    for (const v of views) if (!this.dropViews.includes(v)) this.dropViews.push(v);
    for (const g of generated) this.dropColumn(g.name, true, true);
    // Constraints and indexes involving the column go with it.
    const before = this.cons.length;
    this.cons = this.cons.filter(
      (e) => !(e.columns.includes(name) || (e.type === "c" && e.mentions.includes(name))),
    );
    const constrained =
      this.cons.length !== before ||
      col.clauses.some((c) => ["p", "u", "c", "f", "generated"].includes(c.kind)) ||
      this.cols.some((c) => c !== col && c.generated);
    for (const ix of this.ctx.schema.indexesOf?.(this.table) ?? []) {
      if (ix.constraint || !ix.sql) continue;
      if (ix.columns.includes(name) || indexMentions(ix.sql, name)) {
        this.droppedIndexes.add(ix.name);
        this.native.push(`DROP INDEX ${quoteIdent(ix.name)}`);
      }
    }
    this.cols.splice(this.cols.indexOf(col), 1);
    if (col.old !== undefined) this.forgetColumn(col.old);
    if (constrained || col.old === undefined) this.rebuild = true;
    else this.native.push(`ALTER TABLE ${quoteIdent(this.table)} DROP COLUMN ${quoteIdent(col.old)}`);
  }

  /** Metadata of a column that is dropped: its default, owned sequences, identity, comment. */
  private forgetColumn(name: string): void {
    const s = this.ctx.schema;
    const t = quoteString(this.table);
    const c = quoteString(name);
    if (s.hasMetadata(DEFAULTS))
      this.meta.push(`DELETE FROM ${DEFAULTS} WHERE table_name = ${t} AND column_name = ${c}`);
    if (s.hasMetadata(IDENTITY))
      this.meta.push(`DELETE FROM ${IDENTITY} WHERE table_name = ${t} AND column_name = ${c}`);
    if (s.hasMetadata(SEQUENCES))
      this.meta.push(`DELETE FROM ${SEQUENCES} WHERE owned_by = ${quoteString(`${this.table}.${name}`)}`);
    if (s.hasMetadata(COMMENTS))
      this.meta.push(`DELETE FROM ${COMMENTS} WHERE kind = 'column' AND name = ${t} AND sub = ${c}`);
  }

  private setDefault(name: string, expr: Node | undefined): void {
    const col = this.column(name);
    const info = col.info;
    if (info?.identity) {
      throw new PgError(
        "SYNTAX_ERROR",
        `column "${name}" of relation "${this.table}" is an identity column`,
        {
          hint: expr ? "Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead." : undefined,
        },
      );
    }
    if (col.generated) {
      throw new PgError(
        "SYNTAX_ERROR",
        `column "${name}" of relation "${this.table}" is a generated column`,
        {
          hint: expr ? undefined : "Use ALTER TABLE ... ALTER COLUMN ... DROP EXPRESSION instead.",
        },
      );
    }
    const hadClause = col.clauses.some((c) => c.kind === "default");
    if (hadClause) {
      col.clauses = col.clauses.filter((c) => c.kind !== "default");
      this.edit(col);
    }
    const t = quoteString(this.table);
    if (this.ctx.schema.hasMetadata(DEFAULTS) && col.old !== undefined)
      this.meta.push(
        `DELETE FROM ${DEFAULTS} WHERE table_name = ${t} AND column_name = ${quoteString(name)}`,
      );
    if (!expr) return;
    let d: { sqlite?: string; stored?: string };
    try {
      d = defaultClause(this.ctx, expr, col.type);
    } catch (e) {
      // PostgreSQL checks the default when the statement runs: no position.
      if (e instanceof PgError) e.fields.position = undefined;
      throw e;
    }
    if (d.sqlite !== undefined && hadClause) {
      col.clauses.push({ kind: "default", text: `DEFAULT ${d.sqlite}` });
      return;
    }
    // Without a rebuild, a default lives in the metadata (the translator supplies it on INSERT).
    this.meta.push(CREATE_DEFAULTS, insertDefaultSql(this.table, name, d.stored ?? deparseExpression(expr)));
  }

  private setNotNull(name: string): void {
    const col = this.column(name);
    if (col.clauses.some((c) => c.kind === "notnull")) return;
    col.clauses = [...col.clauses.filter((c) => c.kind !== "null"), { kind: "notnull", text: "NOT NULL" }];
    col.checkNotNull = true;
    this.edit(col);
  }

  private dropNotNull(name: string): void {
    const col = this.column(name);
    if (col.info?.identity)
      throw new PgError("SYNTAX_ERROR", `column "${name}" of relation "${this.table}" is an identity column`);
    const pk = this.cons.find((e) => e.type === "p");
    if (pk?.columns.includes(name) || col.clauses.some((c) => c.kind === "p"))
      throw new PgError("INVALID_TABLE_DEFINITION", `column "${name}" is in a primary key`);
    if (!col.clauses.some((c) => c.kind === "notnull")) return;
    col.clauses = col.clauses.filter((c) => c.kind !== "notnull");
    col.checkNotNull = false;
    this.edit(col);
  }

  private alterType(name: string, def: NodeOf<"ColumnDef">): void {
    const ctx = this.ctx;
    const col = this.column(name);
    const type = typeFromTypeName(ctx, def.typeName!);
    if (def.collClause) {
      const coll = stringList(def.collClause.collname).at(-1);
      if (!["C", "POSIX", "default"].includes(coll ?? "")) throw unsupported(`COLLATE "${coll}"`);
    }
    if (col.generated) throw unsupported("ALTER COLUMN TYPE of a generated column");
    const views = col.old === undefined ? [] : dependentViews(ctx, this.table, col.old);
    if (views.length > 0) {
      throw new PgError("FEATURE_NOT_SUPPORTED", "cannot alter type of a column used by a view or rule", {
        detail: `rule _RETURN on view ${views[0]} depends on column "${col.old}"`,
      });
    }
    const typeName = this.typeName(type, false);
    let value: string;
    if (def.raw_default) {
      const { value: e, volatile } = volatileIn(ctx, () =>
        keepPosition(() => translateExpr(ctx, def.raw_default!, this.oldScope())),
      );
      if (volatile) col.volatile = true;
      try {
        value = coerce(ctx, e, type, "assignment").sql;
      } catch (err) {
        if (err instanceof PgError && err.code === "42804") {
          throw new PgError(
            "DATATYPE_MISMATCH",
            `result of USING clause for column "${name}" cannot be cast automatically to type ${typeName}`,
            { hint: "You might need to add an explicit cast." },
          );
        }
        throw err;
      }
    } else {
      const from =
        col.old === undefined
          ? { sql: col.expr ?? "NULL", type: col.type }
          : { sql: col.expr ?? quoteIdent(col.old), type: col.type };
      try {
        value = coerce(ctx, from, type, "assignment").sql;
      } catch (err) {
        if (err instanceof PgError && err.code === "42804") {
          throw new PgError(
            "DATATYPE_MISMATCH",
            `column "${name}" cannot be cast automatically to type ${typeName}`,
            {
              hint: `You might need to specify "USING ${quoteIdentForHint(name)}::${this.typeName(type, true)}".`,
            },
          );
        }
        throw err;
      }
    }
    this.convertDefault(col, type);
    col.expr = value;
    col.type = type;
    col.declared = declaredType(ctx, type);
    col.clauses = col.clauses.filter((c) => c.kind !== "collate");
    if (ctx.schema.enumByOid(type.oid)) col.checkEnum = true;
    this.edit(col);
  }

  /** A column's default, converted to its new type as PostgreSQL converts it (or its error). */
  private convertDefault(col: ColState, type: SqlType): void {
    const ctx = this.ctx;
    const fail = () =>
      new PgError(
        "DATATYPE_MISMATCH",
        `default for column "${col.name}" cannot be cast automatically to type ${this.typeName(type, false)}`,
      );
    const clause = col.clauses.find((c) => c.kind === "default");
    if (clause) {
      const literal = clause.text.replace(/^DEFAULT\s+/i, "");
      if (!PLAIN_LITERAL.test(literal) || /^NULL$/i.test(literal)) return;
      try {
        coerce(ctx, { sql: literal, type: col.type }, type, "assignment");
      } catch {
        throw fail();
      }
      const stored = literalValue(literal);
      const text = codecFor(col.type.oid).toText(stored as never, col.type.typmod, ctx.format);
      clause.text = `DEFAULT ${literalOf(ctx, text, type)}`;
      return;
    }
    const stored = col.info?.defaultExpr;
    if (stored && !col.info?.identity) {
      try {
        const e = translateExpr(ctx, ctx.parseExpression(stored), new Scope());
        coerce(ctx, e, type, "assignment");
      } catch {
        throw fail();
      }
    }
  }

  /** A type's name as PostgreSQL's messages print it. */
  private typeName(type: SqlType, withTypmod: boolean): string {
    const e = this.ctx.schema.enumByOid(type.oid);
    if (e) return e.name;
    return formatType(type.oid, withTypmod ? type.typmod : -1);
  }

  // ---------------------------------------------------------------------------------------------
  // constraints

  /** A new table constraint, from its SQLite text; validation of the current rows is planned. */
  private addConstraintText(sql: string, usedBefore: Set<string>, validate = true): void {
    const e = constraintElement(sql);
    if (e.name && usedBefore.has(e.name))
      throw new PgError(
        "DUPLICATE_OBJECT",
        `constraint "${e.name}" for relation "${this.table}" already exists`,
      );
    if (
      e.type === "p" &&
      (this.cons.some((c) => c.type === "p") || this.cols.some((c) => c.clauses.some((x) => x.kind === "p")))
    )
      throw new PgError(
        "INVALID_TABLE_DEFINITION",
        `multiple primary keys for table "${this.table}" are not allowed`,
      );
    if ((e.type === "p" || e.type === "u") && e.name) {
      if (
        this.ctx.schema.relation(e.name) ||
        this.ctx.schema.index(e.name) ||
        this.ctx.schema.sequence(e.name)
      )
        throw new PgError("DUPLICATE_TABLE", `relation "${e.name}" already exists`);
      for (const k of e.columns) this.column(k);
      this.uniqueKeys.push({ name: e.name, columns: e.columns });
    }
    if (e.type === "p") {
      for (const k of e.columns) {
        const col = this.column(k);
        if (!col.clauses.some((c) => c.kind === "notnull")) {
          col.clauses = [
            ...col.clauses.filter((c) => c.kind !== "null"),
            { kind: "notnull", text: "NOT NULL" },
          ];
          col.checkNotNull = true;
          this.edit(col);
        }
      }
    }
    if (validate && e.type === "c" && e.name)
      this.checks.push({ name: e.name, sql: checkExpression(e.text) });
    if (validate && e.type === "f" && e.name) {
      const ref = e.refTable ?? this.table;
      const refColumns = e.refColumns?.length
        ? e.refColumns
        : ref === this.table
          ? (this.cons.find((c) => c.type === "p")?.columns ?? [])
          : (this.ctx.schema.relation(ref)?.primaryKey ?? []);
      this.foreignKeys.push({ name: e.name, columns: e.columns, refTable: ref, refColumns });
    }
    this.cons.push(e);
    this.rebuild = true;
  }

  private addConstraint(c: NodeOf<"Constraint">): void {
    const ctx = this.ctx;
    if (c.indexname) throw unsupported("ADD CONSTRAINT ... USING INDEX", ctx.pos(c.location));
    if (c.contype === "CONSTR_NOTNULL" || c.contype === "CONSTR_DEFAULT")
      throw unsupported(`ADD CONSTRAINT ${c.contype}`, ctx.pos(c.location));
    const usedBefore = new Set(this.used);
    if (c.conname && usedBefore.has(c.conname))
      throw new PgError(
        "DUPLICATE_OBJECT",
        `constraint "${c.conname}" for relation "${this.table}" already exists`,
      );
    const columns = this.cols.map((col) => ({ name: col.name, type: col.type }));
    const out = tableConstraint(ctx, this.table, c, this.scope(), columns, this.used);
    this.addConstraintText(out.sql, new Set(), c.initially_valid !== false && !c.skip_validation);
  }

  /** Foreign keys (of any table, this one included) that refer to the given key constraints of this table. */
  private referencingForeignKeys(keys: DdlElement[]): { table: string; name: string }[] {
    const out: { table: string; name: string }[] = [];
    if (keys.length === 0) return out;
    const pk = this.cons.find((e) => e.type === "p")?.columns;
    for (const r of this.ctx.schema.relations()) {
      for (const fk of r.foreignKeys ?? []) {
        if (fk.table !== this.table) continue;
        const refCols = fk.refColumns.every((c) => c === "") ? (pk ?? []) : fk.refColumns;
        if (
          keys.some((k) => k.columns.length === refCols.length && k.columns.every((c) => refCols.includes(c)))
        )
          out.push({ table: r.name, name: fk.name });
      }
    }
    return out;
  }

  private cascadeFk(table: string, name: string): void {
    if (table === this.table) {
      this.cons = this.cons.filter((e) => !(e.type === "f" && e.name === name));
      this.rebuild = true;
      return;
    }
    const set = this.cascadeFks.get(table) ?? new Set<string>();
    set.add(name);
    this.cascadeFks.set(table, set);
  }

  private requireCascade(cascade: boolean, what: string, dependents: string[], on: string): void {
    if (!cascade) {
      throw new PgError(
        "DEPENDENT_OBJECTS_STILL_EXIST",
        `cannot drop ${what} because other objects depend on it`,
        {
          detail: dependents.map((d) => `${d} depends on ${on}`).join("\n"),
          hint: "Use DROP ... CASCADE to drop the dependent objects too.",
        },
      );
    }
    this.notices.push(cascadeNotice(dependents));
  }

  private dropConstraint(name: string, ifExists: boolean, cascade: boolean): void {
    const e = this.cons.find((c) => c.name === name);
    if (!e) {
      if (this.cols.some((c) => c.clauses.some((cl) => cl.name === name)))
        throw unsupported("DROP CONSTRAINT of a column constraint made by other SQLite tools");
      if (ifExists) {
        this.notices.push(`constraint "${name}" of relation "${this.table}" does not exist, skipping`);
        return;
      }
      throw new PgError(
        "UNDEFINED_OBJECT",
        `constraint "${name}" of relation "${this.table}" does not exist`,
      );
    }
    if (e.type === "p" || e.type === "u") {
      const fks = this.referencingForeignKeys([e]).filter(
        (fk) => !(fk.table === this.table && fk.name === name),
      );
      if (fks.length > 0) {
        const deps = fks.map((fk) => `constraint ${fk.name} on table ${fk.table}`);
        this.requireCascade(cascade, `constraint ${name} on table ${this.table}`, deps, `index ${name}`);
        for (const fk of fks) this.cascadeFk(fk.table, fk.name);
      }
    }
    this.cons = this.cons.filter((c) => c !== e);
    this.used.delete(name);
    this.rebuild = true;
    if (this.ctx.schema.hasMetadata(COMMENTS))
      this.meta.push(
        `DELETE FROM ${COMMENTS} WHERE kind = 'constraint' AND name = ${quoteString(this.table)} AND sub = ${quoteString(name)}`,
      );
  }

  private validateConstraint(name: string): void {
    const e = this.cons.find((c) => c.name === name);
    if (!e)
      throw new PgError(
        "UNDEFINED_OBJECT",
        `constraint "${name}" of relation "${this.table}" does not exist`,
      );
    if (e.type === "c") {
      const message = quoteString(
        `check constraint "${name}" of relation "${this.table}" is violated by some row`,
      );
      this.post.push(
        `SELECT ${RAISE_ERROR}('23514', ${message}, NULL, ${quoteString(this.table)}, NULL, ${quoteString(name)}) FROM ${quoteIdent(this.table)} WHERE (${checkExpression(e.text)}) = 0 LIMIT 1`,
      );
    } else if (e.type === "f") {
      const ref = e.refTable ?? this.table;
      const refColumns = e.refColumns?.length
        ? e.refColumns
        : (this.ctx.schema.relation(ref)?.primaryKey ?? []);
      this.post.push(
        foreignKeyCheckSql(this.table, quoteIdent(this.table), name, e.columns, ref, refColumns),
      );
    } else {
      throw new PgError(
        "WRONG_OBJECT_TYPE",
        `constraint "${name}" of relation "${this.table}" is not a foreign key or check constraint`,
      );
    }
  }

  // ---------------------------------------------------------------------------------------------
  // identity

  private addIdentity(name: string, c: NodeOf<"Constraint">): void {
    const col = this.column(name);
    const info = col.info;
    const what = `column "${name}" of relation "${this.table}"`;
    if (![INT2, INT4, INT8].includes(col.type.oid))
      throw new PgError(
        "INVALID_PARAMETER_VALUE",
        "identity column type must be smallint, integer, or bigint",
      );
    if (!col.clauses.some((x) => x.kind === "notnull"))
      throw new PgError(
        "OBJECT_NOT_IN_PREREQUISITE_STATE",
        `${what} must be declared NOT NULL before identity can be added`,
      );
    if (info?.identity)
      throw new PgError("OBJECT_NOT_IN_PREREQUISITE_STATE", `${what} is already an identity column`);
    if (col.clauses.some((x) => x.kind === "default") || info?.defaultExpr)
      throw new PgError("OBJECT_NOT_IN_PREREQUISITE_STATE", `${what} already has a default value`);
    const setup: string[] = [];
    identityColumn(this.ctx, this.table, { name, type: col.type }, c, setup, this.used);
    this.meta.push(...setup);
  }

  private setIdentity(name: string, items: Node[]): void {
    const col = this.column(name);
    const info = col.info;
    if (!info?.identity || !info.identitySequence)
      throw new PgError(
        "OBJECT_NOT_IN_PREREQUISITE_STATE",
        `column "${name}" of relation "${this.table}" is not an identity column`,
      );
    const options: Node[] = [];
    for (const item of items) {
      const d = asKind(item, "DefElem")!;
      if (d.defname === "generated") {
        const kind = Number(asKind(d.arg, "Integer")?.ival) === 97 ? "a" : "d";
        this.meta.push(
          `UPDATE ${IDENTITY} SET kind = '${kind}' WHERE table_name = ${quoteString(this.table)} AND column_name = ${quoteString(name)}`,
        );
      } else options.push(item);
    }
    if (options.length === 0) return;
    const seq = this.ctx.schema.sequence(info.identitySequence);
    if (!seq) return;
    const parsed = parseSequenceOptions(this.ctx, options, storedOptions(seq), { forIdentity: true });
    this.meta.push(...alterSequenceSql(seq.name, parsed));
  }

  private dropIdentity(name: string, ifExists: boolean): void {
    const col = this.column(name);
    const info = col.info;
    if (!info?.identity) {
      const message = `column "${name}" of relation "${this.table}" is not an identity column`;
      if (ifExists) {
        this.notices.push(`${message}, skipping`);
        return;
      }
      throw new PgError("OBJECT_NOT_IN_PREREQUISITE_STATE", message);
    }
    this.meta.push(
      `DELETE FROM ${IDENTITY} WHERE table_name = ${quoteString(this.table)} AND column_name = ${quoteString(name)}`,
      `DELETE FROM ${SEQUENCES} WHERE name = ${quoteString(info.identitySequence ?? "")}`,
    );
  }

  /** RENAME CONSTRAINT: the constraint's text with its new name. */
  renameConstraint(name: string, newName: string): void {
    const e = this.cons.find((c) => c.name === name);
    if (!e) {
      throw new PgError("UNDEFINED_OBJECT", `constraint "${name}" for table "${this.table}" does not exist`);
    }
    if (this.used.has(newName))
      throw new PgError(
        "DUPLICATE_OBJECT",
        `constraint "${newName}" for relation "${this.table}" already exists`,
      );
    if (
      (e.type === "p" || e.type === "u") &&
      (this.ctx.schema.relation(newName) ||
        this.ctx.schema.index(newName) ||
        this.ctx.schema.sequence(newName))
    )
      throw new PgError("DUPLICATE_TABLE", `relation "${newName}" already exists`);
    const m = /^CONSTRAINT\s+("(?:[^"]|"")*"|\S+)/i.exec(e.text)!;
    const renamed = {
      ...e,
      name: newName,
      text: `CONSTRAINT ${quoteIdent(newName)}${e.text.slice(m[0].length)}`,
    };
    this.cons = this.cons.map((c) => (c === e ? renamed : c));
    this.used.delete(name);
    this.used.add(newName);
    this.rebuild = true;
    if (this.ctx.schema.hasMetadata(COMMENTS))
      this.meta.push(
        `UPDATE ${COMMENTS} SET sub = ${quoteString(newName)} WHERE kind = 'constraint' AND name = ${quoteString(this.table)} AND sub = ${quoteString(name)}`,
      );
  }

  /** A column of a renamed enum type: its declared type names the type. */
  renameColumnType(name: string, typeName: string): void {
    const col = this.column(name);
    col.declared = `${quoteIdentIfNeeded(typeName)} text`;
    this.edit(col);
  }

  /** Drops a foreign key of this table (for CASCADE from another table's change). */
  dropForeignKey(name: string): void {
    this.cons = this.cons.filter((e) => !(e.type === "f" && e.name === name));
    this.rebuild = true;
  }

  // ---------------------------------------------------------------------------------------------
  // output

  private columnText(col: ColState): string {
    if (!col.edited) return col.text;
    return [quoteIdent(col.name), col.declared, ...col.clauses.map((c) => c.text)]
      .filter((p) => p !== "")
      .join(" ");
  }

  /** The rebuild of this table from the model. */
  spec(): RebuildSpec {
    const elements: DdlElement[] = [
      ...this.cols.map((c) => ({ ...constraintElementOfColumn(c), text: this.columnText(c) })),
      ...this.cons,
    ];
    return {
      table: this.table,
      createSql: `${this.ddl.head}${elements.map((e) => e.text).join(", ")}${this.ddl.tail}`,
      columns: this.cols
        .filter((c) => !c.generated)
        .map((c) => ({ name: c.name, expr: c.expr ?? quoteIdent(c.old!) })),
      notNull: this.cols.filter((c) => c.checkNotNull).map((c) => c.name),
      enumChecks: this.cols
        .filter((c) => c.checkEnum)
        .map((c) => {
          const e = this.ctx.schema.enumByOid(c.type.oid)!;
          return { column: c.name, type: e.name, labels: e.labels.map((l) => l.label) };
        }),
      checks: this.checks,
      uniqueKeys: this.uniqueKeys,
      foreignKeys: this.foreignKeys,
      volatile: this.cols.some((c) => c.volatile),
      indexes: (this.ctx.schema.indexesOf?.(this.table) ?? [])
        .filter((i) => i.sql && !i.constraint && !this.droppedIndexes.has(i.name))
        .map((i) => i.sql!),
      keepRowid: keepsRowid(this.ddl),
    };
  }

  output(): DdlOutput {
    const setup: string[] = [...this.meta];
    for (const v of this.dropViews) setup.push(`DROP VIEW ${quoteIdent(v)}`);
    if (this.rebuild || this.cascadeFks.size > 0) {
      const specs = new Map<string, RebuildSpec>();
      if (this.rebuild) specs.set(this.table, this.spec());
      for (const [table, names] of this.cascadeFks)
        specs.set(table, withoutForeignKeys(this.ctx, table, names));
      setup.push(...rebuildSql(this.ctx, specs));
    } else {
      setup.push(...this.native);
    }
    setup.push(...this.post);
    return { setup, sql: "", notice: this.notices.join("\n") || undefined };
  }
}

function constraintElementOfColumn(c: ColState): DdlElement {
  return {
    text: "",
    kind: "column",
    name: c.name,
    columns: [],
    mentions: [],
    declaredType: c.declared,
    clauses: c.clauses,
  };
}

/** A table's rebuild without some of its foreign keys (dropped by CASCADE elsewhere). */
export function withoutForeignKeys(ctx: Ctx, table: string, names: Set<string>): RebuildSpec {
  const rel = ctx.schema.relation(table)!;
  const alter = new TableAlteration(ctx, rel);
  for (const name of names) alter.dropForeignKey(name);
  return alter.spec();
}

/** PostgreSQL's NOTICE for objects a DROP ... CASCADE drops too. */
export function cascadeNotice(dependents: string[]): string {
  return dependents.length === 1
    ? `drop cascades to ${dependents[0]}`
    : `drop cascades to ${dependents.length} other objects`;
}

/** Whether an index's text names a column (in an expression or WHERE clause). */
function indexMentions(sql: string, column: string): boolean {
  // CREATE [UNIQUE] INDEX name ON table (...) [WHERE ...]: the names after the opening parenthesis.
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.kind === "punct" && t.text === "(");
  return tokens.slice(open + 1).some((t) => (t.kind === "ident" || t.kind === "word") && t.value === column);
}

/** The stored value a SQLite literal of a DEFAULT clause stands for. */
function literalValue(literal: string): string | number | bigint | Buffer | null {
  if (/^NULL$/i.test(literal)) return null;
  if (literal.startsWith("'")) return literal.slice(1, -1).replaceAll("''", "'");
  if (/^X'/i.test(literal)) return Buffer.from(literal.slice(2, -1), "hex");
  if (/^-?\d+$/.test(literal)) {
    const b = BigInt(literal);
    return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  return Number(literal);
}

/** An identifier as PostgreSQL's quote_identifier writes it in hints. */
function quoteIdentForHint(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : quoteIdent(name);
}
