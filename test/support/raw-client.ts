import { Socket } from "node:net";
import { serialize } from "pg-protocol";
import type { BackendMessage } from "pg-protocol/dist/messages.js";
import { Parser } from "pg-protocol/dist/parser.js";

/** A backend message reduced to what is stable between servers and runs. */
export interface Msg {
  name: string;
  [field: string]: unknown;
}

function simplify(m: BackendMessage): Msg {
  const x = m as unknown as Record<string, unknown>;
  switch (m.name) {
    case "rowDescription":
      return {
        name: m.name,
        fields: (x.fields as Record<string, unknown>[]).map((f) => [f.name, f.dataTypeID, f.format]),
      };
    case "parameterDescription":
      return { name: m.name, dataTypeIDs: x.dataTypeIDs };
    case "dataRow":
      return { name: m.name, fields: x.fields };
    case "commandComplete":
      return { name: m.name, text: x.text };
    case "readyForQuery":
      return { name: m.name, status: x.status };
    case "error":
    case "notice":
      return { name: m.name, severity: x.severity, code: x.code, message: x.message, position: x.position };
    default:
      return { name: m.name };
  }
}

/** A protocol-level client: sends raw frontend messages and collects backend messages. */
export class RawClient {
  private readonly socket = new Socket();
  private readonly parser = new Parser();
  private received: Msg[] = [];
  private waiters: (() => void)[] = [];
  closed = false;

  static async connect(port: number, params: Record<string, string>): Promise<RawClient> {
    const c = new RawClient();
    await new Promise<void>((resolve, reject) => {
      c.socket.once("error", reject);
      c.socket.connect(port, "127.0.0.1", () => resolve());
    });
    c.socket.on("data", (chunk: Buffer) => {
      c.parser.parse(Buffer.from(chunk), (m) => {
        c.received.push(simplify(m));
        for (const w of c.waiters.splice(0)) w();
      });
    });
    c.socket.on("close", () => {
      c.closed = true;
      for (const w of c.waiters.splice(0)) w();
    });
    c.send(serialize.startup(params));
    await c.until((ms) => ms.some((m) => m.name === "readyForQuery" || m.name === "error"));
    c.take();
    return c;
  }

  send(...buffers: Buffer[]): void {
    this.socket.write(Buffer.concat(buffers));
  }

  /** Waits until the messages received so far satisfy done. */
  async until(done: (ms: Msg[]) => boolean, timeoutMs = 5000): Promise<Msg[]> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.received)) {
      if (this.closed) break;
      if (Date.now() > deadline) throw new Error(`timed out; received ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.received;
  }

  /** Waits for n ReadyForQuery messages and returns everything received, clearing it. */
  async untilReady(n = 1): Promise<Msg[]> {
    await this.until((ms) => ms.filter((m) => m.name === "readyForQuery").length >= n);
    return this.take();
  }

  take(): Msg[] {
    const out = this.received;
    this.received = [];
    return out;
  }

  end(): void {
    this.socket.end(serialize.end());
  }
}

export { serialize };
