const EMPTY = Buffer.alloc(0);

/**
 * A growable output buffer that backend messages are encoded into, so that a batch of
 * messages (many DataRows, say) costs one allocation and one socket write.
 */
export class Writer {
  private buf: Buffer;
  private pos = 0;
  private start = -1;
  /** The size of the next buffer once take() has handed the current one over. */
  private reserve = 0;

  constructor(initialSize = 4096) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  get length(): number {
    return this.pos;
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    // A writer created with an initial size of 0 must still grow (0 * 2 is 0); after take() it
    // starts again at the size it had reached.
    let size = Math.max(this.buf.length * 2, this.reserve, 64);
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Starts a message with its type byte; end() fills in the length. */
  begin(code: number): this {
    this.ensure(5);
    this.buf[this.pos] = code;
    this.start = this.pos + 1;
    this.pos += 5;
    return this;
  }

  end(): this {
    this.buf.writeInt32BE(this.pos - this.start, this.start);
    this.start = -1;
    return this;
  }

  byte(v: number): this {
    this.ensure(1);
    this.buf[this.pos++] = v;
    return this;
  }

  /**
   * A 16-bit integer, signed or unsigned: the low 16 bits of v are written, as int32() does for 32
   * bits. Counts such as the number of parameters of ParameterDescription are unsigned on the wire
   * (PostgreSQL allows up to 65535 parameters).
   */
  int16(v: number): this {
    this.ensure(2);
    this.buf.writeUInt16BE(v & 0xffff, this.pos);
    this.pos += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(v | 0, this.pos);
    this.pos += 4;
    return this;
  }

  uint32(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(s: string): this {
    this.ensure(s.length * 3 + 1);
    this.pos += this.buf.write(s, this.pos, "utf8");
    this.buf[this.pos++] = 0;
    return this;
  }

  /** An Int32 length followed by the UTF-8 bytes of s (a DataRow field in text format). */
  lengthPrefixedString(s: string): this {
    this.ensure(s.length * 3 + 4);
    const n = this.buf.write(s, this.pos + 4, "utf8");
    this.buf.writeInt32BE(n, this.pos);
    this.pos += 4 + n;
    return this;
  }

  /** An Int32 length followed by the bytes (a DataRow field in binary format). */
  lengthPrefixedBytes(b: Uint8Array): this {
    this.ensure(b.length + 4);
    this.buf.writeInt32BE(b.length, this.pos);
    this.buf.set(b, this.pos + 4);
    this.pos += 4 + b.length;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  /** The bytes written so far, as a copy that stays valid after further writes. */
  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }

  /** The bytes written so far, sharing memory with the writer, which is then reset. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    // The next buffer is allocated when something is written: often nothing is.
    this.reserve = Math.max(4096, Math.min(this.buf.length, 1 << 16));
    this.buf = EMPTY;
    this.pos = 0;
    return out;
  }

  reset(): void {
    this.pos = 0;
    this.start = -1;
  }
}
