// ALTER COLUMN ... TYPE on the table model: the conversion of each row's value (or the USING
// expression) and of the column's default, with PostgreSQL's errors and hints.
import { PgError, unsupported } from "../../errors/pg-error.js";
import { codecFor } from "../../types/codecs.js";
import type { NodeOf } from "../ast.js";
import { stringList } from "../ast.js";
import type { SqlType } from "../plan.js";
import { quoteIdent } from "../sqlite-text.js";
import { AlterTableColumns, PLAIN_LITERAL, volatileIn } from "./alter-table-columns.js";
import { type ColState, keepPosition } from "./alter-table-model.js";
import { dependentViews } from "./alter-table-rebuild.js";
import { coerce, literalOf } from "./coerce.js";
import { declaredType } from "./create-table.js";
import { translateExpr } from "./expr.js";
import { Scope } from "./scope.js";
import { typeFromTypeName } from "./type-names.js";

/** The table model with ALTER COLUMN ... TYPE. */
export class AlterTableColumnTypes extends AlterTableColumns {
  protected alterType(name: string, def: NodeOf<"ColumnDef">): void {
    const ctx = this.ctx;
    const col = this.column(name);
    const type = typeFromTypeName(ctx, def.typeName!);
    if (def.collClause) {
      const coll = stringList(def.collClause.collname).at(-1);
      if (!["C", "POSIX", "default"].includes(coll ?? "")) throw unsupported(`COLLATE "${coll}"`);
    }
    if (col.generated) throw unsupported("ALTER COLUMN TYPE of a generated column");
    const views = col.old === undefined ? [] : dependentViews(ctx, this.table, col.old);
    if (views.length > 0) {
      throw new PgError("FEATURE_NOT_SUPPORTED", "cannot alter type of a column used by a view or rule", {
        detail: `rule _RETURN on view ${views[0]} depends on column "${col.old}"`,
      });
    }
    const typeName = this.typeName(type, false);
    let value: string;
    if (def.raw_default) {
      const { value: e, volatile } = volatileIn(ctx, () =>
        keepPosition(() => translateExpr(ctx, def.raw_default!, this.oldScope())),
      );
      if (volatile) col.volatile = true;
      try {
        value = coerce(ctx, e, type, "assignment").sql;
      } catch (err) {
        if (err instanceof PgError && err.code === "42804") {
          throw new PgError(
            "DATATYPE_MISMATCH",
            `result of USING clause for column "${name}" cannot be cast automatically to type ${typeName}`,
            { hint: "You might need to add an explicit cast." },
          );
        }
        throw err;
      }
    } else {
      const from =
        col.old === undefined
          ? { sql: col.expr ?? "NULL", type: col.type }
          : { sql: col.expr ?? quoteIdent(col.old), type: col.type };
      try {
        value = coerce(ctx, from, type, "assignment").sql;
      } catch (err) {
        if (err instanceof PgError && err.code === "42804") {
          throw new PgError(
            "DATATYPE_MISMATCH",
            `column "${name}" cannot be cast automatically to type ${typeName}`,
            {
              hint: `You might need to specify "USING ${quoteIdentForHint(name)}::${this.typeName(type, true)}".`,
            },
          );
        }
        throw err;
      }
    }
    this.convertDefault(col, type);
    col.expr = value;
    col.type = type;
    col.declared = declaredType(ctx, type);
    col.clauses = col.clauses.filter((c) => c.kind !== "collate");
    if (ctx.schema.enumByOid(type.oid)) col.checkEnum = true;
    this.edit(col);
  }

  /** A column's default, converted to its new type as PostgreSQL converts it (or its error). */
  private convertDefault(col: ColState, type: SqlType): void {
    const ctx = this.ctx;
    const fail = () =>
      new PgError(
        "DATATYPE_MISMATCH",
        `default for column "${col.name}" cannot be cast automatically to type ${this.typeName(type, false)}`,
      );
    const clause = col.clauses.find((c) => c.kind === "default");
    if (clause) {
      const literal = clause.text.replace(/^DEFAULT\s+/i, "");
      if (!PLAIN_LITERAL.test(literal) || /^NULL$/i.test(literal)) return;
      try {
        coerce(ctx, { sql: literal, type: col.type }, type, "assignment");
      } catch {
        throw fail();
      }
      const stored = literalValue(literal);
      const text = codecFor(col.type.oid).toText(stored as never, col.type.typmod, ctx.format);
      clause.text = `DEFAULT ${literalOf(ctx, text, type)}`;
      return;
    }
    const stored = col.info?.defaultExpr;
    if (stored && !col.info?.identity) {
      try {
        const e = translateExpr(ctx, ctx.parseExpression(stored), new Scope());
        coerce(ctx, e, type, "assignment");
      } catch {
        throw fail();
      }
    }
  }
}

/** The stored value a SQLite literal of a DEFAULT clause stands for. */
function literalValue(literal: string): string | number | bigint | Buffer | null {
  if (/^NULL$/i.test(literal)) return null;
  if (literal.startsWith("'")) return literal.slice(1, -1).replaceAll("''", "'");
  if (/^X'/i.test(literal)) return Buffer.from(literal.slice(2, -1), "hex");
  if (/^-?\d+$/.test(literal)) {
    const b = BigInt(literal);
    return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  return Number(literal);
}

/** An identifier as PostgreSQL's quote_identifier writes it in hints. */
function quoteIdentForHint(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : quoteIdent(name);
}
