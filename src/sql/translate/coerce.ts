import { PgError } from "../../errors/pg-error.js";
import { codecFor, coerceToTypmod } from "../../types/codecs.js";
import { formatType, typeByOid } from "../../types/registry.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import {
  BOOL,
  FLOAT_TYPES,
  FLOAT4,
  INT2,
  INT4,
  INT8,
  INTEGER_TYPES,
  INTERVAL,
  isNumericType,
  NUMERIC,
  OID,
  STRING_TYPES,
  TEXT,
  t,
  UNKNOWN,
} from "../oids.js";
import type { SqlType } from "../plan.js";
import { sqliteLiteral } from "../sqlite-text.js";
import type { Ctx, Expr } from "./context.js";

/**
 * Casting and coercion between PostgreSQL types. Constant text is converted at translation time
 * with the target type's input function; everything else converts in SQLite, natively where the
 * stored forms agree and through `pg_cast` (the types' text I/O) where they do not.
 */

export type CoercionContext = "implicit" | "assignment" | "explicit";

export function isUnknown(e: Expr): boolean {
  return e.type.oid === UNKNOWN;
}

/** Literals whose value depends on when they are evaluated must not be folded into cached SQL. */
const VOLATILE_LITERALS = new Set(["now", "today", "tomorrow", "yesterday"]);

/**
 * The SQLite SQL for constant text read as a value of type target. An input error points at the
 * constant; a typmod error does not, as PostgreSQL applies typmods when the statement runs.
 */
export function literalOf(
  ctx: Ctx,
  text: string,
  target: SqlType,
  position?: number,
  explicit = false,
): string {
  if (VOLATILE_LITERALS.has(text.trim().toLowerCase())) {
    return `pg_typmod(pg_cast(${sqliteLiteral(text)}, ${TEXT}, ${target.oid}, -1), ${target.oid}, ${target.typmod}, ${explicit ? 1 : 0})`;
  }
  let stored: SqliteValue;
  // An interval's typmod (fields such as YEAR TO MONTH) changes how its input is read.
  const inputTypmod = target.oid === INTERVAL ? target.typmod : -1;
  try {
    stored = codecFor(target.oid).fromText(text, inputTypmod, ctx.format);
  } catch (e) {
    if (e instanceof PgError) throw e.withPosition(position);
    throw e;
  }
  if (target.typmod >= 0 && inputTypmod < 0)
    stored = coerceToTypmod(target.oid, stored, target.typmod, ctx.format, explicit);
  return sqliteLiteral(stored, FLOAT_TYPES.has(target.oid));
}

const INT_RANK = new Map([
  [INT2, 1],
  [INT4, 2],
  [INT8, 3],
  [OID, 3],
]);

/** Whether PostgreSQL converts from to to implicitly (in operators and function arguments). */
export function canCoerceImplicitly(from: number, to: number): boolean {
  if (from === to || from === UNKNOWN) return true;
  if (INTEGER_TYPES.has(from) && INTEGER_TYPES.has(to)) return INT_RANK.get(from)! <= INT_RANK.get(to)!;
  if (INTEGER_TYPES.has(from) && (to === NUMERIC || FLOAT_TYPES.has(to))) return true;
  if (from === NUMERIC && FLOAT_TYPES.has(to)) return true;
  if (FLOAT_TYPES.has(from) && FLOAT_TYPES.has(to)) return from === FLOAT4;
  if (STRING_TYPES.has(from) && STRING_TYPES.has(to)) return true;
  return categoryOf(from) === "D" && categoryOf(to) === "D" && rankDateTime(from) <= rankDateTime(to);
}

function categoryOf(oid: number): string {
  return typeByOid(oid)?.category ?? "U";
}

function rankDateTime(oid: number): number {
  const name = typeByOid(oid)?.name;
  return name === "date" ? 1 : name === "timestamp" ? 2 : name === "timestamptz" ? 3 : 0;
}

/** Whether an assignment (INSERT, UPDATE) from from to to is allowed. */
function canAssign(from: number, to: number): boolean {
  if (canCoerceImplicitly(from, to)) return true;
  if (isNumericType(from) && isNumericType(to)) return true;
  // "automatic I/O conversion casts ... to string types are treated as assignment casts"
  if (STRING_TYPES.has(to)) return true;
  // Date/time types convert to one another on assignment (timestamptz to timestamp, to date, ...).
  if (categoryOf(from) === "D" && categoryOf(to) === "D") return true;
  return false;
}

/** Converts e to type target, or throws PostgreSQL's error for the context. */
export function coerce(ctx: Ctx, e: Expr, target: SqlType, how: CoercionContext, position?: number): Expr {
  if (e.isNull) return { sql: "NULL", type: target };
  if (e.literal !== undefined)
    return { sql: literalOf(ctx, e.literal, target, position, how === "explicit"), type: target };
  if (e.param !== undefined && isUnknown(e)) {
    const type = ctx.params.infer(e.param, target);
    return { ...e, type };
  }
  const from = e.type.oid;
  if (from === target.oid) return applyTypmod(e, target, how);
  const allowed =
    how === "explicit"
      ? true
      : how === "assignment"
        ? canAssign(from, target.oid)
        : canCoerceImplicitly(from, target.oid);
  if (!allowed) {
    if (how === "assignment") {
      throw new PgError(
        "DATATYPE_MISMATCH",
        `expression is of type ${formatType(from, -1)}, but the target is of type ${formatType(target.oid, target.typmod)}`,
        { position, hint: "You will need to rewrite or cast the expression." },
      );
    }
    throw cannotCast(from, target.oid, position);
  }
  return applyTypmod(
    { sql: castSql(e.sql, from, target.oid), type: { oid: target.oid, typmod: -1 } },
    target,
    how,
  );
}

export function cannotCast(from: number, to: number, position?: number): PgError {
  return new PgError("CANNOT_COERCE", `cannot cast type ${formatType(from, -1)} to ${formatType(to, -1)}`, {
    position,
  });
}

/** SQLite SQL converting a value of type from into the stored form of type to. */
export function castSql(sql: string, from: number, to: number): string {
  if (from === to) return sql;
  if (INTEGER_TYPES.has(from) && INTEGER_TYPES.has(to) && INT_RANK.get(from)! <= INT_RANK.get(to)!)
    return sql;
  if (STRING_TYPES.has(from) && STRING_TYPES.has(to)) return sql;
  if (INTEGER_TYPES.has(from) && to === NUMERIC) return sql;
  if (from === BOOL && to === INT4) return sql;
  if ((INTEGER_TYPES.has(from) || from === NUMERIC) && FLOAT_TYPES.has(to)) return `CAST(${sql} AS REAL)`;
  return `pg_cast(${sql}, ${from}, ${to}, -1)`;
}

/** Applies a typmod (varchar(n), numeric(p,s), ...) on assignment and explicit casts. */
function applyTypmod(e: Expr, target: SqlType, how: CoercionContext): Expr {
  if (target.typmod < 0 || how === "implicit" || e.type.typmod === target.typmod) {
    return how === "implicit" ? e : { ...e, type: target };
  }
  return {
    sql: `pg_typmod(${e.sql}, ${target.oid}, ${target.typmod}, ${how === "explicit" ? 1 : 0})`,
    type: target,
  };
}

/** The common type of several expressions (CASE, COALESCE, UNION, VALUES), as PostgreSQL picks it. */
export function commonType(types: SqlType[], construct: string, position?: number): SqlType {
  const known = types.filter((x) => x.oid !== UNKNOWN);
  if (known.length === 0) return t(TEXT);
  let best = known[0]!;
  for (const candidate of known.slice(1)) {
    if (candidate.oid === best.oid) {
      if (candidate.typmod !== best.typmod) best = t(best.oid);
      continue;
    }
    if (canCoerceImplicitly(best.oid, candidate.oid)) best = t(candidate.oid);
    else if (!canCoerceImplicitly(candidate.oid, best.oid)) {
      throw new PgError(
        "DATATYPE_MISMATCH",
        `${construct} types ${formatType(best.oid, -1)} and ${formatType(candidate.oid, -1)} cannot be matched`,
        { position },
      );
    }
  }
  return best;
}

/** Resolves a still-unknown expression to text, as PostgreSQL does for output columns. */
export function resolveUnknown(ctx: Ctx, e: Expr): Expr {
  return isUnknown(e) ? coerce(ctx, e, t(TEXT), "implicit") : e;
}
