import { ProtocolError } from "./protocol-error.js";

/** A complete message: its type byte (0 for the untyped startup-phase messages) and its body. */
export interface Frame {
  code: number;
  body: Buffer;
}

/**
 * Splits a byte stream into messages. "For historical reasons, the very first message sent by the
 * client (the startup message) has no initial message-type byte" (protocol docs, "Message Flow"),
 * so the reader starts untyped and the session switches it to typed after startup.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private typed = false;

  constructor(
    private readonly maxMessageSize: number,
    /** PostgreSQL caps startup packets at 10000 bytes (MAX_STARTUP_PACKET_LENGTH). */
    private readonly maxStartupSize = 10000,
  ) {}

  /** After the startup packet, every message carries a type byte. */
  expectTyped(): void {
    this.typed = true;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  /** Bytes received but not yet returned as frames. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** Every byte received and not yet returned as a frame, leaving the reader empty. */
  takeAll(): Buffer {
    const all = Buffer.concat(this.chunks);
    this.chunks = [];
    this.buffered = 0;
    return all;
  }

  /** The next complete frame, or undefined if more bytes are needed. Throws ProtocolError on bad framing. */
  next(): Frame | undefined {
    const header = this.typed ? 5 : 4;
    if (this.buffered < header) return undefined;
    const head = this.peek(header);
    const code = this.typed ? head[0]! : 0;
    const length = head.readInt32BE(this.typed ? 1 : 0);
    const limit = this.typed ? this.maxMessageSize : this.maxStartupSize;
    if (length < 4) throw new ProtocolError(`invalid message length ${length}`);
    if (length > limit) {
      throw new ProtocolError(`message of ${length} bytes exceeds the limit of ${limit} bytes`, "too-large");
    }
    const total = length + (this.typed ? 1 : 0);
    if (this.buffered < total) return undefined;
    const all = this.take(total);
    return { code, body: all.subarray(header) };
  }

  /** Returns the first n buffered bytes without consuming them, joining chunks only as far as needed. */
  private peek(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= n) return first;
    const joined = Buffer.concat(this.chunks);
    this.chunks = [joined];
    return joined;
  }

  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    this.buffered -= n;
    if (first.length > n) {
      this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    if (first.length === n) {
      this.chunks.shift();
      return first;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0]!;
      const want = n - filled;
      if (chunk.length <= want) {
        chunk.copy(out, filled);
        filled += chunk.length;
        this.chunks.shift();
      } else {
        chunk.copy(out, filled, 0, want);
        this.chunks[0] = chunk.subarray(want);
        filled += want;
      }
    }
    return out;
  }
}
