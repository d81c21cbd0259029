import type { DomainInfo } from "./schema.js";

/** The domain whose CHECK of that name a table's column uses, for PostgreSQL's wording of the error. */
export function domainOfCheck(
  domains: Iterable<DomainInfo>,
  columns: { domain?: string }[],
  check: string,
): DomainInfo | undefined {
  const used = new Set(columns.map((c) => c.domain));
  for (const d of domains) if (used.has(d.name) && d.checks.some((c) => c.name === check)) return d;
  return undefined;
}
