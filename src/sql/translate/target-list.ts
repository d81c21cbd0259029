import { PgError } from "../../errors/pg-error.js";
import type { Node } from "../ast.js";
import { asKind, nodeKind, stringList } from "../ast.js";
import { quoteIdent } from "../sqlite-text.js";
import { isUnknown, resolveUnknown } from "./coerce.js";
import { fieldStarColumns } from "./composite-functions.js";
import type { Ctx, Expr } from "./context.js";
import { translateExpr } from "./expr.js";
import { sqlValueFunctionName } from "./functions.js";
import type { Scope, ScopeColumn } from "./scope.js";
import type { OutputColumn } from "./select.js";
import { inSelectList } from "./set-functions.js";

/** The select list: `*` expansion, output names as PostgreSQL chooses them, unique SQLite aliases. */
export function translateTargetList(
  ctx: Ctx,
  targets: Node[],
  scope: Scope,
): { sql: string; columns: OutputColumn[]; exprs: string[] } {
  const sqls: string[] = [];
  const exprs: string[] = [];
  const columns: OutputColumn[] = [];
  const used = new Set<string>();
  const add = (name: string, e: Expr, untyped = false) => {
    let alias = name;
    for (let n = 1; used.has(alias.toLowerCase()); n++) alias = `${name}:${n}`;
    used.add(alias.toLowerCase());
    sqls.push(`${e.sql} AS ${quoteIdent(alias)}`);
    exprs.push(e.sql);
    columns.push({
      name,
      alias,
      type: e.type,
      tableOid: e.source?.tableOid ?? 0,
      attnum: e.source?.attnum ?? 0,
      ...(untyped ? { untyped } : {}),
    });
  };
  for (const target of targets) {
    const rt = asKind(target, "ResTarget")!;
    const star = starColumns(ctx, rt.val, scope);
    if (star) {
      for (const col of star) add(col.name, columnExpr(col));
      continue;
    }
    const value: Expr = inSelectList(scope, () => translateExpr(ctx, rt.val!, scope));
    add(rt.name ?? outputName(rt.val!), resolveUnknown(ctx, value), isUnknown(value) && !value.isNull);
  }
  if (sqls.length === 0) {
    // PostgreSQL allows an empty select list; SQLite needs something to select.
    return { sql: 'NULL AS "?column?"', columns: [], exprs: [] };
  }
  return { sql: sqls.join(", "), columns, exprs };
}

function columnExpr(col: ScopeColumn): Expr {
  return {
    sql: col.ref,
    type: col.type,
    source: { tableOid: col.tableOid, attnum: col.attnum, name: col.name },
  };
}

/** The columns `*` or `alias.*` stands for, or undefined if val is not a star. */
function starColumns(ctx: Ctx, val: Node | undefined, scope: Scope): ScopeColumn[] | undefined {
  const ind = asKind(val, "A_Indirection");
  if (ind) return fieldStarColumns(ctx, ind, scope);
  const ref = asKind(val, "ColumnRef");
  if (!ref) return undefined;
  const fields = stringList(ref.fields);
  if (fields.at(-1) !== "*") return undefined;
  if (fields.length === 1) {
    if (scope.items.length === 0) {
      throw new PgError("SYNTAX_ERROR", "SELECT * with no tables specified is not valid", {
        position: ctx.pos(val),
      });
    }
    return scope.items.flatMap((i) => i.columns.filter((c) => !c.hidden));
  }
  const item = scope.item(fields[0]!);
  if (!item) {
    throw new PgError("UNDEFINED_TABLE", `missing FROM-clause entry for table "${fields[0]}"`, {
      position: ctx.pos(val),
    });
  }
  return item.columns;
}

/**
 * Whether a node's output name is a real one (FigureColname's strength 2), not a cast's type name
 * or "case", which an enclosing cast's type name or CASE's ELSE replaces.
 */
function strongName(node: Node): boolean {
  switch (nodeKind(node)) {
    case "TypeCast":
      return strongName(asKind(node, "TypeCast")!.arg!);
    case "CollateClause":
      return strongName(asKind(node, "CollateClause")!.arg!);
    case "CaseExpr": {
      const def = asKind(node, "CaseExpr")!.defresult;
      return def !== undefined && strongName(def);
    }
    // A sub-select's column always has a name, "?column?" included: (SELECT 1)::text is "?column?".
    case "SubLink":
      return true;
    default:
      return outputName(node) !== "?column?";
  }
}

/** The name PostgreSQL gives an unnamed output column (FigureColname). */
export function outputName(node: Node): string {
  switch (nodeKind(node)) {
    case "ColumnRef":
      return stringList(asKind(node, "ColumnRef")!.fields).at(-1) ?? "?column?";
    case "FuncCall":
      return stringList(asKind(node, "FuncCall")!.funcname).at(-1) ?? "?column?";
    case "TypeCast": {
      const c = asKind(node, "TypeCast")!;
      return strongName(c.arg!) ? outputName(c.arg!) : (stringList(c.typeName?.names).at(-1) ?? "?column?");
    }
    case "CaseExpr": {
      const def = asKind(node, "CaseExpr")!.defresult;
      return def !== undefined && strongName(def) ? outputName(def) : "case";
    }
    case "CoalesceExpr":
      return "coalesce";
    case "MinMaxExpr":
      return asKind(node, "MinMaxExpr")!.op === "IS_GREATEST" ? "greatest" : "least";
    case "SQLValueFunction":
      return sqlValueFunctionName(asKind(node, "SQLValueFunction")!.op);
    case "SubLink": {
      const s = asKind(node, "SubLink")!;
      if (s.subLinkType === "EXISTS_SUBLINK") return "exists";
      if (s.subLinkType === "ARRAY_SUBLINK") return "array";
      if (s.subLinkType === "EXPR_SUBLINK") {
        const first = asKind(asKind(s.subselect, "SelectStmt")?.targetList?.[0], "ResTarget");
        return first?.name ?? (first?.val ? outputName(first.val) : "?column?");
      }
      return "?column?";
    }
    case "A_Expr": {
      const e = asKind(node, "A_Expr")!;
      return e.kind === "AEXPR_NULLIF" ? "nullif" : "?column?";
    }
    case "CollateClause":
      return outputName(asKind(node, "CollateClause")!.arg!);
    case "A_Indirection": {
      // The last field name selected, else the name of what is subscripted.
      const ind = asKind(node, "A_Indirection")!;
      const field = stringList(ind.indirection?.filter((n) => nodeKind(n) === "String")).at(-1);
      return field ?? outputName(ind.arg!);
    }
    case "A_ArrayExpr":
      return "array";
    case "RowExpr":
      return "row";
    case "GroupingFunc":
      return "grouping";
    default:
      return "?column?";
  }
}
