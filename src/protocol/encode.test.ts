import type { BackendMessage } from "pg-protocol/dist/messages.js";
import { Parser } from "pg-protocol/dist/parser.js";
import { describe, expect, it } from "vitest";
import type { ErrorFields } from "../errors/pg-error.js";
import { AuthCode, BackendCode } from "./codes.js";
import * as encode from "./encode.js";
import type { FieldDescription } from "./messages.js";
import { Writer } from "./writer.js";

/**
 * Parses backend bytes with pg-protocol, fed as the given chunks. The parser may write into a
 * chunk it was given (it reuses it as its buffer), so each chunk is copied first.
 */
function parseChunks(chunks: Buffer[]): BackendMessage[] {
  const parser = new Parser();
  const out: BackendMessage[] = [];
  for (const chunk of chunks) parser.parse(Buffer.from(chunk), (m) => out.push(m));
  return out;
}

/** Encodes one message and parses it back, checking it is exactly one complete message. */
function roundTrip(write: (w: Writer) => void): { bytes: Buffer; msg: Record<string, unknown> } {
  const w = new Writer(16);
  write(w);
  const bytes = w.toBuffer();
  expect(bytes.readInt32BE(1)).toBe(bytes.length - 1);
  const msgs = parseChunks([bytes]);
  expect(msgs).toHaveLength(1);
  return { bytes, msg: msgs[0] as unknown as Record<string, unknown> };
}

/** The NUL-terminated strings of a buffer. */
function cstrings(b: Buffer): string[] {
  const out = b.toString("utf8").split("\0");
  expect(out.pop()).toBe("");
  return out;
}

const fields: FieldDescription[] = [
  { name: "id", tableOid: 16384, columnNumber: 1, typeOid: 23, typeSize: 4, typeModifier: -1, format: 0 },
  {
    name: "naïve ✓",
    tableOid: 2 ** 31 + 5,
    columnNumber: 2,
    typeOid: 4_294_967_295,
    typeSize: -1,
    typeModifier: 68,
    format: 1,
  },
  {
    name: "",
    tableOid: 0,
    columnNumber: 0,
    typeOid: 3_000_000_000,
    typeSize: -2,
    typeModifier: -1,
    format: 0,
  },
];

const everyErrorField: ErrorFields = {
  severity: "ERROR",
  code: "23505",
  message: 'duplicate key value violates unique constraint "t_pkey"',
  detail: "Key (id)=(1) already exists.",
  hint: "Use ON CONFLICT — maybe.",
  position: 42,
  where: 'SQL function "f"',
  schema: "public",
  table: "t",
  column: "id",
  dataType: "integer",
  constraint: "t_pkey",
};

describe("backend encoders parse with pg-protocol", () => {
  it("AuthenticationOk and AuthenticationCleartextPassword", () => {
    const ok = roundTrip((w) => encode.authentication(w, AuthCode.Ok));
    expect(ok.msg).toMatchObject({ name: "authenticationOk", length: 8 });
    expect([...ok.bytes]).toEqual([0x52, 0, 0, 0, 8, 0, 0, 0, 0]);
    const clear = roundTrip((w) => encode.authentication(w, AuthCode.CleartextPassword));
    expect(clear.msg).toMatchObject({ name: "authenticationCleartextPassword", length: 8 });
  });

  it("AuthenticationMD5Password with salt", () => {
    const salt = Buffer.from([0xde, 0xad, 0xbe, 0xef]);
    const { msg } = roundTrip((w) => encode.authentication(w, AuthCode.MD5Password, salt));
    expect(msg.name).toBe("authenticationMD5Password");
    expect(msg.salt).toEqual(salt);
    expect(msg.length).toBe(12);
  });

  it("AuthenticationSASL, SASLContinue, SASLFinal", () => {
    const sasl = roundTrip((w) => encode.authenticationSASL(w, ["SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"]));
    expect(sasl.msg).toMatchObject({
      name: "authenticationSASL",
      mechanisms: ["SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"],
    });
    expect(sasl.bytes.subarray(9).toString("latin1")).toBe("SCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0\0");

    const first = "r=abc123,s=QSXCR+Q6sek8bf92,i=4096";
    const cont = roundTrip((w) => encode.authentication(w, AuthCode.SASLContinue, Buffer.from(first)));
    expect(cont.msg).toMatchObject({ name: "authenticationSASLContinue", data: first });

    const final = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";
    const fin = roundTrip((w) => encode.authentication(w, AuthCode.SASLFinal, Buffer.from(final)));
    expect(fin.msg).toMatchObject({ name: "authenticationSASLFinal", data: final });
  });

  it("BackendKeyData", () => {
    const { msg } = roundTrip((w) => encode.backendKeyData(w, 31337, -1_234_567_890));
    expect(msg).toMatchObject({ name: "backendKeyData", processID: 31337, secretKey: -1_234_567_890 });
    // A secret generated as an unsigned 32-bit value is sent with the same bits.
    const unsigned = roundTrip((w) => encode.backendKeyData(w, 1, 0xfedcba98));
    expect(unsigned.msg.secretKey).toBe(0xfedcba98 | 0);
  });

  it("ParameterStatus", () => {
    const { msg } = roundTrip((w) => encode.parameterStatus(w, "application_name", "café ☕"));
    expect(msg).toMatchObject({
      name: "parameterStatus",
      parameterName: "application_name",
      parameterValue: "café ☕",
    });
  });

  it("NegotiateProtocolVersion (pg-protocol has no parser for it: checked field by field)", () => {
    const w = new Writer(8);
    encode.negotiateProtocolVersion(w, 0, ["_pq_.compression", "_pq_.other"]);
    const b = w.toBuffer();
    expect(b[0]).toBe(0x76);
    expect(b.readInt32BE(1)).toBe(b.length - 1);
    expect(b.readUInt16BE(5)).toBe(3);
    expect(b.readUInt16BE(7)).toBe(0);
    expect(b.readInt32BE(9)).toBe(2);
    expect(cstrings(b.subarray(13))).toEqual(["_pq_.compression", "_pq_.other"]);

    const none = new Writer();
    encode.negotiateProtocolVersion(none, 2, []);
    expect([...none.toBuffer()]).toEqual([0x76, 0, 0, 0, 12, 0, 3, 0, 2, 0, 0, 0, 0]);
  });

  it("ReadyForQuery I, T, E", () => {
    for (const status of ["I", "T", "E"] as const) {
      const { msg, bytes } = roundTrip((w) => encode.readyForQuery(w, status));
      expect(msg).toMatchObject({ name: "readyForQuery", status });
      expect(bytes.length).toBe(6);
    }
  });

  it("RowDescription with several fields, including OIDs >= 2^31", () => {
    const { msg } = roundTrip((w) => encode.rowDescription(w, fields));
    expect(msg.name).toBe("rowDescription");
    expect(msg.fieldCount).toBe(3);
    expect(msg.fields).toEqual(
      fields.map((f) => ({
        name: f.name,
        tableID: f.tableOid,
        columnID: f.columnNumber,
        dataTypeID: f.typeOid,
        dataTypeSize: f.typeSize,
        dataTypeModifier: f.typeModifier,
        format: f.format === 0 ? "text" : "binary",
      })),
    );
    const empty = roundTrip((w) => encode.rowDescription(w, []));
    expect(empty.msg).toMatchObject({ name: "rowDescription", fieldCount: 0, fields: [] });
  });

  it("ParameterDescription", () => {
    const oids = [23, 25, 0, 2 ** 31, 4_294_967_295];
    const { msg } = roundTrip((w) => encode.parameterDescription(w, oids));
    expect(msg).toMatchObject({ name: "parameterDescription", parameterCount: 5, dataTypeIDs: oids });
  });

  it("ParameterDescription with more than 32767 parameters (count is unsigned 16-bit)", () => {
    const oids = Array.from({ length: 40_000 }, (_, i) => i);
    const w = new Writer(16);
    encode.parameterDescription(w, oids);
    const b = w.toBuffer();
    expect(b.readInt32BE(1)).toBe(4 + 2 + 4 * oids.length);
    expect(b.readUInt16BE(5)).toBe(40_000);
    expect(b.readUInt32BE(7 + 4 * 39_999)).toBe(39_999);
  });

  it("DataRow built by hand with text, binary and NULL values", () => {
    const { msg, bytes } = roundTrip((w) =>
      w
        .begin(BackendCode.DataRow)
        .int16(4)
        .lengthPrefixedString("héllo ✓ 😀")
        .lengthPrefixedBytes(Buffer.from("raw"))
        .int32(-1)
        .lengthPrefixedString("")
        .end(),
    );
    expect(msg).toMatchObject({ name: "dataRow", fieldCount: 4, fields: ["héllo ✓ 😀", "raw", null, ""] });
    // The length prefix counts UTF-8 bytes, not UTF-16 units: "h" 1, "é" 2, "llo " 4, "✓" 3, " " 1, "😀" 4.
    expect(bytes.readInt32BE(7)).toBe(15);
    expect("héllo ✓ 😀".length).toBe(10);
  });

  it("CommandComplete", () => {
    for (const tag of ["SELECT 3", "INSERT 0 1", "UPDATE 0", "BEGIN"]) {
      const { msg } = roundTrip((w) => encode.commandComplete(w, tag));
      expect(msg).toMatchObject({ name: "commandComplete", text: tag });
    }
  });

  it("messages without a body", () => {
    const cases: [(w: Writer) => void, string, number][] = [
      [encode.emptyQueryResponse, "emptyQuery", 0x49],
      [encode.parseComplete, "parseComplete", 0x31],
      [encode.bindComplete, "bindComplete", 0x32],
      [encode.closeComplete, "closeComplete", 0x33],
      [encode.noData, "noData", 0x6e],
      [encode.portalSuspended, "portalSuspended", 0x73],
      [encode.copyDone, "copyDone", 0x63],
    ];
    for (const [fn, name, code] of cases) {
      const { msg, bytes } = roundTrip(fn);
      expect(msg).toMatchObject({ name, length: 4 });
      expect([...bytes]).toEqual([code, 0, 0, 0, 4]);
    }
  });

  it("ErrorResponse with every field", () => {
    const { msg, bytes } = roundTrip((w) => encode.errorResponse(w, everyErrorField));
    expect(msg).toBeInstanceOf(Error);
    expect(msg).toMatchObject({
      name: "error",
      message: everyErrorField.message,
      severity: "ERROR",
      code: "23505",
      detail: everyErrorField.detail,
      hint: everyErrorField.hint,
      position: "42",
      where: everyErrorField.where,
      schema: "public",
      table: "t",
      column: "id",
      dataType: "integer",
      constraint: "t_pkey",
    });
    // Field by field, including the non-localized severity V right after S.
    const body = bytes.subarray(5);
    expect(body[body.length - 1]).toBe(0);
    const parts = cstrings(body.subarray(0, body.length - 1));
    expect(parts.map((p) => [p[0], p.slice(1)])).toEqual([
      ["S", "ERROR"],
      ["V", "ERROR"],
      ["C", "23505"],
      ["M", everyErrorField.message],
      ["D", everyErrorField.detail],
      ["H", everyErrorField.hint],
      ["P", "42"],
      ["W", everyErrorField.where],
      ["s", "public"],
      ["t", "t"],
      ["c", "id"],
      ["d", "integer"],
      ["n", "t_pkey"],
    ]);
  });

  it("ErrorResponse with only the required fields", () => {
    const { bytes, msg } = roundTrip((w) =>
      encode.errorResponse(w, { severity: "FATAL", code: "08P01", message: "bad" }),
    );
    expect(msg).toMatchObject({ name: "error", severity: "FATAL", code: "08P01", message: "bad" });
    expect(bytes.subarray(5).toString("latin1")).toBe("SFATAL\0VFATAL\0C08P01\0Mbad\0\0");
  });

  it("NoticeResponse with every field", () => {
    const notice: ErrorFields = { ...everyErrorField, severity: "WARNING", code: "01000" };
    const { msg } = roundTrip((w) => encode.noticeResponse(w, notice));
    expect(msg).not.toBeInstanceOf(Error);
    expect(msg).toMatchObject({
      name: "notice",
      message: notice.message,
      severity: "WARNING",
      code: "01000",
      detail: notice.detail,
      hint: notice.hint,
      position: "42",
      where: notice.where,
      schema: "public",
      table: "t",
      column: "id",
      dataType: "integer",
      constraint: "t_pkey",
    });
  });

  it("CopyOutResponse, CopyInResponse, CopyData, CopyDone", () => {
    const out = roundTrip((w) => encode.copyResponse(w, BackendCode.CopyOutResponse, 0, 3));
    expect(out.msg).toMatchObject({ name: "copyOutResponse", binary: false, columnTypes: [0, 0, 0] });
    const outBin = roundTrip((w) => encode.copyResponse(w, BackendCode.CopyOutResponse, 1, 2));
    expect(outBin.msg).toMatchObject({ name: "copyOutResponse", binary: true, columnTypes: [1, 1] });
    const inn = roundTrip((w) => encode.copyResponse(w, BackendCode.CopyInResponse, 0, 1));
    expect(inn.msg).toMatchObject({ name: "copyInResponse", binary: false, columnTypes: [0] });

    const chunk = Buffer.from([0x31, 0x09, 0xc3, 0xa9, 0x0a, 0x00, 0xff]);
    const data = roundTrip((w) => encode.copyData(w, chunk));
    expect(data.msg).toMatchObject({ name: "copyData" });
    expect(data.msg.chunk).toEqual(chunk);

    const done = roundTrip(encode.copyDone);
    expect(done.msg).toMatchObject({ name: "copyDone" });
  });
});

describe("a batch of backend messages split at every byte", () => {
  const w = new Writer(1);
  encode.authentication(w, AuthCode.SASLFinal, Buffer.from("v=xyz"));
  encode.authentication(w, AuthCode.Ok);
  encode.parameterStatus(w, "server_version", "16.0");
  encode.parameterStatus(w, "client_encoding", "UTF8");
  encode.backendKeyData(w, 7, 99);
  encode.readyForQuery(w, "I");
  encode.parseComplete(w);
  encode.bindComplete(w);
  encode.parameterDescription(w, [23, 2 ** 31 + 1]);
  encode.rowDescription(w, fields);
  for (let i = 0; i < 3; i++) {
    w.begin(BackendCode.DataRow)
      .int16(3)
      .lengthPrefixedString(String(i))
      .lengthPrefixedBytes(Buffer.from([i]))
      .int32(-1)
      .end();
  }
  encode.commandComplete(w, "SELECT 3");
  encode.noticeResponse(w, { severity: "NOTICE", code: "00000", message: "hi ✓" });
  encode.portalSuspended(w);
  encode.noData(w);
  encode.closeComplete(w);
  encode.emptyQueryResponse(w);
  encode.errorResponse(w, everyErrorField);
  encode.copyResponse(w, BackendCode.CopyOutResponse, 0, 2);
  encode.copyData(w, Buffer.from("a\tb\n"));
  encode.copyDone(w);
  encode.readyForQuery(w, "E");
  const stream = w.toBuffer();

  const names = [
    "authenticationSASLFinal",
    "authenticationOk",
    "parameterStatus",
    "parameterStatus",
    "backendKeyData",
    "readyForQuery",
    "parseComplete",
    "bindComplete",
    "parameterDescription",
    "rowDescription",
    "dataRow",
    "dataRow",
    "dataRow",
    "commandComplete",
    "notice",
    "portalSuspended",
    "noData",
    "closeComplete",
    "emptyQuery",
    "error",
    "copyOutResponse",
    "copyData",
    "copyDone",
    "readyForQuery",
  ];

  /** A comparable summary of a parsed message: pg-protocol reuses singletons and Error objects. */
  function summary(m: BackendMessage): unknown {
    return JSON.stringify({ ...m, message: (m as { message?: string }).message });
  }

  const whole = parseChunks([stream]);

  it("parses as the expected sequence", () => {
    expect(whole.map((m) => m.name)).toEqual(names);
    expect(whole[10]).toMatchObject({ fields: ["0", "\u0000", null] });
    expect(whole[13]).toMatchObject({ text: "SELECT 3" });
    expect(whole[23]).toMatchObject({ status: "E" });
  });

  it("parses identically when split into two pieces at every offset", () => {
    const want = whole.map(summary);
    for (let i = 0; i <= stream.length; i++) {
      const got = parseChunks([stream.subarray(0, i), stream.subarray(i)]);
      expect(got.map(summary)).toEqual(want);
    }
  });

  it("parses identically when fed one byte at a time", () => {
    const chunks = Array.from({ length: stream.length }, (_, i) => stream.subarray(i, i + 1));
    expect(parseChunks(chunks).map(summary)).toEqual(whole.map(summary));
  });
});
