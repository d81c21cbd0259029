import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { connectionArgs } from "../../test/support/libpq-args.js";

/** One client: runs against the database `database` on 127.0.0.1:`port`, as user postgres. */
export type ClientRun = (port: number, database: string) => Promise<void>;

const JAR = "/usr/share/java/postgresql.jar";
const program = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));
/** Runs a program to completion without blocking the event loop (the proxy runs in this process). */
const run = (cmd: string, args: string[]) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}`))));
  });

/** psql's meta-commands for listing and describing objects. */
const PSQL_COMMANDS = [
  "\\dt",
  "\\d authors",
  "\\d books",
  "\\d+ authors",
  "\\d cheap_books",
  "\\di",
  "\\dv",
  "\\ds",
  "\\dn",
  "\\du",
  "\\df",
  "\\dT",
  "\\dx",
  "\\l",
];

export const CLIENTS: Record<string, ClientRun> = {
  psql: async (port, database) => {
    const args = ["-X", "-q", ...connectionArgs(port, database)];
    await run("psql", [...args, ...PSQL_COMMANDS.flatMap((c) => ["-c", c])]);
  },
  // pgcli needs a terminal: script(1) gives it one; it refreshes its completions at startup.
  pgcli: async (port, database) => {
    const rc = join(mkdtempSync(join(tmpdir(), "capture-pgcli-")), "config");
    const cmd = `pgcli --pgclirc ${rc} --less-chatty -h 127.0.0.1 -p ${port} -U postgres -d ${database}`;
    await run("sh", ["-c", `(sleep 8; printf '\\q\\n') | script -qfc '${cmd}' /dev/null`]);
  },
  pgbench: async (port, database) => {
    await run("pgbench", [...connectionArgs(port), "-n", "-S", "-t", "1", database]);
  },
  jdbc: async (port, database) => {
    const classes = mkdtempSync(join(tmpdir(), "capture-jdbc-"));
    await run("javac", ["-cp", JAR, "-d", classes, program("JdbcIntrospect.java")]);
    await run("java", ["-cp", `${JAR}:${classes}`, "JdbcIntrospect", String(port), database]);
  },
  asyncpg: async (port, database) => {
    await run("/usr/bin/python3", [program("asyncpg_introspect.py"), String(port), database]);
  },
  sqlalchemy: async (port, database) => {
    await run("/usr/bin/python3", [program("sqlalchemy_inspect.py"), String(port), database]);
  },
  "postgres-js": async (port, database) => {
    const { default: postgres } = await import("postgres");
    const sql = postgres({ host: "127.0.0.1", port, database, username: "postgres", max: 1 });
    await sql`SELECT id, mood FROM authors`;
    await sql.end();
  },
  typeorm: async (port, database) => {
    await import("reflect-metadata");
    const { DataSource, EntitySchema } = await import("typeorm");
    const authors = new EntitySchema({
      name: "authors",
      columns: {
        id: { type: Number, primary: true, generated: true },
        email: { type: "varchar", length: 120, unique: true },
        name: { type: String, default: "anonymous" },
      },
    });
    const ds = new DataSource({
      type: "postgres",
      host: "127.0.0.1",
      port,
      database,
      username: "postgres",
      entities: [authors],
    });
    await ds.initialize();
    await ds.driver.createSchemaBuilder().log();
    const qr = ds.createQueryRunner();
    await qr.getTables(["authors", "books"]);
    await qr.getViews(["cheap_books"]);
    await qr.hasTable("authors");
    await qr.release();
    await ds.destroy();
  },
  "drizzle-kit": async (port, database) => {
    const { default: pg } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { pushSchema } = await import("drizzle-kit/api");
    const pool = new pg.Pool({ host: "127.0.0.1", port, database, user: "postgres", max: 1 });
    await pushSchema({}, drizzle(pool));
    await pool.end();
  },
  kysely: async (port, database) => {
    const { default: pg } = await import("pg");
    const { Kysely, PostgresDialect } = await import("kysely");
    const pool = new pg.Pool({ host: "127.0.0.1", port, database, user: "postgres", max: 1 });
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    await db.introspection.getSchemas();
    await db.introspection.getTables({ withInternalKyselyTables: false });
    await db.destroy();
  },
  knex: async (port, database) => {
    const { default: knex } = await import("knex");
    const k = knex({ client: "pg", connection: { host: "127.0.0.1", port, database, user: "postgres" } });
    await k.schema.hasTable("authors");
    await k.schema.hasColumn("authors", "email");
    await k("authors").columnInfo();
    await k.destroy();
  },
};
