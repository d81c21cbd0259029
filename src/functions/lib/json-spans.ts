// json values read with their source spans: json keeps its text as given, so ->, json_each and
// friends return slices of it.
import { PgError } from "../../errors/pg-error.js";

export type JsonNode =
  | { t: "object"; s: number; e: number; members: [string, JsonNode][] }
  | { t: "array"; s: number; e: number; items: JsonNode[] }
  | { t: "string"; s: number; e: number; value: string }
  | { t: "number" | "true" | "false" | "null"; s: number; e: number };

/** Reads json text (already validated on input) into a tree of spans. */
export function parseJsonSpans(text: string): JsonNode {
  let i = 0;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  const stringToken = (): { s: number; e: number; value: string } => {
    const s = i;
    i++;
    let chunk = i;
    let out = "";
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) throw badStoredJson();
      if (c === 34) break;
      if (c === 92) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        if (e === "u") {
          const code = Number.parseInt(text.slice(i + 2, i + 6), 16);
          if (code === 0) {
            throw new PgError("UNTRANSLATABLE_CHARACTER", "unsupported Unicode escape sequence", {
              detail: "\\u0000 cannot be converted to text.",
            });
          }
          out += String.fromCharCode(code);
          i += 6;
        } else {
          out += ESCAPES[e ?? ""] ?? e ?? "";
          i += 2;
        }
        chunk = i;
      } else i++;
    }
    out += text.slice(chunk, i);
    i++;
    return { s, e: i, value: out };
  };
  const value = (): JsonNode => {
    ws();
    const c = text[i];
    const s = i;
    if (c === "{") {
      i++;
      const members: [string, JsonNode][] = [];
      ws();
      if (text[i] === "}") {
        i++;
        return { t: "object", s, e: i, members };
      }
      for (;;) {
        ws();
        const key = stringToken().value;
        ws();
        i++; // ":"
        members.push([key, value()]);
        ws();
        if (text[i++] === "}") return { t: "object", s, e: i, members };
      }
    }
    if (c === "[") {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return { t: "array", s, e: i, items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i++] === "]") return { t: "array", s, e: i, items };
      }
    }
    if (c === '"') return { t: "string", ...stringToken() };
    const m = /^(?:true|false|null|-?[0-9][0-9.eE+-]*)/.exec(text.slice(i, i + 400));
    if (!m) throw badStoredJson();
    i += m[0].length;
    const t = m[0] === "true" || m[0] === "false" || m[0] === "null" ? m[0] : "number";
    return { t, s, e: i };
  };
  const v = value();
  return v;
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

function badStoredJson(): PgError {
  return new PgError("INVALID_TEXT_REPRESENTATION", "invalid input syntax for type json");
}

/** The text of a json node, as -> returns it. */
export function nodeText(text: string, n: JsonNode): string {
  return text.slice(n.s, n.e);
}

/** The text of a json node as ->> returns it: strings de-escaped, null as SQL NULL. */
export function nodeAsText(text: string, n: JsonNode): string | null {
  if (n.t === "string") return n.value;
  if (n.t === "null") return null;
  return nodeText(text, n);
}

export function nodeType(n: JsonNode): string {
  return n.t === "true" || n.t === "false" ? "boolean" : n.t;
}

/** json field lookup: the last member with the key (as PostgreSQL's json -> finds it). */
export function jsonField(n: JsonNode, key: string): JsonNode | undefined {
  if (n.t !== "object") return undefined;
  let found: JsonNode | undefined;
  for (const [k, v] of n.members) if (k === key) found = v;
  return found;
}

export function jsonElement(n: JsonNode, index: number): JsonNode | undefined {
  if (n.t !== "array") return undefined;
  const i = index < 0 ? n.items.length + index : index;
  return n.items[i];
}
