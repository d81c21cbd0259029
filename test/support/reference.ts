import pg from "pg";

export const REFERENCE = { host: "127.0.0.1", port: 55432, user: "postgres" };

/** A fresh database on the reference PostgreSQL; drop() removes it. */
export async function referenceDatabase(prefix = "tg"): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ ...REFERENCE, database: "postgres" });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    name,
    drop: async () => {
      const c = new pg.Client({ ...REFERENCE, database: "postgres" });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
