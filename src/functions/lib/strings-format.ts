// quote_ident and quote_literal, concat and concat_ws, and format (text_format of PostgreSQL 15's
// varlena.c) with its %s, %I and %L specifiers, positions, flags and widths.
import { PgError } from "../../errors/pg-error.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import { chars, valueText } from "./strings-common.js";

// ---------------------------------------------------------------------------------------------
// quoting

/** Keywords quote_ident must quote: every keyword that is not unreserved (pg_get_keywords()). */
const QUOTED_KEYWORDS = new Set(
  (
    "all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean " +
    "both case cast char character check coalesce collate collation column concurrently constraint create " +
    "cross current_catalog current_date current_role current_schema current_time current_timestamp " +
    "current_user dec decimal default deferrable desc distinct do else end except exists extract false " +
    "fetch float for foreign freeze from full grant greatest group grouping having ilike in initially inner " +
    "inout int integer intersect interval into is isnull join lateral leading least left like limit " +
    "localtime localtimestamp national natural nchar none normalize not notnull null nullif numeric offset " +
    "on only or order out outer overlaps overlay placing position precision primary real references " +
    "returning right row select session_user setof similar smallint some substring symmetric table " +
    "tablesample then time timestamp to trailing treat trim true union unique user using values varchar " +
    "variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest " +
    "xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable"
  ).split(" "),
);

/** quote_identifier (ruleutils.c). */
export function quoteIdent(s: string): string {
  const safe = /^[a-z_][a-z0-9_]*$/.test(s) && !QUOTED_KEYWORDS.has(s);
  return safe ? s : `"${s.replace(/"/g, '""')}"`;
}

/** quote_literal: doubled quotes and backslashes, with E'' when there are backslashes. */
export function quoteLiteral(s: string): string {
  const body = s.replace(/['\\]/g, "$&$&");
  return s.includes("\\") ? `E'${body}'` : `'${body}'`;
}

// ---------------------------------------------------------------------------------------------
// concat, format

function anyText(oid: number, v: SqliteValue): string | null {
  return v === null ? null : valueText(oid, v as StoredValue);
}

export function concat(types: number[], values: SqliteValue[], sep: string): string {
  const parts: string[] = [];
  values.forEach((v, i) => {
    const s = anyText(types[i]!, v);
    if (s !== null) parts.push(s);
  });
  return parts.join(sep);
}

function formatError(message: string, hint = true): PgError {
  return new PgError("INVALID_PARAMETER_VALUE", message, hint ? { hint: 'For a single "%" use "%%".' } : {});
}

const unterminated = () => formatError("unterminated format() type specifier");

/** text_format: %[argpos$][flags][width]type, with width * or *n$, types s, I and L. */
export function formatText(fmt: string, types: number[], values: SqliteValue[]): string {
  let out = "";
  let arg = 0; // index of the next argument (0-based into values)
  const cs = chars(fmt);
  const n = cs.length;
  let i = 0;
  const digits = (): number | undefined => {
    let v = 0;
    let found = false;
    while (i < n && cs[i]! >= "0" && cs[i]! <= "9") {
      v = v * 10 + Number(cs[i]);
      if (v > 2147483647) throw new PgError("NUMERIC_VALUE_OUT_OF_RANGE", "number is out of range");
      i++;
      found = true;
      if (i >= n) throw unterminated();
    }
    return found ? v : undefined;
  };
  const argumentAt = (pos: number): number => {
    if (pos === 0) {
      throw formatError("format specifies argument 0, but arguments are numbered from 1", false);
    }
    return pos - 1;
  };
  while (i < n) {
    const c = cs[i]!;
    if (c !== "%") {
      out += c;
      i++;
      continue;
    }
    i++;
    if (i >= n) throw unterminated();
    if (cs[i] === "%") {
      out += "%";
      i++;
      continue;
    }
    // text_format_parse_format
    let argpos: number | undefined;
    let widthpos: number | undefined;
    let widthStar = false;
    let leftAlign = false;
    let width = 0;
    const first = digits();
    if (first !== undefined) {
      if (cs[i] === "$") {
        argpos = argumentAt(first);
        i++;
        if (i >= n) throw unterminated();
      } else {
        width = first;
      }
    }
    if (first === undefined || argpos !== undefined) {
      while (cs[i] === "-") {
        leftAlign = true;
        i++;
        if (i >= n) throw unterminated();
      }
      if (cs[i] === "*") {
        widthStar = true;
        i++;
        if (i >= n) throw unterminated();
        const wp = digits();
        if (wp !== undefined) {
          if (cs[i] !== "$") throw unterminated();
          widthpos = argumentAt(wp);
          i++;
          if (i >= n) throw unterminated();
        }
      } else {
        const w = digits();
        if (w !== undefined) width = w;
      }
    }
    const conv = cs[i]!;
    if (conv !== "s" && conv !== "I" && conv !== "L") {
      throw formatError(`unrecognized format() type specifier "${conv}"`);
    }
    if (widthStar) {
      const wi = widthpos ?? arg;
      if (widthpos === undefined) arg++;
      if (wi >= values.length) throw formatError("too few arguments for format()", false);
      const wv = values[wi]!;
      if (wv === null) width = 0;
      else {
        const text = anyText(types[wi]!, wv)!;
        const parsed = /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
        if (Number.isNaN(parsed)) {
          throw new PgError(
            "INVALID_TEXT_REPRESENTATION",
            `invalid input syntax for type integer: "${text}"`,
          );
        }
        width = parsed;
      }
      if (width < 0) {
        leftAlign = true;
        width = -width;
      }
    }
    const vi = argpos ?? arg;
    arg = vi + 1;
    if (vi >= values.length) throw formatError("too few arguments for format()", false);
    const v = values[vi]!;
    let s: string;
    if (conv === "s") s = anyText(types[vi]!, v) ?? "";
    else if (conv === "I") {
      if (v === null) {
        throw new PgError("NULL_VALUE_NOT_ALLOWED", "null values cannot be formatted as an SQL identifier");
      }
      s = quoteIdent(anyText(types[vi]!, v)!);
    } else s = v === null ? "NULL" : quoteLiteral(anyText(types[vi]!, v)!);
    const len = chars(s).length;
    if (width > len) s = leftAlign ? s + " ".repeat(width - len) : " ".repeat(width - len) + s;
    out += s;
    i++;
  }
  return out;
}
