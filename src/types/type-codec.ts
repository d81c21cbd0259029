import type { FormatContext } from "./format-context.js";
import type { StoredValue } from "./sqlite-value.js";

/**
 * How one PostgreSQL type travels between the wire and SQLite storage. Each codec owns the
 * storage representation of its type (see README's "Storage" section) and PostgreSQL's text
 * and binary formats. Input errors are PgErrors with PostgreSQL's SQLSTATE and wording.
 */
export interface TypeCodec {
  /** A stored value printed as PostgreSQL's output function prints it. */
  toText(value: StoredValue, typmod: number, ctx: FormatContext): string;
  /** PostgreSQL text input (a literal or a text-format parameter) to the value SQLite stores. */
  fromText(text: string, typmod: number, ctx: FormatContext): StoredValue;
  /** A stored value in PostgreSQL's binary send format; absent when the type has no binary support yet. */
  toBinary?(value: StoredValue, typmod: number, ctx: FormatContext): Uint8Array;
  /** PostgreSQL's binary receive format to the value SQLite stores. */
  fromBinary?(bytes: Uint8Array, typmod: number, ctx: FormatContext): StoredValue;
}
