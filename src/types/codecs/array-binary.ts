// The binary array format (array_send / array_recv in arrayfuncs.c): ndim, has-null flag, element
// type OID, then per dimension its length and lower bound, then each element length-prefixed.
import { PgError } from "../../errors/pg-error.js";
import type { FormatContext } from "../format-context.js";
import { typeByOid } from "../registry.js";
import type { ArrayTree } from "./array-json.js";
import type { ElementType } from "./arrays.js";
import { BinaryReader, BinaryWriter } from "./binary.js";

const MAXDIM = 6;

function shapeOf(tree: ArrayTree): number[] {
  const dims: number[] = [];
  let level: ArrayTree | undefined = tree;
  while (level && level.length > 0) {
    dims.push(level.length);
    const first: unknown = level[0];
    level = Array.isArray(first) ? (first as ArrayTree) : undefined;
  }
  return dims;
}

export function arrayToBinary(
  tree: ArrayTree,
  elem: ElementType,
  typmod: number,
  ctx: FormatContext,
): Uint8Array {
  const toBinary = elem.codec.toBinary!;
  const dims = shapeOf(tree);
  const leaves: ArrayTree = [];
  const collect = (t: ArrayTree) => {
    for (const v of t) {
      if (Array.isArray(v)) collect(v);
      else leaves.push(v);
    }
  };
  collect(tree);
  const w = new BinaryWriter();
  w.int32(dims.length)
    .int32(leaves.some((v) => v === null) ? 1 : 0)
    .int32(elem.oid);
  for (const d of dims) w.int32(d).int32(1);
  for (const v of leaves) {
    if (v === null) {
      w.int32(-1);
    } else {
      const b = toBinary(v as Exclude<typeof v, null | ArrayTree>, typmod, ctx);
      w.int32(b.length).bytes(b);
    }
  }
  return w.finish();
}

function typeLabel(oid: number): string {
  return `${oid} (${typeByOid(oid)?.name ?? "unknown"})`;
}

export function arrayFromBinary(
  bytes: Uint8Array,
  elem: ElementType,
  typmod: number,
  ctx: FormatContext,
): ArrayTree {
  const fromBinary = elem.codec.fromBinary!;
  const r = new BinaryReader(bytes);
  const ndim = r.int32();
  if (ndim < 0) throw new PgError("INVALID_BINARY_REPRESENTATION", `invalid number of dimensions: ${ndim}`);
  if (ndim > MAXDIM) {
    throw new PgError(
      "PROGRAM_LIMIT_EXCEEDED",
      `number of array dimensions (${ndim}) exceeds the maximum allowed (${MAXDIM})`,
    );
  }
  const flags = r.int32();
  if (flags !== 0 && flags !== 1) throw new PgError("INVALID_BINARY_REPRESENTATION", "invalid array flags");
  const elemOid = r.int32() >>> 0;
  if (elemOid !== elem.oid) {
    throw new PgError(
      "DATATYPE_MISMATCH",
      `binary data has array element type ${typeLabel(elemOid)} instead of expected ${typeLabel(elem.oid)}`,
    );
  }
  const dims: number[] = [];
  for (let k = 0; k < ndim; k++) {
    const n = r.int32();
    const lb = r.int32();
    if (n < 0) throw new PgError("INVALID_BINARY_REPRESENTATION", "invalid array dimensions");
    if (n > 0 && lb !== 1) {
      throw new PgError("FEATURE_NOT_SUPPORTED", "array lower bounds other than 1 are not supported");
    }
    dims.push(n);
  }
  if (dims.includes(0)) dims.length = 0;
  const total = dims.reduce((a, b) => a * b, dims.length > 0 ? 1 : 0);
  const leaves: ArrayTree = [];
  for (let k = 0; k < total; k++) {
    const len = r.int32();
    if (len === -1) {
      leaves.push(null);
      continue;
    }
    if (len < 0) throw new PgError("INVALID_BINARY_REPRESENTATION", `insufficient data left in message`);
    leaves.push(fromBinary(r.bytes(len), typmod, ctx));
  }
  if (r.remaining > 0) throw new PgError("INVALID_BINARY_REPRESENTATION", "incorrect binary data format");
  // Rebuild the nesting from the innermost dimension out.
  let level: ArrayTree = leaves;
  for (let k = dims.length - 1; k > 0; k--) {
    const size = dims[k]!;
    const next: ArrayTree = [];
    for (let j = 0; j < level.length; j += size) next.push(level.slice(j, j + size));
    level = next;
  }
  return level;
}
