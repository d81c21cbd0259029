import { currentSession } from "../../functions/runtime.js";
import { defineCatalogRows } from "../catalog.js";
import { OWNER_OID } from "./namespaces.js";
import { databaseOid } from "./pg-database.js";

/**
 * pg_stat_activity: the session reading it, active. Other sessions, the client's address and the
 * query text are not known to catalog rows (see the report); pg_locks stays empty.
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
  (c) => {
    const s = currentSession();
    const xactStart = storedTimestamptz(s.transactionStartMicros());
    const queryStart = storedTimestamptz(s.statementStartMicros());
    return [
      {
        datid: databaseOid(c.database),
        datname: c.database,
        pid: s.pid,
        leader_pid: null,
        usesysid: OWNER_OID,
        usename: c.user,
        application_name: s.setting("application_name") ?? "",
        client_addr: null,
        client_hostname: null,
        client_port: null,
        backend_start: xactStart,
        xact_start: xactStart,
        query_start: queryStart,
        state_change: queryStart,
        wait_event_type: null,
        wait_event: null,
        state: "active",
        backend_xid: null,
        backend_xmin: null,
        query_id: null,
        query: null,
        backend_type: "client backend",
      },
    ];
  },
  "session",
);
