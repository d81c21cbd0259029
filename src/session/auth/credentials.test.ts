import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  constantTimeEqual,
  md5Secret,
  parseScramSecret,
  parseSecret,
  scramSecret,
  scramVerifier,
  verifyPassword,
} from "./credentials.js";
import { saslprep } from "./saslprep.js";

const REFERENCE_URL = process.env.TENANTGRES_REFERENCE_URL ?? "postgres://postgres@127.0.0.1:55432/postgres";

const KEY_A = Buffer.alloc(32, 0xaa).toString("base64");
const KEY_B = Buffer.alloc(32, 0xbb).toString("base64");

describe("parseSecret", () => {
  it("recognises an md5 hash (lowercase hex only, as get_password_type does)", () => {
    const hash = `md5${"0123456789abcdef".repeat(2)}`;
    expect(parseSecret(hash)).toEqual({ kind: "md5", hash });
    expect(parseSecret(hash.toUpperCase().replace("MD5", "md5"))).toEqual({
      kind: "plain",
      password: Buffer.from(hash.toUpperCase().replace("MD5", "md5")),
    });
    expect(parseSecret(`${hash}0`).kind).toBe("plain");
  });

  it("recognises a SCRAM-SHA-256 verifier", () => {
    expect(parseSecret(`SCRAM-SHA-256$4096:c2FsdA==$${KEY_A}:${KEY_B}`)).toEqual({
      kind: "scram",
      iterations: 4096,
      salt: "c2FsdA==",
      storedKey: Buffer.alloc(32, 0xaa),
      serverKey: Buffer.alloc(32, 0xbb),
    });
  });

  it("treats anything else as a plaintext password", () => {
    expect(parseSecret("hunter2")).toEqual({ kind: "plain", password: Buffer.from("hunter2") });
    expect(parseSecret("pässwörd")).toEqual({ kind: "plain", password: Buffer.from("pässwörd", "utf8") });
  });

  it("rejects malformed SCRAM verifiers (then they are plaintext)", () => {
    const short = Buffer.alloc(31).toString("base64");
    for (const bad of [
      `SCRAM-SHA-256$4096:c2FsdA==$${short}:${KEY_B}`, // StoredKey not 32 bytes
      `SCRAM-SHA-256$4096:c2FsdA=$${KEY_A}:${KEY_B}`, // salt not base64
      `SCRAM-SHA-256$0:c2FsdA==$${KEY_A}:${KEY_B}`, // no iterations
      `SCRAM-SHA-1$4096:c2FsdA==$${KEY_A}:${KEY_B}`,
      `SCRAM-SHA-256$4096:c2FsdA==$${KEY_A}`,
    ]) {
      expect(parseScramSecret(bad)).toBeUndefined();
      expect(parseSecret(bad).kind).toBe("plain");
    }
  });
});

describe("saslprep", () => {
  const prep = (s: string) => saslprep(Buffer.from(s, "utf8")).toString("utf8");

  it("follows the RFC 4013 examples that PostgreSQL accepts", () => {
    expect(prep("I\u00ADX")).toBe("IX"); // soft hyphen mapped to nothing
    expect(prep("user")).toBe("user");
    expect(prep("\u00AA")).toBe("a"); // NFKC
    expect(prep("\u2168")).toBe("IX"); // NFKC
  });

  it("maps non-ASCII spaces to SPACE and drops zero-width characters", () => {
    expect(prep("a\u00A0b\u3000c")).toBe("a b c");
    expect(prep("\uFEFFab\u200Dc")).toBe("abc");
  });

  it("uses the raw bytes where PostgreSQL's SASLprep fails", () => {
    const invalidUtf8 = Buffer.from([0x70, 0xe9, 0x21]); // "pé!" in Latin-1
    expect(saslprep(invalidUtf8)).toEqual(invalidUtf8);
    expect(prep("\u00AD")).toBe("\u00AD"); // empty after mapping
    expect(prep("\u00AA\u0007")).toBe("\u00AA\u0007"); // prohibited control character
    expect(prep("\u0627\u0031")).toBe("\u0627\u0031"); // RandALCat must also end the string
    expect(prep("\u05D0\uFB01\u05D1")).toBe("\u05D0\uFB01\u05D1"); // RandALCat mixed with LCat
  });

  it("leaves pure ASCII alone, control characters included", () => {
    expect(prep("a\u0007b")).toBe("a\u0007b");
  });
});

describe("scramVerifier", () => {
  it("builds the pg_authid form from a given salt and iteration count", () => {
    const v = scramVerifier("pencil", {
      iterations: 4096,
      salt: Buffer.from("W22ZaJ0SNY7soEsUEjb6gQ==", "base64"),
    });
    expect(v).toMatch(
      /^SCRAM-SHA-256\$4096:W22ZaJ0SNY7soEsUEjb6gQ==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/,
    );
    expect(parseSecret(v).kind).toBe("scram");
  });

  it("uses 4096 iterations and a fresh 16-byte salt by default", () => {
    const a = scramSecret("pencil");
    const b = scramSecret("pencil");
    expect(a.iterations).toBe(4096);
    expect(Buffer.from(a.salt, "base64")).toHaveLength(16);
    expect(a.salt).not.toBe(b.salt);
    expect(a.storedKey.equals(b.storedKey)).toBe(false);
  });

  it("hashes the SASLprep form of the password", () => {
    const salt = Buffer.alloc(16, 1);
    expect(scramVerifier("\u2168", { salt })).toBe(scramVerifier("IX", { salt }));
    expect(scramVerifier("I\u00ADX", { salt })).toBe(scramVerifier("IX", { salt }));
  });
});

describe("verifyPassword", () => {
  const pw = Buffer.from("s3cret");
  it("checks a cleartext password against each stored form", () => {
    expect(verifyPassword(parseSecret("s3cret"), "bob", pw)).toBe(true);
    expect(verifyPassword(parseSecret(md5Secret("s3cret", "bob")), "bob", pw)).toBe(true);
    expect(verifyPassword(parseSecret(scramVerifier("s3cret")), "bob", pw)).toBe(true);
    expect(verifyPassword(parseSecret("s3cret!"), "bob", pw)).toBe(false);
    expect(verifyPassword(parseSecret(md5Secret("s3cret", "alice")), "bob", pw)).toBe(false);
    expect(verifyPassword(parseSecret(scramVerifier("S3cret")), "bob", pw)).toBe(false);
  });

  it("md5Secret is md5(password || user name)", () => {
    expect(md5Secret("a", "b")).toBe("md5187ef4436122d1cc2f40dc2b92f0eba0"); // md5("ab")
  });

  it("constantTimeEqual compares contents of any length", () => {
    expect(constantTimeEqual("abc", Buffer.from("abc"))).toBe(true);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });
});

describe("against the reference server", () => {
  let client: pg.Client;
  let created: string;

  const rolpassword = async (): Promise<string> => {
    const r = await client.query<{ rolpassword: string }>(
      "SELECT rolpassword FROM pg_authid WHERE rolname = 'tg_auth_probe'",
    );
    return r.rows[0]!.rolpassword;
  };
  const storedFor = async (encryption: "scram-sha-256" | "md5", password: string): Promise<string> => {
    await client.query(`SET password_encryption = '${encryption}'`);
    await client.query(`ALTER ROLE tg_auth_probe PASSWORD ${client.escapeLiteral(password)}`);
    return rolpassword();
  };
  const rebuild = (reference: string, password: string): string => {
    const parsed = parseScramSecret(reference);
    if (!parsed) throw new Error(`not a SCRAM verifier: ${reference}`);
    return scramVerifier(password, {
      iterations: parsed.iterations,
      salt: Buffer.from(parsed.salt, "base64"),
    });
  };

  beforeAll(async () => {
    client = new pg.Client(REFERENCE_URL);
    await client.connect();
    await client.query("DROP ROLE IF EXISTS tg_auth_probe");
    await client.query("SET password_encryption = 'scram-sha-256'");
    await client.query("CREATE ROLE tg_auth_probe PASSWORD 'secret'");
    created = await rolpassword();
  });

  afterAll(async () => {
    await client?.query("DROP ROLE IF EXISTS tg_auth_probe");
    await client?.end();
  });

  it("rebuilds the verifier of CREATE ROLE ... PASSWORD 'secret' exactly", () => {
    expect(created).toMatch(/^SCRAM-SHA-256\$4096:/);
    expect(rebuild(created, "secret")).toBe(created);
    expect(rebuild(created, "Secret")).not.toBe(created);
  });

  it.each([
    ["non-ASCII space", "pa\u00A0ss"],
    ["NFKC and mapped-to-nothing", "\uFB01n\u00ADe"],
    ["decomposed accent", "cafe\u0301"],
    ["roman numeral", "\u2168"],
    ["prohibited character: raw bytes", "\u00E9\u0007\u00AA"],
    ["right-to-left only", "\uFE8D\uFE8F"],
    ["bidi violation: raw bytes", "\uFE8D1"],
    ["bidi mixed with LCat: raw bytes", "\u05D0\uFB01\u05D1"],
    ["empty after mapping: raw bytes", "\u00AD\u200D"],
  ])("rebuilds the verifier for a password with %s", async (_, password) => {
    const reference = await storedFor("scram-sha-256", password);
    expect(rebuild(reference, password)).toBe(reference);
  });

  it("computes the md5 form as PostgreSQL does", async () => {
    expect(await storedFor("md5", "secret")).toBe(md5Secret("secret", "tg_auth_probe"));
    expect(await storedFor("md5", "päss")).toBe(md5Secret("päss", "tg_auth_probe"));
  });
});
