// Float output as PostgreSQL's float8out/float4out print it: the shortest round-trip digits (Ryu)
// when extra_float_digits > 0, else printf's %.*g with DBL_DIG/FLT_DIG + extra_float_digits.

/** Digits and decimal exponent of a finite nonzero number: value = 0.d1d2d3... * 10^(exp + 1). */
interface Decimal {
  digits: string;
  exp: number;
}

function fromExponential(s: string): Decimal {
  // s is like "-1.2345e+21" or "5e-7".
  const e = s.indexOf("e");
  let mantissa = s.slice(0, e);
  if (mantissa[0] === "-") mantissa = mantissa.slice(1);
  return { digits: mantissa.replace(".", ""), exp: Number(s.slice(e + 1)) };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function pow(base: bigint, e: number): bigint {
  return e <= 0 ? 1n : base ** BigInt(e);
}

/**
 * Ryu's answer for v = m2 * 2^e2: the fewest digits lying strictly
 * inside the rounding interval (PostgreSQL builds Ryu without STRICTLY_SHORTEST, so the bounds are
 * excluded), correctly rounded with ties to even. Exact, with BigInt.
 */
function ryuExact(v: number, m2: bigint, e2: number, mmShift: boolean, minLen = 1): Decimal {
  const mv = 4n * m2;
  const mp = mv + 2n;
  // The gap below is half as wide when v is a power of two (mmShift false).
  const mm = mv - (mmShift ? 2n : 1n);
  const e = e2 - 2;
  const first = Math.floor(Math.log10(v));
  for (let len = minLen; len <= 17; len++) {
    // Candidates are integers d * 10^k; compare d * 10^k with x * 2^e exactly.
    const k = first - (len - 1);
    const lhsFactor = pow(10n, k) * pow(2n, -e);
    const rhsFactor = pow(2n, e) * pow(10n, -k);
    const inside = (d: bigint) => d * lhsFactor > mm * rhsFactor && d * lhsFactor < mp * rhsFactor;
    // v * 10^-k rounded to an integer, ties to even.
    const num = mv * rhsFactor;
    let d = num / lhsFactor;
    const twice = 2n * (num % lhsFactor);
    if (twice > lhsFactor || (twice === lhsFactor && d % 2n === 1n)) d += 1n;
    let found: bigint | undefined;
    if (inside(d)) found = d;
    else if (inside(d + 1n)) found = d + 1n;
    else if (d > 0n && inside(d - 1n)) found = d - 1n;
    if (found !== undefined) {
      const s = found.toString();
      return { digits: trimmed(s).digits, exp: k + s.length - 1 };
    }
  }
  return fromExponential(v.toExponential(16));
}

/** Shortest digits of a positive float32 as PostgreSQL's f2s prints them. */
function shortestFloat32(v: number): Decimal {
  // f2d_small_int: integers below 2^24 print exactly.
  if (Number.isInteger(v) && v < 16777216) return trimmed(String(v));
  f32[0] = v;
  const bits = u32[0]!;
  const ieeeExp = (bits >>> 23) & 0xff;
  const ieeeMant = bits & 0x7fffff;
  const m2 = BigInt(ieeeExp === 0 ? ieeeMant : ieeeMant | 0x800000);
  // No fewer digits can work than the fewest that read back as v (the bounds included).
  let minLen = 1;
  while (minLen < 9 && Math.fround(Number(v.toPrecision(minLen))) !== v) minLen++;
  return ryuExact(
    v,
    m2,
    (ieeeExp === 0 ? 1 : ieeeExp) - 150,
    ieeeMant !== 0 || ieeeExp <= 1,
    Math.max(1, minLen - 1),
  );
}

/**
 * Shortest digits of a positive double as PostgreSQL's d2s prints them. JavaScript's shortest
 * digits agree except when they fall exactly on the rounding interval's bound, which needs a
 * mantissa gap of 2 or more, i.e. v >= 2^53.
 */
function shortestFloat64(v: number): Decimal {
  const d = fromExponential(v.toExponential());
  if (v < 9007199254740992 || d.digits.length >= 17) return d;
  f64[0] = v;
  const bits = u64[0]!;
  const ieeeExp = Number((bits >> 52n) & 0x7ffn);
  const ieeeMant = bits & 0xfffffffffffffn;
  const m2 = ieeeMant | 0x10000000000000n;
  return ryuExact(v, m2, ieeeExp - 1075, ieeeMant !== 0n || ieeeExp <= 1);
}

/** Digits of a positive integer string without trailing zeros, and its decimal exponent. */
function trimmed(s: string): Decimal {
  let end = s.length;
  while (end > 1 && s.charCodeAt(end - 1) === 48) end--;
  return { digits: s.slice(0, end), exp: s.length - 1 };
}

/**
 * Lays out digits like Ryu's to_chars in PostgreSQL: fixed notation when minFixed <= exponent < maxFixed,
 * else d.ddde+XX with at least two exponent digits.
 */
function layout(neg: boolean, d: Decimal, minFixed: number, maxFixed: number, trim: boolean): string {
  let digits = d.digits;
  if (trim) {
    let end = digits.length;
    while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
    digits = digits.slice(0, end);
  }
  const exp = d.exp;
  const sign = neg ? "-" : "";
  if (exp < minFixed || exp >= maxFixed) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${ae < 10 ? "0" : ""}${ae}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + "0".repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function special(v: number): string | undefined {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "Infinity";
  if (v === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  return undefined;
}

/**
 * printf("%.{precision}g"): correctly rounded with ties to even (glibc), trailing zeros removed,
 * exponent form when the exponent is < -4 or >= precision.
 */
function printfG(v: number, precision: number): string {
  let s = v.toExponential(precision - 1);
  // toExponential rounds exact ties away from zero; glibc rounds them to even.
  const longer = v.toExponential(Math.min(100, precision + 30));
  const d = fromExponential(longer);
  if (d.digits[precision] === "5" && /^0*$/.test(d.digits.slice(precision + 1))) {
    const last = d.digits.charCodeAt(precision - 1) - 48;
    if (last % 2 === 0) {
      s = `${v < 0 ? "-" : ""}${d.digits[0]}${precision > 1 ? "." : ""}${d.digits.slice(1, precision)}e${d.exp}`;
    }
  }
  return layout(v < 0, fromExponential(s), -4, precision, true);
}

/** float8out for a double. */
export function formatFloat8(v: number, extraFloatDigits: number): string {
  const sp = special(v);
  if (sp !== undefined) return sp;
  if (extraFloatDigits > 0) {
    // JavaScript prints the same shortest digits in fixed notation over this whole range.
    const a = Math.abs(v);
    if (a >= 1e-4 && a < 1e15) return String(v);
    return layout(v < 0, shortestFloat64(a), -4, 15, false);
  }
  return printfG(v, Math.max(1, 15 + extraFloatDigits));
}

/** float4out for a float32 value held in a double. */
export function formatFloat4(v: number, extraFloatDigits: number): string {
  const sp = special(v);
  if (sp !== undefined) return sp;
  if (extraFloatDigits > 0) return layout(v < 0, shortestFloat32(Math.abs(v)), -4, 6, false);
  return printfG(v, Math.max(1, 6 + extraFloatDigits));
}

/** A finite double in plain positional notation with its shortest round-trip digits. */
export function formatPlainDecimal(v: number): string {
  if (v === 0) return "0";
  return layout(v < 0, fromExponential(v.toExponential()), -Infinity, Infinity, false);
}
