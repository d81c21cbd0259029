import type { FormatContext } from "../types/format-context.js";
import type { Node } from "./ast.js";
import { type LiteralShape, literalConstants } from "./literal-shape.js";
import type { ParsedStatement } from "./parse.js";
import type { Plan, PreparedPlan } from "./plan.js";
import type { SchemaView } from "./schema.js";
import { Ctx } from "./translate/context.js";
import { translateStatement } from "./translate/statement.js";

/** Translates one parsed statement for a tenant's schema. */
export function translate(
  schema: SchemaView,
  statement: ParsedStatement,
  query: string,
  declaredParams: readonly number[],
  format: FormatContext,
): PreparedPlan {
  const ctx = new Ctx(schema, query, declaredParams, format);
  const plan = translateStatement(ctx, statement.node);
  return { plan, paramTypes: ctx.params.resolve() };
}

/**
 * Translates a simple query with its integer literals as parameters 0..n-1 (bound to
 * shape.values): undefined unless every literal became one and the plan is a plain statement.
 */
function translateWithLiterals(
  schema: SchemaView,
  statement: ParsedStatement,
  query: string,
  format: FormatContext,
  shape: LiteralShape,
): PreparedPlan | undefined {
  const literals = literalConstants(statement.node, shape);
  if (!literals) return undefined;
  const ctx = new Ctx(schema, query, [], format);
  ctx.literals = literals;
  let plan: Plan;
  try {
    plan = translateStatement(ctx, statement.node);
  } catch {
    return undefined;
  }
  const plain =
    plan.kind === "query" &&
    plan.setup.length === 0 &&
    !plan.captures?.length &&
    !plan.onCommit &&
    !plan.changesSchema &&
    !plan.sql.includes("\0");
  const paramTypes = ctx.params.resolve();
  if (!plain || paramTypes.length > 0 || ctx.literalsUsed.size !== shape.values.length) return undefined;
  return { plan, paramTypes, literalParams: true };
}

/** What the cache knows of a shape: a translation being checked, checked, or none to share. */
type ShapeEntry =
  | { state: "tentative"; prepared: PreparedPlan; values: number[] }
  | { state: "shared"; prepared: PreparedPlan; node: Node }
  | { state: "none" };

/** Translations of one tenant, cached by text, parameter types and the settings constants depend on. */
export class TranslationCache {
  private readonly entries = new Map<string, PreparedPlan>();
  private generation = -1;

  constructor(private readonly limit = 1000) {}

  private readonly shapes = new Map<string, ShapeEntry>();

  /**
   * The statement (as parsed from the first query) of a shape whose translation is shared, so that
   * the query need not be parsed; undefined otherwise.
   */
  shared(generation: number, format: FormatContext, shape: LiteralShape): Node | undefined {
    if (generation !== this.generation) return undefined;
    const entry = this.shapes.get(shapeKey(format, shape));
    return entry?.state === "shared" ? entry.node : undefined;
  }

  /**
   * Translates a simple query of one statement whose text has integer literals. The first query
   * of a shape is translated with its literals as parameters; the next one whose literals all
   * differ is translated again, and when both translations are the same, it is shared by the
   * shape's queries from then on (no parse or translation, and one prepared SQLite statement). A
   * shape whose translation depends on a literal's value (ORDER BY 2, varchar(10), ...) is
   * translated by exact text, as other queries are.
   */
  getShaped(
    schema: SchemaView,
    statement: ParsedStatement,
    query: string,
    format: FormatContext,
    shape: LiteralShape,
  ): PreparedPlan {
    this.checkGeneration(schema);
    const key = shapeKey(format, shape);
    const entry = this.shapes.get(key);
    if (entry?.state === "shared") return entry.prepared;
    if (entry?.state === "none") return this.get(schema, statement, query, [], format);
    const prepared = translateWithLiterals(schema, statement, query, format, shape);
    if (this.shapes.size >= this.limit) this.shapes.delete(this.shapes.keys().next().value as string);
    if (!prepared) {
      this.shapes.set(key, { state: "none" });
      return this.get(schema, statement, query, [], format);
    }
    if (!entry) this.shapes.set(key, { state: "tentative", prepared, values: shape.values });
    else if (entry.values.every((v, i) => v !== shape.values[i])) {
      const same = JSON.stringify(entry.prepared) === JSON.stringify(prepared);
      this.shapes.set(key, same ? { state: "shared", prepared, node: statement.node } : { state: "none" });
    }
    return prepared;
  }

  private checkGeneration(schema: SchemaView): void {
    if (schema.generation !== this.generation) {
      this.entries.clear();
      this.shapes.clear();
      this.generation = schema.generation;
    }
  }

  get(
    schema: SchemaView,
    statement: ParsedStatement,
    query: string,
    declared: readonly number[],
    format: FormatContext,
  ): PreparedPlan {
    this.checkGeneration(schema);
    const key = `${format.timeZone}\u0001${format.dateStyle}\u0001${declared.join(",")}\u0001${statement.location}\u0001${query}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const prepared = translate(schema, statement, query, declared, format);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, prepared);
    return prepared;
  }
}

function shapeKey(format: FormatContext, shape: LiteralShape): string {
  return `${format.timeZone}\u0001${format.dateStyle}\u0001${shape.key}`;
}
