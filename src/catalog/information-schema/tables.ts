// information_schema.schemata, tables, views and character_sets.
import { viewDefinition } from "../../functions/lib/catalog-viewdef.js";
import { type CatalogContext, type CatalogRow, defineCatalogRows } from "../catalog.js";
import { builtinNamespaces, catalogDefinitions } from "../definitions.generated.js";
import { yes } from "./type-facts.js";
import { DELETE, INSERT, UPDATABLE_BUILTIN_VIEWS, UPDATE, viewEvents } from "./view-updatability.js";

defineCatalogRows("information_schema.schemata", (c) =>
  builtinNamespaces.map(([name]) => ({
    catalog_name: c.database,
    schema_name: name,
    // public belongs to the database owner's role since PostgreSQL 15.
    schema_owner: name === "public" ? "pg_database_owner" : c.user,
    default_character_set_catalog: null,
    default_character_set_schema: null,
    default_character_set_name: null,
    sql_path: null,
  })),
);

defineCatalogRows("information_schema.character_sets", (c) => [
  {
    character_set_catalog: null,
    character_set_schema: null,
    character_set_name: "UTF8",
    character_repertoire: "UCS",
    form_of_use: "UTF8",
    default_collate_catalog: c.database,
    default_collate_schema: null,
    default_collate_name: null,
  },
]);

/** Every table and view a query can name: the tenant's, then the catalogs' own. */
export function* allRelations(
  c: CatalogContext,
): Generator<{ schema: string; name: string; kind: "table" | "view"; insertable: boolean }> {
  for (const rel of c.schema.relations()) {
    const insertable = rel.kind === "table" || (viewEvents(c.schema, rel) & INSERT) !== 0;
    yield { schema: "public", name: rel.name, kind: rel.kind, insertable };
  }
  for (const [qualified, def] of Object.entries(catalogDefinitions)) {
    const [schema, name] = qualified.split(".") as [string, string];
    const kind = def.kind === "v" ? "view" : "table";
    yield { schema, name, kind, insertable: kind === "table" || UPDATABLE_BUILTIN_VIEWS.has(qualified) };
  }
}

defineCatalogRows("information_schema.tables", function* (c) {
  for (const r of allRelations(c)) {
    yield {
      table_catalog: c.database,
      table_schema: r.schema,
      table_name: r.name,
      table_type: r.kind === "view" ? "VIEW" : "BASE TABLE",
      self_referencing_column_name: null,
      reference_generation: null,
      user_defined_type_catalog: null,
      user_defined_type_schema: null,
      user_defined_type_name: null,
      is_insertable_into: yes(r.insertable),
      is_typed: "NO",
      commit_action: null,
    } satisfies CatalogRow;
  }
});

defineCatalogRows("information_schema.views", function* (c) {
  const row = (schema: string, name: string, definition: string | null, events: number): CatalogRow => ({
    table_catalog: c.database,
    table_schema: schema,
    table_name: name,
    view_definition: definition,
    check_option: "NONE",
    is_updatable: yes((events & (UPDATE | DELETE)) === (UPDATE | DELETE)),
    is_insertable_into: yes((events & INSERT) !== 0),
    is_trigger_updatable: "NO",
    is_trigger_deletable: "NO",
    is_trigger_insertable_into: "NO",
  });
  for (const rel of c.schema.relations()) {
    if (rel.kind === "view")
      yield row("public", rel.name, viewDefinition(c.schema, rel), viewEvents(c.schema, rel));
  }
  // The catalogs' own views: their definitions are PostgreSQL's and not reproduced here.
  for (const [qualified, def] of Object.entries(catalogDefinitions)) {
    if (def.kind !== "v") continue;
    const [schema, name] = qualified.split(".") as [string, string];
    yield row(schema, name, null, UPDATABLE_BUILTIN_VIEWS.has(qualified) ? INSERT | UPDATE | DELETE : 0);
  }
});
