// Definitions of objects a tenant has few of, as psql's \d asks for them: pg_get_ruledef (a view's
// _RETURN rule, pg_rewrite's only rows), and pg_get_triggerdef, pg_get_partkeydef,
// pg_get_partition_constraintdef, pg_get_statisticsobjdef_columns and pg_partition_ancestors,
// whose objects (triggers, partitions, extended statistics) SQLite tenants do not have.
import { sessionCatalog } from "../../catalog/catalog.js";
import { hashOid } from "../../catalog/stable-oid.js";
import { BOOL, OID, REGCLASS, TEXT, t } from "../../sql/oids.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { defineFunctions, type FunctionDef } from "../registry.js";
import { quoteIdentifier } from "./catalog-keywords.js";
import { viewDefinition } from "./catalog-viewdef.js";

/** pg_rewrite's OID for a view's _RETURN rule (as pg_rewrite lists it). */
export function ruleOid(view: string): number {
  return hashOid("rule", view);
}

function ruleDef(oid: SqliteValue, pretty: boolean): SqliteValue {
  const { schema } = sessionCatalog();
  for (const rel of schema.relations()) {
    if (rel.kind !== "view" || ruleOid(rel.name) !== Number(oid)) continue;
    const table = pretty ? quoteIdentifier(rel.name) : `public.${quoteIdentifier(rel.name)}`;
    return `CREATE RULE "_RETURN" AS\n    ON SELECT TO ${table} DO INSTEAD ${viewDefinition(schema, rel, pretty)}`;
  }
  return null;
}

const none = (name: string, args: number[]): FunctionDef => ({
  name,
  kind: "sql",
  args,
  returns: t(TEXT),
  volatility: "stable",
  sql: () => "NULL",
});

defineFunctions([
  ...[[OID], [OID, BOOL]].map(
    (args): FunctionDef => ({
      name: "pg_get_ruledef",
      kind: "udf",
      udfName: `pg_get_ruledef_${args.length}`,
      args,
      returns: t(TEXT),
      volatility: "stable",
      impl: (oid, pretty = 0) => ruleDef(oid, pretty !== null && Number(pretty) !== 0),
    }),
  ),
  none("pg_get_triggerdef", [OID]),
  none("pg_get_triggerdef", [OID, BOOL]),
  none("pg_get_partkeydef", [OID]),
  none("pg_get_partition_constraintdef", [OID]),
  none("pg_get_statisticsobjdef", [OID]),
  none("pg_get_statisticsobjdef_columns", [OID]),
  {
    // A regular table is no partition: no rows.
    name: "pg_partition_ancestors",
    kind: "udf-set",
    udfName: "pg_partition_ancestors",
    args: [REGCLASS],
    returns: t(REGCLASS),
    volatility: "volatile",
    columns: () => [{ name: "relid", type: t(REGCLASS) }],
    rows: () => [],
  },
]);
