// Running a translated pattern with PostgreSQL's preference among the matches at the leftmost
// position (the longest for a greedy RE, the shortest for a non-greedy one), all matches as
// setup_regexp_matches finds them, and code unit / character position conversions.
import type { PgRegex } from "./regex-translate.js";

export interface RegexMatch {
  start: number;
  end: number;
  groups: (string | undefined)[];
  /** Each group's [start, end) in code units, undefined when it did not take part. */
  groupIndices: ([number, number] | undefined)[];
}

const endForced = new Map<string, RegExp>();

/** A sticky RegExp matching the pattern only when it ends exactly `rest` code points before the end. */
function forcedEnd(r: PgRegex, rest: number): RegExp {
  const key = `${r.flags}/${rest}/${r.source}`;
  let re = endForced.get(key);
  if (!re) {
    re = new RegExp(`(?:${r.source})(?=[\\s\\S]{${rest}}(?![\\s\\S]))`, `${r.flags.replace("g", "")}yd`);
    if (endForced.size > 2000) endForced.clear();
    endForced.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

function toMatch(m: RegExpExecArray): RegexMatch {
  const groups = m.slice(1) as (string | undefined)[];
  const indices = m.indices ? (m.indices.slice(1) as ([number, number] | undefined)[]) : [];
  return { start: m.index, end: m.index + m[0].length, groups, groupIndices: indices };
}

function codePointsBetween(s: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i = nextIndex(s, i)) n++;
  return n;
}

/** The first match at or after `from` (code units), with PostgreSQL's preference among matches at that position. */
export function execAt(r: PgRegex, s: string, from: number): RegexMatch | undefined {
  const re = r.re;
  re.lastIndex = from;
  const m = re.exec(s);
  if (!m) return undefined;
  const first = toMatch(m);
  if (!r.refine || s.length > 4000) return first;
  const totalRest = codePointsBetween(s, first.start, s.length);
  const jsEndRest = codePointsBetween(s, first.end, s.length);
  if (r.prefer === "longest") {
    for (let rest = 0; rest < jsEndRest; rest++) {
      const f = forcedEnd(r, rest);
      f.lastIndex = first.start;
      const x = f.exec(s);
      if (x) return toMatch(x);
    }
  } else {
    for (let rest = totalRest; rest > jsEndRest; rest--) {
      const f = forcedEnd(r, rest);
      f.lastIndex = first.start;
      const x = f.exec(s);
      if (x) return toMatch(x);
    }
  }
  return first;
}

/** The code unit index one character after i. */
export function nextIndex(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? i + 2 : i + 1;
}

/**
 * setup_regexp_matches: the matches from `from` on (all of them when glob, else the first).
 * ignoreDegenerate drops empty matches at the start or end of the string or right after a match
 * (the split functions).
 */
export function allMatches(
  r: PgRegex,
  s: string,
  glob: boolean,
  from = 0,
  ignoreDegenerate = false,
): RegexMatch[] {
  const out: RegexMatch[] = [];
  let start = from;
  let prevEnd = 0;
  while (start <= s.length) {
    const m = execAt(r, s, start);
    if (!m) break;
    if (!ignoreDegenerate || (m.start < s.length && m.end > prevEnd)) out.push(m);
    prevEnd = m.end;
    if (!glob) break;
    start = m.end;
    if (m.start === m.end) {
      if (start >= s.length) break;
      start = nextIndex(s, start);
    }
  }
  return out;
}

/** Code unit index to 1-based character position. */
export function charPosition(s: string, index: number): number {
  return codePointsBetween(s, 0, index) + 1;
}

/** 1-based character position to code unit index (clamped to the end). */
export function unitIndex(s: string, position: number): number {
  let i = 0;
  for (let k = 1; k < position && i < s.length; k++) i = nextIndex(s, i);
  return i;
}
