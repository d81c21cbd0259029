import { PgError, unsupported } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import type { RelationInfo } from "../schema.js";
import { quoteIdent } from "../sqlite-text.js";
import type { Ctx } from "./context.js";
import { translateExpr } from "./expr.js";
import { relationColumns, Scope, type ScopeColumn, systemColumns } from "./scope.js";
import type { OutputColumn } from "./select.js";
import { translateTargetList } from "./target-list.js";

/** The table an INSERT, UPDATE or DELETE writes, resolved and checked. */
export function targetTable(ctx: Ctx, rv: NodeOf<"RangeVar">, verb: string): RelationInfo {
  const position = ctx.pos(rv.location);
  const name = rv.relname ?? "";
  if (rv.schemaname !== undefined && rv.schemaname !== "public") {
    throw new PgError("UNDEFINED_TABLE", `relation "${rv.schemaname}.${name}" does not exist`, { position });
  }
  const rel = ctx.schema.relation(name);
  if (!rel) throw new PgError("UNDEFINED_TABLE", `relation "${name}" does not exist`, { position });
  if (rel.kind === "view") throw unsupported(`${verb} on views`, position);
  if (!rel.temp && ctx.schema.materializedView?.(name) !== undefined)
    throw new PgError("WRONG_OBJECT_TYPE", `cannot change materialized view "${name}"`);
  ctx.writes = true;
  return rel;
}

/** The target table's columns in a scope, referred to by alias. */
export function targetScope(rel: RelationInfo, alias: string, parent?: Scope): Scope {
  const scope = new Scope(parent);
  scope.add({ alias, columns: columnsOf(rel, alias) });
  return scope;
}

export function columnsOf(rel: RelationInfo, alias: string): ScopeColumn[] {
  return relationColumns(
    alias,
    rel.columns.map((c) => ({ name: c.name, type: { oid: c.typeOid, typmod: c.typmod }, attnum: c.attnum })),
    rel.oid,
  );
}

/**
 * RETURNING: SQLite lets it refer only to the modified table, by unqualified column name (or the
 * table's own name). Other FROM items are visible but refused with 0A000.
 */
export function translateReturning(
  ctx: Ctx,
  rel: RelationInfo,
  alias: string,
  list: Node[] | undefined,
  fromScope?: Scope,
  xmax?: string,
): { sql: string; columns: OutputColumn[] } | undefined {
  if (!list?.length) return undefined;
  const scope = new Scope();
  scope.add({
    alias,
    columns: rel.columns.map((c) => ({
      name: c.name,
      type: { oid: c.typeOid, typmod: c.typmod },
      ref: quoteIdent(c.name),
      tableOid: rel.oid,
      attnum: c.attnum,
    })),
    systemColumns: systemColumns(undefined, rel.oid, xmax),
  });
  for (const item of fromScope?.items.slice(1) ?? []) {
    scope.add({
      alias: item.alias,
      columns: item.columns.map((c) => ({ ...c, unsupported: "RETURNING columns of FROM items" })),
    });
  }
  return translateTargetList(ctx, list, scope);
}

/** Column names of an INSERT or UPDATE target list, refusing subscripts and field assignments. */
export function assignedColumn(ctx: Ctx, rel: RelationInfo, target: NodeOf<"ResTarget">, verb: string) {
  if (target.indirection?.length)
    throw unsupported(`${verb} of array elements or fields`, ctx.pos(target.location));
  const col = rel.column(target.name ?? "");
  if (!col) {
    throw new PgError(
      "UNDEFINED_COLUMN",
      `column "${target.name}" of relation "${rel.name}" does not exist`,
      {
        position: ctx.pos(target.location),
      },
    );
  }
  return col;
}

export function isDefault(node: Node | undefined): boolean {
  return asKind(node, "SetToDefault") !== undefined;
}

/**
 * Translates a stored default expression (PostgreSQL SQL text) for a column. An untyped literal
 * stays untyped: it is read as the column's type when assigned ('0' for a numeric column).
 */
export function defaultExpression(ctx: Ctx, text: string): ReturnType<typeof translateExpr> {
  return translateExpr(ctx, ctx.parseExpression(text), new Scope());
}

export { stringList };
