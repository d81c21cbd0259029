// Object sizes (pg_relation_size, pg_table_size, pg_indexes_size, pg_total_relation_size,
// pg_database_size) from SQLite's own accounting: the dbstat virtual table's pages for a table's or
// an index's b-tree, page_count * page_size for the whole file. A sequence (a row of
// _tenantgres_sequences) reports PostgreSQL's one page; a view has no storage. pg_size_pretty
// rounds exactly as PostgreSQL 15 does.
import { sessionCatalog } from "../../catalog/catalog.js";
import { constraintNames } from "../../catalog/table-ddl.js";
import { PgError } from "../../errors/pg-error.js";
import { INT8, NAME, NUMERIC, OID, REGCLASS, TEXT, t } from "../../sql/oids.js";
import type { IndexInfo, SchemaView } from "../../sql/schema.js";
import { quoteString } from "../../sql/sqlite-text.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { internalFunctions } from "../internal.js";
import { defineFunctions, type FunctionDef } from "../registry.js";

/** PostgreSQL's block size, which a sequence occupies. */
const SEQUENCE_BYTES = 8192;

/** The name SQLite gives an index: a CREATE INDEX's own, sqlite_autoindex_<table>_<n> for a key constraint's. */
function sqliteIndexName(ix: IndexInfo, schema: SchemaView): string {
  if (ix.sql || !ix.constraint) return ix.name;
  const keys = constraintNames(schema.relation(ix.table)?.sql ?? "")?.keys ?? [];
  const n = keys.indexOf(ix.constraint);
  return `sqlite_autoindex_${ix.table}_${n < 0 ? 1 : n + 1}`;
}

type Measure = "main" | "table" | "indexes" | "total";

/**
 * The SQLite b-trees a size is the sum of, as a JSON array, "seq" for a sequence, or NULL when no
 * relation has the OID. Forks other than main have no pages.
 */
function sizeObjects(oid: SqliteValue, measure: SqliteValue, fork: SqliteValue): SqliteValue {
  if (fork !== null && !["main", "fsm", "vm", "init"].includes(String(fork))) {
    throw new PgError("INVALID_PARAMETER_VALUE", "invalid fork name", {
      hint: 'Valid fork names are "main", "fsm", "vm", and "init".',
    });
  }
  const { schema } = sessionCatalog();
  const id = Number(oid);
  const m = String(measure) as Measure;
  for (const seq of schema.sequences())
    if (seq.oid === id) return m === "indexes" || (fork !== null && fork !== "main") ? "[]" : "seq";
  const indexes = [...(schema.indexes?.() ?? [])];
  for (const ix of indexes)
    if (ix.oid === id)
      return JSON.stringify(
        m === "indexes" || (fork ?? "main") !== "main" ? [] : [sqliteIndexName(ix, schema)],
      );
  for (const rel of schema.relations()) {
    if (rel.oid !== id) continue;
    if (rel.kind === "view" || (fork ?? "main") !== "main") return "[]";
    const own = indexes.filter((ix) => ix.table === rel.name).map((ix) => sqliteIndexName(ix, schema));
    const names = m === "indexes" ? own : m === "total" ? [rel.name, ...own] : [rel.name];
    return JSON.stringify(names);
  }
  return null;
}

function databaseExists(name: SqliteValue): SqliteValue {
  if (String(name) !== sessionCatalog().database) {
    throw new PgError("UNDEFINED_DATABASE", `database "${String(name)}" does not exist`);
  }
  return 1;
}

internalFunctions.push(
  { name: "pg_size_objects", deterministic: false, impl: sizeObjects },
  { name: "pg_size_database", deterministic: false, impl: databaseExists },
);

/** The SQL summing a size: NULL for an unknown OID, one PostgreSQL page for a sequence. */
function sizeSql(oid: string, measure: Measure, fork = "NULL"): string {
  const objects = `pg_size_objects(${oid}, ${quoteString(measure)}, ${fork})`;
  return (
    `(SELECT CASE WHEN o IS NULL THEN NULL WHEN o = 'seq' THEN ${SEQUENCE_BYTES} ` +
    `ELSE (SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN (SELECT value FROM json_each(o))) END ` +
    `FROM (SELECT ${objects} AS o))`
  );
}

const FILE_SIZE = "(SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size())";

const size = (name: string, args: number[], sql: (a: string[]) => string): FunctionDef => ({
  name,
  kind: "sql",
  args,
  returns: t(INT8),
  volatility: "volatile",
  sql: (c) => sql(c.args),
});

defineFunctions([
  size("pg_relation_size", [REGCLASS], ([a]) => sizeSql(a!, "main")),
  size("pg_relation_size", [REGCLASS, TEXT], ([a, f]) => sizeSql(a!, "main", f)),
  size("pg_table_size", [REGCLASS], ([a]) => sizeSql(a!, "table")),
  size("pg_indexes_size", [REGCLASS], ([a]) => sizeSql(a!, "indexes")),
  size("pg_total_relation_size", [REGCLASS], ([a]) => sizeSql(a!, "total")),
  size("pg_database_size", [NAME], ([a]) => `(CASE WHEN pg_size_database(${a}) THEN ${FILE_SIZE} END)`),
  // Tenants have no database OIDs of their own yet: any OID is the current database.
  size("pg_database_size", [OID], ([a]) => `(CASE WHEN ${a} IS NOT NULL THEN ${FILE_SIZE} END)`),
]);

/** PostgreSQL 15's size_pretty_units: name, limit, half-rounded, unit bits. */
const UNITS: [string, bigint, boolean, number][] = [
  ["bytes", 10n * 1024n, false, 0],
  ["kB", 20n * 1024n - 1n, true, 10],
  ["MB", 20n * 1024n - 1n, true, 20],
  ["GB", 20n * 1024n - 1n, true, 30],
  ["TB", 20n * 1024n - 1n, true, 40],
  ["PB", 20n * 1024n - 1n, true, 50],
];

const abs = (n: bigint) => (n < 0n ? -n : n);
const halfRounded = (n: bigint) => (n + (n < 0n ? -1n : 1n)) / 2n;

/** pg_size_pretty over an integer (BigInt division truncates toward zero, as C's does). */
export function sizePretty(size: bigint): string {
  for (let i = 0; i < UNITS.length; i++) {
    const [name, limit, round, bits] = UNITS[i]!;
    const next = UNITS[i + 1];
    if (!next || abs(size) < limit) return `${round ? halfRounded(size) : size} ${name}`;
    size /= 1n << BigInt(next[3] - bits - (next[2] ? 1 : 0) + (round ? 1 : 0));
  }
  throw new Error("unreachable");
}

/** pg_size_pretty(numeric): a fraction survives only below 10 kB; NaN and infinities end in PB. */
export function sizePrettyNumeric(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return `${text} PB`;
  const int = BigInt(`${m[1]}${m[2]}`);
  if (abs(int) < UNITS[0]![1]) return `${text} bytes`;
  return sizePretty(int);
}

defineFunctions([
  {
    name: "pg_size_pretty",
    kind: "udf",
    udfName: "pg_size_pretty_int8",
    args: [INT8],
    returns: t(TEXT),
    volatility: "immutable",
    impl: (v) => sizePretty(BigInt(v as bigint | number)),
  },
  {
    name: "pg_size_pretty",
    kind: "udf",
    udfName: "pg_size_pretty_numeric",
    args: [NUMERIC],
    returns: t(TEXT),
    volatility: "immutable",
    impl: (v) => sizePrettyNumeric(String(v)),
  },
]);
