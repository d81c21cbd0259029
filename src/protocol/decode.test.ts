import { serialize } from "pg-protocol";
import { describe, expect, it } from "vitest";
import { StartupCode } from "./codes.js";
import { decodeFrontend, decodeStartup } from "./decode.js";
import { FrameReader } from "./frame-reader.js";
import type { FrontendMessage, StartupRequest } from "./messages.js";

const MAX = 1 << 20;

/** Reads exactly one untyped frame from `bytes` and decodes it as a startup-phase message. */
function startupOf(bytes: Buffer): StartupRequest {
  const reader = new FrameReader(MAX);
  reader.push(bytes);
  const frame = reader.next();
  expect(frame).toBeDefined();
  expect(frame!.code).toBe(0);
  expect(reader.pendingBytes).toBe(0);
  expect(reader.next()).toBeUndefined();
  return decodeStartup(frame!.body);
}

/** Reads exactly one typed frame from `bytes` and decodes it. */
function messageOf(bytes: Buffer): FrontendMessage {
  const reader = new FrameReader(MAX);
  reader.expectTyped();
  reader.push(bytes);
  const frame = reader.next();
  expect(frame).toBeDefined();
  expect(reader.pendingBytes).toBe(0);
  expect(reader.next()).toBeUndefined();
  return decodeFrontend(frame!.code, frame!.body);
}

function untyped(...words: number[]): Buffer {
  const b = Buffer.alloc(4 + words.length * 4);
  b.writeInt32BE(b.length, 0);
  words.forEach((w, i) => {
    b.writeInt32BE(w | 0, 4 + i * 4);
  });
  return b;
}

describe("startup-phase messages", () => {
  it("decodes a StartupMessage with parameters", () => {
    const msg = startupOf(serialize.startup({ user: "alice", database: "tenant_1", application_name: "é✓" }));
    expect(msg).toEqual({
      type: "Startup",
      major: 3,
      minor: 0,
      params: new Map([
        ["user", "alice"],
        ["database", "tenant_1"],
        ["application_name", "é✓"],
        ["client_encoding", "UTF8"],
      ]),
      protocolOptions: [],
    });
  });

  it("separates _pq_ protocol options from parameters and keeps the minor version", () => {
    const body = Buffer.concat([
      Buffer.from([0, 3, 0, 2]),
      Buffer.from("user\0bob\0_pq_.compression\0on\0options\0-c x=1\0\0"),
    ]);
    const len = Buffer.alloc(4);
    len.writeInt32BE(body.length + 4);
    const msg = startupOf(Buffer.concat([len, body]));
    expect(msg).toEqual({
      type: "Startup",
      major: 3,
      minor: 2,
      params: new Map([
        ["user", "bob"],
        ["options", "-c x=1"],
      ]),
      protocolOptions: ["_pq_.compression"],
    });
  });

  it("decodes SSLRequest (pg-protocol and by hand)", () => {
    expect(startupOf(serialize.requestSsl())).toEqual({ type: "SSLRequest" });
    const hand = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
    expect(hand.equals(untyped(StartupCode.SSLRequest))).toBe(true);
    expect(startupOf(hand)).toEqual({ type: "SSLRequest" });
  });

  it("decodes GSSENCRequest built by hand", () => {
    const hand = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x30]);
    expect(startupOf(hand)).toEqual({ type: "GSSENCRequest" });
  });

  it("decodes CancelRequest", () => {
    expect(startupOf(serialize.cancel(4242, 987654321))).toEqual({
      type: "CancelRequest",
      pid: 4242,
      secret: 987654321,
    });
    // Secret keys are arbitrary 32-bit values; pg sends them as signed Int32.
    expect(startupOf(serialize.cancel(1, -123456789))).toEqual({
      type: "CancelRequest",
      pid: 1,
      secret: -123456789,
    });
  });
});

describe("frontend messages round trip through pg-protocol's serializer", () => {
  it("Query", () => {
    expect(messageOf(serialize.query("SELECT 'héllo ✓ 😀'"))).toEqual({
      type: "Query",
      sql: "SELECT 'héllo ✓ 😀'",
    });
    expect(messageOf(serialize.query(""))).toEqual({ type: "Query", sql: "" });
  });

  it("Parse with parameter type OIDs, including values >= 2^31", () => {
    const types = [23, 25, 0, 2 ** 31, 2 ** 32 - 1, 3_000_000_000];
    expect(messageOf(serialize.parse({ name: "s1", text: "SELECT $1, $2", types }))).toEqual({
      type: "Parse",
      name: "s1",
      sql: "SELECT $1, $2",
      paramTypes: types,
    });
    expect(messageOf(serialize.parse({ text: "SELECT 1" }))).toEqual({
      type: "Parse",
      name: "",
      sql: "SELECT 1",
      paramTypes: [],
    });
  });

  it("Bind with text, binary and NULL parameters and a binary result format", () => {
    const msg = messageOf(
      serialize.bind({
        portal: "p1",
        statement: "s1",
        binary: true,
        values: ["abc", null, Buffer.from([0, 1, 2, 255]), "", "ü", undefined],
      }),
    );
    expect(msg).toEqual({
      type: "Bind",
      portal: "p1",
      statement: "s1",
      paramFormats: [0, 0, 1, 0, 0, 0],
      params: [
        Buffer.from("abc"),
        null,
        Buffer.from([0, 1, 2, 255]),
        Buffer.alloc(0),
        Buffer.from("ü"),
        null,
      ],
      resultFormats: [1],
    });
  });

  it("Bind with no parameters and a text result format", () => {
    expect(messageOf(serialize.bind())).toEqual({
      type: "Bind",
      portal: "",
      statement: "",
      paramFormats: [],
      params: [],
      resultFormats: [0],
    });
  });

  it("Describe S and P", () => {
    expect(messageOf(serialize.describe({ type: "S", name: "stmt" }))).toEqual({
      type: "Describe",
      target: "S",
      name: "stmt",
    });
    expect(messageOf(serialize.describe({ type: "P", name: "portal" }))).toEqual({
      type: "Describe",
      target: "P",
      name: "portal",
    });
    expect(messageOf(serialize.describe({ type: "S" }))).toEqual({ type: "Describe", target: "S", name: "" });
    expect(messageOf(serialize.describe({ type: "P" }))).toEqual({ type: "Describe", target: "P", name: "" });
  });

  it("Execute with and without maxRows", () => {
    expect(messageOf(serialize.execute({ portal: "p1", rows: 100 }))).toEqual({
      type: "Execute",
      portal: "p1",
      maxRows: 100,
    });
    expect(messageOf(serialize.execute({ rows: 1 }))).toEqual({ type: "Execute", portal: "", maxRows: 1 });
    expect(messageOf(serialize.execute())).toEqual({ type: "Execute", portal: "", maxRows: 0 });
  });

  it("Close S and P", () => {
    expect(messageOf(serialize.close({ type: "S", name: "stmt" }))).toEqual({
      type: "Close",
      target: "S",
      name: "stmt",
    });
    expect(messageOf(serialize.close({ type: "P" }))).toEqual({ type: "Close", target: "P", name: "" });
  });

  it("Sync, Flush, Terminate, CopyDone", () => {
    expect(messageOf(serialize.sync())).toEqual({ type: "Sync" });
    expect(messageOf(serialize.flush())).toEqual({ type: "Flush" });
    expect(messageOf(serialize.end())).toEqual({ type: "Terminate" });
    expect(messageOf(serialize.copyDone())).toEqual({ type: "CopyDone" });
  });

  it("PasswordMessage", () => {
    expect(messageOf(serialize.password("s3cret✓"))).toEqual({
      type: "Password",
      body: Buffer.from("s3cret✓\0"),
    });
  });

  it("SASLInitialResponse", () => {
    const first = "n,,n=,r=rOprNGfwEbeRWgbNEkqO";
    const msg = messageOf(serialize.sendSASLInitialResponseMessage("SCRAM-SHA-256", first));
    expect(msg.type).toBe("Password");
    if (msg.type !== "Password") return;
    const len = Buffer.alloc(4);
    len.writeInt32BE(first.length);
    expect(msg.body).toEqual(Buffer.concat([Buffer.from("SCRAM-SHA-256\0"), len, Buffer.from(first)]));
  });

  it("SASLResponse (SCRAM client-final-message)", () => {
    const final =
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    expect(messageOf(serialize.sendSCRAMClientFinalMessage(final))).toEqual({
      type: "Password",
      body: Buffer.from(final),
    });
  });

  it("CopyData, CopyFail", () => {
    const data = Buffer.from("1\tone\n2\ttwo\n\0\xff", "latin1");
    expect(messageOf(serialize.copyData(data))).toEqual({ type: "CopyData", data });
    expect(messageOf(serialize.copyData(Buffer.alloc(0)))).toEqual({
      type: "CopyData",
      data: Buffer.alloc(0),
    });
    expect(messageOf(serialize.copyFail("client gave up ✗"))).toEqual({
      type: "CopyFail",
      message: "client gave up ✗",
    });
  });

  it("FunctionCall is recognised without interpreting its body", () => {
    const body = Buffer.from([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    const head = Buffer.from([0x46, 0, 0, 0, 4 + body.length]);
    expect(messageOf(Buffer.concat([head, body]))).toEqual({ type: "FunctionCall" });
  });

  it("Parse and Bind with more than 32767 parameters (counts are unsigned 16-bit)", () => {
    const n = 40_000;
    const types = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 23 : 25));
    const parse = messageOf(serialize.parse({ name: "", text: "INSERT ...", types }));
    expect(parse.type === "Parse" && parse.paramTypes).toEqual(types);

    const values = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : String(i)));
    const bind = messageOf(serialize.bind({ values }));
    expect(bind.type).toBe("Bind");
    if (bind.type !== "Bind") return;
    expect(bind.paramFormats).toHaveLength(n);
    expect(bind.params).toHaveLength(n);
    expect(bind.params[0]).toBeNull();
    expect(bind.params[1]).toEqual(Buffer.from("1"));
    expect(bind.params[n - 2]).toEqual(Buffer.from(String(n - 2)));
    expect(bind.params[n - 1]).toBeNull();
    expect(bind.resultFormats).toEqual([0]);
  });
});

describe("a realistic stream split at every byte", () => {
  const stream = Buffer.concat([
    serialize.startup({ user: "alice", database: "db" }),
    serialize.parse({ name: "", text: "SELECT $1::int + $2::int AS sum", types: [23, 0] }),
    serialize.bind({ values: ["1", null], binary: false }),
    serialize.describe({ type: "P" }),
    serialize.execute(),
    serialize.sync(),
    serialize.query("SELECT 'x'"),
    serialize.copyData(Buffer.from("a\tb\n")),
    serialize.copyDone(),
    serialize.end(),
  ]);

  const expected: (StartupRequest | FrontendMessage)[] = [
    {
      type: "Startup",
      major: 3,
      minor: 0,
      params: new Map([
        ["user", "alice"],
        ["database", "db"],
        ["client_encoding", "UTF8"],
      ]),
      protocolOptions: [],
    },
    { type: "Parse", name: "", sql: "SELECT $1::int + $2::int AS sum", paramTypes: [23, 0] },
    {
      type: "Bind",
      portal: "",
      statement: "",
      paramFormats: [0, 0],
      params: [Buffer.from("1"), null],
      resultFormats: [0],
    },
    { type: "Describe", target: "P", name: "" },
    { type: "Execute", portal: "", maxRows: 0 },
    { type: "Sync" },
    { type: "Query", sql: "SELECT 'x'" },
    { type: "CopyData", data: Buffer.from("a\tb\n") },
    { type: "CopyDone" },
    { type: "Terminate" },
  ];

  /** Feeds the chunks one at a time, draining complete frames after each, as a socket handler would. */
  function run(chunks: Buffer[]): (StartupRequest | FrontendMessage)[] {
    const reader = new FrameReader(MAX);
    const out: (StartupRequest | FrontendMessage)[] = [];
    let started = false;
    for (const chunk of chunks) {
      reader.push(chunk);
      for (let frame = reader.next(); frame; frame = reader.next()) {
        if (!started) {
          out.push(decodeStartup(frame.body));
          reader.expectTyped();
          started = true;
        } else {
          out.push(decodeFrontend(frame.code, frame.body));
        }
      }
    }
    expect(reader.pendingBytes).toBe(0);
    return out;
  }

  it("decodes the whole stream at once", () => {
    expect(run([stream])).toEqual(expected);
  });

  it("decodes the stream split into two pieces at every offset", () => {
    for (let i = 0; i <= stream.length; i++) {
      expect(run([stream.subarray(0, i), stream.subarray(i)])).toEqual(expected);
    }
  });

  it("decodes the stream split into three pieces at many offset pairs", () => {
    for (let i = 0; i <= stream.length; i += 3) {
      for (let j = i; j <= stream.length; j += 7) {
        expect(run([stream.subarray(0, i), stream.subarray(i, j), stream.subarray(j)])).toEqual(expected);
      }
    }
  });

  it("decodes the stream fed one byte at a time", () => {
    const bytes = Array.from({ length: stream.length }, (_, i) => stream.subarray(i, i + 1));
    expect(run(bytes)).toEqual(expected);
  });
});
