import {
  allConstraints,
  type ConstraintInfo,
  parenthesizedAfter,
} from "../../functions/lib/catalog-constraints.js";
import { columnDefaultText, translatedExprText } from "../../functions/lib/catalog-expr-text.js";
import type { ColumnInfo, DomainInfo, RelationInfo, SchemaView } from "../../sql/schema.js";
import { hashOid } from "../stable-oid.js";
import { parseTableDdl } from "../table-ddl.js";
import { domainExprText } from "./domain-facts.js";

/**
 * What pg_attribute and pg_attrdef say of a table's columns beyond the schema view: the default
 * or generation expression as pg_get_expr prints it, and the column's type as PostgreSQL records
 * it (a domain rather than its base type; what the translator repeats of a domain on its columns,
 * a default, NOT NULL, CHECKs, belongs to the domain).
 */

/** A table's generated columns and their expressions, as SQLite SQL. */
const generatedCache = new WeakMap<RelationInfo, Map<string, string>>();

function generationSql(rel: RelationInfo, column: string): string | undefined {
  let map = generatedCache.get(rel);
  if (!map) {
    map = new Map();
    const ddl = rel.kind === "table" && rel.sql ? parseTableDdl(rel.sql) : undefined;
    for (const e of ddl?.elements ?? []) {
      if (e.kind !== "column") continue;
      for (const c of e.clauses ?? []) {
        const sql = c.kind === "generated" ? parenthesizedAfter(c.text, "AS") : undefined;
        if (sql !== undefined) map.set(e.name!, sql);
      }
    }
    generatedCache.set(rel, map);
  }
  return map.get(column);
}

/** pg_attrdef.adbin: the default, or a stored generated column's expression; undefined without one. */
export function columnDefault(schema: SchemaView, rel: RelationInfo, col: ColumnInfo): string | undefined {
  if (col.identity) return undefined;
  if (col.generated) {
    const sql = generationSql(rel, col.name);
    return sql === undefined ? undefined : translatedExprText(schema, rel, sql, false);
  }
  const text = columnDefaultText(schema, rel, col) ?? undefined;
  // A domain column is given its domain's default when it has none of its own: that one is the
  // domain's (pg_type.typdefault), not the column's.
  const domain = columnDomain(schema, col);
  if (text !== undefined && domain?.defaultExpr !== undefined) {
    if (text === domainExprText(schema, domain, domain.defaultExpr, false)) return undefined;
  }
  return text;
}

export function columnDomain(schema: SchemaView, col: ColumnInfo): DomainInfo | undefined {
  return col.domain !== undefined ? schema.domainType(col.domain) : undefined;
}

/**
 * Whether a table constraint is a domain's CHECK the translator repeated on a column of that
 * domain (SQLite checks it there); PostgreSQL lists it once, as the domain's constraint.
 */
export function isDomainCheck(schema: SchemaView, c: ConstraintInfo): boolean {
  if (c.type !== "c" || c.columns.length !== 1) return false;
  const col = c.table.column(c.columns[0]!);
  const domain = col ? columnDomain(schema, col) : undefined;
  return domain?.checks.some((k) => k.name === c.name) ?? false;
}

/** The table's constraints as PostgreSQL lists them (without the domains' repeated CHECKs). */
export function tableConstraints(schema: SchemaView): ConstraintInfo[] {
  return allConstraints(schema).filter((c) => !isDomainCheck(schema, c));
}

/** pg_attrdef's OID for a column's default: from the table and column names, so stable. */
export function attrdefOid(rel: RelationInfo, col: ColumnInfo): number {
  return hashOid("attrdef", `${rel.name}.${col.name}`);
}

/** The column's type OID as pg_attribute.atttypid: its domain, if it has one. */
export function columnTypeOid(schema: SchemaView, col: ColumnInfo): number {
  return columnDomain(schema, col)?.oid ?? col.typeOid;
}

/** atttypmod: a domain column has none of its own (the domain's base type has it). */
export function columnTypmod(schema: SchemaView, col: ColumnInfo): number {
  return columnDomain(schema, col) ? -1 : col.typmod;
}

/** attnotnull: a NOT NULL domain's columns are checked by the domain, not marked themselves. */
export function columnNotNull(schema: SchemaView, col: ColumnInfo): boolean {
  if (col.identity) return true;
  return col.notNull && !columnDomain(schema, col)?.notNull;
}
