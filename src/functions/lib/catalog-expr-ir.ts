// The typed expression tree that PostgreSQL's parser would build (Var, Const, OpExpr, FuncExpr,
// RelabelType, ...), as far as pg_get_expr-style printing needs it, and PostgreSQL's rules for
// choosing operators and coercing operands (parse_oper.c, parse_coerce.c), from the generated
// operator and cast tables.
import { typeByOid } from "../../types/registry.js";
import { pgBinaryOperators, pgCasts } from "./catalog-operators.generated.js";

export const T = {
  bool: 16,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  float4: 700,
  float8: 701,
  unknown: 705,
  bpchar: 1042,
  varchar: 1043,
  numeric: 1700,
  any: 2276,
  anyarray: 2277,
  anyelement: 2283,
  anynonarray: 2776,
  anyenum: 3500,
  anycompatible: 5077,
  anycompatiblearray: 5078,
  anycompatiblenonarray: 5079,
} as const;

/** A typed expression node, named after the PostgreSQL node it stands for. */
export type Ir =
  /** A column; `verbatim` names print as they are (a domain CHECK's VALUE). */
  | { k: "var"; name: string; rel?: string; type: number; typmod: number; verbatim?: boolean }
  | { k: "const"; type: number; typmod: number; value: string | null }
  | { k: "op"; op: string; args: Ir[]; type: number }
  | { k: "func"; name: string; args: Ir[]; type: number; star?: boolean; distinct?: boolean }
  /** A cast: FuncExpr or RelabelType with an explicit or implicit coercion form. */
  | { k: "cast"; arg: Ir; type: number; typmod: number; implicit: boolean }
  | { k: "bool"; op: "AND" | "OR" | "NOT"; args: Ir[] }
  | { k: "nulltest"; arg: Ir; not: boolean }
  | { k: "booltest"; arg: Ir; test: string }
  | { k: "distinct"; args: Ir[]; not: boolean }
  | { k: "scalararray"; op: string; any: boolean; args: [Ir, Ir] }
  | { k: "array"; elems: Ir[]; type: number }
  | { k: "minmax"; name: "COALESCE" | "GREATEST" | "LEAST" | "NULLIF"; args: Ir[]; type: number }
  | { k: "case"; arg?: Ir; whens: [Ir, Ir][]; else: Ir; type: number }
  | { k: "sqlvalue"; text: string; type: number }
  /** A subquery: EXISTS, x IN / op ANY / op ALL, or a scalar one; render prints the query at an indentation. */
  | {
      k: "sublink";
      link: "EXISTS" | "ANY" | "ALL" | "EXPR" | "ARRAY";
      test?: Ir;
      op?: string;
      type: number;
      render: (indent: number) => string;
    }
  | { k: "raw"; text: string; type: number };

export function irType(e: Ir): number {
  switch (e.k) {
    case "var":
    case "const":
    case "op":
    case "func":
    case "cast":
    case "array":
    case "minmax":
    case "case":
    case "sqlvalue":
    case "raw":
      return e.type;
    case "sublink":
      return e.link === "EXPR" || e.link === "ARRAY" ? e.type : T.bool;
    default:
      return T.bool;
  }
}

export function irTypmod(e: Ir): number {
  return e.k === "var" || e.k === "const" || e.k === "cast" ? e.typmod : -1;
}

const implicitCasts = new Map<string, string>();
const anyCasts = new Map<string, string>();
for (const [source, target, context, method] of pgCasts) {
  anyCasts.set(`${source}:${target}`, method);
  if (context === "i") implicitCasts.set(`${source}:${target}`, method);
}

const operatorsByName = new Map<string, [number, number, number][]>();
for (const [name, left, right, result] of pgBinaryOperators) {
  const list = operatorsByName.get(name) ?? [];
  list.push([left, right, result]);
  operatorsByName.set(name, list);
}

const PREFERRED = new Set([16, 25, 26, 701, 869, 1184, 1186, 1562]);

export function category(oid: number): string {
  return typeByOid(oid)?.category ?? "U";
}

function isArray(oid: number): boolean {
  const t = typeByOid(oid);
  return t !== undefined && t.category === "A";
}

/** Whether a polymorphic declared type accepts an actual one. */
function polymorphicAccepts(declared: number, actual: number, isEnum: (oid: number) => boolean): boolean {
  switch (declared) {
    case T.any:
    case T.anyelement:
    case T.anycompatible:
      return true;
    case T.anyarray:
    case T.anycompatiblearray:
      return isArray(actual);
    case T.anynonarray:
    case T.anycompatiblenonarray:
      return !isArray(actual);
    case T.anyenum:
      return isEnum(actual);
    default:
      return false;
  }
}

/** any, anyelement, anyarray, anynonarray, anyenum, anyrange, anymultirange and the anycompatible family. */
const POLYMORPHIC = new Set([2276, 2277, 2283, 2776, 3500, 3831, 4537, 5077, 5078, 5079, 5080, 4538]);

export function isPolymorphic(oid: number): boolean {
  return POLYMORPHIC.has(oid);
}

/** can_coerce_type in the implicit context. */
export function canCoerceImplicitly(from: number, to: number, isEnum: (oid: number) => boolean): boolean {
  if (from === to || from === T.unknown) return true;
  if (polymorphicAccepts(to, from, isEnum)) return true;
  return implicitCasts.has(`${from}:${to}`);
}

/** Whether a cast from one type to another is a mere relabelling (binary coercible). */
export function isBinaryCoercible(from: number, to: number): boolean {
  return anyCasts.get(`${from}:${to}`) === "b";
}

export interface ResolvedOperator {
  left: number;
  right: number;
  result: number;
}

/** oper_select_candidate for a binary operator; undefined when PostgreSQL would find none. */
export function resolveOperator(
  name: string,
  left: number,
  right: number,
  isEnum: (oid: number) => boolean,
): ResolvedOperator | undefined {
  const all = operatorsByName.get(name) ?? [];
  const exact = (l: number, r: number) => all.find(([a, b]) => a === l && b === r);
  // An unknown operand is first assumed to have the other operand's type.
  const direct =
    exact(left, right) ??
    (left === T.unknown && right !== T.unknown ? exact(right, right) : undefined) ??
    (right === T.unknown && left !== T.unknown ? exact(left, left) : undefined);
  if (direct) return resolved(direct, left, right);
  let candidates = all.filter(
    ([a, b]) => canCoerceImplicitly(left, a, isEnum) && canCoerceImplicitly(right, b, isEnum),
  );
  if (candidates.length > 1) {
    const exactCount = (c: [number, number, number]) =>
      (c[0] === left || (isPolymorphic(c[0]) && left !== T.unknown) ? 1 : 0) +
      (c[1] === right || (isPolymorphic(c[1]) && right !== T.unknown) ? 1 : 0);
    candidates = keepBest(candidates, exactCount);
    const preferred = (c: [number, number, number]) =>
      (c[0] !== left && PREFERRED.has(c[0]) ? 1 : 0) + (c[1] !== right && PREFERRED.has(c[1]) ? 1 : 0);
    candidates = keepBest(candidates, preferred);
    // Unknown operands: prefer the string category, then the category's preferred type.
    if (left === T.unknown || right === T.unknown) {
      const stringy = (c: [number, number, number]) =>
        (left === T.unknown && category(c[0]) === "S" ? 1 : 0) +
        (right === T.unknown && category(c[1]) === "S" ? 1 : 0);
      candidates = keepBest(candidates, stringy);
    }
  }
  const best = candidates[0];
  return best ? resolved(best, left, right) : undefined;
}

function keepBest<C>(list: C[], score: (c: C) => number): C[] {
  const top = Math.max(...list.map(score));
  return list.filter((c) => score(c) === top);
}

/** Declared operand types, with polymorphic ones replaced by the actual (or the other side's) type. */
function resolved([l, r, result]: [number, number, number], left: number, right: number): ResolvedOperator {
  const actual = left !== T.unknown ? left : right;
  const other = right !== T.unknown ? right : left;
  const lt = isPolymorphic(l) ? actual : l;
  const rt = isPolymorphic(r) ? other : r;
  const rs = isPolymorphic(result) ? (result === T.anyarray ? lt : actual) : result;
  return { left: lt, right: rt, result: rs };
}

/** select_common_type: the type a set of branches (CASE, COALESCE, IN lists) resolves to. */
export function commonType(types: number[], isEnum: (oid: number) => boolean): number {
  const known = types.filter((t) => t !== T.unknown);
  if (known.length === 0) return T.text;
  let chosen = known[0]!;
  for (const t of known.slice(1)) {
    if (t === chosen) continue;
    if (category(t) !== category(chosen)) continue;
    if (
      !PREFERRED.has(chosen) &&
      canCoerceImplicitly(chosen, t, isEnum) &&
      !canCoerceImplicitly(t, chosen, isEnum)
    )
      chosen = t;
  }
  return chosen;
}
