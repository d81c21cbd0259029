// nextval, currval, lastval and setval on the session's sequences, named by a regclass argument.
// Declared by builtins.ts.
import { PgError } from "../errors/pg-error.js";
import { BOOL, INT8, REGCLASS, t } from "../sql/oids.js";
import type { SqliteValue } from "../types/sqlite-value.js";
import type { FunctionDef } from "./registry.js";
import { currentSession } from "./runtime.js";

function sequenceName(arg: SqliteValue): string {
  if (typeof arg === "string") return arg;
  const oid = Number(arg);
  for (const seq of currentSession().catalog().schema.sequences()) if (seq.oid === oid) return seq.name;
  throw new PgError("UNDEFINED_TABLE", `could not open relation with OID ${oid}`);
}

export const sequences: FunctionDef[] = [
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
