import { quoteIdent } from "../sqlite-text.js";

/**
 * INTERSECT ALL and EXCEPT ALL, which SQLite lacks: each left row is numbered within its group of
 * equal rows (NULLs equal, as PostgreSQL's set operations treat them), and the nth copy is kept
 * when the right side has at least n copies (INTERSECT ALL) or fewer than n (EXCEPT ALL).
 * left and right are the members' SQL; the result's columns are named leftNames.
 */
export function setOperationAllSql(
  op: "INTERSECT" | "EXCEPT",
  left: string,
  right: string,
  leftNames: string[],
  rightNames: string[],
): string {
  const l = leftNames.map(quoteIdent);
  const n = quoteIdent("?setop_copy");
  const numbered = `SELECT *, row_number() OVER (PARTITION BY ${l.join(", ")}) AS ${n} FROM (${left})`;
  const same = rightNames.map((r, i) => `"?r".${quoteIdent(r)} IS "?l".${l[i]}`).join(" AND ");
  const copies = `(SELECT count(*) FROM (${right}) AS "?r" WHERE ${same})`;
  return `SELECT ${l.map((c) => `"?l".${c}`).join(", ")} FROM (${numbered}) AS "?l" WHERE "?l".${n} ${op === "INTERSECT" ? "<=" : ">"} ${copies}`;
}
