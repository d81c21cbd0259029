import type { FormatContext } from "../../types/format-context.js";
import type { Node } from "../ast.js";
import { locationOf } from "../ast.js";
import { ParamTypes } from "../params.js";
import { byteToCharPosition, parseSql } from "../parse.js";
import type { SqlType, TemporaryOnCommit } from "../plan.js";
import type { SchemaView } from "../schema.js";

/** A translated expression: SQLite SQL and the PostgreSQL type of its value. */
export interface Expr {
  sql: string;
  type: SqlType;
  /** For an untyped string literal: its text (type is `unknown` until context decides). */
  literal?: string;
  /** For a literal: where it is, since errors reading it point at it. */
  position?: number;
  /** For NULL without a type. */
  isNull?: boolean;
  /** For a bare `$n`: its 0-based index. */
  param?: number;
  /** The column it reads, for RowDescription, when it is a plain column reference. */
  source?: { tableOid: number; attnum: number; name: string };
}

/** A WITH query as the queries that read it see it: its output columns. */
export interface CteInfo {
  columns: { name: string; alias: string; type: SqlType }[];
  /** Where a data-modifying WITH query's rows are kept (it is read from there, not from WITH). */
  table?: string;
}

/** A statement run first, its RETURNING rows kept in a temporary table the statement reads. */
export interface Capture {
  sql: string;
  table: string;
  columns: number;
}

/** State shared by the translation of one statement. */
export class Ctx {
  readonly params: ParamTypes;
  /** The statement may write (DML, DDL, nextval, SELECT FOR UPDATE). */
  writes = false;
  changesSchema = false;
  /** nextval or setval is called (directly or by a column default). */
  usesSequences = false;
  /** A volatile function or a subquery appears: the statement is not a constant. */
  notConstant = false;
  /** Data-modifying WITH queries, run before the statement with their RETURNING rows kept. */
  readonly captures: Capture[] = [];
  /** Set by CREATE TEMP TABLE ... ON COMMIT DROP / DELETE ROWS. */
  onCommit: TemporaryOnCommit | undefined;
  /** The common table expressions visible where translation is (WITH of enclosing queries). */
  visibleCtes: ReadonlyMap<string, CteInfo> = new Map();
  /**
   * Integer constants of the query to translate as parameters (their A_Const objects, each with
   * the index of the value it binds): see TranslationCache.getShaped. Those translated are noted.
   */
  literals: ReadonlyMap<object, number> | undefined;
  readonly literalsUsed = new Set<number>();

  constructor(
    readonly schema: SchemaView,
    /** The whole query string, for error positions. */
    readonly query: string,
    declaredParams: readonly number[],
    /** Settings that reading constants depends on (TimeZone, DateStyle). */
    readonly format: FormatContext,
  ) {
    this.params = new ParamTypes(declaredParams);
  }

  /** The 1-based character position of a node, for error reports. */
  pos(node: Node | number | undefined): number | undefined {
    const loc = typeof node === "number" ? node : locationOf(node);
    return loc === undefined ? undefined : byteToCharPosition(this.query, loc) + 1;
  }

  /** Parses stored expression text (a column default) into an expression node. */
  parseExpression(text: string): Node {
    const stmt = parseSql(`SELECT ${text}`)[0]?.node as {
      SelectStmt?: { targetList?: { ResTarget: { val: Node } }[] };
    };
    const val = stmt.SelectStmt?.targetList?.[0]?.ResTarget.val;
    if (!val) throw new Error(`stored expression is not an expression: ${text}`);
    return val;
  }

  /**
   * A marker for parameter index. Fragments may be composed in any order or repeated, so markers
   * become `?` placeholders only in the final SQL (see bindOrder). Query text cannot contain NUL.
   */
  placeholder(index: number): string {
    return `\0${index}\0`;
  }
}

const MARKER = /\0(\d+)\0/g;

/** Replaces parameter markers with `?` and returns, for each `?`, the parameter it binds. */
export function bindOrder(sql: string): { sql: string; paramOrder: number[] } {
  const paramOrder: number[] = [];
  const out = sql.replace(MARKER, (_, n: string) => {
    paramOrder.push(Number(n));
    return "?";
  });
  return { sql: out, paramOrder };
}
