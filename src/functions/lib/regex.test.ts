import { describe, expect, it } from "vitest";
import { isPgError } from "../../errors/pg-error.js";
import { INT4, TEXT } from "../../sql/oids.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { ArgType } from "../registry.js";
import { functionsNamed } from "../registry.js";
import { pgRegexTest, pgSimilarTest } from "./regex.js";
import { allMatches, execAt } from "./regex-match.js";
import { similarToRegex } from "./regex-similar-to.js";
import { compileRegex, parseRegexFlags } from "./regex-translate.js";

function fn(name: string, args: ArgType[]) {
  const d = functionsNamed(name).find(
    (x) => x.args.length === args.length && x.args.every((a, i) => a === args[i]),
  );
  if (!d) throw new Error(`no ${name}(${args.join(", ")})`);
  return d;
}

function call(name: string, args: ArgType[], ...values: SqliteValue[]): SqliteValue {
  const d = fn(name, args);
  if (d.kind !== "udf") throw new Error(`${name} is not a udf`);
  return values.includes(null) && d.strict !== false ? null : d.impl(...values);
}

function rows(name: string, args: ArgType[], ...values: SqliteValue[]): SqliteValue[][] {
  const d = fn(name, args);
  if (d.kind !== "udf-set") throw new Error(`${name} is not set-returning`);
  return [...d.rows(...values)];
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isPgError(e)) return `${e.code} ${e.message}`;
    throw e;
  }
  throw new Error("no error");
}

const re = (pattern: string, flags = "") => compileRegex(pattern, parseRegexFlags(flags, undefined).options);
const match = (s: string, pattern: string, flags = "") => {
  const m = execAt(re(pattern, flags), s, 0);
  return m ? s.slice(m.start, m.end) : undefined;
};

describe("pattern translation", () => {
  it("reads bracket classes and escapes as PostgreSQL does", () => {
    expect(pgRegexTest("é", "[[:alpha:]]")).toBe(true);
    expect(pgRegexTest("1", "[[:alpha:]]")).toBe(false);
    expect(pgRegexTest("٣", "[[:alpha:]]")).toBe(true);
    expect(pgRegexTest("٣", "\\d")).toBe(false);
    expect(pgRegexTest("é", "\\w")).toBe(true);
    expect(pgRegexTest("€", "[[:punct:]]")).toBe(true);
    expect(pgRegexTest("\b", "\\b")).toBe(true);
    expect(pgRegexTest("A", "\\x41")).toBe(true);
    expect(pgRegexTest("a]", "[]a]+")).toBe(true);
  });

  it("has word constraints", () => {
    expect(pgRegexTest("word", "\\mword\\M")).toBe(true);
    expect(pgRegexTest("sword", "\\mword")).toBe(false);
    expect(pgRegexTest("a b", "\\ya\\y")).toBe(true);
    expect(pgRegexTest("ab", "a\\Yb")).toBe(true);
  });

  it("treats { that starts no bound as a literal", () => {
    expect(pgRegexTest("a{", "a{")).toBe(true);
    expect(pgRegexTest("a{x", "a{x")).toBe(true);
    expect(pgRegexTest("a}", "a}")).toBe(true);
    expect(pgRegexTest("aaa", "^a{2,3}$")).toBe(true);
  });

  it("follows the prefixes, embedded options and flags", () => {
    expect(pgRegexTest("ab", "(?i)AB")).toBe(true);
    expect(pgRegexTest("ab", "***:(?i)AB")).toBe(true);
    expect(pgRegexTest("a.b", "***=a.b")).toBe(true);
    expect(pgRegexTest("axb", "***=a.b")).toBe(false);
    expect(pgRegexTest("aB", "ab", "ic")).toBe(false);
    expect(pgRegexTest("ab", "a b # comment", "x")).toBe(true);
  });

  it("is newline-insensitive unless asked", () => {
    expect(pgRegexTest("a\nb", "a.b")).toBe(true);
    expect(pgRegexTest("a\nb", "a.b", "n")).toBe(false);
    expect(pgRegexTest("a\nb", "^b")).toBe(false);
    expect(pgRegexTest("a\nb", "^b", "n")).toBe(true);
    expect(pgRegexTest("a\nb", "a[^x]b", "p")).toBe(false);
    expect(pgRegexTest("a\nb", "a$", "w")).toBe(true);
    expect(pgRegexTest("a\rb", "a$", "n")).toBe(false);
  });

  it("makes parentheses in lookahead non-capturing", () => {
    expect(re("(?=(a))a(b)").groups).toBe(1);
  });

  it("reports PostgreSQL's errors", () => {
    const cases: [string, string][] = [
      ["(a", "parentheses () not balanced"],
      ["a)", "parentheses () not balanced"],
      ["[a", "brackets [] not balanced"],
      ["*a", "quantifier operand invalid"],
      ["a**", "quantifier operand invalid"],
      ["\\q", "invalid escape \\ sequence"],
      ["a{2,1}", "invalid repetition count(s)"],
      ["[z-a]", "invalid character range"],
      ["[[:foo:]]", "invalid character class"],
      ["(a)\\2", "invalid backreference number"],
      ["(?z)a", "invalid embedded option"],
      ["(?<x>a)", "quantifier operand invalid"],
    ];
    for (const [pattern, reason] of cases) {
      expect(errorOf(() => re(pattern))).toBe(`2201B invalid regular expression: ${reason}`);
    }
    expect(errorOf(() => parseRegexFlags("z", undefined))).toBe(
      '22023 invalid regular expression option: "z"',
    );
    expect(errorOf(() => parseRegexFlags("g", "regexp_like"))).toBe(
      '22023 regexp_like() does not support the "global" option',
    );
  });
});

describe("match preference", () => {
  it("takes the longest match of a greedy RE at the leftmost position", () => {
    expect(match("abcd", "a|ab")).toBe("ab");
    expect(match("xab", "x(a|ab)")).toBe("xab");
    expect(match("aabb", "a+?b+")).toBe("aab");
    expect(match("aaa", "a+?")).toBe("a");
  });

  it("skips degenerate matches when splitting", () => {
    expect(allMatches(re(""), "abc", true, 0, true).length).toBe(2);
    expect(allMatches(re("x*"), "abc", true).length).toBe(4);
  });
});

describe("functions", () => {
  it("regexp_match returns groups or the whole match", () => {
    expect(call("regexp_match", [TEXT, TEXT], "abc", "(a)(x)?")).toBe('["a",null]');
    expect(call("regexp_match", [TEXT, TEXT], "abc", "b*")).toBe('[""]');
    expect(call("regexp_match", [TEXT, TEXT, TEXT], "ABC", "b", "i")).toBe('["B"]');
    expect(call("regexp_match", [TEXT, TEXT], "abc", "z")).toBe(null);
    expect(errorOf(() => call("regexp_match", [TEXT, TEXT, TEXT], "abc", "b", "g"))).toBe(
      '22023 regexp_match() does not support the "global" option',
    );
  });

  it("regexp_replace expands \\1 and \\& and replaces the Nth match", () => {
    expect(call("regexp_replace", [TEXT, TEXT, TEXT, TEXT], "foobarbaz", "b(..)", "X\\1Y", "g")).toBe(
      "fooXarYXazY",
    );
    expect(call("regexp_replace", [TEXT, TEXT, TEXT], "abc", "b", "[\\&]")).toBe("a[b]c");
    expect(call("regexp_replace", [TEXT, TEXT, TEXT, TEXT], "abc", "x*", "-", "g")).toBe("-a-b-c-");
    expect(call("regexp_replace", [TEXT, TEXT, TEXT, INT4], "aaa", "a", "b", 2n)).toBe("aba");
    expect(call("regexp_replace", [TEXT, TEXT, TEXT, INT4, INT4], "aaa", "a", "b", 1n, 0n)).toBe("bbb");
    expect(call("regexp_replace", [TEXT, TEXT, TEXT, INT4, INT4, TEXT], "aaa", "a", "b", 1n, 2n, "g")).toBe(
      "aba",
    );
  });

  it("regexp_split_to_array and the set-returning forms", () => {
    expect(call("regexp_split_to_array", [TEXT, TEXT], "abc", "")).toBe('["a","b","c"]');
    expect(call("regexp_split_to_array", [TEXT, TEXT], ",a,", ",")).toBe('["","a",""]');
    expect(rows("regexp_split_to_table", [TEXT, TEXT], "a b  c", "\\s+")).toEqual([["a"], ["b"], ["c"]]);
    expect(rows("regexp_matches", [TEXT, TEXT, TEXT], "foobarbequebaz", "ba(.)", "g")).toEqual([
      ['["r"]'],
      ['["z"]'],
    ]);
    expect(rows("regexp_matches", [TEXT, TEXT], "abc", "x")).toEqual([]);
  });

  it("regexp_count, regexp_instr and regexp_substr count characters", () => {
    expect(call("regexp_count", [TEXT, TEXT], "abc", "")).toBe(4);
    expect(call("regexp_count", [TEXT, TEXT, INT4], "abcabc", "b", 3n)).toBe(1);
    expect(call("regexp_instr", [TEXT, TEXT], "😀a😀b", "b")).toBe(4);
    expect(call("regexp_instr", [TEXT, TEXT, INT4, INT4, INT4], "abcabc", "b", 1n, 2n, 1n)).toBe(6);
    expect(
      call("regexp_substr", [TEXT, TEXT, INT4, INT4, TEXT, INT4], "abcabc", "b(.)", 1n, 2n, "", 1n),
    ).toBe("c");
    expect(errorOf(() => call("regexp_count", [TEXT, TEXT, INT4], "abc", "b", 0n))).toBe(
      '22023 invalid value for parameter "start": 0',
    );
    expect(errorOf(() => call("regexp_instr", [TEXT, TEXT, INT4, INT4, INT4], "abc", "b", 1n, 1n, 2n))).toBe(
      '22023 invalid value for parameter "endoption": 2',
    );
  });

  it("substring with POSIX and SQL patterns", () => {
    expect(call("substring", [TEXT, TEXT], "foobar", "o(.)b")).toBe("o");
    expect(call("substring", [TEXT, TEXT], "foobar", "o(x)?b")).toBe(null);
    expect(call("substring", [TEXT, TEXT, TEXT], "foobar", '%#"o_b#"%', "#")).toBe("oob");
    expect(call("substring", [TEXT, TEXT, TEXT], "abcabc", 'a#"%#"c', "#")).toBe("bcab");
    expect(call("substring", [TEXT, TEXT, TEXT], "abc", "a.c", "#")).toBe(null);
    expect(similarToRegex("a%_", "#")).toBe("^(?:a.*?.)$");
    expect(errorOf(() => similarToRegex('#"a#"b#"c#"', "#"))).toBe(
      "2200C SQL regular expression may not contain more than two escape-double-quote separators",
    );
    expect(errorOf(() => similarToRegex("a", "##"))).toBe("22025 invalid escape string");
    expect(pgSimilarTest("abc", "a%")).toBe(true);
    expect(pgSimilarTest("abc", "(a|x)_c")).toBe(true);
    expect(pgSimilarTest("abc", "b%")).toBe(false);
    expect(pgSimilarTest("a%", "a#%", "#")).toBe(true);
    expect(pgSimilarTest("ab", "a#%", "#")).toBe(false);
  });
});
