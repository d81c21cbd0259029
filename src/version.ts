/** The PostgreSQL version whose behaviour Tenantgres reproduces, reported to clients. */
export const PG_VERSION = "15.0";
export const SERVER_VERSION = `${PG_VERSION} (tenantgres 0.1.0)`;
export const VERSION_STRING = `PostgreSQL ${PG_VERSION} (tenantgres 0.1.0) on x86_64-pc-linux-gnu, compiled by tenantgres, 64-bit`;
