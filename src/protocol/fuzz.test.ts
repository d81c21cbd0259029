import { serialize } from "pg-protocol";
import { describe, expect, it } from "vitest";
import { FrontendCode } from "./codes.js";
import { decodeFrontend, decodeStartup } from "./decode.js";
import { FrameReader } from "./frame-reader.js";
import { ProtocolError } from "./protocol-error.js";

/** mulberry32: a small seeded PRNG, so that every run sees the same inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX = 4096;
const frontendCodes = Object.values(FrontendCode).filter((v): v is number => typeof v === "number");

/** Well-formed messages that mutations start from, so that decoding gets past the framing. */
const seeds: Buffer[] = [
  serialize.query("SELECT 1"),
  serialize.parse({ name: "s", text: "SELECT $1, $2", types: [23, 2 ** 31] }),
  serialize.bind({ portal: "p", statement: "s", values: ["a", null, Buffer.from([1, 2])], binary: true }),
  serialize.describe({ type: "S", name: "s" }),
  serialize.describe({ type: "P" }),
  serialize.execute({ portal: "p", rows: 10 }),
  serialize.close({ type: "P", name: "p" }),
  serialize.sync(),
  serialize.flush(),
  serialize.end(),
  serialize.password("pw"),
  serialize.sendSASLInitialResponseMessage("SCRAM-SHA-256", "n,,n=,r=abc"),
  serialize.copyData(Buffer.from("x\ty\n")),
  serialize.copyDone(),
  serialize.copyFail("no"),
];

const startupSeeds: Buffer[] = [
  serialize.startup({ user: "u", database: "d" }),
  serialize.requestSsl(),
  serialize.cancel(1, 2),
  Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x30]),
];

function randomBytes(rand: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rand() * 256);
  return b;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** Flips, overwrites, inserts and deletes a few bytes of a copy of b. */
function mutate(rand: () => number, b: Buffer): Buffer {
  let out = Buffer.from(b);
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (out.length + 1));
    switch (Math.floor(rand() * 5)) {
      case 0:
        if (at < out.length) out[at]! ^= 1 << Math.floor(rand() * 8);
        break;
      case 1:
        if (at < out.length) out[at] = pick(rand, [0, 0xff, 0x7f, 0x80, Math.floor(rand() * 256)]);
        break;
      case 2:
        out = Buffer.concat([
          out.subarray(0, at),
          randomBytes(rand, 1 + Math.floor(rand() * 4)),
          out.subarray(at),
        ]);
        break;
      case 3:
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1 + Math.floor(rand() * 4))]);
        break;
      default:
        out = out.subarray(0, at);
    }
  }
  return out;
}

/** A frame whose header is right but whose body is random, to exercise the body decoders. */
function randomFrame(rand: () => number): Buffer {
  const body = randomBytes(rand, Math.floor(rand() * 40));
  const head = Buffer.alloc(5);
  head[0] = pick(rand, frontendCodes);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function splitRandomly(rand: () => number, b: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  let at = 0;
  while (at < b.length) {
    const n = 1 + Math.floor(rand() * 16);
    chunks.push(b.subarray(at, at + n));
    at += n;
  }
  return chunks;
}

type Outcome = { messages: number; error?: ProtocolError };

/** Feeds the chunks to a reader, decoding every frame; anything but a ProtocolError escapes. */
function feed(chunks: Buffer[], typedMode: boolean): Outcome {
  const reader = new FrameReader(MAX);
  if (typedMode) reader.expectTyped();
  let messages = 0;
  try {
    for (const chunk of chunks) {
      reader.push(chunk);
      for (let f = reader.next(); f; f = reader.next()) {
        expect(f.body.length).toBeLessThanOrEqual(MAX);
        if (typedMode) {
          const m = decodeFrontend(f.code, f.body);
          expect(frontendCodes).toContain(f.code);
          if (m.type === "Bind")
            expect(m.params.every((p) => p === null || p instanceof Uint8Array)).toBe(true);
        } else {
          decodeStartup(f.body);
        }
        messages++;
      }
    }
  } catch (e) {
    if (!(e instanceof ProtocolError)) {
      throw new Error(`non-protocol error ${String(e)} for input ${Buffer.concat(chunks).toString("hex")}`);
    }
    expect(["violation", "too-large"]).toContain(e.kind);
    return { messages, error: e };
  }
  return { messages };
}

describe("fuzzing the decoder", () => {
  it("2,000 random typed-mode inputs yield only messages or ProtocolError", () => {
    const rand = prng(0x7e9a47);
    let messages = 0;
    let errors = 0;
    for (let i = 0; i < 2000; i++) {
      let input: Buffer;
      switch (i % 4) {
        case 0:
          input = randomBytes(rand, Math.floor(rand() * 64));
          break;
        case 1:
          input = randomFrame(rand);
          break;
        case 2:
          input = mutate(rand, pick(rand, seeds));
          break;
        default:
          input = Buffer.concat([pick(rand, seeds), mutate(rand, pick(rand, seeds)), pick(rand, seeds)]);
      }
      const outcome = feed(splitRandomly(rand, input), true);
      messages += outcome.messages;
      if (outcome.error) errors++;
    }
    // The inputs reach both outcomes often enough for the test to mean something.
    expect(messages).toBeGreaterThan(500);
    expect(errors).toBeGreaterThan(500);
  });

  it("2,000 random startup-mode inputs yield only messages or ProtocolError", () => {
    const rand = prng(0x5eed);
    let messages = 0;
    let errors = 0;
    for (let i = 0; i < 2000; i++) {
      const input =
        i % 2 === 0 ? randomBytes(rand, Math.floor(rand() * 48)) : mutate(rand, pick(rand, startupSeeds));
      const outcome = feed(splitRandomly(rand, input), false);
      messages += outcome.messages;
      if (outcome.error) errors++;
    }
    expect(messages).toBeGreaterThan(50);
    expect(errors).toBeGreaterThan(500);
  });
});
