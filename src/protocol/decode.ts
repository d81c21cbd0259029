import { BodyReader } from "./body-reader.js";
import { FrontendCode, StartupCode } from "./codes.js";
import type { FormatCode, FrontendMessage, StartupRequest } from "./messages.js";
import { ProtocolError } from "./protocol-error.js";

/** Decodes the untyped first message: StartupMessage, SSLRequest, GSSENCRequest or CancelRequest. */
export function decodeStartup(body: Buffer): StartupRequest {
  const r = new BodyReader(body);
  const code = r.int32();
  switch (code) {
    case StartupCode.SSLRequest:
      r.end();
      return { type: "SSLRequest" };
    case StartupCode.GSSENCRequest:
      r.end();
      return { type: "GSSENCRequest" };
    case StartupCode.CancelRequest: {
      const pid = r.int32();
      const secret = r.int32();
      r.end();
      return { type: "CancelRequest", pid, secret };
    }
  }
  const major = code >>> 16;
  const minor = code & 0xffff;
  if (major !== 3) {
    throw new ProtocolError(`unsupported frontend protocol ${major}.${minor}: server supports 3.0 to 3.0`);
  }
  const params = new Map<string, string>();
  const protocolOptions: string[] = [];
  // "The parameter list is terminated by a zero byte": name/value pairs until an empty name.
  for (;;) {
    const name = r.cstring();
    if (name === "") break;
    const value = r.cstring();
    if (name.startsWith("_pq_.")) protocolOptions.push(name);
    else params.set(name, value);
  }
  r.end();
  return { type: "Startup", major, minor, params, protocolOptions };
}

function formatCode(r: BodyReader): FormatCode {
  const f = r.int16();
  if (f !== 0 && f !== 1) throw new ProtocolError(`unsupported format code: ${f}`);
  return f;
}

function formatCodes(r: BodyReader): FormatCode[] {
  const n = r.uint16();
  const out: FormatCode[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = formatCode(r);
  return out;
}

function target(r: BodyReader): "S" | "P" {
  const t = r.byte();
  if (t === 0x53) return "S";
  if (t === 0x50) return "P";
  throw new ProtocolError(`invalid DESCRIBE/CLOSE message subtype ${t}`);
}

/** Decodes a typed message of the normal phase. */
export function decodeFrontend(code: number, body: Buffer): FrontendMessage {
  const r = new BodyReader(body);
  let msg: FrontendMessage;
  switch (code) {
    case FrontendCode.Query:
      msg = { type: "Query", sql: r.cstring() };
      break;
    case FrontendCode.Parse: {
      const name = r.cstring();
      const sql = r.cstring();
      const n = r.uint16();
      const paramTypes: number[] = new Array(n);
      // OIDs are unsigned 32-bit integers.
      for (let i = 0; i < n; i++) paramTypes[i] = r.int32() >>> 0;
      msg = { type: "Parse", name, sql, paramTypes };
      break;
    }
    case FrontendCode.Bind: {
      const portal = r.cstring();
      const statement = r.cstring();
      const paramFormats = formatCodes(r);
      const n = r.uint16();
      const params: (Buffer | null)[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const len = r.int32();
        if (len < -1) throw new ProtocolError(`invalid length ${len} of bind parameter ${i + 1}`);
        params[i] = len === -1 ? null : r.bytes(len);
      }
      const resultFormats = formatCodes(r);
      msg = { type: "Bind", portal, statement, paramFormats, params, resultFormats };
      break;
    }
    case FrontendCode.Describe:
      msg = { type: "Describe", target: target(r), name: r.cstring() };
      break;
    case FrontendCode.Execute:
      msg = { type: "Execute", portal: r.cstring(), maxRows: r.int32() };
      break;
    case FrontendCode.Close:
      msg = { type: "Close", target: target(r), name: r.cstring() };
      break;
    case FrontendCode.Sync:
      msg = { type: "Sync" };
      break;
    case FrontendCode.Flush:
      msg = { type: "Flush" };
      break;
    case FrontendCode.Terminate:
      msg = { type: "Terminate" };
      break;
    case FrontendCode.Password:
      return { type: "Password", body: r.rest() };
    case FrontendCode.CopyData:
      return { type: "CopyData", data: r.rest() };
    case FrontendCode.CopyDone:
      msg = { type: "CopyDone" };
      break;
    case FrontendCode.CopyFail:
      msg = { type: "CopyFail", message: r.cstring() };
      break;
    case FrontendCode.FunctionCall:
      return { type: "FunctionCall" };
    default:
      throw new ProtocolError(`invalid frontend message type ${code}`);
  }
  r.end();
  return msg;
}
