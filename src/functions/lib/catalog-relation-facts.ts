// pg_relation_is_publishable, pg_relation_is_updatable and pg_column_is_updatable: facts about
// relations that client tools (psql's \d, ORMs) and the information_schema ask for.
import { sessionCatalog } from "../../catalog/catalog.js";
import { catalogDefinitions } from "../../catalog/definitions.generated.js";
import {
  DELETE,
  INSERT,
  UPDATABLE_BUILTIN_VIEWS,
  UPDATE,
  viewColumnUpdatable,
  viewEvents,
} from "../../catalog/information-schema/view-updatability.js";
import { BOOL, INT2, INT4, REGCLASS, t } from "../../sql/oids.js";
import type { RelationInfo } from "../../sql/schema.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { defineFunctions } from "../registry.js";
import { isUserRelation } from "./catalog-info.js";

const ALL_EVENTS = INSERT | UPDATE | DELETE;

function relationByOid(oid: number): RelationInfo | undefined {
  for (const r of sessionCatalog().schema.relations()) if (r.oid === oid) return r;
  return undefined;
}

/** Events a relation supports: tables all, views as PostgreSQL's auto-updatable views, others none. */
function relationEvents(oid: number): number {
  const rel = relationByOid(oid);
  if (rel) return rel.kind === "table" ? ALL_EVENTS : viewEvents(sessionCatalog().schema, rel);
  for (const [name, def] of Object.entries(catalogDefinitions)) {
    if (def.oid !== oid) continue;
    return def.kind === "r" || UPDATABLE_BUILTIN_VIEWS.has(name) ? ALL_EVENTS : 0;
  }
  return 0;
}

function publishable(oid: number): SqliteValue {
  const rel = relationByOid(oid);
  if (rel) return rel.kind === "table" ? 1 : 0;
  if (isUserRelation(sessionCatalog().schema, oid)) return 0;
  return Object.values(catalogDefinitions).some((d) => d.oid === oid) ? 0 : null;
}

function columnUpdatable(oid: number, attnum: number): SqliteValue {
  const rel = relationByOid(oid);
  if (!rel) return relationEvents(oid) === ALL_EVENTS ? 1 : 0;
  const col = rel.columns.find((c) => c.attnum === attnum);
  if (rel.kind === "table") return 1;
  return col && viewColumnUpdatable(sessionCatalog().schema, rel, col.name) ? 1 : 0;
}

defineFunctions([
  {
    name: "pg_relation_is_publishable",
    kind: "udf",
    udfName: "pg_relation_is_publishable",
    args: [REGCLASS],
    returns: t(BOOL),
    volatility: "stable",
    impl: (oid) => publishable(Number(oid)),
  },
  {
    name: "pg_relation_is_updatable",
    kind: "udf",
    udfName: "pg_relation_is_updatable",
    args: [REGCLASS, BOOL],
    returns: t(INT4),
    volatility: "stable",
    impl: (oid) => relationEvents(Number(oid)),
  },
  {
    name: "pg_column_is_updatable",
    kind: "udf",
    udfName: "pg_column_is_updatable",
    args: [REGCLASS, INT2, BOOL],
    returns: t(BOOL),
    volatility: "stable",
    impl: (oid, attnum) => columnUpdatable(Number(oid), Number(attnum)),
  },
]);
