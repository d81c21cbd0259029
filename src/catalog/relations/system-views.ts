import { indexDef } from "../../functions/lib/catalog-defs.js";
import { defineCatalogRows } from "../catalog.js";
import { tableConstraints } from "./column-facts.js";
import { viewDefinition } from "./view-definition.js";

/** pg_tables, pg_views and pg_indexes: the system views over pg_class for the tenant's public schema. */

defineCatalogRows(
  "pg_catalog.pg_tables",
  function* (c) {
    const referenced = new Set(
      tableConstraints(c.schema)
        .filter((k) => k.type === "f")
        .flatMap((k) => [k.table.name, k.refTable]),
    );
    for (const rel of c.schema.relations()) {
      if (rel.kind !== "table") continue;
      yield {
        schemaname: "public",
        tablename: rel.name,
        tableowner: c.user,
        tablespace: null,
        hasindexes: (c.schema.indexesOf?.(rel.name).length ?? 0) > 0 ? 1 : 0,
        hasrules: 0,
        hastriggers: referenced.has(rel.name) ? 1 : 0,
        rowsecurity: 0,
      };
    }
  },
  "user",
);

defineCatalogRows(
  "pg_catalog.pg_views",
  function* (c) {
    for (const rel of c.schema.relations()) {
      if (rel.kind !== "view") continue;
      yield {
        schemaname: "public",
        viewname: rel.name,
        viewowner: c.user,
        definition: viewDefinition(c.schema, rel),
      };
    }
  },
  "user",
);

defineCatalogRows("pg_catalog.pg_indexes", function* (c) {
  for (const ix of c.schema.indexes?.() ?? []) {
    yield {
      schemaname: "public",
      tablename: ix.table,
      indexname: ix.name,
      tablespace: null,
      indexdef: indexDef(c.schema, ix, 0, false),
    };
  }
});
