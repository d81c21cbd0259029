import { PgError, unsupported } from "../../errors/pg-error.js";
import { escapeJsonString } from "../../types/codecs/json.js";
import { formatType } from "../../types/registry.js";
import type { NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { JSON_TYPE, JSONB, t } from "../oids.js";
import type { SqlType } from "../plan.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import { translateIndirection } from "./arrays.js";
import { coerce } from "./coerce.js";
import { compositeOf, rowOf, withFields } from "./composites.js";
import type { Ctx, Expr } from "./context.js";
import { translateExpr } from "./expr.js";
import { callByName } from "./functions.js";
import { recordField } from "./records.js";
import type { Scope, ScopeColumn, ScopeItem } from "./scope.js";

const BUILDERS = new Set([
  "json_build_object",
  "jsonb_build_object",
  "json_build_array",
  "jsonb_build_array",
]);

/**
 * Functions over composite values: row_to_json, to_json and to_jsonb of a composite value (a json
 * object of its fields, as composite_to_json builds it), and json(b)_populate_record(base, json),
 * whose result is of base's composite type. Undefined for calls that are not these.
 */
export function compositeFunction(ctx: Ctx, name: string, args: Expr[]): Expr | undefined {
  const first = args[0];
  if (!first) return undefined;
  if (BUILDERS.has(name) && args.some((a) => compositeOf(ctx, a.type))) {
    // The builders take a composite value as its json object.
    const json = args.map((a) =>
      compositeOf(ctx, a.type) ? { sql: compositeJson(ctx, withFields(ctx, a)), type: t(JSON_TYPE) } : a,
    );
    return callByName(ctx, name, json);
  }
  switch (name) {
    case "row_to_json":
    case "to_json":
    case "to_jsonb": {
      if (args.length !== 1) return undefined;
      const value = withFields(ctx, first);
      if (!value.type.fields) return undefined;
      const json = { sql: compositeJson(ctx, value), type: t(JSON_TYPE) };
      return name === "to_jsonb" ? coerce(ctx, json, t(JSONB), "explicit") : json;
    }
    case "json_populate_record":
    case "jsonb_populate_record": {
      const c = compositeOf(ctx, first.type);
      if (!c || args.length !== 2) return undefined;
      const json = coerce(ctx, args[1]!, t(name === "json_populate_record" ? JSON_TYPE : JSONB), "implicit");
      const object = `pg_json_object_check(${json.sql})`;
      const base = withFields(ctx, first);
      const sqls = c.fields.map((f) => {
        const member = `pg_json_record_field(${object}, ${quoteString(f.name)}, ${f.type.oid}, ${f.type.typmod})`;
        if (first.sql === "NULL") return member;
        // A key the object lacks keeps the base record's field.
        const path = quoteString(`$."${f.name.replace(/["\\]/g, (ch) => `\\${ch}`)}"`);
        const kept = recordField(base, f.name)!.sql;
        return `(CASE WHEN json_type(${json.sql}, ${path}) IS NULL THEN ${kept} ELSE ${member} END)`;
      });
      const row = rowOf(c.oid, c.fields, sqls);
      return { ...row, sql: `(CASE WHEN ${json.sql} IS NULL THEN ${first.sql} ELSE ${row.sql} END)` };
    }
    default:
      return undefined;
  }
}

/** A composite value as a json object: each field converted by to_json, in order, without spaces. */
function compositeJson(ctx: Ctx, value: Expr): string {
  const parts = (value.type.fields ?? []).map((f) => {
    const field = withFields(ctx, recordField(value, f.name)!);
    const json = field.type.fields ? compositeJson(ctx, field) : callByName(ctx, "to_json", [field]).sql;
    return `${quoteString(`${escapeJsonString(f.name)}:`)} || coalesce(${json}, 'null')`;
  });
  const object = parts.length === 0 ? "'{}'" : `('{' || ${parts.join(" || ',' || ")} || '}')`;
  return `(CASE WHEN ${value.sql} IS NULL THEN NULL ELSE ${object} END)`;
}

/** (value).* in a select list: one column per field of a composite or known record value. */
export function fieldStarColumns(
  ctx: Ctx,
  ind: NodeOf<"A_Indirection">,
  scope: Scope,
): ScopeColumn[] | undefined {
  const steps = ind.indirection ?? [];
  if (!asKind(steps.at(-1), "A_Star")) return undefined;
  const prefix = steps.slice(0, -1);
  const inner = { ...ind, indirection: prefix };
  const value = withFields(
    ctx,
    prefix.length ? translateIndirection(ctx, inner, scope, ind.arg!) : translateExpr(ctx, ind.arg!, scope),
  );
  if (!value.type.fields) {
    throw new PgError(
      "WRONG_OBJECT_TYPE",
      `type ${formatType(value.type.oid, value.type.typmod)} is not composite`,
      {
        position: ctx.pos(ind.arg),
      },
    );
  }
  return value.type.fields.map((f) => ({
    name: f.name,
    type: f.type,
    ref: recordField(value, f.name)!.sql,
    tableOid: 0,
    attnum: 0,
  }));
}

/** The columns of a FROM item whose one column c0 holds a composite value: one per field. */
export function compositeItemColumns(
  ctx: Ctx,
  value: Expr,
  ref: string,
  names: string[],
): { name: string; type: SqlType; ref: string }[] | undefined {
  const c = compositeOf(ctx, value.type);
  if (!c) return undefined;
  const row = withFields(ctx, { sql: ref, type: value.type });
  return c.fields.map((f, i) => ({
    name: names[i] ?? f.name,
    type: f.type,
    ref: recordField(row, f.name)!.sql,
  }));
}

const RECORDSETS = new Set(["json_populate_recordset", "jsonb_populate_recordset"]);

/**
 * FROM json(b)_populate_recordset(base, json): a row per object of the array, each column the
 * object's member converted to the field's type (NULL where the object lacks it, as base's fields
 * are taken only from a non-NULL base).
 */
export function populateRecordsetItem(
  ctx: Ctx,
  f: NodeOf<"FuncCall">,
  scope: Scope,
  alias: string,
  names: string[],
): { sql: string; item: ScopeItem } | undefined {
  const name = stringList(f.funcname).at(-1)!;
  if (!RECORDSETS.has(name) || f.args?.length !== 2) return undefined;
  const base = translateExpr(ctx, f.args[0]!, scope);
  const c = compositeOf(ctx, base.type);
  if (!c) return undefined;
  if (base.sql !== "NULL") throw unsupported(`${name} with a non-NULL base record`, ctx.pos(f.args[0]));
  const json = coerce(
    ctx,
    translateExpr(ctx, f.args[1]!, scope),
    t(name === "json_populate_recordset" ? JSON_TYPE : JSONB),
    "implicit",
  );
  const a = quoteIdent(alias);
  const sql = `(SELECT value AS "c0" FROM json_each(pg_json_array_of_objects(${json.sql}, ${quoteString(name)}))) AS ${a}`;
  const columns = c.fields.map((field, i) => ({
    name: names[i] ?? field.name,
    type: field.type,
    ref: `pg_json_record_field(${a}."c0", ${quoteString(field.name)}, ${field.type.oid}, ${field.type.typmod})`,
    tableOid: 0,
    attnum: 0,
  }));
  return { sql, item: { alias, columns } };
}
