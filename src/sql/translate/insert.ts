import { PgError, unsupported } from "../../errors/pg-error.js";
import { RAISE_ERROR } from "../../functions/lib/sequences.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import { t } from "../oids.js";
import type { ColumnInfo, RelationInfo } from "../schema.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import { coerce } from "./coerce.js";
import type { Ctx, Expr } from "./context.js";
import { asBool, translateExpr } from "./expr.js";
import { Scope } from "./scope.js";
import { type OutputColumn, type SelectOutput, translateSelect, withQueries } from "./select.js";
import {
  assignedColumn,
  columnsOf,
  defaultExpression,
  isDefault,
  targetTable,
  translateReturning,
} from "./target-table.js";

export interface DmlOutput extends Partial<SelectOutput> {
  sql: string;
}

/** INSERT: target columns, VALUES or SELECT, defaults SQLite cannot compute itself, ON CONFLICT, RETURNING. */
export function translateInsert(ctx: Ctx, stmt: NodeOf<"InsertStmt">): DmlOutput {
  return withQueries(ctx, stmt.withClause, () => insertBody(ctx, stmt));
}

function insertBody(ctx: Ctx, stmt: NodeOf<"InsertStmt">): DmlOutput {
  const rel = targetTable(ctx, stmt.relation!, "INSERT");
  const alias = stmt.relation!.alias?.aliasname ?? rel.name;
  const explicit = (stmt.cols ?? []).map((c) => assignedColumn(ctx, rel, asKind(c, "ResTarget")!, "INSERT"));
  const columns = explicit.length ? explicit : rel.columns;
  const seen = new Set<string>();
  for (const c of explicit) {
    if (seen.has(c.name))
      throw new PgError("DUPLICATE_COLUMN", `column "${c.name}" specified more than once`);
    seen.add(c.name);
  }
  // Omitted columns whose default SQLite cannot evaluate per row are supplied here.
  const supplied = rel.columns.filter((c) => c.defaultExpr && !columns.includes(c));
  const override = stmt.override === "OVERRIDING_NOT_SET" ? undefined : stmt.override;
  const source = insertSource(ctx, stmt.selectStmt, { columns, supplied, override });
  const allColumns = [...columns, ...supplied].filter((_, i) => source.keep[i]);
  const target = `${quoteIdent(rel.name)}${alias !== rel.name ? ` AS ${quoteIdent(alias)}` : ""}`;
  const conflict = stmt.onConflictClause ? onConflict(ctx, stmt.onConflictClause, rel, alias) : undefined;
  const sourceSql =
    conflict?.updateKeys && source.rows !== 1
      ? onceEach(source.sql, allColumns, conflict.updateKeys)
      : source.sql;
  let sql =
    allColumns.length === 0
      ? `INSERT INTO ${target} DEFAULT VALUES`
      : `INSERT INTO ${target} (${allColumns.map((c) => quoteIdent(c.name)).join(", ")}) ${sourceSql}`;
  if (conflict) sql += conflict.sql;
  const xmax = conflict?.updateKeys ? "pg_upsert_xmax(rowid)" : undefined;
  const returning = translateReturning(ctx, rel, alias, stmt.returningList, undefined, xmax);
  if (returning) sql += ` RETURNING ${returning.sql}`;
  return { sql, columns: returning?.columns };
}

interface Source {
  /** Its columns are named column1, column2, ... (as SQLite names those of VALUES). */
  sql: string;
  /** The number of rows, when known (VALUES). */
  rows?: number;
  /** Which of columns+supplied stay in the column list (all-DEFAULT columns of VALUES drop out). */
  keep: boolean[];
}

interface Targets {
  /** The columns the statement names (or all). */
  columns: ColumnInfo[];
  /** Omitted columns whose defaults are computed here. */
  supplied: ColumnInfo[];
  override?: string;
}

function insertSource(ctx: Ctx, node: Node | undefined, targets: Targets): Source {
  const { columns, supplied } = targets;
  const defaults = supplied.map((c) => defaultExpression(ctx, c.defaultExpr!));
  const all = [...columns, ...supplied];
  if (!node) {
    // DEFAULT VALUES: SQLite applies its own defaults; computed ones are supplied.
    const keep = all.map((c, i) => i >= columns.length || !!c.defaultExpr);
    const values = all.filter((_, i) => keep[i]).map((c) => defaultFor(ctx, c));
    return { sql: values.length ? `VALUES (${values.join(", ")})` : "", keep };
  }
  const select = asKind(node, "SelectStmt")!;
  const plainValues = select.valuesLists && !select.sortClause && !select.limitCount && !select.withClause;
  if (plainValues) return valuesSource(ctx, select.valuesLists!, targets, defaults);
  const sub = translateSelect(ctx, select, undefined);
  if (sub.columns.length > columns.length) {
    throw new PgError("SYNTAX_ERROR", "INSERT has more expressions than target columns");
  }
  const picks = sub.columns.map(
    (c, i) =>
      identityValue(ctx, columns[i]!, targets.override) ??
      assign(
        ctx,
        untypedAsColumnType(ctx, { sql: `s.${quoteIdent(c.alias)}`, type: c.type }, c, columns[i]!),
        columns[i]!,
      ).sql,
  );
  // Columns the SELECT does not cover get their defaults.
  const missing = columns.slice(sub.columns.length);
  const extra = [
    ...missing.map((c) => defaultFor(ctx, c)),
    ...defaults.map((d, i) => assign(ctx, d, supplied[i]!).sql),
  ];
  // "WHERE 1" keeps SQLite from reading a following ON CONFLICT as a join constraint.
  return {
    sql: `SELECT ${[...picks, ...extra].map((p, i) => `${p} AS column${i + 1}`).join(", ")} FROM (${sub.sql}) AS s WHERE 1`,
    keep: all.map(() => true),
  };
}

function valuesSource(ctx: Ctx, lists: Node[], targets: Targets, defaults: Expr[]): Source {
  const { columns, supplied } = targets;
  const scope = new Scope();
  const rows = lists.map((l) => asKind(l, "List")?.items ?? []);
  for (const row of rows) {
    if (row.length > columns.length) {
      throw new PgError("SYNTAX_ERROR", "INSERT has more expressions than target columns", {
        position: ctx.pos(row[columns.length]),
      });
    }
  }
  // A column that is DEFAULT in every row is left out, so SQLite applies its own default, unless
  // that default is computed here.
  const keep = [
    ...columns.map((c, i) => !!c.defaultExpr || rows.some((r) => i < r.length && !isDefault(r[i]))),
    ...supplied.map(() => true),
  ];
  const sqlRows = rows.map((row) => {
    const values = columns.map((col, i) => {
      const node = row[i];
      if (node === undefined || isDefault(node)) return defaultFor(ctx, col);
      const identity = identityValue(ctx, col, targets.override);
      if (identity !== undefined) return identity;
      return assign(ctx, translateExpr(ctx, node, scope), col, ctx.pos(node)).sql;
    });
    const extra = defaults.map((d, i) => assign(ctx, d, supplied[i]!).sql);
    return `(${[...values, ...extra].filter((_, i) => keep[i]).join(", ")})`;
  });
  return { sql: `VALUES ${sqlRows.join(", ")}`, keep, rows: sqlRows.length };
}

/**
 * What an identity column gets for a value the statement gives it: an error for GENERATED ALWAYS
 * (unless OVERRIDING SYSTEM VALUE), its default under OVERRIDING USER VALUE, else the value.
 */
function identityValue(ctx: Ctx, col: ColumnInfo, override: string | undefined): string | undefined {
  if (col.generated) {
    throw new PgError("GENERATED_ALWAYS", `cannot insert a non-DEFAULT value into column "${col.name}"`, {
      detail: `Column "${col.name}" is a generated column.`,
    });
  }
  if (!col.identity) return undefined;
  if (override === "OVERRIDING_USER_VALUE") return defaultFor(ctx, col);
  if (col.identity === "a" && override !== "OVERRIDING_SYSTEM_VALUE") {
    throw new PgError("GENERATED_ALWAYS", `cannot insert a non-DEFAULT value into column "${col.name}"`, {
      detail: `Column "${col.name}" is an identity column defined as GENERATED ALWAYS.`,
      hint: "Use OVERRIDING SYSTEM VALUE to override.",
    });
  }
  return undefined;
}

/** A column's default as an expression: the stored one, SQLite's own, or NULL. */
export function defaultFor(ctx: Ctx, col: ColumnInfo): string {
  if (col.defaultExpr)
    return coerce(
      ctx,
      defaultExpression(ctx, col.defaultExpr),
      { oid: col.typeOid, typmod: col.typmod },
      "assignment",
    ).sql;
  return col.sqliteDefault ?? "NULL";
}

/** An untyped literal of a SELECT feeding an INSERT is read as the column's type (its typmod applies on assignment). */
function untypedAsColumnType(ctx: Ctx, e: Expr, out: OutputColumn, col: ColumnInfo): Expr {
  return out.untyped ? coerce(ctx, e, t(col.typeOid), "explicit") : e;
}

/** A value assigned to a column: coerced as PostgreSQL's assignment rules coerce it. */
export function assign(ctx: Ctx, e: Expr, col: ColumnInfo, position?: number): Expr {
  try {
    return coerce(ctx, e, { oid: col.typeOid, typmod: col.typmod }, "assignment", position);
  } catch (err) {
    if (err instanceof PgError && err.code === "42804") {
      throw new PgError(
        "DATATYPE_MISMATCH",
        `column "${col.name}" is of type ${err.message.split("target is of type ")[1]} but expression is of type ${err.message.split("expression is of type ")[1]?.split(",")[0]}`,
        {
          position,
          hint: "You will need to rewrite or cast the expression.",
        },
      );
    }
    throw err;
  }
}

/**
 * Rows proposed for ON CONFLICT DO UPDATE must not share a key: PostgreSQL refuses to update a row
 * twice in one command (21000), where SQLite would let the later row win.
 */
function onceEach(source: string, columns: ColumnInfo[], keys: string[]): string {
  const positions = keys.map((k) => columns.findIndex((c) => c.name === k));
  if (positions.some((p) => p < 0)) return source;
  const key = positions.map((p) => `column${p + 1}`);
  const all = columns.map((_, i) => `column${i + 1}`).join(", ");
  const message = quoteString("ON CONFLICT DO UPDATE command cannot affect row a second time");
  const hint = quoteString(
    "Ensure that no rows proposed for insertion within the same command have duplicate constrained values.",
  );
  const raise = `${RAISE_ERROR}('21000', ${message}, NULL, NULL, NULL, NULL, ${hint})`;
  const duplicate = `"?n" > 1 AND ${key.map((k) => `${k} IS NOT NULL`).join(" AND ")}`;
  // Rows keep their order (RETURNING lists them as proposed): numbered before the window sorts them.
  const numbered = `SELECT *, row_number() OVER () AS "?i" FROM (${source})`;
  const counted = `SELECT *, count(*) OVER (PARTITION BY ${key.join(", ")}) AS "?n" FROM (${numbered})`;
  return `SELECT ${all} FROM (${counted}) WHERE CASE WHEN ${duplicate} THEN ${raise} ELSE 1 END ORDER BY "?i"`;
}

interface Conflict {
  sql: string;
  /** For DO UPDATE: the conflict target's columns. */
  updateKeys?: string[];
}

function onConflict(ctx: Ctx, c: NodeOf<"OnConflictClause">, rel: RelationInfo, alias: string): Conflict {
  const infer = c.infer;
  if (infer?.conname) {
    // ON CONFLICT ON CONSTRAINT name: the columns of that primary key or unique constraint.
    const ix = ctx.schema.indexesOf?.(rel.name)?.find((x) => x.constraint === infer.conname);
    if (!ix) {
      throw new PgError(
        "UNDEFINED_OBJECT",
        `constraint "${infer.conname}" for table "${rel.name}" does not exist`,
        {
          position: ctx.pos(c.location),
        },
      );
    }
    const target = ` (${ix.columns.map(quoteIdent).join(", ")})`;
    return conflictAction(ctx, c, rel, alias, target, ix.columns);
  }
  const targetScope = new Scope();
  targetScope.add({ alias, columns: columnsOf(rel, alias) });
  let target = "";
  const keys: string[] = [];
  if (infer?.indexElems?.length) {
    const cols = infer.indexElems.map((e) => {
      const elem = asKind(e, "IndexElem")!;
      if (!elem.name) throw unsupported("expressions in ON CONFLICT targets", ctx.pos(c.location));
      if (!rel.column(elem.name)) {
        throw new PgError("UNDEFINED_COLUMN", `column "${elem.name}" does not exist`, {
          position: ctx.pos(c.location),
        });
      }
      keys.push(elem.name);
      return quoteIdent(elem.name);
    });
    target = ` (${cols.join(", ")})`;
    if (infer.whereClause) target += ` WHERE ${asBool(ctx, infer.whereClause, targetScope, "WHERE")}`;
  }
  return conflictAction(ctx, c, rel, alias, target, keys);
}

/** DO NOTHING, or DO UPDATE SET ... [WHERE ...] with EXCLUDED as the proposed row. */
function conflictAction(
  ctx: Ctx,
  c: NodeOf<"OnConflictClause">,
  rel: RelationInfo,
  alias: string,
  target: string,
  keys: string[],
): Conflict {
  if (c.action === "ONCONFLICT_NOTHING") return { sql: ` ON CONFLICT${target} DO NOTHING` };
  if (!target) {
    throw new PgError(
      "SYNTAX_ERROR",
      "ON CONFLICT DO UPDATE requires inference specification or constraint name",
      {
        position: ctx.pos(c.location),
        hint: "For example, ON CONFLICT (column_name).",
      },
    );
  }
  // EXCLUDED is the row proposed for insertion; SQLite spells it the same.
  const scope = new Scope();
  scope.add({ alias, columns: columnsOf(rel, alias).map((col) => ({ ...col, ref: quoteIdent(col.name) })) });
  scope.add({ alias: "excluded", columns: columnsOf(rel, "excluded") });
  const sets = (c.targetList ?? []).map((t, i) => {
    const res = asKind(t, "ResTarget")!;
    const col = assignedColumn(ctx, rel, res, "UPDATE");
    const value = isDefault(res.val)
      ? defaultFor(ctx, col)
      : assign(ctx, translateExpr(ctx, res.val!, scope), col).sql;
    // The first assignment marks the row updated, for xmax in RETURNING (see upsert-marks.ts).
    const mark = i === 0 && !rel.column("rowid");
    return `${quoteIdent(col.name)} = ${mark ? `pg_upsert_mark(rowid, ${value})` : value}`;
  });
  const where = c.whereClause ? ` WHERE ${asBool(ctx, c.whereClause, scope, "WHERE")}` : "";
  return { sql: ` ON CONFLICT${target} DO UPDATE SET ${sets.join(", ")}${where}`, updateKeys: keys };
}
