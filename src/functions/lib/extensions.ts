// The functions of the extensions CREATE EXTENSION accepts (src/sql/translate/extensions.ts):
// uuid-ossp, and pgcrypto's digest, hmac and gen_random_bytes (gen_random_uuid is built in).
import { createHash, createHmac, randomBytes } from "node:crypto";
import { PgError } from "../../errors/pg-error.js";
import { BYTEA, INT4, TEXT, t, UUID } from "../../sql/oids.js";
import type { SqliteValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";
import { bytes, int, str } from "./strings-common.js";

const uuid = t(UUID);
const bytea = t(BYTEA);

function fn(
  name: string,
  args: FunctionDef["args"],
  returns: typeof uuid,
  volatility: FunctionDef["volatility"],
  impl: (...a: SqliteValue[]) => SqliteValue,
): FunctionDef {
  return {
    name,
    kind: "udf",
    udfName: `pg_ext_${name}_${args.length}`,
    args,
    returns,
    volatility,
    impl,
  } as FunctionDef;
}

/** RFC 4122's name space UUIDs, which uuid-ossp returns from uuid_ns_*(). */
const NAMESPACES = {
  dns: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
  url: "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
  oid: "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
  x500: "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
};

function formatUuid(b: Uint8Array): string {
  const h = Buffer.from(b).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Version 3 (MD5) and 5 (SHA-1) UUIDs: the hash of the name space's bytes and the name. */
function nameBased(
  algorithm: "md5" | "sha1",
  version: number,
  namespace: SqliteValue,
  name: SqliteValue,
): string {
  const ns = Buffer.from(str(namespace).replaceAll("-", ""), "hex");
  const digest = createHash(algorithm).update(ns).update(str(name), "utf8").digest().subarray(0, 16);
  digest[6] = (digest[6]! & 0x0f) | (version << 4);
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  return formatUuid(digest);
}

/** 100-nanosecond intervals between the Gregorian reform (1582-10-15) and the Unix epoch. */
const GREGORIAN_OFFSET = 122_192_928_000_000_000n;
let lastTicks = 0n;

/**
 * Version 1 UUIDs: the time, a random clock sequence, and a random node with the multicast bit
 * set, as RFC 4122 asks of hosts that do not use a network card's address (uuid_generate_v1mc);
 * uuid_generate_v1 does the same, since the host's MAC address is not ours to publish.
 */
function timeBased(): string {
  let ticks = BigInt(Date.now()) * 10_000n + GREGORIAN_OFFSET;
  if (ticks <= lastTicks) ticks = lastTicks + 1n;
  lastTicks = ticks;
  const b = Buffer.alloc(16);
  b.writeUInt32BE(Number(ticks & 0xffffffffn), 0);
  b.writeUInt16BE(Number((ticks >> 32n) & 0xffffn), 4);
  b.writeUInt16BE(Number((ticks >> 48n) & 0x0fffn) | 0x1000, 6);
  randomBytes(8).copy(b, 8);
  b[8] = (b[8]! & 0x3f) | 0x80;
  b[10] = b[10]! | 0x01;
  return formatUuid(b);
}

const DIGESTS: Record<string, string> = {
  md5: "md5",
  sha1: "sha1",
  sha224: "sha224",
  sha256: "sha256",
  sha384: "sha384",
  sha512: "sha512",
};

function algorithm(type: SqliteValue): string {
  const name = str(type);
  const a = DIGESTS[name.toLowerCase()];
  if (!a) throw new PgError("INVALID_PARAMETER_VALUE", `Cannot use "${name}": No such hash algorithm`);
  return a;
}

const data = (v: SqliteValue): Uint8Array | string =>
  typeof v === "string" ? Buffer.from(v, "utf8") : bytes(v);

defineFunctions([
  fn("uuid_nil", [], uuid, "immutable", () => "00000000-0000-0000-0000-000000000000"),
  fn("uuid_ns_dns", [], uuid, "immutable", () => NAMESPACES.dns),
  fn("uuid_ns_url", [], uuid, "immutable", () => NAMESPACES.url),
  fn("uuid_ns_oid", [], uuid, "immutable", () => NAMESPACES.oid),
  fn("uuid_ns_x500", [], uuid, "immutable", () => NAMESPACES.x500),
  fn("uuid_generate_v1", [], uuid, "volatile", timeBased),
  fn("uuid_generate_v1mc", [], uuid, "volatile", timeBased),
  fn("uuid_generate_v3", [UUID, TEXT], uuid, "immutable", (ns, name) => nameBased("md5", 3, ns, name)),
  fn("uuid_generate_v5", [UUID, TEXT], uuid, "immutable", (ns, name) => nameBased("sha1", 5, ns, name)),
  fn(
    "digest",
    [TEXT, TEXT],
    bytea,
    "immutable",
    (d, type) => new Uint8Array(createHash(algorithm(type)).update(data(d)).digest()),
  ),
  fn(
    "digest",
    [BYTEA, TEXT],
    bytea,
    "immutable",
    (d, type) => new Uint8Array(createHash(algorithm(type)).update(data(d)).digest()),
  ),
  fn(
    "hmac",
    [TEXT, TEXT, TEXT],
    bytea,
    "immutable",
    (d, key, type) => new Uint8Array(createHmac(algorithm(type), data(key)).update(data(d)).digest()),
  ),
  fn(
    "hmac",
    [BYTEA, BYTEA, TEXT],
    bytea,
    "immutable",
    (d, key, type) => new Uint8Array(createHmac(algorithm(type), data(key)).update(data(d)).digest()),
  ),
  fn("gen_random_bytes", [INT4], bytea, "volatile", (n) => {
    const count = int(n);
    if (count < 1 || count > 1024)
      throw new PgError("EXTERNAL_ROUTINE_INVOCATION_EXCEPTION", "Length not in range");
    return new Uint8Array(randomBytes(count));
  }),
]);
