// pg_get_constraintdef, pg_get_indexdef and pg_get_expr: definitions as PostgreSQL's ruleutils.c
// prints them, rebuilt from what SQLite keeps (see catalog-expr-untranslate.ts for what is lost).
import { sessionCatalog } from "../../catalog/catalog.js";
import { domainConstraintDef } from "../../catalog/relations/domain-facts.js";
import { type IndexKey, indexKeys } from "../../catalog/relations/index-keys.js";
import { BOOL, INT4, OID, TEXT, t } from "../../sql/oids.js";
import type { IndexInfo, SchemaView } from "../../sql/schema.js";
import { typeByName } from "../../types/registry.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { defineFunctions } from "../registry.js";
import { type ConstraintInfo, constraintByOid, type FkAction } from "./catalog-constraints.js";
import { Analyzer } from "./catalog-expr-analyze.js";
import { printExpr } from "./catalog-expr-print.js";
import { checkExprText, parseExpression, tableEnv } from "./catalog-expr-text.js";
import { quoteIdentifier } from "./catalog-keywords.js";

const PG_NODE_TREE = typeByName("pg_node_tree")!.oid;

const ACTIONS: Record<FkAction, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

const names = (cols: string[]) => cols.map(quoteIdentifier).join(", ");

/** pg_get_constraintdef. */
export function constraintDef(schema: SchemaView, c: ConstraintInfo, pretty: boolean): string {
  let def: string;
  switch (c.type) {
    case "p":
      def = `PRIMARY KEY (${names(c.columns)})`;
      break;
    case "u":
      def = `UNIQUE (${names(c.columns)})`;
      break;
    case "f":
      def = `FOREIGN KEY (${names(c.columns)}) REFERENCES ${quoteIdentifier(c.refTable ?? "")}(${names(c.refColumns ?? [])})`;
      if (c.match === "f") def += " MATCH FULL";
      if (c.onUpdate !== "a") def += ` ON UPDATE ${ACTIONS[c.onUpdate]}`;
      if (c.onDelete !== "a") def += ` ON DELETE ${ACTIONS[c.onDelete]}`;
      break;
    case "c":
      return `CHECK (${checkExprText(schema, c.table, c.checkSql ?? "", pretty)})`;
  }
  if (c.deferrable) def += " DEFERRABLE";
  if (c.deferred) def += " INITIALLY DEFERRED";
  return def;
}

function indexByOid(schema: SchemaView, oid: number): IndexInfo | undefined {
  for (const ix of schema.indexes?.() ?? []) if (ix.oid === oid) return ix;
  return undefined;
}

/** An index key as pg_get_indexdef prints it: a column, a function call, or a parenthesised expression. */
function keyText(key: IndexKey, pretty: boolean): string {
  if (!key.expr) return quoteIdentifier(key.column ?? "");
  const text = printExpr(key.expr, pretty);
  const functionLike = key.expr.k === "func" || key.expr.k === "minmax" || key.expr.k === "sqlvalue";
  return functionLike ? text : `(${text})`;
}

/** pg_get_indexdef(oid, column, pretty): the whole definition (column 0) or one key. */
export function indexDef(schema: SchemaView, ix: IndexInfo, column: number, pretty: boolean): string {
  const rel = schema.relation(ix.table);
  if (!rel) return "";
  const { keys, where } = indexKeys(schema, ix, rel);
  if (column > 0) {
    const key = keys[column - 1];
    return key ? keyText(key, pretty) : "";
  }
  const cols = keys.map((k) => {
    let s = keyText(k, pretty);
    if (k.desc) s += k.nullsFirst ? " DESC" : " DESC NULLS LAST";
    else if (k.nullsFirst) s += " NULLS FIRST";
    return s;
  });
  const table = pretty ? quoteIdentifier(rel.name) : `public.${quoteIdentifier(rel.name)}`;
  let def = `CREATE ${ix.unique ? "UNIQUE " : ""}INDEX ${quoteIdentifier(ix.name)} ON ${table} USING ${ix.method ?? "btree"} (${cols.join(", ")})`;
  if (where) def += ` WHERE ${printExpr(where, pretty)}`;
  return def;
}

/** pg_get_expr(expr, relation, pretty): the stored text, re-printed when pretty output is asked for. */
function getExpr(text: string, relOid: number, pretty: boolean): string {
  if (!pretty) return text;
  const { schema } = sessionCatalog();
  const rel = [...schema.relations()].find((r) => r.oid === relOid);
  const node = parseExpression(text);
  if (!rel || !node) return text;
  return printExpr(new Analyzer(tableEnv(schema, rel)).expr(node), true);
}

const bool = (v: SqliteValue) => v !== null && Number(v) !== 0;

defineFunctions([
  ...[[OID], [OID, BOOL]].map((args) => ({
    name: "pg_get_constraintdef",
    kind: "udf" as const,
    udfName: `pg_get_constraintdef_${args.length}`,
    args,
    returns: t(TEXT),
    volatility: "stable" as const,
    impl: (oid: SqliteValue, pretty: SqliteValue = 0) => {
      const { schema } = sessionCatalog();
      const c = constraintByOid(schema, Number(oid));
      if (c) return constraintDef(schema, c, bool(pretty));
      return domainConstraintDef(schema, Number(oid), bool(pretty)) ?? null;
    },
  })),
  ...[[OID], [OID, INT4, BOOL]].map((args) => ({
    name: "pg_get_indexdef",
    kind: "udf" as const,
    udfName: `pg_get_indexdef_${args.length}`,
    args,
    returns: t(TEXT),
    volatility: "stable" as const,
    impl: (oid: SqliteValue, column: SqliteValue = 0, pretty: SqliteValue = 0) => {
      const { schema } = sessionCatalog();
      const ix = indexByOid(schema, Number(oid));
      return ix ? indexDef(schema, ix, Number(column), bool(pretty)) : null;
    },
  })),
  ...[
    [PG_NODE_TREE, OID],
    [PG_NODE_TREE, OID, BOOL],
  ].map((args) => ({
    name: "pg_get_expr",
    kind: "udf" as const,
    udfName: `pg_get_expr_${args.length}`,
    args,
    returns: t(TEXT),
    volatility: "stable" as const,
    impl: (expr: SqliteValue, rel: SqliteValue, pretty: SqliteValue = 0) =>
      getExpr(String(expr), Number(rel), bool(pretty)),
  })),
]);
