// The declarations of PostgreSQL's string functions (varlena.c, oracle_compat.c, encode.c):
// substring, position, overlay, trim, pad, split_part, format, encode/decode, hashes and the rest.
// Their implementations are in strings-manipulation.ts, strings-encode.ts and strings-format.ts.
import { createHash } from "node:crypto";
import { BOOL, BYTEA, INT4, INT8, TEXT, t } from "../../sql/oids.js";
import type { SqlType } from "../../sql/plan.js";
import { typeByName } from "../../types/registry.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";
import { bytes, castText, chars, int, str } from "./strings-common.js";
import { decode, encode, hash } from "./strings-encode.js";
import { concat, formatText, quoteIdent, quoteLiteral } from "./strings-format.js";
import {
  ascii,
  byteaSubstring,
  bytesIndexOf,
  chr,
  initcap,
  left,
  overlayBytes,
  overlayText,
  pad,
  repeat,
  right,
  splitPart,
  stringToArray,
  textArrayJson,
  textPosition,
  textSubstring,
  toHex32,
  toHex64,
  translate,
  trimBytes,
  trimText,
} from "./strings-manipulation.js";

const TEXT_ARRAY = typeByName("_text")!.oid;

const text = t(TEXT);
const int4 = t(INT4);
const bytea = t(BYTEA);

function udf(
  name: string,
  udfName: string,
  args: FunctionDef["args"],
  returns: SqlType,
  impl: (...a: SqliteValue[]) => SqliteValue,
  extra: Partial<FunctionDef> = {},
): FunctionDef {
  return {
    name,
    kind: "udf",
    // One SQLite function per arity: overloads that differ in arguments need their own name.
    udfName: extra.variadic ? udfName : `${udfName}_${args.length}`,
    args,
    returns,
    volatility: "immutable",
    impl,
    ...extra,
  } as FunctionDef;
}

const halves = (a: SqliteValue[]): [number[], SqliteValue[]] => {
  const n = a.length / 2;
  return [a.slice(0, n).map(Number), a.slice(n)];
};

defineFunctions([
  // substring / substr (the regular-expression forms are in regex.ts)
  udf("substr", "pg_substr", [TEXT, INT4], text, (s, a) => textSubstring(str(s), int(a))),
  udf("substr", "pg_substr", [TEXT, INT4, INT4], text, (s, a, b) => textSubstring(str(s), int(a), int(b))),
  udf("substr", "pg_substr_bytea", [BYTEA, INT4], bytea, (s, a) => byteaSubstring(bytes(s), int(a))),
  udf("substr", "pg_substr_bytea", [BYTEA, INT4, INT4], bytea, (s, a, b) =>
    byteaSubstring(bytes(s), int(a), int(b)),
  ),
  udf("substring", "pg_substr", [TEXT, INT4], text, (s, a) => textSubstring(str(s), int(a))),
  udf("substring", "pg_substr", [TEXT, INT4, INT4], text, (s, a, b) => textSubstring(str(s), int(a), int(b))),
  udf("substring", "pg_substr_bytea", [BYTEA, INT4], bytea, (s, a) => byteaSubstring(bytes(s), int(a))),
  udf("substring", "pg_substr_bytea", [BYTEA, INT4, INT4], bytea, (s, a, b) =>
    byteaSubstring(bytes(s), int(a), int(b)),
  ),
  // position / strpos
  udf("position", "pg_strpos", [TEXT, TEXT], int4, (s, n) => textPosition(str(s), str(n))),
  udf("position", "pg_position_bytea", [BYTEA, BYTEA], int4, (s, n) => bytesIndexOf(bytes(s), bytes(n)) + 1),
  udf("strpos", "pg_strpos", [TEXT, TEXT], int4, (s, n) => textPosition(str(s), str(n))),
  // overlay
  udf("overlay", "pg_overlay", [TEXT, TEXT, INT4], text, (s, r, a) =>
    overlayText(str(s), str(r), int(a), chars(str(r)).length),
  ),
  udf("overlay", "pg_overlay", [TEXT, TEXT, INT4, INT4], text, (s, r, a, b) =>
    overlayText(str(s), str(r), int(a), int(b)),
  ),
  udf("overlay", "pg_overlay_bytea", [BYTEA, BYTEA, INT4], bytea, (s, r, a) =>
    overlayBytes(bytes(s), bytes(r), int(a), bytes(r).length),
  ),
  udf("overlay", "pg_overlay_bytea", [BYTEA, BYTEA, INT4, INT4], bytea, (s, r, a, b) =>
    overlayBytes(bytes(s), bytes(r), int(a), int(b)),
  ),
  // trim
  udf("btrim", "pg_btrim", [TEXT], text, (s) => trimText(str(s), " ", true, true)),
  udf("btrim", "pg_btrim", [TEXT, TEXT], text, (s, c) => trimText(str(s), str(c), true, true)),
  udf("ltrim", "pg_ltrim", [TEXT], text, (s) => trimText(str(s), " ", true, false)),
  udf("ltrim", "pg_ltrim", [TEXT, TEXT], text, (s, c) => trimText(str(s), str(c), true, false)),
  udf("rtrim", "pg_rtrim", [TEXT], text, (s) => trimText(str(s), " ", false, true)),
  udf("rtrim", "pg_rtrim", [TEXT, TEXT], text, (s, c) => trimText(str(s), str(c), false, true)),
  udf("btrim", "pg_btrim_bytea", [BYTEA, BYTEA], bytea, (s, c) => trimBytes(bytes(s), bytes(c), true, true)),
  udf("ltrim", "pg_ltrim_bytea", [BYTEA, BYTEA], bytea, (s, c) => trimBytes(bytes(s), bytes(c), true, false)),
  udf("rtrim", "pg_rtrim_bytea", [BYTEA, BYTEA], bytea, (s, c) => trimBytes(bytes(s), bytes(c), false, true)),
  // replace, split_part, translate, reverse, initcap, repeat
  udf("replace", "pg_replace", [TEXT, TEXT, TEXT], text, (s, f, r) => {
    const from = str(f);
    return from.length === 0 ? str(s) : str(s).split(from).join(str(r));
  }),
  udf("split_part", "pg_split_part", [TEXT, TEXT, INT4], text, (s, d, n) =>
    splitPart(str(s), str(d), int(n)),
  ),
  udf("translate", "pg_translate", [TEXT, TEXT, TEXT], text, (s, f, r) => translate(str(s), str(f), str(r))),
  udf("reverse", "pg_reverse", [TEXT], text, (s) => chars(str(s)).reverse().join("")),
  udf("initcap", "pg_initcap", [TEXT], text, (s) => initcap(str(s))),
  udf("repeat", "pg_repeat", [TEXT, INT4], text, (s, n) => repeat(str(s), int(n))),
  udf("left", "pg_left", [TEXT, INT4], text, (s, n) => left(str(s), int(n))),
  udf("right", "pg_right", [TEXT, INT4], text, (s, n) => right(str(s), int(n))),
  udf("lpad", "pg_lpad", [TEXT, INT4], text, (s, n) => pad(str(s), int(n), " ", true)),
  udf("lpad", "pg_lpad", [TEXT, INT4, TEXT], text, (s, n, f) => pad(str(s), int(n), str(f), true)),
  udf("rpad", "pg_rpad", [TEXT, INT4], text, (s, n) => pad(str(s), int(n), " ", false)),
  udf("rpad", "pg_rpad", [TEXT, INT4, TEXT], text, (s, n, f) => pad(str(s), int(n), str(f), false)),
  udf("starts_with", "pg_starts_with", [TEXT, TEXT], t(BOOL), (s, p) => (str(s).startsWith(str(p)) ? 1 : 0)),
  // characters and numbers
  udf("ascii", "pg_ascii", [TEXT], int4, (s) => ascii(str(s))),
  udf("chr", "pg_chr", [INT4], text, (n) => chr(n as bigint)),
  udf("to_hex", "pg_to_hex32", [INT4], text, toHex32),
  udf("to_hex", "pg_to_hex64", [INT8], text, toHex64),
  // lengths of bytea (the text variants are in builtins.ts)
  {
    name: "length",
    kind: "sql",
    args: [BYTEA],
    returns: int4,
    volatility: "immutable",
    sql: (c) => `length(CAST(${c.args[0]} AS BLOB))`,
  },
  {
    name: "octet_length",
    kind: "sql",
    args: [BYTEA],
    returns: int4,
    volatility: "immutable",
    sql: (c) => `length(CAST(${c.args[0]} AS BLOB))`,
  },
  // hashes and encodings
  udf("md5", "pg_md5", [TEXT], text, (s) => createHash("md5").update(str(s), "utf8").digest("hex")),
  udf("md5", "pg_md5_bytea", [BYTEA], text, (b) => createHash("md5").update(bytes(b)).digest("hex")),
  udf("sha224", "pg_sha224", [BYTEA], bytea, (b) => hash("sha224", bytes(b))),
  udf("sha256", "pg_sha256", [BYTEA], bytea, (b) => hash("sha256", bytes(b))),
  udf("sha384", "pg_sha384", [BYTEA], bytea, (b) => hash("sha384", bytes(b))),
  udf("sha512", "pg_sha512", [BYTEA], bytea, (b) => hash("sha512", bytes(b))),
  udf("encode", "pg_encode", [BYTEA, TEXT], text, (b, f) => encode(bytes(b), str(f))),
  udf("decode", "pg_decode", [TEXT, TEXT], bytea, (s, f) => decode(str(s), str(f))),
  // quoting
  udf("quote_ident", "pg_quote_ident", [TEXT], text, (s) => quoteIdent(str(s))),
  udf("quote_literal", "pg_quote_literal", [TEXT], text, (s) => quoteLiteral(str(s))),
  udf(
    "quote_literal",
    "pg_quote_literal_any",
    ["anyelement"],
    text,
    (oid, v) => quoteLiteral(castText(Number(oid), v as StoredValue)),
    { passTypes: true, volatility: "stable" },
  ),
  udf(
    "quote_nullable",
    "pg_quote_nullable",
    [TEXT],
    text,
    (s) => (s === null ? "NULL" : quoteLiteral(str(s))),
    {
      strict: false,
    },
  ),
  udf(
    "quote_nullable",
    "pg_quote_nullable_any",
    ["anyelement"],
    text,
    (oid, v) => (v === null ? "NULL" : quoteLiteral(castText(Number(oid), v as StoredValue))),
    { passTypes: true, strict: false, volatility: "stable" },
  ),
  // concat, concat_ws, format: arguments of any type, printed by their output functions
  udf(
    "concat",
    "pg_concat",
    ["any", "any"],
    text,
    (...a) => {
      const [types, values] = halves(a);
      return concat(types, values, "");
    },
    { variadic: true, passTypes: true, strict: false, volatility: "stable" },
  ),
  udf(
    "concat_ws",
    "pg_concat_ws",
    [TEXT, "any", "any"],
    text,
    (...a) => {
      const [types, values] = halves(a);
      if (values[0] === null) return null;
      return concat(types.slice(1), values.slice(1), str(values[0]!));
    },
    { variadic: true, passTypes: true, strict: false, volatility: "stable" },
  ),
  // num_nulls, num_nonnulls: how many of the arguments, of any types, are (not) NULL
  udf("num_nulls", "pg_num_nulls", ["any", "any"], int4, (...a) => a.filter((v) => v === null).length, {
    variadic: true,
    strict: false,
  }),
  udf("num_nonnulls", "pg_num_nonnulls", ["any", "any"], int4, (...a) => a.filter((v) => v !== null).length, {
    variadic: true,
    strict: false,
  }),
  udf("format", "pg_format", [TEXT], text, (f) => formatText(str(f), [], [])),
  udf(
    "format",
    "pg_format_args",
    [TEXT, "any", "any"],
    text,
    (...a) => {
      const [types, values] = halves(a);
      if (values[0] === null) return null;
      return formatText(str(values[0]!), types.slice(1), values.slice(1));
    },
    { variadic: true, passTypes: true, strict: false, volatility: "stable" },
  ),
  // string_to_array (array_to_string is in arrays.ts)
  udf(
    "string_to_array",
    "pg_string_to_array",
    [TEXT, TEXT],
    t(TEXT_ARRAY),
    (s, d) => (s === null ? null : textArrayJson(stringToArray(str(s), d === null ? null : str(d), null))),
    { strict: false },
  ),
  udf(
    "string_to_array",
    "pg_string_to_array",
    [TEXT, TEXT, TEXT],
    t(TEXT_ARRAY),
    (s, d, n) =>
      s === null
        ? null
        : textArrayJson(stringToArray(str(s), d === null ? null : str(d), n === null ? null : str(n))),
    { strict: false },
  ),
]);
