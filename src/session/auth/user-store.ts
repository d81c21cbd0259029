/**
 * Where passwords come from: a users file and/or a single fallback password.
 *
 * Users file format: UTF-8 text (a leading byte order mark is ignored), one user per line:
 *
 *     name:secret
 *
 * The name is everything before the first ":" (so a name cannot contain ":"), the secret is
 * everything after it, taken verbatim (spaces included; a trailing "\r" is dropped). The secret is
 * any form parseSecret() accepts:
 *
 *     alice:SCRAM-SHA-256$4096:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>
 *     bob:md5<32 lowercase hex digits, md5(password || "bob")>
 *     carol:a plaintext password
 *
 * Blank lines and lines whose first non-blank character is "#" are ignored. An empty name, an
 * empty secret, a secret that starts like a SCRAM verifier but does not parse, a duplicate name
 * and a line without ":" are errors that name the file and the line.
 *
 * The fallback password (`--password`) applies to every user name the file does not list. It may
 * be plaintext or a SCRAM verifier, but not an md5 hash, which is only valid for one user name.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Credential, parseSecret } from "./credentials.js";

export interface UserStore {
  /** Whether any password source (a users file or a fallback password) is configured. */
  readonly hasUsers: boolean;
  /**
   * A server secret from which mock SCRAM salts are derived for users without a usable SCRAM
   * secret, like the mock authentication nonce PostgreSQL keeps in pg_control.
   */
  readonly mockNonce: Buffer;
  lookup(user: string): Credential | undefined;
}

/** A malformed users file, reported at startup. */
export class UsersFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = "UsersFileError";
  }
}

const SCRAM_PREFIX = "SCRAM-SHA-256$";

/** Parses the text of a users file; `file` is only used in error messages. */
export function parseUsersFile(text: string, file: string): Map<string, Credential> {
  const users = new Map<string, Credential>();
  const firstLine = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const fail = (reason: string) => new UsersFileError(file, lineNo, reason);
    const colon = line.indexOf(":");
    if (colon < 0) throw fail('expected "name:secret"');
    const name = line.slice(0, colon);
    const secret = line.slice(colon + 1);
    if (name === "") throw fail("empty user name");
    if (secret === "") throw fail(`empty password for user "${name}"`);
    const credential = parseSecret(secret);
    if (secret.startsWith(SCRAM_PREFIX) && credential.kind !== "scram")
      throw fail(`invalid SCRAM-SHA-256 verifier for user "${name}"`);
    const previous = firstLine.get(name);
    if (previous !== undefined) throw fail(`duplicate user "${name}" (first defined on line ${previous})`);
    firstLine.set(name, lineNo);
    users.set(name, credential);
  });
  return users;
}

/** Parses the fallback password, which applies to any user name. */
export function parseFallbackPassword(password: string): Credential {
  if (password === "") throw new Error("--password must not be empty");
  const credential = parseSecret(password);
  if (credential.kind === "md5")
    throw new Error("--password cannot be an md5 hash: an md5 hash is only valid for one user name");
  if (password.startsWith(SCRAM_PREFIX) && credential.kind !== "scram")
    throw new Error("--password is not a valid SCRAM-SHA-256 verifier");
  return credential;
}

export function createUserStore(
  users: ReadonlyMap<string, Credential>,
  fallback: Credential | undefined,
  options: { configured?: boolean; mockNonce?: Buffer } = {},
): UserStore {
  const { configured = users.size > 0 || fallback !== undefined, mockNonce = randomBytes(32) } = options;
  return {
    hasUsers: configured,
    mockNonce,
    lookup: (user) => users.get(user) ?? fallback,
  };
}

function readUsersFile(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new Error(`could not read users file "${file}": ${(e as Error).message}`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`users file "${file}" is not valid UTF-8`);
  }
}

/**
 * Builds the store from the command-line options. With neither option, `hasUsers` is false and
 * every lookup is undefined. A users file that lists nobody still counts as configured.
 */
export function loadUserStore(options: {
  usersFile?: string;
  password?: string;
  mockNonce?: Buffer;
}): UserStore {
  const { usersFile, password, mockNonce } = options;
  const users = usersFile === undefined ? new Map() : parseUsersFile(readUsersFile(usersFile), usersFile);
  const fallback = password === undefined ? undefined : parseFallbackPassword(password);
  return createUserStore(users, fallback, {
    configured: usersFile !== undefined || password !== undefined,
    ...(mockNonce ? { mockNonce } : {}),
  });
}
