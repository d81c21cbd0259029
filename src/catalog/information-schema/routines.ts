// information_schema.sequences, routines and parameters. Routines are pg_proc's rows (every
// function the server declares), read through the catalog so that both agree.
import { type CatalogContext, type CatalogRow, catalogRows, defineCatalogRows } from "../catalog.js";
import { catalogDefinitions } from "../definitions.generated.js";
import { dataType, typeColumns, udtOf, yes } from "./type-facts.js";

defineCatalogRows("information_schema.sequences", function* (c) {
  // Identity columns' sequences are internal to their column and not listed.
  const identity = new Set<string>();
  for (const rel of c.schema.relations()) {
    for (const col of rel.columns) if (col.identitySequence !== undefined) identity.add(col.identitySequence);
  }
  for (const seq of c.schema.sequences()) {
    if (identity.has(seq.name)) continue;
    const type = seq.typeOid ?? 20;
    const facts = typeColumns(c.schema, c.database, { oid: type, typmod: -1 });
    yield {
      sequence_catalog: c.database,
      sequence_schema: "public",
      sequence_name: seq.name,
      data_type: facts.data_type,
      numeric_precision: facts.numeric_precision,
      numeric_precision_radix: 2,
      numeric_scale: 0,
      start_value: String(seq.start ?? 1n),
      minimum_value: String(seq.min ?? 1n),
      maximum_value: String(seq.max ?? 9223372036854775807n),
      increment: String(seq.increment ?? 1n),
      cycle_option: yes(seq.cycle === true),
    } satisfies CatalogRow;
  }
});

const LANGUAGES: Record<number, string> = { 12: "internal", 13: "c", 14: "sql" };

interface Proc {
  oid: number;
  name: string;
  kind: string;
  returns: number;
  language: string;
  source: string | null;
  volatile: string;
  strict: boolean;
  securityDefiner: boolean;
  args: number[];
  modes: string[] | undefined;
  names: string[] | undefined;
}

const PROC_COLUMNS = catalogDefinitions["pg_catalog.pg_proc"]!.columns.map((col) => col[0]);

/** A text[] or oid[] value as stored (JSON array text), or undefined for NULL. */
function list(value: unknown): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  try {
    const parsed = JSON.parse(String(value)) as unknown[];
    return parsed.map((v) => String(v));
  } catch {
    return undefined;
  }
}

function* procs(c: CatalogContext): Generator<Proc> {
  const at = (name: string) => PROC_COLUMNS.indexOf(name);
  for (const r of catalogRows("pg_catalog.pg_proc", c)) {
    const get = (name: string) => r[at(name)];
    const all = list(get("proallargtypes"));
    const argTypes = String(get("proargtypes") ?? "").trim();
    yield {
      oid: Number(get("oid")),
      name: String(get("proname")),
      kind: String(get("prokind")),
      returns: Number(get("prorettype")),
      language: LANGUAGES[Number(get("prolang"))] ?? "internal",
      source: get("prosrc") === null ? null : String(get("prosrc")),
      volatile: String(get("provolatile")),
      strict: Number(get("proisstrict")) === 1,
      securityDefiner: Number(get("prosecdef")) === 1,
      args: all ? all.map(Number) : argTypes === "" ? [] : argTypes.split(/\s+/).map(Number),
      modes: list(get("proargmodes")),
      names: list(get("proargnames")),
    };
  }
}

defineCatalogRows("information_schema.routines", function* (c) {
  for (const p of procs(c)) {
    const procedure = p.kind === "p";
    const udt = procedure ? undefined : udtOf(c.schema, p.returns);
    yield {
      specific_catalog: c.database,
      specific_schema: "pg_catalog",
      specific_name: `${p.name}_${p.oid}`,
      routine_catalog: c.database,
      routine_schema: "pg_catalog",
      routine_name: p.name,
      routine_type: p.kind === "f" ? "FUNCTION" : procedure ? "PROCEDURE" : null,
      data_type: procedure ? null : dataType(c.schema, p.returns),
      type_udt_catalog: udt ? c.database : null,
      type_udt_schema: udt?.schema ?? null,
      type_udt_name: udt?.name ?? null,
      dtd_identifier: procedure ? null : "0",
      routine_body: p.language === "sql" ? "SQL" : "EXTERNAL",
      routine_definition: p.source,
      external_name: p.language === "c" ? p.source : null,
      external_language: p.language.toUpperCase(),
      parameter_style: "GENERAL",
      is_deterministic: yes(p.volatile === "i"),
      sql_data_access: "MODIFIES",
      is_null_call: procedure ? null : yes(p.strict),
      schema_level_routine: "YES",
      max_dynamic_result_sets: 0,
      security_type: p.securityDefiner ? "DEFINER" : "INVOKER",
      as_locator: "NO",
      is_udt_dependent: "NO",
    } satisfies CatalogRow;
  }
});

const MODES: Record<string, string> = { i: "IN", o: "OUT", b: "INOUT", v: "IN", t: "OUT" };

defineCatalogRows("information_schema.parameters", function* (c) {
  for (const p of procs(c)) {
    for (const [i, type] of p.args.entries()) {
      const facts = typeColumns(c.schema, c.database, { oid: type, typmod: -1 });
      const name = p.names?.[i];
      yield {
        specific_catalog: c.database,
        specific_schema: "pg_catalog",
        specific_name: `${p.name}_${p.oid}`,
        ordinal_position: i + 1,
        parameter_mode: p.modes ? (MODES[p.modes[i] ?? ""] ?? null) : "IN",
        is_result: "NO",
        as_locator: "NO",
        parameter_name: name === undefined || name === "" ? null : name,
        data_type: facts.data_type,
        udt_catalog: c.database,
        udt_schema: facts.udt_schema,
        udt_name: facts.udt_name,
        dtd_identifier: String(i + 1),
        parameter_default: null,
      } satisfies CatalogRow;
    }
  }
});
