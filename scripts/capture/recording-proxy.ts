import { createServer, type Server, Socket } from "node:net";

/**
 * A TCP proxy in front of PostgreSQL that decodes the frontend messages clients send and records
 * the SQL: Query ('Q') text, and for the extended protocol each Bind ('B') with the text of the
 * statement it binds, its parameter values and the parameter types given in Parse ('P') or, when
 * Parse left them to the server, reported in ParameterDescription ('t').
 *
 * Frontend framing (protocol-message-formats): the first message has no type byte (Int32 length,
 * Int32 code: 196608 StartupMessage, 80877103 SSLRequest, 80877104 GSSENCRequest, 80877102
 * CancelRequest); every later one is Byte1 type, Int32 length (including itself), body.
 */
export interface Recorded {
  sql: string;
  params?: (string | null)[];
  paramTypes?: number[];
  /** Set when a parameter was sent in binary and could not be decoded. */
  undecodable?: boolean;
}

interface Prepared {
  sql: string;
  /** As the client gave them in Parse: what a replay sends. */
  parseTypes: number[];
  /** With the server's ParameterDescription filled in: what binary values are decoded as. */
  types: number[];
}

class Reader {
  private at = 0;
  constructor(private readonly b: Buffer) {}
  int16(): number {
    const v = this.b.readInt16BE(this.at);
    this.at += 2;
    return v;
  }
  int32(): number {
    const v = this.b.readInt32BE(this.at);
    this.at += 4;
    return v;
  }
  cstring(): string {
    const end = this.b.indexOf(0, this.at);
    const s = this.b.toString("utf8", this.at, end);
    this.at = end + 1;
    return s;
  }
  bytes(n: number): Buffer {
    const v = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
}

const ARRAY_ELEMENT: Record<number, number> = { 1028: 26, 1007: 23, 1016: 20, 1005: 21, 1009: 25, 1003: 19 };

/** Binary parameter values of the few types clients bind in introspection queries. */
function decodeBinary(type: number, v: Buffer): string | undefined {
  switch (type) {
    case 16:
      return v[0] ? "t" : "f";
    case 21:
      return String(v.readInt16BE(0));
    case 23:
    case 26:
      return type === 26 ? String(v.readUInt32BE(0)) : String(v.readInt32BE(0));
    case 20:
      return String(v.readBigInt64BE(0));
    case 19:
    case 25:
    case 1043:
    case 1042:
      return v.toString("utf8");
  }
  const element = ARRAY_ELEMENT[type];
  if (element === undefined) return undefined;
  const r = new Reader(v);
  const dims = r.int32();
  r.int32();
  r.int32();
  if (dims === 0) return "{}";
  if (dims !== 1) return undefined;
  const n = r.int32();
  r.int32();
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = r.int32();
    if (len < 0) {
      items.push("NULL");
      continue;
    }
    const s = decodeBinary(element, r.bytes(len));
    if (s === undefined) return undefined;
    items.push(element === 25 || element === 19 ? `"${s.replace(/["\\]/g, "\\$&")}"` : s);
  }
  return `{${items.join(",")}}`;
}

/** One client connection: frontend decoding plus the ParameterDescriptions coming back. */
class Connection {
  private front = Buffer.alloc(0);
  private back = Buffer.alloc(0);
  private started = false;
  private readonly statements = new Map<string, Prepared>();
  private readonly describing: string[] = [];

  constructor(private readonly record: (r: Recorded) => void) {}

  fromClient(chunk: Buffer): void {
    this.front = Buffer.concat([this.front, chunk]);
    for (;;) {
      if (!this.started) {
        if (this.front.length < 8) return;
        const len = this.front.readInt32BE(0);
        if (this.front.length < len) return;
        const code = this.front.readInt32BE(4);
        this.front = this.front.subarray(len);
        if (code === 196608) this.started = true;
        continue;
      }
      if (this.front.length < 5) return;
      const len = this.front.readInt32BE(1);
      if (this.front.length < len + 1) return;
      this.frontend(String.fromCharCode(this.front[0]!), new Reader(this.front.subarray(5, len + 1)));
      this.front = this.front.subarray(len + 1);
    }
  }

  fromServer(chunk: Buffer): void {
    if (!this.started) return;
    this.back = Buffer.concat([this.back, chunk]);
    while (this.back.length >= 5) {
      const len = this.back.readInt32BE(1);
      if (this.back.length < len + 1) return;
      const type = String.fromCharCode(this.back[0]!);
      const body = new Reader(this.back.subarray(5, len + 1));
      this.back = this.back.subarray(len + 1);
      if (type === "t") {
        const name = this.describing.shift();
        const n = body.int16();
        const types = Array.from({ length: n }, () => body.int32());
        const st = name === undefined ? undefined : this.statements.get(name);
        if (st) st.types = st.types.map((t, i) => (t === 0 ? (types[i] ?? 0) : t));
        if (st && st.types.length < n) st.types = types;
      } else if (type === "E") {
        this.describing.length = 0;
      }
    }
  }

  private frontend(type: string, r: Reader): void {
    switch (type) {
      case "Q":
        this.record({ sql: r.cstring() });
        return;
      case "P": {
        const name = r.cstring();
        const sql = r.cstring();
        const n = r.int16();
        const parseTypes = Array.from({ length: n }, () => r.int32());
        this.statements.set(name, { sql, parseTypes, types: parseTypes });
        return;
      }
      case "D": {
        const kind = String.fromCharCode(r.bytes(1)[0]!);
        if (kind === "S") this.describing.push(r.cstring());
        return;
      }
      case "B":
        this.bind(r);
        return;
      default:
        return;
    }
  }

  private bind(r: Reader): void {
    r.cstring();
    const st = this.statements.get(r.cstring());
    if (!st) return;
    const formats = Array.from({ length: r.int16() }, () => r.int16());
    const n = r.int16();
    const params: (string | null)[] = [];
    let undecodable = false;
    for (let i = 0; i < n; i++) {
      const len = r.int32();
      if (len < 0) {
        params.push(null);
        continue;
      }
      const raw = r.bytes(len);
      const binary = (formats.length === 1 ? formats[0] : formats[i]) === 1;
      const text = binary ? decodeBinary(st.types[i] ?? 0, raw) : raw.toString("utf8");
      if (text === undefined) undecodable = true;
      params.push(text ?? raw.toString("hex"));
    }
    const rec: Recorded = { sql: st.sql };
    if (n > 0 || st.types.length > 0) {
      rec.params = params;
      rec.paramTypes = st.parseTypes;
    }
    if (undecodable) rec.undecodable = true;
    this.record(rec);
  }
}

/** Starts the proxy on `port`; every statement of every connection goes to `record`. */
export function startProxy(port: number, target: number, record: (r: Recorded) => void): Promise<Server> {
  const server = createServer((client) => {
    const upstream = new Socket();
    const conn = new Connection(record);
    upstream.connect(target, "127.0.0.1");
    client.on("data", (d: Buffer) => {
      conn.fromClient(d);
      upstream.write(d);
    });
    upstream.on("data", (d: Buffer) => {
      conn.fromServer(d);
      client.write(d);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}
