// The model ALTER TABLE edits: a table's columns and constraints as its CREATE TABLE text has them,
// where each new value comes from, and what the statement will run (metadata changes, in-place
// changes, checks, a rebuild). The subcommands are added in layers on top of it:
// alter-table-constraints.ts, alter-table-columns.ts, alter-table-column-type.ts, alter-table.ts.
import { quoteIdentIfNeeded } from "../../catalog/sqlite-schema.js";
import { type ColumnClause, type DdlElement, parseTableDdl, type TableDdl } from "../../catalog/table-ddl.js";
import { PgError, unsupported } from "../../errors/pg-error.js";
import { formatType } from "../../types/registry.js";
import type { SqlType } from "../plan.js";
import type { ColumnInfo, RelationInfo } from "../schema.js";
import { quoteIdent } from "../sqlite-text.js";
import { keepsRowid, type RebuildSpec } from "./alter-table-rebuild.js";
import type { Ctx } from "./context.js";
import { Scope } from "./scope.js";

export interface ColState {
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

/** Errors whose position PostgreSQL reports in ALTER TABLE. */
export const positioned = new WeakSet<PgError>();

export function keepPosition<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof PgError) positioned.add(e);
    throw e;
  }
}

/** A table being altered: the model, lookups and scopes over it, dependencies, and its rebuild. */
export class AlterTableModel {
  readonly table: string;
  protected readonly ddl: TableDdl;
  protected readonly cols: ColState[];
  /** Table constraints and anything else that is not a column, in order. */
  protected cons: DdlElement[];
  /** Constraint names in use on the table. */
  protected readonly used = new Set<string>();
  protected rebuild = false;
  /** What SQLite can do in place, if nothing needs a rebuild. */
  protected readonly native: string[] = [];
  /** Metadata changes, run first. */
  protected readonly meta: string[] = [];
  /** Run after the table is in its new form. */
  protected readonly post: string[] = [];
  /** New unique keys, checked for duplicates. */
  protected readonly uniqueKeys: { name: string; columns: string[] }[] = [];
  /** New foreign keys, checked against the referenced rows. */
  protected readonly foreignKeys: {
    name: string;
    columns: string[];
    refTable: string;
    refColumns: string[];
  }[] = [];
  /** New CHECK constraints to check on the rows. */
  protected readonly checks: { name: string; sql: string }[] = [];
  protected readonly notices: string[] = [];
  protected readonly droppedIndexes = new Set<string>();
  protected readonly dropViews: string[] = [];
  /** Foreign keys of other tables dropped by CASCADE. */
  protected readonly cascadeFks = new Map<string, Set<string>>();

  constructor(
    protected readonly ctx: Ctx,
    protected readonly rel: RelationInfo,
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

  protected column(name: string): ColState {
    const col = this.cols.find((c) => c.name === name);
    if (!col)
      throw new PgError("UNDEFINED_COLUMN", `column "${name}" of relation "${this.table}" does not exist`);
    return col;
  }

  /** The table's columns as they are now, referred to by name (for CHECK and defaults). */
  protected scope(): Scope {
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
  protected oldScope(): Scope {
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

  protected edit(col: ColState): void {
    col.edited = true;
    this.rebuild = true;
  }

  /** A type's name as PostgreSQL's messages print it. */
  protected typeName(type: SqlType, withTypmod: boolean): string {
    const e = this.ctx.schema.enumByOid(type.oid);
    if (e) return e.name;
    return formatType(type.oid, withTypmod ? type.typmod : -1);
  }

  /** Foreign keys (of any table, this one included) that refer to the given key constraints of this table. */
  protected referencingForeignKeys(keys: DdlElement[]): { table: string; name: string }[] {
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

  protected cascadeFk(table: string, name: string): void {
    if (table === this.table) {
      this.cons = this.cons.filter((e) => !(e.type === "f" && e.name === name));
      this.rebuild = true;
      return;
    }
    const set = this.cascadeFks.get(table) ?? new Set<string>();
    set.add(name);
    this.cascadeFks.set(table, set);
  }

  protected requireCascade(cascade: boolean, what: string, dependents: string[], on: string): void {
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

/** PostgreSQL's NOTICE for objects a DROP ... CASCADE drops too. */
export function cascadeNotice(dependents: string[]): string {
  return dependents.length === 1
    ? `drop cascades to ${dependents[0]}`
    : `drop cascades to ${dependents.length} other objects`;
}
