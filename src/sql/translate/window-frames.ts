import { PgError, unsupported } from "../../errors/pg-error.js";
import { intervalMicros } from "../../functions/lib/window-support.js";
import { sessionZone } from "../../types/codecs/timezone.js";
import { formatType } from "../../types/registry.js";
import type { Node } from "../ast.js";
import { asKind } from "../ast.js";
import {
  BPCHAR,
  DATE,
  FLOAT_TYPES,
  FLOAT4,
  FLOAT8,
  INT2,
  INT4,
  INT8,
  INTEGER_TYPES,
  INTERVAL,
  NUMERIC,
  TIME,
  TIMESTAMP,
  TIMESTAMPTZ,
  TIMETZ,
  t,
  UNKNOWN,
  VARCHAR,
} from "../oids.js";
import { canCoerceImplicitly, coerce } from "./coerce.js";
import type { Ctx, Expr } from "./context.js";
import { translateExpr } from "./expr.js";
import type { SortItem } from "./order-by.js";
import type { Scope } from "./scope.js";

/** Frame option bits of PostgreSQL's WindowDef (nodes/parsenodes.h, FRAMEOPTION_*). */
export const F = {
  NONDEFAULT: 0x1,
  RANGE: 0x2,
  ROWS: 0x4,
  GROUPS: 0x8,
  BETWEEN: 0x10,
  START_UNBOUNDED_PRECEDING: 0x20,
  END_UNBOUNDED_PRECEDING: 0x40,
  START_UNBOUNDED_FOLLOWING: 0x80,
  END_UNBOUNDED_FOLLOWING: 0x100,
  START_CURRENT_ROW: 0x200,
  END_CURRENT_ROW: 0x400,
  START_OFFSET_PRECEDING: 0x800,
  END_OFFSET_PRECEDING: 0x1000,
  START_OFFSET_FOLLOWING: 0x2000,
  END_OFFSET_FOLLOWING: 0x4000,
  EXCLUDE_CURRENT_ROW: 0x8000,
  EXCLUDE_GROUP: 0x10000,
  EXCLUDE_TIES: 0x20000,
};

/** FRAMEOPTION_DEFAULTS: RANGE UNBOUNDED PRECEDING AND CURRENT ROW, not written out. */
export const FRAME_DEFAULTS = F.RANGE | F.START_UNBOUNDED_PRECEDING | F.END_CURRENT_ROW;

const OFFSETS =
  F.START_OFFSET_PRECEDING | F.START_OFFSET_FOLLOWING | F.END_OFFSET_PRECEDING | F.END_OFFSET_FOLLOWING;

/** A window definition with the named window it copies already merged in. */
export interface WindowSpec {
  partition: Node[];
  order: Node[];
  frameOptions: number;
  startOffset?: Node;
  endOffset?: Node;
  /** Where the definition is, for PostgreSQL's errors about it. */
  position?: number;
}

/**
 * The in_range support PostgreSQL has for RANGE offsets: the offset types each ordering type
 * takes (pg_amproc's BTINRANGE_PROC entries, in catalog order).
 */
const IN_RANGE: Map<number, number[]> = new Map([
  [INT2, [INT8, INT2, INT4]],
  [INT4, [INT8, INT2, INT4]],
  [INT8, [INT8]],
  [FLOAT4, [FLOAT8]],
  [FLOAT8, [FLOAT8]],
  [NUMERIC, [NUMERIC]],
  [DATE, [INTERVAL]],
  [TIMESTAMP, [INTERVAL]],
  [TIMESTAMPTZ, [INTERVAL]],
  [INTERVAL, [INTERVAL]],
  [TIME, [INTERVAL]],
  [TIMETZ, [INTERVAL]],
]);

/** The SQLite frame clause, and the ORDER BY text when a RANGE offset needs a numeric key. */
export function renderFrame(
  ctx: Ctx,
  spec: WindowSpec,
  scope: Scope,
  items: SortItem[],
): { frame?: string; order?: string } {
  const o = spec.frameOptions;
  if (!(o & F.NONDEFAULT)) return {};
  const mode = o & F.ROWS ? "ROWS" : o & F.GROUPS ? "GROUPS" : "RANGE";
  let range: RangeKey | undefined;
  if (mode === "RANGE" && o & OFFSETS) {
    if (spec.order.length !== 1) {
      throw new PgError(
        "WINDOWING_ERROR",
        "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
        { position: spec.position },
      );
    }
    range = { item: items[0]! };
  } else if (mode === "GROUPS" && spec.order.length === 0) {
    throw new PgError("WINDOWING_ERROR", "GROUPS mode requires an ORDER BY clause", {
      position: spec.position,
    });
  }
  const bound = (start: boolean): string => {
    const s = start ? "START" : "END";
    const has = (name: string) => (o & F[`${s}_${name}` as keyof typeof F]) !== 0;
    if (has("UNBOUNDED_PRECEDING")) return "UNBOUNDED PRECEDING";
    if (has("UNBOUNDED_FOLLOWING")) return "UNBOUNDED FOLLOWING";
    if (has("CURRENT_ROW")) return "CURRENT ROW";
    const node = (start ? spec.startOffset : spec.endOffset)!;
    const value = range
      ? rangeOffset(ctx, node, scope, range, start)
      : rowsOffset(ctx, node, scope, mode, start);
    return `${value} ${has("OFFSET_PRECEDING") ? "PRECEDING" : "FOLLOWING"}`;
  };
  const start = bound(true);
  let frame = o & F.BETWEEN ? `${mode} BETWEEN ${start} AND ${bound(false)}` : `${mode} ${start}`;
  if (o & F.EXCLUDE_CURRENT_ROW) frame += " EXCLUDE CURRENT ROW";
  else if (o & F.EXCLUDE_GROUP) frame += " EXCLUDE GROUP";
  else if (o & F.EXCLUDE_TIES) frame += " EXCLUDE TIES";
  if (!range?.key) return { frame };
  const { item, key } = range;
  return {
    frame,
    order: `${key(item.sql)} ${item.desc ? "DESC" : "ASC"} NULLS ${item.nullsFirst ? "FIRST" : "LAST"}`,
  };
}

/** The first column reference in an expression outside subqueries (frame offsets may have none). */
function firstVariable(node: unknown): Node | undefined {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = firstVariable(n);
      if (found) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== "object") return undefined;
  if ("ColumnRef" in node) return node as Node;
  if ("SubLink" in node) return undefined;
  for (const v of Object.values(node)) {
    const found = firstVariable(v);
    if (found) return found;
  }
  return undefined;
}

function offsetExpr(ctx: Ctx, node: Node, scope: Scope, mode: string): Expr {
  const variable = firstVariable(node);
  if (variable) {
    throw new PgError("INVALID_COLUMN_REFERENCE", `argument of ${mode} must not contain variables`, {
      position: ctx.pos(variable),
    });
  }
  return translateExpr(ctx, node, scope);
}

/** PostgreSQL's errors for a NULL or negative constant offset (nodeWindowAgg.c, in_range). */
function checkConstant(sql: string, start: boolean, negative: () => PgError): void {
  const which = start ? "starting" : "ending";
  if (sql === "NULL") throw new PgError("NULL_VALUE_NOT_ALLOWED", `frame ${which} offset must not be null`);
  if (/^-/.test(sql.replace(/^'/, ""))) throw negative();
}

/** The number a constant offset (possibly cast) is written as, for folding it. */
function constantText(node: Node): string | undefined {
  const c = asKind(node, "A_Const");
  if (c) return c.ival !== undefined ? String(c.ival.ival ?? 0) : (c.fval?.fval ?? c.sval?.sval);
  const cast = asKind(node, "TypeCast");
  return cast?.arg ? constantText(cast.arg) : undefined;
}

/** Round half to even (rint), as float8 converts to integers; numeric rounds half away from zero. */
function roundAs(x: number, from: number): number {
  if (!FLOAT_TYPES.has(from)) return Math.sign(x) * Math.round(Math.abs(x));
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * An offset converted to its type as an assignment (coerce_to_specific_type). SQLite takes no
 * function calls in frame offsets, so a conversion that needs one is made here, of a constant.
 */
function coerceOffset(ctx: Ctx, node: Node, e: Expr, target: number, construct: string): string {
  let sql: string;
  try {
    sql = coerce(ctx, e, t(target), "assignment", ctx.pos(node)).sql;
  } catch (err) {
    if (!(err instanceof PgError) || err.code !== "42804") throw err;
    throw new PgError(
      "DATATYPE_MISMATCH",
      `argument of ${construct} must be type ${formatType(target, -1)}, not type ${formatType(e.type.oid, -1)}`,
      { position: ctx.pos(node) },
    );
  }
  if (!/\b(?!CAST\b)[A-Za-z_]\w*\s*\(/i.test(sql)) return sql;
  const text = constantText(node);
  if (text !== undefined && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim())) {
    const x = Number(text);
    if (target === FLOAT8) return String(x);
    if (INTEGER_TYPES.has(target)) return String(roundAs(x, e.type.oid));
  }
  throw unsupported("a frame offset that is not a constant", ctx.pos(node));
}

/** ROWS and GROUPS offsets: bigint counts. */
function rowsOffset(ctx: Ctx, node: Node, scope: Scope, mode: string, start: boolean): string {
  const e = offsetExpr(ctx, node, scope, mode);
  const sql = coerceOffset(ctx, node, e, INT8, mode);
  const which = start ? "starting" : "ending";
  checkConstant(
    sql,
    start,
    () => new PgError("INVALID_PRECEDING_OR_FOLLOWING_SIZE", `frame ${which} offset must not be negative`),
  );
  return sql;
}

interface RangeKey {
  item: SortItem;
  /** The numeric ordering key SQLite's RANGE arithmetic needs, when the stored form is not one. */
  key?: (sql: string) => string;
}

function typeLabel(oid: number): string {
  return oid === VARCHAR ? "text" : formatType(oid === BPCHAR ? BPCHAR : oid, -1);
}

/** The offset type PostgreSQL's transformFrameOffset picks for a RANGE frame over type. */
function offsetType(ctx: Ctx, sortType: number, e: Expr, node: Node): number {
  const candidates = IN_RANGE.get(sortType);
  const position = ctx.pos(node);
  const given = e.type.oid;
  if (!candidates) {
    throw new PgError(
      "FEATURE_NOT_SUPPORTED",
      `RANGE with offset PRECEDING/FOLLOWING is not supported for column type ${typeLabel(sortType)}`,
      { position },
    );
  }
  const preferred = given !== UNKNOWN ? given : sortType;
  const matches = candidates.filter((c) => canCoerceImplicitly(given, c));
  if (matches.length === 0) {
    throw new PgError(
      "FEATURE_NOT_SUPPORTED",
      `RANGE with offset PRECEDING/FOLLOWING is not supported for column type ${typeLabel(sortType)} and offset type ${typeLabel(given)}`,
      { position, hint: "Cast the offset value to an appropriate type." },
    );
  }
  return matches.includes(preferred) ? preferred : matches.at(-1)!;
}

const invalidSize = () =>
  new PgError(
    "INVALID_PRECEDING_OR_FOLLOWING_SIZE",
    "invalid preceding or following size in window function",
  );

/**
 * RANGE offsets. SQLite subtracts and adds numbers: numeric keys are compared as REAL, dates and
 * times as microseconds, with the interval offset a constant number of them.
 */
function rangeOffset(ctx: Ctx, node: Node, scope: Scope, range: RangeKey, start: boolean): string {
  const sortType = range.item.type.oid;
  const e = offsetExpr(ctx, node, scope, "RANGE");
  const target = offsetType(ctx, sortType, e, node);
  const sql =
    target === NUMERIC || target === INTERVAL
      ? coerce(ctx, e, t(target), "assignment").sql
      : coerceOffset(ctx, node, e, target, "RANGE");
  checkConstant(sql, start, invalidSize);
  if (target !== INTERVAL) {
    if (sortType === NUMERIC) {
      range.key = (x) => `CAST(${x} AS REAL)`;
      const text = /^'([^']*)'$/.exec(sql)?.[1];
      if (text === "NaN") throw invalidSize();
      return text !== undefined && /^[0-9.eE+-]+$/.test(text) ? text : `CAST(${sql} AS REAL)`;
    }
    return sql;
  }
  if (sortType === TIME || sortType === TIMETZ) {
    throw unsupported(`RANGE with an interval offset over type ${formatType(sortType, -1)}`, ctx.pos(node));
  }
  const stored = /^'(-?\d+) (-?\d+) (-?\d+)'$/.exec(sql);
  if (!stored) throw unsupported("RANGE with an interval offset that is not a constant", ctx.pos(node));
  const [months, days, usec] = stored.slice(1).map(Number) as [number, number, number];
  // Months and (in zones with daylight saving time) days have no fixed length in microseconds.
  if (months !== 0 && sortType !== INTERVAL) {
    throw unsupported("RANGE with an offset in months or years over dates and times", ctx.pos(node));
  }
  if (days !== 0 && sortType === TIMESTAMPTZ && !sessionZone(ctx.format.timeZone).fixed) {
    throw unsupported(
      "RANGE with an offset in days over timestamp with time zone in a time zone with daylight saving time",
      ctx.pos(node),
    );
  }
  const micros = intervalMicros(months, days, usec);
  if (micros < 0n) throw invalidSize();
  range.key = (x) => `pg_window_range_key(${x}, ${sortType})`;
  return micros.toString();
}
