// ALTER TABLE: each subcommand edits a model of the table (its columns and constraints as the
// CREATE TABLE text has them, and where each new value comes from). What SQLite can do in place
// (ADD COLUMN of a plain column, DROP COLUMN of an unconstrained one, metadata changes) is done in
// place; anything else rebuilds the table (see alter-table-rebuild.ts) from its edited text, in
// which unchanged columns and constraints keep their text as it was. The model and the families
// of subcommands are in alter-table-model.ts, alter-table-constraints.ts, alter-table-columns.ts
// and alter-table-column-type.ts; here are the dispatch, identity columns and the output.
import { PgError, unsupported } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import { IDENTITY, SEQUENCES } from "../metadata.js";
import { INT2, INT4, INT8 } from "../oids.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import { AlterTableColumnTypes } from "./alter-table-column-type.js";
import { positioned } from "./alter-table-model.js";
import { checkStorageOptions } from "./alter-table-options.js";
import { type RebuildSpec, rebuildSql } from "./alter-table-rebuild.js";
import type { Ctx } from "./context.js";
import { type DdlOutput, identityColumn } from "./create-table.js";
import { alterSequenceSql, parseSequenceOptions, storedOptions } from "./sequences.js";

export { cascadeNotice } from "./alter-table-model.js";

/** Subcommands that only tune storage or planning: accepted, no effect on results. */
const NO_EFFECT = new Set([
  "AT_SetRelOptions",
  "AT_ResetRelOptions",
  "AT_ReplaceRelOptions",
  "AT_ChangeOwner",
  "AT_SetStatistics",
  "AT_SetStorage",
  "AT_SetCompression",
  "AT_SetOptions",
  "AT_ResetOptions",
  "AT_ClusterOn",
  "AT_DropCluster",
  "AT_SetLogged",
  "AT_SetUnLogged",
]);

/** PostgreSQL's names of subcommands, for errors on relations they do not apply to. */
const ACTION_NAMES: Record<string, string> = {
  AT_AddColumn: "ADD COLUMN",
  AT_DropColumn: "DROP COLUMN",
  AT_ColumnDefault: "ALTER COLUMN ... SET DEFAULT",
  AT_SetNotNull: "ALTER COLUMN ... SET NOT NULL",
  AT_DropNotNull: "ALTER COLUMN ... DROP NOT NULL",
  AT_AlterColumnType: "ALTER COLUMN TYPE",
  AT_AddConstraint: "ADD CONSTRAINT",
  AT_DropConstraint: "DROP CONSTRAINT",
  AT_ValidateConstraint: "VALIDATE CONSTRAINT",
  AT_AddIdentity: "ALTER COLUMN ... ADD IDENTITY",
  AT_SetIdentity: "ALTER COLUMN ... SET",
  AT_DropIdentity: "ALTER COLUMN ... DROP IDENTITY",
};

export function translateAlterTable(ctx: Ctx, stmt: NodeOf<"AlterTableStmt">): DdlOutput {
  const rv = stmt.relation!;
  const name = rv.relname!;
  const position = ctx.pos(rv.location);
  if (rv.schemaname !== undefined && rv.schemaname !== "public")
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${rv.schemaname}" does not exist`);
  ctx.writes = true;
  ctx.changesSchema = true;
  const cmds = (stmt.cmds ?? []).map((c) => asKind(c, "AlterTableCmd")!);
  const objtype = stmt.objtype ?? "OBJECT_TABLE";
  if (objtype === "OBJECT_TYPE" && ctx.schema.compositeType(name))
    throw unsupported("ALTER TYPE of composite types", position);
  if (objtype !== "OBJECT_TABLE") {
    const noun = objtype.replace("OBJECT_", "").toLowerCase();
    const found = ctx.schema.relation(name) ?? ctx.schema.sequence(name) ?? ctx.schema.index(name);
    if (!found) {
      if (stmt.missing_ok)
        return { setup: [], sql: "", notice: `relation "${name}" does not exist, skipping` };
      throw new PgError("UNDEFINED_TABLE", `relation "${name}" does not exist`);
    }
    if (cmds.every((c) => NO_EFFECT.has(c.subtype ?? ""))) return { setup: [], sql: "" };
    throw unsupported(`ALTER ${noun.toUpperCase()} ${cmds.map((c) => c.subtype).join(", ")}`, position);
  }
  const rel = ctx.schema.relation(name);
  if (!rel) {
    if (ctx.schema.sequence(name) || ctx.schema.index(name)) {
      if (cmds.every((c) => NO_EFFECT.has(c.subtype ?? ""))) return { setup: [], sql: "" };
      throw new PgError("WRONG_OBJECT_TYPE", `"${name}" is not a table`);
    }
    if (stmt.missing_ok) return { setup: [], sql: "", notice: `relation "${name}" does not exist, skipping` };
    throw new PgError("UNDEFINED_TABLE", `relation "${name}" does not exist`);
  }
  if (rel.kind !== "table") {
    const effective = cmds.find((c) => !NO_EFFECT.has(c.subtype ?? ""));
    if (!effective) return { setup: [], sql: "" };
    throw new PgError(
      "WRONG_OBJECT_TYPE",
      `ALTER action ${ACTION_NAMES[effective.subtype ?? ""] ?? effective.subtype} cannot be performed on relation "${name}"`,
      { detail: "This operation is not supported for views." },
    );
  }
  const alter = new TableAlteration(ctx, rel);
  for (const cmd of cmds) alter.apply(cmd);
  return alter.output();
}

/** ALTER TABLE on one table: applies subcommands to the model, then gives the statements to run. */
export class TableAlteration extends AlterTableColumnTypes {
  apply(cmd: NodeOf<"AlterTableCmd">): void {
    try {
      this.applyCommand(cmd);
    } catch (e) {
      // PostgreSQL reports positions only for the type of an added column and USING expressions.
      if (e instanceof PgError && !positioned.has(e)) e.fields.position = undefined;
      throw e;
    }
  }

  private applyCommand(cmd: NodeOf<"AlterTableCmd">): void {
    const subtype = cmd.subtype ?? "";
    if (NO_EFFECT.has(subtype)) {
      const items = asKind(cmd.def, "List")?.items ?? [];
      if (subtype.endsWith("RelOptions")) checkStorageOptions(items, false, subtype === "AT_ResetRelOptions");
      if (subtype === "AT_SetOptions" || subtype === "AT_ResetOptions")
        checkStorageOptions(items, true, subtype === "AT_ResetOptions");
      if (subtype === "AT_ClusterOn") {
        const ix = this.ctx.schema.index(cmd.name ?? "");
        if (ix?.table !== this.table)
          throw new PgError(
            "UNDEFINED_OBJECT",
            `index "${cmd.name}" for table "${this.table}" does not exist`,
          );
      } else if (cmd.name) this.column(cmd.name);
      return;
    }
    switch (subtype) {
      case "AT_AddColumn":
      case "AT_AddColumnRecurse":
        this.addColumn(asKind(cmd.def, "ColumnDef")!, cmd.missing_ok === true);
        return;
      case "AT_DropColumn":
      case "AT_DropColumnRecurse":
        this.dropColumn(cmd.name!, cmd.missing_ok === true, cmd.behavior === "DROP_CASCADE");
        return;
      case "AT_ColumnDefault":
        this.setDefault(cmd.name!, cmd.def);
        return;
      case "AT_SetNotNull":
        this.setNotNull(cmd.name!);
        return;
      case "AT_DropNotNull":
        this.dropNotNull(cmd.name!);
        return;
      case "AT_AlterColumnType":
        this.alterType(cmd.name!, asKind(cmd.def, "ColumnDef")!);
        return;
      case "AT_AddConstraint":
      case "AT_AddConstraintRecurse":
        this.addConstraint(asKind(cmd.def, "Constraint")!);
        return;
      case "AT_DropConstraint":
      case "AT_DropConstraintRecurse":
        this.dropConstraint(cmd.name!, cmd.missing_ok === true, cmd.behavior === "DROP_CASCADE");
        return;
      case "AT_ValidateConstraint":
      case "AT_ValidateConstraintRecurse":
        this.validateConstraint(cmd.name!);
        return;
      case "AT_AddIdentity":
        this.addIdentity(cmd.name!, asKind(cmd.def, "Constraint")!);
        return;
      case "AT_SetIdentity":
        this.setIdentity(cmd.name!, asKind(cmd.def, "List")?.items ?? []);
        return;
      case "AT_DropIdentity":
        this.dropIdentity(cmd.name!, cmd.missing_ok === true);
        return;
      default:
        throw unsupported(`ALTER TABLE ${subtype.replace(/^AT_/, "")}`);
    }
  }

  private addIdentity(name: string, c: NodeOf<"Constraint">): void {
    const col = this.column(name);
    const info = col.info;
    const what = `column "${name}" of relation "${this.table}"`;
    if (![INT2, INT4, INT8].includes(col.type.oid))
      throw new PgError(
        "INVALID_PARAMETER_VALUE",
        "identity column type must be smallint, integer, or bigint",
      );
    if (!col.clauses.some((x) => x.kind === "notnull"))
      throw new PgError(
        "OBJECT_NOT_IN_PREREQUISITE_STATE",
        `${what} must be declared NOT NULL before identity can be added`,
      );
    if (info?.identity)
      throw new PgError("OBJECT_NOT_IN_PREREQUISITE_STATE", `${what} is already an identity column`);
    if (col.clauses.some((x) => x.kind === "default") || info?.defaultExpr)
      throw new PgError("OBJECT_NOT_IN_PREREQUISITE_STATE", `${what} already has a default value`);
    const setup: string[] = [];
    identityColumn(this.ctx, this.table, { name, type: col.type }, c, setup, this.used);
    this.meta.push(...setup);
  }

  private setIdentity(name: string, items: Node[]): void {
    const col = this.column(name);
    const info = col.info;
    if (!info?.identity || !info.identitySequence)
      throw new PgError(
        "OBJECT_NOT_IN_PREREQUISITE_STATE",
        `column "${name}" of relation "${this.table}" is not an identity column`,
      );
    const options: Node[] = [];
    for (const item of items) {
      const d = asKind(item, "DefElem")!;
      if (d.defname === "generated") {
        const kind = Number(asKind(d.arg, "Integer")?.ival) === 97 ? "a" : "d";
        this.meta.push(
          `UPDATE ${IDENTITY} SET kind = '${kind}' WHERE table_name = ${quoteString(this.table)} AND column_name = ${quoteString(name)}`,
        );
      } else options.push(item);
    }
    if (options.length === 0) return;
    const seq = this.ctx.schema.sequence(info.identitySequence);
    if (!seq) return;
    const parsed = parseSequenceOptions(this.ctx, options, storedOptions(seq), { forIdentity: true });
    this.meta.push(...alterSequenceSql(seq.name, parsed));
  }

  private dropIdentity(name: string, ifExists: boolean): void {
    const col = this.column(name);
    const info = col.info;
    if (!info?.identity) {
      const message = `column "${name}" of relation "${this.table}" is not an identity column`;
      if (ifExists) {
        this.notices.push(`${message}, skipping`);
        return;
      }
      throw new PgError("OBJECT_NOT_IN_PREREQUISITE_STATE", message);
    }
    this.meta.push(
      `DELETE FROM ${IDENTITY} WHERE table_name = ${quoteString(this.table)} AND column_name = ${quoteString(name)}`,
      `DELETE FROM ${SEQUENCES} WHERE name = ${quoteString(info.identitySequence ?? "")}`,
    );
  }

  output(): DdlOutput {
    const setup: string[] = [...this.meta];
    for (const v of this.dropViews) setup.push(`DROP VIEW ${quoteIdent(v)}`);
    if (this.rebuild || this.cascadeFks.size > 0) {
      const specs = new Map<string, RebuildSpec>();
      if (this.rebuild) specs.set(this.table, this.spec());
      for (const [table, names] of this.cascadeFks)
        specs.set(table, withoutForeignKeys(this.ctx, table, names));
      setup.push(...rebuildSql(this.ctx, specs));
    } else {
      setup.push(...this.native);
    }
    setup.push(...this.post);
    return { setup, sql: "", notice: this.notices.join("\n") || undefined };
  }
}

/** A table's rebuild without some of its foreign keys (dropped by CASCADE elsewhere). */
export function withoutForeignKeys(ctx: Ctx, table: string, names: Set<string>): RebuildSpec {
  const rel = ctx.schema.relation(table)!;
  const alter = new TableAlteration(ctx, rel);
  for (const name of names) alter.dropForeignKey(name);
  return alter.spec();
}
