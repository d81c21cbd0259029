// pg_get_function_arguments, pg_get_function_identity_arguments, pg_get_function_result and
// pg_get_function_arg_default, as ruleutils.c prints them, from pg_proc's rows (psql's \df).
import { INT4, OID, TEXT, t } from "../../sql/oids.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { defineFunctions, type FunctionDef } from "../registry.js";
import { typeNameOf } from "./catalog-format-type.js";
import { catalogObjects } from "./catalog-info.js";
import { quoteIdentifier } from "./catalog-keywords.js";

interface Proc {
  argTypes: number[];
  modes?: string[];
  names?: string[];
  returns: number;
  retset: boolean;
  variadic: boolean;
}

function list(value: SqliteValue | undefined): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  try {
    return (JSON.parse(String(value)) as unknown[]).map(String);
  } catch {
    return undefined;
  }
}

function procByOid(oid: number): Proc | undefined {
  for (const p of catalogObjects("pg_catalog.pg_proc")) {
    if (Number(p.oid) !== oid) continue;
    const all = list(p.proallargtypes);
    const plain = String(p.proargtypes ?? "").trim();
    return {
      argTypes: all ? all.map(Number) : plain === "" ? [] : plain.split(/\s+/).map(Number),
      modes: list(p.proargmodes),
      names: list(p.proargnames),
      returns: Number(p.prorettype),
      retset: Number(p.proretset) === 1,
      variadic: Number(p.provariadic) !== 0,
    };
  }
  return undefined;
}

const MODE_WORDS: Record<string, string> = { i: "", o: "OUT ", b: "INOUT ", v: "VARIADIC ", t: "" };

/** print_function_arguments: identity arguments leave out OUT ones (and TABLE columns). */
function argumentsText(p: Proc, identity: boolean): string {
  const parts: string[] = [];
  p.argTypes.forEach((type, i) => {
    const mode = p.modes?.[i] ?? (p.variadic && i === p.argTypes.length - 1 ? "v" : "i");
    if (mode === "t" || (identity && mode === "o")) return;
    const name = p.names?.[i];
    parts.push(`${MODE_WORDS[mode] ?? ""}${name ? `${quoteIdentifier(name)} ` : ""}${typeNameOf(type)}`);
  });
  return parts.join(", ");
}

/** print_function_rettype: SETOF for a set, TABLE(...) for RETURNS TABLE. */
function resultText(p: Proc): string {
  const table = p.argTypes
    .map((type, i) =>
      p.modes?.[i] === "t" ? `${quoteIdentifier(p.names?.[i] ?? "")} ${typeNameOf(type)}` : "",
    )
    .filter((s) => s !== "");
  if (table.length) return `TABLE(${table.join(", ")})`;
  return `${p.retset ? "SETOF " : ""}${typeNameOf(p.returns)}`;
}

const byOid = (name: string, text: (p: Proc) => string): FunctionDef => ({
  name,
  kind: "udf",
  udfName: name,
  args: [OID],
  returns: t(TEXT),
  volatility: "stable",
  impl: (oid) => {
    const p = procByOid(Number(oid));
    return p ? text(p) : null;
  },
});

defineFunctions([
  byOid("pg_get_function_arguments", (p) => argumentsText(p, false)),
  byOid("pg_get_function_identity_arguments", (p) => argumentsText(p, true)),
  byOid("pg_get_function_result", resultText),
  {
    // Built-in functions' defaults are not recorded; the tenant has no functions of its own.
    name: "pg_get_function_arg_default",
    kind: "sql",
    args: [OID, INT4],
    returns: t(TEXT),
    volatility: "stable",
    sql: () => "NULL",
  },
]);
