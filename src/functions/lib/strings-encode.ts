// encode and decode (PostgreSQL 15's encode.c): the base64, hex and escape formats of bytea, and
// the digest behind sha224, sha256, sha384 and sha512.
import { createHash } from "node:crypto";
import { PgError } from "../../errors/pg-error.js";
import { chars } from "./strings-common.js";

// ---------------------------------------------------------------------------------------------
// encode / decode (encode.c)

function encodingName(name: string): "base64" | "hex" | "escape" {
  const n = name.toLowerCase();
  if (n === "base64" || n === "hex" || n === "escape") return n;
  throw new PgError("INVALID_PARAMETER_VALUE", `unrecognized encoding: "${name}"`);
}

function base64Encode(b: Uint8Array): string {
  const s = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");
  // pg_base64_encode breaks lines after 76 characters.
  return s.replace(/(.{76})(?=.)/g, "$1\n");
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64Decode(s: string): Uint8Array {
  const out: number[] = [];
  let buf = 0;
  let pos = 0;
  let end = 0;
  for (const c of s) {
    if (c === " " || c === "\t" || c === "\n" || c === "\r") continue;
    let b: number;
    if (c === "=") {
      if (!end) {
        if (pos === 2) end = 1;
        else if (pos === 3) end = 2;
        else {
          throw new PgError("INVALID_PARAMETER_VALUE", 'unexpected "=" while decoding base64 sequence');
        }
      }
      b = 0;
    } else {
      b = B64.indexOf(c);
      if (b < 0 || c.length !== 1) {
        throw new PgError(
          "INVALID_PARAMETER_VALUE",
          `invalid symbol "${c}" found while decoding base64 sequence`,
        );
      }
    }
    buf = (buf << 6) + b;
    pos++;
    if (pos === 4) {
      out.push((buf >> 16) & 255);
      if (end === 0 || end > 1) out.push((buf >> 8) & 255);
      if (end === 0 || end > 2) out.push(buf & 255);
      buf = 0;
      pos = 0;
    }
  }
  if (pos !== 0) {
    throw new PgError("INVALID_PARAMETER_VALUE", "invalid base64 end sequence", {
      hint: "Input data is missing padding, is truncated, or is otherwise corrupted.",
    });
  }
  return Uint8Array.from(out);
}

function hexValue(c: string): number {
  const v = "0123456789abcdef".indexOf(c.toLowerCase());
  if (v < 0 || c.length !== 1) {
    throw new PgError("INVALID_PARAMETER_VALUE", `invalid hexadecimal digit: "${c}"`);
  }
  return v;
}

function hexDecode(s: string): Uint8Array {
  const out: number[] = [];
  const cs = chars(s);
  for (let i = 0; i < cs.length; ) {
    const c = cs[i]!;
    if (c === " " || c === "\n" || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    const hi = hexValue(c);
    i++;
    if (i >= cs.length) {
      throw new PgError("INVALID_PARAMETER_VALUE", "invalid hexadecimal data: odd number of digits");
    }
    out.push((hi << 4) | hexValue(cs[i]!));
    i++;
  }
  return Uint8Array.from(out);
}

function escapeEncode(b: Uint8Array): string {
  let out = "";
  for (const x of b) {
    if (x === 0 || x >= 0x80) out += `\\${x.toString(8).padStart(3, "0")}`;
    else if (x === 92) out += "\\\\";
    else out += String.fromCharCode(x);
  }
  // Bytes below 0x80 are ASCII; the result is valid UTF-8.
  return out;
}

function escapeDecode(s: string): Uint8Array {
  const src = Buffer.from(s, "utf8");
  const out: number[] = [];
  const isOct = (c: number | undefined, max = 55) => c !== undefined && c >= 48 && c <= max;
  for (let i = 0; i < src.length; ) {
    if (src[i] !== 92) {
      out.push(src[i]!);
      i++;
    } else if (i + 3 < src.length && isOct(src[i + 1], 51) && isOct(src[i + 2]) && isOct(src[i + 3])) {
      out.push(((src[i + 1]! - 48) << 6) | ((src[i + 2]! - 48) << 3) | (src[i + 3]! - 48));
      i += 4;
    } else if (i + 1 < src.length && src[i + 1] === 92) {
      out.push(92);
      i += 2;
    } else {
      throw new PgError("INVALID_TEXT_REPRESENTATION", "invalid input syntax for type bytea");
    }
  }
  return Uint8Array.from(out);
}

export function encode(b: Uint8Array, format: string): string {
  switch (encodingName(format)) {
    case "base64":
      return base64Encode(b);
    case "hex":
      return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
    default:
      return escapeEncode(b);
  }
}

export function decode(s: string, format: string): Uint8Array {
  switch (encodingName(format)) {
    case "base64":
      return base64Decode(s);
    case "hex":
      return hexDecode(s);
    default:
      return escapeDecode(s);
  }
}

export function hash(algorithm: string, b: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(algorithm).update(b).digest());
}
