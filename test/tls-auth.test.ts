import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./support/server.js";

function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, "server.crt");
  const key = join(dir, "server.key");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
    ],
    {
      stdio: "ignore",
    },
  );
  return { cert, key };
}

describe("TLS", () => {
  let server: TestServer;
  let certs: { cert: string; key: string };
  beforeAll(async () => {
    certs = selfSignedCertificate(mkdtempSync(join(tmpdir(), "tenantgres-tls-")));
    server = await startServer(["--tls-cert", certs.cert, "--tls-key", certs.key]);
  });
  afterAll(async () => {
    await server.stop();
  });

  it("serves node-postgres with ssl", async () => {
    const c = new pg.Client({
      host: server.host,
      port: server.port,
      user: "u",
      database: "tls",
      ssl: { rejectUnauthorized: false },
    });
    await c.connect();
    const r = await c.query("SELECT 'secure' AS s");
    expect(r.rows).toEqual([{ s: "secure" }]);
    const ssl = await c.query(
      "SELECT ssl, version, cipher, bits FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
    );
    expect(ssl.rows).toEqual([
      { ssl: true, version: expect.stringMatching(/^TLSv1\.[23]$/), cipher: expect.any(String), bits: 256 },
    ]);
    expect(
      (c as unknown as { connection: { stream: { encrypted?: boolean } } }).connection.stream.encrypted,
    ).toBe(true);
    await c.end();
  });

  it("serves psql in sslmode=require", () => {
    const r = spawnSync("psql", [
      `host=127.0.0.1 port=${server.port} user=u dbname=tls sslmode=require`,
      "-X",
      "-c",
      "\\conninfo",
      "-c",
      "SELECT 42 AS answer",
    ]);
    expect(r.stderr.toString()).toBe("");
    expect(r.stdout.toString()).toMatch(/SSL connection \(protocol: TLSv1\.[23]/);
    expect(r.stdout.toString()).toContain("42");
  });

  it("still serves clients that do not ask for TLS", async () => {
    const c = new pg.Client({ host: server.host, port: server.port, user: "u", database: "tls" });
    await c.connect();
    expect((await c.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await c.end();
  });

  it("answers N to SSLRequest when TLS is not configured", async () => {
    const plain = await startServer();
    const r = spawnSync("psql", [
      `host=127.0.0.1 port=${plain.port} user=u dbname=x sslmode=require`,
      "-X",
      "-c",
      "SELECT 1",
    ]);
    expect(r.status).not.toBe(0);
    expect(r.stderr.toString()).toContain("server does not support SSL");
    const prefer = spawnSync("psql", [
      `host=127.0.0.1 port=${plain.port} user=u dbname=x sslmode=prefer`,
      "-X",
      "-Atc",
      "SELECT 1",
    ]);
    expect(prefer.stdout.toString().trim()).toBe("1");
    await plain.stop();
  });
});

describe("password authentication", () => {
  let server: TestServer;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "tenantgres-users-"));
    const users = join(dir, "users");
    const verifier = execFileSync(process.execPath, ["dist/cli.js", "hash-password"], { input: "s3cret\n" })
      .toString()
      .trim();
    writeFileSync(users, `# test users\nalice:${verifier}\nbob:plain-password\n`);
    expect(readFileSync(users, "utf8")).toContain("SCRAM-SHA-256$4096:");
    server = await startServer(["--users-file", users]);
  });
  afterAll(async () => {
    await server.stop();
  });

  const connect = (user: string, password: string) => {
    const c = new pg.Client({ host: server.host, port: server.port, user, password, database: "auth" });
    return c.connect().then(
      async () => {
        const r = await c.query("SELECT current_user AS u");
        await c.end();
        return r.rows[0].u as string;
      },
      (e: pg.DatabaseError) => e,
    );
  };

  it("accepts SCRAM-SHA-256 with the right password", async () => {
    expect(await connect("alice", "s3cret")).toBe("alice");
    expect(await connect("bob", "plain-password")).toBe("bob");
  });

  it("refuses wrong passwords and unknown users alike with 28P01", async () => {
    for (const [user, password] of [
      ["alice", "wrong"],
      ["mallory", "s3cret"],
    ]) {
      const e = await connect(user!, password!);
      expect(e).toMatchObject({
        code: "28P01",
        message: `password authentication failed for user "${user}"`,
      });
    }
  });

  it("works with psql and PGPASSWORD", () => {
    const ok = spawnSync(
      "psql",
      ["-h", "127.0.0.1", "-p", String(server.port), "-U", "alice", "-d", "auth", "-X", "-Atc", "SELECT 7"],
      {
        env: { ...process.env, PGPASSWORD: "s3cret" },
      },
    );
    expect(ok.stdout.toString().trim()).toBe("7");
    const bad = spawnSync(
      "psql",
      ["-h", "127.0.0.1", "-p", String(server.port), "-U", "alice", "-d", "auth", "-X", "-Atc", "SELECT 7"],
      {
        env: { ...process.env, PGPASSWORD: "nope" },
      },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr.toString()).toContain('password authentication failed for user "alice"');
  });

  it("supports md5 and cleartext for old clients", async () => {
    for (const method of ["md5", "password"]) {
      const s = await startServer(["--password", "pw", "--auth", method]);
      const c = new pg.Client({
        host: s.host,
        port: s.port,
        user: "anyone",
        password: "pw",
        database: "auth",
      });
      await c.connect();
      expect((await c.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      await c.end();
      const bad = new pg.Client({
        host: s.host,
        port: s.port,
        user: "anyone",
        password: "x",
        database: "auth",
      });
      await expect(bad.connect()).rejects.toMatchObject({ code: "28P01" });
      await s.stop();
    }
  });
});

describe("start-up safety", () => {
  it("refuses trust authentication on a non-loopback address", () => {
    const r = spawnSync(process.execPath, [
      "dist/cli.js",
      "--host",
      "0.0.0.0",
      "--port",
      "0",
      "--data-dir",
      mkdtempSync(join(tmpdir(), "tg-")),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toContain("trust authentication is allowed only on loopback addresses");
  });

  it("lists every option in --help", () => {
    const help = execFileSync(process.execPath, ["dist/cli.js", "--help"]).toString();
    for (const opt of [
      "--host",
      "--port",
      "--data-dir",
      "--auth",
      "--users-file",
      "--password",
      "--insecure-trust",
      "--tls-cert",
      "--tls-key",
      "--no-auto-create",
      "--max-connections",
      "--max-message-size",
      "--max-open-tenants",
      "--durability",
    ]) {
      expect(help).toContain(opt);
    }
    expect(help).toContain("TENANTGRES_PORT");
  });
});
