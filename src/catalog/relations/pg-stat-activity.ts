import { currentSession } from "../../functions/runtime.js";
import { defineCatalogRows } from "../catalog.js";
import { OWNER_OID } from "./namespaces.js";
import { databaseOid } from "./pg-database.js";

/**
 * pg_stat_activity: the sessions of the tenant that run on the reading session's thread (a tenant's
 * sessions share a home thread; one that moved away while the thread was busy is not listed until
 * it returns). Client addresses are not known below the socket layer; pg_locks stays empty.
 */

/** Microseconds since the Unix epoch as timestamptz storage text (UTC). */
export function storedTimestamptz(micros: bigint): string {
  const ms = Number(micros / 1000n);
  const iso = new Date(ms).toISOString();
  const fraction = String(((micros % 1_000_000n) + 1_000_000n) % 1_000_000n)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ""}+00:00`;
}

defineCatalogRows(
  "pg_catalog.pg_stat_activity",
  (c) =>
    currentSession()
      .activity()
      .map((a) => ({
        datid: databaseOid(c.database),
        datname: c.database,
        pid: a.pid,
        leader_pid: null,
        usesysid: OWNER_OID,
        usename: a.user,
        application_name: a.applicationName,
        client_addr: null,
        client_hostname: null,
        client_port: null,
        backend_start: storedTimestamptz(a.backendStart),
        xact_start: a.transactionStart === undefined ? null : storedTimestamptz(a.transactionStart),
        query_start: a.queryStart === undefined ? null : storedTimestamptz(a.queryStart),
        state_change: storedTimestamptz(a.stateChange),
        wait_event_type: a.state === "active" ? null : "Client",
        wait_event: a.state === "active" ? null : "ClientRead",
        state: a.state,
        backend_xid: null,
        backend_xmin: null,
        query_id: null,
        query: a.query,
        backend_type: "client backend",
      })),
  "session",
);

/** pg_stat_ssl: one row per session listed in pg_stat_activity. */
defineCatalogRows(
  "pg_catalog.pg_stat_ssl",
  () =>
    currentSession()
      .activity()
      .map((a) => ({
        pid: a.pid,
        ssl: a.tls !== undefined ? 1 : 0,
        version: a.tls?.version ?? null,
        cipher: a.tls?.cipher ?? null,
        bits: a.tls?.bits ?? null,
        client_dn: a.tls ? "" : null,
        client_serial: null,
        issuer_dn: a.tls ? "" : null,
      })),
  "session",
);
