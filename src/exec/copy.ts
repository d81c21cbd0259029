import { PgError } from "../errors/pg-error.js";
import { BackendCode } from "../protocol/codes.js";
import * as encode from "../protocol/encode.js";
import type { CopyPlan, ResultColumn } from "../sql/plan.js";
import { codecFor } from "../types/codecs.js";
import type { FormatContext } from "../types/format-context.js";
import type { SqliteValue } from "../types/sqlite-value.js";
import { type CopyFormat, CopyReader, defaultFormat, formatCopyRow } from "./copy-format.js";
import type { Output } from "./output.js";

/** The format of a COPY, with column names in its options resolved to positions. */
export function copyFormat(plan: CopyPlan): CopyFormat {
  const o = plan.options;
  const f = defaultFormat(o.csv);
  if (o.delimiter !== undefined) f.delimiter = o.delimiter;
  if (o.null !== undefined) f.null = o.null;
  if (o.quote !== undefined) f.quote = o.quote;
  f.escape = o.escape ?? f.quote;
  f.header = o.header;
  const positions = (names: string[]) =>
    new Set(
      names.map((n) => {
        const i = plan.columns.findIndex((c) => c.name === n);
        if (i < 0) throw new PgError("INVALID_COLUMN_REFERENCE", `column "${n}" is not referenced by COPY`);
        return i;
      }),
    );
  f.forceQuote = o.forceQuote === "all" ? "all" : positions(o.forceQuote);
  f.forceNotNull = positions(o.forceNotNull);
  f.forceNull = positions(o.forceNull);
  return f;
}

/** Starts COPY ... TO STDOUT or FROM STDIN on the wire: CopyOutResponse / CopyInResponse, text format. */
export function copyResponse(out: Output, plan: CopyPlan): void {
  const code = plan.direction === "in" ? BackendCode.CopyInResponse : BackendCode.CopyOutResponse;
  encode.copyResponse(out.w, code, 0, plan.columns.length);
}

/** COPY FROM STDIN in progress: turns CopyData into rows of parameter values for the INSERT. */
export class CopyIn {
  private readonly reader: CopyReader;
  private line = 0;
  rows = 0;

  constructor(
    readonly plan: CopyPlan,
    private readonly ctx: () => FormatContext,
  ) {
    this.reader = new CopyReader(copyFormat(plan));
  }

  /** The rows of a chunk of data, each as the INSERT's parameter values. */
  take(data: Uint8Array, last = false): SqliteValue[][] {
    const columns = this.plan.columns;
    const ctx = this.ctx();
    return this.reader.push(data, last).map((fields) => {
      this.line++;
      if (fields.length !== columns.length) {
        throw new PgError(
          "BAD_COPY_FILE_FORMAT",
          fields.length < columns.length
            ? `missing data for column "${columns[fields.length]!.name}"`
            : "extra data after last expected column",
          { where: `COPY ${columns[0]?.name ? "" : ""}line ${this.line}`.replace("COPY line", `COPY, line`) },
        );
      }
      return fields.map((v, i) => (v === null ? null : codecFor(columns[i]!.type.oid).fromText(v, -1, ctx)));
    });
  }
}

/** Writes one row of COPY TO STDOUT as CopyData. */
export function copyOutRow(
  out: Output,
  columns: readonly ResultColumn[],
  row: unknown[],
  f: CopyFormat,
  ctx: FormatContext,
): void {
  const values = columns.map((c, i) => {
    const v = row[i] as SqliteValue;
    return v === null || v === undefined ? null : codecFor(c.type.oid).toText(v, c.type.typmod, ctx);
  });
  const data = Buffer.from(formatCopyRow(values, f), "utf8");
  encode.copyData(out.w, data);
}
