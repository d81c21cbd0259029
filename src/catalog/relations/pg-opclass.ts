import { defineCatalogRows } from "../catalog.js";
import { OWNER_OID, PG_CATALOG } from "./namespaces.js";
import { OPERATOR_CLASSES, OPERATOR_FAMILIES } from "./opclasses.generated.js";

/**
 * pg_opclass and pg_opfamily: PostgreSQL 15's built-in operator classes and families, which
 * pg_index.indclass refers to (a tenant cannot create its own).
 */

defineCatalogRows("pg_catalog.pg_opclass", () =>
  OPERATOR_CLASSES.map(([oid, method, name, family, inType, isDefault, keyType]) => ({
    oid,
    opcmethod: method,
    opcname: name,
    opcnamespace: PG_CATALOG,
    opcowner: OWNER_OID,
    opcfamily: family,
    opcintype: inType,
    opcdefault: isDefault ? 1 : 0,
    opckeytype: keyType,
  })),
);

defineCatalogRows("pg_catalog.pg_opfamily", () =>
  OPERATOR_FAMILIES.map(([oid, method, name]) => ({
    oid,
    opfmethod: method,
    opfname: name,
    opfnamespace: PG_CATALOG,
    opfowner: OWNER_OID,
  })),
);
