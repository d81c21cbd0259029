import { PgError } from "../../errors/pg-error.js";
import type { Node } from "../ast.js";
import { asKind } from "../ast.js";
import type { Ctx } from "./context.js";

/**
 * Named arguments (`make_interval(mins => 20)`): the parameter names of the built-in functions
 * that have them, and the defaults PostgreSQL gives the parameters a call may leave out.
 */
const PARAMETERS: Record<string, { names: string[]; defaults: (string | undefined)[] }> = {
  make_interval: {
    names: ["years", "months", "weeks", "days", "hours", "mins", "secs"],
    defaults: ["0", "0", "0", "0", "0", "0", "0.0"],
  },
  make_date: { names: ["year", "month", "day"], defaults: [] },
  make_time: { names: ["hour", "min", "sec"], defaults: [] },
  make_timestamp: { names: ["year", "month", "mday", "hour", "min", "sec"], defaults: [] },
  make_timestamptz: {
    names: ["year", "month", "mday", "hour", "min", "sec", "timezone"],
    defaults: [],
  },
  jsonb_set: { names: ["jsonb_in", "path", "replacement", "create_if_missing"], defaults: [] },
  jsonb_insert: { names: ["jsonb_in", "path", "replacement", "insert_after"], defaults: [] },
};

/** A call's arguments in parameter order, named ones placed by name; undefined if none is named. */
export function positionalArguments(
  ctx: Ctx,
  name: string,
  args: Node[],
  /** The type name of an argument, for the error when no function takes these names. */
  typeOf: (arg: Node) => string,
  position?: number,
): Node[] | undefined {
  if (!args.some((a) => asKind(a, "NamedArgExpr"))) return undefined;
  const params = PARAMETERS[name];
  const out: (Node | undefined)[] = [];
  for (const [i, a] of args.entries()) {
    const named = asKind(a, "NamedArgExpr");
    if (!named) {
      if (out.length > i || args.slice(0, i).some((x) => asKind(x, "NamedArgExpr")))
        throw new PgError("SYNTAX_ERROR", "positional argument cannot follow named argument", {
          position: ctx.pos(a),
        });
      out[i] = a;
      continue;
    }
    const index = params?.names.indexOf(named.name ?? "") ?? -1;
    if (index < 0) throw noSuchFunction(name, args, typeOf, position);
    if (out[index] !== undefined)
      throw new PgError("SYNTAX_ERROR", `argument name "${named.name}" used more than once`, {
        position: ctx.pos(a),
      });
    out[index] = named.arg;
  }
  // Parameters left out take their defaults; the call then ends at the last one given.
  const last = out.length;
  for (let i = 0; i < last; i++) {
    if (out[i] !== undefined) continue;
    const d = params?.defaults[i];
    if (d === undefined) throw noSuchFunction(name, args, typeOf, position);
    out[i] = ctx.parseExpression(d);
  }
  return out as Node[];
}

function noSuchFunction(
  name: string,
  args: Node[],
  typeOf: (arg: Node) => string,
  position?: number,
): PgError {
  const shown = args.map((a) => {
    const named = asKind(a, "NamedArgExpr");
    return named ? `${named.name} => ${typeOf(named.arg!)}` : typeOf(a);
  });
  return new PgError("UNDEFINED_FUNCTION", `function ${name}(${shown.join(", ")}) does not exist`, {
    position,
    hint: "No function matches the given name and argument types. You might need to add explicit type casts.",
  });
}
