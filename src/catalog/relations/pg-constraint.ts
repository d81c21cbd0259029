import type { ConstraintInfo } from "../../functions/lib/catalog-constraints.js";
import { checkExprText } from "../../functions/lib/catalog-expr-text.js";
import type { IndexInfo, RelationInfo, SchemaView } from "../../sql/schema.js";
import { type CatalogRow, defineCatalogRows } from "../catalog.js";
import { columnTypeOid, tableConstraints } from "./column-facts.js";
import { domainConstraintOid, domainExprText } from "./domain-facts.js";
import { NAMESPACE_OID, PUBLIC } from "./namespaces.js";
import { equalityOperator } from "./operator-classes.js";

/**
 * pg_constraint: PRIMARY KEY, UNIQUE, FOREIGN KEY and CHECK constraints of the tenant's tables
 * (catalog-constraints.ts reads them, with the OIDs pg_get_constraintdef looks them up by).
 * conbin holds a CHECK's expression as pg_get_expr prints it. Domains' CHECKs are listed too.
 */

const attnums = (rel: RelationInfo, columns: string[]) => columns.map((c) => rel.column(c)?.attnum ?? 0);

/** The unique index a foreign key's referenced columns use (its conindid). */
function referencedIndex(schema: SchemaView, rel: RelationInfo, columns: string[]): IndexInfo | undefined {
  const key = [...columns].sort().join("\u0000");
  const candidates = (schema.indexesOf?.(rel.name) ?? []).filter(
    (ix) => ix.unique && !ix.sql?.includes(" WHERE ") && [...ix.columns].sort().join("\u0000") === key,
  );
  return candidates.find((ix) => ix.constraint !== undefined) ?? candidates[0];
}

function foreignKeyColumns(schema: SchemaView, c: ConstraintInfo): CatalogRow {
  const ref = schema.relation(c.refTable ?? "");
  const refColumns = c.refColumns ?? [];
  const typeOf = (r: RelationInfo | undefined, col: string) => {
    const info = r?.column(col);
    return info ? columnTypeOid(schema, info) : 0;
  };
  const pk = refColumns.map((col) => equalityOperator(schema, typeOf(ref, col)));
  const fk = c.columns.map((col) => equalityOperator(schema, typeOf(c.table, col)));
  return {
    confrelid: ref?.oid ?? 0,
    conindid: ref ? (referencedIndex(schema, ref, refColumns)?.oid ?? 0) : 0,
    confupdtype: c.onUpdate,
    confdeltype: c.onDelete,
    confmatchtype: c.match,
    confkey: JSON.stringify(ref ? attnums(ref, refColumns) : []),
    conpfeqop: JSON.stringify(pk),
    conppeqop: JSON.stringify(pk),
    conffeqop: JSON.stringify(fk),
  };
}

function constraintRow(schema: SchemaView, c: ConstraintInfo): CatalogRow {
  const row: CatalogRow = {
    oid: c.oid,
    conname: c.name,
    connamespace: PUBLIC,
    contype: c.type,
    condeferrable: c.deferrable ? 1 : 0,
    condeferred: c.deferred ? 1 : 0,
    convalidated: 1,
    conrelid: c.table.oid,
    contypid: 0,
    conindid: c.index?.oid ?? 0,
    conparentid: 0,
    confrelid: 0,
    confupdtype: " ",
    confdeltype: " ",
    confmatchtype: " ",
    conislocal: 1,
    coninhcount: 0,
    // Key and foreign key constraints cannot be inherited away; CHECKs can.
    connoinherit: c.type === "c" ? 0 : 1,
    conkey: JSON.stringify(attnums(c.table, c.columns)),
    confkey: null,
    conpfeqop: null,
    conppeqop: null,
    conffeqop: null,
    confdelsetcols: null,
    conexclop: null,
    conbin: c.type === "c" ? checkExprText(schema, c.table, c.checkSql ?? "", false) : null,
  };
  return c.type === "f" ? { ...row, ...foreignKeyColumns(schema, c) } : row;
}

/** A domain's CHECK constraint (conrelid 0, contypid the domain). */
function domainCheck(
  oid: number,
  conname: string,
  connamespace: number,
  contypid: number,
  conbin: string,
): CatalogRow {
  return {
    oid,
    conname,
    connamespace,
    contype: "c",
    condeferrable: 0,
    condeferred: 0,
    convalidated: 1,
    conrelid: 0,
    contypid,
    conindid: 0,
    conparentid: 0,
    confrelid: 0,
    confupdtype: " ",
    confdeltype: " ",
    confmatchtype: " ",
    conislocal: 1,
    coninhcount: 0,
    connoinherit: 0,
    conkey: null,
    confkey: null,
    conpfeqop: null,
    conppeqop: null,
    conffeqop: null,
    confdelsetcols: null,
    conexclop: null,
    conbin,
  };
}

/** information_schema's domains' constraints, as PostgreSQL 15 has them. */
const INFORMATION_SCHEMA = NAMESPACE_OID.information_schema!;
const BUILTIN_DOMAIN_CHECKS = [
  domainCheck(13222, "cardinal_number_domain_check", INFORMATION_SCHEMA, 13221, "(VALUE >= 0)"),
  domainCheck(
    13235,
    "yes_or_no_check",
    INFORMATION_SCHEMA,
    13234,
    "((VALUE)::text = ANY ((ARRAY['YES'::character varying, 'NO'::character varying])::text[]))",
  ),
];

defineCatalogRows("pg_catalog.pg_constraint", function* (c) {
  for (const con of tableConstraints(c.schema)) yield constraintRow(c.schema, con);
  for (const d of c.schema.domainTypes()) {
    for (const check of d.checks) {
      const conbin = domainExprText(c.schema, d, check.expr, true);
      yield domainCheck(domainConstraintOid(d.name, check.name), check.name, PUBLIC, d.oid, conbin);
    }
  }
  yield* BUILTIN_DOMAIN_CHECKS;
});
