// The || operators on text: text || text, and with a non-text side (textanycat, anytextcat), and
// bytea || bytea. They compute what the translator's built-in rule computes; they are declared so
// that operator resolution, which tries declared operators first and prefers the first declared
// among equally good candidates, picks text for untyped literals as PostgreSQL does ('a' || 'b',
// 'x' || 1) rather than the jsonb and array || operators. Import this module before those.

import { BOOL, BYTEA, STRING_TYPES, TEXT, t } from "../../sql/oids.js";
import type { SqlType } from "../../sql/plan.js";
import { castSql } from "../../sql/translate/coerce.js";
import type { FunctionDef } from "../registry.js";
import { defineOperators } from "../registry.js";
import { bytes } from "./strings-common.js";

/** A side as text: its output function, except bool, whose cast to text is 'true' / 'false'. */
function asText(sql: string, type: SqlType | undefined): string {
  if (!type || STRING_TYPES.has(type.oid)) return sql;
  if (type.oid === BOOL) return `(CASE WHEN ${sql} THEN 'true' WHEN NOT ${sql} THEN 'false' END)`;
  return castSql(sql, type.oid, TEXT);
}

const concat = (args: FunctionDef["args"]): FunctionDef => ({
  name: "||",
  kind: "sql",
  args,
  returns: t(TEXT),
  volatility: "stable",
  sql: (c) => `(${asText(c.args[0]!, c.types[0])} || ${asText(c.args[1]!, c.types[1])})`,
});

defineOperators([
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
