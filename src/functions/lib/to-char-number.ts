// to_char for numbers: the numeric template patterns of PostgreSQL 15's formatting.c
// (NUMDesc_prepare, NUM_processor, NUM_numpart_to_char and the per-type to_char functions), in the C
// locale (decimal point ".", group separator ",", currency symbol " ").
import { PgError } from "../../errors/pg-error.js";
import { FLOAT4, FLOAT8, INT4, INT8, NUMERIC, TEXT, t } from "../../sql/oids.js";
import { rint } from "../../types/codecs/datetime-calendar.js";
import { type Decimal, formatDecimal, type NumericValue, roundDecimal } from "../../types/codecs/decimal.js";
import { storedNumeric } from "../../types/codecs/numeric.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import { defineFunctions } from "../registry.js";
import { num, str } from "./datetime-core.js";

type NumId =
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

const F_DECIMAL = 1 << 1;
const F_LDECIMAL = 1 << 2;
const F_ZERO = 1 << 3;
const F_BLANK = 1 << 4;
const F_FILLMODE = 1 << 5;
const F_LSIGN = 1 << 6;
const F_BRACKET = 1 << 7;
const F_MINUS = 1 << 8;
const F_PLUS = 1 << 9;
const F_ROMAN = 1 << 10;
const F_MULTI = 1 << 11;
const F_PLUS_POST = 1 << 12;
const F_MINUS_POST = 1 << 13;
const F_EEEE = 1 << 14;

const LSIGN_PRE = -1;
const LSIGN_POST = 1;
const LSIGN_NONE = 0;

interface NumDesc {
  pre: number;
  post: number;
  lsign: number;
  flag: number;
  preLsignNum: number;
  multi: number;
  zeroStart: number;
  zeroEnd: number;
}

type NumNode = { type: "action"; id: NumId } | { type: "char"; character: string };

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
function parseNumFormat(fmt: string): { nodes: NumNode[]; desc: NumDesc } {
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

/** get_th for numbers. */
function ordinal(num: string, upper: boolean): string {
  const last = num[num.length - 1] ?? "";
  if (!/[0-9]/.test(last)) throw new PgError("INVALID_TEXT_REPRESENTATION", `"${num}" is not a number`);
  const teen = num.length > 1 && num[num.length - 2] === "1";
  const s = teen ? "th" : last === "1" ? "st" : last === "2" ? "nd" : last === "3" ? "rd" : "th";
  return upper ? s.toUpperCase() : s;
}

/** NUM_processor in to_char mode. */
function processNumber(
  nodes: NumNode[],
  d: NumDesc,
  number: string,
  outPreSpaces: number,
  sign: string,
): string {
  let out = "";
  let signWrote: boolean;
  let numIn = false;
  let numCurr = 0;
  let numberP = 0;
  let lastRelevant: number | undefined;
  // Where PostgreSQL writes the number's terminating NUL into the output, which ends the text there.
  let cut: number | undefined;
  if (d.zeroStart) d.zeroStart--;
  if (d.flag & F_EEEE) return number;
  if (d.flag & F_ROMAN) {
    d.lsign = d.preLsignNum = d.post = d.pre = 0;
    outPreSpaces = 0;
    sign = "";
    d.flag = (d.flag & F_FILLMODE ? F_FILLMODE : 0) | F_ROMAN;
  }
  const is = (f: number) => (d.flag & f) !== 0;
  if (is(F_PLUS) || is(F_MINUS)) {
    signWrote = !(is(F_PLUS) && !is(F_MINUS));
  } else {
    if (sign !== "-" && is(F_FILLMODE)) d.flag &= ~F_BRACKET;
    signWrote = sign === "+" && is(F_FILLMODE) && !is(F_LSIGN);
    if (d.lsign === LSIGN_PRE && d.pre === d.preLsignNum) d.lsign = LSIGN_POST;
  }
  let numCount = d.post + d.pre - 1;
  if (is(F_FILLMODE) && is(F_DECIMAL)) {
    const dot = number.indexOf(".");
    if (dot >= 0) {
      lastRelevant = dot;
      for (let k = dot + 1; k < number.length; k++) if (number[k] !== "0") lastRelevant = k;
      if (d.zeroEnd > outPreSpaces) {
        const lastZero = Math.min(number.length - 1, d.zeroEnd - outPreSpaces);
        if (lastRelevant < lastZero) lastRelevant = lastZero;
      }
    }
  }
  if (!signWrote && outPreSpaces === 0) numCount++;

  const at = (k: number) => number[k] ?? "";
  const predecSpace = () => !is(F_ZERO) && numberP === 0 && at(0) === "0" && d.post !== 0;

  const numpart = (id: NumId) => {
    if (is(F_ROMAN)) return;
    numIn = false;
    if (
      !signWrote &&
      (numCurr >= outPreSpaces || (is(F_ZERO) && d.zeroStart === numCurr)) &&
      (!predecSpace() || (lastRelevant !== undefined && at(lastRelevant) === "."))
    ) {
      if (is(F_LSIGN)) {
        if (d.lsign === LSIGN_PRE) {
          out += sign === "-" ? "-" : "+";
          signWrote = true;
        }
      } else if (is(F_BRACKET)) {
        out += sign === "+" ? " " : "<";
        signWrote = true;
      } else if (sign === "+") {
        if (!is(F_FILLMODE)) out += " ";
        signWrote = true;
      } else if (sign === "-") {
        out += "-";
        signWrote = true;
      }
    }
    if (id === "9" || id === "0" || id === "D" || id === ".") {
      if (numCurr < outPreSpaces && (d.zeroStart > numCurr || !is(F_ZERO))) {
        if (!is(F_FILLMODE)) out += " ";
      } else if (is(F_ZERO) && numCurr < outPreSpaces && d.zeroStart <= numCurr) {
        out += "0";
        numIn = true;
      } else {
        if (at(numberP) === ".") {
          if (lastRelevant === undefined || at(lastRelevant) !== ".") out += ".";
          else if (is(F_FILLMODE) && at(lastRelevant) === ".") out += ".";
        } else if (lastRelevant !== undefined && numberP > lastRelevant && id !== "0") {
          // a trailing zero FM drops
        } else if (predecSpace()) {
          if (!is(F_FILLMODE)) out += " ";
          else if (lastRelevant !== undefined && at(lastRelevant) === ".") out += "0";
        } else {
          if (numberP >= number.length) cut ??= out.length;
          out += at(numberP);
          numIn = true;
        }
        if (numberP < number.length) numberP++;
      }
      let end = numCount + (outPreSpaces ? 1 : 0) + (is(F_DECIMAL) ? 1 : 0);
      if (lastRelevant !== undefined && lastRelevant === numberP) end = numCurr;
      if (numCurr + 1 === end) {
        if (signWrote && is(F_BRACKET)) out += sign === "+" ? " " : ">";
        else if (is(F_LSIGN) && d.lsign === LSIGN_POST) out += sign === "-" ? "-" : "+";
      }
    }
    numCurr++;
  };

  for (const n of nodes) {
    if (n.type !== "action") {
      out += n.character;
      continue;
    }
    switch (n.id) {
      case "9":
      case "0":
      case ".":
      case "D":
        numpart(n.id);
        break;
      case ",":
      case "G":
        if (!numIn) {
          if (!is(F_FILLMODE)) out += " ";
        } else {
          out += ",";
        }
        break;
      case "L":
        out += " ";
        break;
      case "RN":
        out += is(F_FILLMODE) ? number.slice(numberP) : number.slice(numberP).padStart(15);
        break;
      case "rn":
        out += (is(F_FILLMODE) ? number.slice(numberP) : number.slice(numberP).padStart(15)).toLowerCase();
        break;
      case "th":
      case "TH":
        if (is(F_ROMAN) || at(0) === "#" || sign === "-" || is(F_DECIMAL)) break;
        out += ordinal(number, n.id === "TH");
        break;
      case "MI":
        if (sign === "-") out += "-";
        else if (!is(F_FILLMODE)) out += " ";
        break;
      case "PL":
        if (sign === "+") out += "+";
        else if (!is(F_FILLMODE)) out += " ";
        break;
      case "SG":
        out += sign;
        break;
      default:
        break;
    }
  }
  return cut === undefined ? out : out.slice(0, cut);
}

// ---------------------------------------------------------------------------------------------
// Number to text as C's printf and numeric_out do it

/** A double's exact value as digits and a scale: value = digits / 10^scale. */
function exactDecimal(x: number): { neg: boolean; digits: bigint; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const neg = hi >>> 31 === 1;
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  if (e >= 0) return { neg, digits: mant << BigInt(e), scale: 0 };
  return { neg, digits: mant * 5n ** BigInt(-e), scale: -e };
}

/** Rounds digits/10^scale to `places` decimals, half to even (glibc's printf on exact values). */
function roundHalfEven(digits: bigint, scale: number, places: number): bigint {
  if (places >= scale) return digits * 10n ** BigInt(places - scale);
  const div = 10n ** BigInt(scale - places);
  const q = digits / div;
  const r = digits % div;
  const twice = r * 2n;
  if (twice > div || (twice === div && q % 2n === 1n)) return q + 1n;
  return q;
}

function withPoint(value: bigint, places: number): string {
  if (places === 0) return value.toString();
  const s = value.toString().padStart(places + 1, "0");
  return `${s.slice(0, -places)}.${s.slice(-places)}`;
}

/** printf("%.*f", places, x). */
export function printfFixed(x: number, places: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  const { neg, digits, scale } = exactDecimal(x);
  return (neg ? "-" : "") + withPoint(roundHalfEven(digits, scale, places), places);
}

/** printf("%+.*e", places, x). */
function printfExp(x: number, places: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+Infinity" : "-Infinity";
  const { neg, digits, scale } = exactDecimal(x);
  const sign = neg ? "-" : "+";
  if (digits === 0n) return `${sign}${withPoint(0n, places)}e+00`;
  let exp = digits.toString().length - 1 - scale;
  // digits / 10^scale = m * 10^exp with 1 <= m < 10; round m to `places` decimals.
  let m = roundHalfEven(digits, scale + exp, places);
  if (m.toString().length > places + 1) {
    m /= 10n;
    exp++;
  }
  return `${sign}${withPoint(m, places)}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

/** numeric_out_sci: the decimal rounded to `places` significant decimals after the first digit. */
function numericSci(v: NumericValue, places: number): string {
  if (typeof v === "string") return v;
  if (v.coef === "0") return `${withPoint(0n, places)}e+00`;
  const exp = v.coef.length - 1 - v.scale;
  // v / 10^exp, rounded half away from zero to `places` decimals.
  // The exponent is that of the value before rounding ("9.999" to 2 places is "10.00e+00").
  const shifted: Decimal = { neg: v.neg, coef: v.coef, scale: v.scale + exp };
  const text = formatDecimal(roundDecimal(shifted, places));
  return `${text}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

const integerOutOfRange = () => new PgError("NUMERIC_VALUE_OUT_OF_RANGE", "integer out of range");

/** int_to_roman: 1..3999, else fifteen '#'. */
function toRoman(n: number): string {
  if (n > 3999 || n < 1) return "#".repeat(15);
  const rm1 = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
  const rm10 = ["X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"];
  const rm100 = ["C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"];
  const s = String(n);
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const digit = Number(s[i]) - 1;
    if (digit < 0) continue;
    const pos = s.length - i;
    if (pos === 4) out += "M".repeat(digit + 1);
    else if (pos === 3) out += rm100[digit];
    else if (pos === 2) out += rm10[digit];
    else out += rm1[digit];
  }
  return out;
}

/** The digits for the picture: padding needed before them, or '#' when they do not fit. */
function fitDigits(numstr: string, d: NumDesc): { numstr: string; outPreSpaces: number } {
  const dot = numstr.indexOf(".");
  const preLen = dot >= 0 ? dot : numstr.length;
  if (preLen < d.pre) return { numstr, outPreSpaces: d.pre - preLen };
  if (preLen > d.pre) {
    const filled = "#".repeat(d.pre + d.post + 1).split("");
    filled[d.pre] = ".";
    return { numstr: filled.join(""), outPreSpaces: 0 };
  }
  return { numstr, outPreSpaces: 0 };
}

function splitSign(orgnum: string): [string, string] {
  return orgnum.startsWith("-") ? ["-", orgnum.slice(1)] : ["+", orgnum];
}

/** int4_to_char and int8_to_char. */
function integerToChar(value: bigint, fmt: string, bits: 32 | 64): string {
  if (fmt === "") return "";
  const { nodes, desc } = parseNumFormat(fmt);
  if (desc.flag & F_ROMAN) {
    if (value > 2147483647n || value < -2147483648n) throw integerOutOfRange();
    return processNumber(nodes, desc, toRoman(Number(value)), 0, "");
  }
  if (desc.flag & F_EEEE) {
    let s: string;
    if (bits === 32) s = printfExp(Number(value), desc.post);
    else {
      s = numericSci(
        { neg: value < 0n, coef: (value < 0n ? -value : value).toString(), scale: 0 },
        desc.post,
      );
      if (!s.startsWith("-")) s = `+${s}`;
    }
    return processNumber(nodes, desc, s.startsWith("+") ? ` ${s.slice(1)}` : s, 0, "");
  }
  let v = value;
  if (desc.flag & F_MULTI) {
    const m = BigInt(10 ** desc.multi);
    if (bits === 32) v = BigInt.asIntN(32, v * BigInt.asIntN(32, m));
    else {
      v *= m;
      if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n)
        throw new PgError("NUMERIC_VALUE_OUT_OF_RANGE", "bigint out of range");
    }
    desc.pre += desc.multi;
  }
  const [sign, digits] = splitSign(v.toString());
  const numstr = desc.post ? `${digits}.${"0".repeat(desc.post)}` : digits;
  const fit = fitDigits(numstr, desc);
  return processNumber(nodes, desc, fit.numstr, fit.outPreSpaces, sign);
}

/** Multiplies a decimal by 10^n exactly. */
function shiftDecimal(d: Decimal, n: number): Decimal {
  if (d.coef === "0") return d;
  if (n <= d.scale) return { ...d, scale: d.scale - n };
  return { neg: d.neg, coef: d.coef + "0".repeat(n - d.scale), scale: 0 };
}

function numericToChar(value: NumericValue, fmt: string): string {
  if (fmt === "") return "";
  const { nodes, desc } = parseNumFormat(fmt);
  if (desc.flag & F_ROMAN) {
    // numeric_int4 of the rounded value, with its errors.
    if (value === "NaN") throw new PgError("FEATURE_NOT_SUPPORTED", "cannot convert NaN to integer");
    if (typeof value === "string")
      throw new PgError("FEATURE_NOT_SUPPORTED", "cannot convert infinity to integer");
    const r = roundDecimal(value, 0);
    const n = Number((r.neg ? "-" : "") + r.coef);
    if (n > 2147483647 || n < -2147483648) throw integerOutOfRange();
    return processNumber(nodes, desc, toRoman(n), 0, "");
  }
  if (desc.flag & F_EEEE) {
    const org = numericSci(value, desc.post);
    let numstr: string;
    if (org === "NaN" || org === "Infinity" || org === "-Infinity") {
      const chars = "#".repeat(desc.pre + desc.post + 6).split("");
      chars[0] = " ";
      chars[desc.pre + 1] = ".";
      numstr = chars.join("");
    } else numstr = org.startsWith("-") ? org : ` ${org}`;
    return processNumber(nodes, desc, numstr, 0, "");
  }
  let v = value;
  if (desc.flag & F_MULTI) {
    if (typeof v !== "string") v = shiftDecimal(v, desc.multi);
    desc.pre += desc.multi;
  }
  const orgnum = typeof v === "string" ? v : formatDecimal(roundDecimal(v, desc.post));
  const [sign, numstr] = splitSign(orgnum);
  const fit = fitDigits(numstr, desc);
  return processNumber(nodes, desc, fit.numstr, fit.outPreSpaces, sign);
}

/** float4_to_char and float8_to_char (6 and 15 significant digits). */
function floatToChar(value: number, fmt: string, maxDigits: number): string {
  if (fmt === "") return "";
  const { nodes, desc } = parseNumFormat(fmt);
  if (desc.flag & F_ROMAN) {
    const r = rint(value);
    const v = !Number.isNaN(r) && r >= -2147483648 && r < 2147483648 ? r : 2147483647;
    return processNumber(nodes, desc, toRoman(v), 0, "");
  }
  if (desc.flag & F_EEEE) {
    let numstr: string;
    if (!Number.isFinite(value)) {
      const chars = "#".repeat(desc.pre + desc.post + 6).split("");
      chars[0] = " ";
      chars[desc.pre + 1] = ".";
      numstr = chars.join("");
    } else {
      numstr = printfExp(value, desc.post);
      if (numstr.startsWith("+")) numstr = ` ${numstr.slice(1)}`;
    }
    return processNumber(nodes, desc, numstr, 0, "");
  }
  let val = value;
  if (desc.flag & F_MULTI) {
    const multi = 10 ** desc.multi;
    val = maxDigits === 6 ? Math.fround(value * Math.fround(multi)) : value * multi;
    desc.pre += desc.multi;
  }
  const preLen = printfFixed(Math.abs(val), 0).length;
  if (preLen >= maxDigits) desc.post = 0;
  else if (preLen + desc.post > maxDigits) desc.post = maxDigits - preLen;
  const [sign, numstr] = splitSign(printfFixed(val, desc.post));
  const fit = fitDigits(numstr, desc);
  return processNumber(nodes, desc, fit.numstr, fit.outPreSpaces, sign);
}

const asBigInt = (v: SqliteValue) => (typeof v === "bigint" ? v : BigInt(Math.trunc(num(v))));

defineFunctions([
  {
    name: "to_char",
    kind: "udf",
    udfName: "pg_int4_to_char",
    args: [INT4, TEXT],
    returns: t(TEXT),
    volatility: "stable",
    impl: (v, f) => integerToChar(asBigInt(v), str(f), 32),
  },
  {
    name: "to_char",
    kind: "udf",
    udfName: "pg_int8_to_char",
    args: [INT8, TEXT],
    returns: t(TEXT),
    volatility: "stable",
    impl: (v, f) => integerToChar(asBigInt(v), str(f), 64),
  },
  {
    name: "to_char",
    kind: "udf",
    udfName: "pg_numeric_to_char",
    args: [NUMERIC, TEXT],
    returns: t(TEXT),
    volatility: "stable",
    impl: (v, f) => numericToChar(storedNumeric(v as StoredValue), str(f)),
  },
  {
    name: "to_char",
    kind: "udf",
    udfName: "pg_float4_to_char",
    args: [FLOAT4, TEXT],
    returns: t(TEXT),
    volatility: "stable",
    impl: (v, f) => floatToChar(Math.fround(num(v)), str(f), 6),
  },
  {
    name: "to_char",
    kind: "udf",
    udfName: "pg_float8_to_char",
    args: [FLOAT8, TEXT],
    returns: t(TEXT),
    volatility: "stable",
    impl: (v, f) => floatToChar(num(v), str(f), 15),
  },
]);
