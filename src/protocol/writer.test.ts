import { Parser } from "pg-protocol/dist/parser.js";
import { describe, expect, it } from "vitest";
import { BackendCode } from "./codes.js";
import * as encode from "./encode.js";
import { Writer } from "./writer.js";

/** Writes a fixed batch of messages whose strings mix 1- to 4-byte UTF-8 characters. */
function writeBatch(w: Writer, rows: number): void {
  encode.parameterStatus(w, "server_version", "16.0");
  encode.rowDescription(w, [
    { name: "ключ", tableOid: 1, columnNumber: 1, typeOid: 25, typeSize: -1, typeModifier: -1, format: 0 },
  ]);
  for (let i = 0; i < rows; i++) {
    w.begin(BackendCode.DataRow)
      .int16(2)
      .lengthPrefixedString(`${i} 日本語 😀 ${"x".repeat(i % 50)}`)
      .lengthPrefixedBytes(Buffer.alloc(i % 17, i))
      .end();
  }
  encode.commandComplete(w, `SELECT ${rows}`);
  encode.readyForQuery(w, "I");
}

function parse(bytes: Buffer): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  new Parser().parse(Buffer.from(bytes), (m) => out.push(m as unknown as Record<string, unknown>));
  return out;
}

describe("Writer growth", () => {
  const reference = new Writer();
  writeBatch(reference, 500);
  const expected = reference.toBuffer();

  for (const initial of [0, 1, 2, 5, 7, 64]) {
    it(`produces the same bytes from an initial size of ${initial}`, () => {
      const w = new Writer(initial);
      writeBatch(w, 500);
      expect(w.length).toBe(expected.length);
      expect(w.toBuffer().equals(expected)).toBe(true);
    });
  }

  it("the batch parses back to the values written", () => {
    const msgs = parse(expected);
    expect(msgs).toHaveLength(500 + 4);
    expect(msgs[0]).toMatchObject({ name: "parameterStatus", parameterValue: "16.0" });
    expect(msgs[1]).toMatchObject({ name: "rowDescription", fields: [{ name: "ключ", dataTypeID: 25 }] });
    expect(msgs[2]).toMatchObject({ name: "dataRow", fields: ["0 日本語 😀 ", ""] });
    expect(msgs[499 + 2]).toMatchObject({
      name: "dataRow",
      fields: [`499 日本語 😀 ${"x".repeat(49)}`, Buffer.alloc(499 % 17, 499).toString()],
    });
    expect(msgs[502]).toMatchObject({ name: "commandComplete", text: "SELECT 500" });
    expect(msgs[503]).toMatchObject({ name: "readyForQuery", status: "I" });
  });

  it("grows for a single field larger than twice the current size", () => {
    const w = new Writer(1);
    const big = Buffer.alloc(100_000, 7);
    w.begin(BackendCode.CopyData).bytes(big).end();
    const b = w.toBuffer();
    expect(b.length).toBe(100_005);
    expect(b.readInt32BE(1)).toBe(100_004);
    expect(b.subarray(5).equals(big)).toBe(true);
  });
});

describe("Writer strings count UTF-8 bytes", () => {
  const cases: [string, number][] = [
    ["", 0],
    ["abc", 3],
    ["é", 2],
    ["日本語", 9],
    ["😀", 4],
    ["a😀é✓", 1 + 4 + 2 + 3],
    ["\ud800", 3], // a lone surrogate is encoded as U+FFFD
    ["✓".repeat(1000), 3000],
  ];

  for (const [s, bytes] of cases) {
    it(`lengthPrefixedString(${JSON.stringify(s.slice(0, 8))}) has prefix ${bytes}`, () => {
      for (const initial of [0, 1, 4, 4096]) {
        const w = new Writer(initial);
        w.lengthPrefixedString(s);
        const b = w.toBuffer();
        expect(b.length).toBe(4 + bytes);
        expect(b.readInt32BE(0)).toBe(bytes);
        expect(b.subarray(4).toString("utf8")).toBe(s.replace("\ud800", "\ufffd"));
      }
    });

    it(`cstring(${JSON.stringify(s.slice(0, 8))}) writes ${bytes} bytes and a NUL`, () => {
      for (const initial of [0, 1, 4, 4096]) {
        const w = new Writer(initial);
        w.byte(0x41).cstring(s).byte(0x42);
        const b = w.toBuffer();
        expect(b.length).toBe(1 + bytes + 1 + 1);
        expect(b[bytes + 1]).toBe(0);
        expect(b[bytes + 2]).toBe(0x42);
      }
    });
  }

  it("a message's length counts bytes of multi-byte strings", () => {
    const w = new Writer(3);
    encode.commandComplete(w, "ÜBER ✓");
    const b = w.toBuffer();
    expect(b.readInt32BE(1)).toBe(4 + Buffer.byteLength("ÜBER ✓") + 1);
    expect(parse(b)[0]).toMatchObject({ name: "commandComplete", text: "ÜBER ✓" });
  });
});

describe("Writer integers", () => {
  it("int16 writes signed and unsigned 16-bit values", () => {
    const w = new Writer(0);
    w.int16(-1).int16(-32768).int16(32767).int16(40_000).int16(65_535).int16(0);
    const b = w.toBuffer();
    expect([b.readInt16BE(0), b.readInt16BE(2), b.readInt16BE(4)]).toEqual([-1, -32768, 32767]);
    expect([b.readUInt16BE(6), b.readUInt16BE(8), b.readUInt16BE(10)]).toEqual([40_000, 65_535, 0]);
  });

  it("int32 and uint32 write the same bits for values on either side of 2^31", () => {
    const w = new Writer(0);
    w.int32(-1)
      .uint32(2 ** 32 - 1)
      .int32(2 ** 31)
      .uint32(2 ** 31)
      .int32(123)
      .uint32(123);
    const b = w.toBuffer();
    expect([...b.subarray(0, 4)]).toEqual([...b.subarray(4, 8)]);
    expect(b.readUInt32BE(8)).toBe(2 ** 31);
    expect(b.readUInt32BE(12)).toBe(2 ** 31);
    expect(b.readInt32BE(16)).toBe(123);
    expect(b.readUInt32BE(20)).toBe(123);
  });

  it("byte keeps the low 8 bits", () => {
    const w = new Writer(0);
    w.byte(0).byte(255).byte(0x5a);
    expect([...w.toBuffer()]).toEqual([0, 255, 0x5a]);
  });
});

describe("Writer take() and toBuffer()", () => {
  it("toBuffer returns a copy and leaves the writer's contents in place", () => {
    const w = new Writer(8);
    encode.readyForQuery(w, "I");
    const first = w.toBuffer();
    expect([...first]).toEqual([0x5a, 0, 0, 0, 5, 0x49]);
    expect(w.length).toBe(6);

    encode.readyForQuery(w, "T");
    // The earlier copy is unaffected by later writes, and the writer kept the first message.
    expect([...first]).toEqual([0x5a, 0, 0, 0, 5, 0x49]);
    expect([...w.toBuffer()]).toEqual([0x5a, 0, 0, 0, 5, 0x49, 0x5a, 0, 0, 0, 5, 0x54]);

    // Mutating the copy does not touch the writer.
    first[5] = 0;
    expect(w.toBuffer()[5]).toBe(0x49);
  });

  it("take returns the bytes written and resets the writer", () => {
    const w = new Writer(4);
    encode.bindComplete(w);
    encode.readyForQuery(w, "E");
    const taken = w.take();
    expect([...taken]).toEqual([0x32, 0, 0, 0, 4, 0x5a, 0, 0, 0, 5, 0x45]);
    expect(w.length).toBe(0);
    expect(w.toBuffer().length).toBe(0);

    // Writes after take() neither appear in nor overwrite the taken bytes.
    encode.noData(w);
    encode.noData(w);
    expect([...taken]).toEqual([0x32, 0, 0, 0, 4, 0x5a, 0, 0, 0, 5, 0x45]);
    expect([...w.take()]).toEqual([0x6e, 0, 0, 0, 4, 0x6e, 0, 0, 0, 4]);
    expect(w.take().length).toBe(0);
  });

  it("take after a large batch still leaves a usable writer", () => {
    const w = new Writer(1);
    writeBatch(w, 2_000);
    const taken = w.take();
    expect(parse(taken)).toHaveLength(2_004);
    encode.commandComplete(w, "OK");
    expect(parse(w.take())).toEqual([expect.objectContaining({ name: "commandComplete", text: "OK" })]);
  });

  it("reset discards what was written", () => {
    const w = new Writer(16);
    encode.parseComplete(w);
    w.reset();
    expect(w.length).toBe(0);
    encode.closeComplete(w);
    expect([...w.toBuffer()]).toEqual([0x33, 0, 0, 0, 4]);
  });
});
