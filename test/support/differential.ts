import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Outcome, outcome, rawClient } from "./outcome.js";
import { REFERENCE, referenceDatabase } from "./reference.js";
import { startServer, type TestServer } from "./server.js";

/**
 * A differential suite: setup statements, then each case, run in order against the reference
 * PostgreSQL and against Tenantgres on one connection each. Every case's outcome (command tag,
 * row count, column names and type OIDs, rows as text, or SQLSTATE, message and position) must be
 * equal. A case is a statement, or a statement with parameters.
 */
export type Case = string | [string, unknown[]];

export function differentialSuite(name: string, setup: string[], cases: Case[]): void {
  describe(name, () => {
    let server: TestServer;
    let ref: Awaited<ReturnType<typeof referenceDatabase>>;
    let ours: pg.Client;
    let theirs: pg.Client;
    const results: { ours: Outcome; theirs: Outcome }[] = [];

    beforeAll(async () => {
      server = await startServer();
      ref = await referenceDatabase();
      ours = rawClient({ host: server.host, port: server.port, user: "postgres", database: "differential" });
      theirs = rawClient({ ...REFERENCE, database: ref.name });
      await ours.connect();
      await theirs.connect();
      for (const sql of setup) {
        const a = await outcome(theirs, sql);
        const b = await outcome(ours, sql);
        if (a.error) throw new Error(`setup failed on PostgreSQL: ${sql}: ${a.error.message}`);
        if (b.error)
          throw new Error(`setup failed on Tenantgres: ${sql}: ${b.error.code} ${b.error.message}`);
      }
      for (const c of cases) {
        const [sql, params] = typeof c === "string" ? [c, undefined] : c;
        results.push({ theirs: await outcome(theirs, sql, params), ours: await outcome(ours, sql, params) });
      }
    });

    afterAll(async () => {
      await ours?.end();
      await theirs?.end();
      await ref?.drop();
      await server?.stop();
    });

    it.each(cases.map((c, i) => [i, typeof c === "string" ? c : c[0]] as const))("#%i %s", (i) => {
      const r = results[i]!;
      expect(r.ours).toEqual(r.theirs);
    });
  });
}
