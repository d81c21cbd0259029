import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import { saslprep } from "./saslprep.js";

/** PostgreSQL's defaults (scram-common.h): 4096 iterations, a 16-byte salt, SHA-256 keys. */
export const SCRAM_DEFAULT_ITERATIONS = 4096;
export const SCRAM_SALT_LENGTH = 16;
export const SCRAM_KEY_LENGTH = 32;

/** A SCRAM-SHA-256 verifier: what the server keeps instead of the password (RFC 5802 section 3). */
export interface ScramSecret {
  iterations: number;
  /** Base64, exactly as stored and as sent to the client in server-first-message. */
  salt: string;
  storedKey: Buffer;
  serverKey: Buffer;
}

/** A user's stored secret, in one of the three forms pg_authid.rolpassword can take. */
export type Credential =
  | { kind: "plain"; password: Buffer }
  | { kind: "md5" /** "md5" followed by 32 lowercase hex digits. */; hash: string }
  | ({ kind: "scram" } & ScramSecret);

const MD5_SECRET = /^md5[0-9a-f]{32}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SCRAM_SECRET = /^SCRAM-SHA-256\$([0-9]+):([^$:]+)\$([^$:]+):([^$:]+)$/;

/** Strict base64 (padding required, no whitespace), or undefined. */
export function decodeBase64(text: string): Buffer | undefined {
  return BASE64.test(text) ? Buffer.from(text, "base64") : undefined;
}

/**
 * Parses `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (parse_scram_secret in
 * auth-scram.c): the salt must be base64 and both keys must decode to 32 bytes.
 */
export function parseScramSecret(text: string): ScramSecret | undefined {
  const m = SCRAM_SECRET.exec(text);
  if (!m) return undefined;
  const iterations = Number(m[1]);
  const salt = m[2]!;
  const storedKey = decodeBase64(m[3]!);
  const serverKey = decodeBase64(m[4]!);
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > 0x7fffffff) return undefined;
  if (!decodeBase64(salt) || storedKey?.length !== SCRAM_KEY_LENGTH || serverKey?.length !== SCRAM_KEY_LENGTH)
    return undefined;
  return { iterations, salt, storedKey, serverKey };
}

/**
 * Classifies a stored secret the way get_password_type() in crypt.c does: an md5 hash, a SCRAM
 * verifier, or else a plaintext password.
 */
export function parseSecret(text: string): Credential {
  if (MD5_SECRET.test(text)) return { kind: "md5", hash: text };
  const scram = parseScramSecret(text);
  if (scram) return { kind: "scram", ...scram };
  return { kind: "plain", password: Buffer.from(text, "utf8") };
}

function toBytes(password: string | Uint8Array): Buffer {
  return typeof password === "string" ? Buffer.from(password, "utf8") : Buffer.from(password);
}

/** StoredKey and ServerKey for a password (RFC 5802 section 3; Hi() is PBKDF2 with HMAC-SHA-256). */
export function scramKeys(
  password: string | Uint8Array,
  salt: Uint8Array,
  iterations: number,
): { storedKey: Buffer; serverKey: Buffer } {
  const salted = pbkdf2Sync(saslprep(toBytes(password)), salt, iterations, SCRAM_KEY_LENGTH, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  return {
    storedKey: createHash("sha256").update(clientKey).digest(),
    serverKey: createHmac("sha256", salted).update("Server Key").digest(),
  };
}

/** A SCRAM secret for a password: `salt` defaults to 16 random bytes. */
export function scramSecret(
  password: string | Uint8Array,
  options: { iterations?: number; salt?: Uint8Array } = {},
): ScramSecret {
  const { iterations = SCRAM_DEFAULT_ITERATIONS, salt = randomBytes(SCRAM_SALT_LENGTH) } = options;
  if (!Number.isSafeInteger(iterations) || iterations < 1)
    throw new RangeError("iterations must be positive");
  return { iterations, salt: Buffer.from(salt).toString("base64"), ...scramKeys(password, salt, iterations) };
}

export function formatScramSecret(s: ScramSecret): string {
  return `SCRAM-SHA-256$${s.iterations}:${s.salt}$${s.storedKey.toString("base64")}:${s.serverKey.toString("base64")}`;
}

/** The pg_authid form of a SCRAM-SHA-256 verifier, as `CREATE ROLE ... PASSWORD` stores it. */
export function scramVerifier(
  password: string | Uint8Array,
  options: { iterations?: number; salt?: Uint8Array } = {},
): string {
  return formatScramSecret(scramSecret(password, options));
}

/** The pg_authid md5 form: "md5" || md5(password || user name). */
export function md5Secret(password: string | Uint8Array, user: string): string {
  return `md5${createHash("md5").update(toBytes(password)).update(user, "utf8").digest("hex")}`;
}

/** Compares two byte strings without leaking where (or whether, by length) they differ. */
export function constantTimeEqual(a: Uint8Array | string, b: Uint8Array | string): boolean {
  const digest = (v: Uint8Array | string) => createHash("sha256").update(v).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Checks a cleartext password against any stored form (plain_crypt_verify in crypt.c): a SCRAM
 * verifier is checked by recomputing ServerKey from the password and the verifier's salt.
 */
export function verifyPassword(credential: Credential, user: string, password: Uint8Array): boolean {
  switch (credential.kind) {
    case "plain":
      return constantTimeEqual(password, credential.password);
    case "md5":
      return constantTimeEqual(md5Secret(password, user), credential.hash);
    case "scram": {
      const salt = Buffer.from(credential.salt, "base64");
      const { serverKey } = scramKeys(password, salt, credential.iterations);
      return constantTimeEqual(serverKey, credential.serverKey);
    }
  }
}
