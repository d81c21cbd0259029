// The columns that WITH RECURSIVE's SEARCH and CYCLE clauses add (rewriteSearchCycle.c). Their
// names start with "?" so that no query can call them by name; the translator of recursive WITH
// queries (src/sql/translate/recursive-cte.ts) adds calls to them to each term's select list.
//
// The search sequence column holds a text key whose byte order is PostgreSQL's order of the
// sequence value: for DEPTH FIRST the array of the rows' BY columns from the root down (arrays
// compare element by element, a prefix first), for BREADTH FIRST the level and then the BY columns.
// The cycle path column is a record[] of the CYCLE columns, stored as arrays are (JSON of the
// records' text), and the cycle test compares those texts.
import { BOOL, FLOAT4, FLOAT8, INT2, INT4, INT8, NUMERIC, OID, TEXT, t } from "../../sql/oids.js";
import { codecFor } from "../../types/codecs.js";
import { typeByName } from "../../types/registry.js";
import type { SqliteValue, StoredValue } from "../../types/sqlite-value.js";
import type { FunctionDef } from "../registry.js";
import { defineFunctions } from "../registry.js";
import { currentSession } from "../runtime.js";

const RECORD_ARRAY = typeByName("_record")!.oid;
const INTEGERS = new Set([INT2, INT4, INT8, OID]);
const FLOATS = new Set([FLOAT4, FLOAT8, NUMERIC]);

/** An integer as 16 hex digits whose text order is the numbers' order. */
function integerKey(v: bigint): string {
  return (BigInt.asUintN(64, v) ^ (1n << 63n)).toString(16).padStart(16, "0");
}

/** A double as 16 hex digits whose text order is the numbers' order (NaN above everything). */
function floatKey(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Number.isNaN(x) ? Number.NaN : x);
  let bits = view.getBigUint64(0);
  bits = bits & (1n << 63n) ? BigInt.asUintN(64, ~bits) : bits | (1n << 63n);
  return bits.toString(16).padStart(16, "0");
}

/** One value's key: self-delimiting, so that keys concatenate into a key of the tuple. NULLs sort last. */
function valueKey(type: number, v: SqliteValue): string {
  if (v === null) return "b";
  if (INTEGERS.has(type)) return `a${integerKey(BigInt(v as bigint | number))}`;
  if (FLOATS.has(type)) return `a${floatKey(Number(v))}`;
  const s = v instanceof Uint8Array ? Buffer.from(v).toString("hex") : String(v);
  // \x01 ends the text and sorts below every character in it; a \x01 inside becomes \x01\x02.
  return `a${s.replace(/\x01/g, "\x01\x02")}\x01\x01`;
}

function rowKey(types: number[], values: SqliteValue[]): string {
  return values.map((v, i) => valueKey(types[i]!, v)).join("");
}

/** record_out: the fields in parentheses, quoted where they need it, NULL as nothing. */
function recordText(types: number[], values: SqliteValue[]): string {
  const ctx = currentSession().formatContext();
  const fields = values.map((v, i) => {
    if (v === null) return "";
    const type = types[i]!;
    const s = type === BOOL ? (Number(v) ? "t" : "f") : codecFor(type).toText(v as StoredValue, -1, ctx);
    return s === "" || /[",\\()\s]/.test(s) ? `"${s.replace(/["\\]/g, "$&$&")}"` : s;
  });
  return `(${fields.join(",")})`;
}

function split(args: SqliteValue[]): [number[], SqliteValue, SqliteValue[]] {
  const n = args.length / 2;
  return [args.slice(1, n).map(Number), args[n]!, args.slice(n + 1)];
}

function pathOf(path: SqliteValue): string[] {
  return path === null ? [] : (JSON.parse(String(path)) as string[]);
}

function internal(
  name: string,
  udfName: string,
  returns: number,
  impl: (types: number[], parent: SqliteValue, values: SqliteValue[]) => SqliteValue,
): FunctionDef {
  return {
    name,
    kind: "udf",
    udfName,
    args: ["any", "any"],
    variadic: true,
    passTypes: true,
    strict: false,
    returns: t(returns),
    volatility: "stable",
    impl: (...args) => impl(...split(args)),
  };
}

defineFunctions([
  // SEARCH DEPTH FIRST: the parent's key (NULL in the non-recursive term) and this row's.
  internal(
    "?search_depth",
    "pg_search_depth",
    TEXT,
    (types, parent, values) => (parent === null ? "" : String(parent)) + rowKey(types, values),
  ),
  // SEARCH BREADTH FIRST: the level (the parent's plus one) and this row's key.
  internal("?search_breadth", "pg_search_breadth", TEXT, (types, parent, values) => {
    const level = parent === null ? 0n : BigInt(`0x${String(parent).slice(1, 17)}`) - (1n << 63n) + 1n;
    return `a${integerKey(level)}${rowKey(types, values)}`;
  }),
  // CYCLE ... USING path: the parent's path with this row's CYCLE columns appended.
  internal("?cycle_path", "pg_cycle_path", RECORD_ARRAY, (types, parent, values) =>
    JSON.stringify([...pathOf(parent), recordText(types, values)]),
  ),
  // Whether this row's CYCLE columns are already on the parent's path.
  internal("?cycle_member", "pg_cycle_member", BOOL, (types, parent, values) =>
    pathOf(parent).includes(recordText(types, values)) ? 1 : 0,
  ),
]);
