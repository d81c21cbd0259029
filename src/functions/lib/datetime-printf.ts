// printf-style number formatting as PostgreSQL's messages use it (src/port/snprintf.c): %g and %0Ng.

/** C's "%g": six significant digits, trailing zeros removed, exponent below 1e-4 and from 1e6. */
export function formatG(x: number, precision = 6): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const p = precision === 0 ? 1 : precision;
  const exp = Number(x.toExponential(p - 1).split("e")[1]);
  if (exp < -4 || exp >= p) {
    const [mant, e] = x.toExponential(p - 1).split("e") as [string, string];
    const m = mant.includes(".") ? mant.replace(/\.?0+$/, "") : mant;
    const n = Number(e);
    return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  const fixed = x.toFixed(Math.max(0, p - 1 - exp));
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/** "%0{width}g": zero-padded after the sign (not for NaN and infinities). */
export function formatG0(x: number, width: number): string {
  const s = formatG(x);
  if (!Number.isFinite(x) || s.length >= width) return s;
  const neg = s.startsWith("-");
  const body = neg ? s.slice(1) : s;
  return (neg ? "-" : "") + body.padStart(width - (neg ? 1 : 0), "0");
}

/** "%0{width}d" with a possibly negative value. */
export function pad0(n: number | bigint, width: number): string {
  const neg = n < 0;
  const body = (neg ? -BigInt(n) : BigInt(n)).toString();
  return (neg ? "-" : "") + body.padStart(width - (neg ? 1 : 0), "0");
}
