import { unsupported } from "../../errors/pg-error.js";
import type { Node, NodeKind, NodeOf } from "../ast.js";
import { locationOf, nodeKind } from "../ast.js";
import type { Plan, QueryPlan, TagSpec } from "../plan.js";
import { translateAlterTable } from "./alter-table.js";
import { renameTag, translateRename } from "./alter-table-rename.js";
import { translateComment } from "./comments.js";
import { translateCreateComposite } from "./composites.js";
import { bindOrder, Ctx } from "./context.js";
import { translateCopy } from "./copy.js";
import type { DdlOutput } from "./create-table.js";
import { translateCreateTable } from "./create-table.js";
import { createTableAsQuery, selectInto, translateCreateTableAs } from "./create-table-as.js";
import {
  dropTag,
  translateCreateIndex,
  translateCreateSchema,
  translateCreateView,
  translateDrop,
} from "./ddl-objects.js";
import { translateCreateDomain } from "./domains.js";
import { translateAlterEnum, translateCreateEnum } from "./enums.js";
import { translateCreateExtension } from "./extensions.js";
import { translateInsert } from "./insert.js";
import { translateLock } from "./lock.js";
import { recordMaterializedView, translateRefresh } from "./matviews.js";
import { translateMerge } from "./merge.js";
import { translateSelect } from "./select.js";
import { translateAlterSequence, translateCreateSequence } from "./sequences.js";
import { translateTruncate } from "./truncate.js";
import { typeFromTypeName } from "./type-names.js";
import { translateDelete, translateUpdate } from "./update-delete.js";
import {
  translateCreateDatabase,
  translateDropDatabase,
  translateSet,
  translateShow,
  translateTransaction,
} from "./utility.js";
import { translateVacuum } from "./vacuum.js";

type StatementKind = Extract<NodeKind, `${string}Stmt`>;

/** A handler translates a statement; a string names a statement that is not supported (0A000). */
type Handler<K extends StatementKind> = ((ctx: Ctx, stmt: NodeOf<K>) => Plan) | string;

function query(
  ctx: Ctx,
  sql: string,
  columns: QueryPlan["columns"] | undefined,
  tag: TagSpec,
  setup: string[] = [],
  notice?: string,
  constant = false,
): QueryPlan {
  const bound = bindOrder(sql);
  const captures = ctx.captures.map((c) => {
    const b = bindOrder(c.sql);
    return { sql: b.sql, paramOrder: b.paramOrder, table: c.table, columns: c.columns };
  });
  return {
    kind: "query",
    setup,
    ...(captures.length ? { captures } : {}),
    ...(ctx.onCommit ? { onCommit: ctx.onCommit } : {}),
    sql: bound.sql,
    paramOrder: bound.paramOrder,
    columns: columns ?? [],
    returnsRows: columns !== undefined,
    writes: ctx.writes,
    changesSchema: ctx.changesSchema,
    usesSequences: ctx.usesSequences,
    tag,
    notice,
    // A simple query's literals taken as parameters (TranslationCache.getShaped) are still constants.
    constant:
      constant && !ctx.writes && !ctx.notConstant && bound.paramOrder.every((i) => ctx.literalsUsed.has(i)),
  };
}

/** CREATE TABLE AS and SELECT INTO: "SELECT n" when rows were copied. */
function createTableAs(
  ctx: Ctx,
  into: NodeOf<"IntoClause">,
  select: NodeOf<"SelectStmt">,
  ifNotExists: boolean,
): QueryPlan {
  const out = translateCreateTableAs(ctx, into, select, ifNotExists);
  const tag: TagSpec = out.sql ? { kind: "rows", verb: "SELECT" } : { kind: "fixed", tag: "CREATE TABLE AS" };
  return query(ctx, out.sql, undefined, tag, out.setup, out.notice);
}

function ddl(ctx: Ctx, out: DdlOutput, tag: string): QueryPlan {
  return query(ctx, out.sql, undefined, { kind: "fixed", tag }, out.setup, out.notice);
}

const resultColumns = (
  cols:
    | { name: string; type: QueryPlan["columns"][number]["type"]; tableOid: number; attnum: number }[]
    | undefined,
) => cols?.map((c) => ({ name: c.name, type: c.type, tableOid: c.tableOid, attnum: c.attnum }));

/** Every statement kind of PostgreSQL's grammar, each translated or refused by name. */
const handlers: { [K in StatementKind]: Handler<K> } = {
  SelectStmt: (ctx, s) => {
    if (s.intoClause) return createTableAs(ctx, ...selectInto(s), false);
    const out = translateSelect(ctx, s);
    const constant =
      !s.fromClause?.length && (!s.op || s.op === "SETOP_NONE") && !s.valuesLists && !s.withClause;
    return query(
      ctx,
      out.sql,
      resultColumns(out.columns),
      { kind: "rows", verb: "SELECT" },
      [],
      undefined,
      constant,
    );
  },
  InsertStmt: (ctx, s) => {
    const out = translateInsert(ctx, s);
    return query(ctx, out.sql, resultColumns(out.columns), { kind: "insert" });
  },
  UpdateStmt: (ctx, s) => {
    const out = translateUpdate(ctx, s);
    return query(ctx, out.sql, resultColumns(out.columns), { kind: "rows", verb: "UPDATE" });
  },
  DeleteStmt: (ctx, s) => {
    const out = translateDelete(ctx, s);
    return query(ctx, out.sql, resultColumns(out.columns), { kind: "rows", verb: "DELETE" });
  },
  CreateStmt: (ctx, s) => ddl(ctx, translateCreateTable(ctx, s), "CREATE TABLE"),
  IndexStmt: (ctx, s) => ddl(ctx, translateCreateIndex(ctx, s), "CREATE INDEX"),
  CreateTableAsStmt: (ctx, s) => {
    const query = createTableAsQuery(ctx, s);
    const plan = createTableAs(ctx, s.into!, query, s.if_not_exists === true);
    if (s.objtype !== "OBJECT_MATVIEW") return plan;
    if (plan.notice) return { ...plan, tag: { kind: "fixed", tag: "CREATE MATERIALIZED VIEW" } };
    return { ...plan, setup: [...plan.setup, ...recordMaterializedView(s.into!.rel!.relname!, query)] };
  },
  RefreshMatViewStmt: (ctx, s) => ddl(ctx, translateRefresh(ctx, s), "REFRESH MATERIALIZED VIEW"),
  ViewStmt: (ctx, s) => ddl(ctx, translateCreateView(ctx, s), "CREATE VIEW"),
  DropStmt: (ctx, s) => ddl(ctx, translateDrop(ctx, s), dropTag(s)),
  TruncateStmt: (ctx, s) => ddl(ctx, translateTruncate(ctx, s), "TRUNCATE TABLE"),
  TransactionStmt: (_ctx, s) => translateTransaction(s),
  VariableSetStmt: (_ctx, s) => translateSet(s),
  VariableShowStmt: (_ctx, s) => translateShow(s),
  CreatedbStmt: (_ctx, s) => translateCreateDatabase(s),
  DropdbStmt: (_ctx, s) => translateDropDatabase(s),
  DiscardStmt: (_ctx, s) => ({
    kind: "discard",
    tag: `DISCARD ${(s.target ?? "DISCARD_ALL").replace("DISCARD_", "")}`,
  }),
  // VACUUM and ANALYZE reclaim space and refresh statistics: neither changes a result.
  VacuumStmt: (ctx, s) => translateVacuum(ctx, s),
  CheckPointStmt: () => ({ kind: "noop", tag: "CHECKPOINT" }),
  CreateSchemaStmt: (ctx, s) => ddl(ctx, translateCreateSchema(ctx, s), "CREATE SCHEMA"),
  AlterCollationStmt: "ALTER COLLATION",
  AlterDatabaseRefreshCollStmt: "ALTER DATABASE",
  AlterDatabaseSetStmt: "ALTER DATABASE ... SET",
  AlterDatabaseStmt: "ALTER DATABASE",
  AlterDefaultPrivilegesStmt: "ALTER DEFAULT PRIVILEGES",
  AlterDomainStmt: "ALTER DOMAIN",
  AlterEnumStmt: (ctx, s) => ddl(ctx, translateAlterEnum(ctx, s), "ALTER TYPE"),
  AlterEventTrigStmt: "ALTER EVENT TRIGGER",
  AlterExtensionContentsStmt: "ALTER EXTENSION",
  AlterExtensionStmt: "ALTER EXTENSION",
  AlterFdwStmt: "ALTER FOREIGN DATA WRAPPER",
  AlterForeignServerStmt: "ALTER SERVER",
  AlterFunctionStmt: "ALTER FUNCTION",
  AlterObjectDependsStmt: "ALTER ... DEPENDS ON EXTENSION",
  AlterObjectSchemaStmt: "ALTER ... SET SCHEMA",
  AlterOpFamilyStmt: "ALTER OPERATOR FAMILY",
  AlterOperatorStmt: "ALTER OPERATOR",
  AlterOwnerStmt: "ALTER ... OWNER TO",
  AlterPolicyStmt: "ALTER POLICY",
  AlterPublicationStmt: "ALTER PUBLICATION",
  AlterRoleSetStmt: "ALTER ROLE ... SET",
  AlterRoleStmt: "ALTER ROLE",
  AlterSeqStmt: (ctx, s) => ddl(ctx, translateAlterSequence(ctx, s), "ALTER SEQUENCE"),
  AlterStatsStmt: "ALTER STATISTICS",
  AlterSubscriptionStmt: "ALTER SUBSCRIPTION",
  AlterSystemStmt: "ALTER SYSTEM",
  AlterTSConfigurationStmt: "ALTER TEXT SEARCH CONFIGURATION",
  AlterTSDictionaryStmt: "ALTER TEXT SEARCH DICTIONARY",
  AlterTableMoveAllStmt: "ALTER TABLE ALL IN TABLESPACE",
  AlterTableSpaceOptionsStmt: "ALTER TABLESPACE",
  AlterTableStmt: (ctx, s) =>
    ddl(ctx, translateAlterTable(ctx, s), `ALTER ${(s.objtype ?? "OBJECT_TABLE").replace("OBJECT_", "")}`),
  AlterTypeStmt: "ALTER TYPE",
  AlterUserMappingStmt: "ALTER USER MAPPING",
  CallStmt: "CALL",
  ClosePortalStmt: "CLOSE",
  ClusterStmt: "CLUSTER",
  CommentStmt: (ctx, s) => ddl(ctx, translateComment(ctx, s), "COMMENT"),
  CompositeTypeStmt: (ctx, s) => ddl(ctx, translateCreateComposite(ctx, s), "CREATE TYPE"),
  ConstraintsSetStmt: "SET CONSTRAINTS",
  CopyStmt: (ctx, s) =>
    translateCopy(ctx, s, (outer, node, params) => {
      const sub = new Ctx(outer.schema, outer.query, params, outer.format);
      const plan = translateStatement(sub, node);
      if (plan.kind !== "query") throw unsupported("this statement in COPY");
      return plan;
    }),
  CreateAmStmt: "CREATE ACCESS METHOD",
  CreateCastStmt: "CREATE CAST",
  CreateConversionStmt: "CREATE CONVERSION",
  CreateDomainStmt: (ctx, s) => ddl(ctx, translateCreateDomain(ctx, s), "CREATE DOMAIN"),
  CreateEnumStmt: (ctx, s) => ddl(ctx, translateCreateEnum(ctx, s), "CREATE TYPE"),
  CreateEventTrigStmt: "CREATE EVENT TRIGGER",
  CreateExtensionStmt: (ctx, s) => ddl(ctx, translateCreateExtension(ctx, s), "CREATE EXTENSION"),
  CreateFdwStmt: "CREATE FOREIGN DATA WRAPPER",
  CreateForeignServerStmt: "CREATE SERVER",
  CreateForeignTableStmt: "CREATE FOREIGN TABLE",
  CreateFunctionStmt: "CREATE FUNCTION",
  CreateOpClassStmt: "CREATE OPERATOR CLASS",
  CreateOpFamilyStmt: "CREATE OPERATOR FAMILY",
  CreatePLangStmt: "CREATE LANGUAGE",
  CreatePolicyStmt: "CREATE POLICY",
  CreatePublicationStmt: "CREATE PUBLICATION",
  CreateRangeStmt: "CREATE TYPE ... AS RANGE",
  CreateRoleStmt: "CREATE ROLE",
  CreateSeqStmt: (ctx, s) => ddl(ctx, translateCreateSequence(ctx, s), "CREATE SEQUENCE"),
  CreateStatsStmt: "CREATE STATISTICS",
  CreateSubscriptionStmt: "CREATE SUBSCRIPTION",
  CreateTableSpaceStmt: "CREATE TABLESPACE",
  CreateTransformStmt: "CREATE TRANSFORM",
  CreateTrigStmt: "CREATE TRIGGER",
  CreateUserMappingStmt: "CREATE USER MAPPING",
  DeallocateStmt: (_ctx, s) => ({ kind: "deallocate", name: s.name }),
  DeclareCursorStmt: "DECLARE CURSOR",
  DefineStmt: "CREATE AGGREGATE, OPERATOR or TYPE",
  DoStmt: "DO",
  DropOwnedStmt: "DROP OWNED",
  DropRoleStmt: "DROP ROLE",
  DropSubscriptionStmt: "DROP SUBSCRIPTION",
  DropTableSpaceStmt: "DROP TABLESPACE",
  DropUserMappingStmt: "DROP USER MAPPING",
  ExecuteStmt: (ctx, s) => ({
    kind: "execute",
    name: s.name!,
    values: s.params?.length
      ? (translateStatement(ctx, {
          SelectStmt: {
            targetList: s.params.map((val) => ({ ResTarget: { val } })),
            limitOption: "LIMIT_OPTION_DEFAULT",
            op: "SETOP_NONE",
          },
        } as Node) as QueryPlan)
      : undefined,
  }),
  ExplainStmt: "EXPLAIN",
  FetchStmt: "FETCH",
  GrantRoleStmt: "GRANT role",
  GrantStmt: "GRANT and REVOKE",
  ImportForeignSchemaStmt: "IMPORT FOREIGN SCHEMA",
  ListenStmt: (_ctx, s) => ({ kind: "listen", channel: s.conditionname! }),
  LoadStmt: "LOAD",
  LockStmt: (ctx, s) => ({
    ...query(ctx, translateLock(ctx, s).sql, undefined, { kind: "fixed", tag: "LOCK TABLE" }),
    needsTransaction: "LOCK TABLE",
    ...(s.nowait ? { lockNowait: true } : {}),
  }),
  MergeStmt: (ctx, s) => query(ctx, translateMerge(ctx, s).sql, undefined, { kind: "rows", verb: "MERGE" }),
  NotifyStmt: (_ctx, s) => ({ kind: "notify", channel: s.conditionname!, payload: s.payload ?? "" }),
  PLAssignStmt: "PL/pgSQL assignment",
  PrepareStmt: (ctx, s) => ({
    kind: "prepare",
    name: s.name!,
    statement: s.query!,
    location: locationOf(s.query) ?? 0,
    paramTypes: (s.argtypes ?? []).map(
      (tn) => typeFromTypeName(ctx, (tn as { TypeName: NodeOf<"TypeName"> }).TypeName).oid,
    ),
  }),
  RawStmt: "this statement",
  ReassignOwnedStmt: "REASSIGN OWNED",
  ReindexStmt: "REINDEX",
  RenameStmt: (ctx, s) => ddl(ctx, translateRename(ctx, s), renameTag(s)),
  ReplicaIdentityStmt: "REPLICA IDENTITY",
  ReturnStmt: "RETURN",
  RuleStmt: "CREATE RULE",
  SecLabelStmt: "SECURITY LABEL",
  SetOperationStmt: "this statement",
  UnlistenStmt: (_ctx, s) => ({ kind: "unlisten", channel: s.conditionname }),
};

/** Translates one parsed statement into a plan. */
export function translateStatement(ctx: Ctx, node: Node): Plan {
  const kind = nodeKind(node) as StatementKind;
  const handler = handlers[kind] as Handler<StatementKind> | undefined;
  if (handler === undefined) throw unsupported(kind);
  if (typeof handler === "string") throw unsupported(handler);
  return (handler as (ctx: Ctx, stmt: unknown) => Plan)(
    ctx,
    (node as unknown as Record<string, unknown>)[kind],
  );
}
