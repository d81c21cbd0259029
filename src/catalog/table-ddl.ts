/**
 * A table's CREATE TABLE text, as SQLite keeps it, split into its elements. The translator writes
 * every table as column definitions followed by named table constraints
 * (`CREATE TABLE "t" ("a" int4 NOT NULL, ..., CONSTRAINT "t_pkey" PRIMARY KEY ("a"))`), which
 * is SQLite syntax but not always PostgreSQL's (`numeric text(10,2)`, `jsonb text`), so the text is
 * read with a small tokenizer of SQLite's lexical rules rather than with PostgreSQL's parser. Tables
 * made by other SQLite tools are read the same way; what is not understood is kept as it is.
 */

export type Token =
  | { kind: "word"; text: string; value: string }
  | { kind: "ident"; text: string; value: string }
  | { kind: "string"; text: string; value: string }
  | { kind: "punct"; text: string; value: string }
  | { kind: "other"; text: string; value: string };

/** SQLite's tokens, without whitespace and comments; each keeps its exact text. */
export function tokenize(sql: string): (Token & { start: number; end: number })[] {
  const out: (Token & { start: number; end: number })[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const start = i;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "-" && sql[i + 1] === "-") {
      while (i < sql.length && sql[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") {
      let value = "";
      i++;
      while (i < sql.length) {
        if (sql[i] === c) {
          if (sql[i + 1] === c) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += sql[i++];
      }
      out.push({ kind: c === "'" ? "string" : "ident", text: sql.slice(start, i), value, start, end: i });
      continue;
    }
    if (c === "[") {
      const end = sql.indexOf("]", i);
      i = end < 0 ? sql.length : end + 1;
      out.push({
        kind: "ident",
        text: sql.slice(start, i),
        value: sql.slice(start + 1, i - 1),
        start,
        end: i,
      });
      continue;
    }
    const word = /^[\p{L}\p{N}_$]+/u.exec(sql.slice(i));
    if (word) {
      i += word[0].length;
      out.push({ kind: "word", text: word[0], value: word[0], start, end: i });
      continue;
    }
    const two = sql.slice(i, i + 2);
    const punct = ["<=", ">=", "!=", "<>", "==", "||", "<<", ">>", "->"].includes(two) ? two : c;
    i += punct.length;
    out.push({ kind: "punct", text: punct, value: punct, start, end: i });
  }
  return out;
}

export type ConstraintType = "p" | "u" | "c" | "f" | "x";

/** A clause of a column definition: `NOT NULL`, `DEFAULT 1`, `CONSTRAINT "n" CHECK (...)`, ... */
export interface ColumnClause {
  kind: "notnull" | "null" | "default" | "generated" | "collate" | ConstraintType;
  name?: string;
  text: string;
}

export interface DdlElement {
  /** The element's text as written (trimmed). */
  text: string;
  kind: "column" | "constraint";
  /** The column's name, or the constraint's (undefined when unnamed). */
  name?: string;
  /** For constraints: p primary key, u unique, c check, f foreign key, x anything else. */
  type?: ConstraintType;
  /** Key columns (p, u, f). */
  columns: string[];
  /** Identifiers a CHECK expression (or anything else) mentions. */
  mentions: string[];
  /** For foreign keys: the referenced table and columns (empty: its primary key). */
  refTable?: string;
  refColumns?: string[];
  /** For columns: the declared type and the clauses after it. */
  declaredType?: string;
  clauses?: ColumnClause[];
}

export interface TableDdl {
  /** Up to and including the opening parenthesis. */
  head: string;
  elements: DdlElement[];
  /** From the closing parenthesis on (table options such as WITHOUT ROWID). */
  tail: string;
}

const CONSTRAINT_START = new Set(["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]);
const COLUMN_CLAUSE_START = new Set([
  "CONSTRAINT",
  "PRIMARY",
  "NOT",
  "NULL",
  "UNIQUE",
  "CHECK",
  "DEFAULT",
  "COLLATE",
  "REFERENCES",
  "GENERATED",
  "AS",
]);

type Tok = ReturnType<typeof tokenize>[number];

function upper(t: Tok | undefined): string {
  return t?.kind === "word" ? t.text.toUpperCase() : "";
}

/** Splits tokens at top-level commas. */
function splitTop(tokens: Tok[]): Tok[][] {
  const parts: Tok[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === "punct" && t.text === "(") depth++;
    if (t.kind === "punct" && t.text === ")") depth--;
    if (depth === 0 && t.kind === "punct" && t.text === ",") parts.push([]);
    else parts.at(-1)!.push(t);
  }
  return parts;
}

/** The names in a parenthesised list starting at tokens[i] ("(" ... ")"); returns them and the index after. */
function nameList(tokens: Tok[], i: number): { names: string[]; next: number } {
  const names: string[] = [];
  if (tokens[i]?.text !== "(") return { names, next: i };
  let depth = 0;
  let j = i;
  let first = true;
  for (; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.text === "(" && t.kind === "punct") {
      depth++;
      continue;
    }
    if (t.text === ")" && t.kind === "punct") {
      depth--;
      if (depth === 0) return { names, next: j + 1 };
      continue;
    }
    if (depth === 1 && t.kind === "punct" && t.text === ",") {
      first = true;
      continue;
    }
    if (depth === 1 && first && (t.kind === "ident" || t.kind === "word")) {
      names.push(t.value);
      first = false;
    }
  }
  return { names, next: j };
}

function identifiers(tokens: Tok[]): string[] {
  return tokens.filter((t) => t.kind === "ident" || t.kind === "word").map((t) => t.value);
}

/** A table constraint, or a constraint clause of a column, from its tokens. */
function constraintOf(tokens: Tok[]): {
  name?: string;
  type: ConstraintType;
  columns: string[];
  refTable?: string;
  refColumns?: string[];
} {
  let i = 0;
  let name: string | undefined;
  if (upper(tokens[0]) === "CONSTRAINT") {
    name = tokens[1]?.value;
    i = 2;
  }
  const kw = upper(tokens[i]);
  if (kw === "PRIMARY") return { name, type: "p", columns: nameList(tokens, i + 2).names };
  if (kw === "UNIQUE") return { name, type: "u", columns: nameList(tokens, i + 1).names };
  if (kw === "CHECK") return { name, type: "c", columns: [] };
  if (kw === "FOREIGN" || kw === "REFERENCES") {
    let j = i;
    let columns: string[] = [];
    if (kw === "FOREIGN") {
      const l = nameList(tokens, i + 2);
      columns = l.names;
      j = l.next;
    }
    if (upper(tokens[j]) !== "REFERENCES") return { name, type: "f", columns };
    const refTable = tokens[j + 1]?.value;
    const refColumns = nameList(tokens, j + 2).names;
    return { name, type: "f", columns, refTable, refColumns };
  }
  return { name, type: "x", columns: [] };
}

function columnClauses(tokens: Tok[], sql: string): ColumnClause[] {
  // Each clause starts at a clause keyword at depth 0 (a CONSTRAINT name belongs to the next one).
  const starts: number[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "punct" && t.text === "(") depth++;
    if (t.kind === "punct" && t.text === ")") depth--;
    if (depth !== 0 || !COLUMN_CLAUSE_START.has(upper(t))) continue;
    const kw = upper(t);
    const prev = upper(tokens[i - 1]);
    const last = starts.at(-1);
    // Keywords that continue a clause: NOT NULL, DEFAULT NULL, ON DELETE SET NULL / SET DEFAULT,
    // GENERATED ALWAYS AS, NOT DEFERRABLE, and the constraint keyword after CONSTRAINT "name".
    if (kw === "NULL" && ["NOT", "SET", "DEFAULT", "IS"].includes(prev)) continue;
    if (kw === "DEFAULT" && prev === "SET") continue;
    if (kw === "AS" && prev === "ALWAYS") continue;
    if (kw === "NOT" && upper(tokens[i + 1]) === "DEFERRABLE") continue;
    if (last !== undefined && upper(tokens[last]) === "CONSTRAINT" && i <= last + 2) continue;
    if (last !== undefined && upper(tokens[last]) === "DEFAULT" && i === last + 1) continue;
    starts.push(i);
  }
  return starts.map((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]! : tokens.length;
    const part = tokens.slice(s, end);
    const text = sql.slice(part[0]!.start, part.at(-1)!.end);
    let body = part;
    let name: string | undefined;
    if (upper(part[0]) === "CONSTRAINT") {
      name = part[1]?.value;
      body = part.slice(2);
    }
    const kw = upper(body[0]);
    const kind: ColumnClause["kind"] =
      kw === "NOT"
        ? "notnull"
        : kw === "NULL"
          ? "null"
          : kw === "DEFAULT"
            ? "default"
            : kw === "GENERATED" || kw === "AS"
              ? "generated"
              : kw === "COLLATE"
                ? "collate"
                : kw === "PRIMARY"
                  ? "p"
                  : kw === "UNIQUE"
                    ? "u"
                    : kw === "CHECK"
                      ? "c"
                      : kw === "REFERENCES"
                        ? "f"
                        : "x";
    return { kind, name, text };
  });
}

/** Reads a CREATE TABLE text into its elements; undefined if it is not one. */
export function parseTableDdl(sql: string): TableDdl | undefined {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.kind === "punct" && t.text === "(");
  if (open < 0 || upper(tokens[0]) !== "CREATE") return undefined;
  let depth = 0;
  let close = -1;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "punct" && t.text === "(") depth++;
    if (t.kind === "punct" && t.text === ")") {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    }
  }
  if (close < 0) return undefined;
  const head = sql.slice(0, tokens[open]!.end);
  const tail = sql.slice(tokens[close]!.start);
  const elements: DdlElement[] = [];
  for (const part of splitTop(tokens.slice(open + 1, close))) {
    if (part.length === 0) return undefined;
    const text = sql.slice(part[0]!.start, part.at(-1)!.end);
    const first = part[0]!;
    if (first.kind === "word" && CONSTRAINT_START.has(first.text.toUpperCase())) {
      const c = constraintOf(part);
      elements.push({ text, kind: "constraint", ...c, mentions: identifiers(part) });
      continue;
    }
    let typeEnd = 1;
    while (typeEnd < part.length) {
      const t = part[typeEnd]!;
      if (t.kind === "word" && COLUMN_CLAUSE_START.has(t.text.toUpperCase())) break;
      if (t.kind === "punct" && t.text === "(") {
        let d = 0;
        for (; typeEnd < part.length; typeEnd++) {
          if (part[typeEnd]!.text === "(") d++;
          if (part[typeEnd]!.text === ")" && --d === 0) break;
        }
      }
      typeEnd++;
    }
    const typeTokens = part.slice(1, typeEnd);
    const declaredType = typeTokens.length ? sql.slice(typeTokens[0]!.start, typeTokens.at(-1)!.end) : "";
    elements.push({
      text,
      kind: "column",
      name: first.value,
      columns: [],
      mentions: identifiers(part),
      declaredType,
      clauses: columnClauses(part.slice(typeEnd), sql),
    });
  }
  return { head, elements, tail };
}

/** The CREATE TABLE text of a (possibly edited) table. */
export function tableDdlText(ddl: TableDdl): string {
  return `${ddl.head}${ddl.elements.map((e) => e.text).join(", ")}${ddl.tail}`;
}

/**
 * Constraint names from a table's CREATE TABLE text, in the order SQLite numbers them: keys
 * (PRIMARY KEY and UNIQUE, whose indexes are sqlite_autoindex_t_1, _2, ...), foreign keys and
 * checks. Column clauses come first, as SQLite reads them first. Unnamed ones are undefined.
 */
export function constraintNames(
  sql: string,
):
  | { keys: (string | undefined)[]; foreignKeys: (string | undefined)[]; checks: (string | undefined)[] }
  | undefined {
  const ddl = parseTableDdl(sql);
  if (!ddl) return undefined;
  const out = {
    keys: [] as (string | undefined)[],
    foreignKeys: [] as (string | undefined)[],
    checks: [] as (string | undefined)[],
  };
  const add = (type: ConstraintType, name: string | undefined, rowidAlias = false) => {
    if ((type === "p" && !rowidAlias) || type === "u") out.keys.push(name);
    else if (type === "f") out.foreignKeys.push(name);
    else if (type === "c") out.checks.push(name);
  };
  const integerColumns = new Set(
    ddl.elements
      .filter((e) => e.kind === "column" && e.declaredType?.toUpperCase() === "INTEGER")
      .map((e) => e.name),
  );
  for (const e of ddl.elements) {
    if (e.kind !== "column") continue;
    for (const c of e.clauses ?? []) {
      if (c.kind === "p" || c.kind === "u" || c.kind === "f" || c.kind === "c")
        add(c.kind, c.name, c.kind === "p" && integerColumns.has(e.name));
    }
  }
  for (const e of ddl.elements) {
    if (e.kind !== "constraint" || !e.type) continue;
    add(e.type, e.name, e.type === "p" && e.columns.length === 1 && integerColumns.has(e.columns[0]));
  }
  return out;
}
