import { ProtocolError } from "./protocol-error.js";

/** Reads the fields of one message body, failing with a ProtocolError on any overrun. */
export class BodyReader {
  private offset = 0;

  constructor(private readonly body: Buffer) {}

  get remaining(): number {
    return this.body.length - this.offset;
  }

  int16(): number {
    this.need(2);
    const v = this.body.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  /**
   * An unsigned Int16. PostgreSQL reads the counts of Parse and Bind (parameters, format codes)
   * with pq_getmsgint(msg, 2), which is unsigned: up to 65535 parameters are valid.
   */
  uint16(): number {
    this.need(2);
    const v = this.body.readUInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.body.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  byte(): number {
    this.need(1);
    return this.body[this.offset++]!;
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(): string {
    const end = this.body.indexOf(0, this.offset);
    if (end < 0) throw new ProtocolError("invalid string in message");
    const s = this.body.toString("utf8", this.offset, end);
    this.offset = end + 1;
    return s;
  }

  bytes(n: number): Buffer {
    this.need(n);
    const b = this.body.subarray(this.offset, this.offset + n);
    this.offset += n;
    return b;
  }

  rest(): Buffer {
    const b = this.body.subarray(this.offset);
    this.offset = this.body.length;
    return b;
  }

  /** "invalid message format": trailing bytes after the last field. */
  end(): void {
    if (this.offset !== this.body.length) throw new ProtocolError("invalid message format");
  }

  private need(n: number): void {
    if (n < 0 || this.offset + n > this.body.length) throw new ProtocolError("invalid message format");
  }
}
