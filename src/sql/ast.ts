import type { Node } from "@pgsql/types";

export type * as pg from "@pgsql/types";
export type { Node } from "@pgsql/types";

/** The kind of a node: the single key of its wrapper object, e.g. "SelectStmt". */
export type NodeKind = Node extends infer N ? (N extends unknown ? keyof N : never) : never;

/** The body of a node of kind K. */
export type NodeOf<K extends NodeKind> = Extract<Node, Record<K, unknown>>[K];

export function nodeKind(node: Node): NodeKind {
  for (const k in node) return k as NodeKind;
  throw new Error("empty AST node");
}

export function nodeBody(node: Node): Record<string, unknown> {
  for (const k in node) return (node as unknown as Record<string, Record<string, unknown>>)[k]!;
  throw new Error("empty AST node");
}

/** The body of node if it is of kind K. */
export function asKind<K extends NodeKind>(node: Node | undefined, kind: K): NodeOf<K> | undefined {
  if (node && kind in node) return (node as unknown as Record<K, NodeOf<K>>)[kind];
  return undefined;
}

/** The string values of a list of String nodes (qualified names, column lists). */
export function stringList(nodes: Node[] | undefined): string[] {
  return (nodes ?? []).map((n) => {
    const s = asKind(n, "String");
    if (s) return s.sval ?? "";
    if (asKind(n, "A_Star")) return "*";
    throw new Error(`expected a name, found ${nodeKind(n)}`);
  });
}

/** The parser's location (a byte offset), or undefined. */
export function locationOf(node: Node | undefined): number | undefined {
  if (!node) return undefined;
  const loc = nodeBody(node).location;
  return typeof loc === "number" && loc >= 0 ? loc : undefined;
}
