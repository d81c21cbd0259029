import { PgError, unsupported } from "../../errors/pg-error.js";
import { arrayTypeOf, typeByName, typmodFromArgs } from "../../types/registry.js";
import type { NodeOf } from "../ast.js";
import { asKind, stringList } from "../ast.js";
import type { SqlType } from "../plan.js";
import type { Ctx } from "./context.js";

/** Resolves a TypeName node (`integer`, `varchar(20)`, `pg_catalog.int4`, `text[]`) to a type and typmod. */
export function typeFromTypeName(ctx: Ctx, tn: NodeOf<"TypeName">): SqlType {
  const names = stringList(tn.names);
  const position = ctx.pos(tn.location);
  if (tn.setof) throw unsupported("SETOF", position);
  if (tn.pct_type) throw unsupported("%TYPE", position);
  const name = names.at(-1)!;
  const schema = names.length > 1 ? names[0] : undefined;
  if (schema !== undefined && schema !== "pg_catalog" && schema !== "public") {
    throw new PgError("UNDEFINED_OBJECT", `type "${names.join(".")}" does not exist`, { position });
  }
  // Built-in types are found first (pg_catalog comes first in the search path), then enums.
  const enumType = schema === "pg_catalog" ? undefined : ctx.schema.enumType(name);
  const info = schema === "public" ? undefined : typeByName(name);
  if (!info && enumType) {
    if (tn.typmods?.length)
      throw new PgError("SYNTAX_ERROR", `type modifier is not allowed for type "${name}"`, { position });
    if ((tn.arrayBounds ?? []).length > 0) throw unsupported("arrays of enum types", position);
    return { oid: enumType.oid, typmod: -1 };
  }
  const composite = info || schema === "pg_catalog" ? undefined : ctx.schema.compositeType(name);
  if (composite) {
    if (tn.typmods?.length)
      throw new PgError("SYNTAX_ERROR", `type modifier is not allowed for type "${name}"`, { position });
    if ((tn.arrayBounds ?? []).length > 0) throw unsupported("arrays of composite types", position);
    return { oid: composite.oid, typmod: -1, fields: composite.fields };
  }
  const domain = info || schema === "pg_catalog" ? undefined : ctx.schema.domainType(name);
  if (domain) {
    // A domain's values are its base type's; the domain's constraints apply where values become it.
    if (tn.typmods?.length)
      throw new PgError("SYNTAX_ERROR", `type modifier is not allowed for type "${name}"`, { position });
    if ((tn.arrayBounds ?? []).length > 0) throw unsupported("arrays of domains", position);
    return domain.base;
  }
  if (!info) throw new PgError("UNDEFINED_OBJECT", `type "${names.join(".")}" does not exist`, { position });
  const args = (tn.typmods ?? []).map((m) => {
    const c = asKind(m, "A_Const");
    if (!c?.ival && !c?.fval)
      throw new PgError("SYNTAX_ERROR", "type modifiers must be simple constants or identifiers", {
        position,
      });
    return Number(c.ival?.ival ?? c.fval?.fval ?? 0);
  });
  const typmod = args.length ? typmodFromArgs(info.oid, args) : (tn.typemod ?? -1);
  if ((tn.arrayBounds ?? []).length > 0) {
    const arrayOid = arrayTypeOf(info.oid);
    if (!arrayOid) throw new PgError("UNDEFINED_OBJECT", `type "${name}[]" does not exist`, { position });
    return { oid: arrayOid, typmod };
  }
  return { oid: info.oid, typmod };
}
