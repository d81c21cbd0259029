import type Database from "better-sqlite3";
import { COMPOSITES } from "../sql/metadata.js";
import type { CompositeInfo } from "../sql/schema.js";

/** The tenant's composite types, with the OIDs assigned to their types, array types and relations. */
export function readComposites(db: Database.Database, oids: Map<string, number>): CompositeInfo[] {
  const rows = db.prepare(`SELECT name, fields FROM ${COMPOSITES}`).all() as {
    name: string;
    fields: string;
  }[];
  return rows.map((r) => ({
    name: r.name,
    oid: oids.get(`type:${r.name}`)!,
    arrayOid: oids.get(`type:_${r.name}`)!,
    relOid: oids.get(`rel:${r.name}`)!,
    fields: (JSON.parse(r.fields) as { name: string; oid: number; typmod: number }[]).map((f) => ({
      name: f.name,
      type: { oid: f.oid, typmod: f.typmod },
    })),
  }));
}

/** A composite column's declared type: the type's name followed by "record" (see docs/storage.md). */
const COMPOSITE_DECLARED = /^\s*(?:"((?:[^"]|"")+)"|([^\s"]+))\s+record\s*$/i;

export function compositeOfDeclared(
  declared: string,
  composites: ReadonlyMap<string, CompositeInfo>,
): CompositeInfo | undefined {
  if (composites.size === 0) return undefined;
  const m = COMPOSITE_DECLARED.exec(declared);
  if (!m) return undefined;
  return composites.get(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!);
}
