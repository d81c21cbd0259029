import type Database from "better-sqlite3";
import {
  COMMENTS,
  COMPOSITES,
  DEFAULTS,
  DOMAINS,
  ENUM_LABELS,
  EXTENSIONS,
  IDENTITY,
  isMetadataTable,
  MATVIEWS,
  SEQUENCES,
  TYPES,
} from "../sql/metadata.js";
import { parseSql } from "../sql/parse.js";
import type {
  CommentInfo,
  CompositeInfo,
  DomainInfo,
  EnumInfo,
  IndexInfo,
  RelationInfo,
  SchemaView,
  SequenceInfo,
} from "../sql/schema.js";
import { quoteString } from "../sql/sqlite-text.js";
import { compositeOfDeclared, readComposites } from "./composites.js";
import { domainOfDeclared, readDomains } from "./domains.js";
import { readIndexes, readRelation } from "./sqlite-relations.js";
import { assignOids, hashOid } from "./stable-oid.js";

/** A tenant's schema as read from its SQLite file: what the translator resolves names against. */
export class SqliteSchema implements SchemaView {
  private readonly rels = new Map<string, RelationInfo>();
  /** Tables of the tenant that a temporary table of the same name hides from unqualified names. */
  private readonly shadowed: RelationInfo[] = [];
  private readonly idx = new Map<string, IndexInfo>();
  private readonly seqs = new Map<string, SequenceInfo>();
  private readonly metadata = new Set<string>();
  private readonly enums = new Map<string, EnumInfo>();
  private readonly domains = new Map<string, DomainInfo>();
  private readonly domainOids = new Map<number, DomainInfo>();
  private readonly enumOids = new Map<number, EnumInfo>();
  private readonly composites = new Map<string, CompositeInfo>();
  private readonly compositeOids = new Map<number, CompositeInfo>();
  private readonly comment: CommentInfo[] = [];
  private readonly exts: { name: string; version: string }[] = [];
  private readonly matviews = new Map<string, string>();

  constructor(
    db: Database.Database,
    readonly generation: number,
    /** Prepares SQL that may use the JavaScript functions a view calls (registered on demand). */
    compile: (sql: string) => Database.Statement = (sql) => db.prepare(sql),
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
      ? (db.prepare(`SELECT * FROM ${SEQUENCES}`).safeIntegers(true).all() as SequenceRow[])
      : [];
    const types = this.metadata.has(TYPES)
      ? (db.prepare(`SELECT name FROM ${TYPES} WHERE kind = 'e'`).all() as { name: string }[])
      : [];
    const domainNames = this.metadata.has(DOMAINS)
      ? (db.prepare(`SELECT name FROM ${DOMAINS}`).all() as { name: string }[])
      : [];
    const compositeNames = this.metadata.has(COMPOSITES)
      ? (db.prepare(`SELECT name FROM ${COMPOSITES}`).all() as { name: string }[])
      : [];
    const visible = objects.filter((o) => !isMetadataTable(o.tbl));
    const oids = assignOids([
      ...visible.map((o) => ({ kind: "rel", name: o.name })),
      ...sequences.map((s) => ({ kind: "rel", name: s.name })),
      ...compositeNames.map((c) => ({ kind: "rel", name: c.name })),
      ...[...types, ...domainNames, ...compositeNames].flatMap((t) => [
        { kind: "type", name: t.name },
        { kind: "type", name: `_${t.name}` },
      ]),
    ]);
    if (domainNames.length) {
      for (const d of readDomains(db, oids)) {
        this.domains.set(d.name, d);
        this.domainOids.set(d.oid, d);
      }
    }
    if (compositeNames.length) {
      for (const c of readComposites(db, oids)) {
        this.composites.set(c.name, c);
        this.compositeOids.set(c.oid, c);
      }
    }
    for (const s of sequences) {
      this.seqs.set(s.name, {
        name: s.name,
        oid: oids.get(`rel:${s.name}`)!,
        ownedBy: s.owned_by ?? undefined,
        typeOid: Number(s.type_oid),
        start: s.start_value,
        increment: s.increment,
        min: s.min_value,
        max: s.max_value,
        cache: s.cache,
        cycle: s.cycle === 1n,
      });
    }
    this.readEnums(db, types, oids);
    const identity = this.metadata.has(IDENTITY)
      ? (db.prepare(`SELECT table_name AS t, column_name AS c, kind, sequence FROM ${IDENTITY}`).all() as {
          t: string;
          c: string;
          kind: "a" | "d";
          sequence: string;
        }[])
      : [];
    if (this.metadata.has(COMMENTS)) {
      const rows = db.prepare(`SELECT kind, name, sub, comment FROM ${COMMENTS}`).all() as {
        kind: CommentInfo["kind"];
        name: string;
        sub: string;
        comment: string;
      }[];
      for (const r of rows) this.comment.push({ ...r, sub: r.sub === "" ? undefined : r.sub });
    }
    for (const o of visible) {
      if (o.type !== "table" && o.type !== "view") continue;
      const rel = readRelation(
        db,
        compile,
        "main",
        o.name,
        o.type === "view" ? "view" : "table",
        oids.get(`rel:${o.name}`)!,
        o.sql,
        (declared) => this.enumOfDeclared(declared),
        (declared) => domainOfDeclared(declared, this.domains),
        (declared) => compositeOfDeclared(declared, this.composites),
      );
      for (const d of defaults)
        if (d.t === o.name) {
          const col = rel.column(d.c);
          if (col) col.defaultExpr = d.expr;
        }
      for (const d of identity)
        if (d.t === o.name) {
          const col = rel.column(d.c);
          if (!col) continue;
          col.identity = d.kind;
          col.identitySequence = d.sequence;
          col.defaultExpr = `nextval(${quoteString(quoteIdentIfNeeded(d.sequence))}::regclass)`;
        }
      this.rels.set(o.name, rel);
      for (const index of readIndexes(db, "main", rel, o.sql))
        this.idx.set(index.name, {
          ...index,
          oid: oids.get(`rel:${index.name}`) ?? hashOid("rel", index.name),
        });
    }
    if (this.metadata.has(EXTENSIONS))
      this.exts.push(
        ...(db.prepare(`SELECT name, version FROM ${EXTENSIONS} ORDER BY name`).all() as typeof this.exts),
      );
    if (this.metadata.has(MATVIEWS))
      for (const m of db.prepare(`SELECT name, query FROM ${MATVIEWS}`).all() as {
        name: string;
        query: string;
      }[])
        this.matviews.set(m.name, m.query);
    this.readTemporary(db, compile);
  }

  /**
   * The connection's temporary tables (CREATE TEMP TABLE): they come first in name resolution, as
   * pg_temp does in PostgreSQL's search path, and SQLite resolves unqualified names the same way.
   * Tables the executor keeps for data-modifying WITH queries ("?with...") are not the user's.
   */
  private readTemporary(db: Database.Database, compile: (sql: string) => Database.Statement): void {
    const objects = db
      .prepare(
        "SELECT type, name, sql FROM temp.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '?with%'",
      )
      .all() as { type: string; name: string; sql: string | null }[];
    for (const o of objects) {
      const oid = hashOid("rel", `pg_temp.${o.name}`);
      const rel = readRelation(
        db,
        compile,
        "temp",
        o.name,
        "table",
        oid,
        o.sql,
        (d) => this.enumOfDeclared(d),
        (d) => domainOfDeclared(d, this.domains),
        (d) => compositeOfDeclared(d, this.composites),
      );
      const hidden = this.rels.get(o.name);
      if (hidden) this.shadowed.push(hidden);
      this.rels.set(o.name, rel);
      for (const index of readIndexes(db, "temp", rel, o.sql))
        this.idx.set(index.name, { ...index, oid: hashOid("rel", `pg_temp.${index.name}`) });
    }
  }

  relation(name: string): RelationInfo | undefined {
    return this.rels.get(name);
  }

  /** Every relation, also tables of the tenant hidden by a temporary table of the same name. */
  relations(): Iterable<RelationInfo> {
    return this.shadowed.length ? [...this.shadowed, ...this.rels.values()] : this.rels.values();
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

  extensions(): Iterable<{ name: string; version: string }> {
    return this.exts;
  }

  materializedView(name: string): string | undefined {
    return this.matviews.get(name);
  }

  enumType(name: string): EnumInfo | undefined {
    return this.enums.get(name);
  }

  enumByOid(oid: number): EnumInfo | undefined {
    return this.enumOids.get(oid);
  }

  enumTypes(): Iterable<EnumInfo> {
    return this.enums.values();
  }

  domainType(name: string): DomainInfo | undefined {
    return this.domains.get(name);
  }

  domainByOid(oid: number): DomainInfo | undefined {
    return this.domainOids.get(oid);
  }

  domainTypes(): Iterable<DomainInfo> {
    return this.domains.values();
  }

  compositeType(name: string): CompositeInfo | undefined {
    return this.composites.get(name);
  }

  compositeByOid(oid: number): CompositeInfo | undefined {
    return this.compositeOids.get(oid);
  }

  compositeTypes(): Iterable<CompositeInfo> {
    return this.composites.values();
  }

  comments(): Iterable<CommentInfo> {
    return this.comment;
  }

  private readEnums(db: Database.Database, types: { name: string }[], oids: Map<string, number>): void {
    if (types.length === 0) return;
    const labels = this.metadata.has(ENUM_LABELS)
      ? (db
          .prepare(`SELECT type_name AS t, label, sort_order AS o FROM ${ENUM_LABELS} ORDER BY sort_order`)
          .all() as { t: string; label: string; o: number }[])
      : [];
    for (const t of types) {
      const info: EnumInfo = {
        name: t.name,
        oid: oids.get(`type:${t.name}`)!,
        arrayOid: oids.get(`type:_${t.name}`)!,
        // Label OIDs ascend in sort order, as PostgreSQL's do for CREATE TYPE's labels: some clients
        // (SQLAlchemy) order the labels by OID.
        labels: labels
          .filter((l) => l.t === t.name)
          .map((l, i) => ({ label: l.label, sortOrder: l.o, oid: hashOid("enum", t.name) + 2 * i })),
      };
      this.enums.set(t.name, info);
      this.enumOids.set(info.oid, info);
    }
  }

  /** An enum column's declared type is its type name followed by "text" (TEXT affinity). */
  private enumOfDeclared(declared: string): EnumInfo | undefined {
    if (this.enums.size === 0) return undefined;
    const m = /^\s*(?:"((?:[^"]|"")+)"|([^\s"]+))\s+text\s*$/i.exec(declared);
    if (!m) return undefined;
    return this.enums.get(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!);
  }
}

interface SequenceRow {
  name: string;
  type_oid: bigint;
  start_value: bigint;
  increment: bigint;
  min_value: bigint;
  max_value: bigint;
  cache: bigint;
  cycle: bigint;
  owned_by: string | null;
}

/** An identifier as PostgreSQL's quote_ident writes it (regclass output): quoted only when needed. */
export function quoteIdentIfNeeded(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/**
 * A qualified name as PostgreSQL reads regclass input or a name list: dot-separated identifiers,
 * unquoted ones folded to lower case, quoted ones kept (with "" for "). Undefined if malformed.
 */
export function splitQualifiedName(text: string): string[] | undefined {
  const parts: string[] = [];
  let i = 0;
  const s = text.trim();
  for (;;) {
    if (s[i] === '"') {
      let out = "";
      i++;
      for (;;) {
        if (i >= s.length) return undefined;
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            out += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        out += s[i++];
      }
      if (out === "") return undefined;
      parts.push(out);
    } else {
      const m = /^[^."\s]+/.exec(s.slice(i));
      if (!m) return undefined;
      parts.push(m[0].replace(/[A-Z]/g, (c) => c.toLowerCase()));
      i += m[0].length;
    }
    if (i === s.length) return parts;
    if (s[i] !== ".") return undefined;
    i++;
  }
}

/** Keywords quote_ident quotes (PostgreSQL's reserved and type/function-name keywords), the common ones. */
const RESERVED = new Set(
  (
    "all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate " +
    "collation column concurrently constraint create cross current_catalog current_date current_role " +
    "current_schema current_time current_timestamp current_user default deferrable desc distinct do else " +
    "end except false fetch for foreign freeze from full grant group having ilike in initially inner " +
    "intersect into is isnull join lateral leading left like limit localtime localtimestamp natural not " +
    "notnull null offset on only or order outer overlaps placing primary references returning right select " +
    "session_user similar some symmetric system_user table tablesample then to trailing true union unique " +
    "user using variadic verbose when where window with between bigint bit boolean char character coalesce " +
    "dec decimal exists extract float greatest grouping inout int integer interval least national nchar " +
    "none normalize nullif numeric out overlay position precision real row setof smallint substring time " +
    "timestamp treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest " +
    "xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable"
  ).split(" "),
);

export { parseSql };
