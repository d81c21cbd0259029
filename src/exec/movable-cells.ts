import { Movable } from "./worker-protocol.js";

/**
 * The table of sessions that threads serve themselves: one Int32 cell each, where the serving
 * thread notes whether the session could move now (see Movable), taken and given back here.
 */
export class MovableCells {
  readonly buffer: SharedArrayBuffer;
  readonly cells: Int32Array;
  private readonly free: number[] = [];
  private next = 0;

  constructor(size = 1 << 16) {
    this.buffer = new SharedArrayBuffer(size * Int32Array.BYTES_PER_ELEMENT);
    this.cells = new Int32Array(this.buffer);
  }

  take(): number {
    const cell = this.free.pop() ?? this.next++;
    if (cell >= this.cells.length) throw new Error("too many sessions served by threads");
    Atomics.store(this.cells, cell, Movable.No);
    return cell;
  }

  give(cell: number): void {
    this.free.push(cell);
  }

  /** While the serving thread is held inside SQLite: takes the session if it is idle there. */
  claim(cell: number): boolean {
    return Atomics.compareExchange(this.cells, cell, Movable.Yes, Movable.Moved) === Movable.Yes;
  }
}
