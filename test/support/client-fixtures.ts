import { readFileSync } from "node:fs";
import { loadModule, parseSync } from "libpg-query";
import { RawClient, serialize } from "./raw-client.js";
import { splitSql } from "./split-sql.js";

/**
 * Client fixtures: the introspection statements real clients send, recorded from the clients
 * against PostgreSQL (scripts/capture-client-queries.ts), with the rows PostgreSQL returns for the
 * known schema in test/fixtures/clients/schema.sql.
 *
 * Object identifiers differ between servers and between databases, so they are written
 * symbolically: in SQL text and parameters, `{{oid KIND:NAME}}` stands for the OID of an object
 * created by the schema (KIND is rel, type, namespace, constraint, attrdef, enum, rule or proc) and
 * `{{database}}` for the database's name; in result rows, every whole-number token that is the OID
 * of such an object (looked up in the answering server's own catalog) is replaced by
 * `{{oid KIND:NAME}}`, and a value equal to the database's name by `{{database}}`.
 *
 * SQL leaves the order of rows unspecified without ORDER BY, and clients that leave it out do not
 * depend on it: the rows of a statement whose last query has no top-level ORDER BY are sorted.
 */
export interface FixtureColumn {
  name: string;
  typeOid: number;
}

export interface FixtureEntry {
  sql: string;
  /** Parameter values as text (null for NULL); present when the client sent a Bind. */
  params?: (string | null)[];
  /** Parameter type OIDs the client gave in Parse (0 = left to the server). */
  paramTypes?: number[];
  columns: FixtureColumn[];
  rows: (string | null)[][];
}

export interface Answer {
  columns: FixtureColumn[];
  rows: (string | null)[][];
  error?: { code: string; message: string };
}

export const SCHEMA_FILE = new URL("../fixtures/clients/schema.sql", import.meta.url);

export function schemaStatements(): string[] {
  return splitSql(readFileSync(SCHEMA_FILE, "utf8"));
}

/** The schema's objects in one database: OID <-> `KIND:NAME`. */
export interface ObjectNames {
  database: string;
  byOid: Map<string, string>;
  byName: Map<string, string>;
}

const OBJECT_QUERIES = [
  "SELECT oid::text, 'rel:' || relname FROM pg_catalog.pg_class WHERE oid >= 16384",
  "SELECT oid::text, 'type:' || typname FROM pg_catalog.pg_type WHERE oid >= 16384",
  "SELECT oid::text, 'namespace:' || nspname FROM pg_catalog.pg_namespace WHERE oid >= 16384",
  "SELECT oid::text, 'constraint:' || conname FROM pg_catalog.pg_constraint WHERE oid >= 16384",
  `SELECT d.oid::text, 'attrdef:' || c.relname || '.' || d.adnum::text
   FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_class c ON c.oid = d.adrelid WHERE d.oid >= 16384`,
  "SELECT oid::text, 'enum:' || enumlabel FROM pg_catalog.pg_enum WHERE oid >= 16384",
  `SELECT r.oid::text, 'rule:' || c.relname || '.' || r.rulename
   FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class WHERE r.oid >= 16384`,
  "SELECT oid::text, 'proc:' || proname FROM pg_catalog.pg_proc WHERE oid >= 16384",
  "SELECT oid::text, 'database' FROM pg_catalog.pg_database WHERE datname = current_database()",
];

export async function connect(port: number, database: string): Promise<RawClient> {
  return RawClient.connect(port, { user: "postgres", database, client_encoding: "UTF8" });
}

/** Runs one statement with the simple protocol and returns its rows (throws on error). */
export async function simple(c: RawClient, sql: string): Promise<(string | null)[][]> {
  c.send(serialize.query(sql));
  const ms = await c.untilReady();
  const err = ms.find((m) => m.name === "error");
  if (err) throw new Error(`${sql}: ${String(err.code)} ${String(err.message)}`);
  return ms.filter((m) => m.name === "dataRow").map((m) => m.fields as (string | null)[]);
}

export async function objectNames(c: RawClient, database: string): Promise<ObjectNames> {
  const byOid = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const q of OBJECT_QUERIES) {
    for (const [oid, name] of await simple(c, q)) {
      if (oid === null || oid === undefined || name === null || name === undefined) continue;
      if (!byOid.has(oid)) byOid.set(oid, name);
      if (!byName.has(name)) byName.set(name, oid);
    }
  }
  return { database, byOid, byName };
}

/** `{{oid KIND:NAME}}` and `{{database}}` -> this database's values. */
export function resolve(text: string, names: ObjectNames): string {
  return text.replace(/\{\{(oid ([^}]+)|database)\}\}/g, (whole, _all: string, name?: string) => {
    if (name === undefined) return names.database;
    const oid = names.byName.get(name);
    if (oid === undefined) throw new Error(`no object ${name} for ${whole}`);
    return oid;
  });
}

/** This database's OIDs and name -> `{{oid KIND:NAME}}` and `{{database}}`. */
export function symbolize(text: string, names: ObjectNames, exactDatabase: boolean): string {
  if (exactDatabase && text === names.database) return "{{database}}";
  const out = text.replace(/\b\d{5,10}\b/g, (n) => {
    const name = names.byOid.get(n);
    return name === undefined ? n : `{{oid ${name}}}`;
  });
  return exactDatabase ? out : out.split(names.database).join("{{database}}");
}

await loadModule();

/** Whether the last statement of `sql` is a query with a top-level ORDER BY. */
export function isOrdered(sql: string): boolean {
  try {
    const stmts = (parseSync(sql) as { stmts: { stmt: Record<string, { sortClause?: unknown[] }> }[] }).stmts;
    const last = stmts.at(-1)?.stmt;
    return (last?.SelectStmt?.sortClause?.length ?? 0) > 0;
  } catch {
    return true;
  }
}

const byText = (a: (string | null)[], b: (string | null)[]) => {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Runs an entry: simple protocol without parameters, extended protocol (text values) with them. */
export async function replay(c: RawClient, entry: FixtureEntry, names: ObjectNames): Promise<Answer> {
  const sql = resolve(entry.sql, names);
  if (entry.params === undefined) {
    c.send(serialize.query(sql));
  } else {
    const values = entry.params.map((p) => (p === null ? null : resolve(p, names)));
    c.send(
      serialize.parse({ text: sql, types: entry.paramTypes ?? [] }),
      serialize.bind({ values }),
      serialize.describe({ type: "P" }),
      serialize.execute({}),
      serialize.sync(),
    );
  }
  const ms = await c.untilReady();
  const err = ms.find((m) => m.name === "error");
  const desc = ms.filter((m) => m.name === "rowDescription").at(-1);
  const fields = (desc?.fields ?? []) as [string, number, number][];
  const answer: Answer = {
    columns: fields.map(([name, typeOid]) => ({ name, typeOid })),
    rows: ms
      .filter((m) => m.name === "dataRow")
      .map((m) =>
        (m.fields as (string | null)[]).map((v) => (v === null ? null : symbolize(v, names, true))),
      ),
  };
  if (!isOrdered(sql)) answer.rows.sort(byText);
  if (err) answer.error = { code: String(err.code), message: String(err.message) };
  return answer;
}

/** A fresh database with the schema: PostgreSQL database or Tenantgres tenant named `database`. */
export async function createSchema(c: RawClient): Promise<void> {
  for (const sql of schemaStatements()) await simple(c, sql);
}
