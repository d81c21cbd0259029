// A table's constraints (PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY) as pg_constraint would list them,
// read from the CREATE TABLE text SQLite keeps. NOT NULL is not a pg_constraint row in PostgreSQL 15.
//
// Constraint OIDs are stable: hashOid("constraint", "<table>.<constraint name>") (stable-oid.ts),
// without collision probing; pg_constraint rows must use the same rule.
import { hashOid } from "../../catalog/stable-oid.js";
import { parseTableDdl, tokenize } from "../../catalog/table-ddl.js";
import type { IndexInfo, RelationInfo, SchemaView } from "../../sql/schema.js";

export type ConstraintKind = "p" | "u" | "c" | "f";

/** A referential action as pg_constraint codes it: a no action, r restrict, c cascade, n set null, d set default. */
export type FkAction = "a" | "r" | "c" | "n" | "d";

export interface ConstraintInfo {
  oid: number;
  name: string;
  table: RelationInfo;
  type: ConstraintKind;
  /** Key columns (p, u, f); the columns a CHECK mentions, in table order. */
  columns: string[];
  /** The CHECK expression as SQLite keeps it (the translation of the PostgreSQL expression). */
  checkSql?: string;
  refTable?: string;
  refColumns?: string[];
  onUpdate: FkAction;
  onDelete: FkAction;
  /** f full, p partial, s simple. */
  match: "f" | "p" | "s";
  deferrable: boolean;
  deferred: boolean;
  /** The index of a PRIMARY KEY or UNIQUE constraint. */
  index?: IndexInfo;
}

export function constraintOid(table: string, name: string): number {
  return hashOid("constraint", `${table}.${name}`);
}

const cache = new WeakMap<RelationInfo, ConstraintInfo[]>();

/** The constraints of a table, in the order they are written. */
export function constraintsOf(schema: SchemaView, rel: RelationInfo): ConstraintInfo[] {
  const hit = cache.get(rel);
  if (hit) return hit;
  const out: ConstraintInfo[] = [];
  const ddl = rel.kind === "table" && rel.sql ? parseTableDdl(rel.sql) : undefined;
  const indexes = schema.indexesOf?.(rel.name) ?? [];
  const fks = [...(rel.foreignKeys ?? [])].reverse();
  let checks = 0;
  const add = (type: ConstraintKind, name: string | undefined, columns: string[], text: string) => {
    const base = { table: rel, type, columns, onUpdate: "a", onDelete: "a", match: "s" } as const;
    let info: Omit<ConstraintInfo, "oid" | "name" | "deferrable" | "deferred">;
    if (type === "c") {
      const checkSql = parenthesizedAfter(text, "CHECK");
      const mentioned = rel.columns
        .map((c) => c.name)
        .filter((c) => checkSql !== undefined && mentions(checkSql, c));
      checks++;
      name ??= mentioned.length
        ? `${rel.name}_${mentioned[0]}_check`
        : `${rel.name}_check${checks > 1 ? checks - 1 : ""}`;
      info = { ...base, columns: mentioned, checkSql };
    } else if (type === "f") {
      const fk = fks.find((f) => (name ? f.name === name : f.columns.join() === columns.join()));
      name ??= fk?.name ?? `${rel.name}_${columns.join("_")}_fkey`;
      const refTable = fk?.table ?? refTableOf(text);
      const refColumns = fk?.refColumns.some((c) => c !== "")
        ? fk.refColumns
        : (schema.relation(refTable ?? "")?.primaryKey ?? []);
      info = { ...base, columns: fk?.columns ?? columns, refTable, refColumns, ...referentialActions(text) };
    } else {
      const index = indexes.find(
        (i) => i.constraint !== undefined && (name ? i.constraint === name : sameColumns(i, columns)),
      );
      name ??=
        index?.constraint ?? (type === "p" ? `${rel.name}_pkey` : `${rel.name}_${columns.join("_")}_key`);
      info = { ...base, index };
    }
    out.push({ ...info, oid: constraintOid(rel.name, name), name, ...deferrability(text) });
  };
  for (const e of ddl?.elements ?? []) {
    if (e.kind === "constraint" && e.type && e.type !== "x") add(e.type, e.name, e.columns, e.text);
    for (const c of e.kind === "column" ? (e.clauses ?? []) : []) {
      if (c.kind === "p" || c.kind === "u" || c.kind === "c" || c.kind === "f")
        add(c.kind, c.name, [e.name!], c.text);
    }
  }
  cache.set(rel, out);
  return out;
}

export function allConstraints(schema: SchemaView): ConstraintInfo[] {
  return [...schema.relations()].flatMap((r) => constraintsOf(schema, r));
}

export function constraintByOid(schema: SchemaView, oid: number): ConstraintInfo | undefined {
  return allConstraints(schema).find((c) => c.oid === oid);
}

function sameColumns(index: IndexInfo, columns: string[]): boolean {
  return index.columns.join("\0") === columns.join("\0");
}

function mentions(sql: string, column: string): boolean {
  return tokenize(sql).some((t) => (t.kind === "ident" || t.kind === "word") && t.value === column);
}

/** The text inside the parentheses after a keyword (CHECK (...)). */
export function parenthesizedAfter(text: string, keyword: string): string | undefined {
  const tokens = tokenize(text);
  const at = tokens.findIndex((t) => t.kind === "word" && t.text.toUpperCase() === keyword);
  if (at < 0 || tokens[at + 1]?.text !== "(") return undefined;
  let depth = 0;
  for (let i = at + 1; i < tokens.length; i++) {
    const tk = tokens[i]!;
    if (tk.kind !== "punct") continue;
    if (tk.text === "(") depth++;
    if (tk.text === ")" && --depth === 0) return text.slice(tokens[at + 1]!.end, tk.start).trim();
  }
  return undefined;
}

function words(text: string): string[] {
  return tokenize(text).map((t) => (t.kind === "word" ? t.text.toUpperCase() : t.text));
}

function refTableOf(text: string): string | undefined {
  const tokens = tokenize(text);
  const at = tokens.findIndex((t) => t.kind === "word" && t.text.toUpperCase() === "REFERENCES");
  return at < 0 ? undefined : tokens[at + 1]?.value;
}

function referentialActions(text: string): Pick<ConstraintInfo, "onUpdate" | "onDelete" | "match"> {
  const w = words(text);
  const action = (event: string): FkAction => {
    const i = w.findIndex((x, j) => x === "ON" && w[j + 1] === event);
    if (i < 0) return "a";
    const [a, b] = [w[i + 2], w[i + 3]];
    if (a === "CASCADE") return "c";
    if (a === "RESTRICT") return "r";
    if (a === "SET") return b === "NULL" ? "n" : "d";
    return "a";
  };
  const m = w[w.indexOf("MATCH") + 1];
  return {
    onUpdate: action("UPDATE"),
    onDelete: action("DELETE"),
    match: w.includes("MATCH") ? (m === "FULL" ? "f" : m === "PARTIAL" ? "p" : "s") : "s",
  };
}

function deferrability(text: string): Pick<ConstraintInfo, "deferrable" | "deferred"> {
  const w = words(text);
  const i = w.indexOf("DEFERRABLE");
  const deferrable = i >= 0 && w[i - 1] !== "NOT";
  const deferred = w.some((x, j) => x === "INITIALLY" && w[j + 1] === "DEFERRED");
  return { deferrable: deferrable || deferred, deferred };
}
