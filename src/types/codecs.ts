// The codec of every type, and typmod coercion on assignment and casts.
import { arrayToJson } from "./codecs/array-json.js";
import { arrayCodec, mapTree, storedArray } from "./codecs/arrays.js";
import { bitCodec, coerceBits, storedBits, varbitCodec } from "./codecs/bits.js";
import { boolCodec } from "./codecs/bool.js";
import { byteaCodec } from "./codecs/bytea.js";
import { dateCodec } from "./codecs/date.js";
import { timeOfDayText } from "./codecs/datetime-calendar.js";
import { formatNumericValue } from "./codecs/decimal.js";
import { float4Codec, float8Codec } from "./codecs/floats.js";
import { cidrCodec, inetCodec } from "./codecs/inet.js";
import { int2Codec, int4Codec, int8Codec, oidCodec } from "./codecs/integers.js";
import {
  adjustInterval,
  formatStoredInterval,
  intervalCodec,
  parseStoredInterval,
} from "./codecs/interval.js";
import { jsonbCodec, jsonCodec } from "./codecs/json.js";
import { macaddr8Codec, macaddrCodec } from "./codecs/macaddr.js";
import { coerceNumeric, numericCodec, storedNumeric } from "./codecs/numeric.js";
import {
  applyCharTypmod,
  bpcharCodec,
  charCodec,
  nameCodec,
  storedText,
  textCodec,
  varcharCodec,
} from "./codecs/text.js";
import { tidCodec } from "./codecs/tid.js";
import {
  formatStoredTimeTz,
  parseStoredTime,
  parseStoredTimeTz,
  roundTime,
  timeCodec,
  timetzCodec,
} from "./codecs/time.js";
import {
  formatStoredTimestamp,
  parseStoredTimestamp,
  roundTimestamp,
  timestampCodec,
  timestamptzCodec,
} from "./codecs/timestamp.js";
import { uuidCodec } from "./codecs/uuid.js";
import type { FormatContext } from "./format-context.js";
import { elementTypeOf, Oid, typeByOid } from "./registry.js";
import type { SqliteValue, StoredValue } from "./sqlite-value.js";
import type { TypeCodec } from "./type-codec.js";

/** Types without a codec of their own: their text is stored and printed as it is. */
export const fallbackCodec: TypeCodec = {
  toText: storedText,
  fromText: (text) => text,
};

const specific = new Map<number, TypeCodec>([
  [Oid.bool, boolCodec],
  [Oid.bytea, byteaCodec],
  [Oid.char, charCodec],
  [Oid.name, nameCodec],
  [Oid.int8, int8Codec],
  [Oid.int2, int2Codec],
  [Oid.int4, int4Codec],
  [Oid.text, textCodec],
  [Oid.oid, oidCodec],
  [Oid.json, jsonCodec],
  [Oid.float4, float4Codec],
  [Oid.float8, float8Codec],
  [Oid.unknown, textCodec],
  [Oid.bpchar, bpcharCodec],
  [Oid.varchar, varcharCodec],
  [Oid.date, dateCodec],
  [Oid.time, timeCodec],
  [Oid.timestamp, timestampCodec],
  [Oid.timestamptz, timestamptzCodec],
  [Oid.interval, intervalCodec],
  [Oid.timetz, timetzCodec],
  [Oid.numeric, numericCodec],
  [Oid.cstring, textCodec],
  [Oid.uuid, uuidCodec],
  [Oid.tid, tidCodec],
  [Oid.jsonb, jsonbCodec],
  [Oid.inet, inetCodec],
  [Oid.cidr, cidrCodec],
  [Oid.macaddr, macaddrCodec],
  [Oid.macaddr8, macaddr8Codec],
  [Oid.bit, bitCodec],
  [Oid.varbit, varbitCodec],
]);

const cache = new Map<number, TypeCodec>();

/** The codec for a type OID; types without a specific codec get the text fallback. */
export function codecFor(oid: number): TypeCodec {
  let c = cache.get(oid);
  if (c) return c;
  c = specific.get(oid);
  if (!c) {
    const elem = elementTypeOf(oid);
    // An OID no built-in type has is an enum's, the types tenants create: enum_send and
    // enum_recv carry the label's text, so asyncpg's binary enums arrive and leave as text.
    c =
      elem !== undefined
        ? arrayCodec({ oid: elem, codec: codecFor(elem), delim: typeByOid(elem)?.delimiter ?? "," })
        : typeByOid(oid)
          ? fallbackCodec
          : textCodec;
  }
  cache.set(oid, c);
  return c;
}

/** Whether values of this type have PostgreSQL's binary send/receive format here. */
export function hasBinaryFormat(oid: number): boolean {
  const c = codecFor(oid);
  return c.toBinary !== undefined && c.fromBinary !== undefined;
}

function coerceScalar(oid: number, value: StoredValue, typmod: number, explicit: boolean): StoredValue {
  switch (oid) {
    case Oid.varchar:
      return applyCharTypmod(storedText(value), typmod, false, explicit);
    case Oid.bpchar:
      return applyCharTypmod(storedText(value), typmod, true, explicit);
    case Oid.numeric:
      return formatNumericValue(coerceNumeric(storedNumeric(value), typmod));
    case Oid.timestamp:
    case Oid.timestamptz:
      return formatStoredTimestamp(
        roundTimestamp(parseStoredTimestamp(value), typmod),
        oid === Oid.timestamptz,
      );
    case Oid.time:
      return timeOfDayText(roundTime(parseStoredTime(value).usec, typmod));
    case Oid.timetz: {
      const t = parseStoredTimeTz(value);
      return formatStoredTimeTz({ usec: roundTime(t.usec, typmod), offset: t.offset });
    }
    case Oid.interval:
      return formatStoredInterval(adjustInterval(parseStoredInterval(value), typmod));
    case Oid.bit:
    case Oid.varbit:
      return coerceBits(storedBits(value), typmod, oid === Oid.varbit, explicit);
    default:
      return value;
  }
}

/**
 * Applies a column's typmod to a stored value as PostgreSQL does on assignment: varchar(n) rejects
 * longer values (22001) unless the excess is spaces, char(n) pads, numeric(p,s) rounds and checks
 * (22003), time/timestamp(p) and interval typmods round. `explicit` gives cast semantics instead,
 * where varchar(n) and char(n) cut silently. Arrays apply the typmod to each element.
 */
export function coerceToTypmod(
  oid: number,
  value: SqliteValue,
  typmod: number,
  _ctx?: FormatContext,
  explicit = false,
): SqliteValue {
  if (value === null || typmod < 0) return value;
  const elem = elementTypeOf(oid);
  if (elem === undefined) return coerceScalar(oid, value, typmod, explicit);
  const tree = storedArray(value, elem);
  return arrayToJson(
    mapTree(tree, (v) => coerceScalar(elem, v, typmod, explicit)),
    elem,
  );
}

/**
 * A string literal coerced to a type with a typmod, as PostgreSQL's coerce_type does for an unknown
 * constant: the input function runs with typmod -1 (except for interval, whose input needs the range),
 * then the typmod is applied with the cast's semantics: `'abcdef'::varchar(3)` is 'abc', while
 * assigning 'abcdef' to a varchar(3) column (explicit false) is an error.
 */
export function fromLiteral(
  oid: number,
  text: string,
  typmod: number,
  ctx: FormatContext,
  explicit: boolean,
): StoredValue {
  const stored = codecFor(oid).fromText(text, oid === Oid.interval ? typmod : -1, ctx);
  return typmod < 0 ? stored : (coerceToTypmod(oid, stored, typmod, ctx, explicit) as StoredValue);
}
