// PostgreSQL's regular-expression functions (regexp.c): regexp_match(es), regexp_replace,
// regexp_split_to_array/table, regexp_like, regexp_count/instr/substr (PostgreSQL 15) and the
// regular-expression forms of substring. Patterns are translated by regex-translate.ts.
// The ~ ~* !~ !~* operators are the translator's (pg_regex_match in internal.ts); pgRegexTest below
// gives them PostgreSQL's pattern syntax.
import { PgError } from "../../errors/pg-error.js";
import { BOOL, INT4, TEXT, t } from "../../sql/oids.js";
import { typeByName } from "../../types/registry.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";
import { allMatches, charPosition, execAt, type RegexMatch, unitIndex } from "./regex-match.js";
import { similarToRegex } from "./regex-similar-to.js";
import { compileRegex, type PgRegex, parseRegexFlags } from "./regex-translate.js";
import { int, str } from "./strings-common.js";

const TEXT_ARRAY = typeByName("_text")!.oid;

/** Compiles a pattern with flags; `fn` names a function that rejects the "g" flag. */
function regexFor(pattern: string, flags: string, fn?: string): { r: PgRegex; glob: boolean } {
  const { options, glob } = parseRegexFlags(flags, fn);
  return { r: compileRegex(pattern, options), glob };
}

/** s ~ pattern (flags "i" for ~*), with PostgreSQL's pattern syntax. */
export function pgRegexTest(s: string, pattern: string, flags = ""): boolean {
  const { r } = regexFor(pattern, flags);
  return execAt(r, s, 0) !== undefined;
}

/** s SIMILAR TO pattern [ESCAPE escapeChar] (the default escape is a backslash; "" means none). */
export function pgSimilarTest(s: string, pattern: string, escapeChar = "\\"): boolean {
  const { options } = parseRegexFlags("", undefined);
  return execAt(compileRegex(similarToRegex(pattern, escapeChar), options), s, 0) !== undefined;
}

/** The text[] storage of a match: its groups, or the whole match when there are none. */
function matchArray(s: string, m: RegexMatch, groups: number): string {
  if (groups === 0) return JSON.stringify([s.slice(m.start, m.end)]);
  return JSON.stringify(m.groups.slice(0, groups).map((g) => (g === undefined ? null : g)));
}

function regexpMatch(s: string, pattern: string, flags: string): string | null {
  const { r } = regexFor(pattern, flags, "regexp_match");
  const m = execAt(r, s, 0);
  return m ? matchArray(s, m, r.groups) : null;
}

function* regexpMatches(s: string, pattern: string, flags: string): Iterable<SqliteValue[]> {
  const { r, glob } = regexFor(pattern, flags);
  for (const m of allMatches(r, s, glob)) yield [matchArray(s, m, r.groups)];
}

/** The replacement text for one match: \1..\9 are groups, \& the whole match, \\ a backslash. */
function expandReplacement(rep: string, s: string, m: RegexMatch): string {
  if (!rep.includes("\\")) return rep;
  let out = "";
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c !== "\\" || i + 1 >= rep.length) {
      out += c;
      continue;
    }
    const d = rep[i + 1]!;
    if (d >= "1" && d <= "9") {
      out += m.groups[Number(d) - 1] ?? "";
      i++;
    } else if (d === "&") {
      out += s.slice(m.start, m.end);
      i++;
    } else if (d === "\\") {
      out += "\\";
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

function regexpReplace(
  s: string,
  pattern: string,
  rep: string,
  start: number,
  n: number,
  flags: string,
  allByFlag: boolean,
): string {
  if (start <= 0) throw invalidParameter("start", start);
  if (n < 0) throw invalidParameter("n", n);
  const { r, glob } = regexFor(pattern, flags);
  // With N given, only the Nth match (0: all) is replaced; otherwise "g" replaces all.
  const all = allByFlag ? glob : n === 0;
  const matches = allMatches(r, s, all || n > 1, unitIndex(s, start));
  let out = "";
  let pos = 0;
  matches.forEach((m, k) => {
    if (!all && k + 1 !== Math.max(n, 1)) return;
    out += s.slice(pos, m.start) + expandReplacement(rep, s, m);
    pos = m.end;
  });
  return out + s.slice(pos);
}

function invalidParameter(name: string, value: number): PgError {
  return new PgError("INVALID_PARAMETER_VALUE", `invalid value for parameter "${name}": ${value}`);
}

function splitPieces(s: string, pattern: string, flags: string, fn: string): string[] {
  const { r } = regexFor(pattern, flags, fn);
  const matches = allMatches(r, s, true, 0, true);
  const out: string[] = [];
  let pos = 0;
  for (const m of matches) {
    out.push(s.slice(pos, m.start));
    pos = m.end;
  }
  out.push(s.slice(pos));
  return out;
}

function regexpCount(s: string, pattern: string, start: number, flags: string): number {
  if (start <= 0) throw invalidParameter("start", start);
  const { r } = regexFor(pattern, flags, "regexp_count");
  return allMatches(r, s, true, unitIndex(s, start)).length;
}

function nthMatch(
  s: string,
  pattern: string,
  start: number,
  n: number,
  flags: string,
  subexpr: number,
  fn: string,
): { r: PgRegex; m: RegexMatch | undefined } {
  if (start <= 0) throw invalidParameter("start", start);
  if (n <= 0) throw invalidParameter("n", n);
  if (subexpr < 0) throw invalidParameter("subexpr", subexpr);
  const { r } = regexFor(pattern, flags, fn);
  const matches = allMatches(r, s, true, unitIndex(s, start));
  return { r, m: matches[n - 1] };
}

function regexpInstr(
  s: string,
  pattern: string,
  start = 1,
  n = 1,
  endoption = 0,
  flags = "",
  subexpr = 0,
): number {
  if (start <= 0) throw invalidParameter("start", start);
  if (n <= 0) throw invalidParameter("n", n);
  if (endoption !== 0 && endoption !== 1) throw invalidParameter("endoption", endoption);
  const { r, m } = nthMatch(s, pattern, start, n, flags, subexpr, "regexp_instr");
  if (!m || subexpr > r.groups) return 0;
  const range = subexpr === 0 ? [m.start, m.end] : m.groupIndices[subexpr - 1];
  if (!range) return 0;
  return charPosition(s, endoption === 1 ? range[1]! : range[0]!);
}

function regexpSubstr(s: string, pattern: string, start = 1, n = 1, flags = "", subexpr = 0): string | null {
  const { r, m } = nthMatch(s, pattern, start, n, flags, subexpr, "regexp_substr");
  if (!m || subexpr > r.groups) return null;
  if (subexpr === 0) return s.slice(m.start, m.end);
  return m.groups[subexpr - 1] ?? null;
}

/** substring(s FROM pattern): the first group's match if the pattern has groups, else the whole match. */
function regexSubstring(s: string, r: PgRegex): string | null {
  const m = execAt(r, s, 0);
  if (!m) return null;
  if (r.groups > 0) return m.groups[0] ?? null;
  return s.slice(m.start, m.end);
}

const text = t(TEXT);
const int4 = t(INT4);
const textArray = t(TEXT_ARRAY);

function udf(
  name: string,
  udfName: string,
  args: FunctionDef["args"],
  returns: FunctionDef["returns"],
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

const noOptions = parseRegexFlags("", undefined).options;

defineFunctions([
  // Declared before substring(text, int4): an untyped pattern is text, as in PostgreSQL.
  udf("substring", "pg_substring_regex", [TEXT, TEXT], text, (s, p) =>
    regexSubstring(str(s), compileRegex(str(p), noOptions)),
  ),
  udf("substring", "pg_substring_similar", [TEXT, TEXT, TEXT], text, (s, p, e) =>
    regexSubstring(str(s), compileRegex(similarToRegex(str(p), str(e)), noOptions)),
  ),
  udf("regexp_match", "pg_regexp_match", [TEXT, TEXT], textArray, (s, p) => regexpMatch(str(s), str(p), "")),
  udf("regexp_match", "pg_regexp_match", [TEXT, TEXT, TEXT], textArray, (s, p, f) =>
    regexpMatch(str(s), str(p), str(f)),
  ),
  {
    name: "regexp_matches",
    kind: "udf-set",
    udfName: "pg_regexp_matches",
    args: [TEXT, TEXT],
    returns: textArray,
    volatility: "immutable",
    columns: () => [{ name: "regexp_matches", type: textArray }],
    rows: (s, p) => regexpMatches(str(s), str(p), ""),
  },
  {
    name: "regexp_matches",
    kind: "udf-set",
    udfName: "pg_regexp_matches_flags",
    args: [TEXT, TEXT, TEXT],
    returns: textArray,
    volatility: "immutable",
    columns: () => [{ name: "regexp_matches", type: textArray }],
    rows: (s, p, f) => regexpMatches(str(s), str(p), str(f)),
  },
  // regexp_replace: the text-flags forms first, so that an untyped fourth argument is flags.
  udf("regexp_replace", "pg_regexp_replace", [TEXT, TEXT, TEXT], text, (s, p, r) =>
    regexpReplace(str(s), str(p), str(r), 1, 0, "", true),
  ),
  udf("regexp_replace", "pg_regexp_replace", [TEXT, TEXT, TEXT, TEXT], text, (s, p, r, f) =>
    regexpReplace(str(s), str(p), str(r), 1, 0, str(f), true),
  ),
  udf("regexp_replace", "pg_regexp_replace_start", [TEXT, TEXT, TEXT, INT4], text, (s, p, r, st) =>
    regexpReplace(str(s), str(p), str(r), int(st), 1, "", true),
  ),
  udf("regexp_replace", "pg_regexp_replace_n", [TEXT, TEXT, TEXT, INT4, INT4], text, (s, p, r, st, n) =>
    regexpReplace(str(s), str(p), str(r), int(st), int(n), "", false),
  ),
  udf(
    "regexp_replace",
    "pg_regexp_replace_n_flags",
    [TEXT, TEXT, TEXT, INT4, INT4, TEXT],
    text,
    (s, p, r, st, n, f) => regexpReplace(str(s), str(p), str(r), int(st), int(n), str(f), false),
  ),
  udf("regexp_split_to_array", "pg_regexp_split_to_array", [TEXT, TEXT], textArray, (s, p) =>
    JSON.stringify(splitPieces(str(s), str(p), "", "regexp_split_to_array")),
  ),
  udf("regexp_split_to_array", "pg_regexp_split_to_array", [TEXT, TEXT, TEXT], textArray, (s, p, f) =>
    JSON.stringify(splitPieces(str(s), str(p), str(f), "regexp_split_to_array")),
  ),
  {
    name: "regexp_split_to_table",
    kind: "udf-set",
    udfName: "pg_regexp_split_to_table",
    args: [TEXT, TEXT],
    returns: text,
    volatility: "immutable",
    columns: () => [{ name: "regexp_split_to_table", type: text }],
    rows: (s, p) => splitPieces(str(s), str(p), "", "regexp_split_to_table").map((x) => [x]),
  },
  {
    name: "regexp_split_to_table",
    kind: "udf-set",
    udfName: "pg_regexp_split_to_table_flags",
    args: [TEXT, TEXT, TEXT],
    returns: text,
    volatility: "immutable",
    columns: () => [{ name: "regexp_split_to_table", type: text }],
    rows: (s, p, f) => splitPieces(str(s), str(p), str(f), "regexp_split_to_table").map((x) => [x]),
  },
  udf("regexp_like", "pg_regexp_like", [TEXT, TEXT], t(BOOL), (s, p) =>
    execAt(regexFor(str(p), "", "regexp_like").r, str(s), 0) ? 1 : 0,
  ),
  udf("regexp_like", "pg_regexp_like", [TEXT, TEXT, TEXT], t(BOOL), (s, p, f) =>
    execAt(regexFor(str(p), str(f), "regexp_like").r, str(s), 0) ? 1 : 0,
  ),
  udf("regexp_count", "pg_regexp_count", [TEXT, TEXT], int4, (s, p) => regexpCount(str(s), str(p), 1, "")),
  udf("regexp_count", "pg_regexp_count", [TEXT, TEXT, INT4], int4, (s, p, st) =>
    regexpCount(str(s), str(p), int(st), ""),
  ),
  udf("regexp_count", "pg_regexp_count", [TEXT, TEXT, INT4, TEXT], int4, (s, p, st, f) =>
    regexpCount(str(s), str(p), int(st), str(f)),
  ),
  udf("regexp_instr", "pg_regexp_instr", [TEXT, TEXT], int4, (s, p) => regexpInstr(str(s), str(p))),
  udf("regexp_instr", "pg_regexp_instr", [TEXT, TEXT, INT4], int4, (s, p, st) =>
    regexpInstr(str(s), str(p), int(st)),
  ),
  udf("regexp_instr", "pg_regexp_instr", [TEXT, TEXT, INT4, INT4], int4, (s, p, st, n) =>
    regexpInstr(str(s), str(p), int(st), int(n)),
  ),
  udf("regexp_instr", "pg_regexp_instr", [TEXT, TEXT, INT4, INT4, INT4], int4, (s, p, st, n, e) =>
    regexpInstr(str(s), str(p), int(st), int(n), int(e)),
  ),
  udf("regexp_instr", "pg_regexp_instr", [TEXT, TEXT, INT4, INT4, INT4, TEXT], int4, (s, p, st, n, e, f) =>
    regexpInstr(str(s), str(p), int(st), int(n), int(e), str(f)),
  ),
  udf(
    "regexp_instr",
    "pg_regexp_instr",
    [TEXT, TEXT, INT4, INT4, INT4, TEXT, INT4],
    int4,
    (s, p, st, n, e, f, x) => regexpInstr(str(s), str(p), int(st), int(n), int(e), str(f), int(x)),
  ),
  udf("regexp_substr", "pg_regexp_substr", [TEXT, TEXT], text, (s, p) => regexpSubstr(str(s), str(p))),
  udf("regexp_substr", "pg_regexp_substr", [TEXT, TEXT, INT4], text, (s, p, st) =>
    regexpSubstr(str(s), str(p), int(st)),
  ),
  udf("regexp_substr", "pg_regexp_substr", [TEXT, TEXT, INT4, INT4], text, (s, p, st, n) =>
    regexpSubstr(str(s), str(p), int(st), int(n)),
  ),
  udf("regexp_substr", "pg_regexp_substr", [TEXT, TEXT, INT4, INT4, TEXT], text, (s, p, st, n, f) =>
    regexpSubstr(str(s), str(p), int(st), int(n), str(f)),
  ),
  udf("regexp_substr", "pg_regexp_substr", [TEXT, TEXT, INT4, INT4, TEXT, INT4], text, (s, p, st, n, f, x) =>
    regexpSubstr(str(s), str(p), int(st), int(n), str(f), int(x)),
  ),
]);
