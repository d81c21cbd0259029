// The PostgreSQL functions declared here rather than in lib/: aggregates (builtin-aggregates.ts),
// session functions (builtin-session.ts), sequence functions (builtin-sequences.ts), lower/upper
// and length, window functions, current_schemas, pg_notify, transaction ids and pg_typeof.
import { PgError } from "../errors/pg-error.js";
import { BOOL, FLOAT8, INT4, INT8, OID, TEXT, t } from "../sql/oids.js";
import type { SqlType } from "../sql/plan.js";
import { typeByName } from "../types/registry.js";
import { aggregates, sql } from "./builtin-aggregates.js";
import { sequences } from "./builtin-sequences.js";
import { session } from "./builtin-session.js";
import { lowerChar, upperChar } from "./lib/strings-common.js";
import type { FunctionDef } from "./registry.js";
import { defineFunctions } from "./registry.js";
import { currentSession } from "./runtime.js";

/** The PostgreSQL functions implemented so far, each declared once. */

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

/**
 * pg_sleep(seconds): native (native/interrupt.c), so that cancel and statement_timeout end it. It
 * holds the session's thread; sessions of other tenants move to another thread meanwhile.
 */
defineFunctions([
  {
    name: "pg_sleep",
    kind: "sql",
    args: [FLOAT8],
    returns: t(typeByName("void")!.oid),
    volatility: "volatile",
    sql: (c) => `pg_sleep_native(${c.args[0]})`,
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
