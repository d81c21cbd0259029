import { asKind } from "../sql/ast.js";
import { parseSql } from "../sql/parse.js";

/**
 * Constraint names from a table's CREATE TABLE text. The translator writes every constraint as a
 * named table constraint, and its SQLite DDL is also valid PostgreSQL, so PostgreSQL's parser
 * reads it back. Tables made by other SQLite tools may not parse: callers fall back to generated names.
 */
export function constraintNames(
  sql: string,
): { keys: string[]; foreignKeys: string[]; checks: string[] } | undefined {
  let stmt: ReturnType<typeof asKind<"CreateStmt">>;
  try {
    stmt = asKind(parseSql(sql)[0]?.node, "CreateStmt");
  } catch {
    return undefined;
  }
  if (!stmt) return undefined;
  const out = { keys: [] as string[], foreignKeys: [] as string[], checks: [] as string[] };
  for (const e of stmt.tableElts ?? []) {
    const c = asKind(e, "Constraint");
    if (!c?.conname) continue;
    if (c.contype === "CONSTR_PRIMARY" || c.contype === "CONSTR_UNIQUE") out.keys.push(c.conname);
    else if (c.contype === "CONSTR_FOREIGN") out.foreignKeys.push(c.conname);
    else if (c.contype === "CONSTR_CHECK") out.checks.push(c.conname);
  }
  return out;
}
