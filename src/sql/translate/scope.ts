import { PgError } from "../../errors/pg-error.js";
import { OID, TID, XID } from "../oids.js";
import type { SqlType } from "../plan.js";
import { quoteIdent } from "../sqlite-text.js";

/** A column visible in a scope, and how SQLite SQL refers to it. */
export interface ScopeColumn {
  name: string;
  type: SqlType;
  /** SQLite SQL for the value, e.g. `"t"."id"`. */
  ref: string;
  tableOid: number;
  attnum: number;
  /** Left out of `*` expansion (the second copy of a JOIN ... USING column). */
  hidden?: boolean;
  /** Set when referring to it is not supported here: the construct to name in the 0A000 error. */
  unsupported?: string;
}

/** One FROM item: a table, view, subquery or join, under its alias. */
export interface ScopeItem {
  /** The name it is referred to by, or undefined for an unaliased join. */
  alias: string | undefined;
  columns: ScopeColumn[];
  /** A table's system columns: found by name after its columns, never part of `*`. */
  systemColumns?: ScopeColumn[];
}

/** The FROM items of one query level, with a parent for correlated references. */
export class Scope {
  readonly items: ScopeItem[] = [];
  /** Columns a JOIN ... USING merged: they resolve unqualified to the merged value. */
  readonly merged = new Map<string, ScopeColumn>();
  /** Table-valued functions that set-returning calls in the select list add after the FROM items. */
  readonly lateral: string[] = [];

  constructor(readonly parent?: Scope) {}

  add(item: ScopeItem, position?: number): void {
    if (item.alias !== undefined && this.items.some((i) => i.alias === item.alias)) {
      throw new PgError("DUPLICATE_ALIAS", `table name "${item.alias}" specified more than once`, {
        position,
      });
    }
    this.items.push(item);
  }

  /** Resolves a column reference (`col` or `alias.col`), searching outer levels as PostgreSQL does. */
  resolve(fields: string[], position?: number): ScopeColumn {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const found = scope.resolveHere(fields, position);
      if (found) return found;
    }
    if (fields.length === 2 && !this.hasAlias(fields[0]!)) {
      throw new PgError("UNDEFINED_TABLE", `missing FROM-clause entry for table "${fields[0]}"`, {
        position,
      });
    }
    const shown = fields.length === 1 ? `"${fields[0]}"` : fields.join(".");
    throw new PgError("UNDEFINED_COLUMN", `column ${shown} does not exist`, { position });
  }

  /** The item named alias at this or an outer level. */
  item(alias: string): ScopeItem | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const found = scope.items.find((i) => i.alias === alias);
      if (found) return found;
    }
    return undefined;
  }

  private hasAlias(alias: string): boolean {
    return this.item(alias) !== undefined;
  }

  private resolveHere(fields: string[], position?: number): ScopeColumn | undefined {
    if (fields.length === 1) {
      const name = fields[0]!;
      const merged = this.merged.get(name);
      if (merged) return merged;
      let hits = this.items.flatMap((i) => i.columns.filter((c) => c.name === name && !c.hidden));
      if (hits.length === 0) {
        hits = this.items.flatMap((i) => i.systemColumns?.filter((c) => c.name === name) ?? []);
      }
      if (hits.length > 1) {
        throw new PgError("AMBIGUOUS_COLUMN", `column reference "${name}" is ambiguous`, { position });
      }
      return hits[0];
    }
    if (fields.length === 2) {
      const [alias, name] = fields as [string, string];
      const item = this.items.find((i) => i.alias === alias);
      if (!item) return undefined;
      const col =
        item.columns.find((c) => c.name === name) ?? item.systemColumns?.find((c) => c.name === name);
      if (!col) {
        throw new PgError("UNDEFINED_COLUMN", `column ${alias}.${name} does not exist`, { position });
      }
      return col;
    }
    if (fields.length === 3 && (fields[0] === "public" || fields[0] === "pg_catalog")) {
      return this.resolveHere(fields.slice(1), position);
    }
    throw new PgError("FEATURE_NOT_SUPPORTED", `column reference ${fields.join(".")} is not supported`, {
      position,
    });
  }
}

/** Columns of a relation under an alias. */
export function relationColumns(
  alias: string,
  columns: { name: string; type: SqlType; attnum: number }[],
  tableOid: number,
): ScopeColumn[] {
  const a = quoteIdent(alias);
  return columns.map((c) => ({
    name: c.name,
    type: c.type,
    ref: `${a}.${quoteIdent(c.name)}`,
    tableOid,
    attnum: c.attnum,
  }));
}

/**
 * The system columns of a table under an alias, those a row's storage can answer: ctid (the rowid,
 * of type tid), tableoid, and xmax, 0 for a row no transaction deletes or locks (the executor holds
 * no row locks), but for a row ON CONFLICT DO UPDATE updated (see upsert-marks.ts). With alias
 * undefined, columns are unqualified (RETURNING).
 */
export function systemColumns(alias: string | undefined, tableOid: number, xmax = "0"): ScopeColumn[] {
  const rowid = alias === undefined ? "rowid" : `${quoteIdent(alias)}.rowid`;
  return [
    { name: "ctid", type: { oid: TID, typmod: -1 }, ref: rowid, tableOid, attnum: -1 },
    { name: "xmax", type: { oid: XID, typmod: -1 }, ref: xmax, tableOid, attnum: -5 },
    { name: "tableoid", type: { oid: OID, typmod: -1 }, ref: String(tableOid), tableOid, attnum: -6 },
    // Row versions' transaction and command numbers: SQLite keeps none to answer with.
    ...(["xmin", "cmin", "cmax"] as const).map((name, i) => ({
      name,
      type: { oid: XID, typmod: -1 },
      ref: "NULL",
      tableOid,
      attnum: -2 - i,
      unsupported: `the system column ${name}`,
    })),
  ];
}
