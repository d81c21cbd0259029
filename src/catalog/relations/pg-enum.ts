import { defineCatalogRows } from "../catalog.js";

/** pg_enum: the labels of the tenant's enum types, with their sort order. */
defineCatalogRows("pg_catalog.pg_enum", function* (c) {
  for (const e of c.schema.enumTypes()) {
    for (const l of e.labels)
      yield { oid: l.oid, enumtypid: e.oid, enumsortorder: l.sortOrder, enumlabel: l.label };
  }
});
