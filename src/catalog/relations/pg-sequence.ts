import { Oid } from "../../types/registry.js";
import { defineCatalogRows } from "../catalog.js";

/**
 * pg_sequence, and the pg_sequences view over it. pg_sequences.last_value is NULL: the value a
 * sequence has reached lives in the tenant's sequence state, which catalog rows cannot read (see
 * the report); PostgreSQL also shows NULL for a sequence never used.
 */

defineCatalogRows("pg_catalog.pg_sequence", function* (c) {
  for (const s of c.schema.sequences()) {
    yield {
      seqrelid: s.oid,
      seqtypid: s.typeOid ?? Oid.int8,
      seqstart: s.start ?? 1n,
      seqincrement: s.increment ?? 1n,
      seqmax: s.max ?? 9223372036854775807n,
      seqmin: s.min ?? 1n,
      seqcache: s.cache ?? 1n,
      seqcycle: s.cycle ? 1 : 0,
    };
  }
});

defineCatalogRows(
  "pg_catalog.pg_sequences",
  function* (c) {
    for (const s of c.schema.sequences()) {
      yield {
        schemaname: "public",
        sequencename: s.name,
        sequenceowner: c.user,
        data_type: s.typeOid ?? Oid.int8,
        start_value: s.start ?? 1n,
        min_value: s.min ?? 1n,
        max_value: s.max ?? 9223372036854775807n,
        increment_by: s.increment ?? 1n,
        cycle: s.cycle ? 1 : 0,
        cache_size: s.cache ?? 1n,
        last_value: null,
      };
    }
  },
  "user",
);
