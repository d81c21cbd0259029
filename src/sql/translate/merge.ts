import { PgError, unsupported } from "../../errors/pg-error.js";
import { RAISE_ERROR } from "../../functions/lib/sequences.js";
import type { Node, NodeOf } from "../ast.js";
import { quoteIdent, quoteString } from "../sqlite-text.js";
import type { CteInfo, Ctx } from "./context.js";
import { translateInsert } from "./insert.js";
import { translateSelect, translateWith } from "./select.js";
import { targetTable } from "./target-table.js";
import { translateDelete, translateUpdate } from "./update-delete.js";

/**
 * MERGE (PostgreSQL 15). SQLite has none, so it runs as steps kept as captures (see
 * modifying-cte.ts): first the join of the source with the target, each source row labelled with
 * the WHEN clause that applies to it (the first whose condition holds, as PostgreSQL picks), then
 * a check that no target row is changed twice, then one UPDATE, DELETE or INSERT per clause over
 * the rows labelled with it, each counting its rows. The statement's result is that count, "MERGE n".
 * Each target row gets at most one action and inserted rows are new, so running the clauses in
 * turn leaves the tables as PostgreSQL's row-by-row execution does.
 */
export function translateMerge(ctx: Ctx, stmt: NodeOf<"MergeStmt">): { sql: string } {
  if (!stmt.withClause) return mergeBody(ctx, stmt, "");
  const saved = ctx.visibleCtes;
  const ctes = new Map(saved);
  ctx.visibleCtes = ctes;
  try {
    // Every step reads the WITH queries: each is prefixed with them.
    const withSql = translateWith(ctx, stmt.withClause, undefined, ctes);
    return mergeBody(ctx, stmt, withSql ? `${withSql} ` : "");
  } finally {
    ctx.visibleCtes = saved;
  }
}

const TRID = "?merge_row";
const CLAUSE = "?merge_clause";
const ROWS = "?merge_rows";

function mergeBody(ctx: Ctx, stmt: NodeOf<"MergeStmt">, withPrefix: string): { sql: string } {
  const rv = stmt.relation!;
  targetTable(ctx, rv, "MERGE");
  const target = rv.alias?.aliasname ?? rv.relname!;
  const source = sourceAlias(ctx, stmt.sourceRelation!);
  const clauses = (stmt.mergeWhenClauses ?? []).map(
    (n) => (n as { MergeWhenClause: MergeWhen }).MergeWhenClause,
  );
  ctx.writes = true;

  // 1. The source joined with the target, each row with its clause (0: none applies).
  const matched = nullTest(columnRef(target, "ctid"), "IS_NOT_NULL");
  const unmatched = nullTest(columnRef(target, "ctid"), "IS_NULL");
  const label: Node = {
    CaseExpr: {
      args: clauses.map((c, i) => ({
        CaseWhen: {
          expr: and([c.matched ? matched : unmatched, ...(c.condition ? [c.condition] : [])]),
          result: intConst(i + 1),
        },
      })),
      defresult: intConst(0),
    },
  };
  const join: NodeOf<"SelectStmt"> = {
    targetList: [
      resTarget({ ColumnRef: { fields: [{ String: { sval: source } }, { A_Star: {} }] } }),
      resTarget(columnRef(target, "ctid"), TRID),
      resTarget(label, CLAUSE),
    ],
    fromClause: [
      {
        JoinExpr: {
          jointype: "JOIN_LEFT",
          larg: stmt.sourceRelation!,
          rarg: { RangeVar: rv },
          quals: stmt.joinCondition!,
        },
      },
    ],
    limitOption: "LIMIT_OPTION_DEFAULT",
    op: "SETOP_NONE",
  };
  const joined = translateSelect(ctx, join);
  const rows = capture(ctx, withPrefix + joined.sql, joined.columns.length);
  const columns = joined.columns.map((c, i) => ({ name: c.name, alias: `c${i}`, type: c.type }));
  const trid = quoteIdent(columns.find((c) => c.name === TRID)!.alias);
  const clause = quoteIdent(columns.find((c) => c.name === CLAUSE)!.alias);

  // 2. A target row matched by several source rows may be changed once only.
  const changing = clauses
    .map((c, i) => (c.matched && c.commandType !== "CMD_NOTHING" ? i + 1 : 0))
    .filter((n) => n > 0);
  if (changing.length > 0) {
    const raise = `${RAISE_ERROR}('21000', 'MERGE command cannot affect row a second time', NULL, NULL, NULL, NULL, ${quoteString(
      "Ensure that not more than one source row matches any one target row.",
    )})`;
    capture(
      ctx,
      `SELECT ${raise} FROM ${rows} WHERE ${clause} IN (${changing.join(", ")}) GROUP BY ${trid} HAVING count(*) > 1`,
      1,
    );
  }

  // 3. Each clause's action over its rows, read as a WITH query named ROWS under the source's alias.
  const saved = ctx.visibleCtes;
  const info: CteInfo = { columns, table: rows };
  ctx.visibleCtes = new Map(saved).set(ROWS, info);
  const counted: string[] = [];
  try {
    clauses.forEach((c, i) => {
      const sql = action(ctx, stmt, c, i + 1, source, target);
      if (sql) counted.push(capture(ctx, `${withPrefix}${sql} RETURNING 1`, 1));
    });
  } finally {
    ctx.visibleCtes = saved;
  }
  // The statement's row count: the rows of every action, deleted from their union.
  const union = counted.map((t) => `SELECT 1 FROM ${t}`).join(" UNION ALL ");
  const total = capture(ctx, union || "SELECT 1 WHERE 0", 1);
  return { sql: `DELETE FROM ${total}` };
}

interface MergeWhen {
  matched?: boolean;
  commandType: "CMD_UPDATE" | "CMD_DELETE" | "CMD_INSERT" | "CMD_NOTHING" | string;
  override?: NodeOf<"InsertStmt">["override"];
  condition?: Node;
  targetList?: Node[];
  values?: Node[];
}

/** The SQLite statement for one WHEN clause, over the rows labelled with it (none for DO NOTHING). */
function action(
  ctx: Ctx,
  stmt: NodeOf<"MergeStmt">,
  c: MergeWhen,
  n: number,
  source: string,
  target: string,
): string | undefined {
  const rv = stmt.relation!;
  const rowsOf = (): Node => ({
    RangeVar: { relname: ROWS, inh: true, relpersistence: "p", alias: { aliasname: source } },
  });
  const mine = eq(columnRef(source, CLAUSE), intConst(n));
  switch (c.commandType) {
    case "CMD_NOTHING":
      return undefined;
    case "CMD_UPDATE":
      return translateUpdate(ctx, {
        relation: rv,
        targetList: c.targetList ?? [],
        fromClause: [rowsOf()],
        whereClause: and([eq(columnRef(target, "ctid"), columnRef(source, TRID)), mine]),
      }).sql;
    case "CMD_DELETE":
      return translateDelete(ctx, {
        relation: rv,
        usingClause: [rowsOf()],
        whereClause: and([eq(columnRef(target, "ctid"), columnRef(source, TRID)), mine]),
      }).sql;
    case "CMD_INSERT": {
      if (!c.values) throw unsupported("MERGE ... INSERT DEFAULT VALUES", ctx.pos(rv.location));
      const { alias: _unused, ...relation } = rv;
      return translateInsert(ctx, {
        relation,
        cols: c.targetList ?? [],
        selectStmt: {
          SelectStmt: {
            targetList: c.values.map((v) => resTarget(v)),
            fromClause: [rowsOf()],
            whereClause: mine,
            limitOption: "LIMIT_OPTION_DEFAULT",
            op: "SETOP_NONE",
          },
        },
        override: c.override ?? "OVERRIDING_NOT_SET",
      }).sql;
    }
    default:
      throw new PgError("FEATURE_NOT_SUPPORTED", `MERGE action ${c.commandType} is not supported`);
  }
}

/** The name the source's columns go by: its alias, or a table's name. */
function sourceAlias(ctx: Ctx, node: Node): string {
  if ("RangeVar" in node) return node.RangeVar.alias?.aliasname ?? node.RangeVar.relname!;
  if ("RangeSubselect" in node && node.RangeSubselect.alias) return node.RangeSubselect.alias.aliasname!;
  if ("RangeFunction" in node && node.RangeFunction.alias) return node.RangeFunction.alias.aliasname!;
  throw unsupported("this MERGE source (give it an alias)", ctx.pos(node));
}

/** Keeps a statement's rows in a temporary table for the statement's duration; returns its name. */
function capture(ctx: Ctx, sql: string, columns: number): string {
  const table = `?with${ctx.captures.length + 1}`;
  ctx.captures.push({ sql, table, columns });
  return `temp.${quoteIdent(table)}`;
}

function columnRef(table: string, column: string): Node {
  return { ColumnRef: { fields: [{ String: { sval: table } }, { String: { sval: column } }] } };
}

function resTarget(val: Node, name?: string): Node {
  return { ResTarget: { val, ...(name ? { name } : {}) } };
}

function intConst(n: number): Node {
  return { A_Const: { ival: { ival: n } } };
}

function nullTest(arg: Node, nulltesttype: "IS_NULL" | "IS_NOT_NULL"): Node {
  return { NullTest: { arg, nulltesttype } };
}

function eq(a: Node, b: Node): Node {
  return { A_Expr: { kind: "AEXPR_OP", name: [{ String: { sval: "=" } }], lexpr: a, rexpr: b } };
}

function and(args: Node[]): Node {
  return args.length === 1 ? args[0]! : { BoolExpr: { boolop: "AND_EXPR", args } };
}
