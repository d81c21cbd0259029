import { PgError, unsupported } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import type { SequenceOptions } from "../metadata.js";
import { INT2, INT4 } from "../oids.js";
import type { SqlType } from "../plan.js";
import { quoteIdent } from "../sqlite-text.js";
import { canCoerceImplicitly } from "./coerce.js";
import type { Ctx } from "./context.js";

/** PostgreSQL truncates generated names to NAMEDATALEN - 1 bytes. */
const MAX_NAME = 63;

/**
 * A constraint's name: the one given, or PostgreSQL's generated name (`t_pkey`, `t_a_key`,
 * `t_a_fkey`, `t_a_check`), made unique the way PostgreSQL does (appending 1, 2, ...).
 */
export function constraintName(
  ctx: Ctx,
  c: NodeOf<"Constraint">,
  generated: string,
  used: Set<string>,
  table?: string,
): string {
  if (c.conname) {
    if (used.has(c.conname)) {
      const rel = table === undefined ? "relation" : `relation "${table}"`;
      throw new PgError("DUPLICATE_OBJECT", `constraint "${c.conname}" for ${rel} already exists`, {
        position: ctx.pos(c.location),
      });
    }
    used.add(c.conname);
    return c.conname;
  }
  return uniqueName(ctx, generated, used);
}

export function uniqueName(ctx: Ctx, base: string, used: Set<string>): string {
  let name = base.slice(0, MAX_NAME);
  for (
    let n = 1;
    used.has(name) || ctx.schema.relation(name) || ctx.schema.index(name) || ctx.schema.sequence(name);
    n++
  ) {
    // The number goes after the label (t_a_key1), which is kept whole when the name is truncated.
    const suffix = String(n);
    const m = /^(.*?)(_[a-z]+)$/.exec(base);
    name = m
      ? `${m[1]!.slice(0, MAX_NAME - m[2]!.length - suffix.length)}${m[2]}${suffix}`
      : `${base.slice(0, MAX_NAME - suffix.length)}${suffix}`;
  }
  used.add(name);
  return name;
}

/** The range of a serial column's sequence, by the column's type. */
export function sequenceRange(typeOid: number, ownedBy?: string): SequenceOptions {
  const max = typeOid === INT2 ? 32767n : typeOid === INT4 ? 2147483647n : 9223372036854775807n;
  return { typeOid, start: 1n, increment: 1n, min: 1n, max, cache: 1n, cycle: false, ownedBy };
}

const FK_ACTIONS: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

/** FOREIGN KEY ... REFERENCES ...: the referenced columns must carry a unique constraint, as PostgreSQL requires. */
export function foreignKeySql(
  ctx: Ctx,
  name: string,
  attrs: string[],
  c: NodeOf<"Constraint">,
  table: string,
  types: { name: string; type: SqlType }[],
): string {
  // PostgreSQL reports no position for its errors here.
  const position = undefined;
  const pk = c.pktable!;
  const refTable = pk.relname!;
  if (c.fk_matchtype === "f") throw unsupported("MATCH FULL", ctx.pos(c.location));
  if (c.deferrable || c.initdeferred) throw unsupported("DEFERRABLE constraints", ctx.pos(c.location));
  const self = refTable === table;
  // A table referring to itself is in the schema when it is altered, not when it is made.
  const ref = ctx.schema.relation(refTable);
  if (!self && !ref)
    throw new PgError("UNDEFINED_TABLE", `relation "${refTable}" does not exist`, { position });
  if (ref && ref.kind !== "table")
    throw new PgError("WRONG_OBJECT_TYPE", `referenced relation "${refTable}" is not a table`);
  let refCols = stringList(c.pk_attrs);
  if (refCols.length === 0) {
    if (!ref?.primaryKey) {
      throw new PgError("UNDEFINED_OBJECT", `there is no primary key for referenced table "${refTable}"`, {
        position,
      });
    }
    refCols = ref.primaryKey;
  }
  if (refCols.length !== attrs.length) {
    throw new PgError(
      "INVALID_FOREIGN_KEY",
      "number of referencing and referenced columns for foreign key disagree",
      { position },
    );
  }
  if (ref) {
    refCols.forEach((rc, i) => {
      const col = ref.column(rc);
      if (!col)
        throw new PgError(
          "UNDEFINED_COLUMN",
          `column "${rc}" referenced in foreign key constraint does not exist`,
          { position },
        );
      const mine = types[i]!.type.oid;
      if (!canCoerceImplicitly(mine, col.typeOid) && !canCoerceImplicitly(col.typeOid, mine)) {
        throw new PgError("DATATYPE_MISMATCH", `foreign key constraint "${name}" cannot be implemented`, {
          position,
        });
      }
    });
    const unique = ref.uniqueKeys.some(
      (k) => k.length === refCols.length && k.every((x) => refCols.includes(x)),
    );
    if (!unique) {
      throw new PgError(
        "INVALID_FOREIGN_KEY",
        `there is no unique constraint matching given keys for referenced table "${refTable}"`,
        { position },
      );
    }
  }
  const onDelete = FK_ACTIONS[c.fk_del_action ?? "a"]!;
  const onUpdate = FK_ACTIONS[c.fk_upd_action ?? "a"]!;
  const actions = `${onDelete !== "NO ACTION" ? ` ON DELETE ${onDelete}` : ""}${onUpdate !== "NO ACTION" ? ` ON UPDATE ${onUpdate}` : ""}`;
  return `CONSTRAINT ${quoteIdent(name)} FOREIGN KEY (${attrs.map(quoteIdent).join(", ")}) REFERENCES ${quoteIdent(refTable)} (${refCols.map(quoteIdent).join(", ")})${actions}`;
}

/**
 * REFERENCES the table being created, naming no columns: the key is the primary key the same
 * statement declares, which is not yet in the schema. Fills those constraints' referenced columns.
 */
export function resolveSelfReferences(table: string, elements: Node[]): void {
  const constraintsOf = (e: Node): NodeOf<"Constraint">[] => {
    const def = asKind(e, "ColumnDef");
    if (def) return (def.constraints ?? []).map((c) => asKind(c, "Constraint")!).filter(Boolean);
    const c = asKind(e, "Constraint");
    return c ? [c] : [];
  };
  let primaryKey: string[] | undefined;
  for (const e of elements) {
    const def = asKind(e, "ColumnDef");
    for (const c of constraintsOf(e)) {
      if (c.contype !== "CONSTR_PRIMARY") continue;
      primaryKey = def ? [def.colname!] : stringList(c.keys);
    }
  }
  if (!primaryKey) return;
  for (const e of elements) {
    for (const c of constraintsOf(e)) {
      if (c.contype === "CONSTR_FOREIGN" && c.pktable?.relname === table && !c.pk_attrs?.length)
        c.pk_attrs = primaryKey.map((sval) => ({ String: { sval } }));
    }
  }
}
