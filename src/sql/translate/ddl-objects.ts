import { indexMethodComment, nullsOrderingComment, viewTypesComment } from "../../catalog/annotations.js";
import { quoteIdentIfNeeded } from "../../catalog/sqlite-schema.js";
import { PgError, unsupported } from "../../errors/pg-error.js";
import { elementTypeOf, formatType } from "../../types/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { COMMENTS, DEFAULTS, IDENTITY, MATVIEWS, ownedByTableSql, SEQUENCES } from "../metadata.js";
import { JSONB } from "../oids.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import { cascadeNotice, withoutForeignKeys } from "./alter-table.js";
import { dependentViews, type RebuildSpec, rebuildSql } from "./alter-table-rebuild.js";
import { dropComposite } from "./composites.js";
import { uniqueName } from "./constraints.js";
import type { Ctx } from "./context.js";
import type { DdlOutput } from "./create-table.js";
import { dropDomain } from "./domains.js";
import { dropEnumType } from "./enums.js";
import { asBool, translateExpr } from "./expr.js";
import { translateDropExtension } from "./extensions.js";
import { Scope } from "./scope.js";
import { translateSelect } from "./select.js";
import { columnsOf } from "./target-table.js";

/** DROP TABLE / INDEX / VIEW / SEQUENCE, CREATE INDEX, CREATE VIEW, TRUNCATE. */

const DROP_KINDS: Record<string, { noun: string; tag: string }> = {
  OBJECT_TABLE: { noun: "table", tag: "DROP TABLE" },
  OBJECT_INDEX: { noun: "index", tag: "DROP INDEX" },
  OBJECT_VIEW: { noun: "view", tag: "DROP VIEW" },
  OBJECT_SEQUENCE: { noun: "sequence", tag: "DROP SEQUENCE" },
  OBJECT_TYPE: { noun: "type", tag: "DROP TYPE" },
  OBJECT_DOMAIN: { noun: "type", tag: "DROP DOMAIN" },
  OBJECT_SCHEMA: { noun: "schema", tag: "DROP SCHEMA" },
  OBJECT_EXTENSION: { noun: "extension", tag: "DROP EXTENSION" },
  OBJECT_MATVIEW: { noun: "materialized view", tag: "DROP MATERIALIZED VIEW" },
};

export function dropTag(stmt: NodeOf<"DropStmt">): string {
  return DROP_KINDS[stmt.removeType ?? ""]?.tag ?? "DROP";
}

function objectNames(node: Node): string[] {
  const tn = asKind(node, "TypeName");
  if (tn) return stringList(tn.names);
  return stringList(asKind(node, "List")?.items ?? [node]);
}

function objectName(node: Node): string {
  const names = objectNames(node);
  if (names.length > 1 && names.at(-2) !== "public") {
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${names.at(-2)}" does not exist`);
  }
  return names.at(-1)!;
}

/** What a DROP statement drops besides what it names (CASCADE), and its NOTICE. */
interface DropState {
  setup: string[];
  notices: string[];
  /** Objects CASCADE dropped too, for one NOTICE. */
  cascaded: string[];
  /** All names the statement drops. */
  dropping: string[];
  /** Views already dropped. */
  droppedViews: Set<string>;
}

export function translateDrop(ctx: Ctx, stmt: NodeOf<"DropStmt">): DdlOutput {
  if (stmt.removeType === "OBJECT_EXTENSION") return translateDropExtension(ctx, stmt);
  const kind = DROP_KINDS[stmt.removeType ?? ""];
  if (!kind) throw unsupported(`DROP ${(stmt.removeType ?? "").replace("OBJECT_", "")}`);
  if (stmt.concurrent && kind.noun !== "index") throw unsupported("DROP ... CONCURRENTLY");
  ctx.writes = true;
  ctx.changesSchema = true;
  const cascade = stmt.behavior === "DROP_CASCADE";
  const state: DropState = { setup: [], notices: [], cascaded: [], dropping: [], droppedViews: new Set() };
  if (kind.noun === "schema") return dropSchema(ctx, stmt);
  if (kind.noun === "type") {
    for (const o of stmt.objects ?? []) {
      const names = objectNames(o);
      const dropped =
        (stmt.removeType === "OBJECT_TYPE" &&
          dropEnumType(ctx, names, cascade, state.setup, state.notices)) ||
        dropDomain(ctx, names, cascade, state.setup) ||
        (stmt.removeType === "OBJECT_TYPE" && dropComposite(ctx, names, cascade, state.setup));
      if (!dropped) {
        if (!stmt.missing_ok)
          throw new PgError("UNDEFINED_OBJECT", `type "${names.join(".")}" does not exist`);
        state.notices.push(`type "${names.join(".")}" does not exist, skipping`);
      }
    }
    return { setup: state.setup, sql: "", notice: state.notices.join("\n") || undefined };
  }
  state.dropping = (stmt.objects ?? []).map((o) => objectName(o));
  for (const name of kind.noun === "table" ? referringFirst(ctx, state.dropping) : state.dropping) {
    const exists = dropOne(ctx, kind.noun, name, cascade, state);
    if (!exists) {
      if (!stmt.missing_ok) {
        throw new PgError(
          kind.noun === "index" ? "UNDEFINED_OBJECT" : "UNDEFINED_TABLE",
          `${kind.noun} "${name}" does not exist`,
        );
      }
      state.notices.push(`${kind.noun} "${name}" does not exist, skipping`);
    }
  }
  if (state.cascaded.length > 0) state.notices.push(cascadeNotice(state.cascaded));
  // Tables dropped together may refer to each other in a cycle: no order leaves the checks happy.
  const together = kind.noun === "table" ? state.dropping.filter((n) => ctx.schema.relation(n)) : [];
  const linked = together.some((n) =>
    ctx.schema.relation(n)?.foreignKeys?.some((fk) => fk.table !== n && together.includes(fk.table)),
  );
  if (linked)
    state.setup = ["PRAGMA defer_foreign_keys = ON", ...state.setup, "PRAGMA defer_foreign_keys = OFF"];
  return { setup: state.setup, sql: "", notice: state.notices.join("\n") || undefined };
}

/**
 * Tables in the order they can be dropped: those that refer to others first (SQLite deletes a
 * dropped table's rows first, which the foreign keys of tables still there would refuse).
 */
function referringFirst(ctx: Ctx, names: string[]): string[] {
  const out: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (out.includes(name) || path.has(name)) return;
    path.add(name);
    for (const r of ctx.schema.relations()) {
      if (r.name !== name && names.includes(r.name) && r.foreignKeys?.some((fk) => fk.table === name))
        visit(r.name, path);
    }
    out.push(name);
  };
  for (const name of names) visit(name, new Set());
  return out;
}

/** Objects that depend on what is dropped: an error without CASCADE, dropped with it. */
function dependents(what: string, on: string, deps: string[], cascade: boolean, state: DropState): void {
  if (deps.length === 0) return;
  if (!cascade) {
    const message =
      state.dropping.length > 1
        ? "cannot drop desired object(s) because other objects depend on them"
        : `cannot drop ${what} because other objects depend on it`;
    throw new PgError("DEPENDENT_OBJECTS_STILL_EXIST", message, {
      detail: deps.map((d) => `${d} depends on ${on}`).join("\n"),
      hint: "Use DROP ... CASCADE to drop the dependent objects too.",
    });
  }
  state.cascaded.push(...deps);
}

/** Views reading a relation, dropped first (with CASCADE). */
function dropViewsOf(ctx: Ctx, noun: string, name: string, cascade: boolean, state: DropState): void {
  const views = dependentViews(ctx, name).filter((v) => v !== name && !state.dropping.includes(v));
  const pending = views.filter((v) => !state.droppedViews.has(v));
  dependents(
    `${noun} ${name}`,
    `${noun} ${name}`,
    pending.map((v) => `view ${v}`),
    cascade,
    state,
  );
  for (const v of pending) {
    state.setup.push(`DROP VIEW ${quoteIdent(v)}`);
    state.droppedViews.add(v);
  }
}

function dropOne(ctx: Ctx, noun: string, name: string, cascade: boolean, state: DropState): boolean {
  const setup = state.setup;
  const s = ctx.schema;
  switch (noun) {
    case "materialized view": {
      // Its rows are a table of its name; dropping that table and the kept query drops the view.
      if (s.materializedView?.(name) === undefined) {
        const rel = s.relation(name);
        if (rel) {
          throw new PgError("WRONG_OBJECT_TYPE", `"${name}" is not a materialized view`, {
            hint: `Use DROP ${rel.kind === "view" ? "VIEW to remove a view" : "TABLE to remove a table"}.`,
          });
        }
        return false;
      }
      state.setup.push(`DELETE FROM ${MATVIEWS} WHERE name = ${quoteString(name)}`);
      return dropOne(ctx, "materialized view's table", name, cascade, state);
    }
    case "materialized view's table":
    case "table": {
      const rel = s.relation(name);
      if (!rel) return false;
      if (noun === "table" && s.materializedView?.(name) !== undefined) {
        throw new PgError("WRONG_OBJECT_TYPE", `"${name}" is not a table`, {
          hint: "Use DROP MATERIALIZED VIEW to remove a materialized view.",
        });
      }
      if (rel.kind !== "table") {
        throw new PgError("WRONG_OBJECT_TYPE", `"${name}" is not a table`, {
          hint: "Use DROP VIEW to remove a view.",
        });
      }
      // Foreign keys of other tables that refer to this one: CASCADE drops the constraints.
      const fks = new Map<string, Set<string>>();
      const deps: string[] = [];
      for (const r of s.relations()) {
        if (r.name === name || state.dropping.includes(r.name)) continue;
        for (const fk of r.foreignKeys ?? []) {
          if (fk.table !== name) continue;
          deps.push(`constraint ${fk.name} on table ${r.name}`);
          fks.set(r.name, (fks.get(r.name) ?? new Set()).add(fk.name));
        }
      }
      const views = dependentViews(ctx, name).filter(
        (v) => !state.dropping.includes(v) && !state.droppedViews.has(v),
      );
      dependents(
        `table ${name}`,
        `table ${name}`,
        [...deps, ...views.map((v) => `view ${v}`)],
        cascade,
        state,
      );
      for (const v of views) {
        setup.push(`DROP VIEW ${quoteIdent(v)}`);
        state.droppedViews.add(v);
      }
      if (fks.size > 0) {
        const specs = new Map<string, RebuildSpec>();
        for (const [table, names] of fks) specs.set(table, withoutForeignKeys(ctx, table, names));
        setup.push(...rebuildSql(ctx, specs));
      }
      setup.push(`DROP TABLE ${quoteIdent(name)}`);
      forgetRelation(ctx, name, setup, true);
      return true;
    }
    case "view": {
      const rel = s.relation(name);
      if (!rel) return false;
      if (rel.kind !== "view")
        throw new PgError("WRONG_OBJECT_TYPE", `"${name}" is not a view`, {
          hint: "Use DROP TABLE to remove a table.",
        });
      if (state.droppedViews.has(name)) return true;
      dropViewsOf(ctx, "view", name, cascade, state);
      setup.push(`DROP VIEW ${quoteIdent(name)}`);
      state.droppedViews.add(name);
      forgetRelation(ctx, name, setup, false);
      return true;
    }
    case "index": {
      const index = s.index(name);
      if (!index) return false;
      if (index.constraint) {
        throw new PgError(
          "DEPENDENT_OBJECTS_STILL_EXIST",
          `cannot drop index ${name} because constraint ${name} on table ${index.table} requires it`,
          { hint: `You can drop constraint ${name} on table ${index.table} instead.` },
        );
      }
      setup.push(`DROP INDEX ${quoteIdent(name)}`);
      forgetRelation(ctx, name, setup, false);
      return true;
    }
    default: {
      const seq = s.sequence(name);
      if (!seq) return false;
      // An identity column's sequence belongs to the column; a default that calls nextval depends on it.
      for (const r of s.relations()) {
        for (const c of r.columns) {
          if (c.identitySequence === name && !state.dropping.includes(r.name)) {
            throw new PgError(
              "DEPENDENT_OBJECTS_STILL_EXIST",
              `cannot drop sequence ${name} because column ${c.name} of table ${r.name} requires it`,
              { hint: `You can drop column ${c.name} of table ${r.name} instead.` },
            );
          }
        }
      }
      const ref = `${quoteString(quoteIdentIfNeeded(name))}::regclass`;
      const users: { table: string; column: string }[] = [];
      for (const r of s.relations())
        for (const c of r.columns)
          if (!c.identity && c.defaultExpr?.includes(ref)) users.push({ table: r.name, column: c.name });
      dependents(
        `sequence ${name}`,
        `sequence ${name}`,
        users.map((u) => `default value for column ${u.column} of table ${u.table}`),
        cascade,
        state,
      );
      for (const u of users)
        setup.push(
          `DELETE FROM ${DEFAULTS} WHERE table_name = ${quoteString(u.table)} AND column_name = ${quoteString(u.column)}`,
        );
      setup.push(`DELETE FROM ${SEQUENCES} WHERE name = ${quoteString(name)}`);
      forgetRelation(ctx, name, setup, false);
      return true;
    }
  }
}

/** Metadata of a dropped relation: comments, and for a table its defaults, sequences and identity columns. */
function forgetRelation(ctx: Ctx, name: string, setup: string[], table: boolean): void {
  const s = ctx.schema;
  const n = quoteString(name);
  if (s.hasMetadata(COMMENTS)) {
    setup.push(`DELETE FROM ${COMMENTS} WHERE kind IN ('relation', 'column', 'constraint') AND name = ${n}`);
    if (table) {
      // The table's indexes and the sequences its columns own go with it.
      const owned = [
        ...(s.indexesOf?.(name) ?? []).map((i) => i.name),
        ...[...s.sequences()].filter((q) => q.ownedBy?.startsWith(`${name}.`)).map((q) => q.name),
      ];
      if (owned.length > 0)
        setup.push(
          `DELETE FROM ${COMMENTS} WHERE kind = 'relation' AND name IN (${owned.map(quoteString).join(", ")})`,
        );
    }
  }
  if (!table) return;
  if (s.hasMetadata(DEFAULTS)) setup.push(`DELETE FROM ${DEFAULTS} WHERE table_name = ${n}`);
  if (s.hasMetadata(IDENTITY)) setup.push(`DELETE FROM ${IDENTITY} WHERE table_name = ${n}`);
  if (s.hasMetadata(SEQUENCES)) setup.push(`DELETE FROM ${SEQUENCES} WHERE ${ownedByTableSql(name)}`);
}

/** DROP SCHEMA: only public exists, and it holds everything. */
function dropSchema(ctx: Ctx, stmt: NodeOf<"DropStmt">): DdlOutput {
  const notices: string[] = [];
  for (const o of stmt.objects ?? []) {
    const name = asKind(o, "String")?.sval ?? objectName(o);
    if (name === "public") continue;
    if (!stmt.missing_ok) throw new PgError("INVALID_SCHEMA_NAME", `schema "${name}" does not exist`);
    notices.push(`schema "${name}" does not exist, skipping`);
  }
  const names = (stmt.objects ?? []).map((o) => asKind(o, "String")?.sval ?? "");
  if (!names.includes("public")) return { setup: [], sql: "", notice: notices.join("\n") || undefined };
  if (stmt.behavior === "DROP_CASCADE") throw unsupported("DROP SCHEMA public CASCADE");
  const s = ctx.schema;
  const objects = [
    ...[...s.relations()].map((r) => `${r.kind} ${r.name}`),
    ...[...s.sequences()].map((q) => `sequence ${q.name}`),
    ...[...s.enumTypes()].map((e) => `type ${e.name}`),
  ];
  if (objects.length === 0) throw unsupported("DROP SCHEMA public");
  throw new PgError(
    "DEPENDENT_OBJECTS_STILL_EXIST",
    "cannot drop schema public because other objects depend on it",
    {
      detail: objects.map((o) => `${o} depends on schema public`).join("\n"),
      hint: "Use DROP ... CASCADE to drop the dependent objects too.",
    },
  );
}

/** CREATE SCHEMA: the public schema always exists; other schemas are not supported. */
export function translateCreateSchema(ctx: Ctx, stmt: NodeOf<"CreateSchemaStmt">): DdlOutput {
  void ctx;
  const name = stmt.schemaname ?? stmt.authrole?.rolename;
  if (name !== "public" || stmt.schemaElts?.length) throw unsupported("CREATE SCHEMA");
  if (stmt.if_not_exists) return { setup: [], sql: "", notice: 'schema "public" already exists, skipping' };
  throw new PgError("DUPLICATE_SCHEMA", 'schema "public" already exists');
}

const INDEX_METHODS = new Set(["btree", "hash", "brin", "gin"]);

export function translateCreateIndex(ctx: Ctx, stmt: NodeOf<"IndexStmt">): DdlOutput {
  const rv = stmt.relation!;
  const position = ctx.pos(rv.location);
  const rel = ctx.schema.relation(rv.relname!);
  if (!rel) throw new PgError("UNDEFINED_TABLE", `relation "${rv.relname}" does not exist`, { position });
  if (rel.kind !== "table")
    throw new PgError("WRONG_OBJECT_TYPE", `"${rel.name}" is not a table`, { position });
  // B-tree, hash, BRIN and GIN indexes differ from SQLite's only in speed: they are SQLite indexes
  // (a GIN index on jsonb or an array indexes whole values). GiST and SP-GiST serve types and
  // operators (ranges, geometry, exclusion) that are not supported.
  const method = stmt.accessMethod ?? "btree";
  if (!INDEX_METHODS.has(method)) throw unsupported(`index method "${method}"`, position);
  if (stmt.nulls_not_distinct) throw unsupported("NULLS NOT DISTINCT", position);
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
      const col = rel.column(e.name);
      if (!col) throw new PgError("UNDEFINED_COLUMN", `column "${e.name}" does not exist`, { position });
      if (method === "gin" && col.typeOid !== JSONB && elementTypeOf(col.typeOid) === undefined) {
        throw new PgError(
          "UNDEFINED_OBJECT",
          `data type ${formatType(col.typeOid, -1)} has no default operator class for access method "gin"`,
          {
            position,
            hint: "You must specify an operator class for the index or define a default operator class for the data type.",
          },
        );
      }
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
    return sql + nullsOrderingComment(e.nulls_ordering);
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
    sql: `CREATE ${stmt.unique ? "UNIQUE " : ""}INDEX ${quoteIdent(name)} ON ${quoteIdent(rel.name)} ${indexMethodComment(method)}(${elems.join(", ")})${where}`,
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
  const types = viewTypesComment(out.columns.map((c) => c.type));
  const sql = `CREATE VIEW ${quoteIdent(name)} (${names.map(quoteIdent).join(", ")}) AS ${types} ${out.sql}`;
  return { setup, sql };
}
