import type { Ir } from "../../functions/lib/catalog-expr-ir.js";
import { untranslatedNode } from "../../functions/lib/catalog-expr-text.js";
import type { Node } from "../../sql/ast.js";
import { asKind } from "../../sql/ast.js";
import { parseSql } from "../../sql/parse.js";
import type { IndexInfo, RelationInfo, SchemaView } from "../../sql/schema.js";
import { withNullsOrdering } from "../annotations.js";

/**
 * An index's keys (a column, or an expression as PostgreSQL reads it back from the SQLite SQL the
 * translator stored) and its predicate, from its CREATE INDEX text; a constraint's index has
 * only column keys.
 */
export interface IndexKey {
  column?: string;
  expr?: Ir;
  desc: boolean;
  nullsFirst: boolean;
}

export interface IndexKeys {
  keys: IndexKey[];
  where?: Ir;
}

const cache = new WeakMap<IndexInfo, IndexKeys>();

export function indexKeys(schema: SchemaView, ix: IndexInfo, rel: RelationInfo): IndexKeys {
  const hit = cache.get(ix);
  if (hit) return hit;
  const stmt = ix.sql ? asKind(parseOne(withNullsOrdering(ix.sql)), "IndexStmt") : undefined;
  let out: IndexKeys;
  if (!stmt) out = { keys: ix.columns.map((column) => ({ column, desc: false, nullsFirst: false })) };
  else {
    const keys = (stmt.indexParams ?? []).map((p): IndexKey => {
      const e = asKind(p, "IndexElem")!;
      const desc = e.ordering === "SORTBY_DESC";
      const nulls = e.nulls_ordering;
      return {
        column: e.name,
        expr: e.expr ? untranslatedNode(schema, rel, e.expr) : undefined,
        desc,
        // DESC sorts NULLs first unless told otherwise, ASC last.
        nullsFirst: nulls === "SORTBY_NULLS_FIRST" || (desc && nulls !== "SORTBY_NULLS_LAST"),
      };
    });
    out = { keys, where: stmt.whereClause ? untranslatedNode(schema, rel, stmt.whereClause) : undefined };
  }
  cache.set(ix, out);
  return out;
}

function parseOne(sql: string): Node | undefined {
  try {
    return parseSql(sql)[0]?.node;
  } catch {
    return undefined;
  }
}

/**
 * The names PostgreSQL gives an index's columns: the column's name, or for an expression the
 * function's name or "expr", made unique with a number (expr, expr1, ...).
 */
export function indexColumnNames(keys: IndexKey[]): string[] {
  const used = new Set<string>();
  return keys.map((k) => {
    const stem = k.column ?? (k.expr?.k === "func" ? k.expr.name : "expr");
    let name = stem;
    for (let i = 1; used.has(name); i++) name = `${stem}${i}`;
    used.add(name);
    return name;
  });
}
