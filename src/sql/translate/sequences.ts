import "../../functions/lib/sequences.js";
import { PgError, unsupported } from "../../errors/pg-error.js";
import { RAISE_ERROR } from "../../functions/lib/sequences.js";
import { formatType } from "../../types/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import {
  CREATE_SEQUENCES,
  insertSequenceSql,
  NEW_SEQUENCE_EPOCH,
  SEQUENCES,
  type SequenceOptions,
} from "../metadata.js";
import { INT2, INT4, INT8 } from "../oids.js";
import type { SequenceInfo } from "../schema.js";
import { quoteString } from "../sqlite-text.js";
import type { Ctx } from "./context.js";
import type { DdlOutput } from "./create-table.js";
import { typeFromTypeName } from "./type-names.js";

/** CREATE SEQUENCE, ALTER SEQUENCE, and the sequence options of identity columns. */

const TYPE_RANGE: Record<number, [bigint, bigint]> = {
  [INT2]: [-32768n, 32767n],
  [INT4]: [-2147483648n, 2147483647n],
  [INT8]: [-9223372036854775808n, 9223372036854775807n],
};

/** The options of a sequence as stored, and the RESTART value if one was given. */
export interface ParsedSequenceOptions {
  options: SequenceOptions;
  /** RESTART [WITH n]: the value the next nextval returns. */
  restart?: bigint;
  /** OWNED BY: "table.column", or null for OWNED BY NONE; undefined when not given. */
  ownedBy?: string | null;
  /** SEQUENCE NAME (identity columns). */
  sequenceName?: string;
  /** Whether the current value must be checked against new bounds when the statement runs. */
  boundsChanged: boolean;
}

function int64(ctx: Ctx, d: NodeOf<"DefElem">): bigint {
  const arg = d.arg;
  const i = asKind(arg, "Integer");
  if (i) return BigInt(i.ival ?? 0);
  const f = asKind(arg, "Float");
  if (f) {
    const text = f.fval ?? "";
    if (!/^[+-]?\d+$/.test(text)) {
      throw new PgError("INVALID_TEXT_REPRESENTATION", `invalid input syntax for type bigint: "${text}"`);
    }
    const v = BigInt(text);
    if (v < TYPE_RANGE[INT8]![0] || v > TYPE_RANGE[INT8]![1])
      throw new PgError("NUMERIC_VALUE_OUT_OF_RANGE", `value "${text}" is out of range for type bigint`);
    return v;
  }
  throw new PgError("SYNTAX_ERROR", `${d.defname} requires a numeric value`, {
    position: ctx.pos(d.location),
  });
}

const invalid = (message: string) => new PgError("INVALID_PARAMETER_VALUE", message);

/**
 * Reads sequence options as PostgreSQL's init_params does: defaults for a new sequence (base
 * undefined), or changes to an existing one, with its checks and messages.
 */
export function parseSequenceOptions(
  ctx: Ctx,
  defs: Node[] | undefined,
  base: SequenceOptions | undefined,
  opts: { forIdentity?: boolean; identityType?: number; table?: string; lastValue?: bigint } = {},
): ParsedSequenceOptions {
  const seen = new Map<string, NodeOf<"DefElem">>();
  for (const n of defs ?? []) {
    const d = asKind(n, "DefElem")!;
    const name = d.defname ?? "";
    if (seen.has(name)) {
      throw new PgError("SYNTAX_ERROR", "conflicting or redundant options", {
        position: ctx.pos(d.location),
      });
    }
    seen.set(name, d);
  }
  for (const name of seen.keys()) {
    if (
      ![
        "as",
        "increment",
        "cycle",
        "start",
        "restart",
        "maxvalue",
        "minvalue",
        "cache",
        "owned_by",
        "sequence_name",
      ].includes(name)
    ) {
      throw new PgError("SYNTAX_ERROR", `option "${name}" not recognized`, {
        position: ctx.pos(seen.get(name)!.location),
      });
    }
  }
  const isInit = base === undefined;
  const o: SequenceOptions = base
    ? { ...base }
    : { typeOid: INT8, start: 1n, increment: 1n, min: 1n, max: 1n, cache: 1n, cycle: false };
  let resetMax = false;
  let resetMin = false;
  const as = seen.get("as");
  if (as) {
    const type = typeFromTypeName(ctx, asKind(as.arg, "TypeName")!);
    if (![INT2, INT4, INT8].includes(type.oid)) {
      throw invalid(
        opts.forIdentity
          ? "identity column type must be smallint, integer, or bigint"
          : "sequence type must be smallint, integer, or bigint",
      );
    }
    if (!isInit) {
      const [lo, hi] = TYPE_RANGE[o.typeOid]!;
      if (o.max === hi) resetMax = true;
      if (o.min === lo) resetMin = true;
    }
    o.typeOid = type.oid;
  } else if (isInit) {
    o.typeOid = opts.identityType ?? INT8;
  }
  const increment = seen.get("increment");
  if (increment) {
    o.increment = int64(ctx, increment);
    if (o.increment === 0n) throw invalid("INCREMENT must not be zero");
  } else if (isInit) o.increment = 1n;
  const cycle = seen.get("cycle");
  if (cycle) o.cycle = asKind(cycle.arg, "Boolean")?.boolval === true;
  else if (isInit) o.cycle = false;
  const [typeMin, typeMax] = TYPE_RANGE[o.typeOid]!;
  const typeName = formatType(o.typeOid, -1);
  const max = seen.get("maxvalue");
  if (max?.arg) o.max = int64(ctx, max);
  else if (isInit || max || resetMax) o.max = o.increment > 0n || resetMax ? typeMax : -1n;
  if (o.max < typeMin || o.max > typeMax)
    throw invalid(`MAXVALUE (${o.max}) is out of range for sequence data type ${typeName}`);
  const min = seen.get("minvalue");
  if (min?.arg) o.min = int64(ctx, min);
  else if (isInit || min || resetMin) o.min = o.increment < 0n || resetMin ? typeMin : 1n;
  if (o.min < typeMin || o.min > typeMax)
    throw invalid(`MINVALUE (${o.min}) is out of range for sequence data type ${typeName}`);
  if (o.min >= o.max) throw invalid(`MINVALUE (${o.min}) must be less than MAXVALUE (${o.max})`);
  const start = seen.get("start");
  if (start) o.start = int64(ctx, start);
  else if (isInit) o.start = o.increment > 0n ? o.min : o.max;
  if (o.start < o.min) throw invalid(`START value (${o.start}) cannot be less than MINVALUE (${o.min})`);
  if (o.start > o.max) throw invalid(`START value (${o.start}) cannot be greater than MAXVALUE (${o.max})`);
  const restartDef = seen.get("restart");
  let restart: bigint | undefined;
  if (restartDef) restart = restartDef.arg ? int64(ctx, restartDef) : o.start;
  const current = restart ?? (isInit ? o.start : undefined);
  if (current !== undefined) {
    if (current < o.min) throw invalid(`RESTART value (${current}) cannot be less than MINVALUE (${o.min})`);
    if (current > o.max)
      throw invalid(`RESTART value (${current}) cannot be greater than MAXVALUE (${o.max})`);
  }
  const cache = seen.get("cache");
  if (cache) {
    o.cache = int64(ctx, cache);
    if (o.cache <= 0n) throw invalid(`CACHE (${o.cache}) must be greater than zero`);
  } else if (isInit) o.cache = 1n;
  let ownedBy: string | null | undefined;
  const owned = seen.get("owned_by");
  if (owned) ownedBy = ownedByTarget(ctx, owned);
  const seqName = seen.get("sequence_name");
  const sequenceName = seqName ? stringList(asKind(seqName.arg, "List")?.items).at(-1) : undefined;
  return {
    options: o,
    restart,
    ownedBy,
    sequenceName,
    boundsChanged: !isInit && restart === undefined && (!!max || !!min || resetMax || resetMin),
  };
}

/** OWNED BY table.column (the table must be in this tenant), or NONE (null). */
function ownedByTarget(ctx: Ctx, d: NodeOf<"DefElem">): string | null {
  const names = stringList(asKind(d.arg, "List")?.items);
  if (names.length === 1 && names[0] === "none") return null;
  if (names.length < 2) {
    throw new PgError("SYNTAX_ERROR", "invalid OWNED BY option", {
      hint: "Specify OWNED BY table.column or OWNED BY NONE.",
    });
  }
  const column = names.at(-1)!;
  const tableNames = names.slice(0, -1);
  if (tableNames.length > 1 && tableNames.at(-2) !== "public")
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${tableNames.at(-2)}" does not exist`);
  const table = tableNames.at(-1)!;
  const rel = ctx.schema.relation(table);
  if (!rel) {
    if (ctx.schema.sequence(table) || ctx.schema.index(table))
      throw new PgError("WRONG_OBJECT_TYPE", `sequence cannot be owned by relation "${table}"`, {
        detail: `This operation is not supported for ${ctx.schema.sequence(table) ? "sequences" : "indexes"}.`,
      });
    throw new PgError("UNDEFINED_TABLE", `relation "${tableNames.join(".")}" does not exist`);
  }
  if (rel.kind !== "table") {
    throw new PgError("WRONG_OBJECT_TYPE", `sequence cannot be owned by relation "${table}"`, {
      detail: "This operation is not supported for views.",
    });
  }
  if (!rel.column(column))
    throw new PgError("UNDEFINED_COLUMN", `column "${column}" of relation "${table}" does not exist`);
  return `${table}.${column}`;
}

/** A sequence's stored options (for ALTER), from the schema. */
export function storedOptions(seq: SequenceInfo): SequenceOptions {
  return {
    typeOid: seq.typeOid ?? INT8,
    start: seq.start ?? 1n,
    increment: seq.increment ?? 1n,
    min: seq.min ?? 1n,
    max: seq.max ?? 9223372036854775807n,
    cache: seq.cache ?? 1n,
    cycle: seq.cycle ?? false,
    ownedBy: seq.ownedBy,
  };
}

/** The statements that store changed options of sequence name (and restart it, or check its value). */
export function alterSequenceSql(name: string, parsed: ParsedSequenceOptions): string[] {
  const o = parsed.options;
  const sets = [
    `type_oid = ${o.typeOid}`,
    `start_value = ${o.start}`,
    `increment = ${o.increment}`,
    `min_value = ${o.min}`,
    `max_value = ${o.max}`,
    `cache = ${o.cache}`,
    `cycle = ${o.cycle ? 1 : 0}`,
  ];
  if (parsed.ownedBy !== undefined)
    sets.push(`owned_by = ${parsed.ownedBy === null ? "NULL" : quoteString(parsed.ownedBy)}`);
  if (parsed.restart !== undefined)
    sets.push(`last_value = ${parsed.restart}`, "is_called = 0", `rowid = ${NEW_SEQUENCE_EPOCH}`);
  const where = `WHERE name = ${quoteString(name)}`;
  const out = [`UPDATE ${SEQUENCES} SET ${sets.join(", ")} ${where}`];
  if (parsed.boundsChanged) {
    // PostgreSQL checks the current value against new bounds ("RESTART value" in its words).
    out.unshift(
      `SELECT CASE WHEN last_value < ${o.min} THEN ${RAISE_ERROR}('22023', 'RESTART value (' || last_value || ') cannot be less than MINVALUE (${o.min})') WHEN last_value > ${o.max} THEN ${RAISE_ERROR}('22023', 'RESTART value (' || last_value || ') cannot be greater than MAXVALUE (${o.max})') END FROM ${SEQUENCES} ${where}`,
    );
  }
  return out;
}

function relationExists(ctx: Ctx, name: string): boolean {
  return !!(ctx.schema.relation(name) || ctx.schema.sequence(name) || ctx.schema.index(name));
}

function checkSchema(rv: NodeOf<"RangeVar">): void {
  if (rv.schemaname !== undefined && rv.schemaname !== "public")
    throw new PgError("INVALID_SCHEMA_NAME", `schema "${rv.schemaname}" does not exist`);
}

export function translateCreateSequence(ctx: Ctx, stmt: NodeOf<"CreateSeqStmt">): DdlOutput {
  const rv = stmt.sequence!;
  checkSchema(rv);
  if (rv.relpersistence === "t") throw unsupported("temporary sequences", ctx.pos(rv.location));
  if (rv.relpersistence === "u") throw unsupported("unlogged sequences", ctx.pos(rv.location));
  const name = rv.relname!;
  ctx.writes = true;
  ctx.changesSchema = true;
  if (relationExists(ctx, name)) {
    if (stmt.if_not_exists)
      return { setup: [], sql: "", notice: `relation "${name}" already exists, skipping` };
    throw new PgError("DUPLICATE_TABLE", `relation "${name}" already exists`);
  }
  const parsed = parseSequenceOptions(ctx, stmt.options, undefined);
  const options = { ...parsed.options, ownedBy: parsed.ownedBy ?? undefined };
  return { setup: [CREATE_SEQUENCES, insertSequenceSql(name, options)], sql: "" };
}

export function translateAlterSequence(ctx: Ctx, stmt: NodeOf<"AlterSeqStmt">): DdlOutput {
  const rv = stmt.sequence!;
  checkSchema(rv);
  const name = rv.relname!;
  ctx.writes = true;
  ctx.changesSchema = true;
  const seq = ctx.schema.sequence(name);
  if (!seq) {
    if (ctx.schema.relation(name) || ctx.schema.index(name))
      throw new PgError("WRONG_OBJECT_TYPE", `"${name}" is not a sequence`);
    if (stmt.missing_ok) return { setup: [], sql: "", notice: `relation "${name}" does not exist, skipping` };
    throw new PgError("UNDEFINED_TABLE", `relation "${name}" does not exist`);
  }
  if (stmt.for_identity) throw unsupported("ALTER SEQUENCE ... FOR IDENTITY");
  const parsed = parseSequenceOptions(ctx, stmt.options, storedOptions(seq));
  if (parsed.ownedBy !== undefined && isIdentitySequence(ctx, name))
    throw new PgError("FEATURE_NOT_SUPPORTED", "cannot change ownership of identity sequence", {
      detail: `Sequence "${name}" is linked to table "${seq.ownedBy?.split(".")[0]}".`,
    });
  return { setup: alterSequenceSql(name, parsed), sql: "" };
}

/** Whether a sequence belongs to an identity column. */
export function isIdentitySequence(ctx: Ctx, name: string): boolean {
  const seq = ctx.schema.sequence(name);
  if (!seq?.ownedBy) return false;
  const [table, column] = splitOwner(seq.ownedBy);
  return ctx.schema.relation(table)?.column(column)?.identitySequence === name;
}

/** "table.column" into its parts (the table name may itself contain dots). */
export function splitOwner(ownedBy: string): [string, string] {
  const i = ownedBy.lastIndexOf(".");
  return [ownedBy.slice(0, i), ownedBy.slice(i + 1)];
}
