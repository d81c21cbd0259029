import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { type Outcome, outcome, rawClient } from "./outcome.js";
import { REFERENCE, referenceDatabase } from "./reference.js";
import { splitSql } from "./split-sql.js";

/**
 * The corpus: SQL scripts grouped in tiers (one directory per tier). Each script runs statement
 * by statement on a fresh PostgreSQL database and a fresh tenant, and each statement's outcome
 * (command tag, row count, column names and types, rows as text, SQLSTATE) is compared.
 */
export interface StatementResult {
  tier: string;
  script: string;
  index: number;
  sql: string;
  /** Same rows, columns, types, command tag, or same SQLSTATE. */
  matches: boolean;
  /** Matches, and so do error messages. */
  exact: boolean;
  ours: Outcome;
  theirs: Outcome;
}

export interface TierScore {
  tier: string;
  statements: number;
  matching: number;
  percent: number;
}

export function corpusScripts(root: string): { tier: string; path: string }[] {
  const out: { tier: string; path: string }[] = [];
  for (const tier of readdirSync(root).sort()) {
    const dir = join(root, tier);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith(".sql")) out.push({ tier, path: join(dir, f) });
    }
  }
  return out;
}

/** Runs one script against both servers; `ours` is where Tenantgres listens. */
export async function runScript(
  tier: string,
  path: string,
  ours: { host: string; port: number },
): Promise<StatementResult[]> {
  const ref = await referenceDatabase("corpus");
  const a = rawClient({ ...REFERENCE, database: ref.name });
  const b = rawClient({ ...ours, user: "postgres", database: ref.name });
  const results: StatementResult[] = [];
  try {
    await a.connect();
    await b.connect();
    const statements = splitSql(readFileSync(path, "utf8"));
    for (const [index, sql] of statements.entries()) {
      const theirs = await outcome(a, sql);
      const mine = await outcome(b, sql);
      const matches = sameOutcome(mine, theirs);
      const exact = matches && isDeepStrictEqual(mine.error?.message, theirs.error?.message);
      results.push({ tier, script: basename(path), index, sql, matches, exact, ours: mine, theirs });
    }
  } finally {
    await a.end().catch(() => {});
    await b.end().catch(() => {});
    await ref.drop();
  }
  return results;
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (a.error || b.error) return a.error?.code === b.error?.code;
  return isDeepStrictEqual(userTypesAlike(a), userTypesAlike(b));
}

/**
 * The OIDs of types a script makes (enums, domains) are whatever each server assigned (PostgreSQL
 * counts them cluster-wide); only that a column has such a type is compared.
 */
function userTypesAlike(o: Outcome): Outcome {
  const FIRST_NORMAL_OBJECT_ID = 16384;
  if (!o.fields) return o;
  return {
    ...o,
    fields: o.fields.map((f) => ({
      ...f,
      dataTypeID: f.dataTypeID >= FIRST_NORMAL_OBJECT_ID ? -1 : f.dataTypeID,
    })),
  };
}

export function scores(results: StatementResult[]): TierScore[] {
  const tiers = [...new Set(results.map((r) => r.tier))];
  return tiers.map((tier) => {
    const rs = results.filter((r) => r.tier === tier);
    const matching = rs.filter((r) => r.matches).length;
    return { tier, statements: rs.length, matching, percent: (100 * matching) / Math.max(1, rs.length) };
  });
}
