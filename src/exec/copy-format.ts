import { PgError } from "../errors/pg-error.js";

/** COPY's text and CSV formats ("File Formats" in PostgreSQL's COPY documentation). */
export interface CopyFormat {
  csv: boolean;
  delimiter: string;
  null: string;
  header: boolean;
  quote: string;
  escape: string;
  /** CSV output: columns always quoted ("*": all). */
  forceQuote: Set<number> | "all";
  /** CSV input: columns whose empty unquoted value is "" rather than NULL. */
  forceNotNull: Set<number>;
  /** CSV input: columns whose quoted value matching NULL is NULL. */
  forceNull: Set<number>;
}

export function defaultFormat(csv: boolean): CopyFormat {
  return {
    csv,
    delimiter: csv ? "," : "\t",
    null: csv ? "" : "\\N",
    header: false,
    quote: '"',
    escape: '"',
    forceQuote: new Set(),
    forceNotNull: new Set(),
    forceNull: new Set(),
  };
}

const TEXT_ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

/** Reads text-format COPY data, one line at a time, as fields (null for NULL). */
function textFields(line: string, f: CopyFormat): (string | null)[] {
  const out: (string | null)[] = [];
  let cur = "";
  let raw = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === f.delimiter) {
      out.push(raw === f.null ? null : cur);
      cur = "";
      raw = "";
      continue;
    }
    raw += ch;
    if (ch !== "\\") {
      cur += ch;
      continue;
    }
    const next = line[++i];
    if (next === undefined) break;
    raw += next;
    if (TEXT_ESCAPES[next]) cur += TEXT_ESCAPES[next];
    else if (next >= "0" && next <= "7") {
      let digits = next;
      while (digits.length < 3 && line[i + 1] !== undefined && line[i + 1]! >= "0" && line[i + 1]! <= "7")
        digits += line[++i];
      raw += digits.slice(1);
      cur += String.fromCharCode(Number.parseInt(digits, 8));
    } else if (next === "x" && /[0-9a-fA-F]/.test(line[i + 1] ?? "")) {
      let hex = "";
      while (hex.length < 2 && /[0-9a-fA-F]/.test(line[i + 1] ?? "")) hex += line[++i];
      raw += hex;
      cur += String.fromCharCode(Number.parseInt(hex, 16));
    } else cur += next;
  }
  out.push(raw === f.null ? null : cur);
  return out;
}

/**
 * Splits COPY input into rows as it arrives. Text rows end at a newline; CSV rows may span lines
 * inside quotes. The old end-of-data marker `\.` on a line of its own ends the data.
 */
export class CopyReader {
  private pending = "";
  private decoder = new TextDecoder("utf-8", { fatal: true });
  private sawHeader = false;
  ended = false;

  constructor(private readonly f: CopyFormat) {}

  /** Rows complete in the data received so far. */
  push(chunk: Uint8Array, last = false): (string | null)[][] {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: !last });
    } catch {
      throw new PgError("CHARACTER_NOT_IN_REPERTOIRE", 'invalid byte sequence for encoding "UTF8"');
    }
    this.pending += text;
    const rows: (string | null)[][] = [];
    for (;;) {
      const row = this.f.csv ? this.nextCsv(last) : this.nextText(last);
      if (!row) break;
      if (this.f.header && !this.sawHeader) {
        this.sawHeader = true;
        continue;
      }
      rows.push(row);
    }
    return rows;
  }

  private takeLine(last: boolean): string | undefined {
    const nl = this.pending.indexOf("\n");
    if (nl < 0) {
      if (!last || this.pending === "") return undefined;
      const line = this.pending;
      this.pending = "";
      return line;
    }
    let line = this.pending.slice(0, nl);
    this.pending = this.pending.slice(nl + 1);
    if (line.endsWith("\r")) line = line.slice(0, -1);
    return line;
  }

  private nextText(last: boolean): (string | null)[] | undefined {
    if (this.ended) return undefined;
    const line = this.takeLine(last);
    if (line === undefined) return undefined;
    if (line === "\\.") {
      this.ended = true;
      return undefined;
    }
    return textFields(line, this.f);
  }

  private nextCsv(last: boolean): (string | null)[] | undefined {
    if (this.ended) return undefined;
    const f = this.f;
    const s = this.pending;
    const fields: (string | null)[] = [];
    let cur = "";
    let quoted = false;
    let inQuotes = false;
    let i = 0;
    for (; i < s.length; i++) {
      const ch = s[i]!;
      if (inQuotes) {
        // Inside quotes the escape character escapes a quote (or itself, when it is not the quote).
        if (ch === f.escape && (s[i + 1] === f.quote || (f.escape !== f.quote && s[i + 1] === f.escape))) {
          cur += s[i + 1];
          i++;
        } else if (ch === f.quote) inQuotes = false;
        else cur += ch;
        continue;
      }
      if (ch === f.quote) {
        inQuotes = true;
        quoted = true;
      } else if (ch === f.delimiter) {
        fields.push(this.csvValue(cur, quoted, fields.length));
        cur = "";
        quoted = false;
      } else if (ch === "\n" || ch === "\r") {
        fields.push(this.csvValue(cur, quoted, fields.length));
        if (ch === "\r" && s[i + 1] === "\n") i++;
        this.pending = s.slice(i + 1);
        if (fields.length === 1 && fields[0] === "\\." && !quoted) {
          this.ended = true;
          return undefined;
        }
        return fields;
      } else cur += ch;
    }
    if (!last || (s === "" && fields.length === 0)) return undefined;
    if (inQuotes) throw new PgError("BAD_COPY_FILE_FORMAT", "unterminated CSV quoted field");
    fields.push(this.csvValue(cur, quoted, fields.length));
    this.pending = "";
    return fields;
  }

  private csvValue(v: string, quoted: boolean, column: number): string | null {
    if (!quoted && v === this.f.null && !this.f.forceNotNull.has(column)) return null;
    if (quoted && v === this.f.null && this.f.forceNull.has(column)) return null;
    return v;
  }
}

/** One row of COPY output, newline included. */
export function formatCopyRow(values: (string | null)[], f: CopyFormat): string {
  if (!f.csv) {
    return `${values
      .map((v) =>
        v === null
          ? f.null
          : v
              .replace(
                /[\\\n\r\t\b\f\v]/g,
                (c) =>
                  `\\${c === "\\" ? "\\" : Object.keys(TEXT_ESCAPES).find((k) => TEXT_ESCAPES[k] === c)}`,
              )
              .replaceAll(f.delimiter, `\\${f.delimiter}`),
      )
      .join(f.delimiter)}\n`;
  }
  return `${values
    .map((v, i) => {
      if (v === null) return f.null;
      const needs =
        f.forceQuote === "all" ||
        f.forceQuote.has(i) ||
        v === f.null ||
        v.includes(f.delimiter) ||
        v.includes(f.quote) ||
        v.includes("\n") ||
        v.includes("\r") ||
        v === "\\.";
      if (!needs) return v;
      const body = v.replaceAll(f.quote, `${f.escape}${f.quote}`);
      return `${f.quote}${body}${f.quote}`;
    })
    .join(f.delimiter)}\n`;
}
