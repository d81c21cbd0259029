import { regOidFromName } from "../catalog/regtypes.js";
import { SqliteSchema } from "../catalog/sqlite-schema.js";
import { PgError } from "../errors/pg-error.js";
import * as encode from "../protocol/encode.js";
import type { FrontendMessage } from "../protocol/messages.js";
import { type LiteralShape, literalShape } from "../sql/literal-shape.js";
import { SEQUENCES } from "../sql/metadata.js";
import { parseSql } from "../sql/parse.js";
import type { Plan, PreparedPlan } from "../sql/plan.js";
import { translate } from "../sql/translator.js";
import { CopyInSession } from "./copy-session.js";
import { type ErrorReporter, reportError } from "./errors.js";
import type { Output } from "./output.js";
import { closePortal, type Portal, type PreparedStatement } from "./portal.js";
import { type PreparedStatements, runPlan, showColumns } from "./run-plan.js";
import { prefetchConstant } from "./run-query.js";
import type { SessionContext } from "./session-state.js";
import { sqlPrepared } from "./sql-prepared.js";
import type { TenantAdmin } from "./tenant-admin.js";
import { beginImplicit, endImplicit, finish } from "./transaction.js";
import { decodeParams, fieldDescriptions, writeRowDescription } from "./values.js";

/**
 * One client session as the thread running its tenant sees it: prepared statements, portals and
 * the simple and extended query protocols ("Message Flow" in PostgreSQL's protocol documentation).
 */
export class EngineSession {
  private readonly statements = new Map<string, PreparedStatement>();
  private readonly portals = new Map<string, Portal>();
  /** "the backend ... discard[s] messages until a Sync is reached" after an error. */
  private skipping = false;
  /** Execute messages run since the last Sync. */
  private executedSinceSync = 0;

  private readonly copy: CopyInSession;
  private readonly prepared: PreparedStatements;
  /** The query string being run, for PREPARE. */
  private currentSql = "";

  constructor(
    readonly ctx: SessionContext,
    private readonly admin: TenantAdmin,
    private readonly onError: ErrorReporter,
  ) {
    this.prepared = sqlPrepared(
      ctx,
      this.statements,
      () => this.currentSql,
      (st) => this.translate(st),
      (portal, out, opts) => runPlan(this.ctx, this.admin, portal, out, opts),
    );
    this.copy = new CopyInSession(ctx, {
      fail: (e, out, extended) => (extended ? this.extendedError(e, out) : this.queryError(e, out)),
    });
  }

  /** A FATAL error was sent (the session was terminated): the connection is to end. */
  ended = false;

  /** Nothing of the session lives on this thread but its prepared statements: it may move. */
  get movable(): boolean {
    if (this.skipping || this.executedSinceSync > 0 || this.ctx.conn || this.ctx.failed) return false;
    for (const p of this.portals.values()) if (p.rows) return false;
    return true;
  }

  /** Re-creates named statements of a session that moved here from another thread. */
  replay(messages: FrontendMessage[]): void {
    for (const m of messages) {
      if (m.type !== "Parse") continue;
      try {
        this.parse(m.name, m.sql, m.paramTypes);
      } catch {
        // It failed where it was first prepared too, or the schema changed: Bind will report it.
      }
    }
  }

  /** Handles a batch of messages, writing the responses to out. */
  async run(messages: FrontendMessage[], out: Output): Promise<void> {
    for (let i = 0; i < messages.length; i++) {
      const msg = messages[i]!;
      if (this.copy.active) {
        await this.copy.message(msg, out);
        continue;
      }
      // Copy data after a failed COPY: "accept but ignore these messages", as PostgreSQL does.
      if (msg.type === "CopyData" || msg.type === "CopyDone" || msg.type === "CopyFail") continue;
      if (msg.type === "Sync") {
        this.sync(out);
        continue;
      }
      if (this.skipping) continue;
      try {
        await this.handle(msg, out, messages[i + 1]);
      } catch (e) {
        this.extendedError(e, out);
      }
      this.reportSettings(out);
    }
    this.ctx.markRunning(false);
  }

  private async handle(msg: FrontendMessage, out: Output, next: FrontendMessage | undefined): Promise<void> {
    switch (msg.type) {
      case "Query":
        this.ctx.markRunning(true, msg.sql);
        await this.simpleQuery(msg.sql, out);
        return;
      case "Parse":
        this.parse(msg.name, msg.sql, msg.paramTypes);
        encode.parseComplete(out.w);
        return;
      case "Bind":
        this.bind(msg);
        encode.bindComplete(out.w);
        return;
      case "Describe":
        this.describe(msg.target, msg.name, out);
        return;
      case "Execute":
        this.ctx.markRunning(true, this.portals.get(msg.portal)?.statement.sql);
        await this.execute(msg.portal, msg.maxRows, out, next?.type === "Sync");
        return;
      case "Close":
        if (msg.target === "S") this.statements.delete(msg.name);
        else this.closePortal(msg.name);
        encode.closeComplete(out.w);
        return;
      case "Flush":
      case "Sync":
      case "Terminate":
      case "Password":
      case "FunctionCall":
      case "CopyData":
      case "CopyDone":
      case "CopyFail":
        throw new PgError("PROTOCOL_VIOLATION", `unexpected message type "${msg.type}"`);
    }
  }

  /** Parse: a named or unnamed statement, analysed against the tenant's schema now, as PostgreSQL does. */
  private parse(name: string, sql: string, declaredTypes: number[]): PreparedStatement {
    if (name !== "" && this.statements.has(name)) {
      throw new PgError("DUPLICATE_PSTATEMENT", `prepared statement "${name}" already exists`);
    }
    this.currentSql = sql;
    const parsed = parseSql(sql);
    if (parsed.length > 1)
      throw new PgError("SYNTAX_ERROR", "cannot insert multiple commands into a prepared statement");
    const statement: PreparedStatement = { name, sql, parsed: parsed[0], declaredTypes, prepared: undefined };
    if (statement.parsed) {
      this.checkAborted(statement.parsed.node);
      statement.prepared = this.translate(statement);
    }
    this.statements.set(name, statement);
    return statement;
  }

  /** Whether statements are translated against what the session's own connection sees. */
  private ownSchema(): boolean {
    return (this.ctx.changedSchema || this.ctx.pinned) && this.ctx.conn !== undefined;
  }

  private translate(st: PreparedStatement): PreparedPlan {
    const ctx = this.ctx;
    const own = this.ownSchema() ? ctx.conn : undefined;
    if (own) {
      // Uncommitted DDL of this session, or its temporary tables: translate against what its own
      // connection sees; DDL of other sessions since it was read makes it stale.
      if (
        !ctx.privateSchema ||
        (!ctx.changedSchema && ctx.privateGeneration !== ctx.tenant.schemaGeneration)
      ) {
        ctx.privateGeneration = ctx.tenant.schemaGeneration;
        ctx.privateSchema = new SqliteSchema(own.db, -1, (sql) => ctx.conn!.compile(sql));
        ctx.tenant.sequences.load(own.db, ctx.privateSchema.hasMetadata(SEQUENCES));
      }
      ctx.catalogSchema = ctx.privateSchema;
      return translate(ctx.privateSchema, st.parsed!, st.sql, st.declaredTypes, ctx.formatContext());
    }
    const conn = ctx.conn ?? ctx.tenant.take();
    try {
      const schema = ctx.tenant.schema(conn);
      ctx.catalogSchema = schema;
      const translations = ctx.tenant.translations;
      return st.shape
        ? translations.getShaped(schema, st.parsed!, st.sql, ctx.formatContext(), st.shape)
        : translations.get(schema, st.parsed!, st.sql, st.declaredTypes, ctx.formatContext());
    } finally {
      if (conn !== ctx.conn) ctx.tenant.release(conn);
    }
  }

  private bind(msg: Extract<FrontendMessage, { type: "Bind" }>): void {
    const st = this.statements.get(msg.statement);
    if (!st)
      throw new PgError("UNDEFINED_PSTATEMENT", `prepared statement "${msg.statement}" does not exist`);
    if (msg.portal !== "" && this.portals.has(msg.portal)) {
      throw new PgError("DUPLICATE_CURSOR", `cursor "${msg.portal}" already exists`);
    }
    if (st.parsed) this.checkAborted(st.parsed.node);
    // The schema may have changed since Parse: the translation cache answers for the current one.
    const prepared = st.parsed ? this.translate(st) : { plan: { kind: "empty" } as Plan, paramTypes: [] };
    const params = decodeParams(
      prepared.paramTypes,
      msg.paramFormats,
      msg.params,
      this.ctx.formatContext(),
      st.name,
      (type, name) =>
        this.ctx.catalogSchema
          ? regOidFromName(type, name, this.ctx.catalogSchema, this.ctx.user)
          : undefined,
    );
    this.closePortal(msg.portal);
    const portal: Portal = {
      name: msg.portal,
      statement: st,
      prepared,
      params,
      resultFormats: msg.resultFormats,
      rowsSent: 0,
      done: false,
    };
    if (prepared.plan.kind === "query" && prepared.plan.constant)
      prefetchConstant(this.ctx, portal, prepared.plan);
    this.portals.set(msg.portal, portal);
  }

  private describe(target: "S" | "P", name: string, out: Output): void {
    if (target === "S") {
      const st = this.statements.get(name);
      if (!st) throw new PgError("UNDEFINED_PSTATEMENT", `prepared statement "${name}" does not exist`);
      const prepared = st.parsed ? this.translate(st) : undefined;
      encode.parameterDescription(out.w, prepared?.paramTypes ?? []);
      describeRows(prepared?.plan, [], out);
      return;
    }
    const portal = this.portals.get(name);
    if (!portal) throw new PgError("UNDEFINED_CURSOR", `portal "${name}" does not exist`);
    describeRows(portal.prepared.plan, portal.resultFormats, out);
  }

  private async execute(name: string, maxRows: number, out: Output, syncFollows: boolean): Promise<void> {
    const portal = this.portals.get(name);
    if (!portal) throw new PgError("UNDEFINED_CURSOR", `portal "${name}" does not exist`);
    if (portal.statement.parsed && !portal.rows) this.checkAborted(portal.statement.parsed.node);
    const first = this.executedSinceSync === 0;
    this.executedSinceSync++;
    const plan = portal.prepared.plan;
    if (plan.kind === "copy" && plan.direction === "in") {
      await this.copy.start(plan, out);
      return;
    }
    // One statement before Sync outside a block runs as its own transaction (as it would
    // anyway); more, or a row limit, need a transaction that lasts until Sync.
    const autocommit = !this.ctx.inBlock && !this.ctx.implicit && first && syncFollows && maxRows <= 0;
    if (!autocommit && !this.ctx.inBlock && plan.kind === "query" && !portal.rows) beginImplicit(this.ctx);
    await runPlan(this.ctx, this.admin, portal, out, {
      maxRows: Math.max(maxRows, 0),
      autocommit,
      openPortals: this.portals.values(),
      prepared: this.prepared,
      describe: false,
      multiStatement: !autocommit,
    });
  }

  /** Simple query: each statement in turn, all in one implicit transaction unless a block is open. */
  private async simpleQuery(sql: string, out: Output): Promise<void> {
    const shape = literalShape(sql);
    const ctx = this.ctx;
    const node =
      shape && ctx.tenant.translations.shared(ctx.tenant.schemaGeneration, ctx.formatContext(), shape);
    let statements: ReturnType<typeof parseSql>;
    try {
      statements = node ? [{ node, location: 0, text: sql }] : parseSql(sql);
    } catch (e) {
      this.queryError(e, out);
      return;
    }
    if (statements.length === 0) {
      encode.emptyQueryResponse(out.w);
      this.readyForQuery(out);
      return;
    }
    await this.runSimple(sql, statements, 0, out, statements.length === 1 ? shape : undefined);
  }

  /** Runs the statements of a query string from index on; COPY FROM STDIN pauses the loop. */
  private async runSimple(
    sql: string,
    statements: ReturnType<typeof parseSql>,
    from: number,
    out: Output,
    shape?: LiteralShape,
  ): Promise<void> {
    this.currentSql = sql;
    const multi = statements.length > 1;
    for (let i = from; i < statements.length; i++) {
      const parsed = statements[i]!;
      try {
        this.checkAborted(parsed.node);
        const st: PreparedStatement = {
          name: "",
          sql,
          parsed,
          declaredTypes: [],
          prepared: undefined,
          shape,
        };
        st.prepared = this.translate(st);
        if (st.prepared.paramTypes.length > 0) {
          throw new PgError("UNDEFINED_PARAMETER", "there is no parameter $1");
        }
        const portal: Portal = {
          name: "",
          statement: st,
          prepared: st.prepared,
          // As integers: a JavaScript number would be bound as a SQLite REAL.
          params: st.prepared.literalParams ? shape!.values.map((v) => BigInt(v)) : [],
          resultFormats: [],
          rowsSent: 0,
          done: false,
        };
        const plan = st.prepared.plan;
        if (plan.kind === "copy" && plan.direction === "in") {
          await this.copy.start(plan, out, (later) => this.runSimple(sql, statements, i + 1, later));
          return;
        }
        const autocommit = !multi && !this.ctx.inBlock && !this.ctx.implicit;
        if (multi && !this.ctx.inBlock && (plan.kind === "query" || plan.kind === "copy"))
          beginImplicit(this.ctx);
        await runPlan(this.ctx, this.admin, portal, out, {
          maxRows: 0,
          autocommit,
          openPortals: this.portals.values(),
          prepared: this.prepared,
          describe: true,
          multiStatement: multi,
        });
        this.reportSettings(out);
      } catch (e) {
        this.queryError(e, out);
        return;
      }
    }
    endImplicit(this.ctx, true);
    this.readyForQuery(out);
  }

  /** An error in a simple query: the statement's transaction fails, and the query ends. */
  private queryError(e: unknown, out: Output): void {
    this.fail(e, out);
    this.readyForQuery(out);
  }

  private extendedError(e: unknown, out: Output): void {
    this.fail(e, out);
    this.skipping = true;
  }

  private fail(e: unknown, out: Output): void {
    const s = this.ctx;
    if (reportError(out, e, this.onError)) this.ended = true;
    // A table rebuild that failed midway may leave its connection settings on.
    if (s.conn?.inTransaction) {
      s.conn.db.pragma("defer_foreign_keys = OFF");
      s.conn.db.pragma("legacy_alter_table = OFF");
    }
    if (s.implicit) {
      // The implicit transaction rolls back, and its portals with it.
      for (const [name, p] of [...this.portals]) if (p.rows) this.closePortal(name);
      endImplicit(s, false);
    } else if (s.conn?.inTransaction) s.failed = true;
    else if (s.failed === false && s.conn && !s.conn.inTransaction) finish(s, false);
  }

  private sync(out: Output): void {
    this.skipping = false;
    this.executedSinceSync = 0;
    // Portals outside a transaction block end with the implicit transaction, before it commits.
    if (!this.ctx.inBlock) {
      for (const name of [...this.portals.keys()])
        if (name === "" || this.portals.get(name)!.rows) this.closePortal(name);
    }
    try {
      endImplicit(this.ctx, true);
    } catch (e) {
      if (reportError(out, e, this.onError)) this.ended = true;
      finish(this.ctx, false);
    }
    this.reportSettings(out);
    this.readyForQuery(out);
  }

  private readyForQuery(out: Output): void {
    encode.readyForQuery(out.w, this.ctx.status);
  }

  private reportSettings(out: Output): void {
    const changed = this.ctx.settings.changedReported;
    if (changed.size === 0) return;
    for (const name of changed) encode.parameterStatus(out.w, name, this.ctx.settings.get(name) ?? "");
    changed.clear();
  }

  /** In a failed transaction only ROLLBACK and COMMIT are accepted (25P02). */
  private checkAborted(node: object): void {
    if (!this.ctx.failed) return;
    const txn = (node as { TransactionStmt?: { kind?: string } }).TransactionStmt?.kind;
    if (txn === "TRANS_STMT_ROLLBACK" || txn === "TRANS_STMT_COMMIT" || txn === "TRANS_STMT_ROLLBACK_TO")
      return;
    throw new PgError(
      "IN_FAILED_SQL_TRANSACTION",
      "current transaction is aborted, commands ignored until end of transaction block",
    );
  }

  private closePortal(name: string): void {
    const p = this.portals.get(name);
    if (!p) return;
    closePortal(p);
    if (p.source?.borrowed) this.ctx.tenant.release(p.source.conn);
    this.portals.delete(name);
  }

  /** The session ends: its transaction rolls back and its connection returns to the pool. */
  close(): void {
    for (const name of [...this.portals.keys()]) this.closePortal(name);
    try {
      finish(this.ctx, false);
    } catch {
      // The connection is closed with the tenant if it cannot roll back.
    }
    // Temporary tables end with the session: so does the connection that holds them.
    if (this.ctx.pinned && this.ctx.conn) {
      this.ctx.tenant.discard(this.ctx.conn);
      this.ctx.conn = undefined;
      this.ctx.pinned = false;
    }
  }
}

/** RowDescription for a plan that returns rows, NoData otherwise. */
export function describeRows(
  plan: Plan | undefined,
  formats: Parameters<typeof fieldDescriptions>[1],
  out: Output,
): void {
  if (plan?.kind === "query" && plan.returnsRows) writeRowDescription(out.w, plan.columns, formats);
  else if (plan?.kind === "show") encode.rowDescription(out.w, fieldDescriptions(showColumns(plan), []));
  else encode.noData(out.w);
}
