// ALTER TABLE's constraint subcommands on the table model: ADD CONSTRAINT (with the validation of
// existing rows it plans), DROP CONSTRAINT, VALIDATE CONSTRAINT and RENAME CONSTRAINT.
import { type DdlElement, parseTableDdl } from "../../catalog/table-ddl.js";
import { PgError, unsupported } from "../../errors/pg-error.js";
import { RAISE_ERROR } from "../../functions/lib/sequences.js";
import type { NodeOf } from "../ast.js";
import { COMMENTS } from "../metadata.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import { AlterTableModel } from "./alter-table-model.js";
import { foreignKeyCheckSql } from "./alter-table-rebuild.js";
import { tableConstraint } from "./create-table.js";

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

/** The table model with its constraint subcommands. */
export class AlterTableConstraints extends AlterTableModel {
  /** A new table constraint, from its SQLite text; validation of the current rows is planned. */
  protected addConstraintText(sql: string, usedBefore: Set<string>, validate = true): void {
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

  protected addConstraint(c: NodeOf<"Constraint">): void {
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

  protected dropConstraint(name: string, ifExists: boolean, cascade: boolean): void {
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

  protected validateConstraint(name: string): void {
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
}
