// WITH RECURSIVE queries: PostgreSQL's checks of the two terms (parse_cte.c) and the SEARCH and
// CYCLE clauses (rewriteSearchCycle.c), which add columns computed in each term's select list.
import { PgError, unsupported } from "../../errors/pg-error.js";
import { formatType, typeByName } from "../../types/registry.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import { RECORD, t } from "../oids.js";
import type { SqlType } from "../plan.js";
import type { Ctx } from "./context.js";
import type { CteMap } from "./from.js";
import { find, firstAggregate } from "./group-check.js";
import type { Scope } from "./scope.js";
import type { OutputColumn, SelectOutput } from "./select.js";

type Translate = (stmt: NodeOf<"SelectStmt">, parent: Scope | undefined, ctes: CteMap) => SelectOutput;

const RECORD_ARRAY = typeByName("_record")!.oid;

/** The RangeVar that reads the WITH query `name` itself, if `node` has one. */
function selfReference(node: unknown, name: string): NodeOf<"RangeVar"> | undefined {
  return find(node, (n) => {
    const rv = asKind(n, "RangeVar");
    return rv && rv.schemaname === undefined && rv.relname === name ? rv : undefined;
  });
}

/**
 * A recursive WITH query `name AS (seed UNION [ALL] recursive)`: the seed must not read name, the
 * recursive term must not aggregate, and each column's type is the seed's. SEARCH and CYCLE add
 * their columns to both terms.
 */
export function translateRecursiveCte(
  ctx: Ctx,
  cte: NodeOf<"CommonTableExpr">,
  select: NodeOf<"SelectStmt">,
  names: string[],
  parent: Scope | undefined,
  ctes: CteMap,
  translate: Translate,
): SelectOutput {
  const name = cte.ctename!;
  const early = selfReference(select.larg, name);
  if (early) {
    throw new PgError(
      "INVALID_RECURSION",
      `recursive reference to query "${name}" must not appear within its non-recursive term`,
      { position: ctx.pos(early.location) },
    );
  }
  const agg = firstAggregate(select.rarg?.targetList);
  if (agg) {
    throw new PgError(
      "INVALID_RECURSION",
      "aggregate functions are not allowed in a recursive query's recursive term",
      {
        position: ctx.pos(agg.location),
      },
    );
  }
  const extra = extraColumns(ctx, cte, select, names);
  const seedStmt = extra ? extra.seed : select.larg!;
  const seed = translate(seedStmt, parent, ctes);
  const allNames = [...names, ...(extra?.names ?? [])];
  const named = (columns: OutputColumn[]) =>
    columns.map((c, i) => (i < allNames.length ? { ...c, name: allNames[i]!, alias: allNames[i]! } : c));
  ctes.set(name, { columns: named(seed.columns) });
  const body = extra ? { ...select, larg: extra.seed, rarg: extra.recursive } : select;
  const out = translate(body, parent, ctes);
  seed.columns.slice(0, names.length).forEach((c, i) => {
    const overall = out.columns[i]!.type;
    if (c.type.oid === overall.oid && c.type.typmod === overall.typmod) return;
    const target = asKind(seedStmt.targetList?.[i], "ResTarget");
    throw new PgError(
      "DATATYPE_MISMATCH",
      `recursive query "${name}" column ${i + 1} has type ${formatType(c.type.oid, c.type.typmod)} in non-recursive term but type ${formatType(overall.oid, overall.typmod)} overall`,
      {
        position: ctx.pos(target?.location),
        hint: "Cast the output of the non-recursive term to the correct type.",
      },
    );
  });
  if (!extra) return out;
  const columns = out.columns.map((c, i) => ({ ...c, type: extra.types[i - names.length] ?? c.type }));
  return { sql: out.sql, columns };
}

interface ExtraColumns {
  seed: NodeOf<"SelectStmt">;
  recursive: NodeOf<"SelectStmt">;
  names: string[];
  /** The types the added columns report, where not the type their expressions have. */
  types: (SqlType | undefined)[];
}

const column = (fields: string[]): Node =>
  ({
    ColumnRef: { fields: fields.map((sval) => ({ String: { sval } })), location: -1 },
  }) as Node;
const call = (name: string, args: Node[]): Node =>
  ({
    FuncCall: {
      funcname: [{ String: { sval: name } }],
      args,
      funcformat: "COERCE_EXPLICIT_CALL",
      location: -1,
    },
  }) as Node;
const target = (name: string, val: Node): Node => ({ ResTarget: { name, val, location: -1 } }) as Node;
const NULL_CONST: Node = { A_Const: { isnull: true, location: -1 } } as Node;

/** Both terms with the SEARCH and CYCLE columns added, or undefined when the query has neither. */
function extraColumns(
  ctx: Ctx,
  cte: NodeOf<"CommonTableExpr">,
  select: NodeOf<"SelectStmt">,
  names: string[],
): ExtraColumns | undefined {
  const search = cte.search_clause;
  const cycle = cte.cycle_clause;
  if (!search && !cycle) return undefined;
  const name = cte.ctename!;
  const seed = structuredClone(select.larg);
  const rec = structuredClone(select.rarg);
  const position = ctx.pos((search ?? cycle)!.location);
  if (!seed?.targetList || !rec?.targetList || (seed.op && seed.op !== "SETOP_NONE"))
    throw unsupported("SEARCH or CYCLE on this recursive query", position);
  const self = selfReference(rec.fromClause, name);
  if (!self) throw unsupported("SEARCH or CYCLE on this recursive query", position);
  const alias = self.alias?.aliasname ?? name;
  // The BY and CYCLE columns are output columns: each term's expression for them.
  const values = (stmt: NodeOf<"SelectStmt">, cols: Node[] | undefined, clause: string) =>
    stringList(cols).map((c) => {
      const i = names.indexOf(c);
      const res = asKind(stmt.targetList![i], "ResTarget");
      if (i < 0 || !res?.val)
        throw new PgError("SYNTAX_ERROR", `${clause} column "${c}" not in WITH query column list`, {
          position,
        });
      return structuredClone(res.val);
    });
  const extra: ExtraColumns = { seed, recursive: rec, names: [], types: [] };
  if (search) {
    const fn = search.search_breadth_first ? "?search_breadth" : "?search_depth";
    const col = search.search_seq_column!;
    seed.targetList.push(
      target(col, call(fn, [NULL_CONST, ...values(seed, search.search_col_list, "search")])),
    );
    rec.targetList.push(
      target(col, call(fn, [column([alias, col]), ...values(rec, search.search_col_list, "search")])),
    );
    extra.names.push(col);
    // PostgreSQL's column is record (BREADTH) or record[] (DEPTH); here it is a sort key typed record,
    // which orders as the sequence does (not as arrays' stored JSON would).
    extra.types.push(t(RECORD));
  }
  if (cycle) {
    const mark = cycle.cycle_mark_column!;
    const path = cycle.cycle_path_column!;
    const markValue = cycle.cycle_mark_value!;
    const markDefault = cycle.cycle_mark_default!;
    const member = call("?cycle_member", [
      column([alias, path]),
      ...values(rec, cycle.cycle_col_list, "cycle"),
    ]);
    seed.targetList.push(target(mark, structuredClone(markDefault)));
    rec.targetList.push(
      target(mark, {
        CaseExpr: {
          args: [{ CaseWhen: { expr: member, result: structuredClone(markValue), location: -1 } }],
          defresult: structuredClone(markDefault),
          location: -1,
        },
      } as Node),
    );
    seed.targetList.push(
      target(path, call("?cycle_path", [NULL_CONST, ...values(seed, cycle.cycle_col_list, "cycle")])),
    );
    rec.targetList.push(
      target(
        path,
        call("?cycle_path", [column([alias, path]), ...values(rec, cycle.cycle_col_list, "cycle")]),
      ),
    );
    // Rows that closed a cycle are not followed further.
    const notCycle: Node = {
      A_Expr: {
        kind: "AEXPR_OP",
        name: [{ String: { sval: "<>" } }],
        lexpr: column([alias, mark]),
        rexpr: structuredClone(markValue),
        location: -1,
      },
    } as Node;
    rec.whereClause = rec.whereClause
      ? ({ BoolExpr: { boolop: "AND_EXPR", args: [rec.whereClause, notCycle], location: -1 } } as Node)
      : notCycle;
    extra.names.push(mark, path);
    extra.types.push(undefined, t(RECORD_ARRAY));
  }
  return extra;
}
