// PostgreSQL's inet/cidr printers: ports of src/port/inet_net_ntop.c (inet_out, host, text) and
// src/backend/utils/adt/inet_cidr_ntop.c (abbrev(cidr)).

function words(addr: Uint8Array): number[] {
  const w: number[] = [];
  for (let i = 0; i < 16; i += 2) w.push((addr[i]! << 8) | addr[i + 1]!);
  return w;
}

/** pg_inet_net_ntop: every octet or group, then /bits unless bits is the whole address. */
export function inetNetNtop(ipv6: boolean, addr: Uint8Array, bits: number): string {
  if (!ipv6) {
    const text = `${addr[0]}.${addr[1]}.${addr[2]}.${addr[3]}`;
    return bits === 32 ? text : `${text}/${bits}`;
  }
  const w = words(addr);
  // The longest run of zero groups (the first of equal ones), if at least two long, becomes ::.
  let best = { base: -1, len: 0 };
  let cur = { base: -1, len: 0 };
  for (let i = 0; i < 8; i++) {
    if (w[i] === 0) {
      if (cur.base === -1) cur = { base: i, len: 1 };
      else cur.len++;
    } else if (cur.base !== -1) {
      if (best.base === -1 || cur.len > best.len) best = cur;
      cur = { base: -1, len: 0 };
    }
  }
  if (cur.base !== -1 && (best.base === -1 || cur.len > best.len)) best = cur;
  if (best.base !== -1 && best.len < 2) best = { base: -1, len: 0 };
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ":";
      continue;
    }
    if (i !== 0) out += ":";
    // An encapsulated IPv4 address: ::a.b.c.d (not ::1), ::ffff:a.b.c.d, ::0:a.b.c.d.
    if (
      i === 6 &&
      best.base === 0 &&
      (best.len === 6 || (best.len === 7 && w[7] !== 1) || (best.len === 5 && w[5] === 0xffff))
    ) {
      out += `${addr[12]}.${addr[13]}.${addr[14]}.${addr[15]}`;
      break;
    }
    out += w[i]!.toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ":";
  return bits === -1 || bits === 128 ? out : `${out}/${bits}`;
}

/** pg_inet_cidr_ntop: the network part only, with trailing zero octets dropped, and /bits. */
export function inetCidrNtop(ipv6: boolean, addr: Uint8Array, bits: number): string {
  return ipv6 ? cidrNtopIpv6(addr, bits) : cidrNtopIpv4(addr, bits);
}

function cidrNtopIpv4(addr: Uint8Array, bits: number): string {
  const parts: string[] = [];
  if (bits === 0) parts.push("0");
  const whole = Math.floor(bits / 8);
  for (let b = 0; b < whole; b++) parts.push(String(addr[b]));
  const partial = bits % 8;
  if (partial > 0) parts.push(String(addr[whole]! & (((1 << partial) - 1) << (8 - partial))));
  // bits 0 prints "0", never followed by a dot (no octets follow).
  return `${parts.join(".")}/${bits}`;
}

function cidrNtopIpv6(src: Uint8Array, bits: number): string {
  if (bits === 0) return "::/0";
  // Copy the network part; zero the host part.
  const s = new Uint8Array(16);
  const p = Math.floor((bits + 7) / 8);
  s.set(src.subarray(0, p));
  if (bits % 8 !== 0) s[p - 1] = s[p - 1]! & ((0xff << (8 - (bits % 8))) & 0xff);
  // How many words need to be displayed in output.
  let count = Math.floor((bits + 15) / 16);
  if (count === 1) count = 2;
  // The longest run of zero words (the first of equal ones).
  let zeroS = 0;
  let zeroL = 0;
  let tmpS = 0;
  let tmpL = 0;
  for (let i = 0; i < count * 2; i += 2) {
    if ((s[i]! | s[i + 1]!) === 0) {
      if (tmpL === 0) tmpS = i / 2;
      tmpL++;
    } else if (tmpL && zeroL < tmpL) {
      zeroS = tmpS;
      zeroL = tmpL;
      tmpL = 0;
    }
  }
  if (tmpL && zeroL < tmpL) {
    zeroS = tmpS;
    zeroL = tmpL;
  }
  const isIpv4 =
    zeroL !== count &&
    zeroS === 0 &&
    (zeroL === 6 ||
      (zeroL === 5 && s[10] === 0xff && s[11] === 0xff) ||
      (zeroL === 7 && s[14] !== 0 && s[15] !== 1));
  let out = "";
  let k = 0;
  for (let p2 = 0; p2 < count; p2++) {
    if (zeroL !== 0 && p2 >= zeroS && p2 < zeroS + zeroL) {
      // Time to skip some zeros.
      if (p2 === zeroS) out += ":";
      if (p2 === count - 1) out += ":";
      k += 2;
      continue;
    }
    if (isIpv4 && p2 > 5) {
      out += p2 === 6 ? ":" : ".";
      out += String(s[k++]);
      // We can potentially drop the last octet.
      if (p2 !== 7 || bits > 120) out += `.${s[k++]}`;
    } else {
      if (out !== "") out += ":";
      out += ((s[k]! << 8) | s[k + 1]!).toString(16);
      k += 2;
    }
  }
  return `${out}/${bits}`;
}
