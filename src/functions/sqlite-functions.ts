import type Database from "better-sqlite3";
import "./builtins.js";
import "./library.js";
import type { SqliteValue } from "../types/sqlite-value.js";
import { internalFunctions } from "./internal.js";
import { allFunctions, allOperators, type FunctionDef } from "./registry.js";

type Impl = (...a: unknown[]) => unknown;

/** Registers the translator's helper functions (pg_cast, pg_typmod, ...), which any statement may use. */
export function registerInternalFunctions(db: Database.Database): void {
  for (const f of internalFunctions) {
    db.function(
      f.name,
      { deterministic: f.deterministic, varargs: true, safeIntegers: true },
      f.impl as Impl,
    );
  }
}

let byUdfName: Map<string, FunctionDef> | undefined;

/**
 * Registers the JavaScript function SQLite knows as udfName, if there is one. Connections
 * register functions when a statement first needs them, which keeps opening a tenant cheap.
 */
export function registerFunctionNamed(db: Database.Database, udfName: string, done: Set<string>): boolean {
  if (!byUdfName) {
    byUdfName = new Map();
    for (const def of [...allFunctions(), ...allOperators()]) {
      if (def.kind === "udf") udfOverloads.set(def.udfName, [...(udfOverloads.get(def.udfName) ?? []), def]);
      if (
        (def.kind === "udf" || def.kind === "udf-aggregate" || def.kind === "udf-set") &&
        !byUdfName.has(def.udfName)
      ) {
        byUdfName.set(def.udfName, def);
      }
    }
  }
  const def = byUdfName.get(udfName);
  if (!def) return false;
  register(db, def, done);
  return true;
}

function register(db: Database.Database, def: FunctionDef, done: Set<string>): void {
  if (def.kind !== "udf" && def.kind !== "udf-aggregate" && def.kind !== "udf-set") return;
  if (done.has(def.udfName)) return;
  done.add(def.udfName);
  const deterministic = def.volatility === "immutable";
  if (def.kind === "udf-set") {
    // Table-valued functions take their arguments as hidden columns; the output columns are
    // named c0, c1, ... here and renamed by the translator.
    const width = Math.max(1, maxColumns(def));
    const params = Array.from(
      { length: def.args.length + (def.passTypes ? def.args.length : 0) + (def.variadic ? 4 : 0) },
      (_, i) => `a${i}`,
    );
    const rows = def.rows;
    db.table(def.udfName, {
      columns: Array.from({ length: width }, (_, i) => `c${i}`),
      parameters: params,
      safeIntegers: true,
      *rows(...args: unknown[]) {
        const values = args as SqliteValue[];
        while (values.length > 0 && values.at(-1) === undefined) values.pop();
        if (values.includes(null) && def.strict !== false) return;
        for (const row of rows(...values)) yield row;
      },
    } as Parameters<Database.Database["table"]>[1]);
    return;
  }
  if (def.kind === "udf-aggregate") {
    const { start, step, result } = def;
    db.aggregate(def.udfName, {
      start,
      step: (state: unknown, ...args: unknown[]) => step(state, ...(args as SqliteValue[])),
      result: (state: unknown) => result(state),
      varargs: true,
      deterministic,
      safeIntegers: true,
    } as Parameters<Database.Database["aggregate"]>[1]);
    return;
  }
  // Overloads may share a SQLite name: the call's argument count picks the declaration.
  const overloads = udfOverloads.get(def.udfName) ?? [def];
  const byCount = new Map<number, (...args: SqliteValue[]) => SqliteValue>();
  let variadic: ((...args: SqliteValue[]) => SqliteValue) | undefined;
  for (const d of overloads) {
    if (d.kind !== "udf") continue;
    const impl = d.impl;
    // PostgreSQL's functions are mostly STRICT: a NULL argument gives a NULL result without a call.
    const fn =
      d.strict === false ? impl : (...args: SqliteValue[]) => (args.includes(null) ? null : impl(...args));
    const count = d.args.length * (d.passTypes ? 2 : 1);
    if (d.variadic) variadic ??= fn;
    else if (!byCount.has(count)) byCount.set(count, fn);
  }
  const single = byCount.size === 1 && !variadic ? [...byCount.values()][0]! : undefined;
  const dispatch =
    single ??
    ((...args: SqliteValue[]) => {
      const fn = byCount.get(args.length) ?? variadic;
      if (!fn) throw new Error(`${def.udfName} called with ${args.length} arguments`);
      return fn(...args);
    });
  db.function(def.udfName, { deterministic, varargs: true, safeIntegers: true }, dispatch as Impl);
}

/** Declarations sharing each SQLite function name. */
const udfOverloads = new Map<string, FunctionDef[]>();

/** The widest row a set-returning function can produce (its columns for any argument types). */
function maxColumns(def: Extract<FunctionDef, { kind: "udf-set" }>): number {
  return def.maxColumns ?? def.columns([]).length;
}
