import type { ArgType, FunctionDef } from "../../functions/registry.js";
import { arrayTypeOf, elementTypeOf } from "../../types/registry.js";
import { vectorElement } from "../../types/vectors.js";
import { STRING_TYPES, TEXT, t, UNKNOWN } from "../oids.js";
import type { SqlType } from "../plan.js";
import { canCoerceImplicitly } from "./coerce.js";

/** A chosen overload and the type each argument is to be converted to. */
export interface Resolved {
  def: FunctionDef;
  targets: SqlType[];
}

function declared(def: FunctionDef, i: number): ArgType {
  return def.args[Math.min(i, def.args.length - 1)]!;
}

/** The element type polymorphic arguments bind to in a call, if the known arguments fix one. */
function bindElement(def: FunctionDef, types: SqlType[]): number | undefined {
  for (let i = 0; i < types.length; i++) {
    const want = declared(def, i);
    const have = types[i]!.oid;
    if (have === UNKNOWN) continue;
    if (want === "anyelement" || want === "anynonarray") return have;
    if (want === "anyarray") return elementTypeOf(have) ?? vectorElement(have);
  }
  return undefined;
}

/** How well def takes arguments of these types: the number of exact matches, or undefined. */
function match(def: FunctionDef, types: SqlType[]): { score: number; targets: SqlType[] } | undefined {
  const n = types.length;
  const fixed = def.args.length;
  if (def.variadic ? n < fixed - 1 : n !== fixed) return undefined;
  const elem = bindElement(def, types);
  const targets: SqlType[] = [];
  let score = 0;
  for (let i = 0; i < n; i++) {
    const want = declared(def, i);
    const have = types[i]!;
    let target: number | undefined;
    if (want === "any") target = have.oid === UNKNOWN ? TEXT : have.oid;
    else if (want === "anyelement" || want === "anynonarray") target = elem ?? TEXT;
    else if (want === "anyarray") {
      target = elem === undefined ? undefined : arrayTypeOf(elem);
      if (target === undefined) return undefined;
    } else target = want;
    if (want === "anynonarray" && elementTypeOf(target) !== undefined) return undefined;
    if (have.oid === target) score++;
    else if (have.oid !== UNKNOWN && !canCoerceImplicitly(have.oid, target)) return undefined;
    targets.push(have.oid === target ? have : t(target));
  }
  return { score, targets };
}

/**
 * The overload PostgreSQL would choose: exact matches preferred, implicit conversions allowed;
 * between equally good candidates, the string category for untyped arguments.
 */
export function chooseOverload(defs: readonly FunctionDef[], types: SqlType[]): Resolved | undefined {
  let best: Resolved | undefined;
  let bestScore = -1;
  let bestText = -1;
  for (const def of defs) {
    const m = match(def, types);
    if (!m) continue;
    const text = m.targets.filter((x, i) => types[i]!.oid === UNKNOWN && STRING_TYPES.has(x.oid)).length;
    if (m.score > bestScore || (m.score === bestScore && text > bestText)) {
      best = { def, targets: m.targets };
      bestScore = m.score;
      bestText = text;
    }
  }
  return best;
}

/**
 * For an operator with one untyped side, PostgreSQL first assumes the untyped side has the other
 * side's type (T op T); only if no operator takes that does it look further.
 */
export function chooseOperator(
  defs: readonly FunctionDef[],
  left: SqlType | undefined,
  right: SqlType,
  /** Whether the built-in rules take (T op T) for a type T. */
  builtin: (type: SqlType) => boolean = () => false,
): Resolved | undefined {
  const untypedLeft = left !== undefined && left.oid === UNKNOWN && right.oid !== UNKNOWN;
  const untypedRight = left !== undefined && left.oid !== UNKNOWN && right.oid === UNKNOWN;
  // With both sides untyped, PostgreSQL takes them as text.
  const bothUntyped = left !== undefined && left.oid === UNKNOWN && right.oid === UNKNOWN;
  const known = bothUntyped ? t(TEXT) : untypedLeft ? right : untypedRight ? left : undefined;
  if (known) {
    const exact = exactPair(defs, known);
    // int4 + $1 is integer addition (built in), not int4 + date.
    if (exact || builtin(known)) return exact;
  }
  const resolved = chooseOverload(defs, left ? [left, right] : [right]);
  // An untyped side prefers the string category: 'x' || 1 is text concatenation (built in), not
  // an array operator, unless the other side is an array.
  const untyped = untypedLeft ? 0 : untypedRight ? 1 : -1;
  if (
    resolved &&
    untyped >= 0 &&
    builtin(t(TEXT)) &&
    !STRING_TYPES.has(resolved.targets[untyped]!.oid) &&
    elementTypeOf(known!.oid) === undefined
  )
    return undefined;
  const exact = resolved?.targets.every((x, i) => x.oid === (left ? [left, right] : [right])[i]!.oid);
  // A declared operator that needs conversions loses to a built-in rule that takes the types as they are.
  if (resolved && !exact && left && builtin(left) && builtin(right)) return undefined;
  return resolved;
}

function exactPair(defs: readonly FunctionDef[], type: SqlType): Resolved | undefined {
  const r = chooseOverload(defs, [type, type]);
  return r?.targets.every((x) => x.oid === type.oid) ? r : undefined;
}
