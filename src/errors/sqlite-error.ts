import { domainOfCheck } from "../sql/domain-checks.js";
import type { SchemaView } from "../sql/schema.js";
import { PgError } from "./pg-error.js";

/** What the statement that failed was doing, for wording like PostgreSQL's. */
export interface FailureContext {
  schema: SchemaView;
  /** The table an INSERT/UPDATE/DELETE writes, if any. */
  table?: string;
  verb?: "INSERT" | "UPDATE" | "DELETE";
  /** The unique index a CREATE UNIQUE INDEX was building. */
  creatingIndex?: string;
  /** The foreign key a failed write broke, when it could be found (see diagnoseForeignKey). */
  foreignKey?: ForeignKeyFailure;
}

export interface ForeignKeyFailure {
  constraint: string;
  /** The referencing table, and the table it refers to. */
  child: string;
  parent: string;
  /** Whether the statement wrote the referencing row (else it removed or changed the parent). */
  childWritten: boolean;
  /** The key as PostgreSQL's DETAIL shows it: the written table's columns and their text. */
  columns: string[];
  values: string[];
}

interface SqliteErrorLike {
  code: string;
  message: string;
}

export function isSqliteError(e: unknown): e is SqliteErrorLike {
  return e instanceof Error && e.name === "SqliteError" && typeof (e as { code?: unknown }).code === "string";
}

/**
 * Turns a SQLite error into PostgreSQL's SQLSTATE and wording, resolving SQLite's column lists
 * to the constraint names PostgreSQL reports. Errors with no PostgreSQL counterpart are not
 * guessed at: they become internal errors, which the caller logs.
 */
export function fromSqliteError(e: SqliteErrorLike, ctx: FailureContext): PgError | undefined {
  const m = e.message;
  const raised = RAISED.exec(m);
  if (raised) {
    return PgError.fromFields({ severity: "ERROR", code: raised[1]!, message: raised[2]! });
  }
  if (m.startsWith("ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint")) {
    return new PgError(
      "INVALID_COLUMN_REFERENCE",
      "there is no unique or exclusion constraint matching the ON CONFLICT specification",
    );
  }
  switch (e.code) {
    case "SQLITE_CONSTRAINT_UNIQUE":
    case "SQLITE_CONSTRAINT_PRIMARYKEY": {
      if (ctx.creatingIndex) {
        return new PgError("UNIQUE_VIOLATION", `could not create unique index "${ctx.creatingIndex}"`, {
          table: ctx.table,
          constraint: ctx.creatingIndex,
          schema: "public",
        });
      }
      const name = uniqueConstraintName(m, ctx.schema);
      const table = /failed: ([^.]+)\./.exec(m)?.[1];
      return new PgError("UNIQUE_VIOLATION", `duplicate key value violates unique constraint "${name}"`, {
        table,
        constraint: name,
        schema: "public",
      });
    }
    case "SQLITE_CONSTRAINT_NOTNULL": {
      const [, table, column] = /failed: (.+)\.([^.]+)$/.exec(m) ?? [];
      const domainName = ctx.schema.relation(table ?? "")?.column(column ?? "")?.domain;
      if (domainName && ctx.schema.domainType(domainName)?.notNull) {
        return new PgError("NOT_NULL_VIOLATION", `domain ${domainName} does not allow null values`, {
          schema: "public",
          dataType: domainName,
        });
      }
      return new PgError(
        "NOT_NULL_VIOLATION",
        `null value in column "${column}" of relation "${table}" violates not-null constraint`,
        {
          table,
          column,
          schema: "public",
        },
      );
    }
    case "SQLITE_CONSTRAINT_CHECK": {
      const name = /failed: (.+)$/.exec(m)?.[1] ?? "";
      const table = ctx.table ?? "";
      const columns = ctx.schema.relation(table)?.columns ?? [];
      const domain = domainOfCheck(ctx.schema.domainTypes(), columns, name);
      if (domain) {
        return new PgError(
          "CHECK_VIOLATION",
          `value for domain ${domain.name} violates check constraint "${name}"`,
          {
            schema: "public",
            dataType: domain.name,
            constraint: name,
          },
        );
      }
      return new PgError(
        "CHECK_VIOLATION",
        `new row for relation "${table}" violates check constraint "${name}"`,
        {
          table,
          constraint: name,
          schema: "public",
        },
      );
    }
    case "SQLITE_CONSTRAINT_FOREIGNKEY":
      return foreignKeyViolation(ctx);
    case "SQLITE_CONSTRAINT_TRIGGER":
      // ON DELETE/UPDATE RESTRICT fails through SQLite's internal trigger.
      if (m === "FOREIGN KEY constraint failed") return foreignKeyViolation(ctx);
      return new PgError("INTEGRITY_CONSTRAINT_VIOLATION", "integrity constraint violated");
    case "SQLITE_TOOBIG":
      return new PgError("PROGRAM_LIMIT_EXCEEDED", "value too large: string or blob exceeds the size limit");
    case "SQLITE_FULL":
      return new PgError("DISK_FULL", "could not extend file: No space left on device");
    case "SQLITE_READONLY":
      return new PgError(
        "READ_ONLY_SQL_TRANSACTION",
        "cannot execute this statement: the tenant is read-only",
      );
    case "SQLITE_CORRUPT":
    case "SQLITE_NOTADB":
      return new PgError("DATA_CORRUPTED", "the tenant's database file is damaged");
    case "SQLITE_IOERR":
      return new PgError("IO_ERROR", "could not read or write the tenant's database file");
    default:
      if (e.code.startsWith("SQLITE_IOERR"))
        return new PgError("IO_ERROR", "could not read or write the tenant's database file");
      if (e.code.startsWith("SQLITE_CONSTRAINT"))
        return new PgError("INTEGRITY_CONSTRAINT_VIOLATION", "integrity constraint violated");
      return undefined;
  }
}

/** An error a native SQL function raised in PostgreSQL's terms: "pg:<SQLSTATE>:<message>". */
const RAISED = /^pg:([0-9A-Z]{5}):(.*)$/s;

function uniqueConstraintName(message: string, schema: SchemaView): string {
  const byIndex = /failed: index '([^']+)'/.exec(message)?.[1];
  if (byIndex) return byIndex;
  const cols = (/failed: (.+)$/.exec(message)?.[1] ?? "").split(", ").map((c) => c.split("."));
  const table = cols[0]?.[0];
  const names = cols.map((c) => c[1]);
  const indexes = schema.indexesOf?.(table ?? "") ?? [];
  const match = indexes.find(
    (ix) => ix.unique && ix.columns.length === names.length && ix.columns.every((c, i) => c === names[i]),
  );
  return match?.constraint ?? match?.name ?? `${table}_${names.join("_")}_key`;
}

function foreignKeyViolation(ctx: FailureContext): PgError {
  const known = ctx.foreignKey;
  if (known) {
    const key = `Key (${known.columns.join(", ")})=(${known.values.join(", ")})`;
    return known.childWritten
      ? new PgError(
          "FOREIGN_KEY_VIOLATION",
          `insert or update on table "${known.child}" violates foreign key constraint "${known.constraint}"`,
          {
            detail: `${key} is not present in table "${known.parent}".`,
            table: known.child,
            constraint: known.constraint,
            schema: "public",
          },
        )
      : new PgError(
          "FOREIGN_KEY_VIOLATION",
          `update or delete on table "${known.parent}" violates foreign key constraint "${known.constraint}" on table "${known.child}"`,
          {
            detail: `${key} is still referenced from table "${known.child}".`,
            table: known.parent,
            constraint: known.constraint,
            schema: "public",
          },
        );
  }
  const table = ctx.table ?? "";
  const rel = ctx.schema.relation(table);
  if (ctx.verb === "DELETE" || (ctx.verb === "UPDATE" && !rel?.foreignKeys?.length)) {
    const referencing = [...ctx.schema.relations()].find((r) =>
      r.foreignKeys?.some((fk) => fk.table === table),
    );
    const fk = referencing?.foreignKeys?.find((f) => f.table === table);
    return new PgError(
      "FOREIGN_KEY_VIOLATION",
      `update or delete on table "${table}" violates foreign key constraint "${fk?.name ?? ""}" on table "${referencing?.name ?? ""}"`,
      { table, constraint: fk?.name, schema: "public" },
    );
  }
  const fk = rel?.foreignKeys?.[0];
  return new PgError(
    "FOREIGN_KEY_VIOLATION",
    `insert or update on table "${table}" violates foreign key constraint "${fk?.name ?? ""}"`,
    {
      table,
      constraint: fk?.name,
      schema: "public",
    },
  );
}
