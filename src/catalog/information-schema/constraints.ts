// information_schema.table_constraints, key_column_usage, referential_constraints,
// constraint_column_usage and check_constraints, from the constraints pg_constraint lists
// (catalog-constraints.ts). NOT NULL columns appear as CHECK constraints named
// "<schema oid>_<table oid>_<attnum>_not_null", as in PostgreSQL 15.
import {
  allConstraints,
  type ConstraintInfo,
  constraintsOf,
} from "../../functions/lib/catalog-constraints.js";
import { Analyzer } from "../../functions/lib/catalog-expr-analyze.js";
import { printExpr } from "../../functions/lib/catalog-expr-print.js";
import { checkExprText, parseExpression } from "../../functions/lib/catalog-expr-text.js";
import type { RelationInfo, SchemaView } from "../../sql/schema.js";
import { type CatalogContext, type CatalogRow, defineCatalogRows } from "../catalog.js";
import { PUBLIC } from "../relations/namespaces.js";
import { yes } from "./type-facts.js";

const TYPES = { c: "CHECK", f: "FOREIGN KEY", p: "PRIMARY KEY", u: "UNIQUE" } as const;
const RULES = { c: "CASCADE", n: "SET NULL", d: "SET DEFAULT", r: "RESTRICT", a: "NO ACTION" } as const;
const MATCH = { f: "FULL", p: "PARTIAL", s: "NONE" } as const;

function notNullName(rel: RelationInfo, attnum: number): string {
  return `${PUBLIC}_${rel.oid}_${attnum}_not_null`;
}

function* notNullColumns(schema: SchemaView): Generator<{ rel: RelationInfo; name: string; column: string }> {
  for (const rel of schema.relations()) {
    if (rel.kind !== "table") continue;
    for (const col of rel.columns) {
      if (col.notNull) yield { rel, name: notNullName(rel, col.attnum), column: col.name };
    }
  }
}

const names = (c: CatalogContext, constraint: string, table: string) => ({
  constraint_catalog: c.database,
  constraint_schema: "public",
  constraint_name: constraint,
  table_catalog: c.database,
  table_schema: "public",
  table_name: table,
});

defineCatalogRows("information_schema.table_constraints", function* (c) {
  for (const con of allConstraints(c.schema)) {
    yield {
      ...names(c, con.name, con.table.name),
      constraint_type: TYPES[con.type],
      is_deferrable: yes(con.deferrable),
      initially_deferred: yes(con.deferred),
      enforced: "YES",
      nulls_distinct: con.type === "u" ? "YES" : null,
    } satisfies CatalogRow;
  }
  for (const n of notNullColumns(c.schema)) {
    yield {
      ...names(c, n.name, n.rel.name),
      constraint_type: "CHECK",
      is_deferrable: "NO",
      initially_deferred: "NO",
      enforced: "YES",
      nulls_distinct: null,
    };
  }
});

/**
 * The key a foreign key's referenced columns match (its conindid): a PRIMARY KEY or UNIQUE
 * constraint of the referenced table on the same set of columns, the primary key first.
 */
export function referencedKey(schema: SchemaView, fk: ConstraintInfo): ConstraintInfo | undefined {
  const ref = schema.relation(fk.refTable ?? "");
  if (!ref) return undefined;
  const set = (cols: string[]) => [...cols].sort().join("\0");
  const want = set(fk.refColumns ?? []);
  const keys = constraintsOf(schema, ref).filter(
    (k) => (k.type === "p" || k.type === "u") && set(k.columns) === want,
  );
  return keys.find((k) => k.type === "p") ?? keys[0];
}

defineCatalogRows("information_schema.key_column_usage", function* (c) {
  for (const con of allConstraints(c.schema)) {
    if (con.type === "c") continue;
    const key = con.type === "f" ? referencedKey(c.schema, con) : undefined;
    for (const [i, column] of con.columns.entries()) {
      const position = key ? key.columns.indexOf(con.refColumns?.[i] ?? "") + 1 : 0;
      yield {
        ...names(c, con.name, con.table.name),
        column_name: column,
        ordinal_position: i + 1,
        position_in_unique_constraint: con.type === "f" && position > 0 ? position : null,
      };
    }
  }
});

defineCatalogRows("information_schema.referential_constraints", function* (c) {
  for (const con of allConstraints(c.schema)) {
    if (con.type !== "f") continue;
    const key = referencedKey(c.schema, con);
    yield {
      constraint_catalog: c.database,
      constraint_schema: "public",
      constraint_name: con.name,
      unique_constraint_catalog: key ? c.database : null,
      unique_constraint_schema: key ? "public" : null,
      unique_constraint_name: key?.name ?? null,
      match_option: MATCH[con.match],
      update_rule: RULES[con.onUpdate],
      delete_rule: RULES[con.onDelete],
    };
  }
});

defineCatalogRows("information_schema.constraint_column_usage", function* (c) {
  for (const con of allConstraints(c.schema)) {
    const table = con.type === "f" ? (con.refTable ?? "") : con.table.name;
    const columns = con.type === "f" ? (con.refColumns ?? []) : con.columns;
    for (const column of new Set(columns)) {
      yield {
        table_catalog: c.database,
        table_schema: "public",
        table_name: table,
        column_name: column,
        constraint_catalog: c.database,
        constraint_schema: "public",
        constraint_name: con.name,
      };
    }
  }
});

/** A domain CHECK's expression over VALUE, as pg_get_constraintdef prints it. */
function domainCheckText(schema: SchemaView, expr: string, base: number): string {
  const node = parseExpression(expr);
  if (!node) return expr;
  const analyzer = new Analyzer({
    schema,
    column: (fields) =>
      fields.length === 1 && fields[0] === "value"
        ? { name: "VALUE", type: base, typmod: -1, verbatim: true }
        : undefined,
  });
  return printExpr(analyzer.coerce(analyzer.expr(node), 16), false);
}

defineCatalogRows("information_schema.check_constraints", function* (c) {
  const row = (name: string, clause: string) => ({
    constraint_catalog: c.database,
    constraint_schema: "public",
    constraint_name: name,
    check_clause: clause,
  });
  for (const con of allConstraints(c.schema)) {
    if (con.type === "c")
      yield row(con.name, `(${checkExprText(c.schema, con.table, con.checkSql ?? "", false)})`);
  }
  for (const d of c.schema.domainTypes()) {
    for (const check of d.checks)
      yield row(check.name, `(${domainCheckText(c.schema, check.expr, d.base.oid)})`);
  }
  for (const n of notNullColumns(c.schema)) yield row(n.name, `${n.column} IS NOT NULL`);
});
