/**
 * Password authentication of one connection as a pure state machine: it says which Authentication
 * request to send and consumes the bodies of the client's Password messages (PasswordMessage,
 * SASLInitialResponse, SASLResponse) until it succeeds or throws a FATAL PgError.
 *
 * Method semantics follow PostgreSQL 15 (src/backend/libpq/auth.c, CheckPWChallengeAuth):
 * - "password": a cleartext password, checked against any stored form.
 * - "md5": an md5 challenge if the stored secret is an md5 hash, SCRAM otherwise (a SCRAM
 *   verifier, a plaintext password, or an unknown user, for whom PostgreSQL's default
 *   password_encryption, scram-sha-256, decides).
 * - "scram-sha-256": SCRAM always; with an md5 hash or an unknown user a mock exchange runs and
 *   fails at its end with the same error as a wrong password.
 * A plaintext password under SCRAM is turned into a verifier on the fly, with the same derived salt
 * a mock exchange for that user name would show.
 */
import { createHash, randomBytes } from "node:crypto";
import { PgError } from "../../errors/pg-error.js";
import { AuthCode } from "../../protocol/codes.js";
import { authentication, authenticationSASL } from "../../protocol/encode.js";
import type { Writer } from "../../protocol/writer.js";
import {
  type Credential,
  constantTimeEqual,
  SCRAM_DEFAULT_ITERATIONS,
  type ScramSecret,
  scramKeys,
  verifyPassword,
} from "./credentials.js";
import { mockSalt, mockScramSecret, SCRAM_MECHANISM, ScramExchange } from "./scram.js";
import type { UserStore } from "./user-store.js";

export type AuthMethod = "trust" | "password" | "md5" | "scram-sha-256";

/** An Authentication message for the client. */
export type AuthRequest =
  | { code: AuthCode.CleartextPassword }
  | { code: AuthCode.MD5Password; salt: Buffer }
  | { code: AuthCode.SASL; mechanisms: string[] }
  | { code: AuthCode.SASLContinue; data: Buffer }
  | { code: AuthCode.SASLFinal; data: Buffer };

/**
 * What to do next: send `send` if present; then, if `done`, send AuthenticationOk, otherwise wait
 * for the client's next Password message.
 */
export interface AuthStep {
  send?: AuthRequest;
  done: boolean;
}

export interface Authenticator {
  /** The first step; call once. */
  start(): AuthStep;
  /** Consumes the body of a Password message. Throws a FATAL PgError when authentication fails. */
  receive(body: Buffer): AuthStep;
  /** Why authentication failed, for the server log only (never sent to the client). */
  readonly logDetail: string | undefined;
}

/** Appends the Authentication message for a request. */
export function writeAuthRequest(w: Writer, req: AuthRequest): void {
  switch (req.code) {
    case AuthCode.SASL:
      authenticationSASL(w, req.mechanisms);
      break;
    case AuthCode.MD5Password:
      authentication(w, req.code, req.salt);
      break;
    case AuthCode.SASLContinue:
    case AuthCode.SASLFinal:
      authentication(w, req.code, req.data);
      break;
    case AuthCode.CleartextPassword:
      authentication(w, req.code);
      break;
  }
}

const fatal = { severity: "FATAL" } as const;

function protocolViolation(message: string): PgError {
  return new PgError("PROTOCOL_VIOLATION", message, fatal);
}

/** The same error for a wrong password and an unknown user, so that neither is revealed. */
export function passwordFailed(user: string): PgError {
  return new PgError("INVALID_PASSWORD", `password authentication failed for user "${user}"`, fatal);
}

/** A PasswordMessage body: one NUL-terminated string filling the message (recv_password_packet). */
function readPasswordPacket(body: Buffer): Buffer {
  if (body.length === 0 || body.indexOf(0) !== body.length - 1)
    throw protocolViolation("invalid password packet size");
  if (body.length === 1) throw new PgError("INVALID_PASSWORD", "empty password returned by client", fatal);
  return body.subarray(0, body.length - 1);
}

/** A SASLInitialResponse body: mechanism name, Int32 length (-1: none), initial response. */
function readInitialResponse(body: Buffer): Buffer | null {
  const nul = body.indexOf(0);
  if (nul < 0) throw protocolViolation("invalid string in message");
  // The mechanism is checked before the rest is read, as scram_init() runs first.
  if (body.toString("latin1", 0, nul) !== SCRAM_MECHANISM)
    throw protocolViolation("client selected an invalid SASL authentication mechanism");
  let pos = nul + 1;
  if (body.length - pos < 4) throw protocolViolation("insufficient data left in message");
  const length = body.readInt32BE(pos);
  pos += 4;
  let input: Buffer | null = null;
  if (length !== -1) {
    if (length < 0 || length > body.length - pos)
      throw protocolViolation("insufficient data left in message");
    input = body.subarray(pos, pos + length);
    pos += length;
  }
  if (pos !== body.length) throw protocolViolation("invalid message format");
  return input;
}

/** The SCRAM secret to use, or undefined when only a mock exchange is possible. */
function scramSecretFor(
  credential: Credential | undefined,
  user: string,
  mockNonce: Buffer,
): ScramSecret | undefined {
  if (credential?.kind === "scram") return credential;
  if (credential?.kind !== "plain") return undefined;
  const salt = mockSalt(user, mockNonce);
  const keys = scramKeys(credential.password, Buffer.from(salt, "base64"), SCRAM_DEFAULT_ITERATIONS);
  return { iterations: SCRAM_DEFAULT_ITERATIONS, salt, ...keys };
}

export function createAuthenticator(method: AuthMethod, user: string, store: UserStore): Authenticator {
  const credential = method === "trust" ? undefined : store.lookup(user);
  let state: "new" | "cleartext" | "md5" | "sasl-initial" | "sasl" | "done" | "failed" = "new";
  let logDetail: string | undefined;
  let md5Salt = Buffer.alloc(0);
  let scram: ScramExchange | undefined;

  const fail = (detail: string | undefined): PgError => {
    state = "failed";
    logDetail = detail;
    return passwordFailed(user);
  };
  const noRole = `Role "${user}" does not exist.`;
  const mismatch = `Password does not match for user "${user}".`;

  const startScram = (): ScramExchange => {
    const secret = scramSecretFor(credential, user, store.mockNonce);
    if (!secret) logDetail = credential ? `User "${user}" does not have a valid SCRAM secret.` : noRole;
    return new ScramExchange(secret ?? mockScramSecret(user, store.mockNonce), secret === undefined);
  };

  const sasl = (input: Buffer | null): AuthStep => {
    const result = scram!.exchange(input);
    if (result.status === "failure") throw fail(logDetail ?? mismatch);
    if (result.status === "continue")
      return { send: { code: AuthCode.SASLContinue, data: result.data }, done: false };
    state = "done";
    return { send: { code: AuthCode.SASLFinal, data: result.data }, done: true };
  };

  const receive = (body: Buffer): AuthStep => {
    switch (state) {
      case "cleartext": {
        const password = readPasswordPacket(body);
        if (!credential) throw fail(noRole);
        if (!verifyPassword(credential, user, password)) throw fail(mismatch);
        state = "done";
        return { done: true };
      }
      case "md5": {
        const response = readPasswordPacket(body);
        // The client sends "md5" || md5hex(md5hex(password || user) || salt).
        const hash = credential?.kind === "md5" ? credential.hash : "";
        const inner = Buffer.concat([Buffer.from(hash.slice(3), "latin1"), md5Salt]);
        const expected = `md5${createHash("md5").update(inner).digest("hex")}`;
        if (!constantTimeEqual(response, expected)) throw fail(mismatch);
        state = "done";
        return { done: true };
      }
      case "sasl-initial": {
        const input = readInitialResponse(body);
        scram = startScram();
        state = "sasl";
        return sasl(input);
      }
      case "sasl":
        return sasl(body);
      default:
        throw new Error(`unexpected password message in authentication state "${state}"`);
    }
  };

  return {
    get logDetail() {
      return logDetail;
    },
    start(): AuthStep {
      if (state !== "new") throw new Error("authentication already started");
      if (method === "trust") {
        state = "done";
        return { done: true };
      }
      if (method === "password") {
        state = "cleartext";
        return { send: { code: AuthCode.CleartextPassword }, done: false };
      }
      if (method === "md5" && credential?.kind === "md5") {
        state = "md5";
        md5Salt = randomBytes(4);
        return { send: { code: AuthCode.MD5Password, salt: md5Salt }, done: false };
      }
      state = "sasl-initial";
      return { send: { code: AuthCode.SASL, mechanisms: [SCRAM_MECHANISM] }, done: false };
    },
    receive(body: Buffer): AuthStep {
      try {
        return receive(body);
      } catch (e) {
        if (state !== "done") state = "failed";
        throw e;
      }
    },
  };
}
