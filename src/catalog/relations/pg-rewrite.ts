import { defineCatalogRows } from "../catalog.js";
import { hashOid } from "../stable-oid.js";

/**
 * pg_rewrite: the _RETURN rule every view has (pg_class.relhasrules is true for views). ev_action
 * would hold the view's query tree; pg_get_viewdef is the way to read a view's query.
 */
defineCatalogRows("pg_catalog.pg_rewrite", function* (c) {
  for (const rel of c.schema.relations()) {
    if (rel.kind !== "view") continue;
    yield {
      oid: hashOid("rule", rel.name),
      rulename: "_RETURN",
      ev_class: rel.oid,
      ev_type: "1",
      ev_enabled: "O",
      is_instead: 1,
      ev_qual: "<>",
      ev_action: null,
    };
  }
});
