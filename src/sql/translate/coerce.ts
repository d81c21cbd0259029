import { isRegType, REG, regOidFromName } from "../../catalog/regtypes.js";
import { PgError } from "../../errors/pg-error.js";
import { codecFor, coerceToTypmod } from "../../types/codecs.js";
import { arrayTypeOf, elementTypeOf, formatType, Oid, typeByOid } from "../../types/registry.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { vectorArray, vectorToArraySql } from "../../types/vectors.js";
import {
  BIT,
  BOOL,
  FLOAT_TYPES,
  FLOAT4,
  FLOAT8,
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
  TIMESTAMPTZ,
  t,
  UNKNOWN,
  VARBIT,
} from "../oids.js";
import type { SqlType } from "../plan.js";
import { sqliteLiteral } from "../sqlite-text.js";
import { coerceComposite } from "./composites.js";
import type { Ctx, Expr } from "./context.js";
import { enumInputSql, enumLiteral } from "./enums.js";

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
  if (isRegType(target.oid)) return regLiteral(ctx, text, target.oid, position);
  const elem = elementTypeOf(target.oid);
  if (elem !== undefined && isRegType(elem)) return regArrayLiteral(ctx, text, elem, position);
  const en = ctx.schema.enumByOid(target.oid);
  if (en) return enumLiteral(en, text, position);
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

const NUMBER_NAMES = new Map([
  [INT2, "int2"],
  [INT4, "int4"],
  [INT8, "int8"],
  [OID, "int8"],
  [FLOAT4, "float4"],
  [FLOAT8, "float8"],
]);

const INT_RANK = new Map([
  [INT2, 1],
  [INT4, 2],
  [INT8, 3],
  [OID, 3],
]);

/** Whether PostgreSQL converts from to to implicitly (in operators and function arguments). */
export function canCoerceImplicitly(from: number, to: number): boolean {
  if (from === to || from === UNKNOWN) return true;
  if (vectorArray(from) === to) return true;
  if (BIT_TYPES.has(from) && BIT_TYPES.has(to)) return true;
  // oid and the reg* types convert to each other; integers convert to them.
  if ((isRegType(from) || from === OID) && (isRegType(to) || to === OID)) return true;
  if (INTEGER_TYPES.has(from) && isRegType(to)) return true;
  // text converts to regclass implicitly: setval(pg_get_serial_sequence('t', 'id'), 10).
  if (STRING_TYPES.has(from) && to === REG.regclass) return true;
  if (INTEGER_TYPES.has(from) && INTEGER_TYPES.has(to)) return INT_RANK.get(from)! <= INT_RANK.get(to)!;
  if (INTEGER_TYPES.has(from) && (to === NUMERIC || FLOAT_TYPES.has(to))) return true;
  if (from === NUMERIC && FLOAT_TYPES.has(to)) return true;
  if (FLOAT_TYPES.has(from) && FLOAT_TYPES.has(to)) return from === FLOAT4;
  if (STRING_TYPES.has(from) && STRING_TYPES.has(to)) return true;
  // cidr is binary-coercible to inet.
  if (from === Oid.cidr && to === Oid.inet) return true;
  // Among date/time types PostgreSQL widens date to timestamp to timestamptz, and time to timetz.
  if (categoryOf(from) !== "D" || categoryOf(to) !== "D") return false;
  const a = typeByOid(from)?.name;
  const b = typeByOid(to)?.name;
  if (a === "time") return b === "timetz";
  return rankDateTime(from) > 0 && rankDateTime(from) <= rankDateTime(to);
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
  const composite = e.param === undefined ? coerceComposite(ctx, e, target, how, position) : undefined;
  if (composite) return composite;
  // A numeric or float constant converts to an integer type by rounding, not through its text.
  const roundsToInteger =
    (e.type.oid === NUMERIC || FLOAT_TYPES.has(e.type.oid)) && INTEGER_TYPES.has(target.oid);
  if (e.literal !== undefined && !roundsToInteger)
    return {
      sql: literalOf(ctx, e.literal, target, e.position ?? position, how === "explicit"),
      type: target,
    };
  if (e.param !== undefined && isUnknown(e)) {
    const type = ctx.params.infer(e.param, target);
    const en = ctx.schema.enumByOid(type.oid);
    return en ? { ...e, sql: enumInputSql(en, e.sql), type } : { ...e, type };
  }
  const from = e.type.oid;
  if (from === target.oid) return applyTypmod(e, target, how);
  const toEnum = ctx.schema.enumByOid(target.oid);
  if (toEnum || ctx.schema.enumByOid(from)) return coerceEnum(ctx, e, target, how, position);
  if (how === "explicit" && (BIT_TYPES.has(from) || BIT_TYPES.has(target.oid))) {
    if (!bitCastExists(from, target.oid)) throw cannotCast(from, target.oid, position);
    // bitfromint4/bitfromint8 take the typmod: 10::bit(8) is the low 8 bits, 00001010.
    if (INTEGER_TYPES.has(from)) return { sql: `pg_bit_from_int(${e.sql}, ${target.typmod})`, type: target };
  }
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
  // character(n)'s padding goes when it is cast or assigned to another string type (rtrim1);
  // operators and functions that take it implicitly as text (LIKE, octet_length) keep it.
  const sql =
    from === Oid.bpchar && STRING_TYPES.has(target.oid) && how !== "implicit"
      ? bpcharToTextSql(e.sql)
      : castSql(e.sql, from, target.oid);
  return applyTypmod({ sql, type: { oid: target.oid, typmod: -1 } }, target, how);
}

/** An enum's value is its label: text converts to it explicitly (checked), it to text on assignment. */
function coerceEnum(ctx: Ctx, e: Expr, target: SqlType, how: CoercionContext, position?: number): Expr {
  const from = e.type.oid;
  const toEnum = ctx.schema.enumByOid(target.oid);
  if (toEnum && STRING_TYPES.has(from) && how === "explicit")
    return { sql: enumInputSql(toEnum, e.sql), type: target };
  if (!toEnum && STRING_TYPES.has(target.oid) && how !== "implicit")
    return applyTypmod({ sql: e.sql, type: t(target.oid) }, target, how);
  const name = (oid: number) => ctx.schema.enumByOid(oid)?.name ?? formatType(oid, -1);
  if (how === "assignment") {
    throw new PgError(
      "DATATYPE_MISMATCH",
      `expression is of type ${name(from)}, but the target is of type ${name(target.oid)}`,
      { position, hint: "You will need to rewrite or cast the expression." },
    );
  }
  throw new PgError("CANNOT_COERCE", `cannot cast type ${name(from)} to ${name(target.oid)}`, { position });
}

export function cannotCast(from: number, to: number, position?: number): PgError {
  return new PgError("CANNOT_COERCE", `cannot cast type ${formatType(from, -1)} to ${formatType(to, -1)}`, {
    position,
  });
}

const BIT_TYPES = new Set([BIT, VARBIT]);

/** pg_cast's casts from and to bit strings: integers to and from bit, and I/O casts with strings. */
function bitCastExists(from: number, to: number): boolean {
  if (BIT_TYPES.has(from) && BIT_TYPES.has(to)) return true;
  const other = BIT_TYPES.has(from) ? to : from;
  if (STRING_TYPES.has(other)) return true;
  return (other === INT4 || other === INT8) && (from === BIT || to === BIT);
}

/** character(n) as text: without its trailing spaces. */
export function bpcharToTextSql(sql: string): string {
  return `rtrim(${sql}, ' ')`;
}

/** SQLite SQL converting a value of type from into the stored form of type to. */
export function castSql(sql: string, from: number, to: number): string {
  if (from === to) return sql;
  if (BIT_TYPES.has(from) && BIT_TYPES.has(to)) return sql;
  if (from === BIT && INTEGER_TYPES.has(to)) return `pg_bit_to_int(${sql}, ${to === INT4 ? 32 : 64})`;
  if (vectorArray(from) === to) return vectorToArraySql(sql);
  if (INTEGER_TYPES.has(from) && INTEGER_TYPES.has(to)) {
    if (INT_RANK.get(from)! <= INT_RANK.get(to)! || from === OID || to === OID) return sql;
    // Narrowing checks the range: adding zero in the narrower type raises its out-of-range error.
    return `pg_${to === INT2 ? "int2" : "int4"}_add(${sql}, 0)`;
  }
  if (STRING_TYPES.has(from) && STRING_TYPES.has(to)) return sql;
  if (INTEGER_TYPES.has(from) && to === NUMERIC) return sql;
  if (from === BOOL && to === INT4) return sql;
  // int4's cast to boolean (int4_bool): zero is false, anything else true.
  if (from === INT4 && to === BOOL) return `(${sql} <> 0)`;
  // boolean's text is 'true'/'false' (its output function prints t/f).
  if (from === BOOL && STRING_TYPES.has(to))
    return `(CASE ${sql} WHEN 1 THEN 'true' WHEN 0 THEN 'false' END)`;
  // Object identifier types are OIDs: between them and integers nothing changes.
  if ((isRegType(from) || from === OID) && (isRegType(to) || INTEGER_TYPES.has(to))) return sql;
  if (INTEGER_TYPES.has(from) && isRegType(to)) return sql;
  if (isRegType(to)) return `pg_to_reg(${sql}, ${to})`;
  if (isRegType(from) && STRING_TYPES.has(to)) return `pg_reg_name(${sql}, ${from})`;
  if (from === NUMERIC && (INTEGER_TYPES.has(to) || FLOAT_TYPES.has(to)))
    return `pg_numeric_to_${NUMBER_NAMES.get(to)}(${sql})`;
  if (FLOAT_TYPES.has(from) && to === NUMERIC) return `pg_numeric_from_${NUMBER_NAMES.get(from)}(${sql})`;
  // SQLite reads both as REAL; FLOAT reads back as double precision in pg_get_constraintdef.
  if (INTEGER_TYPES.has(from) && FLOAT_TYPES.has(to))
    return `CAST(${sql} AS ${to === FLOAT4 ? "REAL" : "FLOAT"})`;
  if (from === FLOAT4 && to === FLOAT8) return `pg_float4_to_float8(${sql})`;
  if (FLOAT_TYPES.has(from) && INTEGER_TYPES.has(to) && to !== OID)
    return `pg_float_to_integer(${sql}, ${to})`;
  // inet and cidr share their storage; text(inet) always shows the mask length.
  if (from === Oid.cidr && to === Oid.inet) return sql;
  if (from === Oid.inet && to === Oid.cidr) return `pg_net_cidr_inet(${sql})`;
  if ((from === Oid.inet || from === Oid.cidr) && STRING_TYPES.has(to)) return `pg_net_text_inet(${sql})`;
  return `pg_cast(${sql}, ${from}, ${to}, -1)`;
}

/** A name read as a regclass/regtype/... constant: the object's OID, or PostgreSQL's error. */
function regLiteral(ctx: Ctx, text: string, type: number, position?: number): string {
  const oid = regOidFromName(type, text, ctx.schema, "");
  if (oid !== undefined) return String(oid);
  if (type === REG.regclass)
    throw new PgError("UNDEFINED_TABLE", `relation "${text}" does not exist`, { position });
  if (type === REG.regnamespace)
    throw new PgError("UNDEFINED_SCHEMA", `schema "${text}" does not exist`, { position });
  if (type === REG.regrole)
    throw new PgError("UNDEFINED_OBJECT", `role "${text}" does not exist`, { position });
  throw new PgError("UNDEFINED_OBJECT", `type "${text}" does not exist`, { position });
}

/** An array of regclass/regtype/... ('{int4,text}'::regtype[]): each name read as its OID. */
function regArrayLiteral(ctx: Ctx, text: string, elem: number, position?: number): string {
  let names: unknown;
  try {
    names = JSON.parse(String(codecFor(arrayTypeOf(TEXT)!).fromText(text, -1, ctx.format)));
  } catch (e) {
    if (e instanceof PgError) throw e.withPosition(position);
    throw e;
  }
  const oids = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(oids) : x === null ? null : Number(regLiteral(ctx, String(x), elem, position));
  return sqliteLiteral(JSON.stringify(oids(names)));
}

/** Applies a typmod (varchar(n), numeric(p,s), ...) on assignment and explicit casts. */
function applyTypmod(e: Expr, target: SqlType, how: CoercionContext): Expr {
  if (target.typmod < 0 || how === "implicit" || e.type.typmod === target.typmod) {
    return how === "implicit" ? e : { ...e, type: target };
  }
  // numeric's typmod rounds the same way in every context, and is immutable (generated columns).
  if (target.oid === NUMERIC) return { sql: `pg_numeric_typmod(${e.sql}, ${target.typmod})`, type: target };
  return {
    sql: `pg_typmod(${e.sql}, ${target.oid}, ${target.typmod}, ${how === "explicit" ? 1 : 0})`,
    type: target,
  };
}

/** The preferred type of each type category (typispreferred). */
const PREFERRED_TYPES = new Set([TEXT, FLOAT8, BOOL, OID, TIMESTAMPTZ, INTERVAL]);

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
    // PostgreSQL's select_common_type: a later type wins only over a non-preferred one that
    // converts to it implicitly and not back (varchar and text convert both ways: the first stays).
    const forward = canCoerceImplicitly(best.oid, candidate.oid);
    const back = canCoerceImplicitly(candidate.oid, best.oid);
    if (forward && !back && !PREFERRED_TYPES.has(best.oid)) best = t(candidate.oid);
    else if (!forward && !back) {
      throw new PgError(
        "DATATYPE_MISMATCH",
        `${construct} types ${formatType(best.oid, -1)} and ${formatType(candidate.oid, -1)} cannot be matched`,
        { position },
      );
    }
  }
  // The typmod survives only when every input has it (PostgreSQL's select_common_typmod).
  const typmod = types.every((x) => x.oid === best.oid && x.typmod === known[0]!.typmod)
    ? known[0]!.typmod
    : -1;
  return { oid: best.oid, typmod };
}

/** Resolves a still-unknown expression to text, as PostgreSQL does for output columns. */
export function resolveUnknown(ctx: Ctx, e: Expr): Expr {
  return isUnknown(e) ? coerce(ctx, e, t(TEXT), "implicit") : e;
}
