import type { SqlType } from "../sql/plan.js";
import type { SqliteValue } from "../types/sqlite-value.js";

/**
 * PostgreSQL functions, each declared once: name, argument and result types, volatility and
 * implementation. The same declarations feed the translator, SQLite (as application-defined
 * functions) and pg_proc.
 */

export type Volatility = "immutable" | "stable" | "volatile";

/**
 * An argument's type: a concrete type OID, or a polymorphic one: "any" (anything), "anyelement"
 * (any non-array type, the same for every such argument of a call), "anyarray" (an array whose
 * element type is the call's anyelement), "anynonarray".
 */
export type ArgType = number | "any" | "anyelement" | "anyarray" | "anynonarray";

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
  /** Receives SQLite values in each type's storage form (integers as bigint) and returns one. */
  impl(...args: SqliteValue[]): SqliteValue;
  /** Pass the argument types' OIDs as leading arguments (for functions that format by type). */
  passTypes?: boolean;
  /** STRICT (the default): a NULL argument gives NULL without calling impl. */
  strict?: boolean;
}

/** An aggregate implemented in JavaScript (better-sqlite3's db.aggregate), under `udfName`. */
export interface UdfAggregate extends FunctionBase {
  kind: "udf-aggregate";
  udfName: string;
  /** The initial state. */
  start: () => unknown;
  /** Folds one row's arguments (storage form; NULLs included) into the state. */
  step(state: unknown, ...args: SqliteValue[]): unknown;
  /** The result from the final state (NULL for an empty group where PostgreSQL gives NULL). */
  result(state: unknown): SqliteValue;
  /** Pass the argument types' OIDs as leading arguments. */
  passTypes?: boolean;
}

/**
 * A set-returning function (generate_series, unnest, json_each, ...), registered as a SQLite
 * table-valued function under `udfName` and usable in FROM. `returns` is the type of the first
 * column (the function's result type as PostgreSQL reports it).
 */
export interface UdfSetFunction extends FunctionBase {
  kind: "udf-set";
  udfName: string;
  /** Output columns: PostgreSQL's names and types (one column for a scalar result). */
  columns: (types: SqlType[]) => { name: string; type: SqlType }[];
  /** The rows for one call: arguments in storage form, each row one value per column. */
  rows(...args: SqliteValue[]): Iterable<SqliteValue[]>;
  /** Pass the argument types' OIDs as leading arguments. */
  passTypes?: boolean;
  /** STRICT (the default): a NULL argument gives no rows. */
  strict?: boolean;
  /** The number of columns SQLite sees, when columns([]) cannot tell (polymorphic results). */
  maxColumns?: number;
}

export type FunctionDef = SqlFunction | UdfFunction | UdfAggregate | UdfSetFunction;

const byName = new Map<string, FunctionDef[]>();
const operators = new Map<string, FunctionDef[]>();

/**
 * Operators are declared like functions, named by their symbol ("+", "->", "@>") with one
 * argument (prefix) or two; the translator resolves them against these before its built-in rules.
 */
export function defineOperators(defs: FunctionDef[]): void {
  for (const def of defs) {
    const list = operators.get(def.name) ?? [];
    list.push(def);
    operators.set(def.name, list);
  }
}

export function operatorsNamed(name: string): readonly FunctionDef[] {
  return operators.get(name) ?? [];
}

export function allOperators(): FunctionDef[] {
  return [...operators.values()].flat();
}

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
