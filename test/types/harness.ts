// Runs type inputs through the reference PostgreSQL and through our codecs, in the same session
// settings, so that tests can compare the two byte for byte.
import pg from "pg";
import { isPgError } from "../../src/errors/pg-error.js";
import { codecFor } from "../../src/types/codecs.js";
import { defaultFormatContext, type FormatContext } from "../../src/types/format-context.js";
import { parseDeclaredType } from "../../src/types/registry.js";
import { REFERENCE } from "../support/reference.js";

/** Session settings as PostgreSQL names them, and as a FormatContext. */
export interface Settings {
  DateStyle?: string;
  TimeZone?: string;
  IntervalStyle?: string;
  extra_float_digits?: number;
  bytea_output?: string;
}

export function formatContext(s: Settings): FormatContext {
  return {
    dateStyle: s.DateStyle ?? defaultFormatContext.dateStyle,
    timeZone: s.TimeZone ?? defaultFormatContext.timeZone,
    intervalStyle: s.IntervalStyle ?? defaultFormatContext.intervalStyle,
    extraFloatDigits: s.extra_float_digits ?? defaultFormatContext.extraFloatDigits,
    byteaOutput: s.bytea_output ?? defaultFormatContext.byteaOutput,
  };
}

const raw = { getTypeParser: () => (v: string) => v };

export function quoteLiteral(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** What a query or codec call produced: the text, or "ERROR <sqlstate> <message>[: <detail>]". */
export function errorText(code: string, message: string, detail?: string): string {
  return `ERROR ${code} ${message}${detail ? `: ${detail}` : ""}`;
}

export class Reference {
  private constructor(private readonly client: pg.Client) {}

  static async open(): Promise<Reference> {
    const client = new pg.Client({ ...REFERENCE, database: "postgres" });
    await client.connect();
    return new Reference(client);
  }

  close(): Promise<void> {
    return this.client.end();
  }

  async apply(s: Settings): Promise<void> {
    const f = formatContext(s);
    await this.client.query(
      `SET DateStyle = ${quoteLiteral(f.dateStyle)}; SET TimeZone = ${quoteLiteral(f.timeZone)};
       SET IntervalStyle = ${quoteLiteral(f.intervalStyle)}; SET extra_float_digits = ${f.extraFloatDigits};
       SET bytea_output = ${quoteLiteral(f.byteaOutput)}`,
    );
  }

  /** One value of the query's first column as text, or the error it raised. */
  async value(sql: string, values: unknown[] = []): Promise<string> {
    try {
      const r = await this.client.query({ text: sql, values, types: raw } as pg.QueryConfig);
      const v = r.rows[0]?.v;
      return v === null ? "NULL" : String(v);
    } catch (e) {
      const err = e as { code: string; message: string; detail?: string };
      return errorText(err.code, err.message, err.detail);
    }
  }

  /** Column v of every row, in order (NULL as null). */
  async rowsOf(sql: string, values: unknown[] = []): Promise<(string | null)[]> {
    const r = await this.client.query({ text: sql, values, types: raw } as pg.QueryConfig);
    return r.rows.map((row: { v: unknown }) => (row.v === null ? null : String(row.v)));
  }

  /** The output of `'input'::type` (the type's input function with the typmod, then its output). */
  literal(input: string, type: string): Promise<string> {
    return this.value(`SELECT ${quoteLiteral(input)}::${type} AS v`);
  }

  /** The binary send format of `'input'::type`, as hex. */
  send(input: string, type: string, sendFn: string): Promise<string> {
    return this.value(`SELECT encode(${sendFn}(${quoteLiteral(input)}::${type}), 'hex') AS v`);
  }

  /** The text output of a binary parameter received as `type`. */
  receive(bytes: Uint8Array, type: string): Promise<string> {
    return this.value(`SELECT $1::${type} AS v`, [Buffer.from(bytes)]);
  }
}

function ourError(e: unknown): string {
  if (isPgError(e)) return errorText(e.fields.code, e.fields.message, e.fields.detail);
  throw e;
}

/** The declared SQLite type text for our side, e.g. "varchar(3)" or "_int4". */
export function declared(type: string): { oid: number; typmod: number } {
  const t = parseDeclaredType(type);
  if (!t) throw new Error(`unknown declared type ${type}`);
  return t;
}

/** fromText then toText, as the literal would go through the input and output functions. */
export function ourLiteral(input: string, type: string, ctx: FormatContext): string {
  const { oid, typmod } = declared(type);
  const codec = codecFor(oid);
  try {
    return codec.toText(codec.fromText(input, typmod, ctx), typmod, ctx);
  } catch (e) {
    return ourError(e);
  }
}

/** fromText then toBinary, as hex. */
export function ourSend(input: string, type: string, ctx: FormatContext): string {
  const { oid, typmod } = declared(type);
  const codec = codecFor(oid);
  try {
    return Buffer.from(codec.toBinary!(codec.fromText(input, typmod, ctx), typmod, ctx)).toString("hex");
  } catch (e) {
    return ourError(e);
  }
}

/** fromBinary then toText. */
export function ourReceive(hex: string, type: string, ctx: FormatContext): string {
  const { oid, typmod } = declared(type);
  const codec = codecFor(oid);
  try {
    return codec.toText(codec.fromBinary!(Buffer.from(hex, "hex"), typmod, ctx), typmod, ctx);
  } catch (e) {
    return ourError(e);
  }
}

/** Compares every input as a literal of the type; returns the mismatches so that a failure lists them all. */
export async function compareLiterals(
  r: Reference,
  pgType: string,
  ours: string,
  inputs: string[],
  settings: Settings = {},
): Promise<string[]> {
  await r.apply(settings);
  const ctx = formatContext(settings);
  const bad: string[] = [];
  for (const input of inputs) {
    const expected = await r.literal(input, pgType);
    const got = ourLiteral(input, ours, ctx);
    if (got !== expected)
      bad.push(`${JSON.stringify(input)}: pg ${JSON.stringify(expected)}, ours ${JSON.stringify(got)}`);
  }
  return bad;
}
