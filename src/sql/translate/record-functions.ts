import { PgError } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import type { Ctx } from "./context.js";
import type { ScopeColumn, ScopeItem } from "./scope.js";
import { typeFromTypeName } from "./type-names.js";

/**
 * FROM jsonb_to_recordset(...) AS x(a int, b text) and the other record functions: the function
 * yields each record as jsonb text, and each column of the definition list reads its member,
 * converted to the column's type (see json-records.ts).
 */
export function recordFunctionItem(
  ctx: Ctx,
  rf: NodeOf<"RangeFunction">,
  callSql: string,
  alias: string,
): { sql: string; item: ScopeItem } {
  const a = quoteIdent(alias);
  const columns: ScopeColumn[] = (rf.coldeflist ?? []).map((n: Node) => {
    const def = asKind(n, "ColumnDef")!;
    const type = typeFromTypeName(ctx, def.typeName!);
    const name = def.colname!;
    return {
      name,
      type,
      ref: `pg_json_record_field(${a}."c0", ${quoteString(name)}, ${type.oid}, ${type.typmod})`,
      tableOid: 0,
      attnum: 0,
    };
  });
  if (rf.ordinality) {
    throw new PgError("SYNTAX_ERROR", "WITH ORDINALITY cannot be used with a column definition list", {
      hint: "Put the column definition list inside ROWS FROM().",
    });
  }
  return { sql: `${callSql} AS ${a}`, item: { alias, columns } };
}

/** PostgreSQL's error for a function returning record without a column definition list. */
export function columnDefinitionListRequired(position?: number): PgError {
  return new PgError(
    "SYNTAX_ERROR",
    'a column definition list is required for functions returning "record"',
    {
      position,
    },
  );
}
