// Expression texts as PostgreSQL's pg_get_expr prints them, for a table's CHECK constraints, index
// expressions and predicates (stored by SQLite in translated form) and column defaults.
import type { Node } from "../../sql/ast.js";
import { parseSql } from "../../sql/parse.js";
import type { ColumnInfo, RelationInfo, SchemaView } from "../../sql/schema.js";
import { codecFor } from "../../types/codecs.js";
import { defaultFormatContext } from "../../types/format-context.js";
import { type AnalyzeEnv, Analyzer } from "./catalog-expr-analyze.js";
import { category, type Ir, T } from "./catalog-expr-ir.js";
import { printExpr } from "./catalog-expr-print.js";
import { sqliteIsToPostgres, Untranslator } from "./catalog-expr-untranslate.js";

/** The expression of `SELECT <text>`, or undefined when PostgreSQL's grammar cannot read it. */
export function parseExpression(text: string): Node | undefined {
  try {
    const stmt = parseSql(`SELECT ${text}`)[0]?.node as
      | { SelectStmt?: { targetList?: { ResTarget: { val: Node } }[] } }
      | undefined;
    const list = stmt?.SelectStmt?.targetList;
    return list?.length === 1 ? list[0]!.ResTarget.val : undefined;
  } catch {
    return undefined;
  }
}

/** Name resolution for expressions over one table: unqualified columns. */
export function tableEnv(schema: SchemaView, rel: RelationInfo): AnalyzeEnv {
  return {
    schema,
    column: (fields) => {
      const c = rel.column(fields.at(-1)!);
      return c && { name: c.name, type: c.typeOid, typmod: c.typmod };
    },
  };
}

/** A translated (SQLite) expression over a table, back as PostgreSQL's typed tree. */
export function untranslatedExpr(schema: SchemaView, rel: RelationInfo, sqliteText: string): Ir | undefined {
  const node = parseExpression(sqliteIsToPostgres(sqliteText));
  return node && untranslatedNode(schema, rel, node);
}

/** A translated expression's parse tree (from SQLite text PostgreSQL's grammar read), typed. */
export function untranslatedNode(schema: SchemaView, rel: RelationInfo, node: Node): Ir {
  const env = tableEnv(schema, rel);
  const pg = new Untranslator(schema, (f) => env.column(f)?.type).node(node);
  return new Analyzer(env).expr(pg);
}

/** pg_get_expr of a translated expression, with the SQLite text itself as the last resort. */
export function translatedExprText(
  schema: SchemaView,
  rel: RelationInfo,
  sqliteText: string,
  pretty: boolean,
): string {
  const ir = untranslatedExpr(schema, rel, sqliteText);
  return ir ? printExpr(ir, pretty) : sqliteText;
}

/** A CHECK constraint's expression as pg_get_expr(conbin) prints it (a boolean condition). */
export function checkExprText(
  schema: SchemaView,
  rel: RelationInfo,
  sqliteText: string,
  pretty: boolean,
): string {
  const ir = untranslatedExpr(schema, rel, sqliteText);
  if (!ir) return sqliteText;
  return printExpr(new Analyzer(tableEnv(schema, rel)).coerce(ir, T.bool), pretty);
}

/**
 * A column default as pg_get_expr(adbin) prints it, or null without one. Identity and generated
 * columns have none. The default is coerced to the column's type without showing the coercion,
 * so only untyped literals take the column's type (`'x'::text`, `0`, `'-1'::integer`).
 */
export function columnDefaultText(schema: SchemaView, rel: RelationInfo, col: ColumnInfo): string | null {
  if (col.identity || col.generated) return null;
  const ir = defaultIr(schema, rel, col);
  return ir ? printExpr(ir, false) : null;
}

function defaultIr(schema: SchemaView, rel: RelationInfo, col: ColumnInfo): Ir | undefined {
  const analyzer = new Analyzer(tableEnv(schema, rel));
  if (col.defaultExpr !== undefined) {
    const node = parseExpression(col.defaultExpr);
    if (!node) return { k: "raw", text: col.defaultExpr, type: col.typeOid };
    return analyzer.coerce(analyzer.expr(node), col.typeOid);
  }
  if (col.sqliteDefault === undefined) return undefined;
  const literal = sqliteLiteral(col.sqliteDefault);
  if (literal === undefined) return { k: "raw", text: col.sqliteDefault, type: col.typeOid };
  if (literal === null) return undefined;
  return literalDefault(analyzer, col, literal);
}

/** A SQLite DEFAULT clause's value: null for NULL, undefined when it is not a plain literal. */
function sqliteLiteral(text: string): string | number | null | undefined {
  const s = text.trim().replace(/^\((.*)\)$/s, "$1");
  if (/^null$/i.test(s)) return null;
  if (/^'(?:[^']|'')*'$/.test(s)) return s.slice(1, -1).replaceAll("''", "'");
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return s.replace(/^\+/, "");
  if (/^true$/i.test(s)) return 1;
  if (/^false$/i.test(s)) return 0;
  return undefined;
}

/**
 * A default SQLite holds as a literal in the column's storage form. The literal PostgreSQL was
 * given is gone; a number in a numeric column is taken to have been a number (`0`, `1.5`,
 * `'-1'::integer`), anything else a string literal of the column's type.
 */
function literalDefault(analyzer: Analyzer, col: ColumnInfo, literal: string | number): Ir {
  const type = col.typeOid;
  if (type === T.bool) return { k: "const", type, typmod: -1, value: Number(literal) ? "t" : "f" };
  const numberLike = typeof literal === "number" || /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(literal);
  if (category(type) === "N" && numberLike) {
    const s = String(literal);
    if (/^-?\d+$/.test(s)) {
      const n = BigInt(s);
      const int = n >= -(2n ** 31n) && n < 2n ** 31n ? T.int4 : T.int8;
      return { k: "const", type: int, typmod: -1, value: s };
    }
    return { k: "const", type: T.numeric, typmod: -1, value: s };
  }
  let text = String(literal);
  try {
    text = codecFor(type).toText(literal as never, -1, defaultFormatContext);
  } catch {
    // Not in the codec's storage form: keep the literal's text.
  }
  return analyzer.coerce({ k: "const", type: T.unknown, typmod: -1, value: text }, type);
}
