import type { SqliteValue } from "../types/sqlite-value.js";
import { currentSession } from "./runtime.js";

/**
 * xmax in RETURNING of INSERT ... ON CONFLICT DO UPDATE: PostgreSQL gives 0 for an inserted row
 * and the transaction's number for an updated one, which applications read to tell the two apart
 * (`RETURNING (xmax = 0) AS inserted`). The DO UPDATE assignment marks the row it updates
 * (pg_upsert_mark), and RETURNING asks whether its row was marked by this statement.
 */
let marks: { pid: number; statement: bigint; rows: Set<string> } | undefined;

function statementMarks(): Set<string> {
  const s = currentSession();
  const statement = s.statementStartMicros();
  if (!marks || marks.pid !== s.pid || marks.statement !== statement)
    marks = { pid: s.pid, statement, rows: new Set() };
  return marks.rows;
}

/** pg_upsert_mark(rowid, value): records the row, returns the value assigned. */
export function upsertMark(rowid: SqliteValue, value: SqliteValue): SqliteValue {
  statementMarks().add(String(rowid));
  return value;
}

/** pg_upsert_xmax(rowid): the transaction's number if this statement updated the row, else 0. */
export function upsertXmax(rowid: SqliteValue): SqliteValue {
  return statementMarks().has(String(rowid)) ? currentSession().transactionId() : 0;
}

/**
 * pg_next_rowid(table, base): base + 1, + 2, ... for the rows one statement updates. An UPDATE
 * moves each row it changes to the end of its table, where PostgreSQL writes the row's new
 * version, so that reading without ORDER BY sees rows in the order PostgreSQL's heap has them.
 */
let moved: { pid: number; statement: bigint; table: string; next: bigint } | undefined;

export function nextRowid(table: SqliteValue, base: SqliteValue): SqliteValue {
  const s = currentSession();
  const statement = s.statementStartMicros();
  const name = String(table);
  if (!moved || moved.pid !== s.pid || moved.statement !== statement || moved.table !== name)
    moved = {
      pid: s.pid,
      statement,
      table: name,
      next: typeof base === "bigint" ? base : BigInt(Number(base ?? 0)),
    };
  moved.next += 1n;
  return moved.next;
}
