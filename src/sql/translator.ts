import type { FormatContext } from "../types/format-context.js";
import type { ParsedStatement } from "./parse.js";
import type { PreparedPlan } from "./plan.js";
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

/** Translations of one tenant, cached by text, parameter types and the settings constants depend on. */
export class TranslationCache {
  private readonly entries = new Map<string, PreparedPlan>();
  private generation = -1;

  constructor(private readonly limit = 1000) {}

  get(
    schema: SchemaView,
    statement: ParsedStatement,
    query: string,
    declared: readonly number[],
    format: FormatContext,
  ): PreparedPlan {
    if (schema.generation !== this.generation) {
      this.entries.clear();
      this.generation = schema.generation;
    }
    const key = `${format.timeZone}\u0001${format.dateStyle}\u0001${declared.join(",")}\u0001${statement.location}\u0001${query}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const prepared = translate(schema, statement, query, declared, format);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, prepared);
    return prepared;
  }
}
