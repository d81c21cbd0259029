import { PgError } from "../../errors/pg-error.js";
import type { Node } from "../ast.js";
import { asKind, stringList } from "../ast.js";

/**
 * Storage parameters (ALTER TABLE ... SET (fillfactor = 70), ALTER COLUMN ... SET (n_distinct =
 * ...)): they tune PostgreSQL's storage and planner and change no result, so they are accepted
 * and not kept, after the checks PostgreSQL makes of their names and values.
 */

type Option =
  | { kind: "int"; min: number; max: number }
  | { kind: "real"; min: number; max: number }
  | { kind: "bool" }
  | { kind: "enum"; values: string[] };

const INT_MAX = 2147483647;
const int = (min: number, max: number): Option => ({ kind: "int", min, max });
const real = (min: number, max: number): Option => ({ kind: "real", min, max });
const bool: Option = { kind: "bool" };

/** Options of tables and of their TOAST tables (toast.*). */
const AUTOVACUUM: Record<string, Option> = {
  autovacuum_enabled: bool,
  autovacuum_vacuum_threshold: int(0, INT_MAX),
  autovacuum_vacuum_insert_threshold: int(-1, INT_MAX),
  autovacuum_vacuum_cost_limit: int(1, 10000),
  autovacuum_freeze_min_age: int(0, 1000000000),
  autovacuum_freeze_max_age: int(100000, 2000000000),
  autovacuum_freeze_table_age: int(0, 2000000000),
  autovacuum_multixact_freeze_min_age: int(0, 1000000000),
  autovacuum_multixact_freeze_max_age: int(10000, 2000000000),
  autovacuum_multixact_freeze_table_age: int(0, 2000000000),
  log_autovacuum_min_duration: int(-1, INT_MAX),
  autovacuum_vacuum_scale_factor: real(0, 100),
  autovacuum_vacuum_insert_scale_factor: real(0, 100),
  autovacuum_vacuum_cost_delay: real(0, 100),
  vacuum_index_cleanup: {
    kind: "enum",
    values: ["auto", "on", "off", "true", "false", "yes", "no", "1", "0"],
  },
  vacuum_truncate: bool,
};

const TABLE: Record<string, Option> = {
  ...AUTOVACUUM,
  fillfactor: int(10, 100),
  toast_tuple_target: int(128, 8160),
  parallel_workers: int(0, 1024),
  autovacuum_analyze_threshold: int(0, INT_MAX),
  autovacuum_analyze_scale_factor: real(0, 100),
  user_catalog_table: bool,
};

const COLUMN: Record<string, Option> = {
  n_distinct: real(-1, Number.MAX_VALUE),
  n_distinct_inherited: real(-1, Number.MAX_VALUE),
};

const BOOL_WORDS = new Set(["true", "false", "on", "off", "yes", "no", "1", "0", "t", "f", "y", "n"]);

function argText(arg: Node | undefined): string {
  if (!arg) return "true";
  const i = asKind(arg, "Integer");
  if (i) return String(i.ival ?? 0);
  const f = asKind(arg, "Float");
  if (f) return f.fval ?? "";
  const b = asKind(arg, "Boolean");
  if (b) return b.boolval ? "true" : "false";
  const tn = asKind(arg, "TypeName");
  if (tn) return stringList(tn.names).join(".");
  return asKind(arg, "String")?.sval ?? "";
}

/** Checks SET (...) of a table (columns: false) or of a column; RESET only checks names of columns. */
export function checkStorageOptions(items: Node[], forColumn: boolean, reset: boolean): void {
  for (const item of items) {
    const d = asKind(item, "DefElem")!;
    const name = d.defname ?? "";
    const namespace = d.defnamespace;
    const known =
      namespace === undefined
        ? (forColumn ? COLUMN : TABLE)[name]
        : namespace === "toast"
          ? AUTOVACUUM[name]
          : undefined;
    if (namespace !== undefined && namespace !== "toast")
      throw new PgError("INVALID_PARAMETER_VALUE", `unrecognized parameter namespace "${namespace}"`);
    if (!known) {
      if (reset && !forColumn) continue;
      throw new PgError("INVALID_PARAMETER_VALUE", `unrecognized parameter "${name}"`);
    }
    if (reset) continue;
    const text = argText(d.arg);
    const invalid = (what: string) =>
      new PgError("INVALID_PARAMETER_VALUE", `invalid value for ${what} option "${name}": ${text}`);
    const bounds = (min: string, max: string) =>
      new PgError("INVALID_PARAMETER_VALUE", `value ${text} out of bounds for option "${name}"`, {
        detail: `Valid values are between "${min}" and "${max}".`,
      });
    switch (known.kind) {
      case "bool":
        if (!BOOL_WORDS.has(text.toLowerCase())) throw invalid("boolean");
        break;
      case "int": {
        if (!/^\s*[+-]?\d+\s*$/.test(text)) throw invalid("integer");
        const v = Number(text);
        if (v < known.min || v > known.max) throw bounds(String(known.min), String(known.max));
        break;
      }
      case "real": {
        const v = Number(text);
        if (text.trim() === "" || Number.isNaN(v)) throw invalid("floating point");
        if (v < known.min || v > known.max) throw bounds(known.min.toFixed(6), known.max.toFixed(6));
        break;
      }
      case "enum":
        if (!known.values.includes(text.toLowerCase()))
          throw new PgError("INVALID_PARAMETER_VALUE", `invalid value for enum option "${name}": ${text}`);
        break;
    }
  }
}
