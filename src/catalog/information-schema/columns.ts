// information_schema.columns: the tenant's tables' and views' columns, then the catalogs' own.
import { columnDefaultText } from "../../functions/lib/catalog-expr-text.js";
import type { ColumnInfo, RelationInfo } from "../../sql/schema.js";
import { type CatalogContext, type CatalogRow, defineCatalogRows } from "../catalog.js";
import { catalogDefinitions } from "../definitions.generated.js";
import { columnDefault } from "../relations/column-facts.js";
import { INFORMATION_SCHEMA_DOMAINS } from "./domains.js";
import { type DeclaredType, typeColumns, yes } from "./type-facts.js";
import { viewColumnUpdatable } from "./view-updatability.js";

const NO_IDENTITY = {
  is_identity: "NO",
  identity_generation: null,
  identity_start: null,
  identity_increment: null,
  identity_maximum: null,
  identity_minimum: null,
  identity_cycle: "NO",
};

function baseRow(
  c: CatalogContext,
  schema: string,
  table: string,
  column: string,
  position: number,
  type: DeclaredType,
  domainSchema = "public",
): CatalogRow {
  const types = typeColumns(c.schema, c.database, type);
  return {
    table_catalog: c.database,
    table_schema: schema,
    table_name: table,
    column_name: column,
    ordinal_position: position,
    column_default: null,
    is_nullable: "YES",
    ...types,
    domain_schema: type.domain !== undefined ? domainSchema : null,
    character_set_catalog: null,
    character_set_schema: null,
    character_set_name: null,
    collation_catalog: null,
    collation_schema: null,
    collation_name: null,
    scope_catalog: null,
    scope_schema: null,
    scope_name: null,
    maximum_cardinality: null,
    dtd_identifier: String(position),
    is_self_referencing: "NO",
    ...NO_IDENTITY,
    is_generated: "NEVER",
    generation_expression: null,
    is_updatable: "YES",
  };
}

function identityColumns(c: CatalogContext, col: ColumnInfo): CatalogRow {
  if (!col.identity) return NO_IDENTITY;
  const seq = col.identitySequence !== undefined ? c.schema.sequence(col.identitySequence) : undefined;
  const text = (v: bigint | undefined) => (v === undefined ? null : String(v));
  return {
    is_identity: "YES",
    identity_generation: col.identity === "a" ? "ALWAYS" : "BY DEFAULT",
    identity_start: text(seq?.start),
    identity_increment: text(seq?.increment),
    identity_maximum: text(seq?.max),
    identity_minimum: text(seq?.min),
    identity_cycle: yes(seq?.cycle === true),
  };
}

function userColumn(c: CatalogContext, rel: RelationInfo, col: ColumnInfo): CatalogRow {
  const domain = col.domain !== undefined ? c.schema.domainType(col.domain) : undefined;
  const row = baseRow(c, "public", rel.name, col.name, col.attnum, {
    oid: col.typeOid,
    typmod: col.typmod,
    domain: col.domain,
  });
  return {
    ...row,
    column_default: rel.kind === "table" ? columnDefaultText(c.schema, rel, col) : null,
    is_nullable: yes(!(col.notNull || domain?.notNull === true)),
    ...identityColumns(c, col),
    is_generated: col.generated ? "ALWAYS" : "NEVER",
    generation_expression: col.generated ? (columnDefault(c.schema, rel, col) ?? null) : null,
    is_updatable: yes(rel.kind === "table" || viewColumnUpdatable(c.schema, rel, col.name)),
  };
}

defineCatalogRows("information_schema.columns", function* (c) {
  for (const rel of c.schema.relations()) {
    for (const col of rel.columns) yield userColumn(c, rel, col);
  }
  for (const [qualified, def] of Object.entries(catalogDefinitions)) {
    const [schema, table] = qualified.split(".") as [string, string];
    for (const [i, [name, oid, typmod]] of def.columns.entries()) {
      const domain = INFORMATION_SCHEMA_DOMAINS[oid];
      const type: DeclaredType = domain
        ? { oid: domain[1], typmod: domain[2], domain: domain[0] }
        : { oid, typmod };
      const row = baseRow(c, schema, table, name, i + 1, type, "information_schema");
      yield { ...row, is_updatable: yes(def.kind === "r") };
    }
  }
});
