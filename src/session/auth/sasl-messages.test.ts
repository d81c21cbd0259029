import { describe, expect, it } from "vitest";
import { PgError } from "../../errors/pg-error.js";
import { AuthCode } from "../../protocol/codes.js";
import { type AuthStep, createAuthenticator } from "./authenticator.js";
import { parseSecret, scramVerifier } from "./credentials.js";
import { createUserStore } from "./user-store.js";

/** Malformed SASLInitialResponse and SCRAM messages, with PostgreSQL's errors (auth-scram.c). */

const store = createUserStore(new Map([["alice", parseSecret(scramVerifier("alice-pw"))]]), undefined);

const FAILED = (user: string) => ({
  severity: "FATAL",
  code: "28P01",
  message: `password authentication failed for user "${user}"`,
});

function errorOf(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PgError);
    return { ...(e as PgError).fields };
  }
  throw new Error("expected a PgError");
}

function initialResponse(data: string | null, mechanism = "SCRAM-SHA-256"): Buffer {
  const body = data === null ? Buffer.alloc(0) : Buffer.from(data, "latin1");
  const length = Buffer.alloc(4);
  length.writeInt32BE(data === null ? -1 : body.length);
  return Buffer.concat([Buffer.from(`${mechanism}\0`, "latin1"), length, body]);
}

function startScram(user: string) {
  const auth = createAuthenticator("scram-sha-256", user, store);
  expect(auth.start().send).toEqual({ code: AuthCode.SASL, mechanisms: ["SCRAM-SHA-256"] });
  return auth;
}

function sent(step: AuthStep): string {
  if (step.send?.code !== AuthCode.SASLContinue) throw new Error("expected SASLContinue");
  return step.send.data.toString("latin1");
}

describe("malformed SASL messages", () => {
  const violation = (message: string, detail?: string) => ({
    severity: "FATAL",
    code: "08P01",
    message,
    ...(detail === undefined ? {} : { detail }),
  });
  const malformed = (detail: string) => violation("malformed SCRAM message", detail);

  it.each<[string, Buffer, object]>([
    [
      "-PLUS",
      initialResponse("p=tls-server-end-point,,n=,r=a", "SCRAM-SHA-256-PLUS"),
      violation("client selected an invalid SASL authentication mechanism"),
    ],
    ["no mechanism terminator", Buffer.from("SCRAM-SHA-256"), violation("invalid string in message")],
    ["no length", Buffer.from("SCRAM-SHA-256\0\0\0"), violation("insufficient data left in message")],
    [
      "length too long",
      Buffer.concat([initialResponse("n,,n=,r=a").subarray(0, -1)]),
      violation("insufficient data left in message"),
    ],
    [
      "trailing bytes",
      Buffer.concat([initialResponse(null), Buffer.from("x")]),
      violation("invalid message format"),
    ],
  ])("rejects a SASLInitialResponse with %s", (_, body, expected) => {
    expect(errorOf(() => startScram("alice").receive(body))).toEqual(expected);
  });

  it.each<[string, object]>([
    ["", malformed("The message is empty.")],
    ["n,,n=,r=abc\0def", malformed("Message length does not match input length.")],
    ["x,,n=,r=abc", malformed(`Unexpected channel-binding flag "'x'".`)],
    [
      "p=tls-server-end-point,,n=,r=abc",
      malformed(
        "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding data.",
      ),
    ],
    ["n;,n=,r=abc", malformed(`Comma expected, but found character "';'".`)],
    ["n", malformed(`Comma expected, but found character "0x00".`)],
    ["n,x,n=,r=abc", malformed(`Unexpected attribute "'x'" in client-first-message.`)],
    ["n,,r=abc", malformed(`Expected attribute "n" but found "'r'".`)],
    ["n,,n=", malformed(`Expected attribute "r" but found "0x00".`)],
    ["n,,n=,r", malformed(`Expected character "=" for attribute "r".`)],
    ["n,,n=,r=ab\x01c", violation("non-printable characters in SCRAM nonce")],
    ["n,,n=,r=abc,1=x", malformed(`Attribute expected, but found invalid character "'1'".`)],
    [
      "n,a=bob,n=,r=abc",
      {
        severity: "FATAL",
        code: "0A000",
        message: "client uses authorization identity, but it is not supported",
      },
    ],
    [
      "n,,m=ext,n=,r=abc",
      { severity: "FATAL", code: "0A000", message: "client requires an unsupported SCRAM extension" },
    ],
  ])("rejects client-first-message %j", (message, expected) => {
    expect(errorOf(() => startScram("mallory").receive(initialResponse(message)))).toEqual(expected);
  });

  const proof = Buffer.alloc(32, 1).toString("base64");
  it.each<[string, (nonce: string) => string, object]>([
    ["end of string", (n) => `c=biws,r=${n}`, malformed("Attribute expected, but found end of string.")],
    [
      "wrong attribute first",
      (n) => `r=${n},c=biws,p=${proof}`,
      malformed(`Expected attribute "c" but found "'r'".`),
    ],
    [
      "other channel binding",
      (n) => `c=eSws,r=${n},p=${proof}`,
      violation("unexpected SCRAM channel-binding attribute in client-final-message"),
    ],
    ["short proof", (n) => `c=biws,r=${n},p=AAAA`, malformed("Malformed proof in client-final-message.")],
    [
      "proof not base64",
      (n) => `c=biws,r=${n},p=${proof.slice(1)}`,
      malformed("Malformed proof in client-final-message."),
    ],
    [
      "trailing attribute",
      (n) => `c=biws,r=${n},p=${proof},x=1`,
      malformed("Garbage found at the end of client-final-message."),
    ],
    [
      "wrong nonce",
      () => `c=biws,r=abc,p=${proof}`,
      violation("invalid SCRAM response", "Nonce does not match."),
    ],
    ["wrong proof", (n) => `c=biws,r=${n},p=${proof}`, FAILED("alice")],
  ])("rejects client-final-message with %s", (_, final, expected) => {
    const auth = startScram("alice");
    const serverFirst = sent(auth.receive(initialResponse("n,,n=,r=abc")));
    const nonce = serverFirst.split(",")[0]!.slice(2);
    expect(nonce.startsWith("abc")).toBe(true);
    expect(errorOf(() => auth.receive(Buffer.from(final(nonce), "latin1")))).toEqual(expected);
  });
});
