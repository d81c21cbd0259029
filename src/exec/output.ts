import { Writer } from "../protocol/writer.js";

/**
 * Where a session's backend messages go: a Writer that the engine fills, handed over in chunks.
 * Between rows the engine offers the chunk so far; the transport decides whether to wait for the
 * client to read (backpressure) before more rows are produced.
 */
export class Output {
  readonly w = new Writer(16 * 1024);

  constructor(
    /** Takes the bytes written so far; returns a promise when the reader is behind. */
    private readonly deliver: (bytes: Buffer) => Promise<void> | undefined,
    /** Bytes after which a chunk is handed over mid-result. */
    private readonly chunkSize = 256 * 1024,
  ) {}

  /** Hands the chunk over if it has grown large; await the result when it is a promise. */
  maybeDrain(): Promise<void> | undefined {
    if (this.w.length < this.chunkSize) return undefined;
    return this.drain();
  }

  drain(): Promise<void> | undefined {
    if (this.w.length === 0) return undefined;
    return this.deliver(this.w.take());
  }
}
