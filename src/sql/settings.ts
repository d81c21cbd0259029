import { PgError } from "../errors/pg-error.js";
import { findZone } from "../types/codecs/timezone.js";
import { SERVER_VERSION } from "../version.js";

/**
 * Run-time settings of a session (PostgreSQL's GUCs): names, defaults, validation, and which
 * ones are reported to the client with ParameterStatus when they change ("GUC_REPORT").
 */

export interface SettingDef {
  name: string;
  default: string;
  /** Reported in ParameterStatus at startup and whenever it changes. */
  report?: boolean;
  /** Cannot be changed with SET. */
  readOnly?: boolean;
  /** Normalises a value the client gives, or throws a PgError. */
  parse?(value: string): string;
  description: string;
}

export interface SessionSettingChange {
  name: string;
  /** The new value, or undefined to restore the default (RESET). */
  value: string | undefined;
  /** SET LOCAL: only until the end of the transaction. */
  local: boolean;
}

function invalidValue(name: string, value: string, hint?: string): PgError {
  return new PgError("INVALID_PARAMETER_VALUE", `invalid value for parameter "${name}": "${value}"`, {
    hint,
  });
}

function integerSetting(name: string, min: number, max: number) {
  return (value: string): string => {
    const n = Number(value.trim());
    if (!Number.isInteger(n)) {
      throw new PgError("INVALID_PARAMETER_VALUE", `invalid value for parameter "${name}": "${value}"`);
    }
    if (n < min || n > max) {
      throw new PgError(
        "INVALID_PARAMETER_VALUE",
        `${n} is outside the valid range for parameter "${name}" (${min} .. ${max})`,
      );
    }
    return String(n);
  };
}

const timeUnits: Record<string, number> = {
  us: 0.001,
  ms: 1,
  s: 1000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** A duration setting in milliseconds ("5s", "100", "1min"), shown as PostgreSQL shows it. */
function durationSetting(name: string) {
  return (value: string): string => {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$/.exec(value);
    if (!m)
      throw invalidValue(
        name,
        value,
        'Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".',
      );
    const ms = Math.round(Number(m[1]) * timeUnits[m[2] ?? "ms"]!);
    if (ms < 0 || ms > 2147483647) {
      throw new PgError(
        "INVALID_PARAMETER_VALUE",
        `${ms} ms is outside the valid range for parameter "${name}" (0 .. 2147483647)`,
      );
    }
    return formatDuration(ms);
  };
}

/** PostgreSQL shows durations in the largest unit that divides them: 5000 -> "5s", 0 -> "0". */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0";
  for (const [unit, size] of [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["min", 60_000],
    ["s", 1000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** Milliseconds of a duration setting's value as stored. */
export function durationMs(value: string): number {
  const m = /^(\d+)(ms|s|min|h|d)?$/.exec(value);
  return m ? Number(m[1]) * timeUnits[m[2] ?? "ms"]! : 0;
}

function oneOf(name: string, values: string[], canonical?: (v: string) => string) {
  return (value: string): string => {
    const v = value.trim().toLowerCase();
    const found = values.find((x) => x.toLowerCase() === v);
    if (!found) {
      throw new PgError("INVALID_PARAMETER_VALUE", `invalid value for parameter "${name}": "${value}"`, {
        hint: `Available values: ${values.join(", ")}.`,
      });
    }
    return canonical ? canonical(found) : found;
  };
}

function encoding(name: string) {
  return (value: string): string => {
    // PostgreSQL compares encoding names without case or punctuation (clean_encoding_name).
    const v = value.toUpperCase().replace(/[^A-Z0-9]/g, "");
    if (v === "UTF8" || v === "UNICODE") return "UTF8";
    throw new PgError("FEATURE_NOT_SUPPORTED", `${name} "${value}" is not supported: only UTF8 is`);
  };
}

function boolSetting(name: string) {
  return (value: string): string => {
    const v = value.trim().toLowerCase();
    if (["on", "true", "yes", "1", "t", "y"].includes(v)) return "on";
    if (["off", "false", "no", "0", "f", "n"].includes(v)) return "off";
    throw new PgError("INVALID_PARAMETER_VALUE", `parameter "${name}" requires a Boolean value`);
  };
}

function dateStyle(value: string): string {
  let style = "ISO";
  let order = "MDY";
  let orderGiven = false;
  for (const part of value.split(",").map((p) => p.trim().toLowerCase())) {
    if (["mdy", "us", "noneuropean", "dmy", "euro", "european", "ymd"].includes(part)) orderGiven = true;
    if (part === "iso") style = "ISO";
    else if (part === "sql") style = "SQL";
    else if (part === "postgres") style = "Postgres";
    else if (part === "german") style = "German";
    else if (part === "mdy" || part === "us" || part === "noneuropean") order = "MDY";
    else if (part === "dmy" || part === "euro" || part === "european") order = "DMY";
    else if (part === "ymd") order = "YMD";
    else if (part !== "default") throw invalidValue("DateStyle", value, `Unrecognized key word: "${part}".`);
  }
  // German implies day-month-year unless an order is given (check_datestyle).
  if (style === "German" && !orderGiven) order = "DMY";
  return `${style}, ${order}`;
}

function timeZone(value: string): string {
  const v = value.trim();
  if (/^[+-]?\d{1,2}(:\d{2})?$/.test(v)) return v;
  if (v.toLowerCase() === "utc") return "UTC";
  // POSIX forms ("UTC+2", "<+03>-3"): hours west of UTC after an abbreviation.
  if (!/^[+-]?\d/.test(v) && /^(?:<[^>]*>|[A-Za-z]+)[+-]?\d/.test(v) && findZone(v)) return v;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: v });
  } catch {
    throw new PgError("INVALID_PARAMETER_VALUE", `invalid value for parameter "TimeZone": "${value}"`);
  }
  return v;
}

const defs: SettingDef[] = [
  {
    name: "server_version",
    default: SERVER_VERSION,
    report: true,
    readOnly: true,
    description: "Shows the server version.",
  },
  {
    name: "server_version_num",
    default: "150000",
    readOnly: true,
    description: "Shows the server version as an integer.",
  },
  {
    name: "server_encoding",
    default: "UTF8",
    report: true,
    readOnly: true,
    description: "Shows the server (database) character set encoding.",
  },
  {
    name: "client_encoding",
    default: "UTF8",
    report: true,
    parse: encoding("client_encoding"),
    description: "Sets the client's character set encoding.",
  },
  {
    name: "DateStyle",
    default: "ISO, MDY",
    report: true,
    parse: dateStyle,
    description: "Sets the display format for date and time values.",
  },
  {
    name: "IntervalStyle",
    default: "postgres",
    report: true,
    parse: oneOf("IntervalStyle", ["postgres", "postgres_verbose", "sql_standard", "iso_8601"]),
    description: "Sets the display format for interval values.",
  },
  {
    name: "TimeZone",
    default: "Etc/UTC",
    report: true,
    parse: timeZone,
    description: "Sets the time zone for displaying and interpreting time stamps.",
  },
  {
    name: "integer_datetimes",
    default: "on",
    report: true,
    readOnly: true,
    description: "Shows whether datetimes are integer based.",
  },
  {
    name: "standard_conforming_strings",
    default: "on",
    report: true,
    parse: (v) => {
      if (boolSetting("standard_conforming_strings")(v) !== "on")
        throw new PgError("FEATURE_NOT_SUPPORTED", "standard_conforming_strings = off is not supported");
      return "on";
    },
    description: "Causes '...' strings to treat backslashes literally.",
  },
  {
    name: "is_superuser",
    default: "on",
    report: true,
    readOnly: true,
    description: "Shows whether the current user is a superuser.",
  },
  {
    name: "session_authorization",
    default: "",
    report: true,
    readOnly: true,
    description: "Sets the session user name.",
  },
  {
    name: "application_name",
    default: "",
    report: true,
    description: "Sets the application name to be reported in statistics and logs.",
  },
  {
    name: "default_transaction_read_only",
    default: "off",
    report: true,
    parse: boolSetting("default_transaction_read_only"),
    description: "Sets the default read-only status of new transactions.",
  },
  {
    name: "in_hot_standby",
    default: "off",
    report: true,
    readOnly: true,
    description: "Shows whether hot standby is currently active.",
  },
  {
    name: "extra_float_digits",
    default: "1",
    parse: integerSetting("extra_float_digits", -15, 3),
    description: "Sets the number of digits displayed for floating-point values.",
  },
  {
    name: "bytea_output",
    default: "hex",
    parse: oneOf("bytea_output", ["escape", "hex"]),
    description: "Sets the output format for bytea.",
  },
  {
    name: "search_path",
    default: '"$user", public',
    description: "Sets the schema search order for names that are not schema-qualified.",
  },
  {
    name: "statement_timeout",
    default: "0",
    parse: durationSetting("statement_timeout"),
    description: "Sets the maximum allowed duration of any statement.",
  },
  {
    name: "lock_timeout",
    default: "0",
    parse: durationSetting("lock_timeout"),
    description: "Sets the maximum allowed duration of any wait for a lock.",
  },
  {
    name: "idle_in_transaction_session_timeout",
    default: "0",
    parse: durationSetting("idle_in_transaction_session_timeout"),
    description: "Sets the maximum allowed idle time between queries, when in a transaction.",
  },
  {
    name: "idle_session_timeout",
    default: "0",
    parse: durationSetting("idle_session_timeout"),
    description: "Sets the maximum allowed idle time between queries, when not in a transaction.",
  },
  {
    name: "client_min_messages",
    default: "notice",
    parse: oneOf("client_min_messages", [
      "debug5",
      "debug4",
      "debug3",
      "debug2",
      "debug1",
      "log",
      "notice",
      "warning",
      "error",
    ]),
    description: "Sets the message levels that are sent to the client.",
  },
  {
    name: "default_transaction_isolation",
    default: "read committed",
    parse: oneOf("default_transaction_isolation", [
      "serializable",
      "repeatable read",
      "read committed",
      "read uncommitted",
    ]),
    description: "Sets the transaction isolation level of each new transaction.",
  },
  {
    name: "transaction_isolation",
    default: "read committed",
    parse: oneOf("transaction_isolation", [
      "serializable",
      "repeatable read",
      "read committed",
      "read uncommitted",
    ]),
    description: "Sets the current transaction's isolation level.",
  },
  {
    name: "transaction_read_only",
    default: "off",
    parse: boolSetting("transaction_read_only"),
    description: "Sets the current transaction's read-only status.",
  },
  {
    name: "synchronous_commit",
    default: "on",
    parse: oneOf("synchronous_commit", ["local", "remote_write", "remote_apply", "on", "off"]),
    description: "Sets the current transaction's synchronization level.",
  },
  {
    name: "max_identifier_length",
    default: "63",
    readOnly: true,
    description: "Shows the maximum identifier length.",
  },
  {
    name: "lc_collate",
    default: "C.UTF-8",
    readOnly: true,
    description: "Shows the collation order locale.",
  },
  {
    name: "lc_ctype",
    default: "C.UTF-8",
    readOnly: true,
    description: "Shows the character classification and case conversion locale.",
  },
  {
    name: "lc_messages",
    default: "C.UTF-8",
    description: "Sets the language in which messages are displayed.",
  },
  {
    name: "lc_monetary",
    default: "C.UTF-8",
    description: "Sets the locale for formatting monetary amounts.",
  },
  { name: "lc_numeric", default: "C.UTF-8", description: "Sets the locale for formatting numbers." },
  {
    name: "lc_time",
    default: "C.UTF-8",
    description: "Sets the locale for formatting date and time values.",
  },
  { name: "block_size", default: "8192", readOnly: true, description: "Shows the size of a disk block." },
  {
    name: "max_connections",
    default: "100",
    readOnly: true,
    description: "Sets the maximum number of concurrent connections.",
  },
  {
    name: "work_mem",
    default: "4MB",
    description: "Sets the maximum memory to be used for query workspaces.",
  },
  {
    name: "maintenance_work_mem",
    default: "64MB",
    description: "Sets the maximum memory to be used for maintenance operations.",
  },
  {
    name: "row_security",
    default: "on",
    parse: boolSetting("row_security"),
    description: "Enable row security.",
  },
  {
    name: "check_function_bodies",
    default: "on",
    parse: boolSetting("check_function_bodies"),
    description: "Check routine bodies during CREATE FUNCTION and CREATE PROCEDURE.",
  },
  {
    name: "xmloption",
    default: "content",
    parse: oneOf("xmloption", ["content", "document"]),
    description:
      "Sets whether XML data in implicit parsing and serialization operations is to be considered as documents or content fragments.",
  },
  { name: "jit", default: "off", parse: boolSetting("jit"), description: "Allow JIT compilation." },
  {
    name: "geqo",
    default: "on",
    parse: boolSetting("geqo"),
    description: "Enables genetic query optimization.",
  },
  {
    name: "enable_seqscan",
    default: "on",
    parse: boolSetting("enable_seqscan"),
    description: "Enables the planner's use of sequential-scan plans.",
  },
  {
    name: "max_parallel_workers_per_gather",
    default: "2",
    parse: integerSetting("max_parallel_workers_per_gather", 0, 1024),
    description: "Sets the maximum number of parallel processes per executor node.",
  },
];

const byLowerName = new Map(defs.map((d) => [d.name.toLowerCase(), d]));

export function settingDef(name: string): SettingDef | undefined {
  return byLowerName.get(name.toLowerCase());
}

export function allSettings(): readonly SettingDef[] {
  return defs;
}

/** Names with a dot are "customized options" that any value may be given, as in PostgreSQL. */
export function isCustomSetting(name: string): boolean {
  return name.includes(".");
}

/** Validates and normalises a SET; throws 42704 for unknown names and 55P02/22023 for bad values. */
export function normaliseSetting(name: string, value: string): { name: string; value: string } {
  const def = settingDef(name);
  if (!def) {
    if (isCustomSetting(name)) return { name: name.toLowerCase(), value };
    throw new PgError("UNDEFINED_OBJECT", `unrecognized configuration parameter "${name}"`);
  }
  if (def.readOnly) {
    throw new PgError("CANT_CHANGE_RUNTIME_PARAM", `parameter "${def.name}" cannot be changed`);
  }
  return { name: def.name, value: def.parse ? def.parse(value) : value };
}
