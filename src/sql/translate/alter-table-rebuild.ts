import { parseTableDdl, type TableDdl, tableDdlText, tokenize } from "../../catalog/table-ddl.js";
import { unsupported } from "../../errors/pg-error.js";
import { RAISE_ERROR } from "../../functions/lib/sequences.js";
import { METADATA_PREFIX } from "../metadata.js";
import type { RelationInfo } from "../schema.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import type { Ctx } from "./context.js";

/**
 * Rebuilding tables: SQLite changes little of a table in place, so ALTER TABLE makes the table
 * again with its new definition and copies the rows, inside the statement's transaction.
 *
 * Foreign keys are enforced (PRAGMA foreign_keys=ON, which cannot change inside a transaction),
 * and with them SQLite makes every REFERENCES clause follow a renamed table, and dropping a table
 * deletes its rows first, firing ON DELETE actions in the tables that refer to it. So a table is
 * never rebuilt alone: the tables that refer to it (transitively) are rebuilt with it, unchanged.
 * All of them are renamed away (their references now name the old tables), made again under their
 * own names from their saved CREATE TABLE text (whose references name the new ones), filled from
 * the old ones (parents first, foreign key checks deferred to the end of the transaction), and the
 * old ones are dropped, referring tables first, so that nothing refers to a table being dropped
 * and no action fires. Indexes are made again from their saved text. Views refer to tables by
 * name and are left alone (PRAGMA legacy_alter_table keeps the renames out of them).
 */

export interface RebuildSpec {
  table: string;
  /** The new CREATE TABLE text. */
  createSql: string;
  /** The columns to fill, each from SQL over the old table's columns (unqualified). */
  columns: { name: string; expr: string }[];
  /** Columns whose values must not be NULL: PostgreSQL's "contains null values" error. */
  notNull: string[];
  /** Enum columns: the labels their values must be one of. */
  enumChecks: { column: string; type: string; labels: string[] }[];
  /** CHECK constraints to validate on the new rows: name and SQL over the new column names. */
  checks: { name: string; sql: string }[];
  /** New unique keys (primary key or unique constraints) to check for duplicates. */
  uniqueKeys: { name: string; columns: string[] }[];
  /** New foreign keys to check against the referenced rows. */
  foreignKeys: { name: string; columns: string[]; refTable: string; refColumns: string[] }[];
  /**
   * Whether a value comes from a volatile expression (nextval, random, now): the new rows are then
   * computed once, while they are copied, and checked there.
   */
  volatile: boolean;
  /** CREATE INDEX statements to run once the table is back. */
  indexes: string[];
  /** Whether rows keep their rowids (not for WITHOUT ROWID tables or INTEGER PRIMARY KEY ones). */
  keepRowid: boolean;
}

/** A table rebuilt as it is (it refers to a table that is rebuilt). */
export function unchangedSpec(ctx: Ctx, rel: RelationInfo): RebuildSpec {
  const ddl = rel.sql ? parseTableDdl(rel.sql) : undefined;
  if (!rel.sql || !ddl) throw unsupported(`ALTER TABLE of a table that "${rel.name}" refers to`);
  return {
    table: rel.name,
    createSql: rel.sql,
    columns: rel.columns.filter((c) => !c.generated).map((c) => ({ name: c.name, expr: quoteIdent(c.name) })),
    notNull: [],
    enumChecks: [],
    checks: [],
    uniqueKeys: [],
    foreignKeys: [],
    volatile: false,
    indexes: indexSqlOf(ctx, rel.name),
    keepRowid: keepsRowid(ddl),
  };
}

/** The CREATE INDEX texts of a table's own indexes (not those of its constraints). */
export function indexSqlOf(ctx: Ctx, table: string): string[] {
  return (ctx.schema.indexesOf?.(table) ?? []).filter((i) => i.sql && !i.constraint).map((i) => i.sql!);
}

/** Whether copying a table's rows should carry their rowids. */
export function keepsRowid(ddl: TableDdl): boolean {
  if (/\bWITHOUT\s+ROWID\b/i.test(ddl.tail)) return false;
  const integer = new Set(
    ddl.elements
      .filter((e) => e.kind === "column" && e.declaredType?.toUpperCase() === "INTEGER")
      .map((e) => e.name),
  );
  for (const e of ddl.elements) {
    if (e.kind === "column" && integer.has(e.name) && e.clauses?.some((c) => c.kind === "p")) return false;
    if (e.kind === "constraint" && e.type === "p" && e.columns.length === 1 && integer.has(e.columns[0]))
      return false;
  }
  return true;
}

/** The tables that refer to any of tables through foreign keys, transitively, tables included. */
export function referenceClosure(ctx: Ctx, tables: Iterable<string>): Set<string> {
  const out = new Set(tables);
  const all = [...ctx.schema.relations()].filter((r) => r.kind === "table");
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of all) {
      if (out.has(r.name)) continue;
      if (r.foreignKeys?.some((fk) => out.has(fk.table))) {
        out.add(r.name);
        grew = true;
      }
    }
  }
  return out;
}

function oldName(table: string): string {
  return `${METADATA_PREFIX}rebuild_${table}`;
}

/** Orders tables so that the ones referred to come before the ones referring to them. */
function parentsFirst(ctx: Ctx, tables: string[]): string[] {
  const out: string[] = [];
  const state = new Map<string, number>();
  const visit = (t: string) => {
    if (state.has(t)) return;
    state.set(t, 1);
    for (const fk of ctx.schema.relation(t)?.foreignKeys ?? [])
      if (tables.includes(fk.table)) visit(fk.table);
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

/** Whether the foreign keys among tables form a cycle (other than a table referring to itself). */
function hasCycle(ctx: Ctx, tables: string[]): boolean {
  const state = new Map<string, number>();
  const visit = (t: string): boolean => {
    const st = state.get(t);
    if (st === 1) return true;
    if (st === 2) return false;
    state.set(t, 1);
    for (const fk of ctx.schema.relation(t)?.foreignKeys ?? [])
      if (fk.table !== t && tables.includes(fk.table) && visit(fk.table)) return true;
    state.set(t, 2);
    return false;
  };
  return tables.some((t) => visit(t));
}

/**
 * The statements that rebuild the tables of specs, plus, unchanged, every table that refers to
 * one of them. New rows are checked first, on the rows as they are, in PostgreSQL's order
 * (unique keys, then each row's NOT NULL and CHECK constraints, then foreign keys), so that the
 * copy itself cannot fail; foreign key checks are deferred only where tables refer to each other
 * in a cycle, or values are volatile and are checked while they are copied.
 */
export function rebuildSql(ctx: Ctx, specs: Map<string, RebuildSpec>): string[] {
  for (const t of referenceClosure(ctx, specs.keys())) {
    if (!specs.has(t)) specs.set(t, unchangedSpec(ctx, ctx.schema.relation(t)!));
  }
  const order = parentsFirst(ctx, [...specs.keys()]);
  const all = order.map((t) => specs.get(t)!);
  const out: string[] = [];
  for (const spec of all) if (!spec.volatile) out.push(...preChecks(spec));
  const defer = hasCycle(ctx, order) || all.some((s) => s.volatile);
  if (defer) out.push("PRAGMA defer_foreign_keys = ON");
  out.push("PRAGMA legacy_alter_table = ON");
  for (const t of order) out.push(`ALTER TABLE ${quoteIdent(t)} RENAME TO ${quoteIdent(oldName(t))}`);
  out.push("PRAGMA legacy_alter_table = OFF");
  for (const spec of all) out.push(spec.createSql);
  for (const spec of all) out.push(copySql(spec));
  for (const spec of all) {
    if (!spec.volatile) continue;
    for (const fk of spec.foreignKeys)
      out.push(
        foreignKeyCheckSql(
          spec.table,
          quoteIdent(spec.table),
          fk.name,
          fk.columns,
          fk.refTable,
          fk.refColumns,
        ),
      );
  }
  for (const t of [...order].reverse()) out.push(`DROP TABLE ${quoteIdent(oldName(t))}`);
  for (const spec of all) out.push(...spec.indexes);
  if (defer) out.push("PRAGMA defer_foreign_keys = OFF");
  return out;
}

/** The new rows of a table as a subquery over the table as it is (before it is renamed). */
function newRows(spec: RebuildSpec): string {
  const cols = spec.columns.map((c) => `${c.expr} AS ${quoteIdent(c.name)}`).join(", ");
  return `(SELECT ${cols} FROM ${quoteIdent(spec.table)})`;
}

/** The checks of a rebuild's new rows, on the rows as they are, each raising PostgreSQL's error. */
function preChecks(spec: RebuildSpec): string[] {
  const out: string[] = [];
  const exprs = new Map(spec.columns.map((c) => [c.name, c.expr]));
  for (const k of spec.uniqueKeys) {
    out.push(
      duplicateKeyCheckSql(
        spec.table,
        k.name,
        k.columns.map((c) => ({ name: c, expr: exprs.get(c) ?? "NULL" })),
      ),
    );
  }
  const cases = rowChecks(spec, (c) => `s.${quoteIdent(c)}`);
  if (cases.length > 0) {
    out.push(
      `SELECT CASE ${cases.map((c) => `WHEN ${c.when} THEN ${c.raise}`).join(" ")} END FROM ${newRows(spec)} AS s WHERE ${cases.map((c) => `(${c.when})`).join(" OR ")} LIMIT 1`,
    );
  }
  for (const fk of spec.foreignKeys)
    out.push(foreignKeyCheckSql(spec.table, newRows(spec), fk.name, fk.columns, fk.refTable, fk.refColumns));
  return out;
}

/** Each row condition that is an error, and the call raising it: enum labels, NOT NULL, CHECK. */
function rowChecks(spec: RebuildSpec, ref: (column: string) => string): { when: string; raise: string }[] {
  const table = quoteString(spec.table);
  const out: { when: string; raise: string }[] = [];
  for (const e of spec.enumChecks) {
    const v = ref(e.column);
    const labels = e.labels.map(quoteString).join(", ");
    const message = `'invalid input value for enum ${e.type.replaceAll("'", "''")}: "' || ${v} || '"'`;
    out.push({
      when: `${v} IS NOT NULL${labels ? ` AND ${v} NOT IN (${labels})` : ""}`,
      raise: `${RAISE_ERROR}('22P02', ${message})`,
    });
  }
  for (const c of spec.notNull) {
    const message = quoteString(`column "${c}" of relation "${spec.table}" contains null values`);
    out.push({
      when: `${ref(c)} IS NULL`,
      raise: `${RAISE_ERROR}('23502', ${message}, NULL, ${table}, ${quoteString(c)})`,
    });
  }
  for (const chk of spec.checks) {
    const message = quoteString(
      `check constraint "${chk.name}" of relation "${spec.table}" is violated by some row`,
    );
    out.push({
      when: `(${chk.sql}) = 0`,
      raise: `${RAISE_ERROR}('23514', ${message}, NULL, ${table}, NULL, ${quoteString(chk.name)})`,
    });
  }
  return out;
}

function copySql(spec: RebuildSpec): string {
  const target = quoteIdent(spec.table);
  const from = quoteIdent(oldName(spec.table));
  const names = spec.columns.map((c) => quoteIdent(c.name));
  const rowid = spec.keepRowid ? ["rowid"] : [];
  const cases = spec.volatile ? rowChecks(spec, (c) => quoteIdent(c)) : [];
  if (cases.length === 0) {
    const exprs = [...rowid, ...spec.columns.map((c) => c.expr)];
    return `INSERT INTO ${target} (${[...rowid, ...names].join(", ")}) SELECT ${exprs.join(", ")} FROM ${from}`;
  }
  // Volatile values are computed once, then checked before each row goes in.
  const inner = [
    ...(spec.keepRowid ? [`rowid AS "_tg_rowid"`] : []),
    ...spec.columns.map((c) => `${c.expr} AS ${quoteIdent(c.name)}`),
  ];
  const check = `CASE ${cases.map((c) => `WHEN ${c.when} THEN ${c.raise}`).join(" ")} ELSE 1 END`;
  return (
    `WITH s AS MATERIALIZED (SELECT ${inner.join(", ")} FROM ${from}) ` +
    `INSERT INTO ${target} (${[...rowid, ...names].join(", ")}) ` +
    `SELECT ${[...(spec.keepRowid ? [`"_tg_rowid"`] : []), ...names].join(", ")} FROM s WHERE ${check}`
  );
}

/** A statement raising PostgreSQL's foreign key error if a row of table has no match in refTable. */
export function foreignKeyCheckSql(
  table: string,
  source: string,
  name: string,
  columns: string[],
  refTable: string,
  refColumns: string[],
): string {
  const c = (col: string) => `c.${quoteIdent(col)}`;
  const match = columns.map((col, i) => `p.${quoteIdent(refColumns[i]!)} = ${c(col)}`).join(" AND ");
  const notNull = columns.map((col) => `${c(col)} IS NOT NULL`).join(" AND ");
  const key = columns.map((col) => `coalesce(CAST(${c(col)} AS TEXT), 'null')`).join(" || ', ' || ");
  const message = quoteString(
    `insert or update on table "${table}" violates foreign key constraint "${name}"`,
  );
  const detail = `'Key (${columns.join(", ").replaceAll("'", "''")})=(' || ${key} || ') is not present in table "${refTable.replaceAll("'", "''")}".'`;
  return (
    `SELECT ${RAISE_ERROR}('23503', ${message}, ${detail}, ${quoteString(table)}, NULL, ${quoteString(name)}) ` +
    `FROM ${source} AS c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(refTable)} AS p WHERE ${match}) LIMIT 1`
  );
}

/**
 * A statement raising PostgreSQL's error for duplicate keys, where a unique index (a primary key
 * or unique constraint) is to be made over values computed by exprs from table's rows.
 */
export function duplicateKeyCheckSql(
  table: string,
  index: string,
  keys: { name: string; expr: string }[],
): string {
  const cols = keys.map((k, i) => `${k.expr} AS "_k${i}"`).join(", ");
  const group = keys.map((_, i) => `"_k${i}"`).join(", ");
  const notNull = keys.map((_, i) => `"_k${i}" IS NOT NULL`).join(" AND ");
  const key = keys.map((_, i) => `CAST("_k${i}" AS TEXT)`).join(" || ', ' || ");
  const detail = `'Key (${keys.map((k) => k.name.replaceAll("'", "''")).join(", ")})=(' || ${key} || ') is duplicated.'`;
  return (
    `SELECT ${RAISE_ERROR}('23505', ${quoteString(`could not create unique index "${index}"`)}, ${detail}, ${quoteString(table)}, NULL, ${quoteString(index)}) ` +
    `FROM (SELECT ${cols} FROM ${quoteIdent(table)}) WHERE ${notNull} GROUP BY ${group} HAVING count(*) > 1 LIMIT 1`
  );
}

/**
 * Views that read a relation (and, when column is given, that name the column), and the views
 * that read those, found by the names their SQL mentions.
 */
export function dependentViews(ctx: Ctx, relation: string, column?: string): string[] {
  const out: string[] = [];
  const views = [...ctx.schema.relations()].filter((r) => r.kind === "view");
  const mentions = (v: RelationInfo) => viewBodyNames(v.sql ?? "");
  const direct = views.filter((v) => {
    const names = mentions(v);
    return names.has(relation) && (column === undefined || names.has(column));
  });
  const queue = direct.map((v) => v.name);
  while (queue.length) {
    const name = queue.shift()!;
    if (out.includes(name)) continue;
    out.push(name);
    for (const v of views) if (!out.includes(v.name) && mentions(v).has(name)) queue.push(v.name);
  }
  return out;
}

/** The identifiers of a CREATE VIEW's query (after its name and column list). */
function viewBodyNames(sql: string): Set<string> {
  const tokens = tokenize(sql);
  const as = tokens.findIndex((t, i) => i > 2 && t.kind === "word" && t.text.toUpperCase() === "AS");
  return new Set(
    tokens
      .slice(as + 1)
      .filter((t) => t.kind === "ident" || t.kind === "word")
      .map((t) => t.value),
  );
}

/** The CREATE TABLE text of ddl with its elements replaced. */
export function withElements(ddl: TableDdl, elements: TableDdl["elements"]): string {
  return tableDdlText({ ...ddl, elements });
}
