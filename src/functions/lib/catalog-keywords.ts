// pg_get_keywords(), and quote_identifier as PostgreSQL's deparsing functions (pg_get_indexdef,
// pg_get_viewdef, ...) use it: quotes unless the name is lower-case letters, digits, _ and $ and
// is not a keyword other than an unreserved one.
import { BOOL, CHAR, TEXT, t } from "../../sql/oids.js";
import { defineFunctions } from "../registry.js";
import { pgKeywords } from "./catalog-keywords.generated.js";

const CATEGORY = new Map(pgKeywords.map(([word, catcode]) => [word, catcode]));

const CATDESC: Record<string, string> = {
  U: "unreserved",
  C: "unreserved (cannot be function or type name)",
  T: "reserved (can be function or type name)",
  R: "reserved",
};

/** PostgreSQL's quote_identifier. */
export function quoteIdentifier(name: string): string {
  const safe = /^[a-z_][a-z0-9_$]*$/.test(name) && (CATEGORY.get(name) ?? "U") === "U";
  return safe ? name : `"${name.replaceAll('"', '""')}"`;
}

/** A schema-qualified name as quote_qualified_identifier prints it. */
export function quoteQualified(schema: string | undefined, name: string): string {
  return schema === undefined ? quoteIdentifier(name) : `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}

defineFunctions([
  {
    name: "pg_get_keywords",
    kind: "udf-set",
    udfName: "pg_get_keywords",
    args: [],
    returns: t(TEXT),
    volatility: "stable",
    columns: () => [
      { name: "word", type: t(TEXT) },
      { name: "catcode", type: t(CHAR) },
      { name: "barelabel", type: t(BOOL) },
      { name: "catdesc", type: t(TEXT) },
      { name: "baredesc", type: t(TEXT) },
    ],
    *rows() {
      for (const [word, catcode, bare] of pgKeywords) {
        yield [word, catcode, bare ? 1 : 0, CATDESC[catcode]!, bare ? "can be bare label" : "requires AS"];
      }
    },
  },
]);
