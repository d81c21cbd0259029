/**
 * The gate between a thread that runs SQLite statements and the socket thread, which moves idle
 * connections off a thread stuck in a long statement. A thread serves its connections itself, so
 * a connection can change threads only while its thread is certainly not reading sockets: while
 * it is inside a SQLite call. The socket thread closes the gate (INSIDE to HELD) to be sure of
 * that, marks the connections it moves, and leaves MOVED; the thread, back from SQLite and before
 * anything else, lets go of the moved connections' sockets.
 */
export const Gate = {
  Outside: 0,
  Inside: 1,
  /** The socket thread is choosing connections to move. */
  Held: 2,
  /** Connections were moved: the thread lets go of them when it leaves SQLite. */
  Moved: 3,
} as const;

let gate: Int32Array | undefined;
let since: Float64Array | undefined;
let onMoved: () => void = () => undefined;

/** Called once on a thread that serves connections, with its gate and entry-time cells. */
export function installGate(cells: Int32Array, insideSince: Float64Array, moved: () => void): void {
  gate = cells;
  since = insideSince;
  onMoved = moved;
}

/** Before a SQLite call that may take long (nested calls leave the gate as it is). */
export function enterSqlite(): void {
  if (!gate || Atomics.load(gate, 0) !== Gate.Outside) return;
  since![0] = Date.now();
  Atomics.compareExchange(gate, 0, Gate.Outside, Gate.Inside);
}

/** Right after the call, before anything else can run on this thread. */
export function leaveSqlite(): void {
  if (!gate) return;
  for (;;) {
    const was = Atomics.compareExchange(gate, 0, Gate.Inside, Gate.Outside);
    if (was === Gate.Inside || was === Gate.Outside) return;
    if (was === Gate.Held) {
      Atomics.wait(gate, 0, Gate.Held, 100);
      continue;
    }
    Atomics.store(gate, 0, Gate.Outside);
    onMoved();
    return;
  }
}

/**
 * On the socket thread: if the thread is inside SQLite, holds it there while choose() marks the
 * connections to move; returns how many were marked.
 */
export function holdInside(cells: Int32Array, choose: () => number): number {
  if (Atomics.compareExchange(cells, 0, Gate.Inside, Gate.Held) !== Gate.Inside) return 0;
  let moved = 0;
  try {
    moved = choose();
  } finally {
    Atomics.store(cells, 0, moved > 0 ? Gate.Moved : Gate.Inside);
    Atomics.notify(cells, 0);
  }
  return moved;
}
