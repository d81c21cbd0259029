import { Writer } from "../protocol/writer.js";

/**
 * Where a session's backend messages go: a Writer that the engine fills, handed over in chunks.
 * Between rows the engine offers the chunk so far; the transport decides whether to wait for the
 * client to read (backpressure) before more rows are produced.
 */
export class Output {
  /** Small at first (most answers are): the writer doubles as rows are added. */
  readonly w = new Writer(1024);

  constructor(
    /** Takes the bytes written so far; returns a promise when the reader is behind. */
    private readonly deliver: (bytes: Buffer) => Promise<void> | undefined,
    /** Bytes after which a chunk is handed over mid-result. */
    private readonly chunkSize = 256 * 1024,
    /** What must be done before bytes leave, such as making acknowledged commits durable. */
    private readonly beforeDeliver?: () => Promise<void> | undefined,
  ) {}

  /** Hands the chunk over if it has grown large; await the result when it is a promise. */
  maybeDrain(): Promise<void> | undefined {
    if (this.w.length < this.chunkSize) return undefined;
    return this.drain();
  }

  drain(): Promise<void> | undefined {
    if (this.w.length === 0) return undefined;
    const bytes = this.w.take();
    const before = this.beforeDeliver?.();
    return before ? before.then(() => this.deliver(bytes)) : this.deliver(bytes);
  }
}
