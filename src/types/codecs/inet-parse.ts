// PostgreSQL's inet/cidr input parser, a port of src/backend/utils/adt/inet_net_pton.c (from
// ISC BIND). inet input (size -1) needs all four IPv4 octets or a mask; cidr input also takes
// abbreviated and classful forms ('10', '10.1/16', '0x0a000001').

const EOS = 0;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** The characters of a C string: 0 past the end, as the C code reads its terminator. */
function reader(src: string): (i: number) => number {
  return (i) => (i < src.length ? src.charCodeAt(i) : EOS);
}

/**
 * pg_inet_net_pton: reads src into dst (4 or 16 bytes) and returns the mask length, or -1 when
 * src is not an address. size is the buffer size for cidr input, or -1 for inet input.
 */
export function inetNetPton(ipv6: boolean, src: string, dst: Uint8Array, size: number): number {
  if (ipv6) return cidrPtonIpv6(src, dst);
  return size === -1 ? netPtonIpv4(src, dst) : cidrPtonIpv4(src, dst, size);
}

/** inet_cidr_pton_ipv4: classful defaults for a missing mask, hex and abbreviated forms. */
function cidrPtonIpv4(src: string, dst: Uint8Array, size: number): number {
  const at = reader(src);
  let i = 0;
  let d = 0;
  let ch = at(i++);
  if (ch === 48 && (at(i) === 120 || at(i) === 88) && hexValue(at(i + 1)) >= 0) {
    // Hexadecimal: eat nybble string.
    if (size <= 0) return -1;
    let dirty = 0;
    let tmp = 0;
    i++;
    for (;;) {
      ch = at(i++);
      if (ch === EOS || hexValue(ch) < 0) break;
      const n = hexValue(ch);
      tmp = dirty === 0 ? n : (tmp << 4) | n;
      if (++dirty === 2) {
        if (size-- <= 0) return -1;
        dst[d++] = tmp;
        dirty = 0;
      }
    }
    if (dirty) {
      if (size-- <= 0) return -1;
      dst[d++] = (tmp << 4) & 0xff;
    }
  } else if (isDigit(ch)) {
    // Decimal: eat dotted digit string.
    for (;;) {
      let tmp = 0;
      for (;;) {
        tmp = tmp * 10 + (ch - 48);
        if (tmp > 255) return -1;
        ch = at(i++);
        if (ch === EOS || !isDigit(ch)) break;
      }
      if (size-- <= 0) return -1;
      dst[d++] = tmp;
      if (ch === EOS || ch === 47) break;
      if (ch !== 46) return -1;
      ch = at(i++);
      if (!isDigit(ch)) return -1;
    }
  } else return -1;

  let bits = -1;
  if (ch === 47 && isDigit(at(i)) && d > 0) {
    // CIDR width specifier. Nothing can follow it.
    bits = widthAt(at, i);
    if (bits < 0) return -1;
    ch = EOS;
  }
  if (ch !== EOS) return -1;
  if (d === 0) return -1;
  // If no CIDR spec was given, infer width from net class.
  if (bits === -1) {
    const first = dst[0]!;
    if (first >= 240) bits = 32;
    else if (first >= 224) bits = 8;
    else if (first >= 192) bits = 24;
    else if (first >= 128) bits = 16;
    else bits = 8;
    // If imputed mask is narrower than specified octets, widen.
    if (bits < d * 8) bits = d * 8;
    // A class D address without more bits given gets 4.
    if (bits === 8 && first === 224) bits = 4;
  }
  // Extend network to cover the actual mask.
  while (bits > d * 8) {
    if (size-- <= 0) return -1;
    dst[d++] = 0;
  }
  return bits;
}

/** An IPv4 width after "/", from position i to the end of the text: 0 to 32, or -1. */
function widthAt(at: (i: number) => number, i: number): number {
  let bits = 0;
  let ch = at(i++);
  for (;;) {
    bits = bits * 10 + (ch - 48);
    ch = at(i++);
    if (ch === EOS || !isDigit(ch) || bits > 1000) break;
  }
  return ch === EOS && bits <= 32 ? bits : -1;
}

/** inet_net_pton_ipv4: dotted octets, /32 only when all four are given. */
function netPtonIpv4(src: string, dst: Uint8Array): number {
  const at = reader(src);
  let i = 0;
  let d = 0;
  let size = 4;
  let ch = 0;
  for (;;) {
    ch = at(i++);
    if (!isDigit(ch)) break;
    let tmp = 0;
    for (;;) {
      tmp = tmp * 10 + (ch - 48);
      if (tmp > 255) return -1;
      ch = at(i++);
      if (ch === EOS || !isDigit(ch)) break;
    }
    if (size-- === 0) return -1;
    dst[d++] = tmp;
    if (ch === EOS || ch === 47) break;
    if (ch !== 46) return -1;
  }
  let bits = -1;
  if (ch === 47 && isDigit(at(i)) && d > 0) {
    bits = widthAt(at, i);
    if (bits < 0) return -1;
    ch = EOS;
  }
  if (ch !== EOS) return -1;
  // Prefix length can default to /32 only if all four octets spec'd.
  if (bits === -1) {
    if (d === 4) bits = 32;
    else return -1;
  }
  if (d === 0) return -1;
  // If prefix length overspecifies mantissa, life is bad.
  if (Math.floor(bits / 8) > d) return -1;
  while (size-- > 0) dst[d++] = 0;
  return bits;
}

/** getbits: a mask length of 0..128 without leading zeros, to the end of the string. */
function getBits(src: string, from: number): number {
  let val = 0;
  let n = 0;
  for (let i = from; i < src.length; i++) {
    const ch = src.charCodeAt(i);
    if (!isDigit(ch)) return -1;
    if (n++ !== 0 && val === 0) return -1;
    val = val * 10 + (ch - 48);
    if (val > 128) return -1;
  }
  return n === 0 ? -1 : val;
}

/** getv4: a dotted IPv4 tail of an IPv6 address, optionally followed by /bits. */
function getV4(src: string, from: number, dst: Uint8Array, at: number): { ok: boolean; bits: number } {
  let val = 0;
  let n = 0;
  let d = at;
  for (let i = from; i < src.length; i++) {
    const ch = src.charCodeAt(i);
    if (isDigit(ch)) {
      if (n++ !== 0 && val === 0) return { ok: false, bits: -1 };
      val = val * 10 + (ch - 48);
      if (val > 255) return { ok: false, bits: -1 };
      continue;
    }
    if (ch === 46 || ch === 47) {
      if (d - at > 3) return { ok: false, bits: -1 };
      dst[d++] = val;
      if (ch === 47) {
        const bits = getBits(src, i + 1);
        return { ok: bits >= 0, bits };
      }
      val = 0;
      n = 0;
      continue;
    }
    return { ok: false, bits: -1 };
  }
  if (n === 0 || d - at > 3) return { ok: false, bits: -1 };
  dst[d++] = val;
  return { ok: true, bits: -1 };
}

/** inet_cidr_pton_ipv6: groups of up to four hex digits, one ::, an IPv4 tail, /bits. */
function cidrPtonIpv6(src: string, dst: Uint8Array): number {
  const tmp = new Uint8Array(16);
  const at = reader(src);
  let i = 0;
  let tp = 0;
  let colonp = -1;
  // Leading :: requires some special handling.
  if (at(i) === 58) {
    if (at(++i) !== 58) return -1;
  }
  let curtok = i;
  let sawXdigit = false;
  let val = 0;
  let digits = 0;
  let bits = -1;
  let ch: number;
  for (;;) {
    ch = at(i++);
    if (ch === EOS) break;
    const h = hexValue(ch);
    if (h >= 0) {
      val = ((val << 4) | h) & 0xffff_ffff;
      if (++digits > 4) return -1;
      sawXdigit = true;
      continue;
    }
    if (ch === 58) {
      curtok = i;
      if (!sawXdigit) {
        if (colonp >= 0) return -1;
        colonp = tp;
        continue;
      } else if (at(i) === EOS) return -1;
      if (tp + 2 > 16) return -1;
      tmp[tp++] = (val >> 8) & 0xff;
      tmp[tp++] = val & 0xff;
      sawXdigit = false;
      digits = 0;
      val = 0;
      continue;
    }
    if (ch === 46 && tp + 4 <= 16) {
      const v4 = getV4(src, curtok, tmp, tp);
      if (v4.ok) {
        if (v4.bits >= 0) bits = v4.bits;
        tp += 4;
        sawXdigit = false;
        break;
      }
    }
    if (ch === 47) {
      const b = getBits(src, i);
      if (b >= 0) {
        bits = b;
        break;
      }
    }
    return -1;
  }
  if (sawXdigit) {
    if (tp + 2 > 16) return -1;
    tmp[tp++] = (val >> 8) & 0xff;
    tmp[tp++] = val & 0xff;
  }
  if (bits === -1) bits = 128;
  if (colonp >= 0) {
    const n = tp - colonp;
    if (tp === 16) return -1;
    for (let k = 1; k <= n; k++) {
      tmp[16 - k] = tmp[colonp + n - k]!;
      tmp[colonp + n - k] = 0;
    }
    tp = 16;
  }
  if (tp !== 16) return -1;
  dst.set(tmp);
  return bits;
}
