import type Database from "better-sqlite3";
import "./builtins.js";
import type { SqliteValue } from "../types/sqlite-value.js";
import { internalFunctions } from "./internal.js";
import { allFunctions } from "./registry.js";

/** Registers every function implemented in JavaScript on a SQLite connection. */
export function registerFunctions(db: Database.Database): void {
  const done = new Set<string>();
  for (const f of internalFunctions) {
    db.function(
      f.name,
      { deterministic: f.deterministic, varargs: true, safeIntegers: true },
      f.impl as (...a: unknown[]) => unknown,
    );
    done.add(f.name);
  }
  for (const def of allFunctions()) {
    if (def.kind !== "udf" || done.has(def.udfName)) continue;
    done.add(def.udfName);
    const impl = def.impl;
    // PostgreSQL's functions are STRICT: a NULL argument gives a NULL result without a call.
    const strict = (...args: SqliteValue[]) => (args.includes(null) ? null : impl(...args));
    db.function(
      def.udfName,
      { deterministic: def.volatility === "immutable", varargs: true, safeIntegers: true },
      strict as (...a: unknown[]) => unknown,
    );
  }
}
