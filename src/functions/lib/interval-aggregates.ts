// sum(interval) and avg(interval): field-wise sums (months, days, microseconds, each checked for
// overflow), and the average as interval_div divides, fractions cascading to days and seconds.
import { INTERVAL, t } from "../../sql/oids.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import { defineFunctions } from "../registry.js";
import { type Interval, readInterval, writeInterval } from "./datetime-core.js";
import { addIntervals, scaleInterval } from "./datetime-operators.js";

interface Acc {
  sum?: Interval;
  n: number;
}

function step(state: unknown, v: SqliteValue): unknown {
  const s = state as Acc;
  if (v === null) return s;
  const x = readInterval(v);
  s.sum = s.sum ? addIntervals(s.sum, x, 1) : x;
  s.n++;
  return s;
}

defineFunctions([
  {
    name: "sum",
    kind: "udf-aggregate",
    udfName: "pg_interval_sum",
    args: [INTERVAL],
    returns: t(INTERVAL),
    volatility: "immutable",
    start: (): Acc => ({ n: 0 }),
    step,
    result: (state) => {
      const s = state as Acc;
      return s.sum ? writeInterval(s.sum) : null;
    },
  },
  {
    name: "avg",
    kind: "udf-aggregate",
    udfName: "pg_interval_avg",
    args: [INTERVAL],
    returns: t(INTERVAL),
    volatility: "immutable",
    start: (): Acc => ({ n: 0 }),
    step,
    result: (state) => {
      const s = state as Acc;
      return s.sum ? writeInterval(scaleInterval(s.sum, s.n, true)) : null;
    },
  },
]);
