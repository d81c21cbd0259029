import { quoteIdentIfNeeded } from "../../catalog/sqlite-schema.js";
import { PgError, unsupported } from "../../errors/pg-error.js";
import { RAISE_ERROR } from "../../functions/lib/sequences.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { CREATE_DOMAINS, CREATE_TYPES, DOMAINS, TYPES } from "../metadata.js";
import { BOOL, t } from "../oids.js";
import type { SqlType } from "../plan.js";
import type { DomainInfo } from "../schema.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import { coerce } from "./coerce.js";
import type { Ctx } from "./context.js";
import type { DdlOutput } from "./create-table.js";
import { deparseExpression } from "./deparse.js";
import { translateExpr } from "./expr.js";
import { Scope } from "./scope.js";
import { typeFromTypeName } from "./type-names.js";

/**
 * Domains: a base type with NOT NULL, DEFAULT and CHECK constraints over VALUE. Values of a domain
 * are stored and sent as the base type's; a domain column carries the checks as SQLite column
 * constraints, and a cast to the domain checks the value where it is made.
 */

/** The domain a type name names, if it names one (built-in types come first). */
export function domainOfTypeName(ctx: Ctx, tn: NodeOf<"TypeName"> | undefined): DomainInfo | undefined {
  const names = stringList(tn?.names);
  if (names.length === 0 || names[0] === "pg_catalog" || names.length > 2) return undefined;
  return ctx.schema.domainType(names.at(-1)!);
}

export function translateCreateDomain(ctx: Ctx, stmt: NodeOf<"CreateDomainStmt">): DdlOutput {
  const names = stringList(stmt.domainname);
  if (names.length > 1 && names.at(-2) !== "public")
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${names.at(-2)}" does not exist`);
  const name = names.at(-1)!;
  ctx.writes = true;
  ctx.changesSchema = true;
  const s = ctx.schema;
  if (s.domainType(name) || s.enumType(name) || s.relation(name) || s.compositeType(name))
    throw new PgError("DUPLICATE_OBJECT", `type "${name}" already exists`);
  if (domainOfTypeName(ctx, stmt.typeName))
    throw unsupported("domains over domains", ctx.pos(stmt.typeName?.location));
  const base = typeFromTypeName(ctx, stmt.typeName!);
  if (stmt.collClause) {
    const coll = stringList(stmt.collClause.collname).at(-1);
    if (!["C", "POSIX", "default"].includes(coll ?? "")) throw unsupported(`COLLATE "${coll}"`);
  }
  let notNull = false;
  let defaultExpr: string | undefined;
  const checks: DomainInfo["checks"] = [];
  const used = new Set<string>();
  for (const node of stmt.constraints ?? []) {
    const c = asKind(node, "Constraint")!;
    switch (c.contype) {
      case "CONSTR_NOTNULL":
        notNull = true;
        break;
      case "CONSTR_NULL":
        break;
      case "CONSTR_DEFAULT":
        coerce(ctx, translateExpr(ctx, c.raw_expr!, new Scope()), base, "assignment");
        defaultExpr = deparseExpression(c.raw_expr!);
        break;
      case "CONSTR_CHECK": {
        checkSql(ctx, name, base, c.raw_expr!, "NULL");
        const conname = c.conname ?? checkName(name, used);
        used.add(conname);
        checks.push({ name: conname, expr: deparseExpression(c.raw_expr!) });
        break;
      }
      default:
        throw unsupported(
          `${String(c.contype).replace("CONSTR_", "")} constraints on domains`,
          ctx.pos(c.location),
        );
    }
  }
  const row = [
    quoteString(name),
    base.oid,
    base.typmod,
    notNull ? 1 : 0,
    defaultExpr === undefined ? "NULL" : quoteString(defaultExpr),
    quoteString(JSON.stringify(checks)),
  ];
  return {
    setup: [
      CREATE_TYPES,
      `INSERT INTO ${TYPES} VALUES (${quoteString(name)}, 'd')`,
      CREATE_DOMAINS,
      `INSERT INTO ${DOMAINS} VALUES (${row.join(", ")})`,
    ],
    sql: "",
  };
}

/** PostgreSQL's name for an unnamed domain CHECK: <domain>_check, then _check1, ... */
function checkName(domain: string, used: Set<string>): string {
  for (let i = 0; ; i++) {
    const n = `${domain}_check${i === 0 ? "" : i}`;
    if (!used.has(n)) return n;
  }
}

/** A domain CHECK expression as SQLite SQL, with VALUE standing for valueSql. */
function checkSql(ctx: Ctx, domain: string, base: SqlType, expr: Node, valueSql: string): string {
  const scope = new Scope();
  scope.add({
    alias: domain,
    columns: [{ name: "value", type: base, ref: valueSql, tableOid: 0, attnum: 0 }],
  });
  const e = translateExpr(ctx, expr, scope);
  if (e.type.oid !== BOOL) {
    return coerce(ctx, e, t(BOOL), "assignment").sql;
  }
  return e.sql;
}

function checks(ctx: Ctx, d: DomainInfo, valueSql: string): { name: string; sql: string }[] {
  return d.checks.map((c) => ({
    name: c.name,
    sql: checkSql(ctx, d.name, d.base, ctx.parseExpression(c.expr), valueSql),
  }));
}

/** The SQLite column constraints that make a column of domain d check its values. */
export function domainColumnConstraints(ctx: Ctx, d: DomainInfo, column: string): string[] {
  return checks(ctx, d, quoteIdent(column)).map((c) => `CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.sql})`);
}

/** A column of domain d's declared type: the domain's name, then its base type's declared type. */
export function domainDeclaredType(d: DomainInfo, baseDeclared: string): string {
  return `${quoteIdentIfNeeded(d.name)} ${baseDeclared}`;
}

/** valueSql made a value of domain d: NULL refused if NOT NULL, each CHECK tested. */
export function domainValueSql(ctx: Ctx, d: DomainInfo, valueSql: string): string {
  const failures: string[] = [];
  if (d.notNull) {
    failures.push(
      `WHEN ${valueSql} IS NULL THEN ${RAISE_ERROR}('23502', ${quoteString(`domain ${d.name} does not allow null values`)})`,
    );
  }
  for (const c of checks(ctx, d, valueSql)) {
    const message = `value for domain ${d.name} violates check constraint "${c.name}"`;
    failures.push(`WHEN (${c.sql}) IS FALSE THEN ${RAISE_ERROR}('23514', ${quoteString(message)})`);
  }
  return failures.length ? `(CASE ${failures.join(" ")} ELSE ${valueSql} END)` : valueSql;
}

/** DROP DOMAIN (or DROP TYPE of a domain): refused while columns use it; false if there is none. */
export function dropDomain(ctx: Ctx, names: string[], cascade: boolean, setup: string[]): boolean {
  const d = names.length <= 2 ? ctx.schema.domainType(names.at(-1)!) : undefined;
  if (!d) return false;
  const users = [...ctx.schema.relations()].flatMap((r) =>
    r.columns.filter((c) => c.domain === d.name).map((c) => `column ${c.name} of table ${r.name}`),
  );
  dropUserType(
    d.name,
    DOMAINS,
    users,
    cascade ? "DROP DOMAIN ... CASCADE of a domain that columns use" : undefined,
    setup,
  );
  return true;
}

/**
 * Drops a type of the tenant's metadata (a domain, a composite type) from TYPES and its own
 * table; while other objects use it, 2BP01 listing them as PostgreSQL does, or 0A000 naming
 * cascade when CASCADE was asked for.
 */
export function dropUserType(
  name: string,
  table: string,
  users: string[],
  cascade: string | undefined,
  setup: string[],
): void {
  if (users.length > 0) {
    if (cascade) throw unsupported(cascade);
    throw new PgError(
      "DEPENDENT_OBJECTS_STILL_EXIST",
      `cannot drop type ${name} because other objects depend on it`,
      {
        detail: users.map((u) => `${u} depends on type ${name}`).join("\n"),
        hint: "Use DROP ... CASCADE to drop the dependent objects too.",
      },
    );
  }
  setup.push(
    `DELETE FROM ${TYPES} WHERE name = ${quoteString(name)}`,
    `DELETE FROM ${table} WHERE name = ${quoteString(name)}`,
  );
}
