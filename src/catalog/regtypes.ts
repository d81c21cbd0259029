import type { SchemaView } from "../sql/schema.js";
import { formatType, typeByName, typeByOid } from "../types/registry.js";
import { builtinNamespaces, catalogDefinitions } from "./definitions.generated.js";

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
): number | undefined {
  if (/^\s*\d+\s*$/.test(text)) return Number(text);
  if (regType === REG.regtype) return typeByName(text.trim())?.oid;
  const parts = splitQualifiedName(text);
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

/** How a reg value prints: the object's name, or the number if no object has that OID. */
export function regNameFromOid(
  regType: number,
  oid: number,
  schema: SchemaView | undefined,
  user: string,
): string {
  if (regType === REG.regtype) return typeByOid(oid) ? formatType(oid, -1) : String(oid);
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
