import { escapeJsonString } from "../../types/codecs/json.js";
import type { Node } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { JSON_TYPE, t } from "../oids.js";
import { quoteString } from "../sqlite-text.js";
import { compositeFunction } from "./composite-functions.js";
import type { Ctx, Expr } from "./context.js";
import { callByName } from "./functions.js";
import type { Scope } from "./scope.js";

/**
 * A whole-row reference (`t` or `t.*` naming a FROM item) as the argument of the JSON functions
 * that take a record: row_to_json(t), to_json(t), to_jsonb(t), json_agg(t), jsonb_agg(t). The row
 * becomes its json object, built as composite_to_json builds it: each column converted by
 * to_json, in column order, without spaces.
 */
const ROW_FUNCTIONS = new Set(["row_to_json", "to_json", "to_jsonb", "json_agg", "jsonb_agg"]);

export function wholeRowJson(ctx: Ctx, name: string, arg: Node, scope: Scope): Expr | undefined {
  if (!ROW_FUNCTIONS.has(name)) return undefined;
  const ref = asKind(arg, "ColumnRef");
  if (!ref) return undefined;
  const fields = stringList(ref.fields);
  if (fields.length === 2 && fields[1] !== "*") return undefined;
  if (fields.length > 2) return undefined;
  const alias = fields[0]!;
  if (fields.length === 1) {
    // A column of that name wins over the FROM item.
    try {
      scope.resolve([alias]);
      return undefined;
    } catch {
      // not a column
    }
  }
  const item = scope.item(alias);
  if (!item) return undefined;
  const parts = item.columns
    .filter((c) => !c.hidden)
    .map((c) => {
      const column = { sql: c.ref, type: c.type };
      const value = compositeFunction(ctx, "to_json", [column]) ?? callByName(ctx, "to_json", [column]);
      return `${quoteString(`${escapeJsonString(c.name)}:`)} || coalesce(${value.sql}, 'null')`;
    });
  const sql = parts.length === 0 ? "'{}'" : `('{' || ${parts.join(" || ',' || ")} || '}')`;
  // json_agg starts each composite value after the first on a new line; it knows them by this mark.
  return { sql: name === "json_agg" ? `(char(1) || ${sql})` : sql, type: t(JSON_TYPE) };
}
