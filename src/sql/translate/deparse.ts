import { deparseSync } from "pgsql-deparser";
import type { Node } from "../ast.js";

/** PostgreSQL SQL text for an expression node, for what must be stored as text (defaults). */
export function deparseExpression(node: Node): string {
  return deparseSync(node);
}
