// The domains information_schema's views declare their columns with (sql_identifier, ...). As with
// any domain, a value of one behaves as its base type in expressions and RowDescription.

/** Domain OID -> [name, base type OID, base typmod]. */
export const INFORMATION_SCHEMA_DOMAINS: Readonly<Record<number, readonly [string, number, number]>> = {
  13221: ["cardinal_number", 23, -1],
  13224: ["character_data", 1043, -1],
  13226: ["sql_identifier", 19, -1],
  13232: ["time_stamp", 1184, 2],
  13234: ["yes_or_no", 1043, 7],
};

/** A catalog column's type as expressions see it: an information_schema domain's base type. */
export function catalogColumnType(oid: number, typmod: number): { oid: number; typmod: number } {
  const domain = INFORMATION_SCHEMA_DOMAINS[oid];
  return domain ? { oid: domain[1], typmod: domain[2] } : { oid, typmod };
}
