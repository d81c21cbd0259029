import { PgError, unsupported } from "../../errors/pg-error.js";
import type { NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { TEXT, t, UNKNOWN } from "../oids.js";
import { quoteIdent } from "../sqlite-text.js";
import type { Ctx } from "./context.js";
import type { DdlOutput } from "./create-table.js";
import { declaredType } from "./create-table.js";
import { translateSelect } from "./select.js";
import { createTableKeyword, relationExists, tableTarget } from "./temporary.js";

/**
 * CREATE TABLE ... AS query and SELECT ... INTO: a table with the query's column names and types
 * (typmods kept, as PostgreSQL keeps them), filled with the query's rows unless WITH NO DATA.
 */
export function translateCreateTableAs(
  ctx: Ctx,
  into: NodeOf<"IntoClause">,
  query: NodeOf<"SelectStmt">,
  ifNotExists: boolean,
): DdlOutput {
  const rv = into.rel!;
  const name = rv.relname!;
  const position = ctx.pos(rv.location);
  const { temp } = tableTarget(ctx, rv, into.onCommit);
  if (into.accessMethod) throw unsupported("CREATE TABLE ... USING", position);
  ctx.writes = true;
  ctx.changesSchema = true;
  if (relationExists(ctx, name, temp)) {
    if (ifNotExists) return { setup: [], sql: "", notice: `relation "${name}" already exists, skipping` };
    throw new PgError("DUPLICATE_TABLE", `relation "${name}" already exists`);
  }
  const out = translateSelect(ctx, query);
  const given = stringList(into.colNames);
  if (given.length > out.columns.length)
    throw new PgError("SYNTAX_ERROR", "too many column names were specified");
  const names = out.columns.map((c, i) => given[i] ?? c.name);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new PgError("DUPLICATE_COLUMN", `column "${n}" specified more than once`);
    seen.add(n);
  }
  const defs = out.columns.map((c, i) => {
    const type = c.type.oid === UNKNOWN ? t(TEXT) : c.type;
    return `${quoteIdent(names[i]!)} ${declaredType(ctx, type)}`;
  });
  const create = `${createTableKeyword(temp)} ${quoteIdent(name)} (${defs.join(", ")})`;
  if (into.skipData) return { setup: [create], sql: "" };
  const list = names.map(quoteIdent).join(", ");
  const picks = out.columns.map((c) => `s.${quoteIdent(c.alias)}`).join(", ");
  return {
    setup: [create],
    sql: `INSERT INTO ${quoteIdent(name)} (${list}) SELECT ${picks} FROM (${out.sql}) AS s`,
  };
}

/** SELECT ... INTO table: the statement without its INTO clause, and the clause. */
export function selectInto(stmt: NodeOf<"SelectStmt">): [NodeOf<"IntoClause">, NodeOf<"SelectStmt">] {
  const { intoClause, ...query } = stmt;
  return [intoClause!, query];
}

export function createTableAsQuery(ctx: Ctx, s: NodeOf<"CreateTableAsStmt">): NodeOf<"SelectStmt"> {
  if (s.objtype === "OBJECT_MATVIEW" && s.into?.skipData)
    throw unsupported("CREATE MATERIALIZED VIEW ... WITH NO DATA", ctx.pos(s.into?.rel?.location));
  const query = asKind(s.query, "SelectStmt");
  if (!query)
    throw unsupported("CREATE TABLE AS with a statement other than SELECT", ctx.pos(s.into?.rel?.location));
  return query;
}
