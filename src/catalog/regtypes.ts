import type { SchemaView } from "../sql/schema.js";
import { formatType, typeByName, typeByOid } from "../types/registry.js";
import { builtinNamespaces, catalogDefinitions } from "./definitions.generated.js";
import { informationSchemaTypeName } from "./relations/pg-type.js";
import { formatTypeName } from "./relations/user-types.js";

/**
 * The object identifier types (regclass, regtype, regnamespace, regrole): stored as OIDs, read
 * and printed as names, looked up in the tenant's schema and the built-in catalog.
 */
export const REG = {
  regclass: typeByName("regclass")!.oid,
  regtype: typeByName("regtype")!.oid,
  regnamespace: typeByName("regnamespace")!.oid,
  regrole: typeByName("regrole")!.oid,
};

export function isRegType(oid: number): boolean {
  return oid === REG.regclass || oid === REG.regtype || oid === REG.regnamespace || oid === REG.regrole;
}

/** Splits a possibly qualified, possibly quoted name as PostgreSQL's identifier rules do. */
export function splitQualifiedName(text: string): string[] | undefined {
  const parts: string[] = [];
  let i = 0;
  const s = text.trim();
  while (i <= s.length) {
    let part = "";
    if (s[i] === '"') {
      i++;
      for (; i < s.length; i++) {
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            part += '"';
            i++;
          } else break;
        } else part += s[i];
      }
      if (s[i] !== '"') return undefined;
      i++;
    } else {
      const start = i;
      while (i < s.length && s[i] !== ".") i++;
      part = s.slice(start, i).trim().toLowerCase();
      if (part === "") return undefined;
    }
    parts.push(part);
    if (i >= s.length) break;
    if (s[i] !== ".") return undefined;
    i++;
  }
  return parts;
}

const ROLE_OID = 10;

/** The OID a name denotes as a value of the reg type, or undefined if there is no such object. */
export function regOidFromName(
  regType: number,
  text: string,
  schema: SchemaView,
  user: string,
  /** The current database: a three-part name (database.schema.name) must name it. */
  database?: string,
): number | undefined {
  if (/^\s*\d+\s*$/.test(text)) return Number(text);
  if (regType === REG.regtype) return regtypeFromName(text, schema);
  let parts = splitQualifiedName(text);
  if (parts?.length === 3 && database !== undefined && parts[0] === database) parts = parts.slice(1);
  if (!parts || parts.length === 0) return undefined;
  const name = parts.at(-1)!;
  if (regType === REG.regnamespace)
    return parts.length === 1 ? builtinNamespaces.find(([n]) => n === name)?.[1] : undefined;
  if (regType === REG.regrole)
    return parts.length === 1 && name === user.toLowerCase() ? ROLE_OID : undefined;
  const nsp = parts.length > 1 ? parts[0] : undefined;
  if (parts.length > 2) return undefined;
  if (nsp === undefined || nsp === "pg_catalog" || nsp === "information_schema") {
    const builtin = catalogDefinitions[`${nsp ?? "pg_catalog"}.${name}`];
    if (builtin) return builtin.oid;
    if (nsp !== undefined) return undefined;
  }
  if (nsp !== undefined && nsp !== "public") return undefined;
  return schema.relation(name)?.oid ?? schema.index(name)?.oid ?? schema.sequence(name)?.oid;
}

/**
 * A type name as regtype reads it: SQL's names ('character varying', 'integer[]'), internal names,
 * optionally schema-qualified and quoted ('"pg_catalog"."int4"'), and the tenant's enums and domains.
 */
function regtypeFromName(text: string, schema: SchemaView): number | undefined {
  const s = text.trim();
  const builtin = typeByName(s);
  if (builtin) return builtin.oid;
  const array = s.endsWith("[]");
  const parts = splitQualifiedName(array ? s.slice(0, -2) : s);
  if (!parts || parts.length === 0 || parts.length > 2) return undefined;
  const nsp = parts.length === 2 ? parts[0] : undefined;
  const name = parts.at(-1)!;
  const found =
    (nsp === undefined || nsp === "pg_catalog" ? typeByName(name) : undefined) ??
    (nsp === undefined || nsp === "public"
      ? (schema.enumType(name) ?? schema.domainType(name) ?? schema.compositeType(name))
      : undefined);
  if (!found) return undefined;
  if (!array) return found.oid;
  const arrayOid = "arrayOid" in found ? found.arrayOid : found.array;
  return arrayOid !== 0 ? arrayOid : undefined;
}

/** How a reg value prints: the object's name, or the number if no object has that OID; "-" for 0. */
export function regNameFromOid(
  regType: number,
  oid: number,
  schema: SchemaView | undefined,
  user: string,
): string {
  if (oid === 0) return "-";
  if (regType === REG.regtype) {
    if (typeByOid(oid)) return formatType(oid, -1);
    const name = schema ? formatTypeName(schema, oid) : "???";
    return name !== "???" ? name : (informationSchemaTypeName(oid) ?? String(oid));
  }
  if (regType === REG.regnamespace) return builtinNamespaces.find(([, o]) => o === oid)?.[0] ?? String(oid);
  if (regType === REG.regrole) return oid === ROLE_OID ? user : String(oid);
  for (const [name, def] of Object.entries(catalogDefinitions)) {
    if (def.oid === oid) return name.startsWith("pg_catalog.") ? name.slice("pg_catalog.".length) : name;
  }
  if (schema) {
    for (const rel of schema.relations()) if (rel.oid === oid) return quoteIfNeeded(rel.name);
    for (const seq of schema.sequences()) if (seq.oid === oid) return quoteIfNeeded(seq.name);
    for (const ix of schema.indexes?.() ?? []) if (ix.oid === oid) return quoteIfNeeded(ix.name);
  }
  return String(oid);
}

function quoteIfNeeded(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
