import pg from "pg";
import * as A from "../src/types/codecs/decimal-arith.js";
import { parseNumeric, formatNumericValue, type NumericValue } from "../src/types/codecs/decimal.js";

const n = (s: string): NumericValue => parseNumeric(s)!;
const vals = ["0", "1", "-1", "2", "0.5", "-0.5", "1.5", "2.5", "-2.5", "10", "3", "7", "0.001", "123.456", "-123.456", "1e10", "1e-10", "9.99", "0.1", "100", "1.0000001", "0.9999", "12345678901234567890.123", "NaN", "Infinity", "-Infinity", "1.1", "0.9", "1.05", "2.0", "1e100", "3.14159", "0.000123"];
type F = [string, (a: NumericValue, b: NumericValue) => NumericValue | number | null, number];
const fns: F[] = [
  ["+", A.add, 2], ["-", A.sub, 2], ["*", A.mul, 2], ["/", A.div, 2], ["%", A.mod, 2],
  ["div", A.divTrunc, 2], ["mod", A.mod, 2], ["power", A.power, 2], ["log", A.log, 2], ["gcd", A.gcd, 2], ["lcm", A.lcm, 2],
  ["sqrt", (a) => A.sqrt(a), 1], ["exp", (a) => A.exp(a), 1], ["ln", (a) => A.ln(a), 1], ["log10", (a) => A.log10(a), 1],
  ["round", (a) => A.round(a), 1], ["trunc", (a) => A.trunc(a), 1], ["ceil", (a) => A.ceil(a), 1], ["floor", (a) => A.floor(a), 1],
  ["sign", (a) => A.sign(a), 1], ["abs", (a) => A.absValue(a), 1], ["scale", (a) => A.scaleOf(a), 1], ["min_scale", (a) => A.minScale(a), 1], ["trim_scale", (a) => A.trimScale(a), 1],
];
const c = new pg.Client({ host: "127.0.0.1", port: 55432, user: "postgres", database: "postgres" });
await c.connect();
let bad = 0, total = 0;
for (const [name, fn, arity] of fns) {
  const pairs: [string, string][] = arity === 1 ? vals.map((v) => [v, ""]) : vals.flatMap((a) => vals.map((b) => [a, b] as [string, string]));
  for (const [a, b] of pairs) {
    if (name === "power" && (a.includes("e100") || a.startsWith("1234")) && !["0","1","2","-1","0.5"].includes(b)) continue;
    const op = /^[+\-*/%]$/.test(name);
    const sql = op ? `SELECT ('${a}'::numeric ${name} '${b}'::numeric)::text` : arity === 1 ? `SELECT ${name}('${a}'::numeric)::text` : `SELECT ${name}('${a}'::numeric, '${b}'::numeric)::text`;
    let theirs: string;
    try { theirs = (await c.query({ text: sql, rowMode: "array" })).rows[0][0] ?? "NULL"; } catch (e) { theirs = `ERR ${(e as { code: string }).code} ${(e as Error).message}`; }
    let ours: string;
    try { const r = fn(n(a), n(b)); ours = r === null ? "NULL" : typeof r === "number" ? String(r) : formatNumericValue(r); } catch (e) { ours = `ERR ${(e as { fields?: { code: string } }).fields?.code} ${(e as Error).message}`; }
    total++;
    if (ours !== theirs) { bad++; if (bad < 60) console.log(`${sql}\n  pg:   ${theirs.slice(0, 200)}\n  ours: ${ours.slice(0, 200)}`); }
  }
}
console.log(`${bad} of ${total} differ`);
await c.end();
