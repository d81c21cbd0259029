import { Analyzer } from "../../functions/lib/catalog-expr-analyze.js";
import { T } from "../../functions/lib/catalog-expr-ir.js";
import { printExpr } from "../../functions/lib/catalog-expr-print.js";
import { parseExpression } from "../../functions/lib/catalog-expr-text.js";
import type { DomainInfo, SchemaView } from "../../sql/schema.js";
import { hashOid } from "../stable-oid.js";

/**
 * A domain's default and CHECK constraints (stored as PostgreSQL SQL over VALUE) as pg_get_expr
 * prints them, and the OIDs of its constraints.
 */

export function domainConstraintOid(domain: string, name: string): number {
  return hashOid("constraint", `${domain}.${name}`);
}

/** The expression's text; coerced to the domain's base type (a default) or to boolean (a CHECK). */
export function domainExprText(
  schema: SchemaView,
  d: DomainInfo,
  sql: string,
  check: boolean,
  pretty = false,
): string {
  const node = parseExpression(sql);
  if (!node) return sql;
  const analyzer = new Analyzer({
    schema,
    column: (fields) =>
      fields.length === 1 && fields[0] === "value"
        ? { name: "VALUE", type: d.base.oid, typmod: d.base.typmod }
        : undefined,
  });
  const ir = analyzer.coerce(analyzer.expr(node), check ? T.bool : d.base.oid);
  // VALUE is CoerceToDomainValue, printed as the keyword, not as a (quoted) column name.
  return printExpr(ir, pretty).replaceAll('"VALUE"', "VALUE");
}

/** pg_get_constraintdef of one of the tenant's domains' CHECK constraints; undefined when `oid` is none. */
export function domainConstraintDef(schema: SchemaView, oid: number, pretty: boolean): string | undefined {
  for (const d of schema.domainTypes()) {
    for (const check of d.checks) {
      if (domainConstraintOid(d.name, check.name) === oid)
        return `CHECK (${domainExprText(schema, d, check.expr, true, pretty)})`;
    }
  }
  return undefined;
}
