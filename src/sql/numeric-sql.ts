// numeric values are stored as exact decimal TEXT and compared through the pg_numeric collation
// (native/numeric.c), which orders them by value: '1.0' = '1.00', NaN above every number.

const PLAIN_COLUMN = /^"(?:[^"]|"")*"(?:\."(?:[^"]|"")*")?$/;

/**
 * SQL comparing as numeric: a side in the pg_numeric collation. SQLite applies a collation only
 * when both sides are TEXT, so anything but a plain column reference (which keeps a numeric
 * column's TEXT affinity and lets an index on it serve the comparison) is made TEXT.
 */
export function numericOperand(sql: string): string {
  return PLAIN_COLUMN.test(sql) ? sql : `CAST(${sql} AS TEXT)`;
}

/** `x COLLATE pg_numeric`, for ORDER BY, min/max and comparisons of numeric values. */
export function numericSortKey(sql: string): string {
  return `${numericOperand(sql)} COLLATE pg_numeric`;
}
