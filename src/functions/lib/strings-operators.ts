// The || operator on text and on bytea. text || text computes what the translator's built-in rule
// computes; it is declared so that two untyped literals ('a' || 'b'), for which operator resolution
// tries the declared operators and takes the first of equally good candidates, concatenate as
// text, as in PostgreSQL, rather than as jsonb or arrays. Import this module before those.
import { BYTEA, TEXT, t } from "../../sql/oids.js";
import { defineOperators } from "../registry.js";
import { bytes } from "./strings-common.js";

defineOperators([
  {
    name: "||",
    kind: "sql",
    args: [TEXT, TEXT],
    returns: t(TEXT),
    volatility: "immutable",
    sql: (c) => `(${c.args[0]} || ${c.args[1]})`,
  },
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
