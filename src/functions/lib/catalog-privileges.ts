// has_table_privilege, has_sequence_privilege, has_schema_privilege, has_database_privilege,
// has_column_privilege and has_any_column_privilege: the session's user owns every object of its
// tenant, so every privilege is held; what is checked is what PostgreSQL checks first: that the
// role, the object and the privilege names exist (with its errors), and NULL for an unknown OID.
import { sessionCatalog } from "../../catalog/catalog.js";
import { builtinNamespaces, catalogDefinitions } from "../../catalog/definitions.generated.js";
import { databaseOid, tenantNames } from "../../catalog/relations/pg-database.js";
import { splitQualifiedName } from "../../catalog/sqlite-schema.js";
import { PgError } from "../../errors/pg-error.js";
import { BOOL, INT2, NAME, OID, TEXT, t } from "../../sql/oids.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { defineFunctions, type FunctionDef } from "../registry.js";
import { builtinRelationSchema, isUserRelation } from "./catalog-info.js";

const OWNER_OID = 10;

type Kind = "table" | "sequence" | "schema" | "database" | "column" | "any_column";

/** The privilege names each kind accepts (each also WITH GRANT OPTION); RULE is accepted and never held. */
const PRIVILEGES: Record<Kind, string[]> = {
  table: ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "RULE"],
  sequence: ["USAGE", "SELECT", "UPDATE"],
  schema: ["CREATE", "USAGE"],
  database: ["CREATE", "TEMPORARY", "TEMP", "CONNECT"],
  column: ["SELECT", "INSERT", "UPDATE", "REFERENCES"],
  any_column: ["SELECT", "INSERT", "UPDATE", "REFERENCES"],
};

/** convert_any_priv_string: a comma-separated list; whether any privilege in it can be held. */
function privileges(kind: Kind, text: string): boolean {
  let held = false;
  for (const raw of text.split(",")) {
    const chunk = raw.replace(/^\s+|\s+$/g, "");
    const upper = chunk.toUpperCase();
    const base = upper.endsWith(" WITH GRANT OPTION") ? upper.slice(0, -" WITH GRANT OPTION".length) : upper;
    if (!PRIVILEGES[kind].includes(base)) {
      throw new PgError("INVALID_PARAMETER_VALUE", `unrecognized privilege type: "${chunk}"`);
    }
    if (base !== "RULE") held = true;
  }
  return held;
}

function checkRole(role: SqliteValue): void {
  if (typeof role === "string" && role !== sessionCatalog().user && role !== "public") {
    throw new PgError("UNDEFINED_OBJECT", `role "${role}" does not exist`);
  }
}

interface Relation {
  oid: number;
  name: string;
  sequence: boolean;
  columns?: string[];
}

/** A relation named by text as regclass input reads it (convert_table_name), or PostgreSQL's error. */
function relationNamed(text: string): Relation {
  const parts = splitQualifiedName(text);
  if (!parts || parts.length > 3) throw new PgError("INVALID_NAME", `invalid name syntax`);
  const name = parts.at(-1)!;
  const nsp = parts.length > 1 ? parts.at(-2)! : undefined;
  if (nsp !== undefined && !builtinNamespaces.some(([n]) => n === nsp)) {
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${nsp}" does not exist`);
  }
  const { schema } = sessionCatalog();
  if (nsp === undefined || nsp === "public") {
    const rel = schema.relation(name);
    if (rel) return { oid: rel.oid, name, sequence: false, columns: rel.columns.map((c) => c.name) };
    const seq = schema.sequence(name);
    if (seq) return { oid: seq.oid, name, sequence: true };
    const ix = schema.index(name);
    if (ix) return { oid: ix.oid ?? 0, name, sequence: false };
  }
  if (nsp !== "public") {
    const def = catalogDefinitions[`${nsp ?? "pg_catalog"}.${name}`];
    if (def) return { oid: def.oid, name, sequence: false, columns: def.columns.map((c) => c[0]) };
  }
  throw new PgError("UNDEFINED_TABLE", `relation "${parts.join(".")}" does not exist`);
}

/** A relation by OID, or undefined (the functions then return NULL). */
function relationByOid(oid: number): Relation | undefined {
  const { schema } = sessionCatalog();
  if (!isUserRelation(schema, oid)) {
    const nsp = builtinRelationSchema(oid);
    if (nsp === undefined) return undefined;
    const entry = Object.entries(catalogDefinitions).find(([, d]) => d.oid === oid)!;
    return {
      oid,
      name: entry[0].split(".")[1]!,
      sequence: false,
      columns: entry[1].columns.map((c) => c[0]),
    };
  }
  for (const r of schema.relations()) {
    if (r.oid === oid) return { oid, name: r.name, sequence: false, columns: r.columns.map((c) => c.name) };
  }
  for (const s of schema.sequences()) if (s.oid === oid) return { oid, name: s.name, sequence: true };
  for (const i of schema.indexes?.() ?? []) if (i.oid === oid) return { oid, name: i.name, sequence: false };
  return undefined;
}

/** Whether the object exists (throwing PostgreSQL's error for a missing named one); false gives NULL. */
function objectExists(kind: Kind, object: SqliteValue, column: SqliteValue | undefined): boolean {
  if (kind === "schema") {
    const found = builtinNamespaces.some(([n, o]) =>
      typeof object === "string" ? n === object : o === Number(object),
    );
    if (!found && typeof object === "string") {
      throw new PgError("INVALID_SCHEMA_NAME", `schema "${object}" does not exist`);
    }
    return found;
  }
  if (kind === "database") {
    const names = tenantNames(sessionCatalog());
    if (typeof object !== "string") return names.some((n) => databaseOid(n) === Number(object));
    if (!names.includes(object)) {
      throw new PgError("UNDEFINED_DATABASE", `database "${object}" does not exist`);
    }
    return true;
  }
  const rel = typeof object === "string" ? relationNamed(object) : relationByOid(Number(object));
  if (!rel) return false;
  if (kind === "sequence" && !rel.sequence) {
    throw new PgError(
      "WRONG_OBJECT_TYPE",
      `"${typeof object === "string" ? object : rel.name}" is not a sequence`,
    );
  }
  if (kind !== "column" || column === undefined) return true;
  if (typeof column === "string") {
    if (!rel.columns?.includes(column)) {
      throw new PgError("UNDEFINED_COLUMN", `column "${column}" of relation "${rel.name}" does not exist`);
    }
    return true;
  }
  const n = Number(column);
  return n >= 1 && n <= (rel.columns?.length ?? 0);
}

function check(kind: Kind, args: SqliteValue[], withRole: boolean): SqliteValue {
  const [role, object, ...rest] = withRole ? args : [undefined, ...args];
  if (withRole) checkRole(role ?? null);
  const column = kind === "column" ? rest[0] : undefined;
  const priv = String(rest.at(-1));
  // The object is looked up before the privilege string is read, as PostgreSQL does.
  const named = objectExists(kind, object ?? null, column);
  const held = privileges(kind, priv);
  if (role !== undefined && typeof role !== "string" && Number(role) !== OWNER_OID) return 0;
  return named ? (held ? 1 : 0) : null;
}

function declare(kind: Kind): FunctionDef[] {
  const shapes: number[][] = [];
  for (const role of [NAME, OID, undefined]) {
    for (const object of [TEXT, OID]) {
      const columns = kind === "column" ? [TEXT, INT2] : [undefined];
      for (const column of columns) {
        shapes.push([role, object, column, TEXT].filter((x): x is number => x !== undefined));
      }
    }
  }
  return shapes.map((args) => {
    const withRole = args.length === (kind === "column" ? 4 : 3);
    return {
      name: `has_${kind}_privilege`,
      kind: "udf",
      udfName: `pg_has_${kind}_privilege_${args.join("_")}`,
      args,
      returns: t(BOOL),
      volatility: "stable",
      impl: (...a: SqliteValue[]) => check(kind, a, withRole),
    };
  });
}

defineFunctions(
  (["table", "sequence", "schema", "database", "column", "any_column"] as Kind[]).flatMap(declare),
);
