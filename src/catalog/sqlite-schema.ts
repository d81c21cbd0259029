import type Database from "better-sqlite3";
import { DEFAULTS, isMetadataTable, SEQUENCES } from "../sql/metadata.js";
import { parseSql } from "../sql/parse.js";
import type { ColumnInfo, IndexInfo, RelationInfo, SchemaView, SequenceInfo } from "../sql/schema.js";
import { parseDeclaredType, typeByName } from "../types/registry.js";
import { assignOids, hashOid } from "./stable-oid.js";
import { constraintNames } from "./table-ddl.js";

/** A tenant's schema as read from its SQLite file: what the translator resolves names against. */
export class SqliteSchema implements SchemaView {
  private readonly rels = new Map<string, RelationInfo>();
  private readonly idx = new Map<string, IndexInfo>();
  private readonly seqs = new Map<string, SequenceInfo>();
  private readonly metadata = new Set<string>();

  constructor(
    db: Database.Database,
    readonly generation: number,
  ) {
    const objects = db
      .prepare(
        "SELECT type, name, tbl_name AS tbl, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
      )
      .all() as { type: string; name: string; tbl: string; sql: string | null }[];
    for (const o of objects) if (o.type === "table" && isMetadataTable(o.name)) this.metadata.add(o.name);
    const defaults = this.metadata.has(DEFAULTS)
      ? (db.prepare(`SELECT table_name AS t, column_name AS c, expr FROM ${DEFAULTS}`).all() as {
          t: string;
          c: string;
          expr: string;
        }[])
      : [];
    const sequences = this.metadata.has(SEQUENCES)
      ? (db.prepare(`SELECT name, owned_by AS ownedBy FROM ${SEQUENCES}`).all() as {
          name: string;
          ownedBy: string | null;
        }[])
      : [];
    const visible = objects.filter((o) => !isMetadataTable(o.tbl));
    const oids = assignOids([
      ...visible.map((o) => ({ kind: "rel", name: o.name })),
      ...sequences.map((s) => ({ kind: "rel", name: s.name })),
    ]);
    for (const s of sequences) {
      this.seqs.set(s.name, {
        name: s.name,
        oid: oids.get(`rel:${s.name}`)!,
        ownedBy: s.ownedBy ?? undefined,
      });
    }
    for (const o of visible) {
      if (o.type !== "table" && o.type !== "view") continue;
      const rel = readRelation(
        db,
        o.name,
        o.type === "view" ? "view" : "table",
        oids.get(`rel:${o.name}`)!,
        o.sql,
      );
      for (const d of defaults)
        if (d.t === o.name) {
          const col = rel.column(d.c);
          if (col) col.defaultExpr = d.expr;
        }
      this.rels.set(o.name, rel);
      for (const index of readIndexes(db, rel, o.sql))
        this.idx.set(index.name, {
          ...index,
          oid: oids.get(`rel:${index.name}`) ?? hashOid("rel", index.name),
        });
    }
  }

  relation(name: string): RelationInfo | undefined {
    return this.rels.get(name);
  }

  relations(): Iterable<RelationInfo> {
    return this.rels.values();
  }

  index(name: string): IndexInfo | undefined {
    return this.idx.get(name);
  }

  indexes(): Iterable<IndexInfo> {
    return this.idx.values();
  }

  indexesOf(table: string): IndexInfo[] {
    return [...this.idx.values()].filter((i) => i.table === table);
  }

  sequence(name: string): SequenceInfo | undefined {
    return this.seqs.get(name);
  }

  sequences(): Iterable<SequenceInfo> {
    return this.seqs.values();
  }

  hasMetadata(table: string): boolean {
    return this.metadata.has(table);
  }
}

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

function readRelation(
  db: Database.Database,
  name: string,
  kind: "table" | "view",
  oid: number,
  sql: string | null,
): RelationInfo {
  const info = db.prepare(`SELECT * FROM pragma_table_xinfo(?)`).all(name) as XInfo[];
  const columns: ColumnInfo[] = info
    .filter((c) => c.hidden === 0 || c.hidden === 2 || c.hidden === 3)
    .map((c, i) => {
      const type = typeOfDeclared(c.type);
      return {
        name: c.name,
        attnum: i + 1,
        typeOid: type.oid,
        typmod: type.typmod,
        notNull: c.notnull === 1,
        sqliteDefault: c.dflt_value ?? undefined,
      };
    });
  const byName = new Map(columns.map((c) => [c.name, c]));
  const pk = info
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const uniqueKeys: string[][] = pk.length ? [pk] : [];
  const indexList =
    kind === "table"
      ? (db.prepare("SELECT * FROM pragma_index_list(?)").all(name) as {
          name: string;
          unique: number;
          partial: number;
        }[])
      : [];
  for (const ix of indexList) {
    if (!ix.unique || ix.partial) continue;
    const cols = (
      db.prepare("SELECT name FROM pragma_index_info(?)").all(ix.name) as { name: string | null }[]
    ).map((c) => c.name);
    if (cols.every((c): c is string => c !== null)) uniqueKeys.push(cols);
  }
  const fkRows =
    kind === "table"
      ? (db.prepare("SELECT * FROM pragma_foreign_key_list(?)").all(name) as {
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
  };
}

function readIndexes(db: Database.Database, rel: RelationInfo, sql: string | null): IndexInfo[] {
  if (rel.kind !== "table") return [];
  const list = db.prepare("SELECT * FROM pragma_index_list(?)").all(rel.name) as {
    seq: number;
    name: string;
    unique: number;
    origin: string;
  }[];
  const names = sql ? constraintNames(sql) : undefined;
  const out: IndexInfo[] = [];
  // pragma_index_list lists the most recently created first; constraint indexes are numbered in order.
  const auto = list.filter((ix) => ix.origin !== "c").sort((a, b) => autoNumber(a.name) - autoNumber(b.name));
  for (const ix of list) {
    const columns = (
      db.prepare("SELECT name FROM pragma_index_info(?)").all(ix.name) as { name: string | null }[]
    ).map((c) => c.name ?? "expr");
    if (ix.origin === "c") {
      out.push({ name: ix.name, table: rel.name, unique: ix.unique === 1, columns });
      continue;
    }
    const i = auto.indexOf(ix);
    const name =
      names?.keys[i] ?? (ix.origin === "pk" ? `${rel.name}_pkey` : `${rel.name}_${columns.join("_")}_key`);
    out.push({ name, table: rel.name, unique: true, columns, constraint: name });
  }
  return out;
}

function autoNumber(name: string): number {
  return Number(/_(\d+)$/.exec(name)?.[1] ?? 0);
}

export { parseSql };
