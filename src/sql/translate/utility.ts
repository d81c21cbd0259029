import { PgError, unsupported } from "../../errors/pg-error.js";
import type { Node, NodeOf } from "../ast.js";
import { asKind, nodeKind } from "../ast.js";
import type { UtilityPlan } from "../plan.js";
import type { SessionSettingChange } from "../settings.js";
import { settingDef } from "../settings.js";

/** Transaction control, SET / RESET / SHOW, CREATE and DROP DATABASE. */

const ISOLATION: Record<string, string> = {
  serializable: "serializable",
  "repeatable read": "repeatable read",
  "read committed": "read committed",
  "read uncommitted": "read uncommitted",
};

function transactionOptions(options: Node[] | undefined): SessionSettingChange[] {
  const changes: SessionSettingChange[] = [];
  for (const o of options ?? []) {
    const d = asKind(o, "DefElem")!;
    const value = constantText(d.arg);
    if (d.defname === "transaction_isolation") {
      changes.push({ name: "transaction_isolation", value: ISOLATION[value] ?? value, local: true });
    } else if (d.defname === "transaction_read_only") {
      changes.push({
        name: "transaction_read_only",
        value: value === "true" || value === "1" ? "on" : "off",
        local: true,
      });
    } else if (d.defname === "transaction_deferrable") {
      // DEFERRABLE only matters for SERIALIZABLE READ ONLY transactions waiting for a safe snapshot.
    } else {
      throw unsupported(`transaction option ${d.defname}`);
    }
  }
  return changes;
}

export function translateTransaction(stmt: NodeOf<"TransactionStmt">): UtilityPlan {
  const name = stmt.savepoint_name ?? "";
  switch (stmt.kind) {
    case "TRANS_STMT_BEGIN":
      return {
        kind: "transaction",
        txn: { op: "begin" },
        tag: "BEGIN",
        settings: transactionOptions(stmt.options),
      };
    case "TRANS_STMT_START":
      return {
        kind: "transaction",
        txn: { op: "begin" },
        tag: "START TRANSACTION",
        settings: transactionOptions(stmt.options),
      };
    case "TRANS_STMT_COMMIT":
      if (stmt.chain) throw unsupported("COMMIT AND CHAIN");
      return { kind: "transaction", txn: { op: "commit" }, tag: "COMMIT", settings: [] };
    case "TRANS_STMT_ROLLBACK":
      if (stmt.chain) throw unsupported("ROLLBACK AND CHAIN");
      return { kind: "transaction", txn: { op: "rollback" }, tag: "ROLLBACK", settings: [] };
    case "TRANS_STMT_SAVEPOINT":
      return { kind: "transaction", txn: { op: "savepoint", name }, tag: "SAVEPOINT", settings: [] };
    case "TRANS_STMT_RELEASE":
      return { kind: "transaction", txn: { op: "release", name }, tag: "RELEASE", settings: [] };
    case "TRANS_STMT_ROLLBACK_TO":
      return { kind: "transaction", txn: { op: "rollback-to", name }, tag: "ROLLBACK", settings: [] };
    default:
      throw unsupported("two-phase commit");
  }
}

/** The text of a constant argument (SET x = 'a', SET x TO 5, SET x TO on). */
function constantText(node: Node | undefined): string {
  if (!node) return "";
  const c = asKind(node, "A_Const");
  if (c) {
    if (c.sval) return c.sval.sval ?? "";
    if (c.ival) return String(c.ival.ival ?? 0);
    if (c.fval) return c.fval.fval ?? "";
    if (c.boolval) return c.boolval.boolval ? "true" : "false";
    return "";
  }
  const cast = asKind(node, "TypeCast");
  if (cast) return constantText(cast.arg);
  const s = asKind(node, "String");
  if (s) return s.sval ?? "";
  throw unsupported(`${nodeKind(node)} as a setting value`);
}

/** Settings whose SET names differ from their GUC names. */
const SET_ALIASES: Record<string, string> = {
  timezone: "TimeZone",
  names: "client_encoding",
  datestyle: "DateStyle",
};

export function translateSet(stmt: NodeOf<"VariableSetStmt">): UtilityPlan {
  const local = stmt.is_local === true;
  switch (stmt.kind) {
    case "VAR_SET_VALUE":
    case "VAR_SET_CURRENT": {
      if (stmt.kind === "VAR_SET_CURRENT") throw unsupported("SET ... FROM CURRENT");
      const name = SET_ALIASES[stmt.name!] ?? stmt.name!;
      if (name === "role" || name === "session_authorization") return setRole(stmt);
      const value = (stmt.args ?? []).map((a) => constantText(a)).join(", ");
      const tzInterval = name === "TimeZone" && asKind(stmt.args?.[0], "TypeCast");
      if (tzInterval) throw unsupported("SET TIME ZONE INTERVAL");
      return { kind: "set", changes: [{ name, value, local }], tag: "SET" };
    }
    case "VAR_SET_DEFAULT":
    case "VAR_RESET": {
      const name = SET_ALIASES[stmt.name!] ?? stmt.name!;
      if (name === "role" || name === "session_authorization")
        return { kind: "set", changes: [], tag: stmt.kind === "VAR_RESET" ? "RESET" : "SET" };
      return {
        kind: "set",
        changes: [{ name, value: undefined, local }],
        tag: stmt.kind === "VAR_RESET" ? "RESET" : "SET",
      };
    }
    case "VAR_RESET_ALL":
      return { kind: "set", changes: [{ name: "all", value: undefined, local: false }], tag: "RESET" };
    case "VAR_SET_MULTI":
      if (stmt.name === "TRANSACTION" || stmt.name === "SESSION CHARACTERISTICS") {
        const changes = transactionOptions(stmt.args).map((c) =>
          stmt.name === "SESSION CHARACTERISTICS" ? { ...c, name: `default_${c.name}`, local: false } : c,
        );
        return { kind: "set", changes, tag: "SET" };
      }
      throw unsupported(`SET ${stmt.name}`);
    default:
      throw unsupported(`SET ${stmt.kind}`);
  }
}

function setRole(stmt: NodeOf<"VariableSetStmt">): UtilityPlan {
  const value = (stmt.args ?? []).map((a) => constantText(a)).join("");
  if (value.toLowerCase() === "none" || value === "") return { kind: "set", changes: [], tag: "SET" };
  throw unsupported(`SET ${stmt.name === "role" ? "ROLE" : "SESSION AUTHORIZATION"}`);
}

export function translateShow(stmt: NodeOf<"VariableShowStmt">): UtilityPlan {
  const raw = stmt.name ?? "";
  if (raw === "all") return { kind: "show", name: "all", column: "name" };
  const name = SET_ALIASES[raw] ?? raw;
  if (raw === "transaction_isolation" || raw === "transaction isolation level") {
    return { kind: "show", name: "transaction_isolation", column: "transaction_isolation" };
  }
  const def = settingDef(name);
  if (!def && !name.includes("."))
    throw new PgError("UNDEFINED_OBJECT", `unrecognized configuration parameter "${raw}"`);
  return { kind: "show", name: def?.name ?? name, column: def?.name ?? name };
}

export function translateCreateDatabase(stmt: NodeOf<"CreatedbStmt">): UtilityPlan {
  for (const o of stmt.options ?? []) {
    const d = asKind(o, "DefElem")!;
    // Encoding and locale options must agree with what every tenant is; other options do not apply.
    if (d.defname === "encoding" && !/^utf-?8$/i.test(constantText(d.arg))) {
      throw unsupported(`ENCODING ${constantText(d.arg)}`);
    }
  }
  return { kind: "create-database", name: stmt.dbname!, ifNotExists: false };
}

export function translateDropDatabase(stmt: NodeOf<"DropdbStmt">): UtilityPlan {
  const force = (stmt.options ?? []).some((o) => asKind(o, "DefElem")?.defname === "force");
  if (force) throw unsupported("DROP DATABASE ... WITH (FORCE)");
  return { kind: "drop-database", name: stmt.dbname!, ifExists: stmt.missing_ok === true };
}
