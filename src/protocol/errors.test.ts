import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeFrontend, decodeStartup } from "./decode.js";
import { FrameReader } from "./frame-reader.js";
import { ProtocolError } from "./protocol-error.js";

function int32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(v | 0);
  return b;
}

function int16(v: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(v & 0xffff);
  return b;
}

/** A typed message with a correct length. */
function typed(code: string, ...parts: (Buffer | string)[]): Buffer {
  const body = Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));
  return Buffer.concat([Buffer.from(code, "latin1"), int32(body.length + 4), body]);
}

/** An untyped startup-phase message with a correct length. */
function untyped(...parts: (Buffer | string)[]): Buffer {
  const body = Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));
  return Buffer.concat([int32(body.length + 4), body]);
}

/** Runs fn and returns the error it throws, failing unless it is a ProtocolError. */
function protocolError(fn: () => unknown): ProtocolError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ProtocolError);
  return thrown as ProtocolError;
}

/** Frames and decodes one typed message. */
function decodeTyped(bytes: Buffer, max = 1 << 20): unknown {
  const r = new FrameReader(max);
  r.expectTyped();
  r.push(bytes);
  const f = r.next();
  if (!f) throw new Error("incomplete frame");
  return decodeFrontend(f.code, f.body);
}

/** Frames and decodes one startup-phase message. */
function decodeUntyped(bytes: Buffer): unknown {
  const r = new FrameReader(1 << 20);
  r.push(bytes);
  const f = r.next();
  if (!f) throw new Error("incomplete frame");
  return decodeStartup(f.body);
}

describe("framing errors", () => {
  it("rejects a typed message length below 4", () => {
    for (const len of [0, 1, 3, -1, -4, -(2 ** 31)]) {
      const r = new FrameReader(1 << 20);
      r.expectTyped();
      r.push(Buffer.concat([Buffer.from("Q"), int32(len)]));
      const e = protocolError(() => r.next());
      expect(e.kind).toBe("violation");
      expect(e.message).toContain(`invalid message length ${len}`);
    }
  });

  it("rejects an untyped message length below 4", () => {
    for (const len of [0, 3, -1]) {
      const r = new FrameReader(1 << 20);
      r.push(int32(len));
      expect(protocolError(() => r.next()).kind).toBe("violation");
    }
  });

  it("rejects a typed message larger than the limit as soon as its header arrives", () => {
    const r = new FrameReader(1000);
    r.expectTyped();
    r.push(Buffer.from([0x51, 0, 0]));
    expect(r.next()).toBeUndefined();
    r.push(Buffer.from([0x03, 0xe9])); // length 1001
    const e = protocolError(() => r.next());
    expect(e.kind).toBe("too-large");
    expect(e.message).toBe("message of 1001 bytes exceeds the limit of 1000 bytes");
  });

  it("accepts a typed message exactly at the limit", () => {
    const sql = "x".repeat(1000 - 4 - 1);
    expect(decodeTyped(typed("Q", sql, "\0"), 1000)).toEqual({ type: "Query", sql });
    expect(protocolError(() => decodeTyped(typed("Q", sql, "y\0"), 1000)).kind).toBe("too-large");
  });

  it("rejects a startup packet larger than the startup limit", () => {
    const r = new FrameReader(1 << 30);
    r.push(int32(10_001));
    expect(protocolError(() => r.next()).kind).toBe("too-large");
    const small = new FrameReader(1 << 30, 100);
    small.push(int32(101));
    expect(protocolError(() => small.next()).kind).toBe("too-large");
  });

  describe("a 1 GiB length prefix with 10 bytes of body", () => {
    const GiB = 2 ** 30;
    const header = Buffer.concat([Buffer.from("d"), int32(GiB)]);
    const tenBytes = Buffer.alloc(10, 0x61);

    afterEach(() => {
      vi.restoreAllMocks();
    });

    it("is refused by the default-sized limit before any body is buffered", () => {
      const r = new FrameReader(1 << 20);
      r.expectTyped();
      r.push(header);
      expect(protocolError(() => r.next()).kind).toBe("too-large");
    });

    it("is not allocated while it is incomplete, even under a limit that admits it", () => {
      const sizes: number[] = [];
      const record =
        <A extends unknown[], R>(orig: (...a: A) => R, size: (...a: A) => number) =>
        (...a: A): R => {
          sizes.push(size(...a));
          return orig(...a);
        };
      const { alloc, allocUnsafe, allocUnsafeSlow, concat } = Buffer;
      vi.spyOn(Buffer, "alloc").mockImplementation(record(alloc, (n) => n));
      vi.spyOn(Buffer, "allocUnsafe").mockImplementation(record(allocUnsafe, (n) => n));
      vi.spyOn(Buffer, "allocUnsafeSlow").mockImplementation(record(allocUnsafeSlow, (n) => n));
      vi.spyOn(Buffer, "concat").mockImplementation(
        record(concat, (list, total) => total ?? list.reduce((s, b) => s + b.length, 0)),
      );
      const before = process.memoryUsage().arrayBuffers;

      const r = new FrameReader(2 ** 31 - 1);
      r.expectTyped();
      // Header split across chunks, so that the reader has to join them to read the length.
      r.push(header.subarray(0, 2));
      r.push(header.subarray(2));
      r.push(tenBytes);
      expect(r.next()).toBeUndefined();
      expect(r.pendingBytes).toBe(15);
      r.push(tenBytes);
      expect(r.next()).toBeUndefined();
      expect(r.pendingBytes).toBe(25);

      expect(Math.max(0, ...sizes)).toBeLessThan(1024);
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    });
  });

  it("keeps returning undefined for an incomplete message, then frames it once complete", () => {
    const msg = typed("Q", "SELECT 1\0");
    const r = new FrameReader(1 << 20);
    r.expectTyped();
    for (let i = 0; i < msg.length - 1; i++) {
      r.push(msg.subarray(i, i + 1));
      expect(r.next()).toBeUndefined();
    }
    r.push(msg.subarray(msg.length - 1));
    const f = r.next();
    expect(f?.code).toBe(0x51);
    expect(f?.body.toString()).toBe("SELECT 1\0");
    expect(r.pendingBytes).toBe(0);
  });
});

describe("decoding errors", () => {
  it("rejects unknown message types", () => {
    for (const code of [0x00, 0x41, 0x5a, 0x70 - 1, 0x7a, 0xff, 0x31, 0x4a]) {
      const e = protocolError(() => decodeFrontend(code, Buffer.alloc(0)));
      expect(e.message).toBe(`invalid frontend message type ${code}`);
      expect(e.kind).toBe("violation");
    }
    // Through the frame reader as well.
    expect(protocolError(() => decodeTyped(typed("Z", "I"))).kind).toBe("violation");
  });

  it("rejects strings without their NUL terminator", () => {
    const cases = [
      typed("Q", "SELECT 1"),
      typed("Q"),
      typed("P", "stmt\0SELECT 1"),
      typed("P", "stmt"),
      typed("B", "portal\0stmt"),
      typed("D", "Sname"),
      typed("C", "Pname"),
      typed("E", "portal"),
      typed("f", "oops"),
    ];
    for (const bytes of cases) {
      expect(protocolError(() => decodeTyped(bytes)).message).toMatch(
        /invalid (string in message|message format)/,
      );
    }
    // A startup parameter name or value without its terminator, or no final terminator.
    const v3 = int32(3 << 16);
    expect(protocolError(() => decodeUntyped(untyped(v3, "user\0alice"))).kind).toBe("violation");
    expect(protocolError(() => decodeUntyped(untyped(v3, "user"))).kind).toBe("violation");
    expect(protocolError(() => decodeUntyped(untyped(v3, "user\0alice\0"))).kind).toBe("violation");
    expect(protocolError(() => decodeUntyped(untyped(v3))).kind).toBe("violation");
  });

  it("rejects a Bind whose parameter length overruns the body", () => {
    const head = ["\0", "\0", int16(0), int16(1)] as const;
    for (const len of [4, 100, 2 ** 31 - 1]) {
      const bytes = typed("B", ...head, int32(len), "abc", int16(0));
      expect(protocolError(() => decodeTyped(bytes)).message).toBe("invalid message format");
    }
    // A length that fits the body exactly but leaves no room for the result format count.
    expect(protocolError(() => decodeTyped(typed("B", ...head, int32(3), "abc")))).toBeInstanceOf(
      ProtocolError,
    );
    // Lengths below -1 are invalid.
    const negative = protocolError(() => decodeTyped(typed("B", ...head, int32(-2), int16(0))));
    expect(negative.message).toBe("invalid length -2 of bind parameter 1");
    // More parameters announced than present.
    expect(
      protocolError(() => decodeTyped(typed("B", "\0\0", int16(0), int16(3), int32(-1), int32(-1)))),
    ).toBeInstanceOf(ProtocolError);
    // A Parse announcing more parameter types than present.
    expect(protocolError(() => decodeTyped(typed("P", "\0SELECT 1\0", int16(2), int32(23))))).toBeInstanceOf(
      ProtocolError,
    );
    // The same Bind with the right length is fine.
    expect(decodeTyped(typed("B", ...head, int32(3), "abc", int16(0)))).toEqual({
      type: "Bind",
      portal: "",
      statement: "",
      paramFormats: [],
      params: [Buffer.from("abc")],
      resultFormats: [],
    });
  });

  it("rejects trailing bytes after a complete message", () => {
    const cases = [
      typed("S", "x"),
      typed("H", "\0"),
      typed("X", "\0\0\0\0"),
      typed("c", "!"),
      typed("Q", "SELECT 1\0", "\0"),
      typed("Q", "SELECT 1\0SELECT 2\0"),
      typed("P", "\0SELECT 1\0", int16(0), "\0"),
      typed("B", "\0\0", int16(0), int16(0), int16(0), "\0"),
      typed("D", "S\0", "\0"),
      typed("C", "P\0", "x"),
      typed("E", "\0", int32(0), "\0"),
      typed("f", "msg\0", "\0"),
    ];
    for (const bytes of cases) {
      expect(protocolError(() => decodeTyped(bytes)).message).toBe("invalid message format");
    }
    expect(protocolError(() => decodeUntyped(untyped(int32(80877103), int32(0)))).kind).toBe("violation");
    expect(protocolError(() => decodeUntyped(untyped(int32(80877104), "\0"))).kind).toBe("violation");
    expect(protocolError(() => decodeUntyped(untyped(int32(80877102), int32(1), int32(2), "\0"))).kind).toBe(
      "violation",
    );
    expect(protocolError(() => decodeUntyped(untyped(int32(3 << 16), "user\0a\0\0", "x"))).kind).toBe(
      "violation",
    );
  });

  it("rejects truncated fixed-size fields", () => {
    const cases = [
      typed("E", "\0", int16(0)),
      typed("E", "\0"),
      typed("P", "\0SELECT 1\0", "\0"),
      typed("B", "\0\0", "\0"),
      typed("B", "\0\0", int16(0), int16(1), int16(0)),
      typed("D"),
      typed("C"),
    ];
    for (const bytes of cases) expect(protocolError(() => decodeTyped(bytes))).toBeInstanceOf(ProtocolError);
    expect(protocolError(() => decodeUntyped(untyped()))).toBeInstanceOf(ProtocolError);
    expect(protocolError(() => decodeUntyped(untyped(int16(3))))).toBeInstanceOf(ProtocolError);
    expect(protocolError(() => decodeUntyped(untyped(int32(80877102), int32(1))))).toBeInstanceOf(
      ProtocolError,
    );
  });

  it("rejects bad format codes and Describe/Close targets", () => {
    for (const f of [2, -1, 0x7fff, 0x100]) {
      const param = protocolError(() =>
        decodeTyped(typed("B", "\0\0", int16(1), int16(f), int16(1), int32(1), "1", int16(0))),
      );
      expect(param.message).toBe(`unsupported format code: ${(f << 16) >> 16}`);
      const result = protocolError(() =>
        decodeTyped(typed("B", "\0\0", int16(0), int16(0), int16(2), int16(0), int16(f))),
      );
      expect(result.message).toBe(`unsupported format code: ${(f << 16) >> 16}`);
    }
    for (const t of ["X", "s", "p", "\0"]) {
      expect(protocolError(() => decodeTyped(typed("D", t, "name\0"))).message).toContain(
        "invalid DESCRIBE/CLOSE message subtype",
      );
      expect(protocolError(() => decodeTyped(typed("C", t, "name\0"))).message).toContain(
        "invalid DESCRIBE/CLOSE message subtype",
      );
    }
  });

  it("rejects protocol versions other than 3.x", () => {
    for (const [major, minor] of [
      [2, 0],
      [4, 0],
      [1, 0],
      [0, 0],
      [65535, 65535],
      [1234, 5681],
    ] as const) {
      const e = protocolError(() => decodeUntyped(untyped(int32((major << 16) | minor), "user\0a\0\0")));
      expect(e.kind).toBe("violation");
      expect(e.message).toBe(`unsupported frontend protocol ${major}.${minor}: server supports 3.0 to 3.0`);
    }
  });
});
