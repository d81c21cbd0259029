import type { SqlType } from "../sql/plan.js";
import type { SqliteValue } from "../types/sqlite-value.js";

/**
 * PostgreSQL functions, each declared once: name, argument and result types, volatility and
 * implementation. The same declarations feed the translator, SQLite (as application-defined
 * functions) and pg_proc.
 */

export type Volatility = "immutable" | "stable" | "volatile";

/** An argument's type: a concrete type OID, or "any" for a polymorphic argument. */
export type ArgType = number | "any";

export interface FunctionCallInfo {
  /** Translated SQLite SQL of each argument. */
  args: string[];
  /** Their PostgreSQL types. */
  types: SqlType[];
  /** An aggregate called with DISTINCT. */
  distinct: boolean;
}

interface FunctionBase {
  name: string;
  args: ArgType[];
  /** A last argument that may repeat (VARIADIC). */
  variadic?: boolean;
  /** The result type, or how it follows from the argument types. */
  returns: SqlType | ((types: SqlType[]) => SqlType);
  volatility: Volatility;
  /** Whether a call may write to the database (nextval, setval): it then needs the write slot. */
  writes?: boolean;
  description?: string;
}

/** A function SQLite computes from SQL the translator writes (a built-in or an expression). */
export interface SqlFunction extends FunctionBase {
  kind: "sql" | "aggregate";
  sql(call: FunctionCallInfo): string;
}

/** A function implemented in JavaScript and registered on every SQLite connection under `udfName`. */
export interface UdfFunction extends FunctionBase {
  kind: "udf";
  udfName: string;
  impl(...args: SqliteValue[]): SqliteValue;
  /** Pass the argument types' OIDs as leading arguments (for functions that format by type). */
  passTypes?: boolean;
}

export type FunctionDef = SqlFunction | UdfFunction;

const byName = new Map<string, FunctionDef[]>();

export function defineFunctions(defs: FunctionDef[]): void {
  for (const def of defs) {
    const list = byName.get(def.name) ?? [];
    list.push(def);
    byName.set(def.name, list);
  }
}

export function functionsNamed(name: string): readonly FunctionDef[] {
  return byName.get(name) ?? [];
}

export function allFunctions(): FunctionDef[] {
  return [...byName.values()].flat();
}

/** The result type of a call. */
export function resultType(def: FunctionDef, types: SqlType[]): SqlType {
  return typeof def.returns === "function" ? def.returns(types) : def.returns;
}
