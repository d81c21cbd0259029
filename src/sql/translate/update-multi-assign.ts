import { PgError } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind } from "../ast.js";
import type { Ctx } from "./context.js";

/**
 * UPDATE ... SET (a, b) = (x, y) and SET (a, b) = (SELECT x, y ...): each column's assignment
 * becomes a plain one, `a = x, b = y`, or `a = (SELECT x ...), b = (SELECT y ...)` with the
 * sub-select repeated for each column (so that references to the updated row stay correlated).
 * A sub-select with set operations is read through a derived table instead.
 */
export function expandMultiAssign(ctx: Ctx, targets: Node[]): Node[] {
  return targets.map((t) => {
    const res = asKind(t, "ResTarget");
    const multi = asKind(res?.val, "MultiAssignRef");
    if (!res || !multi) return t;
    const n = multi.ncolumns ?? 0;
    const i = (multi.colno ?? 1) - 1;
    const source = multi.source;
    const row = asKind(source, "RowExpr");
    const mismatch = () =>
      new PgError("SYNTAX_ERROR", "number of columns does not match number of values", {
        position: ctx.pos(source),
      });
    if (row) {
      const args = row.args ?? [];
      if (args.length !== n) throw mismatch();
      return { ResTarget: { ...res, val: args[i]! } } as Node;
    }
    const sub = asKind(source, "SubLink");
    const select = asKind(sub?.subselect, "SelectStmt");
    if (!sub || !select) {
      throw new PgError(
        "FEATURE_NOT_SUPPORTED",
        "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression",
        { position: ctx.pos(source) },
      );
    }
    let subselect: Node;
    if (!simpleSelect(select)) subselect = throughDerivedTable(select, i, n);
    else {
      if ((select.targetList ?? []).length !== n) throw mismatch();
      subselect = { SelectStmt: { ...select, targetList: [select.targetList![i]!] } } as Node;
    }
    return { ResTarget: { ...res, val: { SubLink: { ...sub, subselect } } } } as Node;
  });
}

/** A single SELECT whose columns can be taken one at a time. */
function simpleSelect(select: NodeOf<"SelectStmt">): boolean {
  const starred = (select.targetList ?? []).some((x) =>
    asKind(asKind(x, "ResTarget")?.val, "ColumnRef")?.fields?.some((f) => asKind(f, "A_Star")),
  );
  return select.op === "SETOP_NONE" && !select.valuesLists && !starred;
}

/** SELECT _multi.c<i> FROM (select) AS _multi(c1, ..., cn). */
function throughDerivedTable(select: NodeOf<"SelectStmt">, i: number, n: number): Node {
  const names = Array.from({ length: n }, (_, k) => ({ String: { sval: `c${k + 1}` } }));
  const column = {
    ColumnRef: { fields: [{ String: { sval: "_multi" } }, { String: { sval: `c${i + 1}` } }] },
  };
  return {
    SelectStmt: {
      targetList: [{ ResTarget: { val: column } }],
      fromClause: [
        {
          RangeSubselect: {
            subquery: { SelectStmt: select },
            alias: { aliasname: "_multi", colnames: names },
          },
        },
      ],
      limitOption: "LIMIT_OPTION_DEFAULT",
      op: "SETOP_NONE",
    },
  } as Node;
}
