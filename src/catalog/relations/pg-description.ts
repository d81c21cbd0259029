import { constraintOid } from "../../functions/lib/catalog-constraints.js";
import type { CommentInfo, SchemaView } from "../../sql/schema.js";
import { type CatalogRow, defineCatalogRows } from "../catalog.js";
import { catalogDefinitions } from "../definitions.generated.js";
import { ACCESS_METHODS, PLPGSQL_EXTENSION_OID } from "./fixed-objects.js";
import { NAMESPACE_OID } from "./namespaces.js";

/**
 * pg_description: the tenant's COMMENT ON comments, and the descriptions PostgreSQL ships for the
 * schemas, access methods, languages and the plpgsql extension.
 */

const CLASS = {
  pg_class: catalogDefinitions["pg_catalog.pg_class"]!.oid,
  pg_constraint: catalogDefinitions["pg_catalog.pg_constraint"]!.oid,
  pg_type: catalogDefinitions["pg_catalog.pg_type"]!.oid,
  pg_namespace: catalogDefinitions["pg_catalog.pg_namespace"]!.oid,
  pg_am: catalogDefinitions["pg_catalog.pg_am"]!.oid,
  pg_extension: catalogDefinitions["pg_catalog.pg_extension"]!.oid,
  pg_language: catalogDefinitions["pg_catalog.pg_language"]!.oid,
};

/** The comments of the languages fixed-objects.ts lists, as PostgreSQL 15 ships them. */
const LANGUAGE_COMMENTS: [number, string][] = [
  [12, "built-in functions"],
  [13, "dynamically-loaded C functions"],
  [14, "SQL-language functions"],
  [13563, "PL/pgSQL procedural language"],
];

function relationOid(schema: SchemaView, name: string): number | undefined {
  return schema.relation(name)?.oid ?? schema.index(name)?.oid ?? schema.sequence(name)?.oid;
}

function commentRow(schema: SchemaView, c: CommentInfo): CatalogRow | undefined {
  const row = (objoid: number | undefined, classoid: number, objsubid = 0) =>
    objoid === undefined ? undefined : { objoid, classoid, objsubid, description: c.comment };
  switch (c.kind) {
    case "relation":
      return row(relationOid(schema, c.name), CLASS.pg_class);
    case "column": {
      const rel = schema.relation(c.name);
      return row(rel?.oid, CLASS.pg_class, rel?.column(c.sub ?? "")?.attnum ?? 0);
    }
    case "constraint":
      return row(
        schema.relation(c.name) ? constraintOid(c.name, c.sub ?? "") : undefined,
        CLASS.pg_constraint,
      );
    case "type":
      return row(
        schema.enumType(c.name)?.oid ?? schema.domainType(c.name)?.oid ?? schema.compositeType(c.name)?.oid,
        CLASS.pg_type,
      );
    case "schema":
      return row(NAMESPACE_OID[c.name], CLASS.pg_namespace);
  }
}

const SHIPPED: CatalogRow[] = [
  {
    objoid: NAMESPACE_OID.pg_catalog,
    classoid: CLASS.pg_namespace,
    objsubid: 0,
    description: "system catalog schema",
  },
  {
    objoid: NAMESPACE_OID.pg_toast,
    classoid: CLASS.pg_namespace,
    objsubid: 0,
    description: "reserved schema for TOAST tables",
  },
  {
    objoid: NAMESPACE_OID.public,
    classoid: CLASS.pg_namespace,
    objsubid: 0,
    description: "standard public schema",
  },
  ...ACCESS_METHODS.map(([oid, , , , description]) => ({
    objoid: oid,
    classoid: CLASS.pg_am,
    objsubid: 0,
    description,
  })),
  {
    objoid: PLPGSQL_EXTENSION_OID,
    classoid: CLASS.pg_extension,
    objsubid: 0,
    description: "PL/pgSQL procedural language",
  },
  ...LANGUAGE_COMMENTS.map(([oid, description]) => ({
    objoid: oid,
    classoid: CLASS.pg_language,
    objsubid: 0,
    description,
  })),
];

defineCatalogRows("pg_catalog.pg_description", function* (c) {
  const overridden = new Set<string>();
  for (const comment of c.schema.comments()) {
    const row = commentRow(c.schema, comment);
    if (!row) continue;
    overridden.add(`${row.objoid}/${row.classoid}`);
    yield row;
  }
  for (const row of SHIPPED) if (!overridden.has(`${row.objoid}/${row.classoid}`)) yield row;
});
