import { REFERENCE, referenceDatabase } from "./reference.js";
import { startServer, type TestServer } from "./server.js";

/** Where a client connects: the reference PostgreSQL or a Tenantgres tenant. */
export interface Target {
  name: "postgres" | "tenantgres";
  host: string;
  port: number;
  user: string;
  database: string;
}

export function targetUrl(t: Target): string {
  return `postgres://${t.user}@${t.host}:${t.port}/${t.database}`;
}

/**
 * A fresh database on the reference PostgreSQL and a tenant of the same name on a Tenantgres
 * server, for running one client scenario against both and comparing what the client sees.
 */
export async function referenceAndTenant(
  prefix: string,
  server?: TestServer,
): Promise<{ reference: Target; tenant: Target; server: TestServer; close(): Promise<void> }> {
  const db = await referenceDatabase(prefix);
  const own = server === undefined;
  const s = server ?? (await startServer());
  return {
    reference: { name: "postgres", ...REFERENCE, database: db.name },
    tenant: { name: "tenantgres", host: s.host, port: s.port, user: "postgres", database: db.name },
    server: s,
    close: async () => {
      await db.drop();
      if (own) await s.stop();
    },
  };
}
