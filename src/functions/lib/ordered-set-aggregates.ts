// Ordered-set aggregates (orderedsetaggs.c): percentile_cont, percentile_disc and mode, and the
// hypothetical-set aggregates rank, dense_rank, percent_rank and cume_dist. Calls are written
// `agg(direct args) WITHIN GROUP (ORDER BY sort args)`; each is declared with its direct
// arguments followed by its sorted ones, as pg_proc has them. SQLite sorts the rows (ORDER BY
// inside the aggregate call, see sql/translate/ordered-set.ts) and these aggregates read them in
// that order. The hypothetical-set ones are SQL the translator writes (counts of the rows sorting
// before the hypothetical row), so their declarations here only resolve calls.
import { PgError } from "../../errors/pg-error.js";
import { FLOAT8, INT8, INTERVAL, t } from "../../sql/oids.js";
import type { SqlType } from "../../sql/plan.js";
import { floatStorage, storedFloat } from "../../types/codecs/floats.js";
import { formatStoredInterval, type Interval, parseStoredInterval } from "../../types/codecs/interval.js";
import { arrayTypeOf } from "../../types/registry.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";
import {
  type ArrayTree,
  compareElements,
  type Elem,
  normaliseElement,
  readArray,
  writeArray,
} from "./arrays-common.js";
import { scaleInterval } from "./datetime-operators.js";
import { intervalMicros } from "./window-support.js";

const FLOAT8_ARRAY = arrayTypeOf(FLOAT8)!;
const INTERVAL_ARRAY = arrayTypeOf(INTERVAL)!;

const orderedSet = new WeakSet<FunctionDef>();
const hypothetical = new WeakSet<FunctionDef>();

/** Whether def is an ordered-set aggregate (called only with WITHIN GROUP). */
export function isOrderedSetAggregate(def: FunctionDef): boolean {
  return orderedSet.has(def);
}

/** Whether def is a hypothetical-set aggregate (rank(args) WITHIN GROUP (ORDER BY ...), ...). */
export function isHypotheticalSetAggregate(def: FunctionDef): boolean {
  return hypothetical.has(def);
}

/** C's %g, as PostgreSQL prints the percentile in its error. */
export function formatG(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const exp = Number(x.toExponential(5).split("e")[1]);
  if (exp < -4 || exp >= 6) {
    const [mantissa, e] = x.toExponential(5).split("e") as [string, string];
    const m = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
    const n = Math.abs(Number(e));
    return `${m}e${Number(e) < 0 ? "-" : "+"}${String(n).padStart(2, "0")}`;
  }
  const fixed = x.toFixed(Math.max(0, 5 - exp));
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/** The fraction as a number, or PostgreSQL's 22003 when it is not between 0 and 1. */
function fraction(v: SqliteValue): number {
  const p = storedFloat(v as StoredValue);
  if (!(p >= 0 && p <= 1)) {
    throw new PgError("NUMERIC_VALUE_OUT_OF_RANGE", `percentile value ${formatG(p)} is not between 0 and 1`);
  }
  return p;
}

interface Collected {
  /** The direct argument (the fraction or fractions), as the first row gave it. */
  direct?: SqliteValue;
  values: StoredValue[];
}

const collect = () => ({ values: [] });

function collectStep(state: unknown, ...args: SqliteValue[]): unknown {
  const s = state as Collected;
  const value = args.at(-1)!;
  if (s.direct === undefined) s.direct = args.at(-2) ?? null;
  if (value !== null) s.values.push(value as StoredValue);
  return s;
}

/** The rows percentile_cont interpolates between, and how far (percentile_cont_final_common). */
function contPoints(n: number, p: number): { lower: number; upper: number; proportion: number } {
  const lower = Math.floor(p * (n - 1));
  const upper = Math.ceil(p * (n - 1));
  return { lower, upper, proportion: p * (n - 1) - lower };
}

const floatLerp = (lo: number, hi: number, pct: number) => lo + pct * (hi - lo);

function intervalLerp(lo: Interval, hi: Interval, pct: number): Interval {
  const diff = { months: hi.months - lo.months, days: hi.days - lo.days, usec: hi.usec - lo.usec };
  const scaled = scaleInterval(diff, pct, false);
  return { months: scaled.months + lo.months, days: scaled.days + lo.days, usec: scaled.usec + lo.usec };
}

function contValue(values: StoredValue[], p: number, interval: boolean): StoredValue {
  const { lower, upper, proportion } = contPoints(values.length, p);
  if (interval) {
    const lo = parseStoredInterval(values[lower]!);
    if (upper === lower) return formatStoredInterval(lo);
    return formatStoredInterval(intervalLerp(lo, parseStoredInterval(values[upper]!), proportion));
  }
  const lo = storedFloat(values[lower]!);
  if (upper === lower) return floatStorage(lo);
  return floatStorage(floatLerp(lo, storedFloat(values[upper]!), proportion));
}

function discValue(values: StoredValue[], p: number): StoredValue {
  const row = Math.ceil(p * values.length);
  return values[Math.max(row, 1) - 1]!;
}

/** The fractions of the array forms, each checked; NULL elements give NULL elements. */
function fractions(v: SqliteValue): ArrayTree {
  const map = (tree: ArrayTree): ArrayTree =>
    tree.map((e) => (Array.isArray(e) ? map(e) : e === null ? null : fraction(e)));
  return map(readArray(v, FLOAT8));
}

function mapFractions(tree: ArrayTree, f: (p: number) => Elem): ArrayTree {
  return tree.map((e) => (Array.isArray(e) ? mapFractions(e, f) : e === null ? null : f(e as number)));
}

function percentileCont(interval: boolean, multi: boolean): FunctionDef {
  const valueType = interval ? INTERVAL : FLOAT8;
  const resultType = multi ? (interval ? INTERVAL_ARRAY : FLOAT8_ARRAY) : valueType;
  return {
    name: "percentile_cont",
    kind: "udf-aggregate",
    udfName: `pg_percentile_cont_${interval ? "interval" : "float8"}${multi ? "_multi" : ""}`,
    args: [multi ? FLOAT8_ARRAY : FLOAT8, valueType],
    returns: t(resultType),
    volatility: "immutable",
    start: collect,
    step: collectStep,
    result: (state) => {
      const s = state as Collected;
      if (s.values.length === 0 || s.direct === null || s.direct === undefined) return null;
      if (!multi) return contValue(s.values, fraction(s.direct), interval);
      const out = mapFractions(fractions(s.direct), (p) => contValue(s.values, p, interval));
      return writeArray(out, valueType);
    },
    description: "continuous distribution percentile",
  };
}

function percentileDisc(multi: boolean): FunctionDef {
  return {
    name: "percentile_disc",
    kind: "udf-aggregate",
    udfName: `pg_percentile_disc${multi ? "_multi" : ""}`,
    args: [multi ? FLOAT8_ARRAY : FLOAT8, "anyelement"],
    returns: (types: SqlType[]) =>
      multi ? t(arrayTypeOf(types[1]?.oid ?? FLOAT8) ?? FLOAT8_ARRAY) : t(types[1]?.oid ?? FLOAT8),
    volatility: "immutable",
    passTypes: true,
    start: collect,
    step: collectStep,
    result: (state) => {
      const s = state as Collected & { type?: number };
      if (s.values.length === 0 || s.direct === null || s.direct === undefined) return null;
      if (!multi) return discValue(s.values, fraction(s.direct));
      const type = s.type ?? FLOAT8;
      const out = mapFractions(fractions(s.direct), (p) => normaliseElement(type, discValue(s.values, p)));
      return writeArray(out, type);
    },
    description: "discrete percentile",
  };
}

interface ModeState {
  type: number;
  best: StoredValue | null;
  bestCount: number;
  current: StoredValue | null;
  currentCount: number;
}

function sameValue(type: number, a: StoredValue, b: StoredValue): boolean {
  if (type === INTERVAL) {
    const x = parseStoredInterval(a);
    const y = parseStoredInterval(b);
    return intervalMicros(x.months, x.days, x.usec) === intervalMicros(y.months, y.days, y.usec);
  }
  return compareElements(type, a, b) === 0;
}

/** mode_final: the first value of the longest run of equal values in sort order. */
function modeEnd(s: ModeState): void {
  if (s.current !== null && s.currentCount > s.bestCount) {
    s.best = s.current;
    s.bestCount = s.currentCount;
  }
}

const declarations: FunctionDef[] = [
  percentileCont(false, false),
  percentileCont(true, false),
  percentileCont(false, true),
  percentileCont(true, true),
  percentileDisc(false),
  percentileDisc(true),
  {
    name: "mode",
    kind: "udf-aggregate",
    udfName: "pg_mode",
    args: ["anyelement"],
    returns: (types) => t(types[0]?.oid ?? FLOAT8),
    volatility: "immutable",
    passTypes: true,
    start: () => ({ type: 0, best: null, bestCount: 0, current: null, currentCount: 0 }),
    step: (state, type, value) => {
      const s = state as ModeState;
      s.type = Number(type);
      if (value === null) return s;
      if (s.current !== null && sameValue(s.type, s.current, value as StoredValue)) s.currentCount++;
      else {
        modeEnd(s);
        s.current = value as StoredValue;
        s.currentCount = 1;
      }
      return s;
    },
    result: (state) => {
      const s = state as ModeState;
      modeEnd(s);
      return s.best;
    },
    description: "most common value",
  },
  ...(
    [
      ["rank", t(INT8)],
      ["dense_rank", t(INT8)],
      ["percent_rank", t(FLOAT8)],
      ["cume_dist", t(FLOAT8)],
    ] as const
  ).map(
    ([name, returns]): FunctionDef => ({
      name,
      kind: "aggregate",
      args: ["any", "any"],
      variadic: true,
      returns,
      volatility: "immutable",
      sql: () => {
        throw new Error(`${name}(...) WITHIN GROUP is written by sql/translate/ordered-set.ts`);
      },
      description: `${name} of hypothetical row`,
    }),
  ),
];

// percentile_disc's array form needs the element type: it is passed first (passTypes).
for (const def of declarations) {
  orderedSet.add(def);
  if (def.kind === "aggregate") hypothetical.add(def);
  if (def.kind === "udf-aggregate" && def.passTypes && def.name === "percentile_disc") {
    const step = def.step;
    def.step = (state, ...args) => {
      (state as { type?: number }).type = Number(args[1]);
      return step(state, ...args.slice(2));
    };
  }
}

/** The check of a single percentile, which PostgreSQL makes even for an empty group. */
defineFunctions([
  {
    name: "pg_percentile_check",
    kind: "udf",
    udfName: "pg_percentile_check",
    args: [FLOAT8, FLOAT8],
    returns: t(FLOAT8),
    volatility: "immutable",
    strict: false,
    impl: (p, result) => {
      if (p === null) return null;
      fraction(p);
      return result;
    },
    description: "Not a PostgreSQL function: checks percentile_cont's and percentile_disc's fraction.",
  },
]);

defineFunctions(declarations);
