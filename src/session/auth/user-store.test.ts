import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { md5Secret, scramVerifier } from "./credentials.js";
import { createUserStore, loadUserStore, parseUsersFile, UsersFileError } from "./user-store.js";

const dir = mkdtempSync(join(tmpdir(), "tenantgres-users-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeUsers(name: string, text: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function fileError(text: string): { line: number; message: string } {
  try {
    parseUsersFile(text, "users.txt");
  } catch (e) {
    expect(e).toBeInstanceOf(UsersFileError);
    const err = e as UsersFileError;
    expect(err.file).toBe("users.txt");
    return { line: err.line, message: err.message };
  }
  throw new Error("expected a UsersFileError");
}

describe("parseUsersFile", () => {
  const verifier = scramVerifier("alice-pw", { salt: Buffer.alloc(16, 3) });
  const md5 = md5Secret("bob-pw", "bob");

  it("reads the three secret forms, skipping comments and blank lines", () => {
    const text = `# users\n\nalice:${verifier}\r\n  # indented comment\nbob:${md5}\ncarol:pass word: with colons \n`;
    const users = parseUsersFile(text, "users.txt");
    expect([...users.keys()]).toEqual(["alice", "bob", "carol"]);
    expect(users.get("alice")).toMatchObject({
      kind: "scram",
      iterations: 4096,
      salt: Buffer.alloc(16, 3).toString("base64"),
    });
    expect(users.get("bob")).toEqual({ kind: "md5", hash: md5 });
    expect(users.get("carol")).toEqual({ kind: "plain", password: Buffer.from("pass word: with colons ") });
  });

  it("ignores a byte order mark", () => {
    expect([...parseUsersFile("\uFEFFdave:pw\n", "f").keys()]).toEqual(["dave"]);
  });

  it("reports malformed lines with the file and line number", () => {
    expect(fileError("alice:x\nno colon here\n")).toEqual({
      line: 2,
      message: 'users.txt:2: expected "name:secret"',
    });
    expect(fileError("# c\n:pw")).toEqual({ line: 2, message: "users.txt:2: empty user name" });
    expect(fileError("\n\nbob:\n")).toEqual({
      line: 3,
      message: 'users.txt:3: empty password for user "bob"',
    });
    expect(fileError(`a:1\nb:2\na:3`)).toEqual({
      line: 3,
      message: 'users.txt:3: duplicate user "a" (first defined on line 1)',
    });
    expect(fileError("eve:SCRAM-SHA-256$4096:bad$x:y")).toEqual({
      line: 1,
      message: 'users.txt:1: invalid SCRAM-SHA-256 verifier for user "eve"',
    });
  });
});

describe("loadUserStore", () => {
  it("is unconfigured without a file or a password", () => {
    const store = loadUserStore({});
    expect(store.hasUsers).toBe(false);
    expect(store.lookup("anyone")).toBeUndefined();
    expect(store.mockNonce).toHaveLength(32);
  });

  it("looks users up in the file, and the fallback password for everyone else", () => {
    const file = writeUsers("users", "alice:alice-pw\n");
    const store = loadUserStore({ usersFile: file, password: "shared" });
    expect(store.hasUsers).toBe(true);
    expect(store.lookup("alice")).toEqual({ kind: "plain", password: Buffer.from("alice-pw") });
    expect(store.lookup("zed")).toEqual({ kind: "plain", password: Buffer.from("shared") });
  });

  it("without a fallback, unknown users have no credential", () => {
    const store = loadUserStore({ usersFile: writeUsers("only-alice", "alice:pw\n") });
    expect(store.lookup("alice")?.kind).toBe("plain");
    expect(store.lookup("bob")).toBeUndefined();
  });

  it("counts an empty users file as configured", () => {
    const store = loadUserStore({ usersFile: writeUsers("empty", "# nobody yet\n") });
    expect(store.hasUsers).toBe(true);
    expect(store.lookup("alice")).toBeUndefined();
  });

  it("accepts a SCRAM verifier as the fallback password but not an md5 hash", () => {
    const verifier = scramVerifier("pw");
    expect(loadUserStore({ password: verifier }).lookup("x")?.kind).toBe("scram");
    expect(() => loadUserStore({ password: md5Secret("pw", "x") })).toThrow(
      "--password cannot be an md5 hash: an md5 hash is only valid for one user name",
    );
    expect(() => loadUserStore({ password: "" })).toThrow("--password must not be empty");
    expect(() => loadUserStore({ password: "SCRAM-SHA-256$1:x$y:z" })).toThrow(
      "--password is not a valid SCRAM-SHA-256 verifier",
    );
  });

  it("reports unreadable and non-UTF-8 files by name", () => {
    const missing = join(dir, "missing");
    expect(() => loadUserStore({ usersFile: missing })).toThrow(
      `could not read users file "${missing}": ENOENT`,
    );
    const latin1 = writeUsers("latin1", Buffer.from([0x62, 0x3a, 0xe9, 0x0a]));
    expect(() => loadUserStore({ usersFile: latin1 })).toThrow(`users file "${latin1}" is not valid UTF-8`);
  });

  it("reports the file name and line of a malformed line", () => {
    const file = writeUsers("bad", "alice:pw\n\nbroken\n");
    expect(() => loadUserStore({ usersFile: file })).toThrow(`${file}:3: expected "name:secret"`);
  });

  it("keeps a given mock nonce", () => {
    const nonce = Buffer.alloc(32, 9);
    expect(loadUserStore({ password: "pw", mockNonce: nonce }).mockNonce).toBe(nonce);
    expect(createUserStore(new Map(), undefined).hasUsers).toBe(false);
  });
});
