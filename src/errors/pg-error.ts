import { SqlState, type SqlStateName } from "./sqlstate.generated.js";

export type Severity = "ERROR" | "FATAL" | "PANIC" | "WARNING" | "NOTICE" | "DEBUG" | "INFO" | "LOG";

/** The fields of an ErrorResponse or NoticeResponse, as plain data that can cross threads. */
export interface ErrorFields {
  severity: Severity;
  code: string;
  message: string;
  detail?: string;
  hint?: string;
  /** 1-based character position in the original query string. */
  position?: number;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
}

export interface PgErrorOptions {
  detail?: string;
  hint?: string;
  position?: number;
  severity?: Severity;
  table?: string;
  column?: string;
  constraint?: string;
  schema?: string;
  dataType?: string;
  where?: string;
}

/** The only kind of error a client ever sees; anything else is logged and answered with XX000. */
export class PgError extends Error {
  readonly fields: ErrorFields;

  constructor(name: SqlStateName, message: string, options: PgErrorOptions = {}) {
    super(message);
    this.name = "PgError";
    const { severity = "ERROR", ...rest } = options;
    this.fields = { severity, code: SqlState[name], message, ...rest };
  }

  get code(): string {
    return this.fields.code;
  }

  static fromFields(fields: ErrorFields): PgError {
    const e = new PgError("INTERNAL_ERROR", fields.message);
    Object.assign(e.fields, fields);
    return e;
  }

  withPosition(position: number | undefined): PgError {
    if (position !== undefined && this.fields.position === undefined) this.fields.position = position;
    return this;
  }
}

export function isPgError(e: unknown): e is PgError {
  return e instanceof PgError;
}

/** `0A000 feature_not_supported` naming the construct. */
export function unsupported(construct: string, position?: number): PgError {
  return new PgError("FEATURE_NOT_SUPPORTED", `${construct} is not supported`, { position });
}

/** The answer for an error that is not a PgError: no internals reach the client. */
export function internalError(): PgError {
  return new PgError("INTERNAL_ERROR", "internal error");
}
