// UPDATE ... SET a[i] = v, a[i][j] = v: assignment to an element of an array column
// (transformAssignmentIndirection), run by pg_array_assign (functions/lib/array-subscripts.ts).
import { PgError, unsupported } from "../../errors/pg-error.js";
import { elementTypeOf, formatType } from "../../types/registry.js";
import type { NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import { INT8, t } from "../oids.js";
import type { RelationInfo } from "../schema.js";
import { quoteIdent } from "../sqlite-text.js";
import { coerce } from "./coerce.js";
import type { Ctx } from "./context.js";
import { translateExpr } from "./expr.js";
import type { Scope } from "./scope.js";
import { assignedColumn, isDefault } from "./target-table.js";

/** `col = <the column with the element replaced>` for a SET item with subscripts. */
export function arrayElementSet(
  ctx: Ctx,
  rel: RelationInfo,
  res: NodeOf<"ResTarget">,
  scope: Scope,
  seen: Set<string>,
): string {
  const position = ctx.pos(res.location);
  const col = assignedColumn(ctx, rel, { ...res, indirection: undefined }, "UPDATE");
  if (seen.has(col.name)) throw unsupported("several assignments to one array column", position);
  seen.add(col.name);
  if (ctx.schema.compositeByOid(col.typeOid))
    throw unsupported("UPDATE of fields of composite values", position);
  const elem = elementTypeOf(col.typeOid);
  if (elem === undefined) {
    throw new PgError(
      "DATATYPE_MISMATCH",
      `cannot subscript type ${formatType(col.typeOid, -1)} because it does not support subscripting`,
      { position },
    );
  }
  const subscripts = (res.indirection ?? []).map((step) => {
    const idx = asKind(step, "A_Indices");
    if (!idx) throw unsupported("UPDATE of fields of composite values", position);
    if (idx.is_slice) throw unsupported("UPDATE of array slices", position);
    const i = coerce(ctx, translateExpr(ctx, idx.uidx!, scope), t(INT8), "implicit", position);
    return `CAST(${i.sql} AS INTEGER)`;
  });
  if (isDefault(res.val)) throw unsupported("DEFAULT as an array element", position);
  const value = coerce(
    ctx,
    translateExpr(ctx, res.val!, scope),
    { oid: elem, typmod: col.typmod },
    "assignment",
    ctx.pos(res.val),
  );
  const name = quoteIdent(col.name);
  return `${name} = pg_array_assign(${name}, ${elem}, ${value.sql}, ${subscripts.join(", ")})`;
}
