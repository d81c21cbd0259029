// Small functions catalog queries and client tools call: pg_get_userbyid, the visibility tests,
// pg_encoding_to_char, pg_is_in_recovery, pg_postmaster_start_time and the comment lookups
// (obj_description, col_description, shobj_description) over pg_description, pg_tablespace_location.
import { catalogRows, sessionCatalog } from "../../catalog/catalog.js";
import { catalogDefinitions } from "../../catalog/definitions.generated.js";
import { PG_CATALOG, PUBLIC } from "../../catalog/relations/namespaces.js";
import { PgError } from "../../errors/pg-error.js";
import { BOOL, INT4, NAME, OID, TEXT, t } from "../../sql/oids.js";
import type { SchemaView } from "../../sql/schema.js";
import { typeByName, typeByOid } from "../../types/registry.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { defineFunctions, type FunctionDef } from "../registry.js";
import { timestamptzStorage } from "../time.js";

const TIMESTAMPTZ = typeByName("timestamptz")!.oid;

/** A catalog relation's rows, as objects keyed by column name. */
export function* catalogObjects(relation: string): Generator<Record<string, SqliteValue>> {
  const columns = catalogDefinitions[relation]?.columns.map((c) => c[0]) ?? [];
  for (const row of catalogRows(relation, sessionCatalog())) {
    yield Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null]));
  }
}

/** pg_get_userbyid: a role's name from pg_authid, or PostgreSQL's placeholder. */
function userById(oid: number): string {
  for (const r of catalogObjects("pg_catalog.pg_authid")) if (Number(r.oid) === oid) return String(r.rolname);
  return oid === 10 ? sessionCatalog().user : `unknown (OID=${oid})`;
}

const ENCODINGS = (
  "SQL_ASCII EUC_JP EUC_CN EUC_KR EUC_TW EUC_JIS_2004 UTF8 MULE_INTERNAL LATIN1 LATIN2 LATIN3 LATIN4 " +
  "LATIN5 LATIN6 LATIN7 LATIN8 LATIN9 LATIN10 WIN1256 WIN1258 WIN866 WIN874 KOI8R WIN1251 WIN1252 " +
  "ISO_8859_5 ISO_8859_6 ISO_8859_7 ISO_8859_8 WIN1250 WIN1253 WIN1254 WIN1255 WIN1257 KOI8U SJIS BIG5 " +
  "GBK UHC GB18030 JOHAB SHIFT_JIS_2004"
).split(" ");

/** When the server process started, in microseconds since the Unix epoch (the same in every worker). */
const START_MICROS = BigInt(Math.round(Date.now() - process.uptime() * 1000)) * 1000n;

/** Whether an OID is one of the tenant's relations (tables, views, indexes, sequences). */
export function isUserRelation(schema: SchemaView, oid: number): boolean {
  for (const r of schema.relations()) if (r.oid === oid) return true;
  for (const s of schema.sequences()) if (s.oid === oid) return true;
  for (const i of schema.indexes?.() ?? []) if (i.oid === oid) return true;
  return false;
}

/** The schema ("pg_catalog", "information_schema") of a built-in catalog relation's OID. */
export function builtinRelationSchema(oid: number): string | undefined {
  for (const [name, def] of Object.entries(catalogDefinitions))
    if (def.oid === oid) return name.split(".")[0];
  return undefined;
}

function tableVisible(oid: number): SqliteValue {
  if (isUserRelation(sessionCatalog().schema, oid)) return 1;
  const schema = builtinRelationSchema(oid);
  return schema === undefined ? null : schema === "pg_catalog" ? 1 : 0;
}

function typeVisible(oid: number): SqliteValue {
  const builtin = typeByOid(oid);
  if (builtin) return 1;
  const { schema } = sessionCatalog();
  for (const e of [...schema.enumTypes(), ...schema.domainTypes(), ...schema.compositeTypes()]) {
    if (e.oid === oid || e.arrayOid === oid) return 1;
  }
  // Row types of tables and the information_schema domains: visible when their schema is on the path.
  for (const r of catalogObjects("pg_catalog.pg_type")) {
    if (Number(r.oid) === oid) return [PG_CATALOG, PUBLIC].includes(Number(r.typnamespace)) ? 1 : 0;
  }
  return null;
}

/**
 * Visibility of a built-in object listed in a pg_catalog relation: all of them are in pg_catalog,
 * first on the search path, and tenants cannot create more; NULL for an unknown OID, as in PostgreSQL.
 */
function builtinVisible(relation: string, oid: number): SqliteValue {
  for (const r of catalogObjects(relation)) if (Number(r.oid) === oid) return 1;
  return null;
}

const CLASS_OID = (name: string) => catalogDefinitions[`pg_catalog.${name}`]?.oid;

/** The description of (objoid, classoid, objsubid) in pg_description; any class when classoid is undefined. */
function description(objoid: number, classoid: number | undefined, objsubid: number): SqliteValue {
  for (const [o, c, s, d] of catalogRows("pg_catalog.pg_description", sessionCatalog())) {
    if (Number(o) === objoid && (classoid === undefined || Number(c) === classoid) && Number(s) === objsubid)
      return d ?? null;
  }
  return null;
}

function sharedDescription(objoid: number, classoid: number | undefined): SqliteValue {
  for (const [o, c, d] of catalogRows("pg_catalog.pg_shdescription", sessionCatalog())) {
    if (Number(o) === objoid && Number(c) === classoid) return d ?? null;
  }
  return null;
}

/** The built-in tablespaces (and 0, the database's) live in the data directory: an empty location. */
function tablespaceLocation(oid: number): string {
  if (oid === 0 || oid === 1663 || oid === 1664) return "";
  throw new PgError("UNDEFINED_FILE", `could not stat file "pg_tblspc/${oid}": No such file or directory`);
}

const udf = (
  name: string,
  args: number[],
  returns: number,
  impl: (...a: SqliteValue[]) => SqliteValue,
  volatility: FunctionDef["volatility"] = "stable",
): FunctionDef => ({
  name,
  kind: "udf",
  udfName: `pg_${name}_${args.length}`.replace(/^pg_pg_/, "pg_"),
  args,
  returns: t(returns),
  volatility,
  impl,
});

defineFunctions([
  udf("pg_get_userbyid", [OID], NAME, (oid) => userById(Number(oid))),
  udf("pg_table_is_visible", [OID], BOOL, (oid) => tableVisible(Number(oid))),
  udf("pg_type_is_visible", [OID], BOOL, (oid) => typeVisible(Number(oid))),
  // Tenants have no functions of their own: only built-in ones (OIDs below 16384) exist.
  udf("pg_function_is_visible", [OID], BOOL, (oid) => (Number(oid) < 16384 && Number(oid) > 0 ? 1 : null)),
  udf("pg_opclass_is_visible", [OID], BOOL, (oid) => builtinVisible("pg_catalog.pg_opclass", Number(oid))),
  udf("pg_opfamily_is_visible", [OID], BOOL, (oid) => builtinVisible("pg_catalog.pg_opfamily", Number(oid))),
  udf("pg_encoding_to_char", [INT4], NAME, (n) => ENCODINGS[Number(n)] ?? "", "stable"),
  udf("pg_is_in_recovery", [], BOOL, () => 0, "volatile"),
  udf("pg_tablespace_location", [OID], TEXT, (oid) => tablespaceLocation(Number(oid))),
  udf("pg_postmaster_start_time", [], TIMESTAMPTZ, () => timestamptzStorage(START_MICROS)),
  udf("obj_description", [OID, NAME], TEXT, (oid, cls) => {
    const classoid = CLASS_OID(String(cls));
    return classoid === undefined ? null : description(Number(oid), classoid, 0);
  }),
  udf("obj_description", [OID], TEXT, (oid) => description(Number(oid), undefined, 0)),
  udf("col_description", [OID, INT4], TEXT, (oid, n) =>
    description(Number(oid), CLASS_OID("pg_class"), Number(n)),
  ),
  udf("shobj_description", [OID, NAME], TEXT, (oid, cls) =>
    sharedDescription(Number(oid), CLASS_OID(String(cls))),
  ),
]);
