import { irType } from "../../functions/lib/catalog-expr-ir.js";
import { printExpr } from "../../functions/lib/catalog-expr-print.js";
import { defineCatalogRows } from "../catalog.js";
import { columnTypeOid, tableConstraints } from "./column-facts.js";
import { indexKeys } from "./index-keys.js";
import { defaultOpclass } from "./operator-classes.js";
import { typeFacts } from "./user-types.js";

/**
 * pg_index: one row per index, constraint indexes included. indkey and the other vectors are
 * int2vector/oidvector text ('1 2'); indexprs and indpred hold the expressions as pg_get_expr
 * prints them (a list of expressions is printed comma-separated).
 */

/** indoption bits: DESC and NULLS FIRST. */
const INDOPTION_DESC = 1;
const INDOPTION_NULLS_FIRST = 2;

defineCatalogRows("pg_catalog.pg_index", function* (c) {
  const schema = c.schema;
  const primary = new Set(
    tableConstraints(schema)
      .filter((k) => k.type === "p" && k.index)
      .map((k) => k.index!.name),
  );
  for (const ix of schema.indexes?.() ?? []) {
    const rel = schema.relation(ix.table);
    if (!rel || ix.oid === undefined) continue;
    const { keys, where } = indexKeys(schema, ix, rel);
    const types = keys.map((k) => {
      const col = k.column !== undefined ? rel.column(k.column) : undefined;
      return col ? columnTypeOid(schema, col) : k.expr ? irType(k.expr) : 0;
    });
    const exprs = keys.filter((k) => k.expr).map((k) => printExpr(k.expr!, false));
    yield {
      indexrelid: ix.oid,
      indrelid: rel.oid,
      indnatts: keys.length,
      indnkeyatts: keys.length,
      indisunique: ix.unique ? 1 : 0,
      indnullsnotdistinct: 0,
      indisprimary: primary.has(ix.name) ? 1 : 0,
      indisexclusion: 0,
      indimmediate: 1,
      indisclustered: 0,
      indisvalid: 1,
      indcheckxmin: 0,
      indisready: 1,
      indislive: 1,
      indisreplident: 0,
      indkey: keys.map((k) => (k.column !== undefined ? (rel.column(k.column)?.attnum ?? 0) : 0)).join(" "),
      indcollation: types.map((t) => typeFacts(schema, t).collation).join(" "),
      indclass: types.map((t) => defaultOpclass(schema, ix.method ?? "btree", t)).join(" "),
      indoption: keys
        .map((k) => (k.desc ? INDOPTION_DESC : 0) | (k.nullsFirst ? INDOPTION_NULLS_FIRST : 0))
        .join(" "),
      indexprs: exprs.length ? exprs.join(", ") : null,
      indpred: where ? printExpr(where, false) : null,
    };
  }
});
