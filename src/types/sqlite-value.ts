/** A value as better-sqlite3 reads it from or binds it to SQLite. */
export type SqliteValue = null | number | bigint | string | Uint8Array;

/** A non-NULL SQLite value: codecs never see NULL, which the wire protocol encodes as length -1. */
export type StoredValue = Exclude<SqliteValue, null>;
