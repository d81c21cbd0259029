import type { ErrorFields } from "../errors/pg-error.js";
import { AuthCode, BackendCode, type TransactionStatus } from "./codes.js";
import type { FieldDescription } from "./messages.js";
import type { Writer } from "./writer.js";

/** Encoders for backend messages, each appending one message to a Writer. */

export function authentication(w: Writer, code: AuthCode, data?: Uint8Array): void {
  w.begin(BackendCode.Authentication).int32(code);
  if (data) w.bytes(data);
  w.end();
}

/** AuthenticationSASL: the list of mechanisms, each NUL-terminated, then a final NUL. */
export function authenticationSASL(w: Writer, mechanisms: string[]): void {
  w.begin(BackendCode.Authentication).int32(AuthCode.SASL);
  for (const m of mechanisms) w.cstring(m);
  w.byte(0).end();
}

export function backendKeyData(w: Writer, pid: number, secret: number): void {
  w.begin(BackendCode.BackendKeyData).int32(pid).int32(secret).end();
}

export function parameterStatus(w: Writer, name: string, value: string): void {
  w.begin(BackendCode.ParameterStatus).cstring(name).cstring(value).end();
}

export function negotiateProtocolVersion(w: Writer, minor: number, unrecognized: string[]): void {
  w.begin(BackendCode.NegotiateProtocolVersion)
    .int32((3 << 16) | minor)
    .int32(unrecognized.length);
  for (const o of unrecognized) w.cstring(o);
  w.end();
}

export function readyForQuery(w: Writer, status: TransactionStatus): void {
  w.begin(BackendCode.ReadyForQuery).byte(status.charCodeAt(0)).end();
}

export function rowDescription(w: Writer, fields: readonly FieldDescription[]): void {
  w.begin(BackendCode.RowDescription).int16(fields.length);
  for (const f of fields) {
    w.cstring(f.name)
      .uint32(f.tableOid)
      .int16(f.columnNumber)
      .uint32(f.typeOid)
      .int16(f.typeSize)
      .int32(f.typeModifier)
      .int16(f.format);
  }
  w.end();
}

export function parameterDescription(w: Writer, typeOids: readonly number[]): void {
  w.begin(BackendCode.ParameterDescription).int16(typeOids.length);
  for (const oid of typeOids) w.uint32(oid);
  w.end();
}

export function commandComplete(w: Writer, tag: string): void {
  w.begin(BackendCode.CommandComplete).cstring(tag).end();
}

function simple(w: Writer, code: BackendCode): void {
  w.begin(code).end();
}

export const emptyQueryResponse = (w: Writer) => simple(w, BackendCode.EmptyQueryResponse);
export const parseComplete = (w: Writer) => simple(w, BackendCode.ParseComplete);
export const bindComplete = (w: Writer) => simple(w, BackendCode.BindComplete);
export const closeComplete = (w: Writer) => simple(w, BackendCode.CloseComplete);
export const noData = (w: Writer) => simple(w, BackendCode.NoData);
export const portalSuspended = (w: Writer) => simple(w, BackendCode.PortalSuspended);
export const copyDone = (w: Writer) => simple(w, BackendCode.CopyDone);

/** Field type codes of ErrorResponse and NoticeResponse ("Error and Notice Message Fields"). */
const fieldCodes: [keyof ErrorFields, number][] = [
  ["severity", 0x53], // S
  ["code", 0x43], // C
  ["message", 0x4d], // M
  ["detail", 0x44], // D
  ["hint", 0x48], // H
  ["position", 0x50], // P
  ["where", 0x57], // W
  ["schema", 0x73], // s
  ["table", 0x74], // t
  ["column", 0x63], // c
  ["dataType", 0x64], // d
  ["constraint", 0x6e], // n
];

function errorOrNotice(w: Writer, code: BackendCode, e: ErrorFields): void {
  w.begin(code);
  for (const [key, letter] of fieldCodes) {
    const v = e[key];
    if (v === undefined) continue;
    w.byte(letter).cstring(String(v));
    // "V: Severity: the field contents are ERROR, FATAL, or PANIC ... This is identical to the S field
    // except that the contents are never localized."
    if (key === "severity") w.byte(0x56).cstring(String(v));
  }
  w.byte(0).end();
}

export function errorResponse(w: Writer, e: ErrorFields): void {
  errorOrNotice(w, BackendCode.ErrorResponse, e);
}

export function noticeResponse(w: Writer, e: ErrorFields): void {
  errorOrNotice(w, BackendCode.NoticeResponse, e);
}

/** CopyOutResponse / CopyInResponse: overall format and per-column formats. */
export function copyResponse(w: Writer, code: BackendCode, format: 0 | 1, columns: number): void {
  w.begin(code).byte(format).int16(columns);
  for (let i = 0; i < columns; i++) w.int16(format);
  w.end();
}

export function notificationResponse(w: Writer, pid: number, channel: string, payload: string): void {
  w.begin(BackendCode.NotificationResponse).int32(pid).cstring(channel).cstring(payload).end();
}

export function copyData(w: Writer, data: Uint8Array): void {
  w.begin(BackendCode.CopyData).bytes(data).end();
}
