/** libpq's connection options for a local server as user postgres, as psql, pgcli and pgbench take them. */
export function connectionArgs(port: number, database?: string): string[] {
  return ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", ...(database ? ["-d", database] : [])];
}
