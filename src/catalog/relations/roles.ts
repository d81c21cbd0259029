import { type CatalogRow, defineCatalogRows } from "../catalog.js";
import { OWNER_OID } from "./namespaces.js";

/**
 * pg_authid, pg_roles and pg_user: the connected user is the bootstrap superuser (OID 10, owner of
 * everything), beside PostgreSQL 15's predefined roles.
 */

const PREDEFINED: [number, string][] = [
  [3373, "pg_monitor"],
  [3374, "pg_read_all_settings"],
  [3375, "pg_read_all_stats"],
  [3377, "pg_stat_scan_tables"],
  [4200, "pg_signal_backend"],
  [4544, "pg_checkpoint"],
  [4569, "pg_read_server_files"],
  [4570, "pg_write_server_files"],
  [4571, "pg_execute_server_program"],
  [6171, "pg_database_owner"],
  [6181, "pg_read_all_data"],
  [6182, "pg_write_all_data"],
];

interface Role {
  oid: number;
  rolname: string;
  superuser: boolean;
}

function roles(user: string): Role[] {
  return [
    { oid: OWNER_OID, rolname: user, superuser: true },
    ...PREDEFINED.map(([oid, rolname]) => ({ oid, rolname, superuser: false })),
  ];
}

function authid(r: Role): CatalogRow {
  const s = r.superuser ? 1 : 0;
  return {
    oid: r.oid,
    rolname: r.rolname,
    rolsuper: s,
    rolinherit: 1,
    rolcreaterole: s,
    rolcreatedb: s,
    rolcanlogin: s,
    rolreplication: s,
    rolbypassrls: s,
    rolconnlimit: -1,
    rolpassword: null,
    rolvaliduntil: null,
  };
}

defineCatalogRows("pg_catalog.pg_authid", (c) => roles(c.user).map(authid), "user");

defineCatalogRows(
  "pg_catalog.pg_roles",
  (c) => roles(c.user).map((r) => ({ ...authid(r), rolpassword: "********", rolconfig: null })),
  "user",
);

defineCatalogRows(
  "pg_catalog.pg_user",
  (c) =>
    roles(c.user)
      .filter((r) => r.superuser)
      .map((r) => ({
        usename: r.rolname,
        usesysid: r.oid,
        usecreatedb: 1,
        usesuper: 1,
        userepl: 1,
        usebypassrls: 1,
        passwd: "********",
        valuntil: null,
        useconfig: null,
      })),
  "user",
);
