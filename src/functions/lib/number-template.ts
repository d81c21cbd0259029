// The numeric template patterns of to_char (PostgreSQL 15's formatting.c, NUM_keywords and
// NUMDesc_prepare): parsing a picture such as 'FM9,999.99S' into nodes and the number description
// (digits before and after the point, sign placement, flags) it implies.
import { PgError } from "../../errors/pg-error.js";

export type NumId =
  | ","
  | "."
  | "0"
  | "9"
  | "B"
  | "C"
  | "D"
  | "EEEE"
  | "FM"
  | "G"
  | "L"
  | "MI"
  | "PL"
  | "PR"
  | "RN"
  | "SG"
  | "SP"
  | "S"
  | "TH"
  | "V"
  | "rn"
  | "th";

// NUM_keywords: name and id, in PostgreSQL's order.
const KEYWORDS: [string, NumId][] = [
  [",", ","],
  [".", "."],
  ["0", "0"],
  ["9", "9"],
  ["B", "B"],
  ["C", "C"],
  ["D", "D"],
  ["EEEE", "EEEE"],
  ["FM", "FM"],
  ["G", "G"],
  ["L", "L"],
  ["MI", "MI"],
  ["PL", "PL"],
  ["PR", "PR"],
  ["RN", "RN"],
  ["SG", "SG"],
  ["SP", "SP"],
  ["S", "S"],
  ["TH", "TH"],
  ["V", "V"],
  ["b", "B"],
  ["c", "C"],
  ["d", "D"],
  ["eeee", "EEEE"],
  ["fm", "FM"],
  ["g", "G"],
  ["l", "L"],
  ["mi", "MI"],
  ["pl", "PL"],
  ["pr", "PR"],
  ["rn", "rn"],
  ["sg", "SG"],
  ["sp", "SP"],
  ["s", "S"],
  ["th", "th"],
  ["v", "V"],
];

export const F_DECIMAL = 1 << 1;
const F_LDECIMAL = 1 << 2;
export const F_ZERO = 1 << 3;
const F_BLANK = 1 << 4;
export const F_FILLMODE = 1 << 5;
export const F_LSIGN = 1 << 6;
export const F_BRACKET = 1 << 7;
export const F_MINUS = 1 << 8;
export const F_PLUS = 1 << 9;
export const F_ROMAN = 1 << 10;
export const F_MULTI = 1 << 11;
const F_PLUS_POST = 1 << 12;
const F_MINUS_POST = 1 << 13;
export const F_EEEE = 1 << 14;

export const LSIGN_PRE = -1;
export const LSIGN_POST = 1;
const LSIGN_NONE = 0;

export interface NumDesc {
  pre: number;
  post: number;
  lsign: number;
  flag: number;
  preLsignNum: number;
  multi: number;
  zeroStart: number;
  zeroEnd: number;
}

export type NumNode = { type: "action"; id: NumId } | { type: "char"; character: string };

const syntaxError = (message: string, detail?: string) => new PgError("SYNTAX_ERROR", message, { detail });

/** NUMDesc_prepare: what one pattern contributes to the number description. */
function prepare(d: NumDesc, id: NumId): void {
  if (d.flag & F_EEEE && id !== "EEEE") throw syntaxError('"EEEE" must be the last pattern used');
  switch (id) {
    case "9":
      if (d.flag & F_BRACKET) throw syntaxError('"9" must be ahead of "PR"');
      if (d.flag & F_MULTI) {
        d.multi++;
        break;
      }
      if (d.flag & F_DECIMAL) d.post++;
      else d.pre++;
      break;
    case "0":
      if (d.flag & F_BRACKET) throw syntaxError('"0" must be ahead of "PR"');
      if (!(d.flag & F_ZERO) && !(d.flag & F_DECIMAL)) {
        d.flag |= F_ZERO;
        d.zeroStart = d.pre + 1;
      }
      if (!(d.flag & F_DECIMAL)) d.pre++;
      else d.post++;
      d.zeroEnd = d.pre + d.post;
      break;
    case "B":
      if (d.pre === 0 && d.post === 0 && !(d.flag & F_ZERO)) d.flag |= F_BLANK;
      break;
    case "D":
    case ".":
      if (id === "D") d.flag |= F_LDECIMAL;
      if (d.flag & F_DECIMAL) throw syntaxError("multiple decimal points");
      if (d.flag & F_MULTI) throw syntaxError('cannot use "V" and decimal point together');
      d.flag |= F_DECIMAL;
      break;
    case "FM":
      d.flag |= F_FILLMODE;
      break;
    case "S":
      if (d.flag & F_LSIGN) throw syntaxError('cannot use "S" twice');
      if (d.flag & (F_PLUS | F_MINUS | F_BRACKET))
        throw syntaxError('cannot use "S" and "PL"/"MI"/"SG"/"PR" together');
      if (!(d.flag & F_DECIMAL)) {
        d.lsign = LSIGN_PRE;
        d.preLsignNum = d.pre;
        d.flag |= F_LSIGN;
      } else if (d.lsign === LSIGN_NONE) {
        d.lsign = LSIGN_POST;
        d.flag |= F_LSIGN;
      }
      break;
    case "MI":
      if (d.flag & F_LSIGN) throw syntaxError('cannot use "S" and "MI" together');
      d.flag |= F_MINUS;
      if (d.flag & F_DECIMAL) d.flag |= F_MINUS_POST;
      break;
    case "PL":
      if (d.flag & F_LSIGN) throw syntaxError('cannot use "S" and "PL" together');
      d.flag |= F_PLUS;
      if (d.flag & F_DECIMAL) d.flag |= F_PLUS_POST;
      break;
    case "SG":
      if (d.flag & F_LSIGN) throw syntaxError('cannot use "S" and "SG" together');
      d.flag |= F_MINUS | F_PLUS;
      break;
    case "PR":
      if (d.flag & (F_LSIGN | F_PLUS | F_MINUS))
        throw syntaxError('cannot use "PR" and "S"/"PL"/"MI"/"SG" together');
      d.flag |= F_BRACKET;
      break;
    case "rn":
    case "RN":
      d.flag |= F_ROMAN;
      break;
    case "V":
      if (d.flag & F_DECIMAL) throw syntaxError('cannot use "V" and decimal point together');
      d.flag |= F_MULTI;
      break;
    case "EEEE":
      if (d.flag & F_EEEE) throw syntaxError('cannot use "EEEE" twice');
      if (d.flag & (F_BLANK | F_FILLMODE | F_LSIGN | F_BRACKET | F_MINUS | F_PLUS | F_ROMAN | F_MULTI)) {
        throw syntaxError(
          '"EEEE" is incompatible with other formats',
          '"EEEE" may only be used together with digit and decimal point patterns.',
        );
      }
      d.flag |= F_EEEE;
      break;
    default:
      break;
  }
}

const cache = new Map<string, { nodes: NumNode[]; desc: NumDesc }>();

/** parse_format for number pictures, with the number description it implies. */
export function parseNumFormat(fmt: string): { nodes: NumNode[]; desc: NumDesc } {
  const hit = cache.get(fmt);
  if (hit) return { nodes: hit.nodes, desc: { ...hit.desc } };
  const desc: NumDesc = {
    pre: 0,
    post: 0,
    lsign: 0,
    flag: 0,
    preLsignNum: 0,
    multi: 0,
    zeroStart: 0,
    zeroEnd: 0,
  };
  const nodes: NumNode[] = [];
  let i = 0;
  while (i < fmt.length) {
    const kw = KEYWORDS.find(([name]) => name[0] === fmt[i] && fmt.startsWith(name, i));
    if (kw) {
      prepare(desc, kw[1]);
      nodes.push({ type: "action", id: kw[1] });
      i += kw[0].length;
    } else if (fmt[i] === '"') {
      i++;
      while (i < fmt.length) {
        if (fmt[i] === '"') {
          i++;
          break;
        }
        if (fmt[i] === "\\" && i + 1 < fmt.length) i++;
        const ch = String.fromCodePoint(fmt.codePointAt(i)!);
        nodes.push({ type: "char", character: ch });
        i += ch.length;
      }
    } else {
      if (fmt[i] === "\\" && fmt[i + 1] === '"') i++;
      const ch = String.fromCodePoint(fmt.codePointAt(i)!);
      nodes.push({ type: "char", character: ch });
      i += ch.length;
    }
  }
  if (cache.size > 200) cache.clear();
  cache.set(fmt, { nodes, desc: { ...desc } });
  return { nodes, desc };
}
