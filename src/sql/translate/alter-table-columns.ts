// ALTER TABLE's column subcommands on the table model: ADD COLUMN (in place when SQLite can, with
// the value of each existing row), DROP COLUMN with what depends on it, SET/DROP DEFAULT and
// SET/DROP NOT NULL.
import { parseTableDdl, tokenize } from "../../catalog/table-ddl.js";
import { PgError, unsupported } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import { COMMENTS, CREATE_DEFAULTS, DEFAULTS, IDENTITY, insertDefaultSql, SEQUENCES } from "../metadata.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import { AlterTableConstraints } from "./alter-table-constraints.js";
import { type ColState, keepPosition } from "./alter-table-model.js";
import { dependentViews, keepsRowid } from "./alter-table-rebuild.js";
import { coerce } from "./coerce.js";
import type { Ctx } from "./context.js";
import { type ColumnPlan, columnType, defaultClause, translateColumnDef } from "./create-table.js";
import { deparseExpression } from "./deparse.js";
import { translateExpr } from "./expr.js";
import { Scope } from "./scope.js";

export const PLAIN_LITERAL = /^(NULL|-?\d+(\.\d+)?(e[+-]?\d+)?|'([^']|'')*'|X'[0-9a-f]*')$/i;

/** Runs a translation and tells whether what it translated calls a volatile function. */
export function volatileIn<T>(ctx: Ctx, f: () => T): { value: T; volatile: boolean } {
  const before = ctx.notConstant;
  ctx.notConstant = false;
  try {
    const value = f();
    return { value, volatile: ctx.notConstant };
  } finally {
    ctx.notConstant ||= before;
  }
}

/** The table model with its column subcommands. */
export class AlterTableColumns extends AlterTableConstraints {
  protected addColumn(def: NodeOf<"ColumnDef">, ifNotExists: boolean): void {
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

  protected dropColumn(name: string, ifExists: boolean, cascade: boolean): void {
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

  protected setDefault(name: string, expr: Node | undefined): void {
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

  protected setNotNull(name: string): void {
    const col = this.column(name);
    if (col.clauses.some((c) => c.kind === "notnull")) return;
    col.clauses = [...col.clauses.filter((c) => c.kind !== "null"), { kind: "notnull", text: "NOT NULL" }];
    col.checkNotNull = true;
    this.edit(col);
  }

  protected dropNotNull(name: string): void {
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
}

/** Whether an index's text names a column (in an expression or WHERE clause). */
function indexMentions(sql: string, column: string): boolean {
  // CREATE [UNIQUE] INDEX name ON table (...) [WHERE ...]: the names after the opening parenthesis.
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.kind === "punct" && t.text === "(");
  return tokens.slice(open + 1).some((t) => (t.kind === "ident" || t.kind === "word") && t.value === column);
}
