import { describe, expect, it } from "vitest";
import { PgError } from "../../errors/pg-error.js";
import { formatNumericValue, type NumericValue, parseNumeric } from "./decimal.js";
import * as A from "./decimal-arith.js";

const n = (s: string): NumericValue => parseNumeric(s)!;

type Fn = (...args: never[]) => NumericValue | number | null;

/** Expected results as PostgreSQL 15 prints them (SELECT f('a'::numeric, ...)::text). */
const cases: [keyof typeof A, (string | number)[], string][] = [
  ["add", ["0.1", "0.2"], "0.3"],
  ["add", ["1.50", "-1.5"], "0.00"],
  ["add", ["Infinity", "-Infinity"], "NaN"],
  ["add", ["NaN", "1"], "NaN"],
  ["sub", ["0.3", "0.1"], "0.2"],
  ["sub", ["-Infinity", "1e300"], "-Infinity"],
  ["mul", ["1.10", "2.5"], "2.750"],
  ["mul", ["0.001", "0.001"], "0.000001"],
  ["mul", ["Infinity", "0"], "NaN"],
  ["mul", ["-Infinity", "-2"], "Infinity"],
  ["div", ["1", "3"], "0.33333333333333333333"],
  ["div", ["10", "4"], "2.5000000000000000"],
  ["div", ["2", "3"], "0.66666666666666666667"],
  ["div", ["123456789", "0.00003"], "4115226300000.00000"],
  ["div", ["1.000", "7"], "0.14285714285714285714"],
  ["div", ["1", "Infinity"], "0"],
  ["div", ["-Infinity", "2"], "-Infinity"],
  ["div", ["NaN", "0"], "NaN"],
  ["mod", ["7.5", "2"], "1.5"],
  ["mod", ["-7", "3"], "-1"],
  ["mod", ["5", "Infinity"], "5"],
  ["mod", ["Infinity", "2"], "NaN"],
  ["divTrunc", ["-7", "2"], "-3"],
  ["divTrunc", ["7.5", "2.5"], "3"],
  ["power", ["2", "10"], "1024.0000000000000000"],
  ["power", ["2", "0.5"], "1.4142135623730950"],
  ["power", ["1.5", "-2"], "0.4444444444444444"],
  ["power", ["10", "-20"], "0.0000000000000000"],
  ["power", ["-2", "3"], "-8.0000000000000000"],
  ["power", ["3.7", "2.1"], "15.603557314885145"],
  ["power", ["0", "0"], "1.0000000000000000"],
  ["power", ["NaN", "0"], "1"],
  ["power", ["-Infinity", "3"], "-Infinity"],
  ["power", ["0.5", "-Infinity"], "Infinity"],
  ["log", ["2", "1024"], "10.0000000000000000"],
  ["log", ["10", "0.001"], "-3.0000000000000000"],
  ["log", ["0.5", "8"], "-3.0000000000000000"],
  ["log", ["Infinity", "5"], "0"],
  ["sqrt", ["2"], "1.414213562373095"],
  ["sqrt", ["0"], "0.000000000000000"],
  [
    "sqrt",
    ["1e-300"],
    "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
  ],
  ["sqrt", ["123456789012345678901234567890"], "351364182882014.4"],
  ["sqrt", ["Infinity"], "Infinity"],
  ["exp", ["1"], "2.7182818284590452"],
  ["exp", ["-100"], "0.00000000000000000000000000000000000000000003720075976020836"],
  [
    "exp",
    ["230.1"],
    "8534150275024271063415166707997205947970984676305419323762074358958501494870200126231848036715028590.9",
  ],
  ["exp", ["-Infinity"], "0"],
  ["ln", ["2"], "0.6931471805599453"],
  ["ln", ["1"], "0.0000000000000000"],
  [
    "ln",
    ["1e-300"],
    "-690.775527898213705205397436405309262280330446588631892809998370290271782903205744070799161526879489502590335212685874590022857639524842026999886210729634506844872162497666404253139968447869959558518051592689613319788653849009866686309465966023963100242321272982309546514680294481817443885821320066631531",
  ],
  ["ln", ["1.0001"], "0.00009999500033330834"],
  ["log10", ["1000"], "3.0000000000000000"],
  ["log10", ["2"], "0.3010299956639812"],
  ["ceil", ["-1.5"], "-1"],
  ["ceil", ["1.01"], "2"],
  ["floor", ["-1.5"], "-2"],
  ["floor", ["-0.5"], "-1"],
  ["sign", ["-3.5"], "-1"],
  ["sign", ["0.00"], "0"],
  ["absValue", ["-1.50"], "1.50"],
  ["trimScale", ["1.500"], "1.5"],
  ["trimScale", ["100.000"], "100"],
  ["gcd", ["1.5", "0.25"], "0.25"],
  ["lcm", ["1.5", "0.25"], "1.50"],
  ["gcd", ["-12", "18"], "6"],
  ["lcm", ["0", "5.5"], "0.0"],
  ["round", ["2.5", 0], "3"],
  ["trunc", ["2.5", 0], "2"],
  ["round", ["-2.5", 0], "-3"],
  ["trunc", ["-2.5", 0], "-2"],
  ["round", ["1234.5678", 2], "1234.57"],
  ["trunc", ["1234.5678", 2], "1234.56"],
  ["round", ["1234.5678", -2], "1200"],
  ["trunc", ["1234.5678", -2], "1200"],
  ["round", ["-0.5", 0], "-1"],
  ["trunc", ["-0.5", 0], "0"],
  ["round", ["99.995", 2], "100.00"],
  ["trunc", ["99.995", 2], "99.99"],
  ["round", ["0.000499", 3], "0.000"],
  ["trunc", ["0.000499", 3], "0.000"],
  ["round", ["5", -1], "10"],
  ["trunc", ["5", -1], "0"],
  ["round", ["15", -1], "20"],
  ["trunc", ["15", -1], "10"],
];

function run(fn: keyof typeof A, args: (string | number)[]): string {
  // biome-ignore lint/performance/noDynamicNamespaceImportAccess: a table of the module's functions
  const f = A[fn] as unknown as Fn;
  const values = args.map((a) => (typeof a === "number" ? a : n(a))) as never[];
  const r = f(...values);
  return r === null ? "NULL" : typeof r === "number" ? String(r) : formatNumericValue(r);
}

describe("numeric arithmetic", () => {
  it.each(cases)("%s(%j) = %s", (fn, args, expected) => {
    expect(run(fn, args)).toBe(expected);
  });

  it("raises PostgreSQL's errors", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof PgError ? e.code : String(e);
      }
      return "no error";
    };
    expect(code(() => A.div(n("1"), n("0")))).toBe("22012");
    expect(code(() => A.mod(n("1.5"), n("0")))).toBe("22012");
    expect(code(() => A.sqrt(n("-1")))).toBe("2201F");
    expect(code(() => A.ln(n("0")))).toBe("2201E");
    expect(code(() => A.ln(n("-1")))).toBe("2201E");
    expect(code(() => A.log(n("1"), n("10")))).toBe("22012");
    expect(code(() => A.power(n("0"), n("-1")))).toBe("2201F");
    expect(code(() => A.power(n("-8"), n("0.5")))).toBe("2201F");
    expect(code(() => A.exp(n("100000")))).toBe("22003");
    expect(code(() => A.factorial(-1n))).toBe("22003");
    expect(code(() => A.toInteger(n("32767.5"), 16))).toBe("22003");
    expect(code(() => A.toInteger(n("NaN"), 32))).toBe("0A000");
  });

  it("compares as PostgreSQL: NaN above everything, equal scales ignored", () => {
    expect(A.compare(n("1.0"), n("1.00"))).toBe(0);
    expect(A.compare(n("9"), n("10.5"))).toBe(-1);
    expect(A.compare(n("-2"), n("-1.5"))).toBe(-1);
    expect(A.compare(n("NaN"), n("Infinity"))).toBe(1);
    expect(A.compare(n("NaN"), n("NaN"))).toBe(0);
    expect(A.compare(n("-Infinity"), n("-1e300"))).toBe(-1);
  });

  it("selects the division scale as select_div_scale does", () => {
    const f = (a: string, b: string) => A.selectDivScale(A.toFixed(n(a) as never), A.toFixed(n(b) as never));
    expect(f("1", "3")).toBe(20);
    expect(f("10", "4")).toBe(16);
    expect(f("3", "2")).toBe(16);
    expect(f("1.000000000000000000001", "7")).toBe(21);
  });

  it("computes widths, factorials and integer conversions", () => {
    expect(A.widthBucket(n("5.5"), n("0"), n("10"), 4)).toBe(3);
    expect(A.widthBucket(n("0.2"), n("0"), n("0.3"), 3)).toBe(3);
    expect(A.widthBucket(n("10"), n("0"), n("10"), 4)).toBe(5);
    expect(formatNumericValue(A.factorial(25n))).toBe("15511210043330985984000000");
    expect(A.toInteger(n("2.5"), 32)).toBe(3n);
    expect(A.toInteger(n("-2.5"), 32)).toBe(-3n);
    expect(A.minScale(n("1.2300"))).toBe(2);
    expect(A.scaleOf(n("NaN"))).toBeNull();
  });
});
