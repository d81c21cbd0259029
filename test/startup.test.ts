import { Socket } from "node:net";
import { serialize } from "pg-protocol";
import { Parser } from "pg-protocol/dist/parser.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REFERENCE } from "./support/reference.js";
import { startServer, type TestServer } from "./support/server.js";

interface Startup {
  messages: Record<string, unknown>[];
  raw: Buffer;
}

/** Sends a startup packet (optionally preceded by other requests) and collects the answer until ReadyForQuery or close. */
function startup(port: number, packets: Buffer[]): Promise<Startup> {
  return new Promise((resolve, reject) => {
    const s = new Socket();
    const chunks: Buffer[] = [];
    const finish = () => {
      const raw = Buffer.concat(chunks);
      const messages: Record<string, unknown>[] = [];
      // A single-byte answer to SSLRequest/GSSENCRequest precedes the messages.
      let body = raw;
      while (
        body.length > 0 &&
        (body[0] === 0x4e || body[0] === 0x53) &&
        (body.length === 1 || body[1] !== 0)
      )
        body = body.subarray(1);
      new Parser().parse(body, (m) => messages.push(m as unknown as Record<string, unknown>));
      resolve({ messages, raw });
      s.destroy();
    };
    s.on("data", (d) => {
      chunks.push(d);
      const all = Buffer.concat(chunks);
      if (all.length >= 6 && all[all.length - 6] === 0x5a) finish();
    });
    s.on("close", finish);
    s.on("error", reject);
    s.connect(port, "127.0.0.1", () => {
      for (const p of packets) s.write(p);
    });
  });
}

function protocolStartup(major: number, minor: number, params: Record<string, string>): Buffer {
  const pairs = Object.entries(params).flatMap(([k, v]) => [Buffer.from(`${k}\0${v}\0`)]);
  const body = Buffer.concat([Buffer.from([0, 0, 0, 0]), ...pairs, Buffer.from([0])]);
  body.writeInt16BE(major, 0);
  body.writeInt16BE(minor, 2);
  const len = Buffer.alloc(4);
  len.writeInt32BE(body.length + 4);
  return Buffer.concat([len, body]);
}

function request(code: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeInt32BE(8, 0);
  b.writeInt32BE(code, 4);
  return b;
}

const STABLE = [
  "client_encoding",
  "DateStyle",
  "IntervalStyle",
  "integer_datetimes",
  "is_superuser",
  "server_encoding",
  "session_authorization",
  "standard_conforming_strings",
  "application_name",
  "default_transaction_read_only",
  "in_hot_standby",
];

function statuses(r: Startup): Map<string, string> {
  return new Map(
    r.messages
      .filter((m) => m.name === "parameterStatus")
      .map((m) => [m.parameterName as string, m.parameterValue as string]),
  );
}

describe("startup", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("reports the same parameters as PostgreSQL, with a tenantgres server_version", async () => {
    const params = { user: "postgres", database: "postgres", application_name: "startup-test" };
    const theirs = statuses(await startup(REFERENCE.port, [serialize.startup(params)]));
    const ours = statuses(await startup(server.port, [serialize.startup(params)]));
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const name of STABLE) expect([name, ours.get(name)]).toEqual([name, theirs.get(name)]);
    expect(ours.get("server_version")).toMatch(/^15\.\d+ \(tenantgres \d+\.\d+\.\d+\)$/);
  });

  it("sends BackendKeyData and ReadyForQuery(I) after AuthenticationOk", async () => {
    const r = await startup(server.port, [serialize.startup({ user: "u", database: "x" })]);
    const names = r.messages.map((m) => m.name);
    expect(names[0]).toBe("authenticationOk");
    expect(names.at(-2)).toBe("backendKeyData");
    expect(r.messages.at(-1)).toMatchObject({ name: "readyForQuery", status: "I" });
  });

  it("serves queries sent in the same packet as the startup message, as PostgreSQL does", async () => {
    const run = (port: number, user: string) =>
      new Promise<string[]>((resolve, reject) => {
        const s = new Socket();
        const parser = new Parser();
        const seen: string[] = [];
        s.on("data", (d) =>
          parser.parse(d, (m) => {
            const x = m as unknown as { name: string; fields?: unknown[]; text?: string };
            if (x.name === "dataRow") seen.push(`row ${JSON.stringify(x.fields)}`);
            else if (x.name === "commandComplete") seen.push(`complete ${x.text}`);
            else if (x.name === "readyForQuery") seen.push("ready");
            if (seen.filter((n) => n === "ready").length === 3) {
              s.destroy();
              resolve(seen);
            }
          }),
        );
        s.on("error", reject);
        s.connect(port, "127.0.0.1", () =>
          s.write(
            Buffer.concat([
              serialize.startup({ user, database: "postgres" }),
              serialize.query("SELECT 41 + 1 AS answer"),
              serialize.query("SELECT 'two' AS second"),
            ]),
          ),
        );
      });
    const ours = await run(server.port, "u");
    expect(ours).toEqual(await run(REFERENCE.port, REFERENCE.user));
    expect(ours).toEqual([
      "ready",
      'row ["42"]',
      "complete SELECT 1",
      "ready",
      'row ["two"]',
      "complete SELECT 1",
      "ready",
    ]);
  });

  it("answers N to SSLRequest and GSSENCRequest without TLS, then serves the startup", async () => {
    for (const code of [80877103, 80877104]) {
      const r = await startup(server.port, [request(code), serialize.startup({ user: "u", database: "x" })]);
      expect(r.raw.subarray(0, 1).toString()).toBe("N");
      expect(r.messages.at(-1)).toMatchObject({ name: "readyForQuery", status: "I" });
    }
  });

  it("negotiates protocol 3.0 when a client asks for 3.1 with options, as PostgreSQL does", async () => {
    const packet = protocolStartup(3, 1, {
      user: "postgres",
      database: "postgres",
      _pq_: "x",
      "_pq_.test": "1",
    });
    const theirs = await startup(REFERENCE.port, [packet]);
    const ours = await startup(server.port, [packet]);
    expect(ours.raw.subarray(0, 1).toString()).toBe("v");
    const nego = (r: Startup) => {
      const len = r.raw.readInt32BE(1);
      return r.raw.subarray(0, len + 1).toString("latin1");
    };
    expect(nego(ours)).toBe(nego(theirs));
  });

  it("refuses protocol version 2", async () => {
    const r = await startup(server.port, [protocolStartup(2, 0, { user: "u" })]);
    expect(r.messages[0]).toMatchObject({ name: "error", code: "08P01" });
  });

  it("applies settings from the startup packet and its options", async () => {
    const r = await startup(server.port, [
      serialize.startup({
        user: "u",
        database: "x",
        options: "-c TimeZone=Europe/Berlin --DateStyle=SQL,DMY",
      }),
    ]);
    const s = statuses(r);
    expect(s.get("TimeZone")).toBe("Europe/Berlin");
    expect(s.get("DateStyle")).toBe("SQL, DMY");
  });

  it("ends the connection silently after a CancelRequest", async () => {
    const cancel = Buffer.alloc(16);
    cancel.writeInt32BE(16, 0);
    cancel.writeInt32BE(80877102, 4);
    cancel.writeInt32BE(1, 8);
    cancel.writeInt32BE(2, 12);
    const r = await startup(server.port, [cancel]);
    expect(r.raw.length).toBe(0);
  });
});
