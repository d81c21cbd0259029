import { PgError, unsupported } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import type { CopyPlan, QueryPlan } from "../plan.js";
import type { Ctx } from "./context.js";
import { targetTable } from "./target-table.js";

/** COPY ... FROM STDIN and COPY ... TO STDOUT, in text and CSV formats. */

export interface CopyOptions {
  csv: boolean;
  delimiter?: string;
  null?: string;
  header: boolean;
  quote?: string;
  escape?: string;
  forceQuote: string[] | "all";
  forceNotNull: string[];
  forceNull: string[];
}

function optionText(d: NodeOf<"DefElem">): string {
  const a = d.arg;
  const s = asKind(a, "String")?.sval ?? asKind(a, "A_Const")?.sval?.sval;
  if (s !== undefined) return s;
  const i = asKind(a, "Integer")?.ival ?? asKind(a, "A_Const")?.ival?.ival;
  if (i !== undefined) return String(i);
  const b = asKind(a, "Boolean")?.boolval;
  if (b !== undefined) return b ? "true" : "false";
  return "true";
}

function truthy(v: string): boolean {
  return ["true", "on", "1", "yes"].includes(v.toLowerCase());
}

function columnList(d: NodeOf<"DefElem">): string[] | "all" {
  if (asKind(d.arg, "A_Star")) return "all";
  return stringList(asKind(d.arg, "List")?.items ?? []);
}

export function copyOptions(options: Node[] | undefined): CopyOptions {
  const o: CopyOptions = { csv: false, header: false, forceQuote: [], forceNotNull: [], forceNull: [] };
  for (const node of options ?? []) {
    const d = asKind(node, "DefElem")!;
    switch (d.defname) {
      case "format": {
        const f = optionText(d).toLowerCase();
        if (f === "binary") throw unsupported("COPY in binary format");
        if (f !== "csv" && f !== "text")
          throw new PgError("INVALID_PARAMETER_VALUE", `COPY format "${f}" not recognized`);
        o.csv = f === "csv";
        break;
      }
      case "delimiter":
        o.delimiter = optionText(d);
        break;
      case "null":
        o.null = optionText(d);
        break;
      case "header": {
        const v = optionText(d);
        if (v.toLowerCase() === "match") throw unsupported("COPY HEADER MATCH");
        o.header = truthy(v);
        break;
      }
      case "quote":
        o.quote = optionText(d);
        break;
      case "escape":
        o.escape = optionText(d);
        break;
      case "force_quote":
        o.forceQuote = columnList(d);
        break;
      case "force_not_null":
        o.forceNotNull = columnList(d) as string[];
        break;
      case "force_null":
        o.forceNull = columnList(d) as string[];
        break;
      case "encoding":
        if (!/^utf-?8$/i.test(optionText(d))) throw unsupported(`COPY ENCODING ${optionText(d)}`);
        break;
      case "freeze":
        // FREEZE only spares PostgreSQL later vacuuming: nothing changes for SQLite.
        break;
      default:
        throw new PgError("SYNTAX_ERROR", `option "${d.defname}" not recognized`);
    }
  }
  if (o.delimiter !== undefined && o.delimiter.length !== 1) {
    throw new PgError("FEATURE_NOT_SUPPORTED", "COPY delimiter must be a single one-byte character");
  }
  if (!o.csv && (o.quote !== undefined || o.escape !== undefined)) {
    throw new PgError(
      "FEATURE_NOT_SUPPORTED",
      `COPY ${o.quote !== undefined ? "quote" : "escape"} available only in CSV mode`,
    );
  }
  return o;
}

/**
 * A COPY plan: for FROM, the INSERT each row runs (translated like any INSERT, so defaults such as
 * nextval and typmods apply); for TO, the query whose rows are written.
 */
export function translateCopy(
  ctx: Ctx,
  stmt: NodeOf<"CopyStmt">,
  translateSub: (ctx: Ctx, node: Node, params: number[]) => QueryPlan,
): CopyPlan {
  if (stmt.filename !== undefined || stmt.is_program) {
    throw unsupported(
      "COPY to or from a file or program (use COPY ... FROM STDIN / TO STDOUT, as psql's \\copy does)",
    );
  }
  if (stmt.whereClause) throw unsupported("COPY ... WHERE");
  const options = copyOptions(stmt.options);
  if (stmt.is_from) {
    const rv = stmt.relation!;
    const rel = targetTable(ctx, rv, "COPY");
    const names = stmt.attlist?.length ? stringList(stmt.attlist) : rel.columns.map((c) => c.name);
    const columns = names.map((n) => {
      const c = rel.column(n);
      if (!c) throw new PgError("UNDEFINED_COLUMN", `column "${n}" of relation "${rel.name}" does not exist`);
      return c;
    });
    const insert: Node = {
      InsertStmt: {
        relation: rv,
        cols: columns.map((c) => ({ ResTarget: { name: c.name } })),
        selectStmt: {
          SelectStmt: {
            valuesLists: [{ List: { items: columns.map((_, i) => ({ ParamRef: { number: i + 1 } })) } }],
            limitOption: "LIMIT_OPTION_DEFAULT",
            op: "SETOP_NONE",
          },
        },
        override: "OVERRIDING_NOT_SET",
      },
    } as Node;
    const plan = translateSub(
      ctx,
      insert,
      columns.map((c) => c.typeOid),
    );
    return {
      kind: "copy",
      direction: "in",
      options,
      columns: columns.map((c) => ({
        name: c.name,
        type: { oid: c.typeOid, typmod: c.typmod },
        tableOid: rel.oid,
        attnum: c.attnum,
      })),
      plan,
    };
  }
  let query: Node;
  if (stmt.query) query = stmt.query;
  else {
    const rv = stmt.relation!;
    const cols = stmt.attlist?.length
      ? stmt.attlist.map((n) => ({ ResTarget: { val: { ColumnRef: { fields: [n] } } } }))
      : [{ ResTarget: { val: { ColumnRef: { fields: [{ A_Star: {} }] } } } }];
    query = {
      SelectStmt: {
        targetList: cols,
        fromClause: [{ RangeVar: rv }],
        limitOption: "LIMIT_OPTION_DEFAULT",
        op: "SETOP_NONE",
      },
    } as Node;
  }
  const plan = translateSub(ctx, query, []);
  if (!plan.returnsRows)
    throw new PgError("FEATURE_NOT_SUPPORTED", "COPY query must have a RETURNING clause");
  return { kind: "copy", direction: "out", options, columns: plan.columns, plan };
}
