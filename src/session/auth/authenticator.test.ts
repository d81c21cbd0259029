import { createHash, createHmac, pbkdf2Sync } from "node:crypto";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { PgError } from "../../errors/pg-error.js";
import { AuthCode } from "../../protocol/codes.js";
import { Writer } from "../../protocol/writer.js";
import {
  type Authenticator,
  type AuthMethod,
  type AuthStep,
  createAuthenticator,
  writeAuthRequest,
} from "./authenticator.js";
import { type Credential, md5Secret, parseSecret, scramVerifier } from "./credentials.js";
import { mockSalt } from "./scram.js";
import { createUserStore, type UserStore } from "./user-store.js";

/** The client side of SCRAM and md5 as node-postgres implements them. */
interface ScramClientState {
  mechanism: string;
  clientNonce: string;
  response: string;
}
const require = createRequire(import.meta.url);
const sasl = require("pg/lib/crypto/sasl.js") as {
  startSession(mechanisms: string[], stream?: unknown): ScramClientState;
  continueSession(
    client: ScramClientState,
    password: string,
    serverData: string,
    stream?: unknown,
  ): Promise<void>;
  finalizeSession(client: ScramClientState, serverData: string): void;
};
const pgCrypto = require("pg/lib/crypto/utils.js") as {
  postgresMd5PasswordHash(user: string, password: string, salt: Buffer): Promise<string>;
};

const NONCE = Buffer.alloc(32, 7);
const SALT = Buffer.alloc(16, 5);
const users = new Map<string, Credential>([
  ["alice", parseSecret(scramVerifier("alice-pw", { salt: SALT }))],
  ["bob", parseSecret(md5Secret("bob-pw", "bob"))],
  ["carol", parseSecret("carol-pw")],
]);
const store = createUserStore(users, undefined, { mockNonce: NONCE });
const withFallback = createUserStore(users, parseSecret("shared-pw"), { mockNonce: NONCE });

const FAILED = (user: string) => ({
  severity: "FATAL",
  code: "28P01",
  message: `password authentication failed for user "${user}"`,
});

/** The fields of the PgError `fn` throws. */
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

const cstring = (s: string) => Buffer.from(`${s}\0`, "utf8");

function sent(step: AuthStep): string {
  const req = step.send;
  if (req?.code !== AuthCode.SASLContinue && req?.code !== AuthCode.SASLFinal)
    throw new Error("not SASL data");
  return req.data.toString("latin1");
}

function startScram(method: AuthMethod, user: string, s: UserStore = store): Authenticator {
  const auth = createAuthenticator(method, user, s);
  expect(auth.start()).toEqual({ send: { code: AuthCode.SASL, mechanisms: ["SCRAM-SHA-256"] }, done: false });
  return auth;
}

/** Runs node-postgres's SCRAM client against the authenticator; returns the server-first message. */
async function scramLogin(auth: Authenticator, password: string, stream?: unknown): Promise<string> {
  const client = sasl.startSession(["SCRAM-SHA-256"], stream);
  expect(client.response.slice(0, 3)).toBe(stream ? "y,," : "n,,");
  const serverFirst = sent(auth.receive(initialResponse(client.response, client.mechanism)));
  await sasl.continueSession(client, password, serverFirst, stream);
  const final = auth.receive(Buffer.from(client.response, "latin1"));
  expect(final.done).toBe(true);
  expect(final.send?.code).toBe(AuthCode.SASLFinal);
  sasl.finalizeSession(client, sent(final)); // throws unless the server signature is right
  return serverFirst;
}

/** Like scramLogin, for an exchange that must fail at the final message. */
async function scramFailure(
  auth: Authenticator,
  password: string,
): Promise<{ serverFirst: string; error: object }> {
  const client = sasl.startSession(["SCRAM-SHA-256"]);
  const serverFirst = sent(auth.receive(initialResponse(client.response)));
  await sasl.continueSession(client, password, serverFirst);
  return { serverFirst, error: errorOf(() => auth.receive(Buffer.from(client.response))) };
}

describe("trust", () => {
  it("succeeds without a message, for any user", () => {
    const auth = createAuthenticator("trust", "nobody", store);
    expect(auth.start()).toEqual({ done: true });
    expect(() => auth.receive(cstring("x"))).toThrow(
      'unexpected password message in authentication state "done"',
    );
  });
});

describe("SCRAM-SHA-256", () => {
  it("authenticates node-postgres's client against a stored verifier", async () => {
    const serverFirst = await scramLogin(startScram("scram-sha-256", "alice"), "alice-pw");
    expect(serverFirst).toMatch(new RegExp(`^r=[^,]{24,},s=${SALT.toString("base64")},i=4096$`));
  });

  it("accepts the gs2 flag y (client supports channel binding, thinks the server does not)", async () => {
    // node-postgres sends "y,," when it has a stream but the server offers no -PLUS mechanism.
    await scramLogin(startScram("scram-sha-256", "alice"), "alice-pw", {});
  });

  it("derives a verifier from a plaintext password, salted like a mock exchange", async () => {
    const serverFirst = await scramLogin(startScram("scram-sha-256", "carol"), "carol-pw");
    expect(serverFirst).toContain(`,s=${mockSalt("carol", NONCE)},i=4096`);
    await scramLogin(startScram("scram-sha-256", "anyone", withFallback), "shared-pw");
  });

  it("fails a wrong password at the final message with 28P01", async () => {
    const auth = startScram("scram-sha-256", "alice");
    expect((await scramFailure(auth, "wrong")).error).toEqual(FAILED("alice"));
    expect(auth.logDetail).toBe('Password does not match for user "alice".');
    expect(() => auth.receive(Buffer.from("x"))).toThrow("unexpected password message");
  });

  it("runs a mock exchange for an unknown user and fails only at the end", async () => {
    const auth = startScram("scram-sha-256", "mallory");
    const { serverFirst, error } = await scramFailure(auth, "guess");
    expect(error).toEqual(FAILED("mallory"));
    expect(auth.logDetail).toBe('Role "mallory" does not exist.');
    // The salt is stable per user name and looks like a real one.
    const salt = mockSalt("mallory", NONCE);
    expect(Buffer.from(salt, "base64")).toHaveLength(16);
    expect(serverFirst).toContain(`,s=${salt},i=4096`);
    const again = await scramFailure(startScram("scram-sha-256", "mallory"), "guess");
    expect(again.serverFirst.split(",").slice(1)).toEqual(serverFirst.split(",").slice(1));
    expect(mockSalt("trudy", NONCE)).not.toBe(salt);
    expect(mockSalt("mallory", Buffer.alloc(32, 8))).not.toBe(salt);
  });

  it("cannot use an md5 hash: the right password still fails at the end", async () => {
    const auth = startScram("scram-sha-256", "bob");
    expect((await scramFailure(auth, "bob-pw")).error).toEqual(FAILED("bob"));
    expect(auth.logDetail).toBe('User "bob" does not have a valid SCRAM secret.');
  });

  it("answers a SASLInitialResponse without initial response with an empty challenge", async () => {
    const auth = startScram("scram-sha-256", "alice");
    const empty = auth.receive(initialResponse(null));
    expect(empty).toEqual({ send: { code: AuthCode.SASLContinue, data: Buffer.alloc(0) }, done: false });
    const client = sasl.startSession(["SCRAM-SHA-256"]);
    const serverFirst = sent(auth.receive(Buffer.from(client.response)));
    await sasl.continueSession(client, "alice-pw", serverFirst);
    const final = auth.receive(Buffer.from(client.response));
    sasl.finalizeSession(client, sent(final));
    expect(final.done).toBe(true);
  });

  it("includes extensions in the signed client-final-message-without-proof", () => {
    const auth = startScram("scram-sha-256", "alice");
    const bare = "n=,r=clientnonce";
    const serverFirst = sent(auth.receive(initialResponse(`n,,${bare}`)));
    const nonce = serverFirst.split(",")[0]!.slice(2);
    const withoutProof = `c=biws,r=${nonce},x=ext`;
    const salted = pbkdf2Sync("alice-pw", SALT, 4096, 32, "sha256");
    const clientKey = createHmac("sha256", salted).update("Client Key").digest();
    const storedKey = createHash("sha256").update(clientKey).digest();
    const signature = createHmac("sha256", storedKey)
      .update(`${bare},${serverFirst},${withoutProof}`)
      .digest();
    const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!));
    const final = auth.receive(Buffer.from(`${withoutProof},p=${proof.toString("base64")}`));
    const serverKey = createHmac("sha256", salted).update("Server Key").digest();
    const expected = createHmac("sha256", serverKey)
      .update(`${bare},${serverFirst},${withoutProof}`)
      .digest();
    expect(final).toEqual({
      send: { code: AuthCode.SASLFinal, data: Buffer.from(`v=${expected.toString("base64")}`) },
      done: true,
    });
  });
});

describe("md5", () => {
  it("sends an md5 challenge for an md5 hash and accepts node-postgres's response", async () => {
    const auth = createAuthenticator("md5", "bob", store);
    const step = auth.start();
    if (step.send?.code !== AuthCode.MD5Password) throw new Error("expected an md5 challenge");
    expect(step.send.salt).toHaveLength(4);
    const response = await pgCrypto.postgresMd5PasswordHash("bob", "bob-pw", step.send.salt);
    expect(auth.receive(cstring(response))).toEqual({ done: true });
  });

  it("fails a wrong md5 response with 28P01", async () => {
    const auth = createAuthenticator("md5", "bob", store);
    const step = auth.start();
    if (step.send?.code !== AuthCode.MD5Password) throw new Error("expected an md5 challenge");
    const response = await pgCrypto.postgresMd5PasswordHash("bob", "nope", step.send.salt);
    expect(errorOf(() => auth.receive(cstring(response)))).toEqual(FAILED("bob"));
  });

  it("uses SCRAM for a SCRAM verifier, a plaintext password and an unknown user", async () => {
    await scramLogin(startScram("md5", "alice"), "alice-pw");
    await scramLogin(startScram("md5", "carol"), "carol-pw");
    expect((await scramFailure(startScram("md5", "mallory"), "x")).error).toEqual(FAILED("mallory"));
  });
});

describe("password (cleartext)", () => {
  it.each([
    ["alice", "alice-pw"],
    ["bob", "bob-pw"],
    ["carol", "carol-pw"],
  ])("accepts %s's password whatever its stored form", (user, password) => {
    const auth = createAuthenticator("password", user, store);
    expect(auth.start()).toEqual({ send: { code: AuthCode.CleartextPassword }, done: false });
    expect(auth.receive(cstring(password))).toEqual({ done: true });
  });

  it("fails wrong passwords and unknown users alike, after asking for the password", () => {
    for (const [user, password] of [
      ["alice", "bob-pw"],
      ["bob", "alice-pw"],
      ["carol", "carol"],
      ["mallory", "x"],
    ]) {
      const auth = createAuthenticator("password", user!, store);
      expect(auth.start().send).toEqual({ code: AuthCode.CleartextPassword });
      expect(errorOf(() => auth.receive(cstring(password!)))).toEqual(FAILED(user!));
    }
  });

  it("rejects an empty password and a malformed packet", () => {
    const empty = createAuthenticator("password", "alice", store);
    empty.start();
    expect(errorOf(() => empty.receive(Buffer.from([0])))).toEqual({
      severity: "FATAL",
      code: "28P01",
      message: "empty password returned by client",
    });
    for (const body of [Buffer.from("pw"), Buffer.from("pw\0x\0"), Buffer.alloc(0)]) {
      const auth = createAuthenticator("password", "alice", store);
      auth.start();
      expect(errorOf(() => auth.receive(body))).toEqual({
        severity: "FATAL",
        code: "08P01",
        message: "invalid password packet size",
      });
    }
  });
});

describe("writeAuthRequest", () => {
  it("encodes each request as an Authentication message", () => {
    const w = new Writer(0);
    writeAuthRequest(w, { code: AuthCode.SASL, mechanisms: ["SCRAM-SHA-256"] });
    writeAuthRequest(w, { code: AuthCode.MD5Password, salt: Buffer.from([1, 2, 3, 4]) });
    writeAuthRequest(w, { code: AuthCode.SASLFinal, data: Buffer.from("v=x") });
    writeAuthRequest(w, { code: AuthCode.CleartextPassword });
    expect(w.toBuffer().toString("hex")).toBe(
      [
        "52000000170000000a534352414d2d5348412d3235360000",
        "520000000c0000000501020304",
        "520000000b0000000c763d78",
        "520000000800000003",
      ].join(""),
    );
  });
});
