import { PgError } from "../errors/pg-error.js";
import { clockMicros, enterSession } from "../functions/runtime.js";
import * as encode from "../protocol/encode.js";
import type { FrontendMessage } from "../protocol/messages.js";
import type { CopyPlan } from "../sql/plan.js";
import type { SqliteValue } from "../types/sqlite-value.js";
import { CopyIn, copyResponse } from "./copy.js";
import type { Output } from "./output.js";
import { acquireWriteSlot, translateError } from "./run-query.js";
import type { SessionContext } from "./session-state.js";
import { beginImplicit } from "./transaction.js";

interface Progress {
  copy: CopyIn;
  plan: CopyPlan;
  /** Started by Execute (extended protocol): the rest waits for Sync. */
  extended: boolean;
  /** For a simple query: runs the statements after the COPY, answering on the output given. */
  resume?: (out: Output) => Promise<void>;
}

/**
 * COPY ... FROM STDIN: "the backend sends a CopyInResponse ... The frontend should then send zero
 * or more CopyData messages ... followed by CopyDone (or CopyFail)." Rows are inserted as the data
 * arrives, in the statement's transaction, so memory stays bounded.
 */
export class CopyInSession {
  private progress: Progress | undefined;

  constructor(
    private readonly s: SessionContext,
    private readonly hooks: { fail(e: unknown, out: Output, extended: boolean): void },
  ) {}

  get active(): boolean {
    return this.progress !== undefined;
  }

  async start(plan: CopyPlan, out: Output, resume?: (out: Output) => Promise<void>): Promise<void> {
    const s = this.s;
    await acquireWriteSlot(s, plan.plan);
    if (!s.inBlock) beginImplicit(s);
    s.statementStart = clockMicros();
    if (plan.plan.usesSequences) s.tenant.sequences.load(s.conn!.db);
    this.progress = {
      copy: new CopyIn(plan, () => s.formatContext()),
      plan,
      extended: resume === undefined,
      resume,
    };
    copyResponse(out, plan);
  }

  async message(msg: FrontendMessage, out: Output): Promise<void> {
    const p = this.progress!;
    try {
      switch (msg.type) {
        case "CopyData":
          this.insert(p, p.copy.take(msg.data));
          return;
        case "CopyDone":
          this.insert(p, p.copy.take(new Uint8Array(0), true));
          this.progress = undefined;
          if (this.s.tenant.sequences.hasChanges) this.s.tenant.sequences.flush(this.s.conn!.db);
          encode.commandComplete(out.w, `COPY ${p.copy.rows}`);
          if (p.resume) await p.resume(out);
          return;
        case "CopyFail":
          throw new PgError("QUERY_CANCELED", `COPY from stdin failed: ${msg.message}`);
        case "Flush":
        case "Sync":
          // "The backend will ignore Flush and Sync messages received during copy-in mode."
          return;
        default:
          throw new PgError(
            "PROTOCOL_VIOLATION",
            `unexpected message type ${msg.type} during COPY from stdin`,
          );
      }
    } catch (e) {
      this.progress = undefined;
      this.hooks.fail(translateError(e, this.s, p.plan.plan, this.s.conn), out, p.extended);
    }
  }

  private insert(p: Progress, rows: SqliteValue[][]): void {
    if (rows.length === 0) return;
    const s = this.s;
    const plan = p.plan.plan;
    const conn = s.conn!;
    const stmt = conn.prepare(plan.sql);
    // Usually each column binds once, in order: the row is then the arguments as it is.
    const inOrder = plan.paramOrder.every((i, at) => i === at);
    enterSession(s);
    conn.running(s.pid);
    try {
      for (const row of rows) {
        stmt.run(
          ...(inOrder && row.length === plan.paramOrder.length ? row : plan.paramOrder.map((i) => row[i])),
        );
        p.copy.rows++;
      }
    } finally {
      conn.idle();
    }
  }
}
