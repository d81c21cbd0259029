import type Database from "better-sqlite3";
import type {
  ColumnInfo,
  CompositeInfo,
  DomainInfo,
  EnumInfo,
  IndexInfo,
  RelationInfo,
} from "../sql/schema.js";
import { quoteIdent } from "../sql/sqlite-text.js";
import { parseDeclaredType, typeByName } from "../types/registry.js";
import { indexMethod, viewTypes } from "./annotations.js";
import { constraintNames } from "./table-ddl.js";

/**
 * Reading one table or view of a tenant's SQLite database (main) or of a connection's temporary
 * tables (temp): its columns with their PostgreSQL types, keys, foreign keys and indexes.
 */

const SQLITE_TYPE_NAMES = new Set(["", "INTEGER", "INT", "REAL", "BLOB", "NUMERIC", "DOUBLE", "FLOAT"]);

interface XInfo {
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}

/** A declared type that is not a PostgreSQL type name (a table made by other SQLite tools) maps by affinity. */
function typeOfDeclared(declared: string): { oid: number; typmod: number } {
  const d = declared.toUpperCase();
  // SQLite's own type names (from tables other tools made) keep SQLite's meaning: INTEGER is 64-bit.
  const parsed = SQLITE_TYPE_NAMES.has(d) ? undefined : parseDeclaredType(declared);
  if (parsed) return parsed;
  const name = d.includes("INT")
    ? "int8"
    : /CHAR|CLOB|TEXT/.test(d)
      ? "text"
      : d.includes("BLOB")
        ? "bytea"
        : /REAL|FLOA|DOUB/.test(d)
          ? "float8"
          : d === ""
            ? "text"
            : "numeric";
  return { oid: typeByName(name)!.oid, typmod: -1 };
}

export function readRelation(
  db: Database.Database,
  compile: (sql: string) => Database.Statement,
  dbName: SqliteDb,
  name: string,
  kind: "table" | "view",
  oid: number,
  sql: string | null,
  enumOf: (declared: string) => EnumInfo | undefined,
  domainOf: (declared: string) => DomainInfo | undefined,
  compositeOf: (declared: string) => CompositeInfo | undefined,
): RelationInfo {
  // A view's columns are known by compiling its query, which may call JavaScript functions:
  // preparing a read of the view registers them first.
  // A view that cannot be compiled (it reads something gone) still lets the rest of the schema load.
  let info: XInfo[] = [];
  try {
    if (kind === "view") compile(`SELECT * FROM ${quoteIdent(name)}`);
    info = db.prepare(`SELECT * FROM pragma_table_xinfo(?, ?)`).all(name, dbName) as XInfo[];
  } catch (e) {
    if (kind !== "view") throw e;
  }
  const columns: ColumnInfo[] = info
    .filter((c) => c.hidden === 0 || c.hidden === 2 || c.hidden === 3)
    .map((c, i) => {
      // Built-in type names come first, as pg_catalog does in the search path.
      const builtin = SQLITE_TYPE_NAMES.has(c.type.toUpperCase()) ? undefined : parseDeclaredType(c.type);
      const enumType = builtin ? undefined : (enumOf(c.type) ?? compositeOf(c.type));
      const domain = builtin || enumType ? undefined : domainOf(c.type);
      const type =
        builtin ?? (enumType ? { oid: enumType.oid, typmod: -1 } : (domain?.base ?? typeOfDeclared(c.type)));
      const col: ColumnInfo = {
        name: c.name,
        attnum: i + 1,
        typeOid: type.oid,
        typmod: type.typmod,
        notNull: c.notnull === 1,
        sqliteDefault: c.dflt_value ?? undefined,
      };
      if (domain) col.domain = domain.name;
      if (c.hidden === 2 || c.hidden === 3) col.generated = true;
      return col;
    });
  // A view's computed columns have no SQLite type: its text records their PostgreSQL types.
  const recorded = kind === "view" ? viewTypes(sql) : undefined;
  if (recorded?.length === columns.length) {
    columns.forEach((c, i) => {
      c.typeOid = recorded[i]!.oid;
      c.typmod = recorded[i]!.typmod;
    });
  }
  const byName = new Map(columns.map((c) => [c.name, c]));
  const pk = info
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const uniqueKeys: string[][] = pk.length ? [pk] : [];
  const indexList =
    kind === "table"
      ? (db.prepare("SELECT * FROM pragma_index_list(?, ?)").all(name, dbName) as {
          name: string;
          unique: number;
          partial: number;
        }[])
      : [];
  for (const ix of indexList) {
    if (!ix.unique || ix.partial) continue;
    const cols = (
      db.prepare("SELECT name FROM pragma_index_info(?, ?)").all(ix.name, dbName) as { name: string | null }[]
    ).map((c) => c.name);
    if (cols.every((c): c is string => c !== null)) uniqueKeys.push(cols);
  }
  const fkRows =
    kind === "table"
      ? (db.prepare("SELECT * FROM pragma_foreign_key_list(?, ?)").all(name, dbName) as {
          id: number;
          table: string;
          from: string;
          to: string | null;
        }[])
      : [];
  const names = sql && kind === "table" ? constraintNames(sql) : undefined;
  const fkIds = [...new Set(fkRows.map((r) => r.id))].sort((a, b) => b - a);
  const foreignKeys = fkIds.map((id, i) => {
    const rows = fkRows.filter((r) => r.id === id);
    const columns = rows.map((r) => r.from);
    return {
      name: names?.foreignKeys[i] ?? `${name}_${columns.join("_")}_fkey`,
      table: rows[0]!.table,
      columns,
      refColumns: rows.map((r) => r.to ?? ""),
    };
  });
  return {
    name,
    kind,
    oid,
    columns,
    column: (c) => byName.get(c),
    primaryKey: pk.length ? pk : undefined,
    uniqueKeys,
    foreignKeys,
    sql: sql ?? undefined,
    ...(dbName === "temp" ? { temp: true } : {}),
  };
}

export function readIndexes(
  db: Database.Database,
  dbName: SqliteDb,
  rel: RelationInfo,
  sql: string | null,
): IndexInfo[] {
  if (rel.kind !== "table") return [];
  const list = db.prepare("SELECT * FROM pragma_index_list(?, ?)").all(rel.name, dbName) as {
    seq: number;
    name: string;
    unique: number;
    origin: string;
  }[];
  const indexSql = db.prepare(`SELECT sql FROM ${dbName}.sqlite_schema WHERE type = 'index' AND name = ?`);
  const names = sql ? constraintNames(sql) : undefined;
  const out: IndexInfo[] = [];
  // pragma_index_list lists the most recently created first; constraint indexes are numbered in order.
  // Walking it backwards lists indexes in creation order, as pg_index's heap order does.
  const auto = list.filter((ix) => ix.origin !== "c").sort((a, b) => autoNumber(a.name) - autoNumber(b.name));
  for (const ix of [...list].reverse()) {
    const columns = (
      db.prepare("SELECT name FROM pragma_index_info(?, ?)").all(ix.name, dbName) as { name: string | null }[]
    ).map((c) => c.name ?? "expr");
    if (ix.origin === "c") {
      const sql = (indexSql.get(ix.name) as { sql: string | null } | undefined)?.sql ?? undefined;
      out.push({
        name: ix.name,
        table: rel.name,
        unique: ix.unique === 1,
        columns,
        sql,
        method: indexMethod(sql),
      });
      continue;
    }
    const i = auto.indexOf(ix);
    const name =
      names?.keys[i] ?? (ix.origin === "pk" ? `${rel.name}_pkey` : `${rel.name}_${columns.join("_")}_key`);
    out.push({ name, table: rel.name, unique: true, columns, constraint: name, method: "btree" });
  }
  return out;
}

/** SQLite's database of a connection: the tenant's file, or the connection's temporary tables. */
export type SqliteDb = "main" | "temp";

function autoNumber(name: string): number {
  return Number(/_(\d+)$/.exec(name)?.[1] ?? 0);
}
