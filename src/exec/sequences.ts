import type Database from "better-sqlite3";
import { splitQualifiedName } from "../catalog/sqlite-schema.js";
import { PgError } from "../errors/pg-error.js";
import { SEQUENCES } from "../sql/metadata.js";

interface SequenceState {
  /** The row's epoch (its rowid): changed by a restart or when the sequence is made again. */
  epoch: bigint;
  increment: bigint;
  min: bigint;
  max: bigint;
  cycle: boolean;
  lastValue: bigint;
  isCalled: boolean;
}

/**
 * A tenant's sequences, held in memory by the thread that runs the tenant. nextval is not
 * transactional in PostgreSQL: a rolled-back transaction does not give its values back. Here the
 * in-memory value only moves forward; each statement that advanced a sequence writes it back in
 * its own transaction, so what a committed row used is never handed out again after a restart.
 */
export class SequenceStore {
  private readonly states = new Map<string, SequenceState>();
  private readonly dirty = new Set<string>();

  /** Loads (or refreshes) the sequences; in-memory values that are ahead are kept. */
  load(db: Database.Database, hasTable = tableExists(db)): void {
    const rows = hasTable
      ? (db.prepare(`SELECT rowid AS epoch, * FROM ${SEQUENCES}`).safeIntegers(true).all() as Record<
          string,
          bigint | string | null
        >[])
      : [];
    const seen = new Set<string>();
    for (const r of rows) {
      const name = r.name as string;
      seen.add(name);
      const loaded: SequenceState = {
        epoch: r.epoch as bigint,
        increment: r.increment as bigint,
        min: r.min_value as bigint,
        max: r.max_value as bigint,
        cycle: (r.cycle as bigint) === 1n,
        lastValue: r.last_value as bigint,
        isCalled: (r.is_called as bigint) === 1n,
      };
      const old = this.states.get(name);
      if (
        old?.isCalled &&
        old.epoch === loaded.epoch &&
        ((loaded.increment > 0n ? old.lastValue > loaded.lastValue : old.lastValue < loaded.lastValue) ||
          (old.lastValue === loaded.lastValue && !loaded.isCalled))
      ) {
        loaded.lastValue = old.lastValue;
        loaded.isCalled = true;
      }
      this.states.set(name, loaded);
    }
    for (const name of this.states.keys()) if (!seen.has(name)) this.states.delete(name);
  }

  has(name: string): boolean {
    return this.states.has(this.resolve(name));
  }

  /**
   * The sequence a regclass text names: as stored, or read as PostgreSQL reads a possibly
   * qualified, possibly quoted name (`public.s`, `"MySeq"`, `MySeq` is `myseq`).
   */
  resolve(name: string): string {
    if (this.states.has(name)) return name;
    const parts = splitQualifiedName(name);
    if (!parts) return name;
    if (parts.length === 2 && parts[0] !== "public") return name;
    if (parts.length > 2) return name;
    return parts.at(-1)!;
  }

  nextval(name: string): bigint {
    name = this.resolve(name);
    const s = this.state(name);
    let next = s.isCalled ? s.lastValue + s.increment : s.lastValue;
    if (next > s.max || next < s.min) {
      if (!s.cycle) {
        const bound =
          next > s.max
            ? `maximum value of sequence "${name}" (${s.max})`
            : `minimum value of sequence "${name}" (${s.min})`;
        throw new PgError("SEQUENCE_GENERATOR_LIMIT_EXCEEDED", `nextval: reached ${bound}`);
      }
      next = s.increment > 0n ? s.min : s.max;
    }
    s.lastValue = next;
    s.isCalled = true;
    this.dirty.add(name);
    return next;
  }

  setval(name: string, value: bigint, isCalled: boolean): bigint {
    name = this.resolve(name);
    const s = this.state(name);
    if (value < s.min || value > s.max) {
      throw new PgError(
        "NUMERIC_VALUE_OUT_OF_RANGE",
        `setval: value ${value} is out of bounds for sequence "${name}" (${s.min}..${s.max})`,
      );
    }
    s.lastValue = value;
    s.isCalled = isCalled;
    this.dirty.add(name);
    return value;
  }

  /** Whether a statement advanced a sequence that must be written back. */
  get hasChanges(): boolean {
    return this.dirty.size > 0;
  }

  /** Writes advanced sequences back through db (outside any running statement). */
  flush(db: Database.Database): void {
    if (this.dirty.size === 0) return;
    const update = db.prepare(`UPDATE ${SEQUENCES} SET last_value = ?, is_called = ? WHERE name = ?`);
    for (const name of this.dirty) {
      const s = this.states.get(name);
      if (s) update.run(s.lastValue, s.isCalled ? 1 : 0, name);
    }
    this.dirty.clear();
  }

  /** Where each sequence stands, for restorePositions. */
  positions(): Map<string, { lastValue: bigint; isCalled: boolean }> {
    return new Map(
      [...this.states].map(([name, st]) => [name, { lastValue: st.lastValue, isCalled: st.isCalled }]),
    );
  }

  /** Puts sequences back where positions found them. */
  restorePositions(positions: Map<string, { lastValue: bigint; isCalled: boolean }>): void {
    for (const [name, p] of positions) {
      const st = this.states.get(name);
      if (st) Object.assign(st, p);
    }
  }

  private state(name: string): SequenceState {
    const s = this.states.get(name);
    if (!s) throw new PgError("UNDEFINED_TABLE", `relation "${name}" does not exist`);
    return s;
  }
}

/** Whether the sequences table exists, as db sees it (its own uncommitted DDL included). */
function tableExists(db: Database.Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(SEQUENCES) !== undefined
  );
}
