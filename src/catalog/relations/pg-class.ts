import { type CatalogRow, defineCatalogRows } from "../catalog.js";
import { builtinRelations, OWNER_OID, PUBLIC } from "./namespaces.js";

/** Access method OIDs of heap tables and btree indexes. */
const HEAP = 2;
const BTREE = 403;

const base = (row: CatalogRow): CatalogRow => ({
  reltype: 0,
  reloftype: 0,
  relowner: OWNER_OID,
  relam: 0,
  relfilenode: row.oid,
  reltablespace: 0,
  relpages: 0,
  reltuples: -1,
  relallvisible: 0,
  reltoastrelid: 0,
  relhasindex: 0,
  relisshared: 0,
  relpersistence: "p",
  relchecks: 0,
  relhasrules: 0,
  relhastriggers: 0,
  relhassubclass: 0,
  relrowsecurity: 0,
  relforcerowsecurity: 0,
  relispopulated: 1,
  relreplident: "d",
  relispartition: 0,
  relrewrite: 0,
  relfrozenxid: "0",
  relminmxid: "1",
  relacl: null,
  reloptions: null,
  relpartbound: null,
  ...row,
});

defineCatalogRows("pg_catalog.pg_class", function* (c) {
  for (const rel of c.schema.relations()) {
    const indexes = c.schema.indexesOf?.(rel.name) ?? [];
    yield base({
      oid: rel.oid,
      relname: rel.name,
      relnamespace: PUBLIC,
      relkind: rel.kind === "view" ? "v" : "r",
      relam: rel.kind === "view" ? 0 : HEAP,
      relnatts: rel.columns.length,
      relhasindex: indexes.length > 0 ? 1 : 0,
    });
  }
  for (const ix of c.schema.indexes?.() ?? []) {
    yield base({
      oid: ix.oid,
      relname: ix.name,
      relnamespace: PUBLIC,
      relkind: "i",
      relam: BTREE,
      relnatts: ix.columns.length,
    });
  }
  for (const seq of c.schema.sequences()) {
    yield base({ oid: seq.oid, relname: seq.name, relnamespace: PUBLIC, relkind: "S", relnatts: 3 });
  }
  for (const rel of builtinRelations(c)) yield base(rel);
});
