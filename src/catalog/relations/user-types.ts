import type { RelationInfo, SchemaView } from "../../sql/schema.js";
import { formatType, typeByOid } from "../../types/registry.js";
import { quoteIdentIfNeeded } from "../sqlite-schema.js";
import { hashOid } from "../stable-oid.js";

/**
 * The types a tenant's schema adds to the built-in ones: enums (with their array types) and the
 * row type PostgreSQL creates for every table and view (with its array type), and what
 * pg_attribute and pg_type need to know of any type (length, alignment, storage, collation).
 */

/** The row type of a table or view: derived from its name, so stable across restarts. */
export function rowTypeOid(rel: RelationInfo): number {
  return hashOid("type", rel.name);
}

export function rowArrayTypeOid(rel: RelationInfo): number {
  return hashOid("type", `_${rel.name}`);
}

export interface TypeFacts {
  len: number;
  byVal: boolean;
  align: string;
  storage: string;
  /** typcollation: 100 (default) for collatable types. */
  collation: number;
  category: string;
}

const DEFAULT_COLLATION = 100;

/** Storage facts of a type OID, built-in or the tenant's own. */
export function typeFacts(schema: SchemaView, oid: number): TypeFacts {
  const t = typeByOid(oid);
  if (t) {
    return {
      len: t.len,
      byVal: t.byVal,
      align: t.align,
      storage: t.storage,
      collation: t.collation,
      category: t.category,
    };
  }
  const e = schema.enumByOid(oid);
  if (e) return { len: 4, byVal: true, align: "i", storage: "p", collation: 0, category: "E" };
  const d = schema.domainByOid(oid);
  if (d) return typeFacts(schema, d.base.oid);
  if (schema.compositeByOid(oid))
    return { len: -1, byVal: false, align: "d", storage: "x", collation: 0, category: "C" };
  for (const dom of schema.domainTypes()) {
    if (dom.arrayOid === oid) {
      const base = typeFacts(schema, dom.base.oid);
      return {
        len: -1,
        byVal: false,
        align: base.align === "d" ? "d" : "i",
        storage: "x",
        collation: base.collation,
        category: "A",
      };
    }
  }
  for (const en of schema.enumTypes())
    if (en.arrayOid === oid)
      return { len: -1, byVal: false, align: "i", storage: "x", collation: 0, category: "A" };
  // A table's row type or its array.
  return { len: -1, byVal: false, align: "d", storage: "x", collation: 0, category: "C" };
}

/** format_type for built-in and user types. */
export function formatTypeName(schema: SchemaView, oid: number, typmod = -1): string {
  if (typeByOid(oid)) return formatType(oid, typmod);
  const e = schema.enumByOid(oid);
  if (e) return quoteIdentIfNeeded(e.name);
  for (const en of schema.enumTypes()) if (en.arrayOid === oid) return `${quoteIdentIfNeeded(en.name)}[]`;
  const d = schema.domainByOid(oid);
  if (d) return quoteIdentIfNeeded(d.name);
  for (const dom of schema.domainTypes())
    if (dom.arrayOid === oid) return `${quoteIdentIfNeeded(dom.name)}[]`;
  for (const c of schema.compositeTypes()) {
    if (c.oid === oid) return quoteIdentIfNeeded(c.name);
    if (c.arrayOid === oid) return `${quoteIdentIfNeeded(c.name)}[]`;
  }
  for (const rel of schema.relations()) {
    if (rowTypeOid(rel) === oid) return quoteIdentIfNeeded(rel.name);
    if (rowArrayTypeOid(rel) === oid) return `${quoteIdentIfNeeded(rel.name)}[]`;
  }
  return "???";
}

/** The collation of a column of this type: the default collation for collatable types. */
export function columnCollation(schema: SchemaView, oid: number): number {
  return typeFacts(schema, oid).collation !== 0 ? DEFAULT_COLLATION : 0;
}
