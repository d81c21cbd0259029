import { PgError, unsupported } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { DEFAULTS, SEQUENCES } from "../metadata.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import { uniqueName } from "./constraints.js";
import type { Ctx } from "./context.js";
import type { DdlOutput } from "./create-table.js";
import { asBool, translateExpr } from "./expr.js";
import { Scope } from "./scope.js";
import { translateSelect } from "./select.js";
import { columnsOf } from "./target-table.js";

/** DROP TABLE / INDEX / VIEW / SEQUENCE, CREATE INDEX, CREATE VIEW, TRUNCATE. */

const DROP_KINDS: Record<string, { noun: string; tag: string }> = {
  OBJECT_TABLE: { noun: "table", tag: "DROP TABLE" },
  OBJECT_INDEX: { noun: "index", tag: "DROP INDEX" },
  OBJECT_VIEW: { noun: "view", tag: "DROP VIEW" },
  OBJECT_SEQUENCE: { noun: "sequence", tag: "DROP SEQUENCE" },
};

export function dropTag(stmt: NodeOf<"DropStmt">): string {
  return DROP_KINDS[stmt.removeType ?? ""]?.tag ?? "DROP";
}

function objectName(node: Node): string {
  const names = stringList(asKind(node, "List")?.items ?? [node]);
  if (names.length > 1 && names[0] !== "public") {
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${names[0]}" does not exist`);
  }
  return names.at(-1)!;
}

export function translateDrop(ctx: Ctx, stmt: NodeOf<"DropStmt">): DdlOutput {
  const kind = DROP_KINDS[stmt.removeType ?? ""];
  if (!kind) throw unsupported(`DROP ${(stmt.removeType ?? "").replace("OBJECT_", "")}`);
  if (stmt.concurrent && kind.noun !== "index") throw unsupported("DROP ... CONCURRENTLY");
  ctx.writes = true;
  ctx.changesSchema = true;
  const setup: string[] = [];
  const notices: string[] = [];
  const names = (stmt.objects ?? []).map((o) => objectName(o));
  for (const name of names) {
    const exists = dropOne(ctx, kind.noun, name, stmt.behavior === "DROP_CASCADE", setup, names);
    if (!exists) {
      if (!stmt.missing_ok) {
        const code =
          kind.noun === "index" || kind.noun === "sequence" ? "UNDEFINED_OBJECT" : "UNDEFINED_TABLE";
        throw new PgError(
          code === "UNDEFINED_OBJECT" ? "UNDEFINED_TABLE" : code,
          `${kind.noun} "${name}" does not exist`,
        );
      }
      notices.push(`${kind.noun} "${name}" does not exist, skipping`);
    }
  }
  return { setup, sql: "", notice: notices.join("\n") || undefined };
}

function dropOne(
  ctx: Ctx,
  noun: string,
  name: string,
  cascade: boolean,
  setup: string[],
  dropping: string[],
): boolean {
  switch (noun) {
    case "table": {
      const rel = ctx.schema.relation(name);
      if (!rel) return false;
      if (rel.kind !== "table") {
        throw new PgError("WRONG_OBJECT_TYPE", `"${name}" is not a table`, {
          hint: "Use DROP VIEW to remove a view.",
        });
      }
      const dependents = [...ctx.schema.relations()].filter(
        (r) =>
          r.name !== name && !dropping.includes(r.name) && r.foreignKeys?.some((fk) => fk.table === name),
      );
      if (dependents.length > 0) {
        const fk = dependents[0]!.foreignKeys!.find((f) => f.table === name)!;
        if (cascade) throw unsupported("DROP TABLE ... CASCADE of a table that foreign keys refer to");
        throw new PgError(
          "DEPENDENT_OBJECTS_STILL_EXIST",
          `cannot drop table ${name} because other objects depend on it`,
          {
            detail: `constraint ${fk.name} on table ${dependents[0]!.name} depends on table ${name}`,
            hint: "Use DROP ... CASCADE to drop the dependent objects too.",
          },
        );
      }
      setup.push(`DROP TABLE ${quoteIdent(name)}`);
      if (ctx.schema.hasMetadata(DEFAULTS))
        setup.push(`DELETE FROM ${DEFAULTS} WHERE table_name = ${quoteString(name)}`);
      if (ctx.schema.hasMetadata(SEQUENCES)) {
        setup.push(
          `DELETE FROM ${SEQUENCES} WHERE owned_by LIKE ${quoteString(`${name.replaceAll("\\", "\\\\").replaceAll("%", "\\%").replaceAll("_", "\\_")}.%`)} ESCAPE '\\'`,
        );
      }
      return true;
    }
    case "view": {
      const rel = ctx.schema.relation(name);
      if (!rel) return false;
      if (rel.kind !== "view")
        throw new PgError("WRONG_OBJECT_TYPE", `"${name}" is not a view`, {
          hint: "Use DROP TABLE to remove a table.",
        });
      setup.push(`DROP VIEW ${quoteIdent(name)}`);
      return true;
    }
    case "index": {
      if (!ctx.schema.index(name)) return false;
      if (ctx.schema.index(name)!.constraint) {
        throw new PgError(
          "DEPENDENT_OBJECTS_STILL_EXIST",
          `cannot drop index ${name} because constraint ${name} on table ${ctx.schema.index(name)!.table} requires it`,
          {
            hint: `You can drop constraint ${name} on table ${ctx.schema.index(name)!.table} instead.`,
          },
        );
      }
      setup.push(`DROP INDEX ${quoteIdent(name)}`);
      return true;
    }
    default: {
      const seq = ctx.schema.sequence(name);
      if (!seq) return false;
      if (seq.ownedBy && !cascade) {
        const [table, column] = seq.ownedBy.split(".");
        throw new PgError(
          "DEPENDENT_OBJECTS_STILL_EXIST",
          `cannot drop sequence ${name} because other objects depend on it`,
          {
            detail: `default value for column ${column} of table ${table} depends on sequence ${name}`,
            hint: "Use DROP ... CASCADE to drop the dependent objects too.",
          },
        );
      }
      setup.push(`DELETE FROM ${SEQUENCES} WHERE name = ${quoteString(name)}`);
      return true;
    }
  }
}

const PLAIN_METHODS = new Set(["btree", "hash"]);

export function translateCreateIndex(ctx: Ctx, stmt: NodeOf<"IndexStmt">): DdlOutput {
  const rv = stmt.relation!;
  const position = ctx.pos(rv.location);
  const rel = ctx.schema.relation(rv.relname!);
  if (!rel) throw new PgError("UNDEFINED_TABLE", `relation "${rv.relname}" does not exist`, { position });
  if (rel.kind !== "table")
    throw new PgError("WRONG_OBJECT_TYPE", `"${rel.name}" is not a table`, { position });
  // B-tree and hash indexes differ from SQLite's only in speed; other methods answer other operators.
  if (stmt.accessMethod && !PLAIN_METHODS.has(stmt.accessMethod))
    throw unsupported(`index method "${stmt.accessMethod}"`, position);
  ctx.writes = true;
  ctx.changesSchema = true;
  const scope = new Scope();
  scope.add({
    alias: rel.name,
    columns: columnsOf(rel, rel.name).map((c) => ({ ...c, ref: quoteIdent(c.name) })),
  });
  const names: string[] = [];
  const elems = (stmt.indexParams ?? []).map((p) => {
    const e = asKind(p, "IndexElem")!;
    let sql: string;
    if (e.name) {
      if (!rel.column(e.name))
        throw new PgError("UNDEFINED_COLUMN", `column "${e.name}" does not exist`, { position });
      sql = quoteIdent(e.name);
      names.push(e.name);
    } else {
      sql = `(${translateExpr(ctx, e.expr!, scope).sql})`;
      names.push("expr");
    }
    if (e.collation?.length) {
      const coll = stringList(e.collation).at(-1);
      if (!["C", "POSIX", "default"].includes(coll ?? "")) throw unsupported(`COLLATE "${coll}"`, position);
    }
    // Operator classes such as varchar_pattern_ops only widen which operators may use the index.
    if (e.ordering === "SORTBY_DESC") sql += " DESC";
    return sql;
  });
  const name =
    stmt.idxname ??
    uniqueName(ctx, `${rel.name}_${names.join("_")}_${stmt.unique ? "key" : "idx"}`, new Set());
  if (ctx.schema.relation(name) || ctx.schema.index(name) || ctx.schema.sequence(name)) {
    if (stmt.if_not_exists)
      return { setup: [], sql: "", notice: `relation "${name}" already exists, skipping` };
    throw new PgError("DUPLICATE_TABLE", `relation "${name}" already exists`, { position });
  }
  const where = stmt.whereClause ? ` WHERE ${asBool(ctx, stmt.whereClause, scope, "WHERE")}` : "";
  return {
    setup: [],
    sql: `CREATE ${stmt.unique ? "UNIQUE " : ""}INDEX ${quoteIdent(name)} ON ${quoteIdent(rel.name)} (${elems.join(", ")})${where}`,
  };
}

export function translateCreateView(ctx: Ctx, stmt: NodeOf<"ViewStmt">): DdlOutput {
  const rv = stmt.view!;
  const name = rv.relname!;
  const position = ctx.pos(rv.location);
  if (stmt.withCheckOption && stmt.withCheckOption !== "NO_CHECK_OPTION")
    throw unsupported("WITH CHECK OPTION", position);
  if (rv.relpersistence === "t") throw unsupported("temporary views", position);
  ctx.writes = true;
  ctx.changesSchema = true;
  const select = asKind(stmt.query, "SelectStmt")!;
  const out = translateSelect(ctx, select);
  const aliases = stringList(stmt.aliases);
  const names = out.columns.map((c, i) => aliases[i] ?? c.name);
  const setup: string[] = [];
  const existing = ctx.schema.relation(name);
  if (existing) {
    if (!stmt.replace || existing.kind !== "view")
      throw new PgError("DUPLICATE_TABLE", `relation "${name}" already exists`, { position });
    setup.push(`DROP VIEW ${quoteIdent(name)}`);
  }
  const sql = `CREATE VIEW ${quoteIdent(name)} (${names.map(quoteIdent).join(", ")}) AS ${out.sql}`;
  return { setup, sql };
}

export function translateTruncate(ctx: Ctx, stmt: NodeOf<"TruncateStmt">): DdlOutput {
  ctx.writes = true;
  if (stmt.behavior === "DROP_CASCADE") throw unsupported("TRUNCATE ... CASCADE");
  const setup: string[] = [];
  for (const r of stmt.relations ?? []) {
    const rv = asKind(r, "RangeVar")!;
    const rel = ctx.schema.relation(rv.relname!);
    if (!rel)
      throw new PgError("UNDEFINED_TABLE", `relation "${rv.relname}" does not exist`, {
        position: ctx.pos(rv.location),
      });
    if (rel.kind !== "table") throw new PgError("WRONG_OBJECT_TYPE", `"${rel.name}" is not a table`);
    setup.push(`DELETE FROM ${quoteIdent(rel.name)}`);
    if (stmt.restart_seqs && ctx.schema.hasMetadata(SEQUENCES)) {
      setup.push(
        `UPDATE ${SEQUENCES} SET last_value = start_value, is_called = 0 WHERE owned_by LIKE ${quoteString(`${rel.name}.%`)}`,
      );
    }
  }
  return { setup, sql: "" };
}
