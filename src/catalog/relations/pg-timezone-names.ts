import { findZone } from "../../types/codecs/timezone.js";
import { type CatalogRow, defineCatalogRows } from "../catalog.js";

/**
 * pg_timezone_names: the IANA zones Node's ICU knows, with the abbreviation, UTC offset and
 * daylight-saving state in force now (recomputed at most once a minute).
 */

let cached: { at: number; rows: CatalogRow[] } | undefined;

/**
 * ICU lists zones by their oldest name (Asia/Calcutta); tzdata, and so PostgreSQL, also has the
 * current names, which are the ones people use.
 */
const CURRENT_NAMES = [
  "Asia/Kolkata",
  "Asia/Ho_Chi_Minh",
  "Asia/Kathmandu",
  "Asia/Yangon",
  "Europe/Kyiv",
  "America/Nuuk",
  "Atlantic/Faroe",
  "Pacific/Chuuk",
  "Pacific/Pohnpei",
  "Pacific/Kanton",
  "America/Argentina/Buenos_Aires",
  "America/Indiana/Indianapolis",
  "America/Kentucky/Louisville",
  "Asia/Thimphu",
  "Asia/Dhaka",
  "Asia/Ulaanbaatar",
  "Africa/Asmara",
  "Atlantic/Reykjavik",
  "Etc/UTC",
  "Etc/GMT",
];

function zoneRows(nowSec: number): CatalogRow[] {
  const year = new Date(nowSec * 1000).getUTCFullYear();
  const jan = Date.UTC(year, 0, 1) / 1000;
  const jul = Date.UTC(year, 6, 1) / 1000;
  const rows: CatalogRow[] = [];
  const names = new Set([...Intl.supportedValuesOf("timeZone"), "UTC", ...CURRENT_NAMES]);
  for (const name of [...names].sort()) {
    const zone = findZone(name);
    if (!zone) continue;
    const offset = zone.offsetAt(nowSec);
    const standard = Math.min(zone.offsetAt(jan), zone.offsetAt(jul));
    rows.push({
      name,
      abbrev: zone.abbrevAt(nowSec),
      // interval storage: months, days, microseconds.
      utc_offset: `0 0 ${offset * 1_000_000}`,
      is_dst: offset > standard ? 1 : 0,
    });
  }
  return rows;
}

defineCatalogRows(
  "pg_catalog.pg_timezone_names",
  () => {
    const now = Date.now();
    if (!cached || now - cached.at > 60_000) cached = { at: now, rows: zoneRows(Math.floor(now / 1000)) };
    return cached.rows;
  },
  "session",
);
