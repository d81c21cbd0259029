import { PgError } from "../../errors/pg-error.js";
import { typeByName } from "../../types/registry.js";
import { t } from "../oids.js";
import type { EnumInfo } from "../schema.js";
import { quoteString } from "../sqlite-text.js";
import type { Ctx, Expr } from "./context.js";
import { enumSortKeySql } from "./enums.js";

/**
 * enum_first, enum_last and enum_range (PostgreSQL 15's enum.c): the labels come from the tenant's
 * schema when the statement is translated; only the bounds of enum_range(a, b) are evaluated when
 * it runs. Arrays of enum types are not supported, so enum_range gives the labels as text[]
 * (stored as JSON text), which is what its usual callers (::text[], array_to_string, unnest) need.
 */
const TEXT_ARRAY = typeByName("_text")!.oid;
const ENUM_FUNCTIONS = new Set(["enum_first", "enum_last", "enum_range"]);

function labelsJson(e: EnumInfo, from: number, to: number): string {
  return quoteString(JSON.stringify(e.labels.slice(from, to).map((l) => l.label)));
}

/** The call, when it is one of the enum functions on arguments of an enum type. */
export function translateEnumFunction(ctx: Ctx, name: string, args: Expr[]): Expr | undefined {
  if (!ENUM_FUNCTIONS.has(name) || args.length === 0 || args.length > 2) return undefined;
  const e = args.map((a) => ctx.schema.enumByOid(a.type.oid)).find((x) => x !== undefined);
  if (!e || args.some((a) => a.type.oid !== e.oid && a.sql !== "NULL")) return undefined;
  if (name !== "enum_range" && args.length === 2) return undefined;
  const n = e.labels.length;
  if (name === "enum_first" || name === "enum_last") {
    const label = name === "enum_first" ? e.labels[0] : e.labels[n - 1];
    if (!label) throw new PgError("OBJECT_NOT_IN_PREREQUISITE_STATE", `enum ${e.name} contains no values`);
    return { sql: quoteString(label.label), type: t(e.oid) };
  }
  if (args.length === 1) return { sql: labelsJson(e, 0, n), type: t(TEXT_ARRAY) };
  // enum_range(a, b): the labels from a to b inclusive; a NULL bound is open.
  const values = e.labels.map((l, i) => `(${i + 1}, ${quoteString(l.label)})`).join(", ");
  const lo = `coalesce(${enumSortKeySql(e, args[0]!.sql)}, 1)`;
  const hi = `coalesce(${enumSortKeySql(e, args[1]!.sql)}, ${n})`;
  const sql =
    n === 0
      ? "'[]'"
      : `(SELECT json_group_array(column2) FROM (SELECT column1, column2 FROM (VALUES ${values}) WHERE column1 BETWEEN ${lo} AND ${hi} ORDER BY column1))`;
  return { sql, type: t(TEXT_ARRAY) };
}
