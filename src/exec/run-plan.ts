import { PgError } from "../errors/pg-error.js";
import * as encode from "../protocol/encode.js";
import { TEXT, t } from "../sql/oids.js";
import type { Plan, ResultColumn } from "../sql/plan.js";
import { allSettings } from "../sql/settings.js";
import { sendNotice } from "./errors.js";
import type { Output } from "./output.js";
import { closePortal, type Portal } from "./portal.js";
import { prefetchConstant, type RunOptions, runCopyOut, runQuery } from "./run-query.js";
import type { SessionContext } from "./session-state.js";
import type { TenantAdmin } from "./tenant-admin.js";
import { transactionControl } from "./transaction.js";
import { fieldDescriptions, writeRowDescription } from "./values.js";

export interface PlanOptions extends RunOptions {
  /** Simple query: RowDescription precedes the rows. */
  describe: boolean;
  /** Part of a multi-statement query or an implicit transaction: some commands refuse to run there. */
  multiStatement: boolean;
  /** DISCARD ALL: the session forgets its prepared statements and portals. */
  discard?: () => void;
  /** PREPARE, EXECUTE and DEALLOCATE work on the session's prepared statements. */
  prepared?: PreparedStatements;
}

/** What PREPARE / EXECUTE / DEALLOCATE need of the session. */
export interface PreparedStatements {
  prepare(plan: Extract<Plan, { kind: "prepare" }>): void;
  execute(plan: Extract<Plan, { kind: "execute" }>, out: Output, opts: PlanOptions): Promise<void>;
  deallocate(name: string | undefined): void;
}

export function showColumns(plan: Extract<Plan, { kind: "show" }>): ResultColumn[] {
  const col = (name: string): ResultColumn => ({ name, type: t(TEXT), tableOid: 0, attnum: 0 });
  return plan.name === "all" ? [col("name"), col("setting"), col("description")] : [col(plan.column)];
}

/** Runs any plan: SQL through SQLite, the rest (transactions, settings, tenants) here. */
export async function runPlan(
  s: SessionContext,
  admin: TenantAdmin,
  portal: Portal,
  out: Output,
  opts: PlanOptions,
): Promise<void> {
  const plan = portal.prepared.plan;
  const noTransactionBlock = (what: string) => {
    if (s.inBlock || opts.multiStatement) {
      throw new PgError("ACTIVE_SQL_TRANSACTION", `${what} cannot run inside a transaction block`);
    }
  };
  switch (plan.kind) {
    case "query":
      if (plan.needsNoTransaction) noTransactionBlock(plan.needsNoTransaction);
      if (plan.needsTransaction && !s.inBlock && !opts.multiStatement) {
        throw new PgError(
          "NO_ACTIVE_SQL_TRANSACTION",
          `${plan.needsTransaction} can only be used in transaction blocks`,
        );
      }
      if (plan.notice && !portal.rows) sendNotice(out, plan.notice);
      if (plan.constant && !portal.rows && !portal.done) prefetchConstant(s, portal, plan);
      if (opts.describe && plan.returnsRows) writeRowDescription(out.w, plan.columns, []);
      await runQuery(s, portal, plan, out, opts);
      return;
    case "transaction": {
      // Ending a transaction closes its portals (PostgreSQL's cursors are not WITH HOLD here).
      if (plan.txn.op !== "begin" && plan.txn.op !== "savepoint") {
        for (const p of opts.openPortals) if (p !== portal && p.rows) closePortal(p);
      }
      const result = transactionControl(s, plan.txn, plan.tag);
      for (const c of plan.settings) s.settings.set(c.name, c.value, c.local, true);
      if (result.warning) encode.noticeResponse(out.w, result.warning.fields);
      encode.commandComplete(out.w, result.tag);
      return;
    }
    case "set":
      for (const c of plan.changes) {
        if (c.name === "all") s.settings.resetAll();
        else s.settings.set(c.name, c.value, c.local, s.conn?.inTransaction === true);
      }
      encode.commandComplete(out.w, plan.tag);
      return;
    case "show": {
      if (opts.describe) encode.rowDescription(out.w, fieldDescriptions(showColumns(plan), []));
      const rows: string[][] =
        plan.name === "all"
          ? allSettings().map((d) => [d.name, s.settings.get(d.name) ?? "", d.description])
          : [[s.settings.get(plan.name) ?? ""]];
      if (plan.name !== "all" && s.settings.get(plan.name) === undefined) {
        throw new PgError("UNDEFINED_OBJECT", `unrecognized configuration parameter "${plan.name}"`);
      }
      for (const row of rows) {
        out.w.begin(0x44).int16(row.length);
        for (const v of row) out.w.lengthPrefixedString(v);
        out.w.end();
      }
      encode.commandComplete(out.w, "SHOW");
      return;
    }
    case "create-database":
      noTransactionBlock("CREATE DATABASE");
      await admin.create(plan.name);
      encode.commandComplete(out.w, "CREATE DATABASE");
      return;
    case "drop-database": {
      noTransactionBlock("DROP DATABASE");
      const dropped = await admin.drop(plan.name, plan.ifExists, { sessionId: s.id, database: s.database });
      if (!dropped) sendNotice(out, `database "${plan.name}" does not exist, skipping`);
      encode.commandComplete(out.w, "DROP DATABASE");
      return;
    }
    case "discard":
      if (plan.tag === "DISCARD ALL") {
        noTransactionBlock("DISCARD ALL");
        s.settings.resetAll();
        opts.discard?.();
      }
      encode.commandComplete(out.w, plan.tag);
      return;
    case "noop":
      if (plan.needsNoTransaction) noTransactionBlock(plan.needsNoTransaction);
      if (plan.notice) sendNotice(out, plan.notice);
      encode.commandComplete(out.w, plan.tag);
      return;
    case "empty":
      encode.emptyQueryResponse(out.w);
      return;
    case "prepare":
      opts.prepared!.prepare(plan);
      encode.commandComplete(out.w, "PREPARE");
      return;
    case "execute":
      await opts.prepared!.execute(plan, out, opts);
      return;
    case "deallocate":
      opts.prepared!.deallocate(plan.name);
      encode.commandComplete(out.w, plan.name === undefined ? "DEALLOCATE ALL" : "DEALLOCATE");
      return;
    case "listen":
      s.listener?.(plan.channel, true);
      encode.commandComplete(out.w, "LISTEN");
      return;
    case "unlisten":
      s.listener?.(plan.channel, false);
      encode.commandComplete(out.w, "UNLISTEN");
      return;
    case "notify":
      if (plan.channel.length >= 64) throw new PgError("INVALID_PARAMETER_VALUE", "channel name too long");
      if (Buffer.byteLength(plan.payload) >= 8000)
        throw new PgError("INVALID_PARAMETER_VALUE", "payload string too long");
      s.queueNotify(plan.channel, plan.payload);
      if (!s.inBlock && !s.implicit) s.flushNotifies();
      encode.commandComplete(out.w, "NOTIFY");
      return;
    case "copy":
      if (plan.direction === "in") throw new Error("COPY FROM STDIN is run by the session");
      await runCopyOut(s, plan, out);
      return;
  }
}
