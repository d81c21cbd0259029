/**
 * The server side of a SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) with PostgreSQL's rules and
 * error wording (src/backend/libpq/auth-scram.c). No channel binding: SCRAM-SHA-256-PLUS is never
 * advertised, so the client's gs2 flag must be "n" or "y".
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { PgError } from "../../errors/pg-error.js";
import {
  decodeBase64,
  SCRAM_DEFAULT_ITERATIONS,
  SCRAM_KEY_LENGTH,
  SCRAM_SALT_LENGTH,
  type ScramSecret,
} from "./credentials.js";

export const SCRAM_MECHANISM = "SCRAM-SHA-256";

/** Raw bytes of the server nonce, sent base64-encoded (SCRAM_RAW_NONCE_LEN). */
const SERVER_NONCE_LENGTH = 18;

export type ScramResult =
  | { status: "continue"; data: Buffer }
  | { status: "success"; data: Buffer }
  | { status: "failure" };

const fatal = { severity: "FATAL" } as const;

function malformed(detail: string): PgError {
  return new PgError("PROTOCOL_VIOLATION", "malformed SCRAM message", { ...fatal, detail });
}

/** A byte for an error message: printable ASCII quoted, anything else (or end of input) in hex. */
function sanitizeChar(c: string): string {
  const code = c === "" ? 0 : c.charCodeAt(0);
  return code >= 0x21 && code <= 0x7e ? `'${c}'` : `0x${code.toString(16).padStart(2, "0")}`;
}

/** Reads comma-separated `x=value` attributes from a message held as a latin1 (byte) string. */
class AttrReader {
  pos = 0;
  constructor(readonly text: string) {}

  peek(): string {
    return this.text.charAt(this.pos);
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private value(attr: string): string {
    if (this.text.charAt(this.pos + 1) !== "=")
      throw malformed(`Expected character "=" for attribute "${attr}".`);
    const start = this.pos + 2;
    const comma = this.text.indexOf(",", start);
    const end = comma < 0 ? this.text.length : comma;
    this.pos = comma < 0 ? end : end + 1;
    return this.text.slice(start, end);
  }

  /** read_attr_value: the named attribute must come next. */
  expect(attr: string): string {
    const c = this.peek();
    if (c !== attr) throw malformed(`Expected attribute "${attr}" but found "${sanitizeChar(c)}".`);
    return this.value(attr);
  }

  /** read_any_attr: any `ALPHA=value` attribute. */
  any(): [string, string] {
    const c = this.peek();
    if (c === "") throw malformed("Attribute expected, but found end of string.");
    if (!/^[A-Za-z]$/.test(c))
      throw malformed(`Attribute expected, but found invalid character "${sanitizeChar(c)}".`);
    return [c, this.value(c)];
  }
}

/** RFC 5802 "printable": %x21-2B / %x2D-7E. */
const PRINTABLE = /^[\x21-\x2b\x2d-\x7e]*$/;

/** The mock salt for a user: SHA-256(user name || server nonce), truncated (scram_mock_salt). */
export function mockSalt(user: string, mockNonce: Uint8Array): string {
  const digest = createHash("sha256").update(user, "utf8").update(mockNonce).digest();
  return digest.subarray(0, SCRAM_SALT_LENGTH).toString("base64");
}

/**
 * A mock secret for a user without a usable SCRAM secret: the exchange runs as usual and fails only
 * at the end, so a client cannot tell whether the user exists (mock_scram_secret).
 */
export function mockScramSecret(user: string, mockNonce: Uint8Array): ScramSecret {
  return {
    iterations: SCRAM_DEFAULT_ITERATIONS,
    salt: mockSalt(user, mockNonce),
    storedKey: Buffer.alloc(SCRAM_KEY_LENGTH),
    serverKey: Buffer.alloc(SCRAM_KEY_LENGTH),
  };
}

export class ScramExchange {
  private state: "init" | "salt-sent" | "finished" = "init";
  private cbindFlag = "";
  private clientFirstBare = "";
  private clientNonce = "";
  private serverNonce = "";
  private serverFirst = "";

  /** `doomed`: fail after the final message whatever the proof (mock authentication). */
  constructor(
    private readonly secret: ScramSecret,
    private readonly doomed: boolean,
  ) {}

  /**
   * Consumes one client message. `null` is a SASLInitialResponse without an initial response: the
   * server answers with an empty challenge and the client sends client-first-message next.
   */
  exchange(input: Buffer | null): ScramResult {
    if (input === null && this.state === "init") return { status: "continue", data: Buffer.alloc(0) };
    if (input === null || input.length === 0) throw malformed("The message is empty.");
    if (input.includes(0)) throw malformed("Message length does not match input length.");
    const text = input.toString("latin1");
    if (this.state === "init") {
      this.readClientFirst(text);
      this.serverNonce = randomBytes(SERVER_NONCE_LENGTH).toString("base64");
      const { salt, iterations } = this.secret;
      this.serverFirst = `r=${this.clientNonce}${this.serverNonce},s=${salt},i=${iterations}`;
      this.state = "salt-sent";
      return { status: "continue", data: Buffer.from(this.serverFirst, "latin1") };
    }
    if (this.state !== "salt-sent") throw new Error("invalid SCRAM exchange state");
    const { nonce, proof, withoutProof } = this.readClientFinal(text);
    if (nonce !== this.clientNonce + this.serverNonce)
      throw new PgError("PROTOCOL_VIOLATION", "invalid SCRAM response", {
        ...fatal,
        detail: "Nonce does not match.",
      });
    this.state = "finished";
    const authMessage = Buffer.from(`${this.clientFirstBare},${this.serverFirst},${withoutProof}`, "latin1");
    // The proof is checked even when doomed, so that the timing does not reveal a mock exchange.
    const proofOk = this.verifyProof(authMessage, proof);
    if (!proofOk || this.doomed) return { status: "failure" };
    const signature = createHmac("sha256", this.secret.serverKey).update(authMessage).digest();
    return { status: "success", data: Buffer.from(`v=${signature.toString("base64")}`, "latin1") };
  }

  /** ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage); it must hash to StoredKey. */
  private verifyProof(authMessage: Buffer, proof: Buffer): boolean {
    const signature = createHmac("sha256", this.secret.storedKey).update(authMessage).digest();
    const clientKey = Buffer.alloc(SCRAM_KEY_LENGTH);
    for (let i = 0; i < SCRAM_KEY_LENGTH; i++) clientKey[i] = proof[i]! ^ signature[i]!;
    return timingSafeEqual(createHash("sha256").update(clientKey).digest(), this.secret.storedKey);
  }

  /** client-first-message = gs2-header client-first-message-bare, e.g. "n,,n=,r=<nonce>". */
  private readClientFirst(text: string): void {
    const r = new AttrReader(text);
    const flag = r.peek();
    switch (flag) {
      case "n":
      case "y": // the client supports channel binding but thinks the server does not: true here
        r.pos++;
        if (r.peek() !== ",")
          throw malformed(`Comma expected, but found character "${sanitizeChar(r.peek())}".`);
        r.pos++;
        break;
      case "p":
        throw malformed(
          "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding data.",
        );
      default:
        throw malformed(`Unexpected channel-binding flag "${sanitizeChar(flag)}".`);
    }
    this.cbindFlag = flag;
    if (r.peek() === "a")
      throw new PgError(
        "FEATURE_NOT_SUPPORTED",
        "client uses authorization identity, but it is not supported",
        fatal,
      );
    if (r.peek() !== ",")
      throw malformed(`Unexpected attribute "${sanitizeChar(r.peek())}" in client-first-message.`);
    r.pos++;
    this.clientFirstBare = text.slice(r.pos);
    if (r.peek() === "m")
      throw new PgError("FEATURE_NOT_SUPPORTED", "client requires an unsupported SCRAM extension", fatal);
    // The user name in the message is ignored: the startup packet's user name is used.
    r.expect("n");
    this.clientNonce = r.expect("r");
    if (!PRINTABLE.test(this.clientNonce))
      throw new PgError("PROTOCOL_VIOLATION", "non-printable characters in SCRAM nonce", fatal);
    while (!r.atEnd()) r.any(); // optional extensions, ignored
  }

  /** client-final-message = "c=" cbind "," "r=" nonce ["," extensions] "," "p=" proof. */
  private readClientFinal(text: string): { nonce: string; proof: Buffer; withoutProof: string } {
    const r = new AttrReader(text);
    const binding = r.expect("c");
    // Without channel binding, c= repeats the gs2 header: "biws" is "n,,", "eSws" is "y,,".
    if (!(binding === "biws" && this.cbindFlag === "n") && !(binding === "eSws" && this.cbindFlag === "y"))
      throw new PgError(
        "PROTOCOL_VIOLATION",
        "unexpected SCRAM channel-binding attribute in client-final-message",
        fatal,
      );
    const nonce = r.expect("r");
    let proofStart: number;
    let attr: string;
    let value: string;
    do {
      proofStart = r.pos - 1; // the comma before the attribute
      [attr, value] = r.any();
    } while (attr !== "p");
    const proof = decodeBase64(value);
    if (proof?.length !== SCRAM_KEY_LENGTH) throw malformed("Malformed proof in client-final-message.");
    if (!r.atEnd()) throw malformed("Garbage found at the end of client-final-message.");
    return { nonce, proof, withoutProof: text.slice(0, proofStart) };
  }
}
