import { parseTableDdl } from "../../catalog/table-ddl.js";
import { PgError, unsupported } from "../../errors/pg-error.js";
import type { NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { COMMENTS, CREATE_COMMENTS } from "../metadata.js";
import type { CommentInfo } from "../schema.js";
import { quoteString } from "../sqlite-text.js";
import type { Ctx } from "./context.js";
import type { DdlOutput } from "./create-table.js";

/**
 * COMMENT ON ... IS: comments are kept in _tenantgres_comments by object name (renames and drops
 * keep them in step), for obj_description, col_description and the catalogs to read.
 */

const RELATION_KINDS: Record<string, string> = {
  OBJECT_TABLE: "table",
  OBJECT_VIEW: "view",
  OBJECT_SEQUENCE: "sequence",
  OBJECT_INDEX: "index",
};

function relationName(names: string[]): string {
  if (names.length > 1 && names.at(-2) !== "public")
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${names.at(-2)}" does not exist`);
  if (names.length > 2) throw unsupported("cross-database references");
  return names.at(-1)!;
}

/** Which relation kind a name is: "table", "view", "sequence" or "index", if it exists. */
function relationKind(ctx: Ctx, name: string): string | undefined {
  const rel = ctx.schema.relation(name);
  if (rel) return rel.kind;
  if (ctx.schema.sequence(name)) return "sequence";
  if (ctx.schema.index(name)) return "index";
  return undefined;
}

export function translateComment(ctx: Ctx, stmt: NodeOf<"CommentStmt">): DdlOutput {
  ctx.writes = true;
  ctx.changesSchema = true;
  const objtype = stmt.objtype ?? "";
  const target = commentTarget(ctx, objtype, stmt);
  const key = `${quoteString(target.kind)}, ${quoteString(target.name)}, ${quoteString(target.sub ?? "")}`;
  if (stmt.comment === undefined || stmt.comment === null || stmt.comment === "") {
    if (!ctx.schema.hasMetadata(COMMENTS)) return { setup: [], sql: "" };
    return {
      setup: [
        `DELETE FROM ${COMMENTS} WHERE kind = ${quoteString(target.kind)} AND name = ${quoteString(target.name)} AND sub = ${quoteString(target.sub ?? "")}`,
      ],
      sql: "",
    };
  }
  return {
    setup: [
      CREATE_COMMENTS,
      `INSERT OR REPLACE INTO ${COMMENTS} VALUES (${key}, ${quoteString(stmt.comment)})`,
    ],
    sql: "",
  };
}

function commentTarget(ctx: Ctx, objtype: string, stmt: NodeOf<"CommentStmt">): Omit<CommentInfo, "comment"> {
  const names = stringList(asKind(stmt.object, "List")?.items ?? []);
  const noun = RELATION_KINDS[objtype];
  if (noun) {
    const name = relationName(names);
    const kind = relationKind(ctx, name);
    if (!kind) throw new PgError("UNDEFINED_TABLE", `relation "${names.join(".")}" does not exist`);
    if (kind !== noun)
      throw new PgError("WRONG_OBJECT_TYPE", `"${name}" is not a${noun === "index" ? "n" : ""} ${noun}`);
    return { kind: "relation", name };
  }
  switch (objtype) {
    case "OBJECT_COLUMN": {
      if (names.length < 2) throw new PgError("SYNTAX_ERROR", "column name must be qualified");
      const table = relationName(names.slice(0, -1));
      const column = names.at(-1)!;
      const rel = ctx.schema.relation(table);
      if (!rel)
        throw new PgError("UNDEFINED_TABLE", `relation "${names.slice(0, -1).join(".")}" does not exist`);
      if (!rel.column(column))
        throw new PgError("UNDEFINED_COLUMN", `column "${column}" of relation "${table}" does not exist`);
      return { kind: "column", name: table, sub: column };
    }
    case "OBJECT_TABCONSTRAINT": {
      const table = relationName(names.slice(0, -1));
      const constraint = names.at(-1)!;
      const rel = ctx.schema.relation(table);
      if (!rel)
        throw new PgError("UNDEFINED_TABLE", `relation "${names.slice(0, -1).join(".")}" does not exist`);
      const elements = rel.sql ? (parseTableDdl(rel.sql)?.elements ?? []) : [];
      const exists =
        elements.some((e) => e.kind === "constraint" && e.name === constraint) ||
        rel.foreignKeys?.some((fk) => fk.name === constraint) ||
        (ctx.schema.indexesOf?.(table) ?? []).some((i) => i.constraint === constraint);
      if (!exists)
        throw new PgError(
          "UNDEFINED_OBJECT",
          `constraint "${constraint}" for table "${table}" does not exist`,
        );
      return { kind: "constraint", name: table, sub: constraint };
    }
    case "OBJECT_TYPE": {
      const tn = asKind(stmt.object, "TypeName");
      const typeNames = stringList(tn?.names);
      const name = relationName(typeNames);
      if (!ctx.schema.enumType(name) && !ctx.schema.compositeType(name)) {
        if (ctx.schema.relation(name)) throw unsupported("COMMENT ON TYPE of a table's row type");
        throw new PgError("UNDEFINED_OBJECT", `type "${typeNames.join(".")}" does not exist`);
      }
      return { kind: "type", name };
    }
    case "OBJECT_SCHEMA": {
      const name = asKind(stmt.object, "String")?.sval ?? "";
      if (name !== "public") throw new PgError("INVALID_SCHEMA_NAME", `schema "${name}" does not exist`);
      return { kind: "schema", name };
    }
    default:
      throw unsupported(`COMMENT ON ${objtype.replace("OBJECT_", "").replaceAll("_", " ")}`);
  }
}
