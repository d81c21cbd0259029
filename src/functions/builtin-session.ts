// Functions answered from the session: now() and the other clocks, version(), current_user and
// current_schema, current_setting / set_config, the backend pid, cancelling and terminating
// backends, gen_random_uuid and uuid_generate_v4. Declared by builtins.ts.
import { randomUUID } from "node:crypto";
import { PgError } from "../errors/pg-error.js";
import { BOOL, DATE, INT4, NAME, TEXT, TIMESTAMP, TIMESTAMPTZ, t, UUID } from "../sql/oids.js";
import { VERSION_STRING } from "../version.js";
import type { FunctionDef } from "./registry.js";
import { clockMicros, currentSession } from "./runtime.js";
import { localTimestampStorage, timestamptzStorage } from "./time.js";

const now = () => timestamptzStorage(currentSession().transactionStartMicros());

function localTimestamp(micros: bigint): string {
  return localTimestampStorage(micros, currentSession().formatContext().timeZone);
}

export const session: FunctionDef[] = [
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
    returns: t(NAME),
    volatility: "stable",
    impl: () => currentSession().database,
  },
  {
    name: "current_catalog",
    kind: "udf",
    udfName: "pg_current_database",
    args: [],
    returns: t(NAME),
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
    returns: t(NAME),
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
  // uuid-ossp's random UUID, which ORMs put in column defaults (TypeORM's generated "uuid").
  {
    name: "uuid_generate_v4",
    kind: "udf",
    udfName: "pg_uuid_generate_v4",
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
