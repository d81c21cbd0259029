// Big-endian readers and writers for PostgreSQL's binary send/receive formats.
import { PgError } from "../../errors/pg-error.js";

/** The error PostgreSQL raises when a binary value has the wrong size or content. */
export function badBinary(message = "incorrect binary data format"): PgError {
  return new PgError("INVALID_BINARY_REPRESENTATION", message);
}

export function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Throws unless `bytes` has exactly `n` bytes, as PostgreSQL's recv functions do. */
export function expectLength(bytes: Uint8Array, n: number): DataView {
  if (bytes.byteLength < n) throw new PgError("PROTOCOL_VIOLATION", "insufficient data left in message");
  if (bytes.byteLength > n) throw badBinary();
  return view(bytes);
}

export function int16Bytes(v: number): Uint8Array {
  const b = new Uint8Array(2);
  b[0] = (v >> 8) & 0xff;
  b[1] = v & 0xff;
  return b;
}

export function int32Bytes(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, v);
  return b;
}

export function int64Bytes(v: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, v);
  return b;
}

/** A growable big-endian writer for composite binary values (numeric, arrays). */
export class BinaryWriter {
  private buf = new Uint8Array(64);
  private dv = new DataView(this.buf.buffer);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.dv = new DataView(next.buffer);
  }

  int16(v: number): this {
    this.ensure(2);
    this.dv.setInt16(this.length, v);
    this.length += 2;
    return this;
  }

  uint16(v: number): this {
    this.ensure(2);
    this.dv.setUint16(this.length, v);
    this.length += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.dv.setInt32(this.length, v);
    this.length += 4;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** A big-endian reader that raises PostgreSQL's error when the data runs out. */
export class BinaryReader {
  private readonly dv: DataView;
  offset = 0;

  constructor(private readonly data: Uint8Array) {
    this.dv = view(data);
  }

  private need(n: number): void {
    if (this.offset + n > this.data.byteLength) {
      throw new PgError("PROTOCOL_VIOLATION", "insufficient data left in message");
    }
  }

  int16(): number {
    this.need(2);
    const v = this.dv.getInt16(this.offset);
    this.offset += 2;
    return v;
  }

  uint16(): number {
    this.need(2);
    const v = this.dv.getUint16(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.dv.getInt32(this.offset);
    this.offset += 4;
    return v;
  }

  bytes(n: number): Uint8Array {
    this.need(n);
    const b = this.data.subarray(this.offset, this.offset + n);
    this.offset += n;
    return b;
  }

  get remaining(): number {
    return this.data.byteLength - this.offset;
  }
}

const decoder = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

/** UTF-8 bytes to a string; invalid UTF-8 or NUL is PostgreSQL's 22021 error naming the bytes. */
export function decodeUtf8(bytes: Uint8Array): string {
  let s: string | undefined;
  try {
    s = decoder.decode(bytes);
  } catch {
    s = undefined;
  }
  if (s !== undefined && !s.includes("\0")) return s;
  throw new PgError(
    "CHARACTER_NOT_IN_REPERTOIRE",
    `invalid byte sequence for encoding "UTF8": ${badSequence(bytes)}`,
  );
}

// The offending bytes as report_invalid_encoding prints them: "0xc3 0x28".
function badSequence(bytes: Uint8Array): string {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b === 0 ? 0 : b < 0x80 ? 1 : b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok && len > 1) ok = decoderOk(bytes.subarray(i, i + len));
    if (!ok) {
      const n = Math.max(1, Math.min(len, bytes.length - i));
      return Array.from(bytes.subarray(i, i + n), (x) => `0x${x.toString(16).padStart(2, "0")}`).join(" ");
    }
    i += len;
  }
  return "0x00";
}

function decoderOk(seq: Uint8Array): boolean {
  try {
    decoder.decode(seq);
    return true;
  } catch {
    return false;
  }
}

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}
