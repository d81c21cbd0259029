// inet and cidr: stored as TEXT that sorts as PostgreSQL's network_cmp orders the values, so that
// SQLite's own comparisons, ORDER BY, DISTINCT and indexes agree with PostgreSQL (docs/storage.md).
import { PgError } from "../../errors/pg-error.js";
import type { StoredValue } from "../sqlite-value.js";
import type { TypeCodec } from "../type-codec.js";
import { badBinary } from "./binary.js";
import { inetNetNtop } from "./inet-format.js";
import { inetNetPton } from "./inet-parse.js";

/** An inet or cidr value: the family, the mask length and the address bytes (4 or 16). */
export interface InetValue {
  ipv6: boolean;
  bits: number;
  addr: Uint8Array;
}

export const maxBits = (v: InetValue): number => (v.ipv6 ? 128 : 32);

/** network_in: inet or cidr input, with PostgreSQL's errors. */
export function parseInet(text: string, cidr: boolean): InetValue {
  // A colon anywhere means IPv6 (network_in).
  const ipv6 = text.includes(":");
  const addr = new Uint8Array(ipv6 ? 16 : 4);
  const bits = inetNetPton(ipv6, text, addr, cidr ? addr.length : -1);
  if (bits < 0 || bits > (ipv6 ? 128 : 32)) {
    throw new PgError(
      "INVALID_TEXT_REPRESENTATION",
      `invalid input syntax for type ${cidr ? "cidr" : "inet"}: "${text}"`,
    );
  }
  const v = { ipv6, bits, addr };
  if (cidr && !hostBitsZero(v)) {
    throw new PgError("INVALID_TEXT_REPRESENTATION", `invalid cidr value: "${text}"`, {
      detail: "Value has bits set to right of mask.",
    });
  }
  return v;
}

/** addressOK: whether every bit right of the mask is zero, as a cidr value needs. */
export function hostBitsZero(v: InetValue): boolean {
  for (let i = 0; i < v.addr.length; i++) {
    if (v.addr[i]! & ~maskByte(v.bits, i) & 0xff) return false;
  }
  return true;
}

/** The byte at index i of a netmask of bits ones. */
export function maskByte(bits: number, i: number): number {
  const left = bits - i * 8;
  if (left >= 8) return 0xff;
  if (left <= 0) return 0;
  return (0xff << (8 - left)) & 0xff;
}

/** cidr_set_masklen_internal: the address with bits bits, the host part zeroed. */
export function withMasklen(v: InetValue, bits: number): InetValue {
  return { ipv6: v.ipv6, bits, addr: v.addr.map((b, i) => b & maskByte(bits, i)) };
}

/** inet_out / cidr_out. */
export function formatInet(v: InetValue, cidr: boolean): string {
  const text = inetNetNtop(v.ipv6, v.addr, v.bits);
  return cidr && !text.includes("/") ? `${text}/${v.bits}` : text;
}

// ---------------------------------------------------------------------------------------------
// Storage: "<family> <network part>/<bits> <address>", every field fixed-width for its family:
//   IPv4  '4 192.168.001.000/24 192.168.001.005'  (octets as three decimal digits)
//   IPv6  '6 2001:0db8:0000:...:0000/064 2001:0db8:0000:...:0001'  (groups as four hex digits)
// Text order is network_cmp's order: family (IPv4 first), then the common bits of the network parts
// (the zeroed host bits of the shorter mask sort before any set bit of the longer), then the mask
// length, then the whole address. Values are never numeric text, whatever the column's affinity.

function addressField(ipv6: boolean, addr: Uint8Array): string {
  if (!ipv6) return Array.from(addr, (b) => String(b).padStart(3, "0")).join(".");
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((addr[i]! << 8) | addr[i + 1]!).toString(16).padStart(4, "0"));
  return groups.join(":");
}

export function storeInet(v: InetValue): string {
  const network = addressField(v.ipv6, withMasklen(v, v.bits).addr);
  const bits = String(v.bits).padStart(v.ipv6 ? 3 : 2, "0");
  return `${v.ipv6 ? 6 : 4} ${network}/${bits} ${addressField(v.ipv6, v.addr)}`;
}

function parseLegacy(text: string): InetValue {
  try {
    return parseInet(text, false);
  } catch {
    return parseInet(text, true);
  }
}

const STORED = /^(?:4 [0-9.]{15}\/(\d\d) ([0-9.]{15})|6 [0-9a-f:]{39}\/(\d{3}) ([0-9a-f:]{39}))$/;

/**
 * A stored value read back. Text in any other form (a value written before inet had a codec,
 * which stored the input as given) is read as inet input.
 */
export function readInet(value: StoredValue): InetValue {
  const text = typeof value === "string" ? value : String(value);
  const m = STORED.exec(text);
  if (!m) return parseLegacy(text);
  if (m[1] !== undefined) {
    return { ipv6: false, bits: Number(m[1]), addr: Uint8Array.from(m[2]!.split("."), Number) };
  }
  const addr = new Uint8Array(16);
  m[4]!.split(":").forEach((g, i) => {
    const n = Number.parseInt(g, 16);
    addr[i * 2] = n >> 8;
    addr[i * 2 + 1] = n & 0xff;
  });
  return { ipv6: true, bits: Number(m[3]), addr };
}

// ---------------------------------------------------------------------------------------------
// Binary format (network_send / network_recv): family (2 for IPv4, 3 for IPv6), bits, is_cidr,
// the address length, the address bytes.

const AF_INET = 2;
const AF_INET6 = 3;

function sendInet(v: InetValue, cidr: boolean): Uint8Array {
  return Uint8Array.from([v.ipv6 ? AF_INET6 : AF_INET, v.bits, cidr ? 1 : 0, v.addr.length, ...v.addr]);
}

function receiveInet(bytes: Uint8Array, cidr: boolean): InetValue {
  const type = cidr ? "cidr" : "inet";
  const byte = (i: number): number => {
    if (i >= bytes.length) throw new PgError("PROTOCOL_VIOLATION", "insufficient data left in message");
    return bytes[i]!;
  };
  const family = byte(0);
  if (family !== AF_INET && family !== AF_INET6)
    throw badBinary(`invalid address family in external "${type}" value`);
  const ipv6 = family === AF_INET6;
  const bits = byte(1);
  if (bits > (ipv6 ? 128 : 32)) throw badBinary(`invalid bits in external "${type}" value`);
  byte(2); // is_cidr: ignored, as PostgreSQL does
  const nb = byte(3);
  if (nb !== (ipv6 ? 16 : 4)) throw badBinary(`invalid length in external "${type}" value`);
  byte(3 + nb);
  if (bytes.length > 4 + nb) throw badBinary();
  const v = { ipv6, bits, addr: bytes.slice(4, 4 + nb) };
  if (cidr && !hostBitsZero(v)) {
    throw new PgError("INVALID_BINARY_REPRESENTATION", `invalid external "cidr" value`, {
      detail: "Value has bits set to right of mask.",
    });
  }
  return v;
}

function networkCodec(cidr: boolean): TypeCodec {
  return {
    toText: (value) => formatInet(readInet(value), cidr),
    fromText: (text) => storeInet(parseInet(text, cidr)),
    toBinary: (value) => sendInet(readInet(value), cidr),
    fromBinary: (bytes) => storeInet(receiveInet(bytes, cidr)),
  };
}

export const inetCodec = networkCodec(false);
export const cidrCodec = networkCodec(true);
