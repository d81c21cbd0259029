import { type ArgType, allFunctions, type FunctionDef, resultType } from "../../functions/registry.js";
import { arrayTypeOf } from "../../types/registry.js";
import { type CatalogRow, defineCatalogRows } from "../catalog.js";
import { hashOid } from "../stable-oid.js";
import { OWNER_OID, PG_CATALOG } from "./namespaces.js";
import { type PgProcRow, pgProcRows } from "./procs.generated.js";

/**
 * pg_proc: one row per function overload declared in src/functions. Where PostgreSQL 15 has the
 * same function (name and argument types) its OID and properties are used (procs.generated.ts);
 * otherwise they follow from the declaration, with an OID derived from the signature.
 */

const PSEUDO: Record<string, number> = { any: 2276, anyelement: 2283, anyarray: 2277, anynonarray: 2776 };
const INTERNAL_LANGUAGE = 12;

const builtin = new Map<string, PgProcRow>(pgProcRows.map((r) => [`${r[0]}(${r[1]})`, r]));

function argOid(a: ArgType): number {
  return typeof a === "number" ? a : PSEUDO[a]!;
}

/** proargtypes: a VARIADIC parameter of type T is declared T[] ("any" stays "any"). */
function argTypes(def: FunctionDef): number[] {
  return def.args.map((a, i) => {
    const oid = argOid(a);
    if (!def.variadic || i !== def.args.length - 1 || typeof a === "string") return oid;
    return arrayTypeOf(oid) ?? oid;
  });
}

function returnType(def: FunctionDef): number {
  try {
    return resultType(
      def,
      def.args.map((a) => ({ oid: argOid(a), typmod: -1 })),
    ).oid;
  } catch {
    return PSEUDO.anyelement!;
  }
}

const VOLATILITY = { immutable: "i", stable: "s", volatile: "v" } as const;

function procRow(def: FunctionDef, args: number[]): CatalogRow {
  const known = builtin.get(`${def.name}(${args.join(" ")})`);
  const aggregate = def.kind === "aggregate" || def.kind === "udf-aggregate";
  const set = def.kind === "udf-set";
  const strict = def.kind === "udf" || def.kind === "udf-set" ? def.strict !== false : true;
  const variadic = def.variadic ? argOid(def.args.at(-1)!) : 0;
  return {
    oid: known?.[2] ?? hashOid("proc", `${def.name}(${args.join(" ")})`),
    proname: def.name,
    pronamespace: PG_CATALOG,
    proowner: OWNER_OID,
    prolang: INTERNAL_LANGUAGE,
    procost: known?.[9] ?? 1,
    prorows: known?.[10] ?? (set ? 1000 : 0),
    provariadic: known?.[11] ?? variadic,
    prosupport: "-",
    prokind: known?.[3] ?? (aggregate ? "a" : "f"),
    prosecdef: 0,
    proleakproof: 0,
    proisstrict: known ? known[5] : strict ? 1 : 0,
    proretset: known ? known[6] : set ? 1 : 0,
    provolatile: known?.[4] ?? VOLATILITY[def.volatility],
    proparallel: known?.[8] ?? "s",
    pronargs: args.length,
    pronargdefaults: known?.[12] ?? 0,
    prorettype: known?.[7] ?? returnType(def),
    proargtypes: args.join(" "),
    proallargtypes: null,
    proargmodes: null,
    proargnames: null,
    proargdefaults: null,
    protrftypes: null,
    prosrc: "udfName" in def ? def.udfName : def.name,
    probin: null,
    prosqlbody: null,
    proconfig: null,
    proacl: null,
  };
}

defineCatalogRows("pg_catalog.pg_proc", function* () {
  const seen = new Set<string>();
  for (const def of allFunctions()) {
    // Helpers the translator calls, named so that no query can ("?search_depth"), are not PostgreSQL's.
    if (def.name.startsWith("?")) continue;
    const args = argTypes(def);
    const key = `${def.name}(${args.join(" ")})`;
    if (seen.has(key)) continue;
    seen.add(key);
    yield procRow(def, args);
  }
});
