import pg from "pg";

/** What a client sees of one statement, in a form to compare between servers. */
export interface Outcome {
  command?: string;
  rowCount?: number | null;
  fields?: { name: string; dataTypeID: number }[];
  /** Rows as PostgreSQL's text output, untouched by type parsers. */
  rows?: (string | null)[][];
  error?: { code?: string; message: string; position?: string };
}

const rawText = { getTypeParser: () => (v: string) => v };

/** A node-postgres client that returns every value as the server's text. */
export function rawClient(config: pg.ClientConfig): pg.Client {
  return new pg.Client({ ...config, types: rawText as unknown as pg.CustomTypesConfig });
}

export async function outcome(client: pg.Client, text: string, values?: unknown[]): Promise<Outcome> {
  try {
    const r = (await client.query({ text, values, rowMode: "array" })) as
      | pg.QueryResult<(string | null)[]>
      | pg.QueryResult<(string | null)[]>[];
    const last = Array.isArray(r) ? r[r.length - 1]! : r;
    return {
      command: last.command,
      rowCount: last.rowCount,
      fields: last.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
      rows: last.rows,
    };
  } catch (e) {
    const err = e as pg.DatabaseError;
    return { error: { code: err.code, message: err.message, position: err.position } };
  }
}
