import { type ErrorFields, internalError, PgError } from "../errors/pg-error.js";
import * as encode from "../protocol/encode.js";
import type { Output } from "./output.js";

/** Receives errors that are not PgErrors (bugs, I/O failures) so they can be logged with their stack. */
export type ErrorReporter = (error: unknown) => void;

/** The fields a client sees for an error: a PgError's own, or XX000 without internals. */
export function clientError(e: unknown, onInternal: ErrorReporter): ErrorFields {
  if (e instanceof PgError) return e.fields;
  onInternal(e);
  return internalError().fields;
}

/** Sends the error; returns whether it is FATAL (the connection is to end). */
export function reportError(out: Output, e: unknown, onInternal: ErrorReporter): boolean {
  const fields = clientError(e, onInternal);
  encode.errorResponse(out.w, fields);
  return fields.severity === "FATAL";
}

export function sendNotice(
  out: Output,
  message: string,
  code = "00000",
  severity: "NOTICE" | "WARNING" = "NOTICE",
): void {
  // A plan's notices are one per line, each its own NoticeResponse.
  for (const line of message.split("\n")) encode.noticeResponse(out.w, { severity, code, message: line });
}
