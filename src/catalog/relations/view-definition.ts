import { deparseSync } from "pgsql-deparser";
import { Untranslator } from "../../functions/lib/catalog-expr-untranslate.js";
import { functionsNamed } from "../../functions/registry.js";
import type { Node } from "../../sql/ast.js";
import { asKind } from "../../sql/ast.js";
import { parseSql } from "../../sql/parse.js";
import type { RelationInfo, SchemaView } from "../../sql/schema.js";

/**
 * pg_views.definition: pg_get_viewdef(oid) where that function is declared; otherwise the view's
 * query read back from the SQLite SQL the translator stored, printed by the PostgreSQL deparser
 * (the same query, not PostgreSQL's layout).
 */
export function viewDefinition(schema: SchemaView, rel: RelationInfo): string | null {
  const viewdef = functionsNamed("pg_get_viewdef").find((d) => d.kind === "udf" && d.args.length === 1);
  if (viewdef?.kind === "udf") {
    const text = viewdef.impl(rel.oid);
    if (typeof text === "string") return text;
  }
  return deparsedView(schema, rel);
}

const cache = new WeakMap<RelationInfo, string | null>();

function deparsedView(schema: SchemaView, rel: RelationInfo): string | null {
  if (cache.has(rel)) return cache.get(rel)!;
  let text: string | null = null;
  try {
    const view = rel.sql ? asKind(parseSql(rel.sql)[0]?.node, "ViewStmt") : undefined;
    if (view?.query) {
      const query = new Untranslator(schema, () => undefined).node(view.query as Node);
      text = ` ${deparseSync(query)};`;
    }
  } catch {
    text = null;
  }
  cache.set(rel, text);
  return text;
}
