// The fields to_date and to_timestamp read from their source string (struct TmFromChar of
// PostgreSQL 15's formatting.c) and the readers that fill them: integers of a fixed or free
// width (from_char_parse_int_len) and words from a list (seq_search_ascii).
import { PgError } from "../../errors/pg-error.js";
import {
  type DateMode,
  type FormatNode,
  isSpaceChar,
  type KeyWord,
  S_FM,
  S_TH,
  S_th,
} from "./datetime-template.js";

export interface TmFromChar {
  mode: DateMode;
  hh: number;
  pm: number;
  mi: number;
  ss: number;
  ssss: number;
  d: number;
  dd: number;
  ddd: number;
  mm: number;
  ms: number;
  year: number;
  bc: number;
  ww: number;
  w: number;
  cc: number;
  j: number;
  us: number;
  yysz: number;
  clock12: boolean;
  tzsign: number;
  tzh: number;
  tzm: number;
  ff: number;
}

export type IntField =
  | "hh"
  | "pm"
  | "mi"
  | "ss"
  | "ssss"
  | "d"
  | "dd"
  | "ddd"
  | "mm"
  | "ms"
  | "year"
  | "bc"
  | "ww"
  | "w"
  | "cc"
  | "j"
  | "us"
  | "tzh"
  | "tzm";

export function newTmfc(): TmFromChar {
  return {
    mode: "none",
    hh: 0,
    pm: 0,
    mi: 0,
    ss: 0,
    ssss: 0,
    d: 0,
    dd: 0,
    ddd: 0,
    mm: 0,
    ms: 0,
    year: 0,
    bc: 0,
    ww: 0,
    w: 0,
    cc: 0,
    j: 0,
    us: 0,
    yysz: 0,
    clock12: false,
    tzsign: 0,
    tzh: 0,
    tzm: 0,
    ff: 0,
  };
}

export const formatError = (message: string, options: { detail?: string; hint?: string } = {}) =>
  new PgError("INVALID_DATETIME_FORMAT", message, options);

const FM_HINT = 'If your source string is not fixed-width, try using the "FM" modifier.';

export function setInt(out: TmFromChar, field: IntField, value: number, key: KeyWord): void {
  if (out[field] !== 0 && out[field] !== value) {
    throw formatError(`conflicting values for "${key.name}" field in formatting string`, {
      detail: "This value contradicts a previous setting for the same field type.",
    });
  }
  out[field] = value;
}

/** is_next_separator: whether the field after node i cannot hold digits. */
function isNextSeparator(nodes: FormatNode[], i: number): boolean {
  const n = nodes[i];
  if (!n) return false;
  if (n.type === "action" && n.suffix & (S_TH | S_th)) return true;
  const next = nodes[i + 1];
  if (!next) return true;
  if (next.type === "action") return !next.key.isDigit;
  return !(next.character.length === 1 && /[0-9]/.test(next.character));
}

/** C's strtol: optional whitespace and sign, then digits; returns the value and the end. */
function strtol(s: string, from: number): { value: number; end: number; range: boolean } {
  let i = from;
  while (i < s.length && isSpaceChar(s[i]!)) i++;
  let neg = false;
  if (s[i] === "+" || s[i] === "-") {
    neg = s[i] === "-";
    i++;
  }
  const start = i;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === start) return { value: 0, end: from, range: false };
  const big = BigInt(s.slice(start, i));
  const v = neg ? -big : big;
  const range = v > 0x7fffffffffffffffn || v < -0x8000000000000000n;
  return { value: Number(v), end: i, range };
}

export class Source {
  pos = 0;
  constructor(readonly text: string) {}
  get rest(): string {
    return this.text.slice(this.pos);
  }
  get ch(): string | undefined {
    return this.text[this.pos];
  }
}

/** from_char_parse_int_len: an integer of at most len characters (or as many as there are). */
export function parseIntLen(
  out: TmFromChar | null,
  field: IntField | null,
  src: Source,
  len: number,
  nodes: FormatNode[],
  i: number,
): number {
  const node = nodes[i] as Extract<FormatNode, { type: "action" }>;
  const init = src.pos;
  while (src.pos < src.text.length && isSpaceChar(src.text[src.pos]!)) src.pos++;
  const remaining = src.text.length - src.pos;
  const copy = src.text.slice(src.pos, src.pos + len);
  let result: { value: number; range: boolean };
  if (node.suffix & S_FM || isNextSeparator(nodes, i)) {
    const r = strtol(src.text, init);
    src.pos = r.end;
    result = r;
  } else {
    if (remaining < len) {
      throw formatError(`source string too short for "${node.key.name}" formatting field`, {
        detail: `Field requires ${len} characters, but only ${remaining} remain.`,
        hint: FM_HINT,
      });
    }
    const r = strtol(copy, 0);
    const used = r.end;
    if (used > 0 && used < len) {
      throw formatError(`invalid value "${copy}" for "${node.key.name}"`, {
        detail: `Field requires ${len} characters, but only ${used} could be parsed.`,
        hint: FM_HINT,
      });
    }
    src.pos += used;
    result = r;
  }
  if (src.pos === init) {
    throw formatError(`invalid value "${copy}" for "${node.key.name}"`, {
      detail: "Value must be an integer.",
    });
  }
  if (result.range || result.value < -2147483648 || result.value > 2147483647) {
    throw new PgError(
      "DATETIME_VALUE_OUT_OF_RANGE",
      `value for "${node.key.name}" in source string is out of range`,
      { detail: "Value must be in the range -2147483648 to 2147483647." },
    );
  }
  if (out && field) setInt(out, field, result.value, node.key);
  return src.pos - init;
}

/** seq_search_ascii: the first entry that the source starts with, ignoring case. */
export function seqSearch(src: Source, array: string[], key: KeyWord): number {
  const rest = src.rest.toLowerCase();
  for (let idx = 0; idx < array.length; idx++) {
    const a = array[idx]!.toLowerCase();
    if (rest.startsWith(a)) {
      src.pos += a.length;
      return idx;
    }
  }
  const copy = src.rest.split(/[ \t\n\r\f\v]/)[0]!;
  throw formatError(`invalid value "${copy}" for "${key.name}"`, {
    detail: "The given value did not match any of the allowed values for this field.",
  });
}
