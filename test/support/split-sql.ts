/**
 * Splits an SQL script into statements at top-level semicolons, as psql does: quotes, quoted
 * identifiers, dollar quotes, E'' escapes and both kinds of comments are respected.
 */
export function splitSql(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i]!;
    const next = script[i + 1];
    if (c === "-" && next === "-") {
      const eol = script.indexOf("\n", i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === "/" && next === "*") {
      i = skipBlockComment(script, i);
    } else if (c === "'") {
      const escapes = /[eE]$/.test(script.slice(Math.max(0, i - 1), i)) && !/\w/.test(script[i - 2] ?? "");
      i = skipQuoted(script, i, "'", escapes);
    } else if (c === '"') {
      i = skipQuoted(script, i, '"', false);
    } else if (c === "$" && !/\w/.test(script[i - 1] ?? "")) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$/.exec(script.slice(i))?.[0];
      if (tag) {
        const end = script.indexOf(tag, i + tag.length);
        i = end < 0 ? n : end + tag.length;
      } else i++;
    } else if (c === ";") {
      push(out, script.slice(start, i + 1));
      start = ++i;
    } else i++;
  }
  push(out, script.slice(start));
  return out;
}

function push(out: string[], text: string): void {
  const trimmed = text.trim();
  if (trimmed !== "" && trimmed !== ";" && !isOnlyComments(trimmed)) out.push(trimmed);
}

function isOnlyComments(text: string): boolean {
  return (
    text
      .replace(/--[^\n]*/g, "")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .trim() === ""
  );
}

function skipBlockComment(s: string, i: number): number {
  let depth = 0;
  while (i < s.length) {
    if (s[i] === "/" && s[i + 1] === "*") {
      depth++;
      i += 2;
    } else if (s[i] === "*" && s[i + 1] === "/") {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return i;
}

function skipQuoted(s: string, i: number, quote: string, escapes: boolean): number {
  i++;
  while (i < s.length) {
    if (escapes && s[i] === "\\") i += 2;
    else if (s[i] === quote && s[i + 1] === quote) i += 2;
    else if (s[i] === quote) return i + 1;
    else i++;
  }
  return i;
}
