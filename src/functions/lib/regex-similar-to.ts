// SIMILAR TO: similar_escape of PostgreSQL 15, which rewrites an SQL regular expression as a POSIX one.
import { PgError } from "../../errors/pg-error.js";

/** similar_escape: an SQL (SIMILAR TO) pattern as a POSIX regular expression. */
export function similarToRegex(pattern: string, escapeChar: string | null): string {
  let esc: string | undefined;
  if (escapeChar === null) esc = "\\";
  else {
    const cps = [...escapeChar];
    if (cps.length > 1) {
      throw new PgError("INVALID_ESCAPE_SEQUENCE", "invalid escape string", {
        hint: "Escape string must be empty or one character.",
      });
    }
    esc = cps[0];
  }
  let out = "^(?:";
  let afterEscape = false;
  let inClass = false;
  let classPos = 0;
  let quotes = 0;
  const lazyPart = () => quotes === 0;
  for (const c of pattern) {
    if (afterEscape) {
      if (c === '"' && !inClass) {
        if (quotes === 0) out += "){1,1}?(";
        else if (quotes === 1) out += "){1,1}(?:";
        else {
          throw new PgError(
            "INVALID_USE_OF_ESCAPE_CHARACTER",
            "SQL regular expression may not contain more than two escape-double-quote separators",
          );
        }
        quotes++;
      } else {
        out += `\\${c}`;
      }
      afterEscape = false;
    } else if (esc !== undefined && c === esc) {
      afterEscape = true;
    } else if (inClass) {
      if (c === "\\") out += "\\";
      out += c;
      // A "]" right after "[" or "[^" is literal.
      if (c === "]" && classPos > 2) inClass = false;
      else if (c === "^") classPos++;
      else classPos = 3;
    } else if (c === "[") {
      out += c;
      inClass = true;
      classPos = 1;
    } else if (c === "%") {
      out += lazyPart() ? ".*?" : ".*";
    } else if (c === "_") {
      out += ".";
    } else if (c === "(") {
      out += "(?:";
    } else if (c === "\\" || c === "." || c === "^" || c === "$") {
      out += `\\${c}`;
    } else if ((c === "*" || c === "+" || c === "?") && lazyPart()) {
      out += `${c}?`;
    } else {
      out += c;
    }
  }
  return `${out})$`;
}
