// Text operators: comparisons and || on text, and || with a non-text side (textanycat,
// anytextcat) and on bytea. They compute what the translator's built-in rules compute; they are
// declared so that operator resolution, which tries declared operators first, picks text for
// untyped literals as PostgreSQL does ('a' = 'b', 'a' || 'b', 'x' || 1) instead of the jsonb and
// array operators also declared for these symbols. This module must be imported before those.

import { BOOL, BYTEA, STRING_TYPES, TEXT, t } from "../../sql/oids.js";
import type { SqlType } from "../../sql/plan.js";
import { castSql } from "../../sql/translate/coerce.js";
import type { FunctionDef } from "../registry.js";
import { defineOperators } from "../registry.js";
import { bytes } from "./strings-common.js";

const asText = (sql: string, type: SqlType | undefined): string =>
  !type || STRING_TYPES.has(type.oid) ? sql : castSql(sql, type.oid, TEXT);

const comparison = (op: string): FunctionDef => ({
  name: op,
  kind: "sql",
  args: [TEXT, TEXT],
  returns: t(BOOL),
  volatility: "immutable",
  sql: (c) => `(${c.args[0]} ${op} ${c.args[1]})`,
});

const concat = (args: FunctionDef["args"]): FunctionDef => ({
  name: "||",
  kind: "sql",
  args,
  returns: t(TEXT),
  volatility: "stable",
  sql: (c) => `(${asText(c.args[0]!, c.types[0])} || ${asText(c.args[1]!, c.types[1])})`,
});

defineOperators([
  ...["=", "<>", "<", ">", "<=", ">="].map(comparison),
  concat([TEXT, TEXT]),
  // text || anynonarray comes before the array operators (so that 'x' || 1 is text, as in
  // PostgreSQL), anynonarray || text after anyarray || anyelement (see arrays.ts).
  concat([TEXT, "anynonarray"]),
  {
    name: "||",
    kind: "udf",
    udfName: "pg_bytea_concat",
    args: [BYTEA, BYTEA],
    returns: t(BYTEA),
    volatility: "immutable",
    impl: (a, b) => Buffer.concat([bytes(a), bytes(b)]),
  },
]);

/** anynonarray || text, declared by arrays.ts after anyarray || anyelement. */
export const anyTextConcat: FunctionDef = concat(["anynonarray", TEXT]);
