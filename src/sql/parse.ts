import { loadModule, parseSync } from "libpg-query";
import { PgError } from "../errors/pg-error.js";
import type { Node } from "./ast.js";

/** One statement of a query string, with its place in that string. */
export interface ParsedStatement {
  /** The statement node, e.g. `{ SelectStmt: {...} }`. */
  node: Node;
  /** Offset of the statement in the query string (in characters). */
  location: number;
  /** Its text, as the client wrote it. */
  text: string;
}

let ready: Promise<void> | undefined;

/** The parser is WebAssembly and must be loaded once before the first parse. */
export function loadParser(): Promise<void> {
  ready ??= loadModule();
  return ready;
}

const CACHE_LIMIT = 2000;
const cache = new Map<string, ParsedStatement[]>();

/**
 * Parses a query string with PostgreSQL's own grammar. Results are cached by text; callers must
 * treat them as immutable.
 */
export function parseSql(sql: string): ParsedStatement[] {
  const hit = cache.get(sql);
  if (hit) return hit;
  const statements = parseUncached(sql);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(sql, statements);
  return statements;
}

function parseUncached(sql: string): ParsedStatement[] {
  // The parser refuses an empty string; PostgreSQL answers it with EmptyQueryResponse.
  if (sql.trim() === "") return [];
  let result: { stmts?: { stmt: Node; stmt_location?: number; stmt_len?: number }[] };
  try {
    result = parseSync(sql);
  } catch (e) {
    const details = (e as { sqlDetails?: { cursorPosition?: number; message?: string } }).sqlDetails;
    const message = details?.message ?? (e as Error).message;
    const cursor = details?.cursorPosition;
    // gram.y's checks of window frames are windowing errors (42P20), not syntax errors.
    const code = /^frame (start|starting|end) /.test(message) ? "WINDOWING_ERROR" : "SYNTAX_ERROR";
    throw new PgError(code, message, {
      position: cursor !== undefined && cursor >= 0 ? byteToCharPosition(sql, cursor) + 1 : undefined,
    });
  }
  const bytes = Buffer.from(sql, "utf8");
  return (result.stmts ?? []).map((s) => {
    // The parser reports byte offsets into the UTF-8 text; stmt_len 0 means "to the end".
    const start = s.stmt_location ?? 0;
    const end = s.stmt_len ? start + s.stmt_len : bytes.length;
    const location = byteToCharPosition(sql, start);
    return { node: s.stmt, location, text: bytes.toString("utf8", start, end) };
  });
}

/** Converts a byte offset in the UTF-8 encoding of s into a character offset. */
export function byteToCharPosition(s: string, byteOffset: number): number {
  // Fast path: ASCII text has equal byte and character offsets.
  if (Buffer.byteLength(s) === s.length) return byteOffset;
  return Buffer.from(s, "utf8").toString("utf8", 0, byteOffset).length;
}
