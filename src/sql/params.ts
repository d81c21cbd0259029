import { PgError } from "../errors/pg-error.js";
import type { SqlType } from "./plan.js";

/**
 * The parameters of a statement: types the client declared in Parse (0 = unspecified) and types
 * inferred from where each `$n` is used, as PostgreSQL's parse analysis infers them.
 */
export class ParamTypes {
  private readonly types: (SqlType | undefined)[] = [];

  constructor(declared: readonly number[]) {
    declared.forEach((oid, i) => {
      if (oid !== 0) this.types[i] = { oid, typmod: -1 };
    });
  }

  get(index: number): SqlType | undefined {
    return this.types[index];
  }

  /** Records the type a use of `$index+1` implies; the first inference wins, as in PostgreSQL. */
  infer(index: number, type: SqlType): SqlType {
    const known = this.types[index];
    if (known) return known;
    const t = { oid: type.oid, typmod: -1 };
    this.types[index] = t;
    return t;
  }

  /** Makes sure parameters up to count exist (a `$3` implies `$1` and `$2`). */
  touch(count: number): void {
    while (this.types.length < count) this.types.push(undefined);
  }

  /** The final types, for ParameterDescription; an undetermined parameter is an error (42P18). */
  resolve(fallback?: (index: number) => SqlType | undefined): number[] {
    return Array.from({ length: this.types.length }, (_, i) => {
      const t = this.types[i] ?? fallback?.(i);
      if (!t) {
        throw new PgError("INDETERMINATE_DATATYPE", `could not determine data type of parameter $${i + 1}`);
      }
      return t.oid;
    });
  }
}
