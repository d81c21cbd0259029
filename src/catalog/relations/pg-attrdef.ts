import { defineCatalogRows } from "../catalog.js";
import { attrdefOid, columnDefault } from "./column-facts.js";

/**
 * pg_attrdef: column defaults and generated columns' expressions. adbin (a pg_node_tree) holds the
 * expression as pg_get_expr prints it, which pg_get_expr returns.
 */
defineCatalogRows("pg_catalog.pg_attrdef", function* (c) {
  for (const rel of c.schema.relations()) {
    if (rel.kind !== "table") continue;
    for (const col of rel.columns) {
      const adbin = columnDefault(c.schema, rel, col);
      if (adbin !== undefined)
        yield { oid: attrdefOid(rel, col), adrelid: rel.oid, adnum: col.attnum, adbin };
    }
  }
});
