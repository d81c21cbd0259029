import { randomUUID } from "node:crypto";
import { PgError } from "../errors/pg-error.js";
import {
  BOOL,
  DATE,
  FLOAT4,
  FLOAT8,
  INT2,
  INT4,
  INT8,
  NUMERIC,
  OID,
  REGCLASS,
  TEXT,
  TIMESTAMP,
  TIMESTAMPTZ,
  t,
  UUID,
} from "../sql/oids.js";
import type { SqlType } from "../sql/plan.js";
import { typeByName } from "../types/registry.js";
import type { SqliteValue } from "../types/sqlite-value.js";
import { VERSION_STRING } from "../version.js";
import { lowerChar, upperChar } from "./lib/strings-common.js";
import type { FunctionDef } from "./registry.js";
import { defineFunctions } from "./registry.js";
import { clockMicros, currentSession } from "./runtime.js";
import { localTimestampStorage, timestamptzStorage } from "./time.js";

/** The PostgreSQL functions implemented so far, each declared once. */

const same = (types: SqlType[]) => t(types[0]?.oid ?? TEXT);
const sql = (name: string) => (c: { args: string[]; distinct: boolean }) =>
  `${name}(${c.distinct ? "DISTINCT " : ""}${c.args.join(", ")})`;

function sumType(types: SqlType[]): SqlType {
  const oid = types[0]?.oid;
  if (oid === INT2 || oid === INT4) return t(INT8);
  if (oid === FLOAT4 || oid === FLOAT8) return t(oid);
  return t(NUMERIC);
}

/**
 * min/max: numeric values compare in the pg_numeric collation (numeric's TEXT storage), made TEXT
 * unless they are a plain column reference, which lets SQLite use an index on the column.
 */
function minMax(name: string) {
  return (c: { args: string[]; types: SqlType[]; distinct: boolean }) => {
    if (c.types[0]?.oid !== NUMERIC) return sql(name)(c);
    return `${name}(${c.distinct ? "DISTINCT " : ""}${numericKey(c.args[0]!)})`;
  };
}

/** A numeric value in the pg_numeric collation (as numericSortKey in lib/numeric.ts). */
function numericKey(arg: string): string {
  const operand = /^"(?:[^"]|"")*"(?:\."(?:[^"]|"")*")?$/.test(arg) ? arg : `CAST(${arg} AS TEXT)`;
  return `${operand} COLLATE pg_numeric`;
}

const aggregates: FunctionDef[] = [
  {
    name: "count",
    kind: "aggregate",
    args: [],
    returns: t(INT8),
    volatility: "immutable",
    sql: () => "count(*)",
  },
  {
    name: "count",
    kind: "aggregate",
    args: ["any"],
    returns: t(INT8),
    volatility: "immutable",
    // count(DISTINCT numeric): 1.0 and 1.00 are one value, in the pg_numeric collation.
    sql: (c) =>
      c.distinct && c.types[0]?.oid === NUMERIC
        ? `count(DISTINCT ${numericKey(c.args[0]!)})`
        : sql("count")(c),
  },
  // sum(int8) and sum(numeric), avg of integers and numeric: exact, in lib/numeric.ts.
  ...[INT2, INT4, FLOAT4, FLOAT8].map(
    (oid): FunctionDef => ({
      name: "sum",
      kind: "aggregate",
      args: [oid],
      returns: sumType,
      volatility: "immutable",
      sql: sql("sum"),
    }),
  ),
  ...[FLOAT4, FLOAT8].map(
    (oid): FunctionDef => ({
      name: "avg",
      kind: "aggregate",
      args: [oid],
      returns: t(FLOAT8),
      volatility: "immutable",
      sql: sql("avg"),
    }),
  ),
  {
    name: "min",
    kind: "aggregate",
    args: ["any"],
    returns: same,
    volatility: "immutable",
    sql: minMax("min"),
  },
  {
    name: "max",
    kind: "aggregate",
    args: ["any"],
    returns: same,
    volatility: "immutable",
    sql: minMax("max"),
  },
  {
    name: "bool_and",
    kind: "aggregate",
    args: [BOOL],
    returns: t(BOOL),
    volatility: "immutable",
    sql: (c) => `min(${c.args[0]})`,
  },
  {
    name: "bool_or",
    kind: "aggregate",
    args: [BOOL],
    returns: t(BOOL),
    volatility: "immutable",
    sql: (c) => `max(${c.args[0]})`,
  },
];

const now = () => timestamptzStorage(currentSession().transactionStartMicros());

function localTimestamp(micros: bigint): string {
  return localTimestampStorage(micros, currentSession().formatContext().timeZone);
}

const session: FunctionDef[] = [
  {
    name: "now",
    kind: "udf",
    udfName: "pg_now",
    args: [],
    returns: t(TIMESTAMPTZ),
    volatility: "stable",
    impl: now,
  },
  {
    name: "transaction_timestamp",
    kind: "udf",
    udfName: "pg_now",
    args: [],
    returns: t(TIMESTAMPTZ),
    volatility: "stable",
    impl: now,
  },
  {
    name: "statement_timestamp",
    kind: "udf",
    udfName: "pg_statement_timestamp",
    args: [],
    returns: t(TIMESTAMPTZ),
    volatility: "stable",
    impl: () => timestamptzStorage(currentSession().statementStartMicros()),
  },
  {
    name: "clock_timestamp",
    kind: "udf",
    udfName: "pg_clock_timestamp",
    args: [],
    returns: t(TIMESTAMPTZ),
    volatility: "volatile",
    impl: () => timestamptzStorage(clockMicros()),
  },
  {
    name: "localtimestamp",
    kind: "udf",
    udfName: "pg_localtimestamp",
    args: [],
    returns: t(TIMESTAMP),
    volatility: "stable",
    impl: () => localTimestamp(currentSession().transactionStartMicros()),
  },
  {
    name: "current_date",
    kind: "udf",
    udfName: "pg_current_date",
    args: [],
    returns: t(DATE),
    volatility: "stable",
    impl: () => localTimestamp(currentSession().transactionStartMicros()).slice(0, 10),
  },
  {
    name: "version",
    kind: "udf",
    udfName: "pg_version",
    args: [],
    returns: t(TEXT),
    volatility: "stable",
    impl: () => VERSION_STRING,
  },
  {
    name: "current_database",
    kind: "udf",
    udfName: "pg_current_database",
    args: [],
    returns: t(TEXT),
    volatility: "stable",
    impl: () => currentSession().database,
  },
  {
    name: "current_catalog",
    kind: "udf",
    udfName: "pg_current_database",
    args: [],
    returns: t(TEXT),
    volatility: "stable",
    impl: () => currentSession().database,
  },
  {
    name: "current_user",
    kind: "udf",
    udfName: "pg_current_user",
    args: [],
    returns: t(TEXT),
    volatility: "stable",
    impl: () => currentSession().user,
  },
  {
    name: "session_user",
    kind: "udf",
    udfName: "pg_current_user",
    args: [],
    returns: t(TEXT),
    volatility: "stable",
    impl: () => currentSession().user,
  },
  {
    name: "current_schema",
    kind: "sql",
    args: [],
    returns: t(TEXT),
    volatility: "stable",
    sql: () => "'public'",
  },
  {
    name: "pg_backend_pid",
    kind: "udf",
    udfName: "pg_backend_pid",
    args: [],
    returns: t(INT4),
    volatility: "stable",
    impl: () => currentSession().pid,
  },
  {
    name: "current_setting",
    kind: "udf",
    udfName: "pg_current_setting",
    args: [TEXT],
    returns: t(TEXT),
    volatility: "stable",
    impl: (name) => settingValue(String(name), false),
  },
  {
    name: "current_setting",
    kind: "udf",
    udfName: "pg_current_setting",
    args: [TEXT, BOOL],
    returns: t(TEXT),
    volatility: "stable",
    impl: (name, missingOk) => settingValue(String(name), Number(missingOk) === 1),
  },
  {
    name: "set_config",
    kind: "udf",
    udfName: "pg_set_config",
    args: [TEXT, TEXT, BOOL],
    returns: t(TEXT),
    volatility: "volatile",
    impl: (name, value, local) =>
      currentSession().setSetting(String(name), String(value), Number(local) === 1),
  },
  {
    name: "pg_cancel_backend",
    kind: "udf",
    udfName: "pg_cancel_backend",
    args: [INT4],
    returns: t(BOOL),
    volatility: "volatile",
    impl: (pid) => (currentSession().signal(Number(pid), false) ? 1 : 0),
  },
  {
    name: "pg_terminate_backend",
    kind: "udf",
    udfName: "pg_terminate_backend",
    args: [INT4],
    returns: t(BOOL),
    volatility: "volatile",
    impl: (pid) => (currentSession().signal(Number(pid), true) ? 1 : 0),
  },
  {
    name: "gen_random_uuid",
    kind: "udf",
    udfName: "pg_gen_random_uuid",
    args: [],
    returns: t(UUID),
    volatility: "volatile",
    impl: () => randomUUID(),
  },
];

function settingValue(name: string, missingOk: boolean): string | null {
  const v = currentSession().setting(name);
  if (v === undefined) {
    if (missingOk) return null;
    throw new PgError("UNDEFINED_OBJECT", `unrecognized configuration parameter "${name}"`);
  }
  return v;
}

/** The sequence a regclass argument (an OID) names. */
function sequenceName(arg: SqliteValue): string {
  if (typeof arg === "string") return arg;
  const oid = Number(arg);
  for (const seq of currentSession().catalog().schema.sequences()) if (seq.oid === oid) return seq.name;
  throw new PgError("UNDEFINED_TABLE", `could not open relation with OID ${oid}`);
}

const sequences: FunctionDef[] = [
  {
    name: "nextval",
    kind: "udf",
    udfName: "pg_nextval",
    args: [REGCLASS],
    returns: t(INT8),
    volatility: "volatile",
    writes: true,
    impl: (n) => currentSession().nextval(sequenceName(n)),
  },
  {
    name: "currval",
    kind: "udf",
    udfName: "pg_currval",
    args: [REGCLASS],
    returns: t(INT8),
    volatility: "volatile",
    impl: (n) => currentSession().currval(sequenceName(n)),
  },
  {
    name: "lastval",
    kind: "udf",
    udfName: "pg_lastval",
    args: [],
    returns: t(INT8),
    volatility: "volatile",
    impl: () => currentSession().lastval(),
  },
  {
    name: "setval",
    kind: "udf",
    udfName: "pg_setval",
    args: [REGCLASS, INT8],
    returns: t(INT8),
    volatility: "volatile",
    writes: true,
    impl: (n, v) => currentSession().setval(sequenceName(n), BigInt(v as number), true),
  },
  {
    name: "setval",
    kind: "udf",
    udfName: "pg_setval",
    args: [REGCLASS, INT8, BOOL],
    returns: t(INT8),
    volatility: "volatile",
    writes: true,
    impl: (n, v, called) =>
      currentSession().setval(sequenceName(n), BigInt(v as number), Number(called) === 1),
  },
];

const strings: FunctionDef[] = [
  {
    name: "lower",
    kind: "udf",
    udfName: "pg_lower",
    args: [TEXT],
    returns: t(TEXT),
    volatility: "immutable",
    impl: (s) => Array.from(String(s), lowerChar).join(""),
  },
  {
    name: "upper",
    kind: "udf",
    udfName: "pg_upper",
    args: [TEXT],
    returns: t(TEXT),
    volatility: "immutable",
    impl: (s) => Array.from(String(s), upperChar).join(""),
  },
  // SQLite's length counts characters of text and bytes of blobs, as PostgreSQL's does.
  {
    name: "length",
    kind: "sql",
    args: [TEXT],
    returns: t(INT4),
    volatility: "immutable",
    sql: sql("length"),
  },
  {
    name: "char_length",
    kind: "sql",
    args: [TEXT],
    returns: t(INT4),
    volatility: "immutable",
    sql: sql("length"),
  },
  {
    name: "octet_length",
    kind: "sql",
    args: [TEXT],
    returns: t(INT4),
    volatility: "immutable",
    sql: (c) => `length(CAST(${c.args[0]} AS BLOB))`,
  },
  // abs: lib/math.ts and lib/numeric.ts.
];

defineFunctions([...aggregates, ...session, ...sequences, ...strings]);

export { OID };

const int8 = t(INT8);
const sameAsFirst = (types: SqlType[]) => t(types[0]?.oid ?? TEXT);
const windowFn = (name: string, args: FunctionDef["args"], returns: FunctionDef["returns"]): FunctionDef => ({
  name,
  kind: "sql",
  args,
  returns,
  volatility: "immutable",
  sql: (c) => `${name}(${c.args.join(", ")})`,
});

/** Window functions: SQLite has them all, with PostgreSQL's meaning. */
defineFunctions([
  windowFn("row_number", [], int8),
  windowFn("rank", [], int8),
  windowFn("dense_rank", [], int8),
  windowFn("percent_rank", [], t(FLOAT8)),
  windowFn("cume_dist", [], t(FLOAT8)),
  windowFn("ntile", [INT4], t(INT4)),
  windowFn("lag", ["anyelement"], sameAsFirst),
  windowFn("lag", ["anyelement", INT4], sameAsFirst),
  windowFn("lag", ["anyelement", INT4, "anyelement"], sameAsFirst),
  windowFn("lead", ["anyelement"], sameAsFirst),
  windowFn("lead", ["anyelement", INT4], sameAsFirst),
  windowFn("lead", ["anyelement", INT4, "anyelement"], sameAsFirst),
  windowFn("first_value", ["anyelement"], sameAsFirst),
  windowFn("last_value", ["anyelement"], sameAsFirst),
  windowFn("nth_value", ["anyelement", INT4], sameAsFirst),
]);

/** The schemas in the search path: public, and with implicit ones, pg_catalog first. */
defineFunctions([
  {
    name: "current_schemas",
    kind: "sql",
    args: [BOOL],
    returns: t(typeByName("_name")!.oid),
    volatility: "stable",
    sql: (c) => `(CASE WHEN ${c.args[0]} THEN '["pg_catalog","public"]' ELSE '["public"]' END)`,
  },
]);

/** pg_notify(channel, payload): NOTIFY as a function, delivered when the transaction commits. */
defineFunctions([
  {
    name: "pg_notify",
    kind: "udf",
    udfName: "pg_notify",
    args: [TEXT, TEXT],
    returns: t(typeByName("void")!.oid),
    volatility: "volatile",
    strict: false,
    impl: (channel, payload) => {
      if (channel === null || channel === "")
        throw new PgError("INVALID_PARAMETER_VALUE", "channel name cannot be empty");
      currentSession().queueNotify(String(channel), payload === null ? "" : String(payload));
      return "";
    },
  },
]);

/** Transaction numbers (see SessionContext.transactionId). */
defineFunctions(
  ["txid_current", "pg_current_xact_id"].map(
    (name): FunctionDef => ({
      name,
      kind: "udf",
      udfName: "pg_txid_current",
      args: [],
      returns: t(name === "txid_current" ? INT8 : typeByName("xid8")!.oid),
      volatility: "stable",
      impl: () => currentSession().transactionId(),
    }),
  ),
);

/** pg_typeof(any): the argument's type, known when the statement is translated. */
defineFunctions([
  {
    name: "pg_typeof",
    kind: "sql",
    args: ["any"],
    returns: t(typeByName("regtype")!.oid),
    volatility: "stable",
    sql: (c) => String(c.types[0]!.oid),
  },
]);
