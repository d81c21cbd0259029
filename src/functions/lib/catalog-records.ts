// Anonymous records, as a set-returning function of several columns gives them in a select list
// (pgJDBC's getPrimaryKeys and getIndexInfo select information_schema._pg_expandarray(i.indkey)
// and then its fields). A record travels as its text form, record_out's "(a,b)", so that it prints
// as PostgreSQL prints it; the translator reads a field back with pg_row_field and casts its text.
import { INT4, t } from "../../sql/oids.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { internalFunctions } from "../internal.js";
import { defineFunctions } from "../registry.js";
import { elemOf, readArray } from "./arrays-common.js";

/** record_out: a field is quoted when empty or holding a quote, backslash, parenthesis, comma or space. */
function rowText(fields: SqliteValue[]): string {
  const parts = fields.map((f) => {
    if (f === null) return "";
    const s = String(f);
    if (s !== "" && !/["\\(),\s]/.test(s)) return s;
    return `"${s.replace(/["\\]/g, (c) => c + c)}"`;
  });
  return `(${parts.join(",")})`;
}

/** record_in's reading of one field (0-based) of a record's text: its text, or NULL when empty. */
function rowField(text: string, index: number): string | null {
  let i = text.indexOf("(") + 1;
  for (let field = 0; ; field++) {
    let value = "";
    let quoted = false;
    while (i < text.length && text[i] !== "," && text[i] !== ")") {
      const c = text[i++]!;
      if (c === "\\" && i < text.length) value += text[i++];
      else if (c === '"') {
        quoted = true;
        while (i < text.length) {
          const q = text[i++]!;
          if (q === '"' && text[i] === '"') value += text[i++];
          else if (q === '"') break;
          else if (q === "\\" && i < text.length) value += text[i++];
          else value += q;
        }
      } else value += c;
    }
    if (field === index) return value === "" && !quoted ? null : value;
    if (i >= text.length || text[i] === ")") return null;
    i++;
  }
}

internalFunctions.push(
  { name: "pg_row_out", deterministic: true, impl: (...fields) => rowText(fields) },
  {
    name: "pg_row_field",
    deterministic: true,
    impl: (row, index) => (row === null ? null : rowField(String(row), Number(index))),
  },
);

defineFunctions([
  {
    // information_schema._pg_expandarray(anyarray, OUT x anyelement, OUT n int): each element of
    // the first dimension with its position counted from 1 (an int2vector's from 0 counts from 1 too).
    name: "_pg_expandarray",
    kind: "udf-set",
    udfName: "pg_expandarray",
    args: ["anyarray"],
    returns: (types) => t(elemOf(types[0]?.oid ?? 25)),
    volatility: "immutable",
    passTypes: true,
    maxColumns: 2,
    columns: (types) => [
      { name: "x", type: t(elemOf(types[0]?.oid ?? 25)) },
      { name: "n", type: t(INT4) },
    ],
    *rows(ta, a) {
      const tree = readArray(a, elemOf(Number(ta)));
      for (let i = 0; i < tree.length; i++) {
        const x = tree[i];
        yield [Array.isArray(x) || x === undefined ? null : x, i + 1];
      }
    },
  },
]);
