// Evaluating SQL/JSON paths (jsonpath.ts) over jsonb values, and the functions that do it:
// jsonb_path_exists, jsonb_path_match, jsonb_path_query, jsonb_path_query_array,
// jsonb_path_query_first, and the @? and @@ operators.
import { PgError } from "../../errors/pg-error.js";
import { BOOL, JSONB, t } from "../../sql/oids.js";
import { typeByName } from "../../types/registry.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions, defineOperators } from "../registry.js";
import {
  compareNumericText,
  isNumber,
  isObject,
  type JsonValue,
  jb,
  jsonbField,
  writeJsonb,
} from "./json-common.js";
import { type JsonPath, parseJsonPath } from "./jsonpath.js";
import { str } from "./strings-common.js";

type Expr = JsonPath["expr"];
type Step = Extract<Expr, { t: "path" }>["steps"][number];
type Pred = Extract<Step, { t: "filter" }>["pred"];

interface Env {
  root: JsonValue;
  vars: JsonValue;
  strict: boolean;
}

const typeName = (v: JsonValue): string =>
  v === null
    ? "null"
    : typeof v === "boolean"
      ? "boolean"
      : typeof v === "string"
        ? "string"
        : Array.isArray(v)
          ? "array"
          : isNumber(v)
            ? "number"
            : "object";

function evalExpr(e: Expr, env: Env, current: JsonValue, array?: JsonValue[]): JsonValue[] {
  if (e.t === "lit") return [e.v];
  if (e.t === "pred") return [test(e.p, env, current)];
  if (e.t === "last") {
    if (!array) throw new PgError("SYNTAX_ERROR", "LAST is allowed only in array subscripts");
    return [{ kind: "number", text: String(array.length - 1) }];
  }
  let start: JsonValue;
  if (e.root === "$") start = env.root;
  else if (e.root === "@") start = current;
  else {
    const v = isObject(env.vars) ? jsonbField(env.vars, e.name!) : undefined;
    if (v === undefined)
      throw new PgError("UNDEFINED_OBJECT", `could not find jsonpath variable "${e.name}"`);
    start = v;
  }
  let items = [start];
  for (const step of e.steps) items = items.flatMap((v) => applyStep(step, v, env));
  return items;
}

function index(e: Expr, env: Env, current: JsonValue, array: JsonValue[]): number {
  const [v] = evalExpr(e, env, current, array);
  if (v === undefined || !isNumber(v))
    throw new PgError("INVALID_SQL_JSON_SUBSCRIPT", "jsonpath array subscript is not a single numeric value");
  return Math.trunc(Number(v.text));
}

function applyStep(step: Step, v: JsonValue, env: Env): JsonValue[] {
  switch (step.t) {
    case "key":
      if (Array.isArray(v) && !env.strict) return v.flatMap((x) => applyStep(step, x, env));
      if (isObject(v)) {
        const x = jsonbField(v, step.name);
        if (x !== undefined) return [x];
        if (env.strict)
          throw new PgError("SQL_JSON_MEMBER_NOT_FOUND", `JSON object does not contain key "${step.name}"`);
        return [];
      }
      if (env.strict)
        throw new PgError(
          "SQL_JSON_MEMBER_NOT_FOUND",
          "jsonpath member accessor can only be applied to an object",
        );
      return [];
    case "anykey":
      if (Array.isArray(v) && !env.strict) return v.flatMap((x) => applyStep(step, x, env));
      return isObject(v) ? v.members.map(([, x]) => x) : [];
    case "anyindex":
      if (Array.isArray(v)) return v;
      if (env.strict)
        throw new PgError(
          "SQL_JSON_ARRAY_NOT_FOUND",
          "jsonpath wildcard array accessor can only be applied to an array",
        );
      return [v];
    case "index": {
      const arr = Array.isArray(v) ? v : env.strict ? undefined : [v];
      if (!arr)
        throw new PgError(
          "SQL_JSON_ARRAY_NOT_FOUND",
          "jsonpath array accessor can only be applied to an array",
        );
      const from = index(step.from, env, v, arr);
      const to = step.to ? index(step.to, env, v, arr) : from;
      const out: JsonValue[] = [];
      for (let i = Math.max(from, 0); i <= Math.min(to, arr.length - 1); i++) out.push(arr[i]!);
      if (env.strict && (from < 0 || to >= arr.length))
        throw new PgError("INVALID_SQL_JSON_SUBSCRIPT", "jsonpath array subscript is out of bounds");
      return out;
    }
    case "filter": {
      const items = Array.isArray(v) && !env.strict ? v : [v];
      return items.filter((x) => test(step.pred, env, x) === true);
    }
    case "method":
      return [method(step.name, v, env)];
  }
}

function method(name: string, v: JsonValue, env: Env): JsonValue {
  switch (name) {
    case "size":
      return { kind: "number", text: String(Array.isArray(v) ? v.length : 1) };
    case "type":
      return typeName(v);
    case "double":
    case "number": {
      const n = typeof v === "string" ? Number(v) : isNumber(v) ? Number(v.text) : Number.NaN;
      if (Number.isNaN(n))
        throw new PgError(
          "NON_NUMERIC_SQL_JSON_ITEM",
          `jsonpath item method .${name}() can only be applied to a string or numeric value`,
        );
      return { kind: "number", text: String(n) };
    }
    default:
      void env;
      throw new PgError("FEATURE_NOT_SUPPORTED", `jsonpath item method .${name}() is not supported`);
  }
}

/** A comparison of two items: true, false, or null (unknown: different types). */
function compare(op: string, a: JsonValue, b: JsonValue): boolean | null {
  let c: number;
  if (isNumber(a) && isNumber(b)) c = Math.sign(compareNumericText(a.text, b.text));
  else if (typeof a === "string" && typeof b === "string") c = a < b ? -1 : a > b ? 1 : 0;
  else if (typeof a === "boolean" && typeof b === "boolean") c = a === b ? 0 : a ? 1 : -1;
  else if (a === null && b === null) c = 0;
  else if (a === null || b === null) return op === "!=" || op === "<>";
  else return null;
  switch (op) {
    case "==":
      return c === 0;
    case "!=":
    case "<>":
      return c !== 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    default:
      return c >= 0;
  }
}

function test(p: Pred, env: Env, current: JsonValue): boolean | null {
  switch (p.t) {
    case "and": {
      const l = test(p.l, env, current);
      if (l === false) return false;
      const r = test(p.r, env, current);
      return r === false ? false : l === null || r === null ? null : true;
    }
    case "or": {
      const l = test(p.l, env, current);
      if (l === true) return true;
      const r = test(p.r, env, current);
      return r === true ? true : l === null || r === null ? null : false;
    }
    case "not": {
      const x = test(p.p, env, current);
      return x === null ? null : !x;
    }
    case "exists":
      return evalExpr(p.e, { ...env, strict: false }, current).length > 0;
    case "cmp": {
      const ls = evalExpr(p.l, env, current);
      const rs = evalExpr(p.r, env, current);
      let unknown = false;
      for (const a of ls.flatMap((x) => (Array.isArray(x) && !env.strict ? x : [x])))
        for (const c of rs.flatMap((x) => (Array.isArray(x) && !env.strict ? x : [x]))) {
          const r = compare(p.op, a, c);
          if (r === true) return true;
          if (r === null) unknown = true;
        }
      return unknown ? null : false;
    }
  }
}

function run(
  json: SqliteValue,
  path: SqliteValue,
  vars: SqliteValue,
  silent: SqliteValue,
): JsonValue[] | null {
  const p = parseJsonPath(str(path));
  const env: Env = {
    root: jb(json),
    vars: vars === null || vars === undefined ? null : jb(vars),
    strict: p.strict,
  };
  try {
    return evalExpr(p.expr, env, env.root);
  } catch (e) {
    if (silent === 1 || silent === 1n) return null;
    throw e;
  }
}

const JSONPATH = typeByName("jsonpath")!.oid;

function declare(
  name: string,
  returns: number,
  result: (items: JsonValue[] | null) => SqliteValue,
): FunctionDef[] {
  return [2, 3, 4].map((n) => ({
    name,
    kind: "udf",
    udfName: `pg_${name}_${n}`,
    args: [JSONB, JSONPATH, JSONB, BOOL].slice(0, n),
    returns: t(returns),
    volatility: "immutable",
    impl: (j: SqliteValue, p: SqliteValue, v: SqliteValue = null, s: SqliteValue = 0) =>
      result(run(j, p, v, s)),
  }));
}

/** jsonb_path_match: the path's single boolean result. */
function matchResult(items: JsonValue[] | null): SqliteValue {
  if (items === null) return null;
  if (items.length === 1 && (typeof items[0] === "boolean" || items[0] === null))
    return items[0] === null ? null : items[0] ? 1 : 0;
  throw new PgError("SINGLETON_SQL_JSON_ITEM_REQUIRED", "single boolean result is expected");
}

defineFunctions([
  ...declare("jsonb_path_exists", BOOL, (items) => (items === null ? null : items.length > 0 ? 1 : 0)),
  ...declare("jsonb_path_match", BOOL, matchResult),
  ...declare("jsonb_path_query_array", JSONB, (items) => (items === null ? null : writeJsonb(items))),
  ...declare("jsonb_path_query_first", JSONB, (items) =>
    items === null || items.length === 0 ? null : writeJsonb(items[0]!),
  ),
  ...[2, 3, 4].map(
    (n): FunctionDef => ({
      name: "jsonb_path_query",
      kind: "udf-set",
      udfName: `pg_jsonb_path_query_${n}`,
      args: [JSONB, JSONPATH, JSONB, BOOL].slice(0, n),
      returns: t(JSONB),
      volatility: "immutable",
      columns: () => [{ name: "jsonb_path_query", type: t(JSONB) }],
      rows: (j, p, v = null, s = 0) => (run(j, p, v, s) ?? []).map((x) => [writeJsonb(x)]),
    }),
  ),
]);

defineOperators([
  {
    name: "@?",
    kind: "udf",
    udfName: "pg_jsonb_path_exists_op",
    args: [JSONB, JSONPATH],
    returns: t(BOOL),
    volatility: "immutable",
    impl: (j, p) => {
      const items = run(j, p, null, 1);
      return items === null ? null : items.length > 0 ? 1 : 0;
    },
  },
  {
    name: "@@",
    kind: "udf",
    udfName: "pg_jsonb_path_match_op",
    args: [JSONB, JSONPATH],
    returns: t(BOOL),
    volatility: "immutable",
    impl: (j, p) => {
      const items = run(j, p, null, 1);
      if (items === null || items.length !== 1 || typeof items[0] !== "boolean") return null;
      return items[0] ? 1 : 0;
    },
  },
]);
