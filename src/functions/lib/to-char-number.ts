// to_char for numbers: the per-type to_char functions of PostgreSQL 15's formatting.c, with
// numbers turned to text as C's printf and numeric_out do it, in the C locale (decimal point ".",
// group separator ",", currency symbol " "). The templates are parsed by number-template.ts and
// filled by number-template-processor.ts.
import { PgError } from "../../errors/pg-error.js";
import { FLOAT4, FLOAT8, INT4, INT8, NUMERIC, TEXT, t } from "../../sql/oids.js";
import { rint } from "../../types/codecs/datetime-calendar.js";
import { type Decimal, formatDecimal, type NumericValue, roundDecimal } from "../../types/codecs/decimal.js";
import { storedNumeric } from "../../types/codecs/numeric.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import { defineFunctions } from "../registry.js";
import { num, str } from "./datetime-core.js";
import { F_EEEE, F_MULTI, F_ROMAN, type NumDesc, parseNumFormat } from "./number-template.js";
import { processNumber } from "./number-template-processor.js";

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
