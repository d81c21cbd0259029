import type { Node } from "./ast.js";
import type { SessionSettingChange } from "./settings.js";
import type { CopyOptions } from "./translate/copy.js";

/** A PostgreSQL type as the translator tracks it: OID and typmod (-1 when none). */
export interface SqlType {
  oid: number;
  typmod: number;
  /** A record's fields, where the translator knows them (see translate/records.ts). */
  fields?: readonly { name: string; type: SqlType }[];
}

/** A result column, as RowDescription describes it. */
export interface ResultColumn {
  name: string;
  type: SqlType;
  /** The table and column the value comes from, or 0 and 0. */
  tableOid: number;
  attnum: number;
}

/** How the command tag is formed from what the statement did. */
export type TagSpec =
  | { kind: "rows"; verb: "SELECT" | "UPDATE" | "DELETE" | "MERGE" | "FETCH" | "MOVE" | "COPY" }
  | { kind: "insert" }
  | { kind: "fixed"; tag: string };

/** A statement that runs as SQLite SQL. */
export interface QueryPlan {
  kind: "query";
  /** The SQLite statements to run; the last one produces the result. */
  setup: string[];
  /**
   * Data-modifying WITH queries: each runs after setup, its RETURNING rows kept in a temporary
   * table (columns c0, c1, ...) that sql reads, dropped when the statement ends.
   */
  captures?: { sql: string; paramOrder: number[]; table: string; columns: number }[];
  /** A temporary table created with ON COMMIT DROP or DELETE ROWS: what happens to it at commit. */
  onCommit?: TemporaryOnCommit;
  sql: string;
  /** For each `?` in sql, the 0-based PostgreSQL parameter it binds. */
  paramOrder: number[];
  /** Result columns; empty when the statement returns no rows. */
  columns: ResultColumn[];
  returnsRows: boolean;
  /** Whether the statement may write: it then needs the tenant's write slot. */
  writes: boolean;
  /** Whether it changes the schema, so cached translations must be dropped. */
  changesSchema: boolean;
  /** Whether it calls nextval or setval: sequences are read afresh once it holds the write lock. */
  usesSequences: boolean;
  tag: TagSpec;
  /** A NOTICE to send before the result (e.g. "relation ... already exists, skipping"). */
  notice?: string;
  /** The statement cannot run inside a transaction block (25001), e.g. "VACUUM". */
  needsNoTransaction?: string;
  /** The command that can only run in a transaction block (LOCK TABLE). */
  needsTransaction?: string;
  /** NOWAIT: fail at once when the write lock is held by another session. */
  lockNowait?: boolean;
  /**
   * A SELECT of constants (no FROM, nothing volatile): PostgreSQL evaluates it while planning, so
   * its errors come at Bind, before any RowDescription; it is run early here for the same effect.
   */
  constant: boolean;
}

/** Transaction control, executed by the session's transaction logic rather than as plain SQL. */
export type TransactionOp =
  | { op: "begin"; readOnly?: boolean }
  | { op: "commit" }
  | { op: "rollback" }
  | { op: "savepoint"; name: string }
  | { op: "release"; name: string }
  | { op: "rollback-to"; name: string };

export type UtilityPlan =
  | { kind: "transaction"; txn: TransactionOp; tag: string; settings: SessionSettingChange[] }
  | { kind: "set"; changes: SessionSettingChange[]; tag: string }
  | { kind: "show"; name: string; column: string }
  | { kind: "create-database"; name: string; ifNotExists: boolean }
  | { kind: "drop-database"; name: string; ifExists: boolean }
  | { kind: "discard"; tag: string }
  /** A statement that is accepted and has no effect on results (VACUUM, CHECKPOINT). */
  | { kind: "noop"; tag: string; notice?: string; needsNoTransaction?: string }
  /** PREPARE name (types) AS statement: the statement's node and the query string it is in. */
  | { kind: "prepare"; name: string; statement: Node; location: number; paramTypes: number[] }
  /** EXECUTE name (values): values computes the parameters, converted to the statement's types when run. */
  | { kind: "execute"; name: string; values: QueryPlan | undefined }
  | { kind: "deallocate"; name: string | undefined }
  | { kind: "listen"; channel: string }
  | { kind: "unlisten"; channel: string | undefined }
  | { kind: "notify"; channel: string; payload: string }
  | { kind: "empty" };

/** COPY FROM STDIN (each row runs plan, an INSERT with one parameter per column) or TO STDOUT. */
export interface CopyPlan {
  kind: "copy";
  direction: "in" | "out";
  options: CopyOptions;
  /** For FROM: the target columns; for TO: the output columns. */
  columns: ResultColumn[];
  plan: QueryPlan;
}

export type Plan = QueryPlan | UtilityPlan | CopyPlan;

/** A translated statement with what Describe reports. */
export interface PreparedPlan {
  plan: Plan;
  /** Parameter types, as ParameterDescription reports them. */
  paramTypes: number[];
  /** A simple query's integer literals are its parameters (TranslationCache.getShaped). */
  literalParams?: boolean;
}

export interface TemporaryOnCommit {
  table: string;
  action: "drop" | "delete";
}
