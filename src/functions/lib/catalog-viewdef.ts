// pg_get_viewdef: a view's query as PostgreSQL's ruleutils.c prints it (catalog-query-print.ts),
// rebuilt from the SQLite CREATE VIEW text; a query the printer does not cover is given as the
// SQLite SELECT text.
import { sessionCatalog } from "../../catalog/catalog.js";
import { splitQualifiedName } from "../../catalog/sqlite-schema.js";
import { PgError } from "../../errors/pg-error.js";
import { asKind, stringList } from "../../sql/ast.js";
import { BOOL, INT4, OID, TEXT, t } from "../../sql/oids.js";
import { parseSql } from "../../sql/parse.js";
import type { RelationInfo, SchemaView } from "../../sql/schema.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { defineFunctions } from "../registry.js";
import { Deparse } from "./catalog-expr-print.js";
import { sqliteIsToPostgres } from "./catalog-expr-untranslate.js";
import { QueryNotPrintable, QueryPrinter } from "./catalog-query-print.js";

/** The query of a view as pg_get_viewdef prints it, without the final semicolon. */
export function viewQueryText(schema: SchemaView, view: RelationInfo, pretty: boolean, wrap: number): string {
  let parsed: ReturnType<typeof parseSql>;
  try {
    parsed = parseSql(sqliteIsToPostgres(view.sql ?? ""));
  } catch {
    // SQLite text PostgreSQL's grammar rejects, such as a set operation nested as an unnamed subquery.
    throw new QueryNotPrintable();
  }
  const stmt = asKind(parsed[0]?.node, "ViewStmt");
  const select = asKind(stmt?.query, "SelectStmt");
  if (!stmt || !select) throw new QueryNotPrintable();
  const printer = new QueryPrinter(schema, new Deparse(pretty, true), wrap);
  printer.query(
    select,
    stringList(stmt.aliases),
    0,
    view.columns.map((c) => ({ oid: c.typeOid, typmod: c.typmod })),
  );
  return printer.ctx.buf;
}

function viewByOid(schema: SchemaView, oid: number): RelationInfo | undefined {
  for (const r of schema.relations()) if (r.oid === oid) return r;
  return undefined;
}

function viewByName(schema: SchemaView, text: string): RelationInfo | undefined {
  const parts = splitQualifiedName(text);
  if (!parts || parts.length > 2 || (parts.length === 2 && parts[0] !== "public")) {
    throw new PgError("UNDEFINED_TABLE", `relation "${text}" does not exist`);
  }
  const rel = schema.relation(parts.at(-1)!);
  if (!rel && !schema.index(parts.at(-1)!) && !schema.sequence(parts.at(-1)!)) {
    throw new PgError("UNDEFINED_TABLE", `relation "${text}" does not exist`);
  }
  return rel;
}

/** pg_get_viewdef's text for a relation, NULL for one that is not a view. */
export function viewDefinition(
  schema: SchemaView,
  rel: RelationInfo | undefined,
  pretty = false,
  wrap = 0,
): string | null {
  if (rel?.kind !== "view") return null;
  try {
    return `${viewQueryText(schema, rel, pretty, wrap)};`;
  } catch (e) {
    if (!(e instanceof QueryNotPrintable)) throw e;
    // The SELECT after AS, past the comment that records the view's column types.
    const as = /\bAS\s+(?:\/\*[^*]*\*\/\s*)?(SELECT\b[\s\S]*)$/i.exec(rel.sql ?? "");
    return `${as?.[1] ?? rel.sql ?? ""};`;
  }
}

function viewDef(rel: RelationInfo | undefined, pretty: boolean, wrap: number): string | null {
  return viewDefinition(sessionCatalog().schema, rel, pretty, wrap);
}

const bool = (v: SqliteValue) => v !== null && Number(v) !== 0;
const byOid = (oid: SqliteValue) => viewByOid(sessionCatalog().schema, Number(oid));
const byName = (name: SqliteValue) => viewByName(sessionCatalog().schema, String(name));

defineFunctions(
  [
    { args: [OID], impl: (oid: SqliteValue) => viewDef(byOid(oid), false, 0) },
    { args: [OID, BOOL], impl: (oid: SqliteValue, p: SqliteValue) => viewDef(byOid(oid), bool(p), 0) },
    { args: [OID, INT4], impl: (oid: SqliteValue, w: SqliteValue) => viewDef(byOid(oid), true, Number(w)) },
    { args: [TEXT], impl: (name: SqliteValue) => viewDef(byName(name), false, 0) },
    { args: [TEXT, BOOL], impl: (name: SqliteValue, p: SqliteValue) => viewDef(byName(name), bool(p), 0) },
  ].map(({ args, impl }, i) => ({
    name: "pg_get_viewdef",
    kind: "udf" as const,
    udfName: `pg_get_viewdef_${i}`,
    args,
    returns: t(TEXT),
    volatility: "stable" as const,
    impl: impl as (...a: SqliteValue[]) => SqliteValue,
  })),
);
