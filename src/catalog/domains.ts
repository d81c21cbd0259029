import type Database from "better-sqlite3";
import { DOMAINS } from "../sql/metadata.js";
import type { DomainInfo } from "../sql/schema.js";

interface DomainRow {
  name: string;
  base_oid: number;
  base_typmod: number;
  not_null: number;
  default_expr: string | null;
  checks: string;
}

/** The tenant's domains, with the OIDs assigned to their types and array types. */
export function readDomains(db: Database.Database, oids: Map<string, number>): DomainInfo[] {
  const rows = db.prepare(`SELECT * FROM ${DOMAINS}`).all() as DomainRow[];
  return rows.map((r) => ({
    name: r.name,
    oid: oids.get(`type:${r.name}`)!,
    arrayOid: oids.get(`type:_${r.name}`)!,
    base: { oid: r.base_oid, typmod: r.base_typmod },
    notNull: r.not_null === 1,
    defaultExpr: r.default_expr ?? undefined,
    checks: JSON.parse(r.checks) as DomainInfo["checks"],
  }));
}

/**
 * A domain column's declared type: the domain's name followed by its base type's declared type
 * ("story_points int4"), so that plain SQLite sees the base type's affinity.
 */
const DOMAIN_DECLARED = /^\s*(?:"((?:[^"]|"")+)"|([^\s"(]+))\s+(\S.*)$/;

export function domainOfDeclared(
  declared: string,
  domains: ReadonlyMap<string, DomainInfo>,
): DomainInfo | undefined {
  if (domains.size === 0) return undefined;
  const m = DOMAIN_DECLARED.exec(declared);
  if (!m) return undefined;
  return domains.get(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!);
}
