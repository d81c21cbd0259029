/**
 * OIDs for a tenant's objects, stable across restarts: derived from the object's kind and name
 * (FNV-1a), in PostgreSQL's range for user objects (16384 and up). Collisions within a tenant are
 * resolved by probing in name order, so the result depends only on the set of names.
 */
const FIRST_NORMAL_OBJECT_ID = 16384;
const SPAN = 2 ** 31 - FIRST_NORMAL_OBJECT_ID;

export function hashOid(kind: string, name: string): number {
  let h = 0x811c9dc5;
  const s = `${kind}:${name}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return FIRST_NORMAL_OBJECT_ID + (h % SPAN);
}

/** Assigns OIDs to named objects, probing past collisions in a deterministic order. */
export function assignOids(objects: { kind: string; name: string }[]): Map<string, number> {
  const sorted = [...objects].sort((a, b) => (a.kind + a.name < b.kind + b.name ? -1 : 1));
  const used = new Set<number>();
  const out = new Map<string, number>();
  for (const o of sorted) {
    let oid = hashOid(o.kind, o.name);
    while (used.has(oid)) oid = oid + 1 >= FIRST_NORMAL_OBJECT_ID + SPAN ? FIRST_NORMAL_OBJECT_ID : oid + 1;
    used.add(oid);
    out.set(`${o.kind}:${o.name}`, oid);
  }
  return out;
}
