import { defineCatalogRows } from "../catalog.js";
import { catalogDefinitions } from "../definitions.generated.js";

/**
 * pg_depend: the dependencies clients read, which are a sequence's owning column: "a" (auto) for
 * a serial column's or OWNED BY sequence, "i" (internal) for an identity column's. psql's \d of a
 * sequence prints them as "Owned by" and "Sequence for identity column".
 */

const PG_CLASS = catalogDefinitions["pg_catalog.pg_class"]!.oid;

defineCatalogRows("pg_catalog.pg_depend", function* (c) {
  for (const seq of c.schema.sequences()) {
    const owner = seq.ownedBy;
    if (owner === undefined) continue;
    for (const rel of c.schema.relations()) {
      if (!owner.startsWith(`${rel.name}.`)) continue;
      const col = rel.column(owner.slice(rel.name.length + 1));
      if (!col) continue;
      yield {
        classid: PG_CLASS,
        objid: seq.oid,
        objsubid: 0,
        refclassid: PG_CLASS,
        refobjid: rel.oid,
        refobjsubid: col.attnum,
        deptype: col.identitySequence === seq.name ? "i" : "a",
      };
      break;
    }
  }
});
