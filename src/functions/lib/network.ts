// The network address functions and operators of inet and cidr (PostgreSQL 15's network.c): host,
// text, abbrev, masklen, family, network, netmask, hostmask, broadcast, set_masklen,
// inet_same_family, inet_merge, and the containment operators << <<= >> >>= &&.
import { PgError } from "../../errors/pg-error.js";
import { BOOL, INT4, TEXT, t } from "../../sql/oids.js";
import {
  type InetValue,
  maskByte,
  maxBits,
  readInet,
  storeInet,
  withMasklen,
} from "../../types/codecs/inet.js";
import { inetCidrNtop, inetNetNtop } from "../../types/codecs/inet-format.js";
import { Oid } from "../../types/registry.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions, defineOperators } from "../registry.js";
import { int } from "./strings-common.js";

const INET = Oid.inet;
const CIDR = Oid.cidr;

const read = (v: SqliteValue): InetValue => readInet(v as StoredValue);

/** text(inet): the address with its mask length, always (network_show). */
export function inetText(v: InetValue): string {
  const text = inetNetNtop(v.ipv6, v.addr, maxBits(v));
  return `${text}/${v.bits}`;
}

/** bitncmp: whether the first n bits of two addresses are equal. */
function sameBits(a: Uint8Array, b: Uint8Array, n: number): boolean {
  for (let i = 0; i * 8 < n; i++) {
    const m = maskByte(n, i);
    if ((a[i]! & m) !== (b[i]! & m)) return false;
  }
  return true;
}

/** a is within b (strictly: a's mask is longer). */
function within(a: InetValue, b: InetValue, orEqual: boolean): boolean {
  if (a.ipv6 !== b.ipv6) return false;
  if (orEqual ? a.bits < b.bits : a.bits <= b.bits) return false;
  return sameBits(a.addr, b.addr, b.bits);
}

function overlaps(a: InetValue, b: InetValue): boolean {
  return a.ipv6 === b.ipv6 && sameBits(a.addr, b.addr, Math.min(a.bits, b.bits));
}

function maskValue(v: InetValue, host: boolean): InetValue {
  const addr = v.addr.map((_, i) => (host ? ~maskByte(v.bits, i) & 0xff : maskByte(v.bits, i)));
  return { ipv6: v.ipv6, bits: maxBits(v), addr };
}

function broadcast(v: InetValue): InetValue {
  return { ipv6: v.ipv6, bits: v.bits, addr: v.addr.map((b, i) => b | (~maskByte(v.bits, i) & 0xff)) };
}

function setMasklen(v: InetValue, bits: number, cidr: boolean): InetValue {
  const n = bits === -1 ? maxBits(v) : bits;
  if (n < 0 || n > maxBits(v)) throw new PgError("INVALID_PARAMETER_VALUE", `invalid mask length: ${bits}`);
  return cidr ? withMasklen(v, n) : { ...v, bits: n };
}

/** inet_merge: the smallest network containing both. */
function merge(a: InetValue, b: InetValue): InetValue {
  if (a.ipv6 !== b.ipv6) {
    throw new PgError("INVALID_PARAMETER_VALUE", "cannot merge addresses from different families");
  }
  let common = Math.min(a.bits, b.bits);
  while (common > 0 && !sameBits(a.addr, b.addr, common)) common--;
  return withMasklen(a, common);
}

function fn(
  name: string,
  args: number[],
  returns: number,
  impl: (...a: SqliteValue[]) => SqliteValue,
  label = name,
): FunctionDef {
  const udfName = `pg_net_${label}_${args.map((a) => (a === CIDR ? "cidr" : a === INET ? "inet" : "int")).join("_")}`;
  return { name, kind: "udf", udfName, args, returns: t(returns), volatility: "immutable", impl };
}

const b = (x: boolean): number => (x ? 1 : 0);

defineFunctions([
  fn("host", [INET], TEXT, (v) => {
    const x = read(v);
    return inetNetNtop(x.ipv6, x.addr, maxBits(x));
  }),
  fn("text", [INET], TEXT, (v) => inetText(read(v))),
  fn("abbrev", [INET], TEXT, (v) => {
    const x = read(v);
    return inetNetNtop(x.ipv6, x.addr, x.bits);
  }),
  fn("abbrev", [CIDR], TEXT, (v) => {
    const x = read(v);
    return inetCidrNtop(x.ipv6, x.addr, x.bits);
  }),
  fn("masklen", [INET], INT4, (v) => read(v).bits),
  fn("family", [INET], INT4, (v) => (read(v).ipv6 ? 6 : 4)),
  fn("network", [INET], CIDR, (v) => {
    const x = read(v);
    return storeInet(withMasklen(x, x.bits));
  }),
  fn("netmask", [INET], INET, (v) => storeInet(maskValue(read(v), false))),
  fn("hostmask", [INET], INET, (v) => storeInet(maskValue(read(v), true))),
  fn("broadcast", [INET], INET, (v) => storeInet(broadcast(read(v)))),
  fn("set_masklen", [INET, INT4], INET, (v, n) => storeInet(setMasklen(read(v), int(n), false))),
  fn("set_masklen", [CIDR, INT4], CIDR, (v, n) => storeInet(setMasklen(read(v), int(n), true))),
  fn("inet_same_family", [INET, INET], BOOL, (x, y) => b(read(x).ipv6 === read(y).ipv6)),
  fn("inet_merge", [INET, INET], CIDR, (x, y) => storeInet(merge(read(x), read(y)))),
  // The inet to cidr cast (the translator calls pg_net_cidr_inet).
  fn("cidr", [INET], CIDR, (v) => {
    const x = read(v);
    return storeInet(withMasklen(x, x.bits));
  }),
]);

defineOperators([
  fn("<<", [INET, INET], BOOL, (x, y) => b(within(read(x), read(y), false)), "sub"),
  fn("<<=", [INET, INET], BOOL, (x, y) => b(within(read(x), read(y), true)), "subeq"),
  fn(">>", [INET, INET], BOOL, (x, y) => b(within(read(y), read(x), false)), "sup"),
  fn(">>=", [INET, INET], BOOL, (x, y) => b(within(read(y), read(x), true)), "supeq"),
  fn("&&", [INET, INET], BOOL, (x, y) => b(overlaps(read(x), read(y))), "overlap"),
]);
