// PostgreSQL's regular expressions (Spencer's ARE, src/backend/regex) translated to JavaScript
// RegExps. Translated: bracket expressions with [:class:], [.x.] and [=x=]; the escapes \d \s \w
// (Unicode-aware, as in a UTF-8 locale), \m \M \y \Y \A \Z, \e \B \cX \uXXXX \UXXXXXXXX \xHH and
// octal; back-references; bounds {m,n} (a "{" not starting a bound is literal); the prefixes
// ***: and ***=; embedded options (?bceimnpqstwx); the flags i c n m p w s x q e t; expanded
// syntax; newline-sensitive matching ("." and [^...] stop at "\n", ^ and $ anchor at newlines,
// and only there). The overall match follows PostgreSQL's rule that a greedy RE matches the
// longest and a non-greedy one the shortest text at the leftmost position where it matches
// (JavaScript's backtracking would take the first alternative). Not handled: basic REs (flag b,
// FEATURE_NOT_SUPPORTED), multi-character collating elements, and PostgreSQL's preferences for
// the extent of sub-matches where they differ from backtracking.
// Here: the flags and embedded options, and compiling a pattern. The syntax is read by
// regex-syntax.ts and regex-translator.ts; matching with PostgreSQL's preferences is in
// regex-match.ts, SIMILAR TO patterns in regex-similar-to.ts.
import { PgError } from "../../errors/pg-error.js";
import { escapeOutside, invalidRegex, type RegexOptions } from "./regex-syntax.js";
import { Translator } from "./regex-translator.js";

/** A translated pattern. */
export interface PgRegex {
  /** The JavaScript RegExp (flags "gu", plus "i"); lastIndex is reset by every use. */
  re: RegExp;
  source: string;
  flags: string;
  /** Capturing groups. */
  groups: number;
  /** How PostgreSQL picks among matches at the leftmost position. */
  prefer: "longest" | "shortest" | "any";
  /** Whether JavaScript's first match may differ from PostgreSQL's preference (so ends are searched). */
  refine: boolean;
}

/** parse_re_flags: the option letters of the regex functions. */
export function parseRegexFlags(
  flags: string,
  fn: string | undefined,
): { options: RegexOptions; glob: boolean } {
  const o: RegexOptions = {
    icase: false,
    nlstop: false,
    nlanch: false,
    expanded: false,
    quote: false,
    basic: false,
  };
  let glob = false;
  for (const c of flags) {
    switch (c) {
      case "g":
        if (fn) {
          throw new PgError("INVALID_PARAMETER_VALUE", `${fn}() does not support the "global" option`, {
            hint: fn === "regexp_match" ? "Use the regexp_matches function instead." : undefined,
          });
        }
        glob = true;
        break;
      default:
        if (!applyOption(o, c)) {
          throw new PgError("INVALID_PARAMETER_VALUE", `invalid regular expression option: "${c}"`);
        }
    }
  }
  return { options: o, glob };
}

function applyOption(o: RegexOptions, c: string): boolean {
  switch (c) {
    case "b":
      o.basic = true;
      return true;
    case "c":
      o.icase = false;
      return true;
    case "e":
      o.basic = false;
      return true;
    case "i":
      o.icase = true;
      return true;
    case "m":
    case "n":
      o.nlstop = true;
      o.nlanch = true;
      return true;
    case "p":
      o.nlstop = true;
      o.nlanch = false;
      return true;
    case "q":
      o.quote = true;
      return true;
    case "s":
      o.nlstop = false;
      o.nlanch = false;
      return true;
    case "t":
      o.expanded = false;
      return true;
    case "w":
      o.nlstop = false;
      o.nlanch = true;
      return true;
    case "x":
      o.expanded = true;
      return true;
    default:
      return false;
  }
}

const cache = new Map<string, PgRegex>();

/** Compiles a PostgreSQL pattern with the given options (cached). */
export function compileRegex(pattern: string, options: RegexOptions): PgRegex {
  const key = `${JSON.stringify(options)}\u0000${pattern}`;
  let r = cache.get(key);
  if (r) return r;
  r = build(pattern, { ...options });
  if (cache.size > 1000) cache.clear();
  cache.set(key, r);
  return r;
}

function build(pattern: string, o: RegexOptions): PgRegex {
  let p = pattern;
  if (p.startsWith("***:")) p = p.slice(4);
  else if (p.startsWith("***=")) {
    p = p.slice(4);
    o.quote = true;
  } else if (p.startsWith("***")) {
    throw invalidRegex("invalid argument to regex function");
  }
  if (o.basic && !o.quote) {
    throw new PgError("FEATURE_NOT_SUPPORTED", "basic regular expressions (flag b) are not supported");
  }
  if (!o.quote && /^\(\?[a-zA-Z]/.test(p)) {
    const end = p.indexOf(")");
    if (end < 0) throw invalidRegex("invalid embedded option");
    for (const c of p.slice(2, end)) {
      if (!applyOption(o, c)) throw invalidRegex("invalid embedded option");
    }
    p = p.slice(end + 1);
  }
  let source: string;
  let groups = 0;
  let prefer: PgRegex["prefer"] = "any";
  let refine = false;
  if (o.quote) {
    source = [...p].map(escapeOutside).join("");
  } else {
    const t = new Translator(p, o);
    const re = t.translate();
    source = re.src;
    groups = t.groups;
    prefer = re.greed === "greedy" ? "longest" : re.greed === "lazy" ? "shortest" : "any";
    refine =
      (prefer === "longest" && (t.hasAlt || t.hasLazy)) ||
      (prefer === "shortest" && (t.hasAlt || t.hasGreedy));
  }
  const flags = `gu${o.icase ? "i" : ""}`;
  let re: RegExp;
  try {
    re = new RegExp(source, `${flags}d`);
  } catch (e) {
    throw invalidRegex((e as Error).message.replace(/^Invalid regular expression: /, ""));
  }
  return { re, source, flags, groups, prefer, refine };
}
