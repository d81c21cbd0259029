import { irType } from "../../functions/lib/catalog-expr-ir.js";
import type { RelationInfo, SchemaView } from "../../sql/schema.js";
import { isArrayType, Oid, typeByOid } from "../../types/registry.js";
import { type CatalogRow, defineCatalogRows } from "../catalog.js";
import { catalogDefinitions } from "../definitions.generated.js";
import { columnDefault, columnNotNull, columnTypeOid, columnTypmod } from "./column-facts.js";
import { indexColumnNames, indexKeys } from "./index-keys.js";
import { typeFacts } from "./user-types.js";

/**
 * pg_attribute: the columns of tables (with the system columns PostgreSQL gives every table, at
 * negative attnum), views, sequences and indexes, and those of the catalog relations themselves.
 */

function attribute(
  schema: SchemaView,
  attrelid: number,
  attname: string,
  attnum: number,
  atttypid: number,
  atttypmod: number,
  extra: CatalogRow = {},
): CatalogRow {
  const t = typeFacts(schema, atttypid);
  return {
    attrelid,
    attname,
    atttypid,
    attstattarget: attnum > 0 ? -1 : 0,
    attlen: t.len,
    attnum,
    attndims: isArrayType(atttypid) || (!typeByOid(atttypid) && t.category === "A") ? 1 : 0,
    attcacheoff: -1,
    atttypmod,
    attbyval: t.byVal ? 1 : 0,
    attalign: t.align,
    attstorage: t.storage,
    attcompression: "",
    attnotnull: 0,
    atthasdef: 0,
    atthasmissing: 0,
    attidentity: "",
    attgenerated: "",
    attisdropped: 0,
    attislocal: 1,
    attinhcount: 0,
    attcollation: t.collation,
    attacl: null,
    attoptions: null,
    attfdwoptions: null,
    attmissingval: null,
    ...extra,
  };
}

/** The system columns of a table or sequence, as PostgreSQL numbers them. */
const SYSTEM_COLUMNS: [string, number, number][] = [
  ["tableoid", Oid.oid, -6],
  ["cmax", Oid.cid, -5],
  ["xmax", Oid.xid, -4],
  ["cmin", Oid.cid, -3],
  ["xmin", Oid.xid, -2],
  ["ctid", Oid.tid, -1],
];

function* systemColumns(schema: SchemaView, relid: number): Generator<CatalogRow> {
  for (const [name, type, num] of SYSTEM_COLUMNS)
    yield attribute(schema, relid, name, num, type, -1, { attnotnull: 1 });
}

function* relationColumns(schema: SchemaView, rel: RelationInfo): Generator<CatalogRow> {
  if (rel.kind === "table") yield* systemColumns(schema, rel.oid);
  for (const col of rel.columns) {
    yield attribute(
      schema,
      rel.oid,
      col.name,
      col.attnum,
      columnTypeOid(schema, col),
      columnTypmod(schema, col),
      {
        attnotnull: columnNotNull(schema, col) ? 1 : 0,
        atthasdef: rel.kind === "table" && columnDefault(schema, rel, col) !== undefined ? 1 : 0,
        attidentity: col.identity ?? "",
        attgenerated: col.generated ? "s" : "",
      },
    );
  }
}

function* indexColumns(schema: SchemaView): Generator<CatalogRow> {
  for (const ix of schema.indexes?.() ?? []) {
    const rel = schema.relation(ix.table);
    if (!rel || ix.oid === undefined) continue;
    const { keys } = indexKeys(schema, ix, rel);
    const names = indexColumnNames(keys);
    for (const [i, key] of keys.entries()) {
      const col = key.column !== undefined ? rel.column(key.column) : undefined;
      const type = col ? columnTypeOid(schema, col) : key.expr ? irType(key.expr) : Oid.text;
      // A hash index stores the keys' int4 hash codes, in the key's collation.
      if (ix.method === "hash") {
        const collation = typeFacts(schema, type).collation;
        yield attribute(schema, ix.oid, names[i]!, i + 1, Oid.int4, -1, { attcollation: collation });
      } else yield attribute(schema, ix.oid, names[i]!, i + 1, type, col ? columnTypmod(schema, col) : -1);
    }
  }
}

/** A sequence's columns (last_value, log_cnt, is_called). */
function* sequenceColumns(schema: SchemaView, relid: number): Generator<CatalogRow> {
  yield* systemColumns(schema, relid);
  yield attribute(schema, relid, "last_value", 1, Oid.int8, -1, { attnotnull: 1 });
  yield attribute(schema, relid, "log_cnt", 2, Oid.int8, -1, { attnotnull: 1 });
  yield attribute(schema, relid, "is_called", 3, Oid.bool, -1, { attnotnull: 1 });
}

function* catalogColumns(schema: SchemaView): Generator<CatalogRow> {
  for (const def of Object.values(catalogDefinitions)) {
    for (const [i, [name, type, typmod]] of def.columns.entries())
      yield attribute(schema, def.oid, name, i + 1, type, typmod);
  }
}

defineCatalogRows("pg_catalog.pg_attribute", function* (c) {
  for (const rel of c.schema.relations()) yield* relationColumns(c.schema, rel);
  yield* indexColumns(c.schema);
  for (const seq of c.schema.sequences()) yield* sequenceColumns(c.schema, seq.oid);
  for (const ct of c.schema.compositeTypes()) {
    for (const [i, f] of ct.fields.entries())
      yield attribute(c.schema, ct.relOid, f.name, i + 1, f.type.oid, f.type.typmod);
  }
  yield* catalogColumns(c.schema);
});
