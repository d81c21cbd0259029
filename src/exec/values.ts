import { isRegType } from "../catalog/regtypes.js";
import { PgError } from "../errors/pg-error.js";
import { rowDescription } from "../protocol/encode.js";
import type { FieldDescription, FormatCode } from "../protocol/messages.js";
import { Writer } from "../protocol/writer.js";
import { OID as OID_TYPE, TEXT as TEXT_TYPE } from "../sql/oids.js";
import type { ResultColumn } from "../sql/plan.js";
import { codecFor } from "../types/codecs.js";
import type { FormatContext } from "../types/format-context.js";
import { arrayTypeOf, elementTypeOf, typeByOid } from "../types/registry.js";
import type { SqliteValue } from "../types/sqlite-value.js";
import type { TypeCodec } from "../types/type-codec.js";

/** Conversion between SQLite values and the wire: result columns out, parameters in. */

/** "The result-column format codes ... can be zero (all text), one (applies to all), or one per column." */
export function formatFor(formats: readonly FormatCode[], i: number): FormatCode {
  return formats.length === 0 ? 0 : formats.length === 1 ? formats[0]! : (formats[i] ?? 0);
}

export function checkFormatCount(formats: readonly FormatCode[], n: number, what: string): void {
  if (formats.length > 1 && formats.length !== n) {
    throw new PgError(
      "PROTOCOL_VIOLATION",
      `bind message has ${formats.length} ${what} formats but ${n} ${what}s`,
    );
  }
}

export function fieldDescriptions(
  columns: readonly ResultColumn[],
  formats: readonly FormatCode[],
): FieldDescription[] {
  return columns.map((c, i) => ({
    name: c.name,
    tableOid: c.tableOid,
    columnNumber: c.attnum,
    typeOid: c.type.oid,
    typeSize: typeByOid(c.type.oid)?.len ?? -1,
    typeModifier: c.type.typmod,
    format: formatFor(formats, i),
  }));
}

/** Encoded RowDescription messages by result columns (a cached plan's) and format codes. */
const rowDescriptions = new WeakMap<readonly ResultColumn[], Map<string, Buffer>>();

/** Writes the RowDescription of columns, encoded once per plan and format codes. */
export function writeRowDescription(
  w: Writer,
  columns: readonly ResultColumn[],
  formats: readonly FormatCode[],
): void {
  let byFormats = rowDescriptions.get(columns);
  if (!byFormats) {
    byFormats = new Map();
    rowDescriptions.set(columns, byFormats);
  }
  const key = formats.join(",");
  let bytes = byFormats.get(key);
  if (!bytes) {
    const one = new Writer(256);
    rowDescription(one, fieldDescriptions(columns, formats));
    bytes = one.toBuffer();
    byFormats.set(key, bytes);
  }
  w.bytes(bytes);
}

export type ValueEncoder = (w: Writer, v: SqliteValue) => void;

/** One encoder per column, chosen once per portal so that rows encode without lookups. */
export function valueEncoders(
  columns: readonly ResultColumn[],
  formats: readonly FormatCode[],
  ctx: FormatContext,
  /** Names of objects that regclass, regtype, ... values denote. */
  regName?: (type: number, oid: number) => string,
): ValueEncoder[] {
  return columns.map((c, i) => {
    const elem = elementTypeOf(c.type.oid);
    const codec = isRegType(c.type.oid)
      ? regCodec(c.type.oid, regName)
      : elem !== undefined && isRegType(elem)
        ? regArrayCodec(c.type.oid, elem, regName)
        : codecFor(c.type.oid);
    const typmod = c.type.typmod;
    if (formatFor(formats, i) === 1) {
      const toBinary = codec.toBinary;
      if (!toBinary) {
        throw new PgError(
          "FEATURE_NOT_SUPPORTED",
          `binary output of type ${typeByOid(c.type.oid)?.sqlName ?? c.type.oid} is not supported`,
        );
      }
      return (w, v) => {
        if (v === null) w.int32(-1);
        else w.lengthPrefixedBytes(toBinary(v, typmod, ctx));
      };
    }
    return (w, v) => {
      if (v === null) w.int32(-1);
      else w.lengthPrefixedString(codec.toText(v, typmod, ctx));
    };
  });
}

/** regclass and friends: OIDs printed as names, sent in binary as oid. */
function regCodec(type: number, regName: ((type: number, oid: number) => string) | undefined): TypeCodec {
  const oid = codecFor(OID_TYPE);
  return { ...oid, toText: (v) => (regName ? regName(type, Number(v)) : String(v)) };
}

/** regclass[], regtype[], ...: their text form names each element, as text[]'s would print. */
function regArrayCodec(
  type: number,
  elem: number,
  regName: ((type: number, oid: number) => string) | undefined,
): TypeCodec {
  const text = codecFor(arrayTypeOf(TEXT_TYPE)!);
  const names = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(names) : x === null ? null : regName ? regName(elem, Number(x)) : String(x);
  return {
    ...codecFor(type),
    toText: (v, typmod, ctx) => text.toText(JSON.stringify(names(JSON.parse(String(v)))), typmod, ctx),
  };
}

/** Reads Bind's parameter values as the statement's parameter types. */
export function decodeParams(
  types: readonly number[],
  formats: readonly FormatCode[],
  values: readonly (Uint8Array | null)[],
  ctx: FormatContext,
  statement: string,
  /** OIDs of the objects names denote, for regclass, regtype, ... parameters. */
  regOid?: (type: number, name: string) => number | undefined,
): SqliteValue[] {
  if (values.length !== types.length) {
    throw new PgError(
      "PROTOCOL_VIOLATION",
      `bind message supplies ${values.length} parameters, but prepared statement "${statement}" requires ${types.length}`,
    );
  }
  checkFormatCount(formats, values.length, "parameter");
  return values.map((raw, i) => {
    if (raw === null) return null;
    const codec = codecFor(types[i]!);
    if (formatFor(formats, i) === 1) {
      if (!codec.fromBinary) {
        throw new PgError(
          "FEATURE_NOT_SUPPORTED",
          `binary input of type ${typeByOid(types[i]!)?.sqlName ?? types[i]} is not supported`,
        );
      }
      return codec.fromBinary(raw, -1, ctx);
    }
    const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8");
    if (isRegType(types[i]!) && regOid) {
      const oid = regOid(types[i]!, text);
      if (oid === undefined) throw new PgError("UNDEFINED_OBJECT", `object "${text}" does not exist`);
      return oid;
    }
    return codec.fromText(text, -1, ctx);
  });
}
