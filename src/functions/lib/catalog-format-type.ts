// format_type(oid, typmod), and type names as PostgreSQL's deparsing prints them, with the tenant's
// enum types (and their array types) printed by name.
import { informationSchemaTypeName } from "../../catalog/relations/pg-type.js";
import { INT4, OID, TEXT, t } from "../../sql/oids.js";
import type { SchemaView } from "../../sql/schema.js";
import { formatType, typeByOid } from "../../types/registry.js";
import { defineFunctions } from "../registry.js";
import { currentSession } from "../runtime.js";
import { quoteIdentifier } from "./catalog-keywords.js";

function sessionSchema(): SchemaView | undefined {
  try {
    return currentSession().catalog().schema;
  } catch {
    return undefined;
  }
}

/**
 * format_type_extended: built-in types through formatType, enums and domains by their (quoted) name,
 * "???" for an OID that is no type. `typmodGiven` as format_type(oid, typmod) with a non-NULL typmod.
 */
export function typeNameOf(oid: number, typmod = -1, typmodGiven = false, schema = sessionSchema()): string {
  if (typeByOid(oid)) return formatType(oid, typmod, typmodGiven);
  const userTypes = [schema?.enumTypes(), schema?.domainTypes(), schema?.compositeTypes()];
  for (const e of userTypes.flatMap((types) => [...(types ?? [])])) {
    const mod = typmod >= 0 ? `(${typmod})` : "";
    if (e.oid === oid) return `${quoteIdentifier(e.name)}${mod}`;
    if (e.arrayOid === oid) return `${quoteIdentifier(e.name)}${mod}[]`;
  }
  return informationSchemaTypeName(oid) ?? "???";
}

defineFunctions([
  {
    name: "format_type",
    kind: "udf",
    udfName: "pg_format_type",
    args: [OID, INT4],
    returns: t(TEXT),
    volatility: "stable",
    strict: false,
    impl: (oid, typmod) => {
      if (oid === null) return null;
      return typeNameOf(Number(oid), typmod === null ? -1 : Number(typmod), typmod !== null);
    },
  },
]);
