import type Database from "better-sqlite3";
import type { FormatCode } from "../protocol/messages.js";
import type { LiteralShape } from "../sql/literal-shape.js";
import type { ParsedStatement } from "../sql/parse.js";
import type { PreparedPlan } from "../sql/plan.js";
import type { SqliteValue } from "../types/sqlite-value.js";
import type { Connection } from "./connection.js";

/** A statement prepared by Parse (or by a simple Query), before parameters are bound. */
export interface PreparedStatement {
  name: string;
  sql: string;
  /** The statement, or undefined for an empty query string. */
  parsed: ParsedStatement | undefined;
  declaredTypes: number[];
  prepared: PreparedPlan | undefined;
  /** A simple query's integer literals, which its translation may take as parameters. */
  shape?: LiteralShape;
}

/** A statement with bound parameters (Bind), possibly part-way through its rows. */
export interface Portal {
  name: string;
  statement: PreparedStatement;
  prepared: PreparedPlan;
  params: SqliteValue[];
  resultFormats: FormatCode[];
  /** Rows not yet sent, while the portal is suspended (Execute with a row limit). */
  rows?: Iterator<unknown[]>;
  /**
   * The connection rows come from, and whether it was borrowed for this portal alone; the
   * statement and its arguments, to run it again while it has sent no row.
   */
  source?: { conn: Connection; borrowed: boolean; stmt: Database.Statement; args: unknown[] };
  rowsSent: number;
  done: boolean;
}

/**
 * Reads the rest of an open row iterator into memory, so its connection is free to run another
 * statement: SQLite runs one statement at a time per connection.
 */
export function materialize(portal: Portal): void {
  if (!portal.rows || !portal.source) return;
  const rest: unknown[][] = [];
  for (let r = portal.rows.next(); !r.done; r = portal.rows.next()) rest.push(r.value);
  portal.rows = rest[Symbol.iterator]();
}

export function closePortal(portal: Portal): void {
  portal.rows?.return?.();
  portal.rows = undefined;
  portal.done = true;
}
