import { PgError } from "../errors/pg-error.js";
import type { Plan } from "../sql/plan.js";
import { codecFor } from "../types/codecs.js";
import type { SqliteValue, StoredValue } from "../types/sqlite-value.js";
import type { Output } from "./output.js";
import type { Portal, PreparedStatement } from "./portal.js";
import type { PlanOptions, PreparedStatements } from "./run-plan.js";
import { evaluateRow } from "./run-query.js";
import type { SessionContext } from "./session-state.js";

/**
 * SQL-level PREPARE, EXECUTE and DEALLOCATE. They share one namespace with the protocol's named
 * statements, as in PostgreSQL.
 */
export function sqlPrepared(
  s: SessionContext,
  statements: Map<string, PreparedStatement>,
  current: () => string,
  translate: (st: PreparedStatement) => NonNullable<PreparedStatement["prepared"]>,
  run: (portal: Portal, out: Output, opts: PlanOptions) => Promise<void>,
): PreparedStatements {
  return {
    prepare(plan) {
      if (statements.has(plan.name))
        throw new PgError("DUPLICATE_PSTATEMENT", `prepared statement "${plan.name}" already exists`);
      const sql = current();
      const st: PreparedStatement = {
        name: plan.name,
        sql,
        // A location of its own keeps the inner statement's translation apart from PREPARE's.
        parsed: { node: plan.statement, location: plan.location + 1, text: sql },
        declaredTypes: plan.paramTypes,
        prepared: undefined,
      };
      st.prepared = translate(st);
      statements.set(plan.name, st);
    },
    async execute(plan: Extract<Plan, { kind: "execute" }>, out, opts) {
      const st = statements.get(plan.name);
      if (!st?.parsed)
        throw new PgError("UNDEFINED_PSTATEMENT", `prepared statement "${plan.name}" does not exist`);
      const prepared = translate(st);
      const row = plan.values ? evaluateRow(s, plan.values) : [];
      const types = prepared.paramTypes;
      if (row.length !== types.length) {
        throw new PgError(
          "SYNTAX_ERROR",
          `wrong number of parameters for prepared statement "${plan.name}"`,
          {
            detail: `Expected ${types.length} parameters but got ${row.length}.`,
          },
        );
      }
      const ctx = s.formatContext();
      const params = row.map((v, i): SqliteValue => {
        const from = plan.values!.columns[i]!.type.oid;
        if (v === null || from === types[i]) return v as SqliteValue;
        return codecFor(types[i]!).fromText(codecFor(from).toText(v as StoredValue, -1, ctx), -1, ctx);
      });
      const portal: Portal = {
        name: "",
        statement: st,
        prepared,
        params,
        resultFormats: [],
        rowsSent: 0,
        done: false,
      };
      await run(portal, out, opts);
    },
    deallocate(name) {
      if (name === undefined) statements.clear();
      else if (!statements.delete(name))
        throw new PgError("UNDEFINED_PSTATEMENT", `prepared statement "${name}" does not exist`);
    },
  };
}
