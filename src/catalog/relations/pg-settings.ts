import { currentSession } from "../../functions/runtime.js";
import { allSettings, durationMs } from "../../sql/settings.js";
import { type CatalogRow, defineCatalogRows } from "../catalog.js";
import { pgSettingRows } from "./settings.generated.js";

/**
 * pg_settings: the session's settings (src/sql/settings.ts), described as PostgreSQL 15 describes
 * them (settings.generated.ts). A setting with a unit shows its value in that unit, as PostgreSQL
 * does (statement_timeout '5s' is setting 5000, unit ms). Some read-only settings clients look up
 * (pgJDBC reads max_index_keys) are listed with PostgreSQL's values.
 */

const described = new Map(pgSettingRows.map((r) => [String(r[0]).toLowerCase(), r]));

/** A text[] literal of simple elements ({a,b,"c d"}) as the JSON array SQLite stores. */
function arrayLiteral(text: string | null): string | null {
  if (text === null) return null;
  const items = [...text.slice(1, -1).matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]!,
  );
  return JSON.stringify(items);
}

const MEMORY_UNITS: Record<string, number> = { kB: 1, MB: 1024, GB: 1024 * 1024, TB: 1024 * 1024 * 1024 };

/** A value as pg_settings.setting shows it: in the setting's unit. */
function inUnit(value: string, unit: string | null): string {
  if (unit === "ms" && /^\d+(ms|s|min|h|d)?$/.test(value)) return String(durationMs(value));
  if (unit === "s" && /^\d+(ms|s|min|h|d)?$/.test(value)) return String(Math.floor(durationMs(value) / 1000));
  const mem = /^(\d+)\s*(kB|MB|GB|TB)$/.exec(value);
  if (unit === "kB" && mem) return String(Number(mem[1]) * MEMORY_UNITS[mem[2]!]!);
  return value;
}

function currentValue(name: string): string | undefined {
  try {
    return currentSession().setting(name);
  } catch {
    return undefined;
  }
}

defineCatalogRows(
  "pg_catalog.pg_settings",
  function* () {
    for (const def of allSettings()) {
      const d = described.get(def.name.toLowerCase());
      const unit = (d?.[1] as string | null | undefined) ?? null;
      const value = currentValue(def.name) ?? def.default;
      const row: CatalogRow = {
        name: def.name,
        setting: inUnit(value, unit),
        unit,
        category: d?.[2] ?? "Preset Options",
        short_desc: d?.[3] ?? def.description,
        extra_desc: d?.[4] ?? null,
        context: d?.[5] ?? (def.readOnly ? "internal" : "user"),
        vartype: d?.[6] ?? "string",
        source: value === def.default ? "default" : "session",
        min_val: d?.[7] ?? null,
        max_val: d?.[8] ?? null,
        enumvals: arrayLiteral(d?.[9] ?? null),
        boot_val: inUnit(def.default, unit),
        reset_val: inUnit(def.default, unit),
        sourcefile: null,
        sourceline: null,
        pending_restart: 0,
      };
      yield row;
    }
    // Read-only settings fixed at build time (max_index_keys, ...) that SET never changes.
    for (const d of pgSettingRows) {
      if (allSettings().some((def) => def.name.toLowerCase() === String(d[0]).toLowerCase())) continue;
      const value = d[10] ?? null;
      yield {
        name: d[0],
        setting: value,
        unit: d[1],
        category: d[2],
        short_desc: d[3],
        extra_desc: d[4],
        context: d[5],
        vartype: d[6],
        source: "default",
        min_val: d[7],
        max_val: d[8],
        enumvals: arrayLiteral(d[9] ?? null),
        boot_val: value,
        reset_val: value,
        sourcefile: null,
        sourceline: null,
        pending_restart: 0,
      };
    }
  },
  "session",
);
